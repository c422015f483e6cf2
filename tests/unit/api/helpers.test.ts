import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeUtf8, findJsonSyntaxError, parseJsonText } from '../../../src/json-text.js';
import { errorCodeOf, isRetryableCode, toNetworkError, wasNotSent } from '../../../src/api/network-errors.js';
import { backoffDelay, BACKOFF_CAP_MS, MAX_RETRIES, parseRetryAfter, RETRYABLE_STATUSES } from '../../../src/api/retry-policy.js';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

describe('retry policy', () => {
  it('uses full jitter on a doubling ceiling capped at 4 s', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, () => 1)), [250, 500, 1000, 2000, 4000, 4000, 4000]);
    assert.deepEqual([0, 1, 2].map((n) => backoffDelay(n, () => 0)), [0, 0, 0]);
    assert.equal(backoffDelay(2, () => 0.333), 333);
    fc.assert(fc.property(fc.nat(40), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
      const wait = backoffDelay(n, () => r);
      return wait >= 0 && wait <= BACKOFF_CAP_MS;
    }));
  });

  it('retries the documented statuses at most 5 times', () => {
    assert.deepEqual([...RETRYABLE_STATUSES].sort(), [408, 429, 500, 502, 503, 504]);
    assert.equal(MAX_RETRIES, 5);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    assert.equal(parseRetryAfter('2', NOW), 2000);
    assert.equal(parseRetryAfter(' 120 ', NOW), 120_000);
    assert.equal(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW), 5000);
    assert.equal(parseRetryAfter('Sun, 01 Jun 2025 12:01:00 GMT', NOW), 60_000);
  });

  it('ignores absent, zero, past, negative and garbage values', () => {
    for (const value of [undefined, '', '0', '-3', '1.5', 'soon', '1 2', 'Sun, 01 Jun 2025 11:59:00 GMT', 'Mon, 99 Foo 2025']) {
      assert.equal(parseRetryAfter(value, NOW), undefined, String(value));
    }
  });
});

describe('JSON text', () => {
  it('drops a byte order mark and reports how many bytes it skipped', () => {
    assert.deepEqual(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x31])), { text: '1', skippedBytes: 3, replacedInvalid: false });
    assert.deepEqual(decodeUtf8(Buffer.from('é')), { text: 'é', skippedBytes: 0, replacedInvalid: false });
    assert.deepEqual(decodeUtf8(Buffer.from([0x22, 0xc3, 0x22])), { text: '"\ufffd"', skippedBytes: 0, replacedInvalid: true });
  });

  it('reports byte offsets, not character offsets', () => {
    assert.deepEqual(parseJsonText('["€€",x]'), { ok: false, byteOffset: 10 });
    assert.deepEqual(parseJsonText('{"a":1}'), { ok: true, value: { a: 1 } });
  });

  it('finds the first syntax error', () => {
    const cases: [string, number][] = [
      ['', 0],
      ['   ', 3],
      ['x', 0],
      ['[1,]', 3],
      ['{"a":1,}', 7],
      ['{"a" 1}', 5],
      ['[1 2]', 3],
      ['"abc', 4],
      ['["a\u0001"]', 3],
      ['"\\x"', 2],
      ['[01]', 2],
      ['[1] x', 4],
      ['<html>', 0],
    ];
    for (const [text, index] of cases) assert.equal(findJsonSyntaxError(text), index, JSON.stringify(text));
  });

  it('survives deep nesting', () => {
    assert.equal(findJsonSyntaxError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), -1);
    assert.equal(findJsonSyntaxError(`${'['.repeat(100_000)}`), 100_000);
  });

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(fc.property(fc.json(), (text) => findJsonSyntaxError(text) === -1));
    const agrees = (text: string): boolean => {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      return valid === (findJsonSyntaxError(text) === -1);
    };
    fc.assert(fc.property(fc.string(), agrees), { numRuns: 2000 });
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.string({ maxLength: 3 }), (text, at, insert) => {
        const cut = at % (text.length + 1);
        return agrees(text.slice(0, cut) + insert + text.slice(cut));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('network errors', () => {
  it('finds codes on the error, its cause and AggregateError members', () => {
    assert.equal(errorCodeOf(Object.assign(new Error('x'), { code: 'ECONNRESET' })), 'ECONNRESET');
    assert.equal(errorCodeOf(new TypeError('fetch failed', { cause: Object.assign(new Error('y'), { code: 'UND_ERR_SOCKET' }) })), 'UND_ERR_SOCKET');
    assert.equal(errorCodeOf(new AggregateError([Object.assign(new Error('z'), { code: 'ECONNREFUSED' })])), 'ECONNREFUSED');
    assert.equal(errorCodeOf(new Error('plain')), undefined);
    assert.equal(errorCodeOf('text'), undefined);
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    assert.equal(errorCodeOf(loop), undefined);
  });

  it('knows what may be retried and what never reached the server', () => {
    assert.equal(isRetryableCode('ECONNRESET'), true);
    assert.equal(isRetryableCode('UND_ERR_BODY_TIMEOUT'), true);
    assert.equal(isRetryableCode('CERT_HAS_EXPIRED'), false);
    assert.equal(isRetryableCode(undefined), false);
    assert.equal(wasNotSent('ECONNREFUSED'), true);
    assert.equal(wasNotSent('ECONNRESET'), false);
  });

  it('words each cause', () => {
    const timeouts = { connectTimeoutMs: 10_000, headersTimeoutMs: 15_000, bodyTimeoutMs: 1500 };
    const word = (code: string, phase: 'request' | 'body' = 'request'): string =>
      toNetworkError(Object.assign(new Error('x'), { code }), 'api.hathora.dev', phase, timeouts).message;
    assert.equal(word('ENOTFOUND'), 'cannot resolve api.hathora.dev');
    assert.equal(word('EAI_AGAIN'), 'cannot resolve api.hathora.dev');
    assert.equal(word('ENETUNREACH'), 'cannot connect to api.hathora.dev: network unreachable');
    assert.equal(word('EHOSTUNREACH'), 'cannot connect to api.hathora.dev: host unreachable');
    assert.equal(word('UND_ERR_CONNECT_TIMEOUT'), 'timed out connecting to api.hathora.dev after 10s');
    assert.equal(word('UND_ERR_BODY_TIMEOUT', 'body'), 'response from api.hathora.dev stalled for 1500 ms');
    assert.equal(word('ECONNRESET', 'body'), 'response from api.hathora.dev truncated: connection reset');
    assert.equal(word('UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'body'), 'response from api.hathora.dev truncated');
    assert.equal(word('DEPTH_ZERO_SELF_SIGNED_CERT'), 'TLS error connecting to api.hathora.dev: self-signed certificate');
    assert.equal(word('ERR_TLS_CERT_ALTNAME_INVALID'), 'TLS error connecting to api.hathora.dev: certificate is for another host');
    assert.equal(word('ERR_SSL_WRONG_VERSION_NUMBER'), 'TLS error connecting to api.hathora.dev: ERR_SSL_WRONG_VERSION_NUMBER');
    assert.equal(word('EWEIRD'), 'request to api.hathora.dev failed: EWEIRD');
    assert.equal(
      toNetworkError(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }), 'h', 'request', timeouts).hint,
      'if a proxy or private certificate authority is in the way, point NODE_EXTRA_CA_CERTS at its certificate',
    );
  });
});

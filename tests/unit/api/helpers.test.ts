import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeUtf8, findJsonSyntaxError, parseJsonText } from '../../../src/json-text.js';
import { errorCodeOf, isRetryableCode, toNetworkError, wasNotSent } from '../../../src/api/network-errors.js';
import {
  backoffCeiling,
  backoffDelay,
  BACKOFF_CAP_MS,
  isTransient,
  MAX_RETRIES,
  parseRetryAfter,
  pauseAfterFailures,
  RETRYABLE_STATUSES,
  sleep,
} from '../../../src/api/retry-policy.js';
import { ApiAuthError, ApiNotFoundError, ApiRateLimitError, ApiServerError, ApiStatusError, httpStatusOf } from '../../../src/api/http-errors.js';
import { AuthError, ExitCode, HprocError, InterruptedError, NetworkError, NotFoundError, RateLimitError, ResponseError, ServerError } from '../../../src/errors.js';

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

  it('polls on the same doubling ceiling, without jitter', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map(backoffCeiling), [250, 500, 1000, 2000, 4000, 4000, 4000]);
  });

  it('keeps a poll interval while polls succeed and stretches it to the backoff after failures', () => {
    assert.equal(pauseAfterFailures(2000, 0, () => 1), 2000);
    assert.equal(pauseAfterFailures(250, 1, () => 1), 250);
    assert.equal(pauseAfterFailures(250, 2, () => 1), 500);
    assert.equal(pauseAfterFailures(250, 3, () => 0.5), 500);
    assert.equal(pauseAfterFailures(250, 20, () => 1), BACKOFF_CAP_MS);
    assert.equal(pauseAfterFailures(10_000, 20, () => 1), 10_000);
    assert.equal(pauseAfterFailures(250, 3, () => 0), 250);
  });

  it('calls the network, a 5xx and a 429 transient, and nothing else', () => {
    for (const error of [new NetworkError('x'), new ServerError('x'), new RateLimitError('x'), new ApiServerError('x', { status: 503 }), new ApiRateLimitError('x', {})]) {
      assert.equal(isTransient(error), true, error.name);
    }
    for (const error of [new AuthError('x'), new NotFoundError('x'), new ResponseError('x'), new InterruptedError('x'), new HprocError('x'), new Error('x'), 'x']) {
      assert.equal(isTransient(error), false, String(error));
    }
  });

  it('sleeps until aborted, then throws InterruptedError', async () => {
    await sleep(1);
    await sleep(1, new AbortController().signal);
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await assert.rejects(waiting, InterruptedError);
    await assert.rejects(sleep(1, AbortSignal.abort()), InterruptedError);
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

describe('HTTP-status errors', () => {
  it('are their exit-code classes, with the status and the server message', () => {
    const cases = [
      [new ApiAuthError('a', { status: 403, serverMessage: 'no' }), AuthError, ExitCode.auth, 403],
      [new ApiNotFoundError('a', { status: 410, serverMessage: 'no' }), NotFoundError, ExitCode.notFound, 410],
      [new ApiStatusError('a', { status: 422, serverMessage: 'no' }), ResponseError, ExitCode.failure, 422],
      [new ApiServerError('a', { status: 502, serverMessage: 'no' }), ServerError, ExitCode.server, 502],
      [new ApiRateLimitError('a', { serverMessage: 'no', retryAt: new Date(NOW) }), RateLimitError, ExitCode.rateLimited, 429],
    ] as const;
    for (const [error, base, exitCode, status] of cases) {
      assert.ok(error instanceof base && error instanceof HprocError, error.name);
      assert.equal(error.exitCode, exitCode, error.name);
      assert.equal(error.status, status, error.name);
      assert.equal(error.serverMessage, 'no', error.name);
      assert.equal(httpStatusOf(error), status, error.name);
    }
    assert.equal(new ApiAuthError('a', { status: 401 }).name, 'ApiAuthError');
    assert.deepEqual(new ApiRateLimitError('a', { retryAt: new Date(NOW) }).retryAt, new Date(NOW));
    const hinted = new ApiNotFoundError('a', { status: 404, hint: 'h', cause: 'c' });
    assert.equal(hinted.hint, 'h');
    assert.equal(hinted.cause, 'c');
    assert.equal(httpStatusOf(new NotFoundError('a')), undefined);
    assert.equal(httpStatusOf({ status: 404 }), undefined);
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
    assert.equal(word('UND_ERR_BODY_TIMEOUT', 'body'), 'response from api.hathora.dev stalled for 1s 500ms');
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

// Hostile data as properties (fast-check): whatever strings a server sends, one record stays one
// table row with no control character; JSON output is always valid and the same value; and the
// response parser, given any bytes or any JSON, fails only with hproc's own typed errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { decodeResponse } from '../../../src/api/decode-response.js';
import { decodeUtf8, parseJsonText } from '../../../src/json-text.js';
import { HprocError, ResponseError } from '../../../src/errors.js';
import { ProcessV1Schema } from '../../../src/models/process-v1.js';
import { ProcessV2Schema } from '../../../src/models/process-v2.js';
import { ProcessV3ListSchema, ProcessV3Schema } from '../../../src/models/process-v3.js';
import { toProcessView, type ProcessView } from '../../../src/models/normalise.js';
import { renderJson, renderNdjson, stringifyJson } from '../../../src/render/json.js';
import { renderProcessList } from '../../../src/render/process-list.js';
import { fakeApi, JSON_HEADERS } from '../api/fake-api.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const baseView = toProcessView('v3', 'ProcessV3', decodeResponse(ProcessV3Schema, fixture, 'fixture'));
// What must never reach a terminal raw (tab and newline only where a block allows them; never in a table).
const FORBIDDEN_IN_ROW = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\u{e0000}-\u{e007f}]/u;
const NOW = new Date('2026-11-01T12:00:00Z');

// Strings of every kind: any UTF-16 code unit (lone surrogates too), and escape-heavy ones.
const hostileString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('\u001b', '[', '2', 'J', '\n', '\r', '\t', '\u0007', '\u009b', '\u202e', '\u2028', '\u007f', '\u0000', 'a', ' ', '\u200b', '\u200d', '\ufeff', '\u00ad', '\u180e', '\u{e0041}') }),
);

const hostileView = fc
  .record({ processId: hostileString, region: hostileString, status: hostileString, host: hostileString, exitReason: hostileString, fleetId: hostileString })
  .map(
    (s): ProcessView => ({
      ...baseView,
      processId: s.processId,
      region: s.region,
      status: s.status,
      fleetId: s.fleetId,
      summaryExitReason: s.exitReason,
      exposedPort: { host: s.host, port: 7777, transportType: s.status, name: s.region },
    }),
  );

describe('one record stays one table row', () => {
  for (const format of ['table', 'wide', 'tsv'] as const) {
    for (const stdoutIsTTY of [false, true]) {
      it(`property: ${format} output${stdoutIsTTY ? ' on a terminal' : ' piped'} has a header plus one line per process, with no control character`, () => {
        fc.assert(
          fc.property(fc.array(hostileView, { minLength: 1, maxLength: 4 }), (views) => {
            const target = { format, colour: false, stdoutIsTTY, stderrIsTTY: false, width: stdoutIsTTY ? 120 : undefined, now: NOW };
            const { stdout } = renderProcessList(views, views.map(() => fixture), 'v3', target);
            const lines = stdout.endsWith('\n') ? stdout.slice(0, -1).split('\n') : stdout.split('\n');
            assert.equal(lines.length, views.length + 1, stdout);
            for (const line of lines) assert.ok(!(format === 'tsv' ? /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\u{e0000}-\u{e007f}]/u : FORBIDDEN_IN_ROW).test(line), JSON.stringify(line));
          }),
          { numRuns: 150 },
        );
      });
    }
  }
});

describe('JSON output is valid and the same value', () => {
  it('property: stringifyJson writes exactly what JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        assert.equal(stringifyJson(value, 2), JSON.stringify(value, null, 2));
        assert.equal(stringifyJson(value, 0), JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('property: --json and ndjson output parse back to the input, piped or on a terminal (where C1, bidi and other invisible characters are \\u-escaped)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), fc.boolean(), (value, toTerminal) => {
        const expected: unknown = JSON.parse(JSON.stringify(value));
        const json = renderJson(value, toTerminal);
        assert.ok(json.endsWith('\n'));
        assert.deepEqual(JSON.parse(json), expected);
        const ndjson = renderNdjson(value, toTerminal);
        const lines = ndjson === '' ? [] : ndjson.slice(0, -1).split('\n');
        assert.deepEqual(lines.map((line) => JSON.parse(line) as unknown), Array.isArray(expected) ? expected : [expected]);
        if (toTerminal) assert.ok(!/[\u007f-\u009f\u2028\u2029\p{Cf}\u{e0000}-\u{e007f}]/u.test(json + ndjson));
      }),
      { numRuns: 300 },
    );
  });

  it('#39 a value nested 100,000 levels deep prints and parses back (no stack overflow)', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + '1' + ']'.repeat(depth);
    const parsed = parseJsonText(text);
    assert.ok(parsed.ok);
    // (Plain comparisons: a failing deepEqual would print megabytes of brackets.)
    assert.ok(renderNdjson({ roomConfig: parsed.value }, false) === `{"roomConfig":${text}}\n`);
    const pretty = renderJson({ roomConfig: parsed.value }, false);
    assert.ok(pretty.startsWith('{\n  "roomConfig": [\n    [\n'));
    const back = parseJsonText(pretty);
    assert.ok(back.ok);
    assert.ok(stringifyJson(back.value, 0) === `{"roomConfig":${text}}`);
  });

  it('#39 a __proto__ key stays an own key of the value and changes no prototype', () => {
    const parsed = parseJsonText('{"__proto__":{"polluted":true},"a":1}');
    assert.ok(parsed.ok);
    const out = renderJson(parsed.value, false);
    assert.equal(out, '{\n  "__proto__": {\n    "polluted": true\n  },\n  "a": 1\n}\n');
    const back = JSON.parse(out) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(back), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('#38 duplicate keys: the last value wins, as pinned here', () => {
    const parsed = parseJsonText('{"status":"starting","status":"running"}');
    assert.ok(parsed.ok);
    assert.equal(renderNdjson(parsed.value, false), '{"status":"running"}\n');
  });
});

describe('the parser fails only with typed errors', () => {
  const schemas = [
    ['ProcessV1', ProcessV1Schema],
    ['ProcessV2', ProcessV2Schema],
    ['ProcessV3', ProcessV3Schema],
    ['ProcessV3 list', ProcessV3ListSchema],
  ] as const;

  it('property: any bytes decode and parse to a value or a byte offset, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const decoded = decodeUtf8(bytes);
        const parsed = parseJsonText(decoded.text);
        // Offsets count the decoded text's UTF-8 bytes, so after U+FFFD replacements they can pass the wire length.
        if (!parsed.ok) assert.ok(parsed.byteOffset >= 0 && parsed.byteOffset <= Buffer.byteLength(decoded.text), `${parsed.byteOffset}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: any JSON value, or the fixture with any field replaced, is decoded or refused with a ResponseError', () => {
    const anyJson = fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 });
    const mutated = fc.tuple(fc.constantFrom(...Object.keys(fixture), 'extra'), anyJson).map(([key, value]) => ({ ...fixture, [key]: value }));
    fc.assert(
      fc.property(fc.oneof(anyJson, mutated, fc.array(mutated, { maxLength: 3 })), (value) => {
        for (const [name, schema] of schemas) {
          try {
            decodeResponse(schema as never, value, `GET ${name}`);
          } catch (error) {
            assert.ok(error instanceof ResponseError, `${name}: ${String(error)}`);
            assert.ok(!error.message.includes('\n'), 'one line');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: through the client, any response body yields a value or an HprocError', async () => {
    const api = fakeApi();
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }).map((value) => Buffer.from(JSON.stringify(value) ?? 'null')),
      fc.constantFrom(Buffer.from([0xef, 0xbb, 0xbf, 0x5b, 0x5d]), Buffer.from('{"a":1e400}'), Buffer.from('[1,2'), Buffer.from('')),
    );
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom('application/json', 'text/html', 'application/problem+json'), async (body, contentType) => {
        api.pool.intercept({ path: () => true, method: 'GET' }).reply(200, body, { headers: { ...JSON_HEADERS, 'content-type': contentType } });
        try {
          const value = await api.client.getJson('/processes/v3/apps/app-1/processes/latest');
          decodeResponse(ProcessV3ListSchema, value, 'GET list');
        } catch (error) {
          assert.ok(error instanceof HprocError, String(error));
          assert.equal(error.exitCode, 1);
        }
      }),
      { numRuns: 200 },
    );
    await api.agent.close();
  });

  it('#37 1e400 parses to Infinity and is refused by the schema, never printed as null', () => {
    const parsed = parseJsonText(JSON.stringify([fixture]).replace(/"roomsAllocated":\d+/, '"roomsAllocated":1e400'));
    assert.ok(parsed.ok);
    assert.throws(() => decodeResponse(ProcessV3ListSchema, parsed.value, 'GET list'), (error: unknown) => error instanceof ResponseError && /\[0\]\.roomsAllocated: expected/.test(error.message));
  });

  it('#33 a BOM is dropped and invalid UTF-8 becomes U+FFFD, with the offsets still pointing at the wire', () => {
    const decoded = decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x22, 0xff, 0x22]));
    assert.deepEqual(decoded, { text: '"\ufffd"', skippedBytes: 3, replacedInvalid: true });
    const bad = decodeUtf8(Buffer.from('\ufeff[1,}'));
    const parsed = parseJsonText(bad.text);
    assert.ok(!parsed.ok);
    assert.equal(parsed.byteOffset + bad.skippedBytes, 6);
  });
});

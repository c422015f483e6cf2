// Long listings are written in pieces as they are made (renderJsonChunks, renderTableChunks,
// writeStreamed); the text must be exactly what one string of the whole would have been.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Ctx } from '../../../src/context.js';
import { NO_RUN_FLAGS } from '../../../src/cli/run-flags.js';
import { createRunContext, type RunContext } from '../../../src/run-context.js';
import { writeStreamed } from '../../../src/commands/output-target.js';
import { renderJson, renderJsonChunks, renderNdjson, renderNdjsonChunks } from '../../../src/render/json.js';
import { DEFAULT_OUTPUT_SETTINGS, renderRecordChunks, renderRecords, type OutputSettings } from '../../../src/render/records.js';
import { renderTable, renderTableChunks, type Column } from '../../../src/render/table.js';
import { createTheme } from '../../../src/render/theme.js';
import { processResource } from '../../../src/render/process-records.js';
import { streamProcessList, renderProcessList } from '../../../src/render/process-list.js';
import { toProcessView } from '../../../src/models/normalise.js';
import { ProcessV3ListSchema } from '../../../src/models/process-v3.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const statuses = ['running', 'stopped', 'failed', 'draining', 'starting', 'stopping'];

/** n v3 records as an API would send them, some with text a terminal would act on. */
function wireProcesses(n: number): Record<string, unknown>[] {
  return JSON.parse(
    JSON.stringify(
      Array.from({ length: n }, (_, i) => ({
        ...fixture,
        processId: `${String(i).padStart(8, '0')}-7d3b-4f96-a0e4-3c9b2d17f8a1`,
        status: statuses[i % statuses.length],
        createdAt: new Date(Date.UTC(2026, 9, 1) - i * 61_000).toISOString(),
        ...(i % 97 === 0 ? { summaryExitReason: `crash \u009b31m ${'é'.repeat(i % 5)} \u202e done` } : {}),
      })),
    ),
  ) as Record<string, unknown>[];
}

/** A value nested `depth` arrays and objects deep. */
function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { level: value };
  return value;
}

const join = (chunks: Iterable<string>): string => [...chunks].join('');

test('streamed JSON of 10,000 processes is JSON.stringify of the whole, in pieces of whole lines', () => {
  const wire = wireProcesses(10_000);
  const whole = JSON.stringify(wire, null, 2) + '\n';
  const chunks = [...renderJsonChunks(wire, false)];
  assert.equal(chunks.join(''), whole);
  assert.ok(chunks.length > 100, `${chunks.length} pieces`);
  for (const chunk of chunks) assert.ok(chunk.endsWith('\n'), 'every piece ends a line');
  // On a terminal, the same escapes as the whole document gets.
  const escaped = join(renderJsonChunks(wire, true));
  assert.equal(escaped, renderJson(wire, true));
  assert.notEqual(escaped, whole);
  assert.deepEqual(JSON.parse(escaped), wire);
});

test('streamed JSON takes the stack-safe path for deep values and still matches the whole document', () => {
  const items: unknown[] = Array.from({ length: 300 }, (_, i) => ({ i, tags: ['a', { b: i }] }));
  // Past JSON.stringify's stack (written by the explicit stack), past the pretty-printing depth
  // (compact from there on), and between the fast path's limit and that depth.
  items[10] = nested(20_000);
  items[130] = { deep: nested(80) };
  items[200] = nested(40);
  const whole = renderJson(items, false);
  assert.equal(join(renderJsonChunks(items, false)), whole);
  // Where JSON.stringify can write it, the whole document is what it writes.
  const shallow = items.filter((_, i) => i !== 10 && i !== 130);
  assert.equal(join(renderJsonChunks(shallow, false)), JSON.stringify(shallow, null, 2) + '\n');
  assert.ok(whole.includes('"bottom"'));
});

test('streamed JSON of an empty list, one object or null is the whole text in one piece', () => {
  for (const value of [[], {}, { a: [1, 2] }, null, 'text']) {
    const chunks = [...renderJsonChunks(value, false)];
    assert.deepEqual(chunks, [renderJson(value, false)]);
  }
  assert.equal(join(renderJsonChunks([], false)), '[]\n');
});

test('streamed NDJSON is one line per item, exactly the whole text', () => {
  const wire = wireProcesses(1_000);
  wire[500] = nested(20_000) as Record<string, unknown>;
  assert.equal(join(renderNdjsonChunks(wire, false)), renderNdjson(wire, false));
  assert.equal(join(renderNdjsonChunks(wire, true)), renderNdjson(wire, true));
  assert.equal(join(renderNdjsonChunks([], false)), '');
  assert.equal(join(renderNdjsonChunks({ a: 1 }, false)), '{"a":1}\n');
});

test('a streamed table is made of whole lines, 256 rows to a piece (the header with the first), and reads as the whole table', () => {
  const rows = Array.from({ length: 600 }, (_, i) => ({ id: `p${i}`, n: i }));
  const columns: Column<{ id: string; n: number }>[] = [
    { header: 'ID', value: (r) => r.id },
    { header: 'N', value: (r) => String(r.n), align: 'right' },
    { header: 'NOTE', value: () => '' },
  ];
  const options = { theme: createTheme(false), width: undefined, headers: true };
  const chunks = [...renderTableChunks(columns, rows, options)];
  assert.deepEqual(chunks.map((c) => c.split('\n').length - 1), [257, 256, 88]);
  const expected = ['ID      N  NOTE', ...rows.map((r) => `${r.id.padEnd(4)}  ${String(r.n).padStart(3)}  -`)].map((l) => `${l}\n`).join('');
  assert.equal(chunks.join(''), expected);
  assert.equal(renderTable(columns, rows, options), expected);
  assert.deepEqual([...renderTableChunks(columns, [], { ...options, headers: false })], []);
});

test('every format of a process listing streams exactly the text renderProcessList gives', () => {
  const wire = wireProcesses(1_500);
  const views = ProcessV3ListSchema.parse(wire).map((p) => toProcessView('v3', 'ProcessV3', p));
  const now = new Date(Date.UTC(2026, 10, 1));
  const cases: Partial<OutputSettings>[] = [
    { format: 'table' },
    { format: 'wide' },
    { format: 'json' },
    { format: 'ndjson' },
    { format: 'csv' },
    { format: 'tsv' },
    { format: 'table', quiet: true },
    { format: 'json', fields: ['processId', 'exposedPort'], sort: [{ field: 'region', descending: false }] },
    { format: 'table', fields: ['processId', 'createdAt'], headers: false },
  ];
  for (const tty of [false, true]) {
    const target = { format: 'table' as const, colour: tty, stdoutIsTTY: tty, stderrIsTTY: tty, width: tty ? 100 : undefined, now };
    for (const over of cases) {
      const settings = { ...DEFAULT_OUTPUT_SETTINGS, ...over };
      const whole = renderProcessList(views, wire, 'v3', target, settings);
      const streamed = streamProcessList(views, wire, 'v3', target, settings);
      assert.equal(join(streamed.chunks), whole.stdout, `${JSON.stringify(over)} tty=${tty}`);
      assert.deepEqual(streamed.notes, whole.notes);
    }
  }
  // JSON is still the API's records, untouched.
  const rows = views.map((view, i) => ({ view, raw: wire[i] }));
  const json = join(renderRecordChunks(rows, processResource('v3', false), { ...DEFAULT_OUTPUT_SETTINGS, format: 'json' }, { colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now }));
  assert.equal(json, JSON.stringify(wire, null, 2) + '\n');
  assert.equal(renderRecords(rows, processResource('v3', false), { ...DEFAULT_OUTPUT_SETTINGS, format: 'json' }, { colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now }).stdout, json);
});

/** A ctx whose stdout records writes; it goes away (like `| head`) after `closeAfter` writes. */
function recordingCtx(closeAfter: number, stderrIsTTY = false): { ctx: RunContext; writes: string[]; drains: number[]; notes: string[] } {
  const writes: string[] = [];
  const drains: number[] = [];
  const notes: string[] = [];
  const stdout = {
    isTTY: false,
    columns: undefined,
    write: (chunk: string) => void writes.push(chunk),
    drained: () => {
      drains.push(writes.length);
      return Promise.resolve();
    },
    get closed() {
      return writes.length >= closeAfter;
    },
  };
  const stderr = { isTTY: stderrIsTTY, columns: undefined, write: (text: string) => void notes.push(text) };
  const world: Ctx = { io: { stdout, stderr }, env: {}, now: () => new Date(0), signal: new AbortController().signal };
  return { ctx: createRunContext(world, NO_RUN_FLAGS), writes, drains, notes };
}

test('writeStreamed: notes first, then each piece after the reader took the one before', async () => {
  const { ctx, writes, drains, notes } = recordingCtx(Number.POSITIVE_INFINITY, true);
  await writeStreamed({ chunks: ['a\n', '', 'b\n', 'c\n'], notes: ['one note'] }, ctx);
  assert.deepEqual(notes, ['hproc: one note\n']);
  assert.deepEqual(writes, ['a\n', 'b\n', 'c\n']);
  assert.deepEqual(drains, [1, 1, 2, 3]);
});

test('writeStreamed stops making pieces once the reader has gone away', async () => {
  const { ctx, writes } = recordingCtx(2);
  let made = 0;
  function* pieces(): Generator<string> {
    for (let i = 0; i < 1000; i += 1) {
      made += 1;
      yield `${i}\n`;
    }
  }
  await writeStreamed({ chunks: pieces(), notes: ['not for a pipe'] }, ctx);
  assert.deepEqual(writes, ['0\n', '1\n']);
  assert.equal(made, 3);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ProcessV1Schema } from '../../../src/models/process-v1.js';
import { toProcessView } from '../../../src/models/normalise.js';
import { renderProcessDetail } from '../../../src/render/process-show.js';

const raw: unknown = JSON.parse(readFileSync(new URL('../../fixtures/seed-process-v1.json', import.meta.url), 'utf8'));
const view = toProcessView('v1', 'Process', ProcessV1Schema.parse(raw));
const now = new Date('2026-11-01T12:00:00Z');
const golden = (name: string): string => readFileSync(new URL(`../../golden/${name}`, import.meta.url), 'utf8');

test('the seed process, piped: plain sections, no ANSI, every deprecated field flagged in words', async () => {
  const out = await renderProcessDetail(view, raw, { format: 'table', colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now });
  assert.equal(out.stdout, golden('show-seed-v1-pipe.txt'));
  assert.deepEqual(out.notes, []);
  assert.equal((out.stdout.match(/⚠ deprecated/g) ?? []).length, 7);
});

test('the seed process on a terminal: colour, relative times, wrapped to the width', async () => {
  const out = await renderProcessDetail(view, raw, { format: 'table', colour: true, stdoutIsTTY: true, stderrIsTTY: true, width: 80, now });
  assert.equal(out.stdout, golden('show-seed-v1-tty.txt'));
});

test('JSON is the raw value, with a note on stderr naming the deprecated fields', async () => {
  const out = await renderProcessDetail(view, raw, { format: 'json', colour: false, stdoutIsTTY: false, stderrIsTTY: true, width: undefined, now });
  assert.deepEqual(JSON.parse(out.stdout), raw);
  assert.deepEqual(out.notes, [
    "note: deprecated fields in this output, with hproc's suggestions (the API names no replacements): host (hproc suggests exposedPort.host), port (hproc suggests exposedPort.port), activeConnections (hproc suggests activeConnections metric (v3 metrics)), activeConnectionsUpdatedAt (hproc suggests timestamp of the latest activeConnections metric sample), roomSlotsAvailable (hproc suggests roomsPerProcess − roomsAllocated), roomSlotsAvailableUpdatedAt (hproc suggests roomsAllocatedUpdatedAt), idleSince (hproc knows no replacement)",
  ]);
  const piped = await renderProcessDetail(view, raw, { format: 'json', colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now });
  assert.deepEqual(piped.notes, []);
});

test('negative counts parse, show as sent and are flagged in words, in the detail view and in lists', async () => {
  const negativeRaw = { ...(raw as Record<string, unknown>), roomsAllocated: -1, egressedBytes: -5, activeConnections: -2 };
  const negative = toProcessView('v1', 'Process', ProcessV1Schema.parse(negativeRaw));
  const out = await renderProcessDetail(negative, negativeRaw, { format: 'table', colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now });
  const lines = out.stdout.split('\n');
  const after = (key: string): string[] => {
    const at = lines.findIndex((line) => line.startsWith(`  ${key} `));
    return lines.slice(at, at + 2);
  };
  assert.deepEqual(after('rooms'), [
    '  rooms                        -1 of 3 allocated',
    '                               ⚠ roomsAllocated: negative count: the API should never send one; shown as sent',
  ]);
  assert.deepEqual(after('free slots'), ['  free slots                   4 ⚠', '                               ⚠ rooms per process − rooms allocated, from a negative count: not a real figure']);
  assert.deepEqual(after('egress'), ['  egress                       -5 B', '                               ⚠ egressedBytes: negative count: the API should never send one; shown as sent']);
  assert.equal(after('activeConnections')[1], '                               ⚠ deprecated; hproc suggests activeConnections metric (v3 metrics); negative count: the API should never send one; shown as sent');
  const { renderProcessList } = await import('../../../src/render/process-list.js');
  const list = renderProcessList([view, negative], [raw, negativeRaw], 'v1', { format: 'table', colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now });
  assert.match(list.stdout, / -1\/3 ⚠ /);
  assert.deepEqual(list.notes, ['note: 1 process carries a negative count: the API should never send one; shown as sent (roomsAllocated, egressedBytes, activeConnections)']);
  assert.equal((await renderProcessDetail(view, raw, { format: 'table', colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now })).stdout.includes('negative'), false);
});

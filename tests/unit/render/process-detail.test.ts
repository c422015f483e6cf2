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
    'note: deprecated fields in this output: host (use exposedPort.host), port (use exposedPort.port), activeConnections (use activeConnections metric (v3 metrics)), activeConnectionsUpdatedAt (use timestamp of the latest activeConnections metric sample), roomSlotsAvailable (use roomsPerProcess − roomsAllocated), roomSlotsAvailableUpdatedAt (use roomsAllocatedUpdatedAt), idleSince (no replacement)',
  ]);
  const piped = await renderProcessDetail(view, raw, { format: 'json', colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now });
  assert.deepEqual(piped.notes, []);
});

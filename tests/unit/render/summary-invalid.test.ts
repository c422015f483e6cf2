// Numbers from the server outside their meaning in `hproc summary`: shown as sent and flagged, and
// never summed into a total that would contradict the rows beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarise, type SummaryProcess } from '../../../src/models/summary.js';
import { renderSummary } from '../../../src/render/summary.js';

const TARGET = { format: 'table', colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now: new Date(0) } as const;

function live(region: string, roomsAllocated: number, roomsPerProcess: number): SummaryProcess {
  return { region, status: 'running', deploymentId: 'dep-1', roomsAllocated, roomsPerProcess };
}

function section(stdout: string, heading: string): string[] {
  const lines = stdout.split('\n');
  const from = lines.indexOf(heading) + 1;
  const to = lines.indexOf('', from);
  return lines.slice(from, to);
}

test('#84 a negative room count is shown flagged in its region and left out of rooms, capacity and utilisation, saying so', () => {
  const summary = summarise({
    appId: 'app-1',
    live: [live('London', 2, 4), live('London', -7, 4), live('Seattle', 1, 4)],
    failed: [],
    statusTotals: { running: 3 },
    endedByRegion: {},
    newestDeploymentId: 'dep-1',
  });
  assert.deepEqual(summary.total.leftOut, { statuses: [], roomProcesses: 1 });
  assert.equal(summary.total.roomsAllocated, 3);
  assert.equal(summary.total.capacity, 8);
  const out = renderSummary(summary, TARGET).stdout;
  assert.deepEqual(section(out, 'Rooms against capacity (rooms per process of each live process)'), [
    'REGION   LIVE  ROOMS  CAPACITY   UTIL  NOT NEWEST',
    'London      2    2 ⚠       4 ⚠  50.0%           0',
    'Seattle     1      1         4  25.0%           0',
    'TOTAL       3    3 ⚠       8 ⚠  37.5%           0',
    '⚠ 1 live process with an invalid room count (negative) left out of ROOMS, CAPACITY and UTIL',
  ]);
});

test('#85 negative, fractional and unsafe counts from the count endpoint are shown flagged and left out of LIVE', () => {
  const summary = summarise({
    appId: 'app-1',
    live: [live('London', 1, 4)],
    failed: [],
    statusTotals: { starting: -3, running: 1, draining: 2.5, stopping: 2 ** 60, stopped: 4, failed: 0 },
    endedByRegion: { London: { stopped: -1, failed: 0.5 } },
    newestDeploymentId: 'dep-1',
  });
  assert.deepEqual(summary.total.leftOut, { statuses: ['starting', 'draining', 'stopping'], roomProcesses: 0 });
  assert.equal(summary.total.live, 1);
  const out = renderSummary(summary, TARGET).stdout;
  assert.deepEqual(section(out, 'Processes by status'), [
    'REGION  STARTING  RUNNING  DRAINING               STOPPING  STOPPED  FAILED',
    'London         0        1         0                      0     -1 ⚠   0.5 ⚠',
    'TOTAL       -3 ⚠        1     2.5 ⚠  1152921504606847000 ⚠        4       0',
    '⚠ 5 counts from the API not a whole number of processes (negative, fractional or beyond 2^53 − 1): shown as sent, left out of LIVE',
  ]);
  assert.deepEqual(section(out, 'Rooms against capacity (rooms per process of each live process)').slice(-1), ['TOTAL    1 ⚠      1         4  25.0%           0']);
});

test('#86 room totals beyond 2^53 − 1 are flagged as not exact', () => {
  const big = Number.MAX_SAFE_INTEGER;
  const summary = summarise({ appId: 'app-1', live: [live('London', big, big), live('London', big, big)], failed: [], statusTotals: { running: 2 }, endedByRegion: {}, newestDeploymentId: 'dep-1' });
  assert.equal(summary.total.leftOut, undefined);
  const out = renderSummary(summary, TARGET).stdout;
  assert.deepEqual(section(out, 'Rooms against capacity (rooms per process of each live process)').slice(-2), [
    'TOTAL      2  18014398509481982 ⚠  18014398509481982 ⚠  100.0%           0',
    '⚠ a total beyond 2^53 − 1 is not exact',
  ]);
});

test('a well-formed summary has no marks, no footnotes and no leftOut key', () => {
  const summary = summarise({ appId: 'app-1', live: [live('London', 2, 4)], failed: [], statusTotals: { running: 1 }, endedByRegion: {}, newestDeploymentId: 'dep-1' });
  assert.equal(Object.hasOwn(summary.total, 'leftOut'), false);
  const out = renderSummary(summary, TARGET).stdout;
  assert.equal(out.includes('⚠'), false);
});

// hproc summary: every figure recomputed here, independently, from the emulator's own state, and
// summarise() on a small hand-made input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateWorld } from '../../../src/emulator/generate-world.js';
import type { AppState, ProcessState } from '../../../src/emulator/model.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { summarise } from '../../../src/models/summary.js';
import { runInProcess } from '../../helpers/cli.js';

const NOW = new Date('2026-11-01T00:00:00.000Z');
const STATUSES = ['starting', 'running', 'draining', 'stopping', 'stopped', 'failed'];
const LIVE = ['starting', 'running', 'draining', 'stopping'];
const world = generateWorld(1);

/** The summary of an app as a person would work it out from the emulator's records. */
function expectedSummary(app: AppState) {
  const newest = app.deployments.at(-1)?.deploymentId ?? null;
  const figures = (processes: ProcessState[]) => {
    const counts = Object.fromEntries(STATUSES.map((s) => [s, processes.filter((p) => p.status === s).length]));
    const live = processes.filter((p) => LIVE.includes(p.status));
    const failed = processes.filter((p) => p.status === 'failed');
    const rooms = live.reduce((n, p) => n + p.roomsAllocated, 0);
    const capacity = live.reduce((n, p) => n + p.roomsPerProcess, 0);
    const deploymentIds = [...new Set(live.map((p) => p.deployment.deploymentId))];
    const reasons = [...new Set(failed.map((p) => p.summaryExitReason ?? null))];
    return {
      counts,
      live: live.length,
      roomsAllocated: rooms,
      capacity,
      utilisationPercent: capacity === 0 ? null : Math.round((1000 * rooms) / capacity) / 10,
      notOnNewest: newest === null ? 0 : live.filter((p) => p.deployment.deploymentId !== newest).length,
      deployments: deploymentIds
        .map((deploymentId) => ({ deploymentId, processes: live.filter((p) => p.deployment.deploymentId === deploymentId).length, newest: deploymentId === newest }))
        .sort((a, b) => Number(b.newest) - Number(a.newest) || b.processes - a.processes || a.deploymentId.localeCompare(b.deploymentId)),
      failedByReason: reasons
        .map((reason) => {
          const group = failed.filter((p) => (p.summaryExitReason ?? null) === reason);
          return { reason, count: group.length, regions: [...new Set(group.map((p) => p.region as string))].sort() };
        })
        .sort((a, b) => b.count - a.count || (a.reason ?? '\uffff').localeCompare(b.reason ?? '\uffff')),
    };
  };
  const regions = [...new Set(app.processes.map((p) => p.region as string))].sort();
  return {
    appId: app.appId,
    newestDeploymentId: newest,
    total: figures(app.processes),
    regions: regions.map((region) => ({ region, ...figures(app.processes.filter((p) => p.region === region)) })),
    failedExamined: app.processes.filter((p) => p.status === 'failed').length,
    staticAllocation:
      app.serviceConfig === null
        ? null
        : app.serviceConfig.staticProcessAllocation.map((a) => {
            const here = app.processes.filter((p) => p.region === a.region);
            const running = here.filter((p) => p.status === 'running').length;
            const verdict =
              running < a.minProcesses ? 'below min' : running > a.maxProcesses ? 'above max' : running < a.targetProcesses ? 'below target' : running > a.targetProcesses ? 'above target' : 'at target';
            const limit = verdict === 'below min' ? `min ${a.minProcesses}` : verdict === 'above max' ? `max ${a.maxProcesses}` : `target ${a.targetProcesses}`;
            return {
              region: a.region,
              running,
              live: here.filter((p) => LIVE.includes(p.status)).length,
              minProcesses: a.minProcesses,
              targetProcesses: a.targetProcesses,
              maxProcesses: a.maxProcesses,
              autoscalingEnabled: a.autoscalingEnabled ?? null,
              verdict,
              difference: verdict === 'at target' ? null : `${a.region.replaceAll('_', ' ')}: ${running} running, ${limit}`,
            };
          }),
  };
}

let emulator: RunningEmulator;
let env: Record<string, string>;

before(async () => {
  emulator = await startEmulator({ port: 0 });
  env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token };
});
after(() => emulator.close());

describe('against the emulator', () => {
  for (const app of world.apps) {
    test(`--json for ${app.appName}: every figure as computed from the emulator's records`, async () => {
      const r = await runInProcess(['summary', '--app', app.appId, '--json'], { env, now: NOW });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), expectedSummary(app));
    });
  }

  test('the big app has what makes the summary interesting', () => {
    const big = expectedSummary(world.apps[0] as AppState);
    assert.ok(big.regions.length >= 10);
    assert.ok(big.total.notOnNewest > 0, 'some live processes run an older deployment');
    assert.ok(big.total.failedByReason.length >= 3);
    assert.ok(big.total.utilisationPercent !== null && big.total.utilisationPercent > 0);
  });

  test('piped: one row per region and a TOTAL row, the deployments and the exit reasons, no ANSI', async () => {
    const app = world.apps[0] as AppState;
    const expected = expectedSummary(app);
    const r = await runInProcess(['summary', '--app', app.appId], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.doesNotMatch(r.stdout, /\u001b/);
    const lines = r.stdout.split('\n');
    assert.deepEqual(lines.slice(0, 4), [`app ${app.appId}`, `newest deployment ${expected.newestDeploymentId ?? ''}`, '', 'Processes by status']);
    const section = (title: string) => {
      const start = lines.indexOf(title);
      return lines.slice(start + 1, lines.indexOf('', start));
    };
    const statuses = section('Processes by status');
    assert.match(statuses[0] ?? '', /^REGION +STARTING +RUNNING +DRAINING +STOPPING +STOPPED +FAILED$/);
    const capacity = section('Rooms against capacity (rooms per process of each live process)');
    assert.match(capacity[0] ?? '', /^REGION +LIVE +ROOMS +CAPACITY +UTIL +NOT NEWEST$/);
    type Figures = { counts: Record<string, number>; live: number; roomsAllocated: number; capacity: number; utilisationPercent: number | null; notOnNewest: number };
    const rooms = (f: Figures) => [String(f.live), String(f.roomsAllocated), String(f.capacity), f.utilisationPercent === null ? '-' : `${f.utilisationPercent.toFixed(1)}%`, String(f.notOnNewest)];
    const rows: [string, Figures][] = [...expected.regions.map((r): [string, Figures] => [r.region, r]), ['TOTAL', expected.total]];
    assert.deepEqual(statuses.slice(1).map((line) => line.split(/ +/)), rows.map(([name, f]) => [name, ...STATUSES.map((st) => String(f.counts[st]))]));
    assert.deepEqual(capacity.slice(1).map((line) => line.split(/ +/)), rows.map(([name, f]) => [name, ...rooms(f)]));
    // Each region of the static allocation beside its running processes; every difference said in words.
    const allocation = section('Running processes against the static allocation (min, target, max)');
    assert.match(allocation[0] ?? '', /^REGION +RUNNING +LIVE +MIN +TARGET +MAX +AUTOSCALED +NOTE$/);
    const checks = expected.staticAllocation ?? [];
    assert.ok(checks.some((c) => c.difference !== null) && checks.some((c) => c.difference === null), 'the big app has regions at and off target');
    assert.deepEqual(
      allocation.slice(1).map((line) => line.replace(/ +/g, ' ')),
      [
        ...checks.map((c) => `${c.region} ${c.running} ${c.live} ${c.minProcesses} ${c.targetProcesses} ${c.maxProcesses} ${c.autoscalingEnabled === true ? 'yes' : 'no'} ${c.difference === null ? '' : '⚠ '}${c.verdict}`),
        ...checks.filter((c) => c.difference !== null).map((c) => `⚠ ${c.difference ?? ''}`),
      ],
    );
    assert.ok(allocation.includes('⚠ London: 2 running, target 4'), allocation.join('\n'));
    const deployments = r.stdout.slice(r.stdout.indexOf('Deployments of live processes\n'));
    const behind = expected.regions.flatMap((region) => region.deployments.filter((d) => !d.newest).map((d) => `${region.region} ${d.deploymentId} ${d.processes} ⚠ not newest`));
    assert.deepEqual(deployments.split('\n').filter((line) => line.includes('⚠')).map((line) => line.replace(/ +/g, ' ')), behind);
    const reasons = r.stdout.slice(r.stdout.indexOf('Failed processes by exit reason\n')).split('\n').slice(2, -1);
    assert.deepEqual(reasons.map((line) => line.trim().replace(/  +/g, '|')), expected.total.failedByReason.map((g) => `${g.count}|${g.reason ?? '(none reported)'}|${g.regions.join(',')}`));
  });

  test('on an 80-column terminal every line fits', async () => {
    const app = world.apps[0] as AppState;
    const r = await runInProcess(['summary', '--app', app.appId], { env, now: NOW, tty: true, columns: 80 });
    assert.equal(r.code, 0, r.stderr);
    const widths = r.stdout.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((line) => [...line].length);
    assert.ok(Math.max(...widths) <= 80, `widest line: ${Math.max(...widths)}`);
    // Deployment ids are never cut: each appears whole, on a line of its own.
    const ids = expectedSummary(app).regions.flatMap((region) => region.deployments.map((d) => `${region.region} ${d.deploymentId} ${d.processes} ${d.newest ? 'newest' : '⚠ not newest'}`));
    const plain = r.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    const section = plain.slice(plain.indexOf('Deployments of live processes\n')).split('\n').slice(2);
    assert.deepEqual(section.slice(0, ids.length).map((line) => line.replace(/ +/g, ' ')), ids);
    assert.doesNotMatch(plain, /dep-[0-9a-f-]*…/);
  });

  test('the empty app: zero rows, nothing to flag, said on stderr for a person', async () => {
    const empty = world.apps[2] as AppState;
    const r = await runInProcess(['summary', '--app', empty.appId], { env, now: NOW, tty: true });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'hproc: note: the app has no v3 deployment, so no process is flagged as behind\n');
    const plain = r.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    assert.match(plain, /\nTOTAL +0 +0 +0 +0 +0 +0\n/);
    assert.match(
      plain,
      /\nTOTAL +0 +0 +0 +- +0\n\nRunning processes against the static allocation \(min, target, max\)\nnone: the app has no service config\n\nDeployments of live processes\nnone\n\nFailed processes by exit reason\nnone\n$/,
    );
  });

  test('--failed-limit bounds the failed processes grouped, and says so', async () => {
    const app = world.apps[0] as AppState;
    const r = await runInProcess(['summary', '--app', app.appId, '--failed-limit', '2', '--json'], { env, now: NOW, stderrTTY: true });
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout) as { failedExamined: number; total: { failedByReason: { count: number }[] } };
    assert.equal(summary.failedExamined, 2);
    assert.equal(summary.total.failedByReason.reduce((n, g) => n + g.count, 0), 2);
    const failed = app.processes.filter((p) => p.status === 'failed').length;
    assert.equal(r.stderr, `hproc: note: exit reasons are of the 2 most recent of ${failed} failed processes (raise --failed-limit to see more)\n`);
  });

  test('no app: exit 2; unknown app: exit 3', async () => {
    const none = await runInProcess(['summary'], { env, now: NOW });
    assert.deepEqual([none.code, none.stdout], [2, '']);
    assert.match(none.stderr, /^hproc: no app given\nhint: pass --app <appId>/);
    const r = await runInProcess(['summary', '--app', 'app-00000000-0000-0000-0000-000000000000'], { env, now: NOW });
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '');
  });
});

test('summarise by hand: two regions, one process behind, one failure without a reason', () => {
  const p = (region: string, status: string, deploymentId: string, roomsAllocated: number, roomsPerProcess: number, summaryExitReason?: string) => ({ region, status, deploymentId, roomsAllocated, roomsPerProcess, summaryExitReason });
  const summary = summarise({
    appId: 'app-x',
    live: [p('London', 'running', 'dep-new', 3, 4), p('London', 'draining', 'dep-old', 1, 4), p('Tokyo', 'starting', 'dep-new', 0, 4)],
    failed: [p('Tokyo', 'failed', 'dep-new', 0, 4, 'exited with code 1'), p('Tokyo', 'failed', 'dep-new', 0, 4)],
    statusTotals: { starting: 1, running: 1, draining: 1, stopping: 0, stopped: 5, failed: 2 },
    endedByRegion: { London: { stopped: 5, failed: 0 }, Tokyo: { stopped: 0, failed: 2 }, Dubai: { stopped: 0, failed: 0 } },
    newestDeploymentId: 'dep-new',
  });
  assert.deepEqual(summary.regions.map((r) => r.region), ['London', 'Tokyo'], 'regions with no process are left out');
  const [london, tokyo] = summary.regions;
  assert.deepEqual(london?.counts, { starting: 0, running: 1, draining: 1, stopping: 0, stopped: 5, failed: 0 });
  // London: 4 rooms of 8: 50%; one of two live processes on the old deployment.
  assert.deepEqual([london?.roomsAllocated, london?.capacity, london?.utilisationPercent, london?.notOnNewest], [4, 8, 50, 1]);
  assert.deepEqual(tokyo?.counts, { starting: 1, running: 0, draining: 0, stopping: 0, stopped: 0, failed: 2 });
  assert.deepEqual([tokyo?.roomsAllocated, tokyo?.capacity, tokyo?.utilisationPercent], [0, 4, 0]);
  // 4 rooms of 12: 33.3%.
  assert.deepEqual([summary.total.live, summary.total.roomsAllocated, summary.total.capacity, summary.total.utilisationPercent], [3, 4, 12, 33.3]);
  assert.deepEqual(summary.total.deployments, [{ deploymentId: 'dep-new', processes: 2, newest: true }, { deploymentId: 'dep-old', processes: 1, newest: false }]);
  assert.deepEqual(summary.total.failedByReason, [
    { reason: 'exited with code 1', count: 1, regions: ['Tokyo'] },
    { reason: null, count: 1, regions: ['Tokyo'] },
  ]);
  const noCapacity = summarise({ appId: 'a', live: [], failed: [], statusTotals: {}, endedByRegion: {}, newestDeploymentId: null });
  assert.equal(noCapacity.total.utilisationPercent, null);
});

// The official SDK against the emulator's logs, metrics, rooms, stop and deployment endpoints.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HathoraCloud } from '@hathora/cloud-sdk-typescript';
import type { ProcessMetricName } from '@hathora/cloud-sdk-typescript/models/components/index.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import {
  BIG_APP_ID,
  DRAINING_PROCESS_ID,
  EMPTY_APP_ID,
  EXPIRED_PROCESS_ID,
  FAILED_PROCESS_ID,
  FIXED_EPOCH_MS,
  RUNNING_PROCESS_ID,
  SECOND_APP_ID,
  SECOND_APP_RUNNING_PROCESS_ID,
  SEED_PROCESS_ID,
  STARTING_PROCESS_ID,
  STOPPED_PROCESS_ID,
} from '../../src/emulator/data.js';
import { assertSameKeys, expectApiError, rawJson, readStream, sdkFor, toWire } from './sdk-helpers.js';

const UNKNOWN_APP = 'app-00000000-0000-4000-8000-000000000000';
const UNKNOWN_PROCESS = '00000000-0000-4000-8000-000000000000';
const EPOCH_S = FIXED_EPOCH_MS / 1000;

const lines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

describe('official SDK against the emulator: logs, metrics, rooms, deployments, stop', () => {
  let emulator: RunningEmulator;
  let sdk: HathoraCloud;
  before(async () => {
    emulator = await startEmulator({ logIntervalMs: 40, stopDelayMs: 200 });
    sdk = sdkFor(emulator);
  });
  after(async () => {
    await emulator.close();
  });

  it('L1/L2: streams a tail, follows until the process stops, downloads a stopped log', async () => {
    // The SDK always sends tailLines (100 unless told otherwise).
    const tail = lines(await readStream(await sdk.logsV1.getLogsForProcess(RUNNING_PROCESS_ID, BIG_APP_ID)));
    assert.equal(tail.length, 100);
    const five = lines(await readStream(await sdk.logsV1.getLogsForProcess(RUNNING_PROCESS_ID, BIG_APP_ID, false, 5)));
    assert.equal(five.length, 5);
    for (const line of five) assert.match(line, /^\d{4}-\d\d-\d\dT[\d:.]+Z INFO  /);

    const download = lines(await readStream(await sdk.logsV1.downloadLogForProcess(STOPPED_PROCESS_ID, BIG_APP_ID)));
    assert.match(download.at(-1) ?? '', /shutdown complete/);
    const stoppedTail = lines(await readStream(await sdk.logsV1.getLogsForProcess(STOPPED_PROCESS_ID, BIG_APP_ID, true, 5000)));
    assert.deepEqual(stoppedTail, download.slice(-5000), 'following an ended process returns its tail and ends');

    const follow = await sdk.logsV1.getLogsForProcess(SECOND_APP_RUNNING_PROCESS_ID, SECOND_APP_ID, true, 1);
    const reading = readStream(follow);
    await sleep(200);
    await sdk.processesV3.stopProcess(SECOND_APP_RUNNING_PROCESS_ID, SECOND_APP_ID);
    const followed = lines(await reading);
    assert.ok(followed.length >= 4, `followed ${followed.length} lines`);
    assert.match(followed.at(-1) ?? '', /shutdown complete, exiting with code 0$/);
    assert.ok(followed.some((line) => /received SIGTERM/.test(line)));
  });

  it('L1/L2 errors: 400 for a bad tail or a running download, 404 unknown, 410 expired', async () => {
    await expectApiError(sdk.logsV1.getLogsForProcess(RUNNING_PROCESS_ID, BIG_APP_ID, false, 0), 400);
    await expectApiError(sdk.logsV1.getLogsForProcess(RUNNING_PROCESS_ID, BIG_APP_ID, false, 5001), 400);
    await expectApiError(sdk.logsV1.downloadLogForProcess(DRAINING_PROCESS_ID, BIG_APP_ID), 400);
    await expectApiError(sdk.logsV1.getLogsForProcess(UNKNOWN_PROCESS, BIG_APP_ID), 404);
    await expectApiError(sdk.logsV1.downloadLogForProcess(STOPPED_PROCESS_ID, UNKNOWN_APP), 404);
    const expired = await expectApiError(sdk.logsV1.getLogsForProcess(EXPIRED_PROCESS_ID, BIG_APP_ID), 410);
    assert.match(expired.data$.message, /expired/);
    await expectApiError(sdk.logsV1.downloadLogForProcess(SEED_PROCESS_ID, BIG_APP_ID), 410);
    await expectApiError(sdkFor(emulator, 'wrong').logsV1.getLogsForProcess(RUNNING_PROCESS_ID, BIG_APP_ID), 401);
  });

  it('P14: v3 metrics for the asked metrics and window, the same on every call', async () => {
    const metrics: ProcessMetricName[] = ['cpu', 'memory', 'rateEgress', 'totalEgress', 'activeConnections', 'gpuMemory', 'gpuUtilization'];
    const request = { processId: RUNNING_PROCESS_ID, appId: BIG_APP_ID, metrics, start: EPOCH_S - 3600, end: EPOCH_S, step: 60 };
    const data = await sdk.processesV3.getProcessMetrics(request);
    assertSameKeys(
      await rawJson(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/process/${RUNNING_PROCESS_ID}/metrics?${metrics.map((m) => `metrics=${m}`).join('&')}&start=${request.start}&end=${request.end}&step=60`),
      data,
      'P14',
    );
    assert.equal(data.cpu?.length, 61);
    assert.equal(data.cpu?.[0]?.timestamp, request.start);
    assert.equal(data.totalEgress?.at(-1)?.timestamp, EPOCH_S);
    assert.deepEqual([data.gpuMemory, data.gpuUtilization], [[], []]);
    assert.deepEqual(await sdk.processesV3.getProcessMetrics(request), data);
    const cpuOnly = await sdk.processesV3.getProcessMetrics({ processId: RUNNING_PROCESS_ID, appId: BIG_APP_ID, metrics: ['cpu'], start: request.start, end: request.end });
    assert.deepEqual(Object.keys(cpuOnly), ['cpu']);
    assert.deepEqual(cpuOnly.cpu, data.cpu);
    const defaults = await sdk.processesV3.getProcessMetrics({ processId: FAILED_PROCESS_ID, appId: BIG_APP_ID, start: EPOCH_S - 86_400, end: EPOCH_S, step: 600 });
    assert.deepEqual(Object.keys(defaults).sort(), ['activeConnections', 'cpu', 'memory', 'rateEgress', 'totalEgress']);
    assert.ok((defaults.memory?.length ?? 0) > 0);
    assert.deepEqual(await sdk.processesV3.getProcessMetrics({ processId: STARTING_PROCESS_ID, appId: BIG_APP_ID, metrics: ['cpu'] }), { cpu: [] });
    await expectApiError(sdk.processesV3.getProcessMetrics({ processId: RUNNING_PROCESS_ID, appId: BIG_APP_ID, metrics: ['rate_egress' as ProcessMetricName] }), 422);
    await expectApiError(sdk.processesV3.getProcessMetrics({ processId: RUNNING_PROCESS_ID, appId: BIG_APP_ID, start: 10, end: 5 }), 422);
    await expectApiError(sdk.processesV3.getProcessMetrics({ processId: UNKNOWN_PROCESS, appId: BIG_APP_ID }), 404);
  });

  it('M1: deprecated metrics, snake_case on the wire, the same series as v3', async () => {
    const window = { start: EPOCH_S - 1800, end: EPOCH_S, step: 120 };
    const v1 = await sdk.metricsV1.getMetricsDeprecated({ processId: RUNNING_PROCESS_ID, appId: BIG_APP_ID, metrics: ['cpu', 'rate_egress', 'total_egress', 'active_connections'], ...window });
    const v3 = await sdk.processesV3.getProcessMetrics({ processId: RUNNING_PROCESS_ID, appId: BIG_APP_ID, metrics: ['cpu', 'rateEgress', 'totalEgress', 'activeConnections'], ...window });
    // The SDK renames the snake_case wire keys to camelCase, so both read alike.
    assert.deepEqual(toWire(v1), toWire(v3));
    assert.equal(v1.rateEgress?.length, 16);
    const byDefault = await sdk.metricsV1.getMetricsDeprecated({ processId: RUNNING_PROCESS_ID, appId: BIG_APP_ID, ...window });
    assert.deepEqual(Object.keys(byDefault).sort(), ['cpu', 'memory', 'rateEgress']);
    await expectApiError(sdk.metricsV1.getMetricsDeprecated({ processId: RUNNING_PROCESS_ID, appId: BIG_APP_ID, metrics: ['gpuMemory' as 'cpu'] }), 422);
    await expectApiError(sdk.metricsV1.getMetricsDeprecated({ processId: RUNNING_PROCESS_ID, appId: UNKNOWN_APP }), 404);
  });

  it('R1/R2: active rooms match roomsAllocated for every process of every app', async () => {
    for (const appId of [BIG_APP_ID, SECOND_APP_ID, EMPTY_APP_ID]) {
      for (const p of await sdk.processesV3.getLatestProcesses(appId)) {
        const active = await sdk.roomsV2.getActiveRoomsForProcess(p.processId, appId);
        const inactive = await sdk.roomsV2.getInactiveRoomsForProcess(p.processId, appId);
        assertSameKeys(await rawJson(emulator, `/rooms/v2/${appId}/list/${p.processId}/active`), active, 'R1');
        assertSameKeys(await rawJson(emulator, `/rooms/v2/${appId}/list/${p.processId}/inactive`), inactive, 'R2');
        assert.equal(active.length, p.roomsAllocated);
        assert.ok(active.every((room) => room.status === 'active' && room.currentAllocation?.processId === p.processId));
        assert.ok(inactive.every((room) => room.status === 'destroyed' && room.currentAllocation?.unscheduledAt instanceof Date));
      }
    }
    const seed = await sdk.roomsV2.getActiveRoomsForProcess(SEED_PROCESS_ID, BIG_APP_ID);
    assert.deepEqual(seed.map((room) => room.roomId), ['q7m2x9k4w1p0z']);
    await expectApiError(sdk.roomsV2.getActiveRoomsForProcess(UNKNOWN_PROCESS, BIG_APP_ID), 404);
    await expectApiError(sdk.roomsV2.getInactiveRoomsForProcess(SEED_PROCESS_ID, UNKNOWN_APP), 404);
  });

  it('D1/D2: every process deployment id resolves, latest is the newest', async () => {
    for (const appId of [BIG_APP_ID, SECOND_APP_ID]) {
      const ids = new Set<string>();
      let cursor: number | undefined;
      for (;;) {
        const page = await sdk.processesV3.getLatestProcesses(appId, undefined, undefined, cursor);
        for (const p of page) ids.add(p.deploymentId);
        if (page.length < 10) break;
        cursor = page.at(-1)?.createdAt.getTime();
      }
      for (const id of ids) {
        const deployment = await sdk.deploymentsV3.getDeployment(id, appId);
        assertSameKeys(await rawJson(emulator, `/deployments/v3/apps/${appId}/deployments/${id}`), deployment, 'D1');
        assert.equal(deployment.deploymentId, id);
        assert.equal(deployment.appId, appId);
      }
      const latest = await sdk.deploymentsV3.getLatestDeployment(appId);
      assert.ok(ids.has(latest.deploymentId));
      const app = (await sdk.appsV2.getApps()).applications.find((item) => item.appId === appId);
      assert.equal(app?.deployment?.deploymentId, latest.deploymentId);
    }
    await expectApiError(sdk.deploymentsV3.getLatestDeployment(EMPTY_APP_ID), 404);
    await expectApiError(sdk.deploymentsV3.getDeployment('dep-unknown', BIG_APP_ID), 404);
  });

  it('P13/P8: stop answers 204 and the process is stopping, then stopped, through every generation', async () => {
    await sdk.processesV3.stopProcess(RUNNING_PROCESS_ID, BIG_APP_ID);
    assert.equal((await sdk.processesV3.getProcess(RUNNING_PROCESS_ID, BIG_APP_ID)).status, 'stopping');
    assert.equal((await sdk.processesV2.getProcessInfoV2Deprecated(RUNNING_PROCESS_ID, BIG_APP_ID)).status, 'stopping');
    await sdk.processesV2.stopProcessV2Deprecated(DRAINING_PROCESS_ID, BIG_APP_ID);
    assert.equal((await sdk.processesV3.getProcess(DRAINING_PROCESS_ID, BIG_APP_ID)).status, 'stopping');
    await sleep(250);
    for (const id of [RUNNING_PROCESS_ID, DRAINING_PROCESS_ID]) {
      const v3 = await sdk.processesV3.getProcess(id, BIG_APP_ID);
      const v1 = await sdk.processesV1.getProcessInfoDeprecated(id, BIG_APP_ID);
      assert.equal(v3.status, 'stopped');
      assert.equal(v3.terminatedAt?.getTime(), v1.terminatedAt?.getTime());
      assert.equal(v3.stoppingAt?.getTime(), v1.stoppingAt?.getTime());
      assert.equal(v1.draining, false);
    }
    const stopped = await sdk.processesV1.getStoppedProcesses(BIG_APP_ID);
    assert.deepEqual(new Set(stopped.slice(0, 2).map((p) => p.processId)), new Set([RUNNING_PROCESS_ID, DRAINING_PROCESS_ID]));
    // Stopping an ended process is a no-op that still answers 204.
    await sdk.processesV3.stopProcess(STOPPED_PROCESS_ID, BIG_APP_ID);
    await sdk.processesV2.stopProcessV2Deprecated(STOPPED_PROCESS_ID, BIG_APP_ID);
    await expectApiError(sdk.processesV3.stopProcess(UNKNOWN_PROCESS, BIG_APP_ID), 404);
    await expectApiError(sdk.processesV2.stopProcessV2Deprecated(UNKNOWN_PROCESS, BIG_APP_ID), 404);
    await expectApiError(sdkFor(emulator, 'wrong').processesV3.stopProcess(STOPPED_PROCESS_ID, BIG_APP_ID), 401);
  });
});

describe('official SDK against a living world while it moves', () => {
  it('validates every answer as processes start, fill rooms, drain, stop and fail', async () => {
    // A running clock that also jumps 20 s after each round: changes land between and during requests.
    const emulator = await startEmulator({ live: true, logIntervalMs: 100 });
    const sdk = sdkFor(emulator);
    const born = new Map<string, Set<string>>();
    try {
      for (let round = 0; round < 12; round += 1) {
        for (const appId of [BIG_APP_ID, SECOND_APP_ID]) {
          for (const listed of await sdk.processesV3.getLatestProcesses(appId)) {
            const p = await sdk.processesV3.getProcess(listed.processId, appId);
            if (p.createdAt.getTime() > emulator.startedAt) born.set(p.processId, (born.get(p.processId) ?? new Set()).add(p.status));
            await sdk.processesV2.getProcessInfoV2Deprecated(p.processId, appId);
            await sdk.processesV1.getProcessInfoDeprecated(p.processId, appId);
            await sdk.roomsV2.getActiveRoomsForProcess(p.processId, appId);
            await sdk.roomsV2.getInactiveRoomsForProcess(p.processId, appId);
            if (p.startedAt !== null) await sdk.processesV3.getProcessMetrics({ processId: p.processId, appId, start: Math.floor(emulator.now() / 1000) - 600 });
          }
          await sdk.processesV1.getRunningProcesses(appId);
          await sdk.processesV1.getStoppedProcesses(appId);
          await sdk.processesV3.getProcessesCountExperimental(appId, ['running']);
        }
        emulator.advance(20_000);
      }
      const statuses = new Set([...born.values()].flatMap((seen) => [...seen]));
      assert.ok(born.size >= 10, `${born.size} processes started while the SDK watched`);
      for (const status of ['starting', 'running']) assert.ok(statuses.has(status), `a new process was seen ${status}`);
    } finally {
      await emulator.close();
    }
  });
});

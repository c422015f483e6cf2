import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import {
  BIG_APP_ID,
  FIXED_EPOCH_MS,
  RUNNING_PROCESS_ID,
  SECOND_APP_ID,
  SECOND_APP_RUNNING_PROCESS_ID,
  STARTING_PROCESS_ID,
  STOPPED_PROCESS_ID,
  STOPPING_PROCESS_ID,
} from '../../../src/emulator/data.js';
import { call, getJson, type WireProcessV3 } from './emulator-fetch.js';

type Json = Record<string, unknown>;

async function views(emulator: RunningEmulator, appId: string, processId: string): Promise<{ v1: Json; v2: Json; v3: WireProcessV3 }> {
  return {
    v1: await getJson<Json>(emulator, `/processes/v1/${appId}/info/${processId}`),
    v2: await getJson<Json>(emulator, `/processes/v2/${appId}/info/${processId}`),
    v3: await getJson<WireProcessV3>(emulator, `/processes/v3/apps/${appId}/processes/${processId}`),
  };
}

async function stop(emulator: RunningEmulator, path: string): Promise<void> {
  const answer = await call(emulator, path, { method: 'POST' });
  assert.equal(answer.status, 204);
  assert.equal(answer.text, '');
  assert.equal(answer.contentType, null);
}

describe('stopping processes', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ stopDelayMs: 300 });
  });
  after(async () => {
    await emulator.close();
  });

  it('P13 moves a running process to stopping at once and to stopped after the delay, in every generation', async () => {
    const before = await views(emulator, BIG_APP_ID, RUNNING_PROCESS_ID);
    const activeBefore = await getJson<unknown[]>(emulator, `/rooms/v2/${BIG_APP_ID}/list/${RUNNING_PROCESS_ID}/active`);
    const inactiveBefore = await getJson<unknown[]>(emulator, `/rooms/v2/${BIG_APP_ID}/list/${RUNNING_PROCESS_ID}/inactive`);
    assert.equal(before.v3.status, 'running');
    assert.ok(before.v3.roomsAllocated > 0);
    const runningCount = (await getJson<{ count: number }>(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/count?status=running`)).count;

    await stop(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/${RUNNING_PROCESS_ID}/stop`);
    const stopping = await views(emulator, BIG_APP_ID, RUNNING_PROCESS_ID);
    assert.equal(stopping.v3.status, 'stopping');
    assert.equal(stopping.v2['status'], 'stopping');
    assert.equal(stopping.v1['draining'], false);
    const stoppingAt = Date.parse(stopping.v3.stoppingAt ?? '');
    assert.ok(stoppingAt >= FIXED_EPOCH_MS && stoppingAt >= Date.parse(before.v3.startedAt ?? ''));
    assert.equal(stopping.v1['stoppingAt'], stopping.v3.stoppingAt);
    assert.equal(stopping.v2['stoppingAt'], stopping.v3.stoppingAt);
    assert.equal(stopping.v3.terminatedAt, null);
    // It runs in Frankfurt, where it is among the 10 latest started.
    const running = await getJson<Json[]>(emulator, `/processes/v1/${BIG_APP_ID}/list/running?region=Frankfurt`);
    assert.ok(running.some((p) => p['processId'] === RUNNING_PROCESS_ID), 'a stopping process is still in the v1 running list');
    assert.equal((await getJson<{ count: number }>(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/count?status=running`)).count, runningCount - 1);

    await sleep(350);
    const stopped = await views(emulator, BIG_APP_ID, RUNNING_PROCESS_ID);
    assert.equal(stopped.v3.status, 'stopped');
    assert.equal(stopped.v2['status'], 'stopped');
    assert.equal(Date.parse(stopped.v3.terminatedAt ?? ''), stoppingAt + 300);
    assert.equal(stopped.v1['terminatedAt'], stopped.v3.terminatedAt);
    assert.equal(stopped.v3.stoppingAt, stopping.v3.stoppingAt);
    assert.equal(stopped.v3.summaryExitReason, 'exited with code 0');
    assert.equal(stopped.v3.roomsAllocated, 0);
    assert.equal(stopped.v1['roomSlotsAvailable'], stopped.v3.roomsPerProcess);
    assert.equal(stopped.v1['activeConnections'], 0);
    assert.deepEqual(await getJson(emulator, `/rooms/v2/${BIG_APP_ID}/list/${RUNNING_PROCESS_ID}/active`), []);
    const inactive = await getJson<Json[]>(emulator, `/rooms/v2/${BIG_APP_ID}/list/${RUNNING_PROCESS_ID}/inactive`);
    assert.equal(inactive.length, inactiveBefore.length + activeBefore.length);
    const lastStopped = await getJson<Json[]>(emulator, `/processes/v1/${BIG_APP_ID}/list/stopped`);
    assert.equal(lastStopped[0]?.['processId'], RUNNING_PROCESS_ID, 'the newest stopped process comes first');
    assert.ok(!(await getJson<Json[]>(emulator, `/processes/v1/${BIG_APP_ID}/list/running?region=Frankfurt`)).some((p) => p['processId'] === RUNNING_PROCESS_ID));

    // Stopping it again changes nothing.
    await stop(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/${RUNNING_PROCESS_ID}/stop`);
    await stop(emulator, `/processes/v2/${BIG_APP_ID}/stop/${RUNNING_PROCESS_ID}`);
    assert.deepEqual(await views(emulator, BIG_APP_ID, RUNNING_PROCESS_ID), stopped);
  });

  it('P8 stops a process too, and a starting one ends without ever starting', async () => {
    await stop(emulator, `/processes/v2/${SECOND_APP_ID}/stop/${SECOND_APP_RUNNING_PROCESS_ID}`);
    await stop(emulator, `/processes/v2/${BIG_APP_ID}/stop/${STARTING_PROCESS_ID}`);
    assert.equal((await views(emulator, SECOND_APP_ID, SECOND_APP_RUNNING_PROCESS_ID)).v3.status, 'stopping');
    await sleep(350);
    assert.equal((await views(emulator, SECOND_APP_ID, SECOND_APP_RUNNING_PROCESS_ID)).v3.status, 'stopped');
    const starting = await views(emulator, BIG_APP_ID, STARTING_PROCESS_ID);
    assert.equal(starting.v3.status, 'stopped');
    assert.equal(starting.v3.startedAt, null);
    assert.equal(starting.v3.exposedPort, null);
    assert.ok(Date.parse(starting.v3.terminatedAt ?? '') > Date.parse(starting.v3.stoppingAt ?? ''));
  });

  it('leaves processes that are already stopping or ended as they are', async () => {
    for (const processId of [STOPPING_PROCESS_ID, STOPPED_PROCESS_ID]) {
      const before = await views(emulator, BIG_APP_ID, processId);
      await stop(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/${processId}/stop`);
      assert.deepEqual(await views(emulator, BIG_APP_ID, processId), before);
    }
  });

  it('stops at once with a zero delay', async () => {
    const quick = await startEmulator({ stopDelayMs: 0 });
    try {
      await stop(quick, `/processes/v3/apps/${BIG_APP_ID}/processes/${RUNNING_PROCESS_ID}/stop`);
      const v3 = await getJson<WireProcessV3>(quick, `/processes/v3/apps/${BIG_APP_ID}/processes/${RUNNING_PROCESS_ID}`);
      assert.equal(v3.status, 'stopped');
      assert.equal(v3.terminatedAt, v3.stoppingAt);
    } finally {
      await quick.close();
    }
  });
});

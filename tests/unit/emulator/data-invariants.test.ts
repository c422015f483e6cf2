import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import {
  BIG_APP_ID,
  DRAINING_PROCESS_ID,
  EMPTY_APP_ID,
  FAILED_PROCESS_ID,
  RUNNING_PROCESS_ID,
  SECOND_APP_ID,
  SECOND_APP_RUNNING_PROCESS_ID,
  SEED_PROCESS_ID,
  STARTING_PROCESS_ID,
  STOPPED_PROCESS_ID,
  STOPPING_PROCESS_ID,
} from '../../../src/emulator/data.js';
import { REGIONS, PROCESS_STATUSES } from '../../../src/emulator/enums.js';
import { allProcessesV3, getJson, type WireProcessV3 } from './emulator-fetch.js';

type Json = Record<string, unknown>;

const V1_KEYS = [
  'egressedBytes', 'idleSince', 'activeConnectionsUpdatedAt', 'activeConnections', 'roomsAllocatedUpdatedAt',
  'roomsAllocated', 'roomSlotsAvailableUpdatedAt', 'roomSlotsAvailable', 'draining', 'terminatedAt', 'stoppingAt',
  'startedAt', 'startingAt', 'roomsPerProcess', 'additionalExposedPorts', 'exposedPort', 'port', 'host', 'region',
  'processId', 'deploymentId', 'appId',
];
const V2_KEYS = [
  'status', 'roomsAllocated', 'terminatedAt', 'stoppingAt', 'startedAt', 'createdAt', 'roomsPerProcess',
  'additionalExposedPorts', 'exposedPort', 'region', 'processId', 'deploymentId', 'appId',
];
const V3_REQUIRED = [
  'status', 'roomsAllocated', 'terminatedAt', 'stoppingAt', 'startedAt', 'bootedAt', 'scheduledAt', 'createdAt',
  'roomsPerProcess', 'additionalExposedPorts', 'exposedPort', 'region', 'processId', 'deploymentId', 'appId',
];
const V3_OPTIONAL = ['hosting', 'summaryExitReason', 'fleetId'];

const ms = (value: string | null): number | null => (value === null ? null : Date.parse(value));

describe('emulator data', () => {
  let emulator: RunningEmulator;
  let big: WireProcessV3[];
  before(async () => {
    emulator = await startEmulator();
    big = await allProcessesV3(emulator, BIG_APP_ID);
  });
  after(async () => {
    await emulator.close();
  });

  it('has at least 60 processes in the big app covering every region and status', async () => {
    assert.equal(big.length, 73);
    assert.deepEqual(new Set(big.map((p) => p.region)), new Set(REGIONS));
    assert.deepEqual(new Set(big.map((p) => p.status)), new Set(PROCESS_STATUSES));
    assert.equal(new Set(big.map((p) => p.processId)).size, big.length);
    for (const id of [SEED_PROCESS_ID, RUNNING_PROCESS_ID, FAILED_PROCESS_ID, STARTING_PROCESS_ID, DRAINING_PROCESS_ID, STOPPING_PROCESS_ID, STOPPED_PROCESS_ID]) {
      assert.ok(big.some((p) => p.processId === id), id);
    }
    const statusOf = (id: string): string | undefined => big.find((p) => p.processId === id)?.status;
    assert.equal(statusOf(RUNNING_PROCESS_ID), 'running');
    assert.equal(statusOf(FAILED_PROCESS_ID), 'failed');
    assert.equal(statusOf(STARTING_PROCESS_ID), 'starting');
    assert.equal(statusOf(DRAINING_PROCESS_ID), 'draining');
    assert.equal(statusOf(STOPPING_PROCESS_ID), 'stopping');
    assert.equal(statusOf(STOPPED_PROCESS_ID), 'stopped');
  });

  it('pages with before without duplicates or gaps, newest first, matching the count', async () => {
    const count = await getJson<{ count: number }>(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/count`);
    assert.deepEqual(count, { count: big.length });
    const created = big.map((p) => Date.parse(p.createdAt));
    for (let i = 1; i < created.length; i += 1) assert.ok((created[i - 1] ?? 0) > (created[i] ?? 0), 'strictly newest first');
    // `before` is exclusive: asking before the 10th item's createdAt starts at the 11th.
    const tenth = big[9];
    assert.ok(tenth !== undefined);
    const page = await getJson<WireProcessV3[]>(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/latest?before=${Date.parse(tenth.createdAt)}`);
    assert.deepEqual(page.map((p) => p.processId), big.slice(10, 20).map((p) => p.processId));
    const inclusive = await getJson<WireProcessV3[]>(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/latest?before=${Date.parse(tenth.createdAt) + 1}`);
    assert.equal(inclusive[0]?.processId, tenth.processId);
    // A fractional cursor is a number too.
    const fractional = await getJson<WireProcessV3[]>(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/latest?before=${Date.parse(tenth.createdAt) + 0.5}`);
    assert.equal(fractional[0]?.processId, tenth.processId);
    assert.deepEqual(await getJson(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/latest?before=0`), []);
  });

  it('filters v3 and v2 listings and counts by status, region and before consistently', async () => {
    const filters: [string, (p: WireProcessV3) => boolean][] = [
      ['status=running', (p) => p.status === 'running'],
      ['status=running&status=draining', (p) => p.status === 'running' || p.status === 'draining'],
      ['region=Frankfurt&region=Tokyo', (p) => p.region === 'Frankfurt' || p.region === 'Tokyo'],
      ['status=stopped&region=Mumbai', (p) => p.status === 'stopped' && p.region === 'Mumbai'],
      ['status=failed', (p) => p.status === 'failed'],
    ];
    for (const [query, keep] of filters) {
      const expected = big.filter(keep);
      const paged = await allProcessesV3(emulator, BIG_APP_ID, query);
      assert.deepEqual(paged.map((p) => p.processId), expected.map((p) => p.processId), query);
      assert.deepEqual(await getJson(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/count?${query}`), { count: expected.length });
      assert.deepEqual(await getJson(emulator, `/processes/v2/${BIG_APP_ID}/count?${query}`), { count: expected.length });
      const v2 = await getJson<Json[]>(emulator, `/processes/v2/${BIG_APP_ID}/list/latest?${query}`);
      assert.deepEqual(v2.map((p) => p['processId']), expected.slice(0, 10).map((p) => p.processId), query);
    }
    const cutoff = Date.parse(big[30]?.createdAt ?? '');
    const count = await getJson(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/count?before=${cutoff}&status=running`);
    assert.deepEqual(count, { count: big.filter((p) => Date.parse(p.createdAt) < cutoff && p.status === 'running').length });
  });

  it('has a second app with 12 processes and an empty app that lists nothing', async () => {
    const second = await allProcessesV3(emulator, SECOND_APP_ID);
    assert.equal(second.length, 12);
    assert.ok(second.some((p) => p.processId === SECOND_APP_RUNNING_PROCESS_ID && p.status === 'running'));
    assert.ok(second.every((p) => p.appId === SECOND_APP_ID));
    for (const path of [
      `/processes/v3/apps/${EMPTY_APP_ID}/processes/latest`,
      `/processes/v2/${EMPTY_APP_ID}/list/latest`,
      `/processes/v1/${EMPTY_APP_ID}/list/running`,
      `/processes/v1/${EMPTY_APP_ID}/list/stopped`,
    ]) {
      assert.deepEqual(await getJson(emulator, path), [], path);
    }
    assert.deepEqual(await getJson(emulator, `/processes/v3/apps/${EMPTY_APP_ID}/processes/count`), { count: 0 });
    assert.deepEqual(await getJson(emulator, `/processes/v2/${EMPTY_APP_ID}/count?status=running`), { count: 0 });
  });

  it('shows every process the same through v1, v2 and v3', async () => {
    for (const appId of [BIG_APP_ID, SECOND_APP_ID]) {
      for (const p3 of await allProcessesV3(emulator, appId)) {
        const id = p3.processId;
        const v3 = await getJson<Json>(emulator, `/processes/v3/apps/${appId}/processes/${id}`);
        const v2 = await getJson<Json>(emulator, `/processes/v2/${appId}/info/${id}`);
        const v1 = await getJson<Json>(emulator, `/processes/v1/${appId}/info/${id}`);
        assert.deepEqual(v3, p3 as unknown as Json, 'get equals the listed item');
        assert.deepEqual(Object.keys(v1), V1_KEYS);
        assert.deepEqual(Object.keys(v2), V2_KEYS);
        for (const key of V3_REQUIRED) assert.ok(key in v3, `${id} v3 ${key}`);
        for (const key of Object.keys(v3)) assert.ok(V3_REQUIRED.includes(key) || V3_OPTIONAL.includes(key), `${id} unexpected ${key}`);
        for (const key of V3_OPTIONAL) assert.notEqual(v3[key], null, `${id} ${key} is absent, never null`);
        for (const key of ['status', 'roomsAllocated', 'terminatedAt', 'stoppingAt', 'startedAt', 'createdAt', 'roomsPerProcess', 'additionalExposedPorts', 'exposedPort', 'region', 'processId', 'appId']) {
          assert.deepEqual(v2[key], v3[key], `${id} v2/v3 ${key}`);
        }
        for (const key of ['roomsAllocated', 'terminatedAt', 'stoppingAt', 'startedAt', 'roomsPerProcess', 'additionalExposedPorts', 'exposedPort', 'region', 'processId', 'appId']) {
          assert.deepEqual(v1[key], v3[key], `${id} v1/v3 ${key}`);
        }
        assert.equal(v1['startingAt'], v3['createdAt']);
        assert.equal(v1['deploymentId'], v2['deploymentId']);
        assert.ok(Number.isInteger(v1['deploymentId']));
        assert.match(String(v3['deploymentId']), /^dep-[0-9a-f-]{36}$/);
        assert.equal(v1['draining'], v3['status'] === 'draining');
        if (id !== SEED_PROCESS_ID) {
          const port = v3['exposedPort'] as { port: number; host: string } | null;
          assert.equal(v1['port'], port?.port ?? 0, `${id} legacy port`);
          assert.equal(v1['host'], port?.host ?? '', `${id} legacy host`);
          assert.equal(v1['roomSlotsAvailable'], (v1['roomsPerProcess'] as number) - (v1['roomsAllocated'] as number));
        }
      }
    }
  });

  it('generates timelines that only move forward, with the fields each status implies', () => {
    for (const p of big.filter((candidate) => candidate.processId !== SEED_PROCESS_ID)) {
      const steps = [p.createdAt, p.scheduledAt, p.bootedAt, p.startedAt, p.stoppingAt, p.terminatedAt].map(ms);
      const present = steps.filter((step): step is number => step !== null);
      for (let i = 1; i < present.length; i += 1) assert.ok((present[i - 1] ?? 0) <= (present[i] ?? 0), `${p.processId} timeline`);
      // A later step implies the earlier ones, except that a failure may cut the timeline short.
      if (p.startedAt !== null) assert.ok(p.scheduledAt !== null && p.bootedAt !== null, p.processId);
      assert.ok(p.roomsAllocated >= 0 && p.roomsAllocated <= p.roomsPerProcess, `${p.processId} rooms`);
      assert.ok(Date.parse(p.createdAt) <= Date.UTC(2026, 10, 1), 'generated data is in the past of the fixed epoch');
      switch (p.status) {
        case 'starting':
          assert.equal(p.startedAt, null);
          assert.equal(p.exposedPort, null);
          assert.deepEqual(p.additionalExposedPorts, []);
          assert.equal(p.terminatedAt, null);
          break;
        case 'running':
        case 'draining':
          assert.ok(p.startedAt !== null && p.exposedPort !== null);
          assert.equal(p.stoppingAt, null);
          assert.equal(p.terminatedAt, null);
          break;
        case 'stopping':
          assert.ok(p.startedAt !== null && p.stoppingAt !== null);
          assert.equal(p.terminatedAt, null);
          break;
        case 'stopped':
          for (const step of steps) assert.notEqual(step, null, `${p.processId} stopped has every step`);
          assert.equal(p.roomsAllocated, 0);
          break;
        case 'failed':
          assert.notEqual(p.terminatedAt, null);
          assert.match(p.summaryExitReason ?? '', /^(exited with code \d+|did not bind|failed to pull)/);
          assert.equal(p.roomsAllocated, 0);
          break;
      }
      if (p.exposedPort !== null) {
        assert.ok(Number.isInteger(p.exposedPort.port) && p.exposedPort.port > 0 && p.exposedPort.port < 65536);
        assert.equal(p.exposedPort.name, 'default');
        assert.match(p.exposedPort.host, /^\d\.proxy\.hathora\.dev$/);
      }
      assert.equal(p.fleetId === undefined, p.hosting === undefined, 'fleet and hosting come together');
    }
    assert.ok(big.some((p) => p.fleetId !== undefined) && big.some((p) => p.fleetId === undefined), 'some with a fleet, some without');
    const failed = big.find((p) => p.processId === FAILED_PROCESS_ID);
    assert.equal(failed?.summaryExitReason, 'exited with code 137 (OOMKilled)');
  });

  it('lists v1 running and stopped processes by the v1 rules', async () => {
    const running = await getJson<Json[]>(emulator, `/processes/v1/${BIG_APP_ID}/list/running`);
    const alive = big.filter((p) => !['stopped', 'failed'].includes(p.status));
    const startedKey = (p: WireProcessV3): number => Date.parse(p.startedAt ?? p.createdAt);
    const expectedRunning = [...alive].sort((a, b) => startedKey(b) - startedKey(a)).slice(0, 10);
    assert.deepEqual(running.map((p) => p['processId']), expectedRunning.map((p) => p.processId));
    for (const p of running) {
      assert.deepEqual(Object.keys(p), [...V1_KEYS, 'rooms', 'totalRooms']);
      assert.equal((p['rooms'] as unknown[]).length, p['roomsAllocated']);
      assert.ok((p['totalRooms'] as number) >= (p['rooms'] as unknown[]).length);
    }
    const stopped = await getJson<Json[]>(emulator, `/processes/v1/${BIG_APP_ID}/list/stopped`);
    const ended = big.filter((p) => ['stopped', 'failed'].includes(p.status));
    const expectedStopped = [...ended].sort((a, b) => Date.parse(b.terminatedAt ?? '') - Date.parse(a.terminatedAt ?? '')).slice(0, 10);
    assert.deepEqual(stopped.map((p) => p['processId']), expectedStopped.map((p) => p.processId));
    for (const p of stopped) assert.deepEqual(Object.keys(p), V1_KEYS);

    const inTokyo = await getJson<Json[]>(emulator, `/processes/v1/${BIG_APP_ID}/list/running?region=Tokyo`);
    assert.deepEqual(
      inTokyo.map((p) => p['processId']),
      expectedRunningIn(alive, 'Tokyo', startedKey).map((p) => p.processId),
    );
    assert.ok(inTokyo.length > 0);
  });
});

function expectedRunningIn(alive: WireProcessV3[], region: string, key: (p: WireProcessV3) => number): WireProcessV3[] {
  return alive.filter((p) => p.region === region).sort((a, b) => key(b) - key(a)).slice(0, 10);
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveV1Status, freeSlotsOf, toProcessView, type ProcessView } from '../../../src/models/normalise.js';
import { ProcessV1Schema, ProcessWithRoomsSchema, type ProcessV1 } from '../../../src/models/process-v1.js';
import { ProcessV2Schema } from '../../../src/models/process-v2.js';
import { ProcessV3Schema } from '../../../src/models/process-v3.js';
import { fixture, objectFixture } from './fixtures.js';

const APP = 'app-7c1d4a2e-93b5-4f0e-8d61-2a9f4e6b3c10';

test('v3 maps field by field', () => {
  const process = ProcessV3Schema.parse(fixture('process-v3.json'));
  const expected: ProcessView = {
    generation: 'v3',
    model: 'ProcessV3',
    processId: '5a8c1e02-7d3b-4f96-a0e4-3c9b2d17f8a1',
    appId: APP,
    region: 'Frankfurt',
    status: 'running',
    statusDerived: false,
    deploymentId: 'dep-3f6a9b21-5c4e-4d7a-9e08-b1c2d3e4f5a6',
    fleetId: 'fleet-0b8e2c4d-1a3f-4e5b-8c7d-9f0a1b2c3d4e',
    hosting: 'metal',
    createdAt: '2025-11-20T14:01:57.664Z',
    scheduledAt: '2025-11-20T14:01:58.103Z',
    bootedAt: '2025-11-20T14:02:09.880Z',
    startedAt: '2025-11-20T14:02:31.412Z',
    stoppingAt: null,
    terminatedAt: null,
    roomsAllocated: 2,
    roomsPerProcess: 4,
    freeSlots: 2,
    exposedPort: { transportType: 'udp', port: 41021, host: '2.proxy.hathora.dev', name: 'default' },
    additionalExposedPorts: [{ transportType: 'tcp', port: 41022, host: '2.proxy.hathora.dev', name: 'debug' }],
    summaryExitReason: null,
    egressedBytes: null,
    activeConnections: null,
    idleSince: null,
    draining: null,
    totalRooms: null,
    roomCount: null,
  };
  assert.deepEqual(toProcessView('v3', 'ProcessV3', process), expected);
});

test('v3: optional fields absent become null; an exit reason is carried', () => {
  const [, stopped, starting] = (fixture('process-v3-list.json') as unknown[]).map((item) => ProcessV3Schema.parse(item));
  assert.ok(stopped && starting);
  const stoppedView = toProcessView('v3', 'ProcessV3', stopped);
  assert.equal(stoppedView.summaryExitReason, 'Process exited with code 0');
  assert.equal(stoppedView.terminatedAt, '2025-11-20T12:41:03.5+00:00');
  const startingView = toProcessView('v3', 'ProcessV3', starting);
  assert.equal(startingView.fleetId, null);
  assert.equal(startingView.hosting, null);
  assert.equal(startingView.summaryExitReason, null);
  assert.equal(startingView.exposedPort, null);
  assert.equal(startingView.bootedAt, null);
});

test('v2 maps field by field; deploymentId stays an integer', () => {
  const process = ProcessV2Schema.parse(fixture('process-v2.json'));
  assert.deepEqual(toProcessView('v2', 'ProcessV2', process), {
    generation: 'v2',
    model: 'ProcessV2',
    processId: '0c4b7e19-6a2d-4f83-b5e1-a2d9c7f4e610',
    appId: APP,
    region: 'London',
    status: 'draining',
    statusDerived: false,
    deploymentId: 17,
    fleetId: null,
    hosting: null,
    createdAt: '2024-06-03T09:15:02.733Z',
    scheduledAt: null,
    bootedAt: null,
    startedAt: '2024-06-03T09:15:44.021Z',
    stoppingAt: null,
    terminatedAt: null,
    roomsAllocated: 1,
    roomsPerProcess: 2,
    freeSlots: 1,
    exposedPort: { transportType: 'tcp', port: 30114, host: '1.proxy.hathora.dev', name: 'default' },
    additionalExposedPorts: [],
    summaryExitReason: null,
    egressedBytes: null,
    activeConnections: null,
    idleSince: null,
    draining: null,
    totalRooms: null,
    roomCount: null,
  } satisfies ProcessView);
});

test('v1 (the seed) maps field by field: derived status, createdAt from startingAt', () => {
  const process = ProcessV1Schema.parse(fixture('seed-process-v1.json'));
  assert.deepEqual(toProcessView('v1', 'Process', process), {
    generation: 'v1',
    model: 'Process',
    processId: 'cbfcddd2-0006-43ae-996c-995fff7bed2e',
    appId: 'app-af469a92-5b45-4565-b3c4-b79878de67d2',
    region: 'Mumbai',
    status: 'stopped',
    statusDerived: true,
    deploymentId: 1,
    fleetId: null,
    hosting: null,
    createdAt: '2022-07-24T05:17:09.567Z',
    scheduledAt: null,
    bootedAt: null,
    startedAt: '2022-10-17T22:52:14.889Z',
    stoppingAt: '2023-06-04T01:35:07.870Z',
    terminatedAt: '2023-03-31T11:16:03.717Z',
    roomsAllocated: 1,
    roomsPerProcess: 3,
    freeSlots: 2,
    exposedPort: { transportType: 'tcp', port: 34567, host: '1.proxy.hathora.dev', name: 'default' },
    additionalExposedPorts: [{ transportType: 'tcp', port: 72941, host: '1.proxy.hathora.dev', name: 'debug' }],
    summaryExitReason: null,
    egressedBytes: 435,
    activeConnections: 10,
    idleSince: '2023-08-12T23:03:55.423Z',
    draining: false,
    totalRooms: null,
    roomCount: null,
  } satisfies ProcessView);
});

test('v1 running list: rooms are counted, totalRooms kept as sent', () => {
  const [running, idle] = (fixture('process-with-rooms-list.json') as unknown[]).map((item) => ProcessWithRoomsSchema.parse(item));
  assert.ok(running && idle);
  const view = toProcessView('v1', 'ProcessWithRooms', running);
  assert.equal(view.model, 'ProcessWithRooms');
  assert.equal(view.status, 'running');
  assert.equal(view.roomCount, 1);
  assert.equal(view.totalRooms, 1);
  assert.equal(view.activeConnections, 6);
  const idleView = toProcessView('v1', 'ProcessWithRooms', idle);
  assert.equal(idleView.status, 'starting');
  assert.equal(idleView.roomCount, 2);
  assert.equal(idleView.idleSince, '2024-06-03T09:28:40.000Z');
});

test('v1 without its deprecated fields: those view fields are null', () => {
  const { activeConnections: _a, idleSince: _i, host: _h, port: _p, ...rest } = objectFixture('process-v1.json');
  const view = toProcessView('v1', 'Process', ProcessV1Schema.parse(rest));
  assert.equal(view.activeConnections, null);
  assert.equal(view.idleSince, null);
  assert.equal(view.egressedBytes, 2147483648);
});

test('v1 status derivation, one case per branch, in priority order', () => {
  const base = ProcessV1Schema.parse(fixture('process-v1.json'));
  const t = '2024-06-02T22:15:03.000Z';
  const cases: ReadonlyArray<readonly [Partial<ProcessV1>, string]> = [
    [{ terminatedAt: t, stoppingAt: t, draining: true, startedAt: t }, 'stopped'],
    [{ terminatedAt: t, stoppingAt: null, draining: false, startedAt: null }, 'stopped'],
    [{ terminatedAt: null, stoppingAt: t, draining: true, startedAt: t }, 'stopping'],
    [{ terminatedAt: null, stoppingAt: null, draining: true, startedAt: t }, 'draining'],
    [{ terminatedAt: null, stoppingAt: null, draining: true, startedAt: null }, 'draining'],
    [{ terminatedAt: null, stoppingAt: null, draining: false, startedAt: t }, 'running'],
    [{ terminatedAt: null, stoppingAt: null, draining: false, startedAt: null }, 'starting'],
  ];
  for (const [patch, status] of cases) {
    const process = { ...base, ...patch } as ProcessV1;
    assert.equal(deriveV1Status(process), status, JSON.stringify(patch));
    const view = toProcessView('v1', 'Process', process);
    assert.equal(view.status, status);
    assert.equal(view.statusDerived, true);
  }
});

test('freeSlots is roomsPerProcess − roomsAllocated, never below zero', () => {
  assert.equal(freeSlotsOf(4, 1), 3);
  assert.equal(freeSlotsOf(4, 4), 0);
  assert.equal(freeSlotsOf(3, 5), 0);
  assert.equal(freeSlotsOf(0, 0), 0);
  const v3 = ProcessV3Schema.parse({ ...objectFixture('process-v3.json'), roomsAllocated: 9, roomsPerProcess: 4 });
  assert.equal(toProcessView('v3', 'ProcessV3', v3).freeSlots, 0);
});

test('unknown status values pass through the view unchanged', () => {
  const v3 = ProcessV3Schema.parse({ ...objectFixture('process-v3.json'), status: 'Hibernating' });
  assert.equal(toProcessView('v3', 'ProcessV3', v3).status, 'Hibernating');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as z from 'zod';
import { ApplicationSchema, ApplicationsPageSchema } from '../../../src/models/application.js';
import { ApiErrorSchema, CountSchema } from '../../../src/models/common.js';
import { DeploymentV3Schema, DeploymentsV3PageSchema } from '../../../src/models/deployment.js';
import { ExposedPortSchema } from '../../../src/models/exposed-port.js';
import {
  DeprecatedProcessMetricsDataSchema,
  MetricValueSchema,
  ProcessMetricsDataSchema,
} from '../../../src/models/metrics.js';
import {
  ProcessV1ListSchema,
  ProcessV1Schema,
  ProcessWithRoomsListSchema,
  ProcessWithRoomsSchema,
} from '../../../src/models/process-v1.js';
import { ProcessV2ListSchema, ProcessV2Schema } from '../../../src/models/process-v2.js';
import { ProcessV3ListSchema, ProcessV3Schema } from '../../../src/models/process-v3.js';
import { RoomWithoutAllocationsListSchema, RoomWithoutAllocationsSchema } from '../../../src/models/room.js';
import { fixture, fixtureText, objectFixture, sharedSeedText } from './fixtures.js';

function parseOk(schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value);
  assert.equal(result.success, true, result.success ? '' : JSON.stringify(result.error.issues, null, 1));
  return result.data;
}

function rejects(schema: z.ZodType, value: unknown): void {
  assert.equal(schema.safeParse(value).success, false, `accepted: ${JSON.stringify(value)}`);
}

// Every fixture of every generation: parsing loses nothing and changes no value.
const ROUND_TRIPS: ReadonlyArray<readonly [string, z.ZodType, boolean]> = [
  // [fixture, schema, whether the schema's field order is the fixture's]
  ['seed-process-v1.json', ProcessV1Schema, true],
  ['process-v1.json', ProcessV1Schema, true],
  ['process-v1-list.json', ProcessV1ListSchema, true],
  ['process-with-rooms.json', ProcessWithRoomsSchema, true],
  ['process-with-rooms-list.json', ProcessWithRoomsListSchema, true],
  ['process-v2.json', ProcessV2Schema, true],
  ['process-v2-list.json', ProcessV2ListSchema, true],
  ['process-v3.json', ProcessV3Schema, true],
  ['process-v3-list.json', ProcessV3ListSchema, true],
  ['rooms.json', RoomWithoutAllocationsListSchema, true],
  ['metrics-v3.json', ProcessMetricsDataSchema, false],
  ['metrics-v1.json', DeprecatedProcessMetricsDataSchema, false],
  ['count.json', CountSchema, true],
  ['api-error.json', ApiErrorSchema, true],
  ['deployment-v3.json', DeploymentV3Schema, true],
  ['deployments-v3-page.json', DeploymentsV3PageSchema, true],
  // Only a few application fields are validated; the rest passes through after them.
  ['application.json', ApplicationSchema, false],
  ['applications-page.json', ApplicationsPageSchema, false],
];

for (const [name, schema, sameOrder] of ROUND_TRIPS) {
  test(`${name} parses and serialises back to the same JSON`, () => {
    const input = fixture(name);
    const parsed = parseOk(schema, input);
    assert.deepEqual(JSON.parse(JSON.stringify(parsed)), input);
    // Same keys in the same order: the serialised text is identical, not just equivalent.
    if (sameOrder) assert.equal(JSON.stringify(parsed), JSON.stringify(input));
  });
}

test('the seed process copy matches the shared seed when the shared folder exists', (t) => {
  const shared = sharedSeedText();
  if (shared === undefined) {
    t.skip('no shared folder next to the repository');
    return;
  }
  assert.deepEqual(JSON.parse(shared), fixture('seed-process-v1.json'));
  const parsed = parseOk(ProcessV1Schema, JSON.parse(shared));
  assert.deepEqual(JSON.parse(JSON.stringify(parsed)), JSON.parse(shared));
});

test('the seed process keeps its odd but valid values (port above 65535, fractional deprecated fields)', () => {
  const parsed = ProcessV1Schema.parse(fixture('seed-process-v1.json'));
  assert.equal(parsed.additionalExposedPorts[0]?.port, 72941);
  assert.equal(parsed.port, 7742.34);
  assert.equal(parsed.roomSlotsAvailable, 1059.07);
  // Timestamps stay the strings the server sent.
  assert.equal(parsed.terminatedAt, '2023-03-31T11:16:03.717Z');
});

test('a ProcessWithRooms list item is also a valid Process, and both field counts match the API', () => {
  const withRooms = objectFixture('process-with-rooms.json');
  assert.equal(Object.keys(ProcessV1Schema.shape).length, 22);
  assert.equal(Object.keys(ProcessWithRoomsSchema.shape).length, 24);
  assert.equal(Object.keys(ProcessV2Schema.shape).length, 13);
  assert.equal(Object.keys(ProcessV3Schema.shape).length, 18);
  parseOk(ProcessV1Schema, withRooms);
  const { rooms: _rooms, ...withoutRooms } = withRooms;
  rejects(ProcessWithRoomsSchema, withoutRooms);
});

test('open enums: unknown and wrong-case values are kept exactly as sent', () => {
  const v3 = objectFixture('process-v3.json');
  const parsed = ProcessV3Schema.parse({ ...v3, status: 'Running', region: 'Atlantis', hosting: 'orbital' });
  assert.equal(parsed.status, 'Running');
  assert.equal(parsed.region, 'Atlantis');
  assert.equal(parsed.hosting, 'orbital');
  assert.equal(ProcessV3Schema.parse({ ...v3, status: '' }).status, '');
  assert.equal(ExposedPortSchema.parse({ transportType: 'quic', port: 1, host: 'h', name: 'n' }).transportType, 'quic');
  const room = RoomWithoutAllocationsSchema.parse({ currentAllocation: null, status: 'suspended', roomId: 'r', appId: 'a' });
  assert.equal(room.status, 'suspended');
  const v2 = objectFixture('process-v2.json');
  assert.equal(ProcessV2Schema.parse({ ...v2, status: 'RUNNING' }).status, 'RUNNING');
});

test('open enums: non-string values are rejected', () => {
  const v3 = objectFixture('process-v3.json');
  for (const status of [null, 1, true, ['running'], { value: 'running' }]) rejects(ProcessV3Schema, { ...v3, status });
  const { status: _status, ...noStatus } = v3;
  rejects(ProcessV3Schema, noStatus);
  rejects(ProcessV3Schema, { ...v3, region: null });
  rejects(ProcessV3Schema, { ...v3, hosting: 3 });
});

test('unknown fields are kept, at the top level and nested', () => {
  const v3 = objectFixture('process-v3.json');
  const exposedPort = { ...(v3['exposedPort'] as object), tlsSni: 'game.example' };
  const input = { ...v3, gpuCount: 2, labels: { tier: 'gold' }, exposedPort };
  const parsed = parseOk(ProcessV3Schema, input) as Record<string, unknown>;
  assert.deepEqual(parsed['gpuCount'], 2);
  assert.deepEqual(parsed['labels'], { tier: 'gold' });
  assert.deepEqual(parsed['exposedPort'], exposedPort);
  assert.deepEqual(JSON.parse(JSON.stringify(parsed)), input);
});

test('missing nullable timestamps read as null (servers from before bootedAt/scheduledAt)', () => {
  const { bootedAt: _b, scheduledAt: _s, ...older } = objectFixture('process-v3.json');
  const parsed = ProcessV3Schema.parse(older);
  assert.equal(parsed.bootedAt, null);
  assert.equal(parsed.scheduledAt, null);
  const { terminatedAt: _t, stoppingAt: _st, ...v2 } = objectFixture('process-v2.json');
  const parsedV2 = ProcessV2Schema.parse(v2);
  assert.equal(parsedV2.terminatedAt, null);
  assert.equal(parsedV2.stoppingAt, null);
  const { deletedAt: _d, ...app } = objectFixture('application.json');
  assert.equal(ApplicationSchema.parse(app).deletedAt, null);
});

test('a missing non-nullable timestamp or a null one is still an error', () => {
  const { createdAt: _c, ...noCreatedAt } = objectFixture('process-v3.json');
  rejects(ProcessV3Schema, noCreatedAt);
  rejects(ProcessV3Schema, { ...objectFixture('process-v3.json'), createdAt: null });
  rejects(ProcessV1Schema, { ...objectFixture('process-v1.json'), startingAt: null });
});

test('missing or null deprecated v1 fields are tolerated; everything else deprecated-free stays strict', () => {
  const seed = objectFixture('seed-process-v1.json');
  const deprecated = ['host', 'port', 'activeConnections', 'activeConnectionsUpdatedAt', 'roomSlotsAvailable', 'roomSlotsAvailableUpdatedAt', 'idleSince'];
  const stripped = Object.fromEntries(Object.entries(seed).filter(([key]) => !deprecated.includes(key)));
  const parsed = ProcessV1Schema.parse(stripped);
  assert.equal(parsed.host, undefined);
  assert.equal(parsed.port, undefined);
  assert.equal(parsed.activeConnections, undefined);
  // idleSince is also a nullable timestamp: absent reads as null like every other one.
  assert.equal(parsed.idleSince, null);
  const nulled = { ...seed, ...Object.fromEntries(deprecated.map((key) => [key, null])) };
  parseOk(ProcessV1Schema, nulled);
  const withRooms = objectFixture('process-with-rooms.json');
  parseOk(ProcessWithRoomsSchema, Object.fromEntries(Object.entries(withRooms).filter(([key]) => !deprecated.includes(key))));
  // Present but of the wrong type is still wrong.
  rejects(ProcessV1Schema, { ...seed, port: '7742' });
  rejects(ProcessV1Schema, { ...seed, activeConnections: 1.5 });
  rejects(ProcessV1Schema, { ...seed, activeConnectionsUpdatedAt: 'yesterday' });
  // Superseded but not deprecated fields are not relaxed.
  const { draining: _d, ...noDraining } = seed;
  rejects(ProcessV1Schema, noDraining);
  rejects(ProcessV1Schema, { ...seed, egressedBytes: null });
});

test('optional non-nullable v3 fields: absent is fine, null is rejected (as the API declares)', () => {
  const v3 = objectFixture('process-v3.json');
  const { hosting: _h, fleetId: _f, ...bare } = v3;
  const parsed = ProcessV3Schema.parse(bare);
  assert.equal(parsed.hosting, undefined);
  assert.equal(Object.hasOwn(parsed, 'hosting'), false);
  rejects(ProcessV3Schema, { ...v3, hosting: null });
  rejects(ProcessV3Schema, { ...v3, fleetId: null });
  rejects(ProcessV3Schema, { ...v3, summaryExitReason: null });
});

test('int fields reject fractions; num fields accept them', () => {
  const v3 = objectFixture('process-v3.json');
  rejects(ProcessV3Schema, { ...v3, roomsAllocated: 2.5 });
  rejects(ProcessV3Schema, { ...v3, roomsPerProcess: '4' });
  rejects(ExposedPortSchema, { transportType: 'udp', port: 7777.5, host: 'h', name: 'n' });
  rejects(ProcessV2Schema, { ...objectFixture('process-v2.json'), deploymentId: 17.5 });
  // 2.0 is the integer 2 in JSON.
  parseOk(ProcessV3Schema, JSON.parse(JSON.stringify(v3).replace('"roomsAllocated":2', '"roomsAllocated":2.0')));
  assert.equal(ProcessV3Schema.parse(JSON.parse(fixtureText('process-v3.json').replace('"roomsAllocated": 2', '"roomsAllocated": 2.0'))).roomsAllocated, 2);
  parseOk(MetricValueSchema, { value: 0.25, timestamp: 1763647260.5 });
  parseOk(CountSchema, { count: 2.5 });
  parseOk(ProcessV1Schema, { ...objectFixture('process-v1.json'), roomSlotsAvailable: -1.5 });
});

test('counts accept any integer, negatives too, as the SDK does (the renderers flag them); fractions are still rejected', () => {
  const v1 = objectFixture('process-with-rooms.json');
  for (const key of ['roomsAllocated', 'roomsPerProcess', 'egressedBytes', 'activeConnections', 'totalRooms']) {
    assert.equal(ProcessWithRoomsSchema.parse({ ...v1, [key]: -1 })[key as 'roomsAllocated'], -1);
    parseOk(ProcessWithRoomsSchema, { ...v1, [key]: 0 });
    rejects(ProcessWithRoomsSchema, { ...v1, [key]: -1.5 });
  }
  const v3 = objectFixture('process-v3.json');
  assert.equal(ProcessV3Schema.parse({ ...v3, roomsAllocated: -1 }).roomsAllocated, -1);
  assert.equal(ProcessV3Schema.parse({ ...v3, roomsPerProcess: -4 }).roomsPerProcess, -4);
  // A port has no declared range.
  parseOk(ExposedPortSchema, { transportType: 'udp', port: -1, host: 'h', name: 'n' });
  parseOk(ExposedPortSchema, { transportType: 'udp', port: 72941, host: 'h', name: 'n' });
});

test('non-finite numbers and unsafe integers are rejected', () => {
  // JSON.parse turns an out-of-range literal into Infinity.
  const huge = JSON.parse('{"value": 1e400, "timestamp": 1}') as { value: number };
  assert.equal(huge.value, Infinity);
  rejects(MetricValueSchema, huge);
  rejects(MetricValueSchema, { value: -Infinity, timestamp: 1 });
  rejects(MetricValueSchema, { value: Number.NaN, timestamp: 1 });
  rejects(CountSchema, { count: Infinity });
  const v3 = objectFixture('process-v3.json');
  rejects(ProcessV3Schema, { ...v3, roomsAllocated: Infinity });
  rejects(ProcessV3Schema, { ...v3, roomsAllocated: 2 ** 53 });
  parseOk(ProcessV3Schema, { ...v3, roomsAllocated: 2 ** 53 - 1 });
  rejects(ProcessV2Schema, { ...objectFixture('process-v2.json'), deploymentId: -(2 ** 53) });
  rejects(ExposedPortSchema, { transportType: 'udp', port: 2 ** 60, host: 'h', name: 'n' });
});

test('a __proto__ key in the JSON changes no prototype', () => {
  const text = fixtureText('process-v3.json').replace(
    '"hosting": "metal",',
    '"hosting": "metal", "__proto__": {"polluted": true, "status": "hijacked"},',
  ).replace('"name": "default"', '"name": "default", "__proto__": {"polluted": true}');
  const input = JSON.parse(text) as Record<string, unknown>;
  assert.equal(Object.hasOwn(input, '__proto__'), true);
  const parsed = ProcessV3Schema.parse(input) as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  assert.equal(Object.getPrototypeOf(parsed['exposedPort']), Object.prototype);
  assert.equal(parsed['polluted'], undefined);
  assert.equal((parsed['exposedPort'] as Record<string, unknown>)['polluted'], undefined);
  assert.equal(parsed['status'], 'running');
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
});

test('top-level shapes: lists must be arrays, objects must be objects', () => {
  rejects(ProcessV3ListSchema, objectFixture('process-v3.json'));
  rejects(ProcessV3Schema, fixture('process-v3-list.json'));
  rejects(ProcessV3Schema, null);
  rejects(ProcessV3Schema, 'process');
  parseOk(ProcessV3ListSchema, []);
  parseOk(ProcessMetricsDataSchema, {});
  rejects(ApiErrorSchema, {});
  rejects(CountSchema, { count: '3' });
});

test('applications: only the used fields are validated, the rest is opaque', () => {
  const app = objectFixture('application.json');
  const opaque = { ...app, authConfiguration: 'anything', serviceConfig: 42, appSecret: undefined };
  parseOk(ApplicationSchema, opaque);
  rejects(ApplicationSchema, { ...app, appName: null });
  rejects(ApplicationSchema, { ...app, createdAt: 'last week' });
  const page = objectFixture('applications-page.json');
  const apps = page['applications'] as Record<string, unknown>[];
  const first = apps[0] ?? {};
  const deployment = first['deployment'] as Record<string, unknown>;
  parseOk(ApplicationsPageSchema, { applications: [{ ...first, deployment: { ...deployment, build: null, env: 'x' } }] });
  rejects(ApplicationsPageSchema, { applications: [{ ...first, deployment: { ...deployment, deploymentId: 7 } }] });
  rejects(ApplicationsPageSchema, { applications: [{ ...first, deployment: null }] });
});

test('deployments: required and optional fields as the API declares', () => {
  const deployment = objectFixture('deployment-v3.json');
  const { fleetId: _f, deploymentTag: _t, buildTag: _b, ...minimal } = deployment;
  parseOk(DeploymentV3Schema, minimal);
  parseOk(DeploymentV3Schema, { ...deployment, requestedGPU: 1, experimentalRequestedGPU: 1 });
  const { env: _e, ...noEnv } = deployment;
  rejects(DeploymentV3Schema, noEnv);
  rejects(DeploymentV3Schema, { ...deployment, requestedCPU: '0.5' });
});

test('rooms: roomConfig may be absent or null, currentAllocation may be null but not absent', () => {
  const [placed] = fixture('rooms.json') as Record<string, unknown>[];
  assert.ok(placed);
  const { roomConfig: _rc, ...noConfig } = placed;
  parseOk(RoomWithoutAllocationsSchema, noConfig);
  parseOk(RoomWithoutAllocationsSchema, { ...placed, roomConfig: null });
  const { currentAllocation: _ca, ...noAllocation } = placed;
  rejects(RoomWithoutAllocationsSchema, noAllocation);
});

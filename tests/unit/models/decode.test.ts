import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as z from 'zod';
import { CountSchema } from '../../../src/models/common.js';
import { MAX_ISSUES, decode, describeValue, formatPath, type SchemaIssue } from '../../../src/models/decode.js';
import { DeploymentV3Schema } from '../../../src/models/deployment.js';
import { MetricValueSchema, ProcessMetricsDataSchema } from '../../../src/models/metrics.js';
import { ProcessV1Schema, ProcessWithRoomsSchema } from '../../../src/models/process-v1.js';
import { ProcessV2Schema } from '../../../src/models/process-v2.js';
import { ProcessV3ListSchema, ProcessV3Schema } from '../../../src/models/process-v3.js';
import { fixture, objectFixture } from './fixtures.js';

function issuesOf(schema: z.ZodType, value: unknown): SchemaIssue[] {
  const result = decode(schema, value);
  assert.equal(result.ok, false, 'expected the value to be rejected');
  return result.ok ? [] : result.issues;
}

const v3 = () => objectFixture('process-v3.json');

test('decode returns the parsed data on success', () => {
  const result = decode(ProcessV3Schema, fixture('process-v3.json'));
  assert.equal(result.ok, true);
  if (result.ok) assert.equal(result.data.deploymentId, 'dep-3f6a9b21-5c4e-4d7a-9e08-b1c2d3e4f5a6');
});

test('a missing required field', () => {
  const { processId: _p, ...input } = v3();
  assert.deepEqual(issuesOf(ProcessV3Schema, input), [{ path: 'processId', expected: 'string', received: 'missing' }]);
});

test('null in a non-nullable field', () => {
  assert.deepEqual(issuesOf(ProcessV3Schema, { ...v3(), appId: null }), [{ path: 'appId', expected: 'string', received: 'null' }]);
});

test('a malformed timestamp, a timestamp of the wrong type, and one in a nullable field', () => {
  assert.deepEqual(issuesOf(ProcessV3Schema, { ...v3(), createdAt: '2024-01-01 00:00:00Z' }), [
    { path: 'createdAt', expected: 'ISO-8601 timestamp', received: '"2024-01-01 00:00:00Z"' },
  ]);
  assert.deepEqual(issuesOf(ProcessV3Schema, { ...v3(), createdAt: 1704067200 }), [
    { path: 'createdAt', expected: 'ISO-8601 timestamp', received: '1704067200' },
  ]);
  assert.deepEqual(issuesOf(ProcessV3Schema, { ...v3(), bootedAt: '2024-01-01T00:00:00+05' }), [
    { path: 'bootedAt', expected: 'ISO-8601 timestamp or null', received: '"2024-01-01T00:00:00+05"' },
  ]);
});

test('a fraction where an integer is declared, and a string where a number is', () => {
  assert.deepEqual(issuesOf(ProcessV2Schema, { ...objectFixture('process-v2.json'), deploymentId: 2.5 }), [
    { path: 'deploymentId', expected: 'integer', received: '2.5' },
  ]);
  assert.deepEqual(issuesOf(CountSchema, { count: '3' }), [{ path: 'count', expected: 'number', received: '"3"' }]);
});

test('a negative count is an integer like any other: accepted, as the SDK does (renderers flag it)', () => {
  assert.equal(decode(ProcessV3Schema, { ...v3(), roomsAllocated: -1, roomsPerProcess: -8 }).ok, true);
  assert.deepEqual(issuesOf(ProcessV3Schema, { ...v3(), roomsAllocated: -1.5 }), [{ path: 'roomsAllocated', expected: 'integer', received: '-1.5' }]);
});

test('non-finite numbers and unsafe integers', () => {
  assert.deepEqual(issuesOf(MetricValueSchema, JSON.parse('{"value": 1e400, "timestamp": -1e400}')), [
    { path: 'value', expected: 'number', received: 'Infinity' },
    { path: 'timestamp', expected: 'number', received: '-Infinity' },
  ]);
  assert.deepEqual(issuesOf(ProcessV3Schema, { ...v3(), roomsPerProcess: 2 ** 53 }), [
    { path: 'roomsPerProcess', expected: 'integer between -(2^53-1) and 2^53-1', received: '9007199254740992' },
  ]);
});

test('nested paths: inside a nullable object and inside an array', () => {
  const port = { transportType: 'udp', port: '7777', host: 'h', name: 'default' };
  assert.deepEqual(issuesOf(ProcessV3Schema, { ...v3(), exposedPort: port }), [
    { path: 'exposedPort.port', expected: 'integer', received: '"7777"' },
  ]);
  assert.deepEqual(issuesOf(ProcessV3Schema, { ...v3(), additionalExposedPorts: [port, { ...port, port: 1, name: null }] }), [
    { path: 'additionalExposedPorts[0].port', expected: 'integer', received: '"7777"' },
    { path: 'additionalExposedPorts[1].name', expected: 'string', received: 'null' },
  ]);
  assert.deepEqual(issuesOf(ProcessV3Schema, { ...v3(), exposedPort: 7777 }), [
    { path: 'exposedPort', expected: 'object or null', received: '7777' },
  ]);
  assert.deepEqual(issuesOf(ProcessV3Schema, { ...v3(), additionalExposedPorts: {} }), [
    { path: 'additionalExposedPorts', expected: 'array', received: 'object' },
  ]);
});

test('list items are addressed by index', () => {
  const list = fixture('process-v3-list.json') as Record<string, unknown>[];
  const broken = list.map((item, index) => (index === 2 ? { ...item, createdAt: null } : item));
  broken.push({ ...(list[0] ?? {}) }, 'not a process' as unknown as Record<string, unknown>);
  assert.deepEqual(issuesOf(ProcessV3ListSchema, broken), [
    { path: '[2].createdAt', expected: 'ISO-8601 timestamp', received: 'null' },
    { path: '[4]', expected: 'object', received: '"not a process"' },
  ]);
});

test('the root of the body', () => {
  assert.deepEqual(issuesOf(ProcessV3ListSchema, { processes: [] }), [{ path: '(root)', expected: 'array', received: 'object' }]);
  assert.deepEqual(issuesOf(ProcessV3Schema, []), [{ path: '(root)', expected: 'object', received: 'array' }]);
  assert.deepEqual(issuesOf(ProcessV3Schema, null), [{ path: '(root)', expected: 'object', received: 'null' }]);
  assert.deepEqual(issuesOf(ProcessV3Schema, undefined), [{ path: '(root)', expected: 'object', received: 'missing' }]);
  assert.deepEqual(issuesOf(ProcessV3Schema, true), [{ path: '(root)', expected: 'object', received: 'true' }]);
});

test('deeper models: rooms inside a v1 running-list record, optional metric series, deployment ports', () => {
  const withRooms = objectFixture('process-with-rooms.json');
  const [room] = withRooms['rooms'] as Record<string, unknown>[];
  const allocation = (room ?? {})['currentAllocation'] as Record<string, unknown>;
  const rooms = [{ ...room, currentAllocation: { ...allocation, unscheduledAt: 'never' } }];
  assert.deepEqual(issuesOf(ProcessWithRoomsSchema, { ...withRooms, rooms }), [
    { path: 'rooms[0].currentAllocation.unscheduledAt', expected: 'ISO-8601 timestamp or null', received: '"never"' },
  ]);
  assert.deepEqual(issuesOf(ProcessMetricsDataSchema, { cpu: null }), [{ path: 'cpu', expected: 'array', received: 'null' }]);
  assert.deepEqual(issuesOf(ProcessMetricsDataSchema, { cpu: [{ value: 1 }] }), [
    { path: 'cpu[0].timestamp', expected: 'number', received: 'missing' },
  ]);
  const deployment = objectFixture('deployment-v3.json');
  assert.deepEqual(issuesOf(DeploymentV3Schema, { ...deployment, defaultContainerPort: { transportType: 1, port: 4000, name: 'default' } }), [
    { path: 'defaultContainerPort.transportType', expected: 'string', received: '1' },
  ]);
});

test('deprecated v1 fields: missing passes, a wrong type still names the field', () => {
  const seed = objectFixture('seed-process-v1.json');
  const { host: _h, ...noHost } = seed;
  assert.equal(decode(ProcessV1Schema, noHost).ok, true);
  assert.deepEqual(issuesOf(ProcessV1Schema, { ...seed, host: 42 }), [{ path: 'host', expected: 'string or null', received: '42' }]);
});

test('at most five issues are reported, and the rest are counted', () => {
  const result = decode(ProcessV3Schema, {});
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(MAX_ISSUES, 5);
  assert.deepEqual(result.issues, [
    { path: 'status', expected: 'string', received: 'missing' },
    { path: 'roomsAllocated', expected: 'integer', received: 'missing' },
    { path: 'createdAt', expected: 'ISO-8601 timestamp', received: 'missing' },
    { path: 'roomsPerProcess', expected: 'integer', received: 'missing' },
    { path: 'additionalExposedPorts', expected: 'array', received: 'missing' },
  ]);
  // region, processId, deploymentId, appId and exposedPort are missing too.
  assert.equal(result.omitted, 5);
});

test('received values: long strings are shortened to at most 60 characters of JSON', () => {
  const long = 'x'.repeat(500);
  const [issue] = issuesOf(ProcessV3Schema, { ...v3(), createdAt: long });
  assert.equal(issue?.received, `"${'x'.repeat(57)}…"`);
  assert.equal(issue?.received.length, 60);
  assert.equal(describeValue('ab"c'), '"ab\\"c"');
  // Escapes make JSON longer than the text; the result still fits and ends cleanly.
  const escaped = describeValue('\u001b'.repeat(100));
  assert.equal(escaped.length <= 60, true);
  assert.match(escaped, /^"(\\u001b)+…"$/);
  // A surrogate pair is never split.
  const emoji = describeValue('😀'.repeat(100));
  assert.equal(emoji.length <= 60, true);
  assert.match(emoji, /^"(😀)+…"$/u);
  assert.equal(describeValue('x'.repeat(58)), `"${'x'.repeat(58)}"`);
  assert.equal(describeValue('x'.repeat(59)), `"${'x'.repeat(57)}…"`);
});

test('received values: every JSON kind has a short description', () => {
  assert.equal(describeValue(undefined), 'missing');
  assert.equal(describeValue(null), 'null');
  assert.equal(describeValue(false), 'false');
  assert.equal(describeValue(2.5), '2.5');
  assert.equal(describeValue(-0.001), '-0.001');
  assert.equal(describeValue(1e21), '1e+21');
  assert.equal(describeValue(Number.NaN), 'NaN');
  assert.equal(describeValue([1, 2]), 'array');
  assert.equal(describeValue({ a: 1 }), 'object');
  assert.equal(describeValue(''), '""');
});

test('paths: identifiers are dotted, indexes bracketed, other keys quoted', () => {
  assert.equal(formatPath([]), '(root)');
  assert.equal(formatPath(['exposedPort', 'port']), 'exposedPort.port');
  assert.equal(formatPath([3, 'createdAt']), '[3].createdAt');
  assert.equal(formatPath(['rooms', 0, 'currentAllocation']), 'rooms[0].currentAllocation');
  assert.equal(formatPath(['active_connections', 1, 'value']), 'active_connections[1].value');
  assert.equal(formatPath(['a b', 'c.d']), '["a b"]["c.d"]');
  assert.equal(formatPath(['x', '1st']), 'x["1st"]');
});

test('schemas not built from the model helpers still get plain words', () => {
  const schema = z.object({ flag: z.boolean(), n: z.int(), list: z.array(z.string()).nullable() });
  assert.deepEqual(issuesOf(schema, { flag: 'yes', n: 1.5, list: 3 }), [
    { path: 'flag', expected: 'boolean', received: '"yes"' },
    { path: 'n', expected: 'integer', received: '1.5' },
    { path: 'list', expected: 'array or null', received: '3' },
  ]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as z from 'zod';
import { DEPRECATIONS, deprecationOf, type DeprecationModelName, type ProcessModelName } from '../../../src/models/deprecations.js';
import { ContainerPortSchema, DeploymentV3Schema } from '../../../src/models/deployment.js';
import { DeprecatedProcessMetricsDataSchema, MetricValueSchema, ProcessMetricsDataSchema } from '../../../src/models/metrics.js';
import { RoomAllocationSchema, RoomWithoutAllocationsSchema } from '../../../src/models/room.js';
import { ExposedPortSchema } from '../../../src/models/exposed-port.js';
import { FIELD_DOCS, fieldDocOf, fieldsOf, type DocumentedModel } from '../../../src/models/field-docs.js';
import { ProcessV1Schema, ProcessWithRoomsSchema } from '../../../src/models/process-v1.js';
import { ProcessV2Schema } from '../../../src/models/process-v2.js';
import { ProcessV3Schema } from '../../../src/models/process-v3.js';
import { fixture, objectFixture } from './fixtures.js';

const MODELS: ReadonlyArray<{ model: DocumentedModel; schema: z.ZodObject; sample: () => Record<string, unknown> }> = [
  { model: 'Process', schema: ProcessV1Schema, sample: () => objectFixture('process-v1.json') },
  { model: 'ProcessWithRooms', schema: ProcessWithRoomsSchema, sample: () => objectFixture('process-with-rooms.json') },
  { model: 'ProcessV2', schema: ProcessV2Schema, sample: () => objectFixture('process-v2.json') },
  { model: 'ProcessV3', schema: ProcessV3Schema, sample: () => objectFixture('process-v3.json') },
  { model: 'ExposedPort', schema: ExposedPortSchema, sample: () => ({ transportType: 'udp', port: 7777, host: 'h', name: 'default' }) },
  { model: 'RoomWithoutAllocations', schema: RoomWithoutAllocationsSchema, sample: () => ({ ...firstRoom() }) },
  { model: 'RoomAllocation', schema: RoomAllocationSchema, sample: () => ({ ...(firstRoom()['currentAllocation'] as Record<string, unknown>) }) },
  { model: 'MetricValue', schema: MetricValueSchema, sample: () => ({ value: 0.5, timestamp: 1717406460 }) },
  { model: 'ProcessMetricsData', schema: ProcessMetricsDataSchema, sample: () => objectFixture('metrics-v3.json') },
  { model: 'DeprecatedProcessMetricsData', schema: DeprecatedProcessMetricsDataSchema, sample: () => objectFixture('metrics-v1.json') },
  { model: 'DeploymentV3', schema: DeploymentV3Schema, sample: () => objectFixture('deployment-v3.json') },
  { model: 'ContainerPort', schema: ContainerPortSchema, sample: () => ({ transportType: 'udp', port: 7777, name: 'default' }) },
];

function firstRoom(): Record<string, unknown> {
  return (fixture('rooms.json') as Record<string, unknown>[])[0] as Record<string, unknown>;
}

// The process schemas parse their deprecated fields leniently (absent or null); the v1 metrics
// answer, deprecated as a whole, keeps its plain optional series.
function isDeprecated(model: DocumentedModel, field: string): boolean {
  return PROCESS_MODELS.includes(model) && deprecationOf(model as ProcessModelName, field)?.deprecated === true;
}

const PROCESS_MODELS: readonly DocumentedModel[] = ['Process', 'ProcessWithRooms', 'ProcessV2', 'ProcessV3'];

test('the registry and the field docs agree on which fields exist', () => {
  for (const model of Object.keys(DEPRECATIONS) as DeprecationModelName[]) {
    for (const field of Object.keys(DEPRECATIONS[model])) assert.ok(fieldDocOf(model, field), `${model}.${field}`);
  }
});

for (const { model, schema, sample } of MODELS) {
  test(`${model}: documented fields are exactly the schema's keys, in the same order`, () => {
    assert.deepEqual(fieldsOf(model), Object.keys(schema.shape));
  });

  test(`${model}: documented presence, nullability and type agree with what the schema accepts`, () => {
    for (const field of fieldsOf(model)) {
      const doc = fieldDocOf(model, field);
      assert.ok(doc, field);
      const lenient = isDeprecated(model, field);
      const { [field]: _removed, ...without } = sample();
      const absentOk = !doc.required || (doc.nullable && doc.type === 'timestamp') || lenient;
      assert.equal(schema.safeParse(without).success, absentOk, `${model}.${field} absent`);
      assert.equal(schema.safeParse({ ...sample(), [field]: null }).success, doc.nullable || lenient, `${model}.${field} null`);
      const probe: Readonly<Record<string, readonly [unknown, boolean]>> = {
        int: [2.5, false],
        number: [2.5, true],
        string: [7, false],
        boolean: ['true', false],
        timestamp: ['2024-01-01', false],
      };
      const check = probe[doc.type];
      if (check !== undefined) {
        assert.equal(schema.safeParse({ ...sample(), [field]: check[0] }).success, check[1], `${model}.${field} = ${String(check[0])}`);
      }
    }
  });
}

test('every field doc is complete', () => {
  for (const model of Object.keys(FIELD_DOCS) as DocumentedModel[]) {
    for (const field of fieldsOf(model)) {
      const doc = fieldDocOf(model, field);
      assert.ok(doc);
      assert.notEqual(doc.meaning.trim(), '', `${model}.${field}`);
      assert.notEqual(doc.generations.length, 0, `${model}.${field}`);
      assert.match(doc.type, /^(timestamp|int|number|string|boolean|[A-Z][A-Za-z]+(\[\])?)$/, `${model}.${field}`);
    }
  }
});

test('generations reflect where a field exists', () => {
  assert.deepEqual(fieldDocOf('ProcessV3', 'bootedAt')?.generations, ['v3']);
  assert.deepEqual(fieldDocOf('ProcessV3', 'processId')?.generations, ['v1', 'v2', 'v3']);
  assert.deepEqual(fieldDocOf('Process', 'deploymentId')?.generations, ['v1', 'v2']);
  assert.deepEqual(fieldDocOf('ProcessV3', 'deploymentId')?.generations, ['v3']);
  assert.deepEqual(fieldDocOf('ProcessV2', 'createdAt')?.generations, ['v2', 'v3']);
  assert.deepEqual(fieldDocOf('Process', 'host')?.generations, ['v1']);
  assert.equal(fieldDocOf('ProcessV3', 'exposedPort')?.type, 'ExposedPort');
  assert.equal(fieldDocOf('ProcessV3', 'region')?.type, 'Region');
  assert.equal(fieldDocOf('Process', 'roomSlotsAvailable')?.type, 'number');
  assert.equal(fieldDocOf('ProcessV3', 'nope'), null);
  assert.equal(fieldDocOf('ProcessV3', 'toString'), null);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEPRECATIONS,
  deprecatedFieldsOf,
  deprecatedFieldsPresent,
  deprecationOf,
  type ProcessModelName,
} from '../../../src/models/deprecations.js';
import { ProcessV1Schema, ProcessWithRoomsSchema } from '../../../src/models/process-v1.js';
import { ProcessV2Schema } from '../../../src/models/process-v2.js';
import { ProcessV3Schema } from '../../../src/models/process-v3.js';
import { fixture, objectFixture } from './fixtures.js';

const V1_DEPRECATED = [
  'host',
  'port',
  'activeConnections',
  'activeConnectionsUpdatedAt',
  'roomSlotsAvailable',
  'roomSlotsAvailableUpdatedAt',
  'idleSince',
];

const MODELS: readonly ProcessModelName[] = ['Process', 'ProcessWithRooms', 'ProcessV2', 'ProcessV3'];

test('exactly the seven v1 fields are deprecated in Process and ProcessWithRooms, none in v2/v3', () => {
  assert.deepEqual(deprecatedFieldsOf('Process'), V1_DEPRECATED);
  assert.deepEqual(deprecatedFieldsOf('ProcessWithRooms'), V1_DEPRECATED);
  assert.deepEqual(deprecatedFieldsOf('ProcessV2'), []);
  assert.deepEqual(deprecatedFieldsOf('ProcessV3'), []);
});

test('replacements, in words', () => {
  const replacements = Object.fromEntries(V1_DEPRECATED.map((field) => [field, deprecationOf('Process', field)?.replacement]));
  assert.deepEqual(replacements, {
    host: 'exposedPort.host',
    port: 'exposedPort.port',
    activeConnections: 'activeConnections metric (v3 metrics)',
    activeConnectionsUpdatedAt: 'timestamp of the latest activeConnections metric sample',
    roomSlotsAvailable: 'roomsPerProcess − roomsAllocated',
    roomSlotsAvailableUpdatedAt: 'roomsAllocatedUpdatedAt',
    idleSince: null,
  });
  assert.match(deprecationOf('Process', 'idleSince')?.note ?? '', /^No replacement/);
});

test('superseded fields are hints, not deprecations', () => {
  for (const field of ['draining', 'startingAt', 'egressedBytes', 'deploymentId']) {
    const entry = deprecationOf('Process', field);
    assert.equal(entry?.deprecated, false, field);
    assert.equal(typeof entry?.replacement, 'string', field);
  }
  for (const field of ['rooms', 'totalRooms']) {
    assert.equal(deprecationOf('ProcessWithRooms', field)?.deprecated, false, field);
    assert.equal(deprecationOf('Process', field), null, field);
  }
  assert.equal(deprecationOf('Process', 'draining')?.replacement, 'status == "draining" (v2/v3)');
  assert.equal(deprecationOf('Process', 'startingAt')?.replacement, 'createdAt (v2/v3)');
});

test('fields without an entry, and names inherited from Object.prototype, have none', () => {
  assert.equal(deprecationOf('Process', 'processId'), null);
  assert.equal(deprecationOf('ProcessV3', 'status'), null);
  assert.equal(deprecationOf('ProcessV3', 'host'), null);
  assert.equal(deprecationOf('Process', 'toString'), null);
  assert.equal(deprecationOf('Process', '__proto__'), null);
  assert.equal(deprecationOf('Process', 'constructor'), null);
});

test('every entry has a note, and every deprecated field without a replacement says so', () => {
  for (const model of MODELS) {
    for (const [field, entry] of Object.entries(DEPRECATIONS[model] as Record<string, { note: string; replacement: string | null }>)) {
      assert.notEqual(entry.note.trim(), '', `${model}.${field}`);
      assert.equal(entry.replacement === null || entry.replacement.trim() !== '', true, `${model}.${field}`);
    }
  }
});

test('every registry entry names a real field of its model', () => {
  const shapes = {
    Process: ProcessV1Schema.shape,
    ProcessWithRooms: ProcessWithRoomsSchema.shape,
    ProcessV2: ProcessV2Schema.shape,
    ProcessV3: ProcessV3Schema.shape,
  };
  for (const model of MODELS) {
    for (const field of Object.keys(DEPRECATIONS[model])) assert.equal(Object.hasOwn(shapes[model], field), true, `${model}.${field}`);
  }
});

test('deprecatedFieldsPresent on the seed process lists all seven, in registry order', () => {
  assert.deepEqual(deprecatedFieldsPresent('Process', fixture('seed-process-v1.json')), V1_DEPRECATED);
});

test('deprecatedFieldsPresent looks at keys of the raw JSON, present even when null', () => {
  const { host: _h, idleSince: _i, ...rest } = objectFixture('seed-process-v1.json');
  assert.deepEqual(deprecatedFieldsPresent('Process', { ...rest, port: null }), [
    'port',
    'activeConnections',
    'activeConnectionsUpdatedAt',
    'roomSlotsAvailable',
    'roomSlotsAvailableUpdatedAt',
  ]);
  assert.deepEqual(deprecatedFieldsPresent('ProcessWithRooms', fixture('process-with-rooms.json')), V1_DEPRECATED);
  // v2/v3 have no deprecated fields, even if a server sent v1-style keys.
  assert.deepEqual(deprecatedFieldsPresent('ProcessV3', { ...objectFixture('process-v3.json'), host: 'h' }), []);
  assert.deepEqual(deprecatedFieldsPresent('Process', { processId: 'p' }), []);
  // An inherited key is not a present key.
  assert.deepEqual(deprecatedFieldsPresent('Process', Object.create({ host: 'inherited' }) as object), []);
});

test('deprecatedFieldsPresent ignores anything that is not a JSON object', () => {
  for (const value of [null, undefined, 'host', 42, [{ host: 'h' }], ['host']]) {
    assert.deepEqual(deprecatedFieldsPresent('Process', value), [], JSON.stringify(value));
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ACTIVE_PROCESS_STATUSES,
  DEPRECATED_PROCESS_METRIC_NAMES,
  HOSTINGS,
  PROCESS_METRIC_NAMES,
  PROCESS_STATUSES,
  REGIONS,
  ROOM_STATUSES,
  TRANSPORT_TYPES,
  isKnown,
} from '../../../src/models/enums.js';

test('known enum values are spelled exactly as on the wire', () => {
  assert.deepEqual(REGIONS, [
    'Seattle',
    'Los_Angeles',
    'Washington_DC',
    'Chicago',
    'London',
    'Frankfurt',
    'Mumbai',
    'Singapore',
    'Tokyo',
    'Sydney',
    'Sao_Paulo',
    'Dallas',
    'Johannesburg',
    'Dubai',
  ]);
  assert.deepEqual(PROCESS_STATUSES, ['starting', 'running', 'draining', 'stopping', 'stopped', 'failed']);
  assert.deepEqual(ACTIVE_PROCESS_STATUSES, ['starting', 'running', 'draining', 'stopping']);
  assert.deepEqual(TRANSPORT_TYPES, ['tcp', 'udp', 'tls']);
  assert.deepEqual(HOSTINGS, ['metal', 'cloud', 'shared']);
  assert.deepEqual(ROOM_STATUSES, ['scheduling', 'active', 'destroyed']);
  assert.deepEqual(PROCESS_METRIC_NAMES, [
    'cpu',
    'memory',
    'rateEgress',
    'totalEgress',
    'activeConnections',
    'gpuMemory',
    'gpuUtilization',
  ]);
  assert.deepEqual(DEPRECATED_PROCESS_METRIC_NAMES, ['cpu', 'memory', 'rate_egress', 'total_egress', 'active_connections']);
});

test('every active status is a known process status', () => {
  for (const status of ACTIVE_PROCESS_STATUSES) assert.equal(isKnown(PROCESS_STATUSES, status), true, status);
});

test('isKnown matches exactly: case, whitespace and non-strings are unknown', () => {
  assert.equal(isKnown(REGIONS, 'Sao_Paulo'), true);
  assert.equal(isKnown(REGIONS, 'sao_paulo'), false);
  assert.equal(isKnown(REGIONS, 'Sao Paulo'), false);
  assert.equal(isKnown(PROCESS_STATUSES, 'Running'), false);
  assert.equal(isKnown(PROCESS_STATUSES, 'running '), false);
  assert.equal(isKnown(PROCESS_STATUSES, ''), false);
  assert.equal(isKnown(PROCESS_STATUSES, null), false);
  assert.equal(isKnown(PROCESS_STATUSES, 1), false);
  assert.equal(isKnown(PROCESS_STATUSES, ['running']), false);
  assert.equal(isKnown(PROCESS_STATUSES, 'toString'), false);
});

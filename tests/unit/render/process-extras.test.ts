import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderDetailPlain } from '../../../src/render/detail.js';
import { ProcessV3Schema } from '../../../src/models/process-v3.js';
import { toProcessView, type ProcessView } from '../../../src/models/normalise.js';
import type { DeploymentV3 } from '../../../src/models/deployment.js';
import { extraSections, idlenessOf, idleRow, type ProcessExtras } from '../../../src/render/process-extras.js';
import { processDetailSections } from '../../../src/render/process-detail.js';
import { createTheme } from '../../../src/render/theme.js';

const raw = JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const busy = toProcessView('v3', 'ProcessV3', ProcessV3Schema.parse(raw));
const idle: ProcessView = { ...busy, roomsAllocated: 0, freeSlots: 4 };
const NOW = new Date('2026-11-01T00:00:00.000Z');
const END = 1793491200;
const WINDOW = { start: END - 900, end: END, step: 60 };
const zeros = (from: number, to: number) => Array.from({ length: (to - from) / 60 + 1 }, (_, i) => ({ value: 0, timestamp: from + i * 60 }));

const deployment = (idleTimeoutEnabled: boolean): DeploymentV3 => ({
  idleTimeoutEnabled,
  env: [],
  roomsPerProcess: 4,
  additionalContainerPorts: [],
  defaultContainerPort: { transportType: 'udp', port: 7777, name: 'default' },
  createdAt: '2026-10-01T00:00:00.000Z',
  createdBy: 'dev@example.com',
  requestedMemoryMB: 2048,
  requestedCPU: 1,
  deploymentId: 'dep-3f6a9b21-5c4e-4d7a-9e08-b1c2d3e4f5a6',
  buildTag: 'v2.0.1',
  buildId: 'bld-1',
  appId: 'app-7c1d4a2e-93b5-4f0e-8d61-2a9f4e6b3c10',
});

test('idleness: the first zero of the trailing run of connection samples', () => {
  const samples = [{ value: 3, timestamp: END - 600 }, ...zeros(END - 540, END)];
  assert.deepEqual(idlenessOf(idle, 0, samples, WINDOW.start), { sinceMs: (END - 540) * 1000, atLeast: false });
  // Out of order on the wire makes no difference.
  assert.deepEqual(idlenessOf(idle, 0, [...samples].reverse(), WINDOW.start), { sinceMs: (END - 540) * 1000, atLeast: false });
});

test('idleness: all zeros means at least since the window began (or since the process started, if later)', () => {
  assert.deepEqual(idlenessOf(idle, 0, zeros(END - 900, END), WINDOW.start), { sinceMs: (END - 900) * 1000, atLeast: true });
  const young = { ...idle, startedAt: new Date((END - 120) * 1000).toISOString() };
  assert.deepEqual(idlenessOf(young, 0, zeros(END - 120, END), WINDOW.start), { sinceMs: (END - 120) * 1000, atLeast: false });
});

test('not idle: a connection in the latest sample, rooms, another status, or no samples to tell', () => {
  assert.equal(idlenessOf(idle, 0, [...zeros(END - 900, END - 60), { value: 1, timestamp: END }], WINDOW.start), null);
  assert.equal(idlenessOf(idle, 1, zeros(END - 900, END), WINDOW.start), null, 'an active room');
  assert.equal(idlenessOf(busy, null, zeros(END - 900, END), WINDOW.start), null, 'roomsAllocated > 0');
  assert.equal(idlenessOf({ ...idle, status: 'draining' }, 0, zeros(END - 900, END), WINDOW.start), null);
  assert.equal(idlenessOf(idle, 0, [], WINDOW.start), null);
  assert.equal(idlenessOf(idle, 0, undefined, WINDOW.start), null);
});

test('the idle row: a warning past 5 minutes when the deployment enables the idle timeout', () => {
  const extras = (enabled: boolean | null, samples = zeros(END - 900, END)): ProcessExtras => ({
    rooms: [],
    metrics: { activeConnections: samples },
    metricsWindow: WINDOW,
    deployment: enabled === null ? null : deployment(enabled),
  });
  assert.deepEqual(idleRow(idle, extras(true), NOW), {
    key: 'idle',
    value: 'yes, for at least 15m: no active rooms, no connections',
    note: 'past the 5m idle timeout its deployment enables: Hathora stops idle processes',
    warn: true,
  });
  assert.deepEqual(idleRow(idle, extras(false), NOW), {
    key: 'idle',
    value: 'yes, for at least 15m: no active rooms, no connections',
    note: 'past 5m, but its deployment disables the idle timeout',
  });
  assert.equal(idleRow(idle, extras(null), NOW)?.note, 'past 5m; the idle timeout setting is unknown');
  const recent = [{ value: 2, timestamp: END - 240 }, ...zeros(END - 180, END)];
  assert.deepEqual(idleRow(idle, extras(true, recent), NOW), { key: 'idle', value: 'yes, for 3m: no active rooms, no connections' });
  assert.equal(idleRow(busy, extras(true), NOW), null);
});

test('the extra sections, exactly, piped', () => {
  const extras: ProcessExtras = {
    rooms: [
      { currentAllocation: { unscheduledAt: null, scheduledAt: '2026-10-31T23:00:00.000Z', processId: busy.processId, roomAllocationId: 'a1' }, status: 'active', roomConfig: null, roomId: 'room-1', appId: busy.appId },
      { currentAllocation: null, status: 'scheduling', roomId: 'room-\u001b[2J', appId: busy.appId },
    ],
    metrics: {
      cpu: [{ value: 0.25, timestamp: END - 60 }, { value: 0.5, timestamp: END }],
      memory: [{ value: 512, timestamp: END }],
      rateEgress: [{ value: 2048, timestamp: END }],
      totalEgress: [{ value: 5 * 1024 ** 3, timestamp: END }],
      activeConnections: [{ value: 6, timestamp: END - 60 }],
    },
    metricsWindow: WINDOW,
    deployment: deployment(true),
  };
  const text = renderDetailPlain(extraSections(busy, extras, { relative: false, now: NOW }), createTheme(false));
  assert.equal(
    text,
    [
      'Rooms',
      '  active            2',
      '                    rooms v2 active list',
      '  room-1            active, scheduled 2026-10-31T23:00:00.000Z',
      '  room-\\x1b[2J      scheduling',
      '',
      'Metrics',
      '  cpu               0.5 cores (50% of 1)',
      '  memory            512 MiB (25% of 2.0 GiB)',
      '  connections       6',
      '  egress rate       2.0 KiB/s',
      '  egress total      5.0 GiB',
      '  sampled           2026-11-01T00:00:00.000Z',
      '                    latest v3 metrics sample',
      '',
      'Deployment',
      '  id                dep-3f6a9b21-5c4e-4d7a-9e08-b1c2d3e4f5a6',
      '  build tag         v2.0.1',
      '  requested cpu     1 cores',
      '  requested memory  2048 MB (2.0 GiB)',
      '  rooms/process     4',
      '  idle timeout      enabled: stopped after 5m with no new connections or rooms',
      '',
    ].join('\n'),
  );
});

test('without extras the detail view is the process alone; with them, after its own sections', () => {
  const style = { relative: false, now: NOW };
  const plain = processDetailSections(busy, raw, style).map((s) => s.title);
  assert.deepEqual(plain, ['Process', 'Status', 'Lifecycle', 'Capacity', 'Network', 'Usage']);
  const extras: ProcessExtras = { rooms: [], metrics: {}, metricsWindow: WINDOW, deployment: null };
  const titles = processDetailSections(busy, raw, style, extras).map((s) => s.title);
  assert.deepEqual(titles, [...plain, 'Rooms', 'Metrics']);
  const metrics = processDetailSections(busy, raw, style, extras).find((s) => s.title === 'Metrics');
  assert.deepEqual(metrics?.rows, [{ key: 'latest', value: 'no samples in the last 15m' }]);
});

test('memory sent in bytes is read as bytes, and its share of the request follows', () => {
  const extras: ProcessExtras = {
    rooms: null,
    metrics: { memory: [{ value: 268435456, timestamp: END }] },
    metricsWindow: WINDOW,
    deployment: deployment(false),
  };
  const metrics = extraSections(busy, extras, { relative: false, now: NOW }).find((s) => s.title === 'Metrics');
  assert.deepEqual(metrics?.rows[0], { key: 'memory', value: '256 MiB (13% of 2.0 GiB)' });
});

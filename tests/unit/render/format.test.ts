import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes, formatDuration, formatRelative, formatTimestamp } from '../../../src/render/format.js';

const now = new Date('2026-11-01T12:00:00.000Z');

test('relative times use one unit', () => {
  assert.equal(formatRelative('2026-11-01T11:59:58.000Z', now), 'just now');
  assert.equal(formatRelative('2026-11-01T11:59:30.000Z', now), '30s ago');
  assert.equal(formatRelative('2026-11-01T11:56:00.000Z', now), '4m ago');
  assert.equal(formatRelative('2026-11-01T09:00:00.000Z', now), '3h ago');
  assert.equal(formatRelative('2026-10-29T12:00:00.000Z', now), '3d ago');
  assert.equal(formatRelative('2022-07-24T05:17:09.567Z', now), '4y ago');
  assert.equal(formatRelative('2026-11-01T12:05:00.000Z', now), 'in 5m');
  assert.equal(formatRelative('not a time', now), 'not a time');
});

test('durations keep their two largest units', () => {
  assert.equal(formatDuration(850), '850ms');
  assert.equal(formatDuration(12_000), '12s');
  assert.equal(formatDuration(725_000), '12m 5s');
  assert.equal(formatDuration(3_600_000), '1h');
  assert.equal(formatDuration(90_061_000), '1d 1h');
  assert.equal(formatDuration(-5_580_000), '-1h 33m');
});

test('timestamps are shown as RFC 3339 UTC', () => {
  assert.equal(formatTimestamp('2024-01-01T00:00:00+05:30'), '2023-12-31T18:30:00.000Z');
  assert.equal(formatTimestamp('garbage'), 'garbage');
});

test('bytes use IEC units', () => {
  assert.equal(formatBytes(435), '435 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(5 * 1024 ** 3), '5.0 GiB');
  assert.equal(formatBytes(200 * 1024 ** 2), '200 MiB');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatBytes, formatClock, formatDuration } from '../../src/units.js';

test('durations keep their two largest units', () => {
  assert.equal(formatDuration(0), '0ms');
  assert.equal(formatDuration(850), '850ms');
  assert.equal(formatDuration(849.6), '850ms');
  assert.equal(formatDuration(1000), '1s');
  assert.equal(formatDuration(2400), '2s');
  assert.equal(formatDuration(12_000), '12s');
  assert.equal(formatDuration(90_000), '1m 30s');
  assert.equal(formatDuration(725_000), '12m 5s');
  assert.equal(formatDuration(3_600_000), '1h');
  assert.equal(formatDuration(3_605_000), '1h');
  assert.equal(formatDuration(90_061_000), '1d 1h');
  assert.equal(formatDuration(273_600_000), '3d 4h');
  assert.equal(formatDuration(-5_580_000), '-1h 33m');
  assert.equal(formatDuration(-250), '-250ms');
  assert.equal(formatDuration(Number.POSITIVE_INFINITY), 'Infinity');
});

test('exact durations keep every unit down to milliseconds', () => {
  assert.equal(formatDuration(0, { exact: true }), '0ms');
  assert.equal(formatDuration(850, { exact: true }), '850ms');
  assert.equal(formatDuration(2400, { exact: true }), '2s 400ms');
  assert.equal(formatDuration(30_000, { exact: true }), '30s');
  assert.equal(formatDuration(90_000, { exact: true }), '1m 30s');
  assert.equal(formatDuration(300_000, { exact: true }), '5m');
  assert.equal(formatDuration(90_061_001, { exact: true }), '1d 1h 1m 1s 1ms');
  assert.equal(formatDuration(1234.4, { exact: true }), '1s 234ms');
  assert.equal(formatDuration(-1500, { exact: true }), '-1s 500ms');
});

test('bytes use IEC units', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(435), '435 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1024), '1.0 KiB');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(200 * 1024 ** 2), '200 MiB');
  assert.equal(formatBytes(5 * 1024 ** 3), '5.0 GiB');
  assert.equal(formatBytes(3 * 1024 ** 6), '3072 PiB');
  assert.equal(formatBytes(-1536), '-1.5 KiB');
  assert.equal(formatBytes(0.25), '0.3 B');
  assert.equal(formatBytes(512.3333), '512.3 B');
  assert.equal(formatBytes(-2048), '-2.0 KiB');
  assert.equal(formatBytes(Number.NaN), 'NaN');
});

test('exact bytes use the largest unit that divides the count', () => {
  assert.equal(formatBytes(1500, { exact: true }), '1500 B');
  assert.equal(formatBytes(1024, { exact: true }), '1 KiB');
  assert.equal(formatBytes(64 * 1024, { exact: true }), '64 KiB');
  assert.equal(formatBytes(1536 * 1024, { exact: true }), '1536 KiB');
  assert.equal(formatBytes(5 * 1024 ** 2, { exact: true }), '5 MiB');
  assert.equal(formatBytes(2 * 1024 ** 3, { exact: true }), '2 GiB');
});

test('clock times are HH:MM rounded up within a day, with the date beyond', () => {
  const at = new Date(2025, 5, 1, 9, 4, 30);
  assert.equal(formatClock(at, at.getTime() - 60_000), '09:05');
  assert.equal(formatClock(new Date(2025, 5, 1, 9, 4, 0), at.getTime() - 60_000), '09:04');
  assert.equal(formatClock(new Date(2025, 5, 1, 23, 59, 1), at.getTime()), '00:00');
  assert.equal(formatClock(new Date(2025, 5, 3, 9, 4, 0), at.getTime()), '2025-06-03 09:04');
});

test('units.ts is a leaf: it imports nothing, so every layer may import it', () => {
  const source = readFileSync(new URL('../../src/units.ts', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /^\s*(import|export)\b[^;]*\bfrom\s+['"]/m);
  assert.doesNotMatch(source, /\bimport\s*\(|\brequire\s*\(/);
});

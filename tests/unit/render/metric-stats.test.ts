import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resample, seriesStats, sparkline, unitOf } from '../../../src/render/metric-stats.js';

test('stats of a known series: latest by timestamp (not by position), min, mean and max', () => {
  const samples = [
    { value: 4, timestamp: 120 },
    { value: 10, timestamp: 60 },
    { value: 1, timestamp: 180 },
    { value: 5, timestamp: 0 },
  ];
  assert.deepEqual(seriesStats(samples), { count: 4, latest: { value: 1, timestamp: 180 }, min: 1, max: 10, mean: 5 });
  assert.equal(seriesStats([]), null);
});

test('sparkline: one tick per value from min (▁) to max (█), rounding to the nearest tick', () => {
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7]), '▁▂▃▄▅▆▇█');
  assert.equal(sparkline([7, 6, 5, 4, 3, 2, 1, 0]), '█▇▆▅▄▃▂▁');
  assert.equal(sparkline([10, 20]), '▁█');
  // (15 - 10) / 10 * 7 = 3.5, which rounds up to the fifth tick.
  assert.equal(sparkline([10, 15, 20]), '▁▅█');
  assert.equal(sparkline([-3, -1, -2]), '▁█▅');
  assert.equal(sparkline([5, 5, 5]), '▁▁▁', 'a flat series is flat at the bottom');
  assert.equal(sparkline([]), '');
});

test('sparkline: a long series is averaged down to the width', () => {
  // Pairs average to 0.5, 2.5, 4.5, 6.5: evenly spaced, so the ticks are too.
  assert.deepEqual(resample([0, 1, 2, 3, 4, 5, 6, 7], 4), [0.5, 2.5, 4.5, 6.5]);
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 4), '▁▃▆█');
  assert.equal(sparkline(Array.from({ length: 1000 }, (_, i) => i), 40).length, 40);
  assert.deepEqual(resample([1, 2, 3], 5), [1, 2, 3], 'a short series is left alone');
  // Uneven split: 5 values into 2 buckets of 2 and 3.
  assert.deepEqual(resample([1, 3, 2, 4, 6], 2), [2, 4]);
});

test('units per metric, both spellings of the v1 names, unknown metrics shown as sent', () => {
  assert.equal(unitOf('cpu').format(0.68912), '0.689');
  assert.equal(unitOf('cpu').unit, 'cores');
  assert.equal(unitOf('memory').format(1536), '1.5 GiB', 'memory is read as MB');
  assert.equal(unitOf('rateEgress').format(16179), '15.8 KiB/s');
  assert.equal(unitOf('rate_egress').format(16179), '15.8 KiB/s');
  assert.equal(unitOf('totalEgress').format(1024 ** 2), '1.0 MiB');
  assert.equal(unitOf('total_egress').format(1024 ** 2), '1.0 MiB');
  assert.equal(unitOf('activeConnections').format(13.25), '13.3');
  assert.equal(unitOf('active_connections').format(12), '12');
  assert.equal(unitOf('gpuUtilization').format(45.25), '45.3%');
  assert.equal(unitOf('gpuMemory').format(512), '512 MiB');
  assert.equal(unitOf('memory', [512, 1024]).unit, 'MB');
  assert.equal(unitOf('somethingNew').format(1.23456), '1.23456');
  assert.equal(unitOf('somethingNew').unit, '?');
});

test('memory is read as MB unless its series holds a value only bytes can explain (over 1 TiB in MB)', () => {
  const bytes = unitOf('memory', [268435456, 1024]);
  assert.equal(bytes.unit, 'bytes');
  assert.equal(bytes.format(268435456), '256 MiB');
  assert.equal(bytes.bytesOf?.(1024), 1024);
  const mb = unitOf('memory', [1024 * 1024, 10]);
  assert.equal(mb.unit, 'MB', 'exactly the limit is still MB');
  assert.equal(mb.format(1024 * 1024), '1.0 TiB');
  assert.equal(mb.bytesOf?.(2), 2 * 1024 * 1024);
  assert.equal(unitOf('gpuMemory', [5e9]).unit, 'bytes');
  assert.equal(unitOf('cpu', [5e9]).unit, 'cores', 'only memory metrics are read by their values');
});

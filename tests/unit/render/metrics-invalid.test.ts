// Metric readings outside their meaning: an average of huge values stays what it is (never
// "Infinity"), and a reading below zero is shown as sent, marked, with a line saying why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderMetrics, type MetricsRequest } from '../../../src/render/metrics.js';
import { seriesStats, sparkline } from '../../../src/render/metric-stats.js';

const REQUEST: MetricsRequest = { processId: 'p-1', appId: 'app-1', generation: 'v3', metrics: ['cpu', 'activeConnections', 'rateEgress'], start: 0, end: 120, step: 60 };
const PIPE = { format: 'table', colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now: new Date(0) } as const;
const HUGE = 1.7e308;

test('#87 an average of values near the largest double is the value itself, not Infinity; the sparkline stays ticks', () => {
  const samples = [{ value: HUGE, timestamp: 60 }, { value: HUGE, timestamp: 120 }];
  assert.equal(seriesStats(samples)?.mean, HUGE);
  assert.equal(sparkline([-HUGE, HUGE, 0]), '▁█▅');
  const raw = { cpu: [{ value: 0.5, timestamp: 60 }], activeConnections: samples, rateEgress: samples };
  const out = renderMetrics(raw, REQUEST, PIPE).stdout;
  assert.equal(out.includes('Infinity'), false);
  assert.deepEqual(out.split('\n').slice(3), [
    'METRIC                                    LATEST                            MIN                            AVG                            MAX  SAMPLES',
    'cpu (cores)                                  0.5                            0.5                            0.5                            0.5        1',
    'activeConnections                       1.7e+308                       1.7e+308                       1.7e+308                       1.7e+308        2',
    'rateEgress         1.5099033134902128e+293 PiB/s  1.5099033134902128e+293 PiB/s  1.5099033134902128e+293 PiB/s  1.5099033134902128e+293 PiB/s        2',
    '',
  ]);
});

test('#88 readings below zero are shown as sent, marked, and named in a line under the table', () => {
  const raw = { cpu: [{ value: -0.25, timestamp: 60 }, { value: 0.75, timestamp: 120 }], activeConnections: [{ value: -3, timestamp: 60 }], rateEgress: [{ value: 10, timestamp: 60 }] };
  const out = renderMetrics(raw, REQUEST, PIPE).stdout;
  assert.deepEqual(out.split('\n').slice(3), [
    'METRIC             LATEST      MIN     AVG     MAX  SAMPLES',
    'cpu (cores)          0.75  -0.25 ⚠    0.25    0.75        2',
    'activeConnections    -3 ⚠     -3 ⚠    -3 ⚠    -3 ⚠        1',
    'rateEgress         10 B/s   10 B/s  10 B/s  10 B/s        1',
    '⚠ below zero, which cpu, activeConnections cannot be: shown as sent',
    '',
  ]);
  const clean = renderMetrics({ cpu: [{ value: 0.25, timestamp: 60 }] }, { ...REQUEST, metrics: ['cpu'] }, PIPE).stdout;
  assert.equal(clean.includes('⚠'), false);
});

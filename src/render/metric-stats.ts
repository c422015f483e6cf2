// Statistics, sparklines and units of metric series. Pure functions of their inputs, so a known
// series gives a known output under test.

import { formatBytes } from '../units.js';

/** One sample, as both metrics endpoints send it (timestamp in Unix seconds). */
export interface Sample {
  value: number;
  timestamp: number;
}

/** Latest, min, average and max of a series. */
export interface SeriesStats {
  count: number;
  /** The sample with the greatest timestamp. */
  latest: Sample;
  min: number;
  max: number;
  mean: number;
}

/** The statistics of a series, or null when it has no samples. */
export function seriesStats(samples: readonly Sample[]): SeriesStats | null {
  if (samples.length === 0) return null;
  let latest = samples[0] as Sample;
  let min = Infinity;
  let max = -Infinity;
  for (const sample of samples) {
    if (sample.timestamp >= latest.timestamp) latest = sample;
    min = Math.min(min, sample.value);
    max = Math.max(max, sample.value);
  }
  return { count: samples.length, latest, min, max, mean: meanOf(samples.map((s) => s.value)) };
}

/**
 * The mean of finite values, finite itself: each value is divided before it is added, so values
 * near the largest double (which a plain sum takes to Infinity) still average to what they are.
 */
export function meanOf(values: readonly number[]): number {
  let mean = 0;
  for (const value of values) mean += value / values.length;
  return mean;
}

/** The eight block characters of a sparkline, lowest first. */
export const SPARK_TICKS = '▁▂▃▄▅▆▇█';

/** Averages `values` into at most `width` buckets of (nearly) equal size, keeping their order. */
export function resample(values: readonly number[], width: number): number[] {
  if (values.length <= width) return [...values];
  const out: number[] = [];
  for (let bucket = 0; bucket < width; bucket += 1) {
    const from = Math.floor((bucket * values.length) / width);
    const to = Math.floor(((bucket + 1) * values.length) / width);
    const slice = values.slice(from, to);
    out.push(meanOf(slice));
  }
  return out;
}

/**
 * A sparkline of `values` (in time order), scaled from their min (▁) to their max (█); a flat series
 * is all ▁. Longer series are averaged down to `width` characters.
 */
export function sparkline(values: readonly number[], width = 40): string {
  const points = resample(values, Math.max(1, width));
  if (points.length === 0) return '';
  // Halved, so that the span of values near ± the largest double cannot overflow to Infinity.
  const min = Math.min(...points) / 2;
  const range = Math.max(...points) / 2 - min;
  const top = SPARK_TICKS.length - 1;
  return points.map((v) => SPARK_TICKS[range === 0 ? 0 : Math.round(((v / 2 - min) / range) * top)]).join('');
}

/** How one metric's values are shown; the API documents no units, so these are hproc's reading. */
export interface MetricUnit {
  /** Said where the values carry no unit of their own, e.g. `cores`, `MB`, `bytes`. */
  unit: string;
  format(value: number): string;
  /** For memory metrics: a value in bytes. */
  bytesOf?: (value: number) => number;
}

const MIB = 1024 * 1024;

function trimmed(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

const count: MetricUnit = { unit: 'count', format: (v) => trimmed(v, 1) };
const memoryInMb: MetricUnit = { unit: 'MB', format: (v) => formatBytes(v * MIB), bytesOf: (v) => v * MIB };
const memoryInBytes: MetricUnit = { unit: 'bytes', format: (v) => formatBytes(v), bytesOf: (v) => v };

/**
 * The largest memory value read as MB (1 TiB): above it a series can only be bytes, since no game
 * server uses under 1 MiB. The API does not say which it sends, so each series is read by its values.
 */
export const MEMORY_MB_LIMIT = 1024 * 1024;

const MEMORY_METRICS = new Set(['memory', 'gpuMemory']);

/** The units hproc assumes per metric name (both spellings of the v1 names included). */
export const METRIC_UNITS: Readonly<Record<string, MetricUnit>> = {
  cpu: { unit: 'cores', format: (v) => trimmed(v, 3) },
  memory: memoryInMb,
  rateEgress: { unit: 'bytes/s', format: (v) => `${formatBytes(v)}/s` },
  rate_egress: { unit: 'bytes/s', format: (v) => `${formatBytes(v)}/s` },
  totalEgress: { unit: 'bytes', format: (v) => formatBytes(v) },
  total_egress: { unit: 'bytes', format: (v) => formatBytes(v) },
  activeConnections: count,
  active_connections: count,
  gpuMemory: memoryInMb,
  gpuUtilization: { unit: '%', format: (v) => `${trimmed(v, 1)}%` },
};

/**
 * The unit of a metric; a name hproc does not know shows its numbers as sent. Memory is read as MB
 * unless a value of its series (`values`) exceeds MEMORY_MB_LIMIT, then as bytes.
 */
export function unitOf(metric: string, values: readonly number[] = []): MetricUnit {
  if (MEMORY_METRICS.has(metric) && values.some((v) => v > MEMORY_MB_LIMIT)) return memoryInBytes;
  return Object.hasOwn(METRIC_UNITS, metric) ? (METRIC_UNITS[metric] as MetricUnit) : { unit: '?', format: (v) => String(v) };
}

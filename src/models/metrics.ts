// Process metrics of the current (v3) and deprecated (v1) metrics endpoints.
import type * as z from 'zod';
import { list, num, object } from './wire.js';

/** One metric sample: a value at a numeric (Unix) timestamp. */
export const MetricValueSchema = object({
  value: num,
  timestamp: num,
});

const series = list(MetricValueSchema).optional();

/** The v3 metrics response: one optional series per camelCase metric name. */
export const ProcessMetricsDataSchema = object({
  gpuMemory: series,
  gpuUtilization: series,
  activeConnections: series,
  totalEgress: series,
  rateEgress: series,
  memory: series,
  cpu: series,
});

/** The deprecated v1 metrics response, with the snake_case keys the wire actually carries. */
export const DeprecatedProcessMetricsDataSchema = object({
  active_connections: series,
  total_egress: series,
  rate_egress: series,
  memory: series,
  cpu: series,
});

/** A metric sample, as parsed. */
export type MetricValue = z.output<typeof MetricValueSchema>;
/** v3 process metrics, as parsed. */
export type ProcessMetricsData = z.output<typeof ProcessMetricsDataSchema>;
/** v1 process metrics (snake_case keys), as parsed. */
export type DeprecatedProcessMetricsData = z.output<typeof DeprecatedProcessMetricsDataSchema>;

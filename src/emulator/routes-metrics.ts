// Metrics endpoints: P14 (v3, camelCase names and keys) and the deprecated M1 (v1, snake_case names
// and keys on the wire). Both read the same series.
import type { RequestContext } from './context.js';
import { DEPRECATED_METRIC_NAMES, PROCESS_METRIC_NAMES, type DeprecatedMetricName, type ProcessMetricName } from './enums.js';
import { sendJson } from './http-io.js';
import { findProcess } from './lookup.js';
import { metricSeries, type MetricValueWire } from './metrics.js';
import { readMetricNames, readMetricWindow } from './query.js';
import type { Route } from './router.js';

const V3_DEFAULT_METRICS: ProcessMetricName[] = ['cpu', 'memory', 'rateEgress', 'totalEgress', 'activeConnections'];
const V1_DEFAULT_METRICS: DeprecatedMetricName[] = ['cpu', 'memory', 'rate_egress'];
const V1_TO_V3: Record<DeprecatedMetricName, ProcessMetricName> = {
  cpu: 'cpu',
  memory: 'memory',
  rate_egress: 'rateEgress',
  total_egress: 'totalEgress',
  active_connections: 'activeConnections',
};

function metricsV3(ctx: RequestContext): void {
  const names = readMetricNames(ctx.query, PROCESS_METRIC_NAMES, V3_DEFAULT_METRICS);
  const now = ctx.runtime.clock.now();
  const window = readMetricWindow(ctx.query, now);
  const { process } = findProcess(ctx);
  const body: Partial<Record<ProcessMetricName, MetricValueWire[]>> = {};
  for (const name of names) body[name] = metricSeries(process, ctx.runtime.world.seed, name, window, now);
  sendJson(ctx.res, 200, body);
}

function metricsV1(ctx: RequestContext): void {
  const names = readMetricNames(ctx.query, DEPRECATED_METRIC_NAMES, V1_DEFAULT_METRICS);
  const now = ctx.runtime.clock.now();
  const window = readMetricWindow(ctx.query, now);
  const { process } = findProcess(ctx);
  const body: Partial<Record<DeprecatedMetricName, MetricValueWire[]>> = {};
  for (const name of names) body[name] = metricSeries(process, ctx.runtime.world.seed, V1_TO_V3[name], window, now);
  sendJson(ctx.res, 200, body);
}

/** The metrics routes. */
export const metricRoutes: Route[] = [
  { method: 'GET', pattern: '/processes/v3/apps/:appId/processes/process/:processId/metrics', handle: metricsV3 },
  { method: 'GET', pattern: '/metrics/v1/:appId/process/:processId', handle: metricsV1 },
];

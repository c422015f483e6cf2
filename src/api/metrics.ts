// The process metrics endpoints (hathora-api.md §2.5): P14 (v3) and the deprecated M1 (v1, whose
// metric names and response keys are snake_case on the wire).
import type { ApiClient } from './client.js';
import { decodeOnArrival, loadOnce } from './decode-on-arrival.js';
import { rewordNotFound, type Fetched } from './fetched.js';
import { encodePathSegment } from './ids.js';
import type { DeprecatedProcessMetricsData, ProcessMetricsData } from '../models/metrics.js';

const schemas = loadOnce(() => import('../models/metrics.js'));

/** The window of a metrics query: Unix SECONDS for start and end, seconds for step. */
export interface MetricsQuery {
  /** Metric names as the endpoint spells them (camelCase for v3, snake_case for v1). */
  metrics: readonly string[];
  start: number;
  end: number;
  step: number;
}

function query(q: MetricsQuery): Record<string, number | readonly string[]> {
  return { metrics: q.metrics, start: q.start, end: q.end, step: q.step };
}

/** P14: the v3 metrics of one process over a window. */
export async function getProcessMetricsV3(client: ApiClient, appId: string, processId: string, q: MetricsQuery): Promise<Fetched<ProcessMetricsData>> {
  const path = `/processes/v3/apps/${encodePathSegment('app id', appId)}/processes/process/${encodePathSegment('process id', processId)}/metrics`;
  const request = rewordNotFound(`process ${processId} not found in app ${appId}`, () => client.getJson(path, query(q)));
  return decodeOnArrival(request, () => schemas().then((m) => m.ProcessMetricsDataSchema), `GET ${path}`);
}

/** M1 (deprecated): the v1 metrics of one process over a window; keys stay snake_case as sent. */
export async function getProcessMetricsV1(
  client: ApiClient,
  appId: string,
  processId: string,
  q: MetricsQuery,
): Promise<Fetched<DeprecatedProcessMetricsData>> {
  const path = `/metrics/v1/${encodePathSegment('app id', appId)}/process/${encodePathSegment('process id', processId)}`;
  const request = rewordNotFound(`process ${processId} not found in app ${appId}`, () => client.getJson(path, query(q)));
  return decodeOnArrival(request, () => schemas().then((m) => m.DeprecatedProcessMetricsDataSchema), `GET ${path}`);
}

// The requests behind `hproc show`; loaded only when it runs.
import type { ApiClient } from '../api/client.js';
import { findProcessApp } from '../api/paging.js';
import { getProcessV1, getProcessV2, getProcessV3 } from '../api/processes.js';
import { InterruptedError } from '../errors.js';
import { toProcessView, type ProcessView } from '../models/normalise.js';
import type { ProcessExtras } from '../render/process-extras.js';
import { sanitizeCell } from '../render/sanitize.js';
import type { ShowOptions } from './show.js';

/** One process as a view for people and as the raw payload for JSON. */
export interface FetchedProcess {
  view: ProcessView;
  raw: unknown;
}

/** Fetches the process through the chosen generation, finding its app first when none was given. */
export async function fetchProcess(client: ApiClient, options: ShowOptions, onFound: (appId: string) => void): Promise<FetchedProcess> {
  let appId = options.appId;
  if (appId === undefined) {
    appId = await findProcessApp(client, options.processId);
    onFound(appId);
  }
  if (options.generation === 'v1') {
    const { data, raw } = await getProcessV1(client, appId, options.processId);
    return { view: toProcessView('v1', 'Process', data), raw };
  }
  if (options.generation === 'v2') {
    const { data, raw } = await getProcessV2(client, appId, options.processId);
    return { view: toProcessView('v2', 'ProcessV2', data), raw };
  }
  const { data, raw } = await getProcessV3(client, appId, options.processId);
  return { view: toProcessView('v3', 'ProcessV3', data), raw };
}

/** How far back `show` reads metrics: the latest sample, and enough to see an idle stretch past the 5-minute timeout. */
export const SHOW_METRICS_WINDOW_SECONDS = 15 * 60;

const SHOW_METRICS = ['cpu', 'memory', 'rateEgress', 'totalEgress', 'activeConnections'] as const;

/**
 * Fetches, concurrently, what `show` adds to a process: its active rooms and latest metrics (unless
 * it has ended) and its v3 deployment. A call that fails leaves its part null and adds a line to
 * `failures`; it never fails `show`.
 */
export async function fetchExtras(client: ApiClient, view: ProcessView, now: Date): Promise<{ extras: ProcessExtras; failures: string[] }> {
  const [{ listProcessRooms }, { getProcessMetricsV3 }, { getDeploymentV3 }] = await Promise.all([
    import('../api/rooms.js'),
    import('../api/metrics.js'),
    import('../api/deployments.js'),
  ]);
  const ended = view.terminatedAt !== null;
  const end = Math.floor(now.getTime() / 1000);
  const window = { start: end - SHOW_METRICS_WINDOW_SECONDS, end, step: 60 };
  // One slot per call, so the warnings come in a fixed order whatever finishes first.
  const failures: (string | null)[] = [null, null, null];
  const attempt = async <T>(slot: number, what: string, wanted: boolean, call: () => Promise<T>): Promise<T | null> => {
    if (!wanted) return null;
    try {
      return await call();
    } catch (error) {
      // Ctrl-C is not a failed extra: it ends the command.
      if (error instanceof InterruptedError) throw error;
      // The message may carry the server's words: sanitised like every server string.
      failures[slot] = sanitizeCell(`could not fetch ${what}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  const [rooms, metrics, deployment] = await Promise.all([
    attempt(0, 'its active rooms', !ended, async () => (await listProcessRooms(client, view.appId, view.processId, 'active')).data),
    attempt(1, 'its metrics', !ended, async () => {
      const { data } = await getProcessMetricsV3(client, view.appId, view.processId, { metrics: SHOW_METRICS, ...window });
      return Object.fromEntries(SHOW_METRICS.map((name) => [name, data[name]]));
    }),
    // v1/v2 carry the numeric deployment id, which the v3 deployments endpoint does not know.
    attempt(2, `its deployment ${String(view.deploymentId)}`, typeof view.deploymentId === 'string', async () =>
      (await getDeploymentV3(client, view.appId, String(view.deploymentId))).data,
    ),
  ]);
  return { extras: { rooms, metrics, metricsWindow: metrics === null ? null : window, deployment }, failures: failures.filter((f): f is string => f !== null) };
}

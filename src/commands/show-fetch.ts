// The requests behind `hproc show`; loaded only when it runs.
import type { ApiClient } from '../api/client.js';
import { findProcess } from '../api/app-discovery.js';
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
export async function fetchProcess(client: ApiClient, options: Pick<ShowOptions, 'appId' | 'generation'> & { processId: string }, onFound: (appId: string) => void): Promise<FetchedProcess> {
  let appId = options.appId;
  if (appId === undefined) {
    const found = await findProcess(client, options.processId);
    appId = found.appId;
    onFound(appId);
    // The search already fetched the v3 record: no need to ask for it again.
    if (options.generation === 'v3') return { view: toProcessView('v3', 'ProcessV3', found.process.data), raw: found.process.raw };
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

/** A request's outcome, kept so a speculative call that is never needed cannot reject unhandled. */
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function unwrap<T>(settled: Settled<T>): T {
  if (settled.ok) return settled.value;
  throw settled.error;
}

type Rooms = Awaited<ReturnType<typeof import('../api/rooms.js').listProcessRooms>>['data'];
type Deployment = Awaited<ReturnType<typeof import('../api/deployments.js').getDeploymentV3>>['data'];
type Fleet = import('../models/fleet.js').Fleet;

/**
 * The extra requests `show` can send before the process answers, when its app is known: active
 * rooms, metrics, the app's newest deployment (the one a live process almost always runs) and the
 * organisation's fleets (the process's fleet is one of them). They
 * go out beside the process request, so `show` waits for one round trip instead of two.
 */
export interface EarlyExtras {
  window: { start: number; end: number; step: number };
  rooms: Promise<Settled<Rooms>>;
  metrics: Promise<Settled<Record<string, unknown>>>;
  latestDeployment: Promise<Settled<Deployment>>;
  /** The organisation's fleets: the process's is among them, and its id is not known yet. */
  fleets: Promise<Settled<Fleet[]>>;
}

/** Sends the early extra requests of `show` for a process of a known app. */
export async function startEarlyExtras(client: ApiClient, appId: string, processId: string, now: Date): Promise<EarlyExtras> {
  const [{ listProcessRooms }, { getProcessMetricsV3 }, { getLatestDeploymentV3 }, { listFleets }] = await Promise.all([
    import('../api/rooms.js'),
    import('../api/metrics.js'),
    import('../api/deployments.js'),
    import('../api/fleets.js'),
  ]);
  const window = metricsWindow(now);
  return {
    window,
    rooms: settle(listProcessRooms(client, appId, processId, 'active').then((r) => r.data)),
    metrics: settle(
      getProcessMetricsV3(client, appId, processId, { metrics: SHOW_METRICS, ...window }).then(({ data }) =>
        Object.fromEntries(SHOW_METRICS.map((name) => [name, data[name]])),
      ),
    ),
    latestDeployment: settle(getLatestDeploymentV3(client, appId).then((r) => r.data)),
    fleets: settle(listFleets(client).then((r) => r.data)),
  };
}

function metricsWindow(now: Date): { start: number; end: number; step: number } {
  const end = Math.floor(now.getTime() / 1000);
  return { start: end - SHOW_METRICS_WINDOW_SECONDS, end, step: 60 };
}

/**
 * Fetches, concurrently, what `show` adds to a process: its active rooms and latest metrics (unless
 * it has ended) and its v3 deployment, reusing the early requests when given (the deployment only
 * when the newest one is the process's). A call that fails leaves its part null and adds a line to
 * `failures`; it never fails `show`.
 */
export async function fetchExtras(client: ApiClient, view: ProcessView, now: Date, early?: EarlyExtras): Promise<{ extras: ProcessExtras; failures: string[] }> {
  const [{ listProcessRooms }, { getProcessMetricsV3 }, { getDeploymentV3 }, { getFleet }] = await Promise.all([
    import('../api/rooms.js'),
    import('../api/metrics.js'),
    import('../api/deployments.js'),
    import('../api/fleets.js'),
  ]);
  const ended = view.terminatedAt !== null;
  const window = early?.window ?? metricsWindow(now);
  // One slot per call, so the warnings come in a fixed order whatever finishes first.
  const failures: (string | null)[] = [null, null, null, null];
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
  const deploymentOf = async (deploymentId: string): Promise<Deployment> => {
    const latest = early === undefined ? undefined : await early.latestDeployment;
    if (latest?.ok === true && latest.value.deploymentId === deploymentId) return latest.value;
    return (await getDeploymentV3(client, view.appId, deploymentId)).data;
  };
  const fleetId = view.fleetId;
  const [rooms, metrics, deployment, fleet] = await Promise.all([
    attempt(0, 'its active rooms', !ended, async () =>
      early === undefined ? (await listProcessRooms(client, view.appId, view.processId, 'active')).data : unwrap(await early.rooms),
    ),
    attempt(1, 'its metrics', !ended, async () => {
      if (early !== undefined) return unwrap(await early.metrics);
      const { data } = await getProcessMetricsV3(client, view.appId, view.processId, { metrics: SHOW_METRICS, ...window });
      return Object.fromEntries(SHOW_METRICS.map((name) => [name, data[name]]));
    }),
    // v1/v2 carry the numeric deployment id, which the v3 deployments endpoint does not know.
    attempt(2, `its deployment ${String(view.deploymentId)}`, typeof view.deploymentId === 'string', () => deploymentOf(String(view.deploymentId))),
    // The fleet explains a process that fails to start: its node shape and whether it is in error there.
    attempt(3, `its fleet ${fleetId ?? ''}`, fleetId !== null, async () => {
      const listed = early === undefined ? undefined : await early.fleets;
      const found = listed?.ok === true ? listed.value.find((f) => f.fleetId === fleetId) : undefined;
      return found ?? (await getFleet(client, fleetId ?? '')).data;
    }),
  ]);
  // A process that ended has no rooms or metrics to show; early answers for it are dropped, and
  // awaited so none is left running.
  if (early !== undefined) await Promise.all([early.rooms, early.metrics, early.latestDeployment, early.fleets]);
  return { extras: { rooms, metrics: metrics as ProcessExtras['metrics'], metricsWindow: metrics === null ? null : window, deployment, fleet }, failures: failures.filter((f): f is string => f !== null) };
}

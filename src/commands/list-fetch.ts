// Which endpoints `hproc list` calls for each API generation, and how their answers are merged.
// Loaded only when a listing runs: it pulls in the API layer and the zod models.
import type { ApiClient } from '../api/client.js';
import { listProcessesV3Paged } from '../api/paging.js';
import { listLatestProcessesV2, listRunningProcessesV1, listStoppedProcessesV1 } from '../api/processes.js';
import { PROCESS_STATUSES, REGIONS } from '../models/enums.js';
import { toProcessView, type ProcessView } from '../models/normalise.js';
import { newestFirst } from '../models/order.js';
import type { ListOptions } from './list.js';

/** Processes as views for tables, the raw items for JSON, and notes for stderr. */
export interface FetchedList {
  views: ProcessView[];
  raws: unknown[];
  notes: string[];
  /** Why the listing holds fewer processes than it should (v3 paging stopped short); absent when whole. */
  incomplete?: string;
}

const STOPPED_STATUSES = new Set(['stopped', 'failed']);

// Whether the v1/v2 number still means anything the API does not say for an app on v3 deployments
// (Hathora's CLI warns it is invalid): hproc shows it without vouching for it.
const LEGACY_DEPLOYMENT_WORDS =
  "note: DEPLOY NO. is the v1/v2 deployment number, not the deployment's id: Hathora says it is invalid for apps on v3 deployments; --api v3 shows which deployment each process runs";

// Newest first by creation (newestFirst is stable: equal times keep the API's order).
const createdAtMs = (pair: { view: ProcessView }): number => Date.parse(pair.view.createdAt);

async function fetchV3(client: ApiClient, options: ListOptions): Promise<FetchedList> {
  const result = await listProcessesV3Paged(client, options.appId, {
    ...(options.statuses === null ? {} : { statuses: options.statuses }),
    regions: options.regions,
    limit: options.limit,
    // Past the first page, regions (and statuses) page concurrently: a long listing takes a few
    // round trips instead of one per 10 processes.
    strategy: options.paging,
    knownRegions: REGIONS,
    knownStatuses: PROCESS_STATUSES,
  });
  const pairs = result.data.map((process, i) => ({ view: toProcessView('v3', 'ProcessV3', process), raw: result.raw[i] }));
  const sorted = newestFirst(pairs, createdAtMs).slice(0, options.limit);
  const fetched: FetchedList = { views: sorted.map((p) => p.view), raws: sorted.map((p) => p.raw), notes: [] };
  if (result.incomplete !== undefined) fetched.incomplete = result.incomplete;
  return fetched;
}

async function fetchV2(client: ApiClient, options: ListOptions): Promise<FetchedList> {
  const result = await listLatestProcessesV2(client, options.appId, {
    ...(options.statuses === null ? {} : { statuses: options.statuses }),
    regions: options.regions,
  });
  const pairs = result.data.map((process, i) => ({ view: toProcessView('v2', 'ProcessV2', process), raw: result.raw[i] }));
  const sorted = newestFirst(pairs, createdAtMs).slice(0, options.limit);
  const notes = result.data.length >= 10 && options.limit > 10
    ? ['note: the v2 API answers only the 10 most recent processes and has no cursor; use --api v3 to see more']
    : [];
  if (options.output.format === 'wide') notes.push(LEGACY_DEPLOYMENT_WORDS);
  return { views: sorted.map((p) => p.view), raws: sorted.map((p) => p.raw), notes };
}

async function fetchV1(client: ApiClient, options: ListOptions): Promise<FetchedList> {
  const wanted = options.statuses;
  const needRunning = wanted === null || wanted.some((s) => !STOPPED_STATUSES.has(s));
  const needStopped = wanted === null || wanted.some((s) => STOPPED_STATUSES.has(s));
  // v1 filters by one region per call.
  const regions: (string | undefined)[] = options.regions.length === 0 ? [undefined] : options.regions;
  const calls: Promise<{ view: ProcessView; raw: unknown }[]>[] = [];
  for (const region of regions) {
    if (needRunning) {
      calls.push(listRunningProcessesV1(client, options.appId, region).then((r) =>
        r.data.map((p, i) => ({ view: toProcessView('v1', 'ProcessWithRooms', p), raw: r.raw[i] }))));
    }
    if (needStopped) {
      calls.push(listStoppedProcessesV1(client, options.appId, region).then((r) =>
        r.data.map((p, i) => ({ view: toProcessView('v1', 'Process', p), raw: r.raw[i] }))));
    }
  }
  const seen = new Set<string>();
  const pairs = (await Promise.all(calls)).flat().filter((pair) => {
    if (seen.has(pair.view.processId)) return false;
    seen.add(pair.view.processId);
    // v1 has no status: filter on the one derived from its timestamps.
    return wanted === null || wanted.includes(pair.view.status) || (pair.view.status === 'stopped' && wanted.includes('failed'));
  });
  const sorted = newestFirst(pairs, createdAtMs).slice(0, options.limit);
  const notes = ['note: the v1 API has no status field (STATUS is derived from timestamps, so failed shows as stopped) and answers at most 10 running and 10 stopped processes'];
  if (options.output.format === 'wide') notes.push(LEGACY_DEPLOYMENT_WORDS);
  return { views: sorted.map((p) => p.view), raws: sorted.map((p) => p.raw), notes };
}

/** Lists processes through the chosen API generation. */
export function fetchProcessList(client: ApiClient, options: ListOptions): Promise<FetchedList> {
  if (options.generation === 'v1') return fetchV1(client, options);
  if (options.generation === 'v2') return fetchV2(client, options);
  return fetchV3(client, options);
}

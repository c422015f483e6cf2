// The requests behind `hproc summary`; loaded only when it runs. Counts come from the v3 count
// endpoint, everything per process from v3 listings, all with bounded concurrency.
import type { ApiClient } from '../api/client.js';
import { mapBounded } from '../api/bounded.js';
import { getStaticAllocation } from '../api/apps.js';
import { getLatestDeploymentV3 } from '../api/deployments.js';
import { listProcessesV3Paged } from '../api/paging.js';
import { countProcessesV3 } from '../api/processes.js';
import { HprocError, InterruptedError, NotFoundError } from '../errors.js';
import { ACTIVE_PROCESS_STATUSES, PROCESS_STATUSES, REGIONS } from '../models/enums.js';
import type { ProcessV3 } from '../models/process-v3.js';
import { summarise, type AppSummary, type SummaryProcess } from '../models/summary.js';
import { checkAllocation } from '../models/allocation.js';
import type { StaticProcessAllocation } from '../models/application.js';

/** Most live processes listed; a bigger app gets a note that the per-region figures are partial. */
export const LIVE_LIMIT = 10_000;

/** Calls in flight at once (the listings page on their own besides). */
export const CONCURRENCY = 6;

/** A summary and the notes that say where its figures are incomplete. */
export interface FetchedSummary {
  summary: AppSummary;
  notes: string[];
  /** When a listing's paging stopped short: what the figures lack and why (for stderr, always); absent otherwise. */
  incomplete?: string;
}

function toSummaryProcess(p: ProcessV3): SummaryProcess {
  return {
    region: p.region,
    status: p.status,
    deploymentId: p.deploymentId,
    roomsAllocated: p.roomsAllocated,
    roomsPerProcess: p.roomsPerProcess,
    summaryExitReason: p.summaryExitReason,
  };
}

const ENDED = ['stopped', 'failed'] as const;

const PARTITIONED = { strategy: 'partitioned', knownRegions: REGIONS, knownStatuses: PROCESS_STATUSES } as const;

/** Fetches what the summary needs and computes it. */
export async function fetchSummary(client: ApiClient, appId: string, failedLimit: number): Promise<FetchedSummary> {
  let live: ProcessV3[] = [];
  let failed: ProcessV3[] = [];
  let newestDeploymentId: string | null = null;
  const statusTotals: Record<string, number> = {};
  const endedByRegion: Record<string, Record<string, number>> = {};
  // Why a listing stopped short, when its paging did.
  const short: { live?: string; failed?: string } = {};
  // undefined: not read (the failure is noted); null: the app has no service config.
  let allocation: readonly StaticProcessAllocation[] | null | undefined;
  let allocationFailure: string | undefined;

  const jobs: (() => Promise<void>)[] = [
    // Both listings partition as `hproc list` does (by region, the known values): paged by status
    // alone, a big app took one sequential cursor per status.
    async () => {
      const listing = await listProcessesV3Paged(client, appId, { statuses: ACTIVE_PROCESS_STATUSES, limit: LIVE_LIMIT, ...PARTITIONED });
      live = listing.data;
      if (listing.incomplete !== undefined) short.live = listing.incomplete;
    },
    async () => {
      const listing = await listProcessesV3Paged(client, appId, { statuses: ['failed'], limit: failedLimit, ...PARTITIONED });
      failed = listing.data;
      if (listing.incomplete !== undefined) short.failed = listing.incomplete;
    },
    async () => {
      try {
        newestDeploymentId = (await getLatestDeploymentV3(client, appId)).data.deploymentId;
      } catch (error) {
        // An app without deployments has no newest one; nothing to flag then.
        if (!(error instanceof NotFoundError)) throw error;
      }
    },
    async () => {
      // The static allocation only adds to the summary: without it, the rest still stands.
      try {
        allocation = await getStaticAllocation(client, appId);
      } catch (error) {
        if (error instanceof InterruptedError || !(error instanceof HprocError)) throw error;
        allocationFailure = error.message;
      }
    },
    ...PROCESS_STATUSES.map((status) => async () => {
      statusTotals[status] = (await countProcessesV3(client, appId, { statuses: [status] })).data.count;
    }),
    ...REGIONS.flatMap((region) =>
      ENDED.map((status) => async () => {
        const { count } = (await countProcessesV3(client, appId, { statuses: [status], regions: [region] })).data;
        (endedByRegion[region] ??= {})[status] = count;
      }),
    ),
  ];
  await mapBounded(jobs, CONCURRENCY, (job) => job());

  const summary = summarise({
    appId,
    live: live.map(toSummaryProcess),
    failed: failed.map(toSummaryProcess),
    statusTotals,
    endedByRegion,
    newestDeploymentId,
  });
  const notes: string[] = [];
  if (summary.total.live > live.length) {
    notes.push(`note: listed ${live.length} of ${summary.total.live} live processes; per-region figures cover those listed`);
  }
  const failedTotal = summary.total.counts['failed'] ?? 0;
  if (failedTotal > failed.length) {
    notes.push(`note: exit reasons are of the ${failed.length} most recent of ${failedTotal} failed processes (raise --failed-limit to see more)`);
  }
  for (const status of ENDED) {
    const inRegions = summary.regions.reduce((sum, r) => sum + (r.counts[status] ?? 0), 0);
    const total = summary.total.counts[status] ?? 0;
    if (inRegions < total) notes.push(`note: ${total - inRegions} ${status} processes are in regions hproc does not know, counted only in the total`);
  }
  if (newestDeploymentId === null) notes.push('note: the app has no v3 deployment, so no process is flagged as behind');
  if (allocation !== undefined) {
    const byRegion = new Map(summary.regions.map((r) => [r.region, r.counts]));
    summary.staticAllocation = allocation === null ? null : checkAllocation(allocation, (region) => byRegion.get(region));
  } else if (allocationFailure !== undefined) {
    notes.push(`note: the app's static allocation could not be read, so live processes are not set against it: ${allocationFailure}`);
  }
  const fetched: FetchedSummary = { summary, notes };
  const lacks = [
    short.live === undefined ? undefined : `${live.length} of ${summary.total.live} live processes were listed (per-region figures cover those); ${short.live}`,
    short.failed === undefined ? undefined : `${failed.length} of ${failedTotal} failed processes were listed (exit reasons cover those); ${short.failed}`,
  ].filter((text) => text !== undefined);
  if (lacks.length > 0) fetched.incomplete = `summary incomplete: ${lacks.join('; and ')}`;
  return fetched;
}

// Listing more than one page of v3 processes (finding which app a process belongs to is in
// app-discovery.ts).
//
// The v3 latest endpoint answers at most 10 processes, newest first, and takes a numeric `before`
// cursor whose meaning and unit the API does not document (hathora-api.md §2.3). We ASSUME it is
// an exclusive upper bound on `createdAt` in epoch MILLISECONDS, so each next page asks for
// `before = Date.parse(oldest createdAt seen so far)`. Consequences of that assumption:
// - processes sharing the boundary millisecond may be skipped if `before` is exclusive, or come
//   again if it is inclusive (they are deduplicated by processId);
// - a server that ignores `before` returns the same page again: no new process ids means no
//   progress, and paging stops instead of looping;
// - a server that reads it as seconds would see a far-future bound and also repeat the first page,
//   which the same guard stops.
import type { ApiClient } from './client.js';
import type { Fetched } from './fetched.js';
import { listLatestProcessesV3 } from './processes.js';
import type { ProcessV3 } from '../models/process-v3.js';
import { newestFirst } from '../models/order.js';

/** The most processes one call of the v3 latest endpoint answers. */
export const PAGE_SIZE = 10;

/** Options of listProcessesV3Paged. */
export interface PagedListOptions {
  statuses?: readonly string[] | undefined;
  regions?: readonly string[] | undefined;
  /** Most processes to return. */
  limit: number;
  /**
   * `single` (default): one cursor with all filters, one page after another. `partitioned`: the
   * first page with all filters; when more is needed, disjoint partitions (one region, or one
   * status and one region, each) paged concurrently and merged newest first: the same result in
   * far fewer round trips one after another.
   */
  strategy?: 'single' | 'partitioned';
  /** Every region the caller knows: with `partitioned`, a listing of all regions is split into these. */
  knownRegions?: readonly string[] | undefined;
  /** Every status the caller knows: with `partitioned`, a listing of all statuses may be split into these. */
  knownStatuses?: readonly string[] | undefined;
  /** Most requests in flight at once with `partitioned`; default 16. */
  concurrency?: number | undefined;
}

interface Item {
  data: ProcessV3;
  raw: unknown;
  createdAtMs: number;
}

/** One filter set paged backwards in time; keeps the items not yet handed out, newest first. */
class Cursor {
  readonly buffer: Item[] = [];
  done = false;
  /** Pages fetched so far. */
  pages = 0;
  private before: number | undefined;
  private readonly seen = new Set<string>();

  constructor(private readonly fetchPage: (before: number | undefined) => Promise<Item[]>) {}

  /** createdAt of the oldest item fetched so far (+Infinity before the first page). */
  get oldestMs(): number {
    return this.before ?? Number.POSITIVE_INFINITY;
  }

  async fill(): Promise<void> {
    const page = await this.fetchPage(this.before);
    this.pages += 1;
    const fresh = page.filter((item) => !this.seen.has(item.data.processId));
    for (const item of fresh) this.seen.add(item.data.processId);
    const oldest = Math.min(...page.map((item) => item.createdAtMs));
    if (
      page.length < PAGE_SIZE ||
      fresh.length === 0 ||
      !Number.isFinite(oldest) ||
      (this.before !== undefined && oldest >= this.before)
    ) {
      // A short page is the last one; no new ids or a cursor that does not move means the server
      // is not honouring `before`.
      this.done = true;
    }
    if (Number.isFinite(oldest)) this.before = oldest;
    this.buffer.push(...newestFirst(fresh, createdAtMs));
  }
}

// newestFirst is stable: equal times keep the server's order.
const createdAtMs = (item: Item): number => item.createdAtMs;

function pageFetcher(client: ApiClient, appId: string, statuses: readonly string[] | undefined, regions: readonly string[] | undefined) {
  return async (before: number | undefined): Promise<Item[]> => {
    const { data, raw } = await listLatestProcessesV3(client, appId, { statuses, regions, before });
    return data.map((process, index) => ({ data: process, raw: raw[index], createdAtMs: Date.parse(process.createdAt) }));
  };
}

/** Lists up to `limit` v3 processes, newest first, paging with the `before` cursor; `raw` holds the raw items in the same order. */
export async function listProcessesV3Paged(
  client: ApiClient,
  appId: string,
  options: PagedListOptions,
): Promise<Fetched<ProcessV3[], unknown[]>> {
  const { statuses, regions, limit } = options;
  if (limit <= 0) return { data: [], raw: [] };
  const single = new Cursor(pageFetcher(client, appId, statuses, regions));
  const items = options.strategy === 'partitioned' ? await listPartitioned(client, appId, single, options) : await drainSingle(single, limit);
  return { data: items.map((item) => item.data), raw: items.map((item) => item.raw) };
}

async function drainSingle(cursor: Cursor, limit: number): Promise<Item[]> {
  while (!cursor.done && cursor.buffer.length < limit) await cursor.fill();
  return newestFirst(cursor.buffer, createdAtMs).slice(0, limit);
}

/** A filter set of one partition; undefined: that dimension is not filtered. */
interface Partition {
  statuses: string[] | undefined;
  regions: string[] | undefined;
}

// With this many region partitions, splitting statuses too would only multiply requests.
const ENOUGH_PARTITIONS = 8;

// Above this --limit, partitions do not wait for the first page: one round trip fewer.
const SPECULATE_ABOVE = 100;

function partitionsOf(options: PagedListOptions): Partition[] {
  const given = (values: readonly string[] | undefined): string[] | undefined =>
    values === undefined || values.length === 0 ? undefined : [...new Set(values)];
  const regions = given(options.regions) ?? given(options.knownRegions);
  const regionParts = regions === undefined ? [undefined] : regions.map((r) => [r]);
  const statusFilter = given(options.statuses);
  const statuses = regionParts.length >= ENOUGH_PARTITIONS ? undefined : statusFilter ?? given(options.knownStatuses);
  const statusParts = statuses === undefined ? [statusFilter] : statuses.map((s) => [s]);
  return statusParts.flatMap((s) => regionParts.map((r) => ({ statuses: s, regions: r })));
}

/** Whether an item lies inside one of the partitions (false for a status or region we did not split on). */
function covered(item: Item, partitions: Partition[]): boolean {
  const { status, region } = item.data as { status: string; region: string };
  return partitions.some((p) => (p.statuses === undefined || p.statuses.includes(status)) && (p.regions === undefined || p.regions.includes(region)));
}

/**
 * The partitioned strategy. The first page (all filters) answers most listings alone. Beyond it,
 * each partition pages on its own cursor, up to `concurrency` requests in flight, and stops once
 * its oldest item is older than the `limit`-th newest item seen anywhere (nothing it could still
 * bring would make the cut). When partitions came from known values rather than the user's
 * filters, an item of an unknown status or region on the first page, or a first-page item missing
 * from the merge, means the split cannot be trusted: the single cursor pages on instead.
 */
async function listPartitioned(client: ApiClient, appId: string, single: Cursor, options: PagedListOptions): Promise<Item[]> {
  const { limit } = options;
  const partitions = partitionsOf(options);
  if (partitions.length <= 1) return drainSingle(single, limit);
  const cursors = partitions.map((p) => new Cursor(pageFetcher(client, appId, p.statuses, p.regions)));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 16));
  let merged: Item[];
  if (limit > SPECULATE_ABOVE) {
    // A long listing is asked for: the partitions start at once, with the first page beside them.
    [, merged] = await Promise.all([single.fill(), pageConcurrently(cursors, limit, concurrency)]);
    if (single.done || single.buffer.length >= limit) return drainSingle(single, limit);
    if (!single.buffer.every((item) => covered(item, partitions))) return drainSingle(single, limit);
  } else {
    await single.fill();
    if (single.done || single.buffer.length >= limit) return drainSingle(single, limit);
    if (!single.buffer.every((item) => covered(item, partitions))) return drainSingle(single, limit);
    merged = await pageConcurrently(cursors, limit, concurrency);
  }
  const ids = new Set(merged.map((item) => item.data.processId));
  const cutoff = merged.length < limit ? Number.NEGATIVE_INFINITY : (merged[merged.length - 1] as Item).createdAtMs;
  if (!single.buffer.every((item) => ids.has(item.data.processId) || item.createdAtMs < cutoff)) return drainSingle(single, limit);
  return merged;
}

/** Newest first without duplicates (a process whose status changed between calls can be in two partitions). */
function mergeBuffers(cursors: Cursor[]): Item[] {
  const taken = new Set<string>();
  return newestFirst(cursors.flatMap((cursor) => cursor.buffer), createdAtMs).filter((item) => {
    if (taken.has(item.data.processId)) return false;
    taken.add(item.data.processId);
    return true;
  });
}

/** The `limit` newest creation times seen so far, one per process: their last is the cut-off. */
class NewestTimes {
  private readonly times: number[] = [];
  private readonly ids = new Set<string>();

  constructor(private readonly limit: number) {}

  add(item: Item): void {
    if (this.ids.has(item.data.processId)) return;
    this.ids.add(item.data.processId);
    const t = item.createdAtMs;
    if (this.times.length === this.limit && t <= (this.times[this.limit - 1] as number)) return;
    // Binary search for the first smaller time; the array stays newest first.
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.times[mid] as number) >= t) lo = mid + 1;
      else hi = mid;
    }
    this.times.splice(lo, 0, t);
    if (this.times.length > this.limit) this.times.pop();
  }

  /** Items older than this cannot make the first `limit`; -Infinity until `limit` were seen. */
  get cutoff(): number {
    return this.times.length < this.limit ? Number.NEGATIVE_INFINITY : (this.times[this.limit - 1] as number);
  }
}

async function pageConcurrently(cursors: Cursor[], limit: number, concurrency: number): Promise<Item[]> {
  const inFlight = new Map<Cursor, Promise<void>>();
  const newest = new NewestTimes(limit);
  let failure: { error: unknown } | undefined;
  for (;;) {
    const cutoff = newest.cutoff;
    // A cursor whose oldest item is at or below the cutoff cannot add to the first `limit`
    // (`before` is exclusive). Newest-reaching cursors first: they are the likeliest to matter.
    const wanted = cursors
      .filter((cursor) => !cursor.done && !inFlight.has(cursor) && cursor.oldestMs > cutoff)
      .sort((a, b) => b.oldestMs - a.oldestMs);
    while (failure === undefined && inFlight.size < concurrency && wanted.length > 0) {
      const cursor = wanted.shift() as Cursor;
      const had = cursor.buffer.length;
      const settled = cursor.fill().then(
        () => {
          inFlight.delete(cursor);
          for (let i = had; i < cursor.buffer.length; i += 1) newest.add(cursor.buffer[i] as Item);
        },
        (error: unknown) => {
          inFlight.delete(cursor);
          failure ??= { error };
        },
      );
      inFlight.set(cursor, settled);
    }
    if (inFlight.size === 0) {
      if (failure !== undefined) throw failure.error;
      return mergeBuffers(cursors).slice(0, limit);
    }
    await Promise.race(inFlight.values());
  }
}

// Listing more than one page of v3 processes (finding which app a process belongs to is in
// app-discovery.ts).
//
// The v3 latest endpoint answers at most 10 processes, newest first, and takes a numeric `before`
// cursor whose meaning and unit the API does not document (hathora-api.md §2.3). hproc reads it as
// an exclusive upper bound on `createdAt` and asks each next page for the processes created before
// the oldest one seen so far, and checks every page against that reading (before-cursor.ts):
// - a page holding a process newer than the cursor means the server reads the unit another way:
//   the page is discarded and asked again in the other unit (seconds after milliseconds), and
//   what holds is remembered for the rest of the run;
// - when neither unit pages, or a full page brings nothing new, the listing stops and says so
//   (`incomplete`), never looping and never passing the first pages off as the whole list;
// - an empty page before any page has proved the unit is checked against the count endpoint;
// - processes sharing the boundary millisecond may be skipped if the bound is exclusive, or come
//   again if it is inclusive (they are deduplicated by processId).
import { boundOf, beforeReadingOf, cursorValue, incompleteReasons, type BeforeReading } from './before-cursor.js';
import type { ApiClient } from './client.js';
import { mapBounded } from './bounded.js';
import type { Fetched } from './fetched.js';
import { countProcessesV3, listLatestProcessesV3 } from './processes.js';
import { InterruptedError } from '../errors.js';
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

/** A listing, and why it stopped short when it did (undefined: it holds everything asked for). */
export interface PagedList extends Fetched<ProcessV3[], unknown[]> {
  incomplete?: string;
}

/** The requests one filter set needs: a page before a cursor value, and the count of all its processes. */
interface Source {
  page(before: number | undefined): Promise<Item[]>;
  count(): Promise<number>;
}

/** One filter set paged backwards in time; keeps the items not yet handed out, newest first. */
class Cursor {
  readonly buffer: Item[] = [];
  done = false;
  /** Why paging stopped before the end of the data; undefined while it could go on or reached the end. */
  incomplete: string | undefined;
  /** Pages fetched so far. */
  pages = 0;
  private oldest: number | undefined;
  /** The cursor of an empty page that ended paging (epoch ms); undefined if none did. */
  private emptyAt: number | undefined;
  private readonly seen = new Set<string>();

  constructor(
    private readonly source: Source,
    private readonly reading: BeforeReading,
  ) {}

  /** createdAt of the oldest item fetched so far (+Infinity before the first page). */
  get oldestMs(): number {
    return this.oldest ?? Number.POSITIVE_INFINITY;
  }

  async fill(): Promise<void> {
    if (this.oldest === undefined) {
      const page = await this.source.page(undefined);
      this.pages += 1;
      this.take(page);
      if (page.length < PAGE_SIZE || this.oldest === undefined) this.done = true;
      return;
    }
    const oldest = this.oldest;
    for (;;) {
      const unit = this.reading.unit;
      if (unit === undefined) return this.stop(incompleteReasons.unread(oldest));
      const value = cursorValue(oldest, unit);
      const page = await this.source.page(value);
      this.pages += 1;
      const bound = boundOf(value, unit);
      // Equal to the bound is allowed: a server may read it inclusively (the repeat is dropped).
      if (page.some((item) => item.createdAtMs > bound)) {
        const next = this.reading.refute(unit);
        if (next === 'retry') continue;
        return this.stop(next === 'exhausted' ? incompleteReasons.unread(oldest) : incompleteReasons.contradicted(oldest, unit));
      }
      const fresh = this.take(page);
      if (fresh > 0) this.reading.confirm(unit);
      else if (page.length >= PAGE_SIZE) return this.stop(incompleteReasons.stalled(oldest, unit));
      // The end of the data, or a cursor read as lying far in the past: verify() asks the count,
      // unless some page of the run has proved the unit by then.
      if (page.length === 0) this.emptyAt = oldest;
      if (page.length < PAGE_SIZE) this.done = true;
      return;
    }
  }

  /** Whether the listing may be short here: paging stopped, or ended on an empty page while no page had proved the unit. */
  get unsure(): boolean {
    return this.incomplete !== undefined || (this.emptyAt !== undefined && !this.reading.settled);
  }

  /** How many distinct processes this cursor has seen. */
  get seenCount(): number {
    return this.seen.size;
  }

  /** The processes this cursor's filters match, by the count endpoint. */
  count(): Promise<number> {
    return this.source.count();
  }

  /** Why the listing is short, once a count has shown that it is (`why` says what the count showed). */
  explain(why: string): string {
    return this.incomplete ?? incompleteReasons.unconfirmedEnd(this.emptyAt ?? this.oldestMs, why);
  }

  /** Adds a page's new items; returns how many were new. */
  private take(page: Item[]): number {
    const fresh = page.filter((item) => !this.seen.has(item.data.processId));
    for (const item of fresh) this.seen.add(item.data.processId);
    const oldest = Math.min(...page.map((item) => item.createdAtMs));
    if (Number.isFinite(oldest)) this.oldest = Math.min(oldest, this.oldest ?? oldest);
    this.buffer.push(...newestFirst(fresh, createdAtMs));
    return fresh.length;
  }

  private stop(reason: string): void {
    this.done = true;
    this.incomplete = reason;
  }
}

// newestFirst is stable: equal times keep the server's order.
const createdAtMs = (item: Item): number => item.createdAtMs;

function sourceOf(client: ApiClient, appId: string, statuses: readonly string[] | undefined, regions: readonly string[] | undefined): Source {
  return {
    page: async (before) => {
      const { data, raw } = await listLatestProcessesV3(client, appId, { statuses, regions, before });
      return data.map((process, index) => ({ data: process, raw: raw[index], createdAtMs: Date.parse(process.createdAt) }));
    },
    count: async () => (await countProcessesV3(client, appId, { statuses, regions })).data.count,
  };
}

/**
 * Lists up to `limit` v3 processes, newest first, paging with the `before` cursor; `raw` holds the
 * raw items in the same order, and `incomplete` says why, when paging could not reach them all.
 */
export async function listProcessesV3Paged(client: ApiClient, appId: string, options: PagedListOptions): Promise<PagedList> {
  const { statuses, regions, limit } = options;
  if (limit <= 0) return { data: [], raw: [] };
  const reading = beforeReadingOf(client);
  const single = new Cursor(sourceOf(client, appId, statuses, regions), reading);
  const { items, incomplete } =
    options.strategy === 'partitioned' ? await listPartitioned(client, appId, single, reading, options) : await drainSingle(single, limit);
  const list: PagedList = { data: items.map((item) => item.data), raw: items.map((item) => item.raw) };
  if (incomplete !== undefined) list.incomplete = incomplete;
  return list;
}

/** Items of a listing and why it is short, if it is. */
interface Drained {
  items: Item[];
  incomplete: string | undefined;
}

async function drainSingle(cursor: Cursor, limit: number): Promise<Drained> {
  while (!cursor.done && cursor.buffer.length < limit) await cursor.fill();
  const items = newestFirst(cursor.buffer, createdAtMs).slice(0, limit);
  return { items, incomplete: items.length < limit && cursor.unsure ? await verify(cursor, cursor.seenCount, cursor) : undefined };
}

/**
 * Settles a doubt with the count endpoint: a listing that stopped short, or ended where no page had
 * proved the cursor's unit, is complete all the same when `counter`'s filters count no more
 * processes than were listed. Otherwise: why it is short.
 */
async function verify(counter: Cursor, listed: number, doubtful: Cursor): Promise<string | undefined> {
  let count: number;
  try {
    count = await counter.count();
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return doubtful.explain(`its count endpoint failed (${error instanceof Error ? error.message : String(error)})`);
  }
  return count <= listed ? undefined : doubtful.explain(`it counts ${count} processes where ${listed} were listed`);
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
async function listPartitioned(client: ApiClient, appId: string, single: Cursor, reading: BeforeReading, options: PagedListOptions): Promise<Drained> {
  const { limit } = options;
  const partitions = partitionsOf(options);
  if (partitions.length <= 1) return drainSingle(single, limit);
  const cursors = partitions.map((p) => new Cursor(sourceOf(client, appId, p.statuses, p.regions), reading));
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
  // A partition that stopped short matters only if what it could not reach might make the cut.
  const unsure = cursors.filter((cursor) => cursor.unsure && cursor.oldestMs > cutoff);
  if (unsure.length === 0) return { items: merged, incomplete: undefined };
  // Everything was wanted: one count of the whole filter says whether anything is missing.
  if (merged.length < limit) return { items: merged, incomplete: await verify(single, merged.length, unsure[0] as Cursor) };
  const reasons = await mapBounded(unsure, concurrency, (cursor) => verify(cursor, cursor.seenCount, cursor));
  return { items: merged, incomplete: reasons.find((reason) => reason !== undefined) };
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

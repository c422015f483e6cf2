// Listing more than one page of v3 processes, and finding which app a process belongs to.
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
import { listApps } from './apps.js';
import { isValidPathSegment, validateProcessId } from './ids.js';
import { getProcessV3, listLatestProcessesV3 } from './processes.js';
import { NotFoundError } from '../errors.js';
import type { ProcessV3 } from '../models/process-v3.js';

/** The most processes one call of the v3 latest endpoint answers. */
export const PAGE_SIZE = 10;

/** Options of listProcessesV3Paged. */
export interface PagedListOptions {
  statuses?: readonly string[] | undefined;
  regions?: readonly string[] | undefined;
  /** Most processes to return. */
  limit: number;
  /**
   * `single` (default): one cursor with all filters. `partitioned`: one cursor per status × region
   * pair, paged concurrently and merged newest first; fewer round trips in sequence when the
   * filters name several values, same result.
   */
  strategy?: 'single' | 'partitioned';
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
  private before: number | undefined;
  private readonly seen = new Set<string>();

  constructor(private readonly fetchPage: (before: number | undefined) => Promise<Item[]>) {}

  async fill(): Promise<void> {
    const page = await this.fetchPage(this.before);
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
    this.before = oldest;
    this.buffer.push(...newestFirst(fresh));
  }
}

function newestFirst(items: Item[]): Item[] {
  // Stable: equal times keep the server's order.
  return [...items].sort((a, b) => b.createdAtMs - a.createdAtMs);
}

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
  const partitions = options.strategy === 'partitioned' ? partitionsOf(statuses, regions) : [];
  const items =
    partitions.length > 1
      ? await mergePartitions(partitions.map((p) => new Cursor(pageFetcher(client, appId, p.statuses, p.regions))), limit)
      : await drainSingle(new Cursor(pageFetcher(client, appId, statuses, regions)), limit);
  return { data: items.map((item) => item.data), raw: items.map((item) => item.raw) };
}

async function drainSingle(cursor: Cursor, limit: number): Promise<Item[]> {
  while (!cursor.done && cursor.buffer.length < limit) await cursor.fill();
  return newestFirst(cursor.buffer).slice(0, limit);
}

function partitionsOf(
  statuses: readonly string[] | undefined,
  regions: readonly string[] | undefined,
): { statuses: string[] | undefined; regions: string[] | undefined }[] {
  const statusParts = statuses === undefined || statuses.length === 0 ? [undefined] : [...new Set(statuses)].map((s) => [s]);
  const regionParts = regions === undefined || regions.length === 0 ? [undefined] : [...new Set(regions)].map((r) => [r]);
  return statusParts.flatMap((s) => regionParts.map((r) => ({ statuses: s, regions: r })));
}

/**
 * K-way merge of cursors over disjoint filter sets. A head is only taken once every cursor that
 * may still produce items has one buffered, so the newest head is the newest item overall.
 */
async function mergePartitions(cursors: Cursor[], limit: number): Promise<Item[]> {
  const result: Item[] = [];
  // A process whose status changed between two calls can show up in two partitions.
  const taken = new Set<string>();
  while (result.length < limit) {
    const starving = cursors.filter((cursor) => cursor.buffer.length === 0 && !cursor.done);
    if (starving.length > 0) {
      await Promise.all(starving.map((cursor) => cursor.fill()));
      continue;
    }
    let best: Cursor | undefined;
    for (const cursor of cursors) {
      const head = cursor.buffer[0];
      if (head !== undefined && (best === undefined || head.createdAtMs > (best.buffer[0] as Item).createdAtMs)) best = cursor;
    }
    if (best === undefined) break;
    const item = best.buffer.shift() as Item;
    if (taken.has(item.data.processId)) continue;
    taken.add(item.data.processId);
    result.push(item);
  }
  return result;
}

/** Options of findProcessApp. */
export interface FindProcessAppOptions {
  /** How many apps to ask at once. */
  concurrency?: number;
}

/** Finds which of the token's apps holds a process (apps list, then a v3 lookup per app with bounded concurrency); returns its app id. */
export async function findProcessApp(client: ApiClient, processId: string, options: FindProcessAppOptions = {}): Promise<string> {
  validateProcessId(processId);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const { data: apps } = await listApps(client);
  // Live apps first: a process is far more likely there. An id we could not put in a URL cannot
  // be asked about.
  const candidates = [...apps.filter((app) => app.deletedAt === null), ...apps.filter((app) => app.deletedAt !== null)]
    .map((app) => app.appId)
    .filter(isValidPathSegment);
  let next = 0;
  let foundIndex: number | undefined;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (foundIndex === undefined && failure === undefined && next < candidates.length) {
      const index = next++;
      try {
        await getProcessV3(client, candidates[index] as string, processId);
        foundIndex = Math.min(foundIndex ?? index, index);
      } catch (error) {
        if (error instanceof NotFoundError) continue;
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, candidates.length) }, worker));
  if (foundIndex !== undefined) return candidates[foundIndex] as string;
  if (failure !== undefined) throw failure.error;
  const n = apps.length;
  throw new NotFoundError(
    n === 0 ? `process ${processId} not found: the token sees no apps` : `process ${processId} not found in any of your ${n} app${n === 1 ? '' : 's'}`,
    { hint: 'check the process id, or pass --app <appId>' },
  );
}

import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { listProcessesV3Paged, PAGE_SIZE } from '../../../src/api/paging.js';
import { ResponseError, ServerError } from '../../../src/errors.js';
import type { ApiClient, Query } from '../../../src/api/client.js';
import { fakeApi, JSON_HEADERS, ORIGIN, rejection, type FakeApi } from './fake-api.js';

const APP = 'app-1';
const BASE_PROCESS = JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const T0 = Date.UTC(2025, 10, 20, 12, 0, 0);
const STATUSES = ['running', 'stopped', 'draining', 'failed'];
const REGIONS = ['London', 'Tokyo', 'Frankfurt'];

/** A process created `i` seconds after T0, with a status and region that cycle. */
function processAt(i: number): Record<string, unknown> {
  return {
    ...BASE_PROCESS,
    processId: `proc-${String(i).padStart(3, '0')}`,
    appId: APP,
    createdAt: new Date(T0 + i * 1000).toISOString(),
    status: STATUSES[i % STATUSES.length],
    region: REGIONS[i % REGIONS.length],
    extra: i,
  };
}

type BeforeMode = 'exclusive' | 'inclusive' | 'ignored';

/** Serves the v3 latest endpoint over `processes` like the real API: filters, newest first, 10 at most, `before` in ms. */
function serveLatest(api: FakeApi, processes: Record<string, unknown>[], mode: BeforeMode = 'exclusive'): void {
  api.pool
    .intercept({ path: (path: string) => path.startsWith(`/processes/v3/apps/${APP}/processes/latest`), method: 'GET' })
    .reply(({ path }) => {
      const url = new URL(path, ORIGIN);
      const statuses = url.searchParams.getAll('status');
      const regions = url.searchParams.getAll('region');
      const before = url.searchParams.get('before');
      const page = processes
        .filter((p) => statuses.length === 0 || statuses.includes(p['status'] as string))
        .filter((p) => regions.length === 0 || regions.includes(p['region'] as string))
        .filter((p) => {
          if (before === null || mode === 'ignored') return true;
          const at = Date.parse(p['createdAt'] as string);
          return mode === 'exclusive' ? at < Number(before) : at <= Number(before);
        })
        .sort((a, b) => Date.parse(b['createdAt'] as string) - Date.parse(a['createdAt'] as string))
        .slice(0, PAGE_SIZE);
      return { statusCode: 200, data: JSON.stringify(page), responseOptions: { headers: JSON_HEADERS } };
    })
    .persist();
}

function ids(items: readonly unknown[]): string[] {
  return items.map((item) => (item as { processId: string }).processId);
}

function newest(processes: Record<string, unknown>[], n: number): string[] {
  return ids([...processes].reverse().slice(0, n));
}

function beforeOf(url: string): string | null {
  return new URL(url).searchParams.get('before');
}

let api: FakeApi | undefined;
function setup(): FakeApi {
  api = fakeApi();
  return api;
}
afterEach(async () => {
  await api?.agent.close();
  api = undefined;
});

describe('listProcessesV3Paged', () => {
  const all = Array.from({ length: 25 }, (_, i) => processAt(i));

  it('pages with before = the oldest createdAt seen, in epoch milliseconds, until a short page', async () => {
    const a = setup();
    serveLatest(a, all);
    const { data, raw } = await listProcessesV3Paged(a.client, APP, { limit: 100 });
    assert.deepEqual(ids(data), newest(all, 25));
    assert.deepEqual(raw, [...all].reverse());
    // Pages: 24..15, 14..5, 4..0 (short, so the last).
    assert.deepEqual(a.urls().map(beforeOf), [null, String(T0 + 15_000), String(T0 + 5_000)]);
  });

  it('fails on a schema mismatch in a page whose processes do not make the cut, partitioned too', async () => {
    const many = Array.from({ length: 120 }, (_, i) => processAt(i));
    // proc-001 is among the oldest two: its page is fetched, but it is not among the newest 118.
    const bad = many.map((p, i) => (i === 1 ? { ...p, roomsAllocated: -1 } : p));
    for (const strategy of ['single', 'partitioned'] as const) {
      const a = fakeApi();
      serveLatest(a, bad);
      const error = await rejection(listProcessesV3Paged(a.client, APP, { limit: 118, strategy, knownRegions: REGIONS }));
      assert.ok(error instanceof ResponseError, `${strategy}: ${String(error)}`);
      await a.agent.close();
    }
  });

  it('stops paging at a page that is not a list of processes, and says what is wrong with it', async () => {
    const a = setup();
    a.pool.intercept({ path: (path: string) => path.startsWith(`/processes/v3/apps/${APP}/processes/latest`), method: 'GET' }).reply(200, '{"processes":[]}', { headers: JSON_HEADERS });
    const error = await rejection(listProcessesV3Paged(a.client, APP, { limit: 100 }));
    assert.ok(error instanceof ResponseError, String(error));
    assert.match((error as Error).message, /\(root\): expected array/);
    assert.equal(a.urls().length, 1);
  });

  it('stops at the limit', async () => {
    const a = setup();
    serveLatest(a, all);
    const { data, raw } = await listProcessesV3Paged(a.client, APP, { limit: 15 });
    assert.deepEqual(ids(data), newest(all, 15));
    assert.deepEqual(ids(raw), newest(all, 15));
    assert.equal(a.urls().length, 2);
  });

  it('asks once for a limit within one page', async () => {
    const a = setup();
    serveLatest(a, all);
    assert.deepEqual(ids((await listProcessesV3Paged(a.client, APP, { limit: 3 })).data), newest(all, 3));
    assert.equal(a.urls().length, 1);
  });

  it('stops at an empty page', async () => {
    const a = setup();
    const twenty = all.slice(0, 20);
    serveLatest(a, twenty);
    assert.deepEqual(ids((await listProcessesV3Paged(a.client, APP, { limit: 50 })).data), newest(twenty, 20));
    assert.deepEqual(a.urls().map(beforeOf), [null, String(T0 + 10_000), String(T0)]);
  });

  it('stops when a server ignoring before brings nothing new', async () => {
    const a = setup();
    serveLatest(a, all, 'ignored');
    const { data } = await listProcessesV3Paged(a.client, APP, { limit: 100 });
    assert.deepEqual(ids(data), newest(all, 10));
    assert.equal(a.urls().length, 2);
  });

  it('deduplicates when before is inclusive', async () => {
    const a = setup();
    serveLatest(a, all, 'inclusive');
    const { data, raw } = await listProcessesV3Paged(a.client, APP, { limit: 100 });
    assert.deepEqual(ids(data), newest(all, 25));
    assert.deepEqual(ids(raw), newest(all, 25));
  });

  it('sends the filters as repeated keys on every page', async () => {
    const a = setup();
    serveLatest(a, all);
    const { data } = await listProcessesV3Paged(a.client, APP, { statuses: ['running', 'stopped'], regions: ['London', 'Tokyo'], limit: 100 });
    const expected = [...all].reverse().filter((p) => ['running', 'stopped'].includes(p['status'] as string) && ['London', 'Tokyo'].includes(p['region'] as string));
    assert.deepEqual(ids(data), ids(expected));
    for (const url of a.urls()) {
      assert.ok(url.startsWith(`${ORIGIN}/processes/v3/apps/${APP}/processes/latest?status=running&status=stopped&region=London&region=Tokyo`), url);
    }
  });

  it('sends nothing for a limit of 0', async () => {
    const a = setup();
    assert.deepEqual(await listProcessesV3Paged(a.client, APP, { limit: 0 }), { data: [], raw: [] });
    assert.deepEqual(a.urls(), []);
  });

  describe('partitioned strategy', () => {
    const many = Array.from({ length: 120 }, (_, i) => processAt(i));
    const filterSets: { statuses?: string[]; regions?: string[] }[] = [
      { statuses: ['running', 'stopped'], regions: ['London', 'Tokyo'] },
      { statuses: ['running', 'stopped', 'failed'] },
      { regions: ['London', 'Tokyo', 'Frankfurt'] },
      { statuses: ['running'], regions: ['London'] },
      {},
    ];
    for (const filters of filterSets) {
      for (const limit of [1, 7, 10, 23, 500]) {
        it(`equals the single cursor for ${JSON.stringify(filters)} and limit ${limit}`, async () => {
          const single = fakeApi();
          const split = fakeApi();
          serveLatest(single, many);
          serveLatest(split, many);
          const expected = await listProcessesV3Paged(single.client, APP, { ...filters, limit });
          const actual = await listProcessesV3Paged(split.client, APP, { ...filters, limit, strategy: 'partitioned' });
          assert.deepEqual(ids(actual.data), ids(expected.data));
          assert.deepEqual(actual.raw, expected.raw);
          await single.agent.close();
          await split.agent.close();
        });
      }
    }

    it('asks the first page with every filter, then one status and one region per partition', async () => {
      const a = setup();
      serveLatest(a, many);
      await listProcessesV3Paged(a.client, APP, { statuses: ['running', 'stopped'], regions: ['London', 'Tokyo'], limit: 500, strategy: 'partitioned' });
      const firstPages = a.urls().filter((url) => beforeOf(url) === null).map((url) => new URL(url).search).sort();
      assert.deepEqual(firstPages, [
        '?status=running&region=London',
        '?status=running&region=Tokyo',
        '?status=running&status=stopped&region=London&region=Tokyo',
        '?status=stopped&region=London',
        '?status=stopped&region=Tokyo',
      ]);
    });

    it('asks only once when the first page holds all it needs', async () => {
      const a = setup();
      serveLatest(a, many);
      const { data } = await listProcessesV3Paged(a.client, APP, { regions: ['London', 'Tokyo'], limit: 10, strategy: 'partitioned' });
      assert.equal(data.length, 10);
      assert.equal(a.urls().length, 1);
    });

    it('splits a listing of every region into the known regions, and statuses only when regions are few', async () => {
      const a = setup();
      serveLatest(a, many);
      const expected = newest(many, 100);
      const { data } = await listProcessesV3Paged(a.client, APP, { limit: 100, strategy: 'partitioned', knownRegions: REGIONS, knownStatuses: STATUSES });
      assert.deepEqual(ids(data), expected);
      const firstPages = a.urls().filter((url) => beforeOf(url) === null).map((url) => new URL(url).search).sort();
      // Three regions are too few to page far apart, so each is split by status as well.
      assert.equal(firstPages.length, 1 + REGIONS.length * STATUSES.length);
      const eight = Array.from({ length: 8 }, (_, i) => `R${i}`);
      const b = fakeApi();
      serveLatest(b, many.map((p, i) => ({ ...p, region: eight[i % 8] })));
      await listProcessesV3Paged(b.client, APP, { statuses: ['running', 'stopped'], limit: 100, strategy: 'partitioned', knownRegions: eight, knownStatuses: STATUSES });
      const splits = b.urls().filter((url) => beforeOf(url) === null).map((url) => new URL(url).search);
      assert.deepEqual(splits.slice(1).sort(), eight.map((r) => `?status=running&status=stopped&region=${r}`).sort());
      await b.agent.close();
    });

    for (const limit of [15, 37, 120]) {
      it(`equals the single cursor when split into known values, limit ${limit}`, async () => {
        const single = fakeApi();
        const split = fakeApi();
        serveLatest(single, many);
        serveLatest(split, many);
        const expected = await listProcessesV3Paged(single.client, APP, { limit });
        const actual = await listProcessesV3Paged(split.client, APP, { limit, strategy: 'partitioned', knownRegions: REGIONS, knownStatuses: STATUSES });
        assert.deepEqual(actual.raw, expected.raw);
        await single.agent.close();
        await split.agent.close();
      });
    }

    it('pages on the single cursor when the first page holds a region it did not split on', async () => {
      const a = setup();
      const withMars = many.map((p, i) => (i === 115 ? { ...p, region: 'Mars' } : p));
      serveLatest(a, withMars);
      const { raw } = await listProcessesV3Paged(a.client, APP, { limit: 40, strategy: 'partitioned', knownRegions: REGIONS, knownStatuses: STATUSES });
      assert.deepEqual(raw, [...withMars].reverse().slice(0, 40));
      assert.ok(a.urls().every((url) => !new URL(url).search.includes('region=')), 'no partition was asked');
    });

    it('for a long listing, asks the partitions at once beside the first page, and still falls back when that page shows an unknown region', async () => {
      const a = setup();
      serveLatest(a, many);
      await listProcessesV3Paged(a.client, APP, { limit: 101, strategy: 'partitioned', knownRegions: REGIONS });
      // The first four requests go out together: the whole filter and one per region.
      assert.deepEqual(a.urls().slice(0, 4).map((url) => new URL(url).search).sort(), ['', '?region=Frankfurt', '?region=London', '?region=Tokyo']);
      const b = fakeApi();
      const withMars = many.map((p, i) => (i === 112 ? { ...p, region: 'Mars' } : p));
      serveLatest(b, withMars);
      const { raw } = await listProcessesV3Paged(b.client, APP, { limit: 101, strategy: 'partitioned', knownRegions: REGIONS });
      assert.deepEqual(raw, [...withMars].reverse().slice(0, 101));
      await b.agent.close();
    });

    it('takes a fraction of the round trips in sequence: 1,000 of 5,000 processes in 14 regions', async () => {
      // Every request issued in the same round is answered together in the next one, so `rounds`
      // counts round trips in sequence whatever the machine's speed.
      const fourteen = Array.from({ length: 14 }, (_, i) => `R${i}`);
      const big: Record<string, unknown>[] = Array.from({ length: 5000 }, (_, i) => ({ ...processAt(i), region: fourteen[(i * 7919) % 14] }));
      const ticked = (): { client: ApiClient; rounds: () => number } => {
        let rounds = 0;
        let batch: (() => void)[] = [];
        const flush = (): void => {
          rounds += 1;
          const due = batch;
          batch = [];
          for (const answer of due) answer();
        };
        const client = {
          getJson: (_path: string, query?: Query) =>
            new Promise((resolve) => {
              if (batch.length === 0) setTimeout(flush, 1);
              batch.push(() => {
                const region = (query?.['region'] as string[] | undefined)?.[0];
                const before = query?.['before'] as number | undefined;
                resolve(
                  [...big]
                    .reverse()
                    .filter((p) => (region === undefined || p['region'] === region) && (before === undefined || Date.parse(p['createdAt'] as string) < before))
                    .slice(0, PAGE_SIZE),
                );
              });
            }),
        } as unknown as ApiClient;
        return { client, rounds: () => rounds };
      };
      const single = ticked();
      const expected = await listProcessesV3Paged(single.client, APP, { limit: 1000 });
      const split = ticked();
      const actual = await listProcessesV3Paged(split.client, APP, { limit: 1000, strategy: 'partitioned', knownRegions: fourteen });
      assert.deepEqual(actual.raw, expected.raw);
      assert.equal(single.rounds(), 100);
      // 1,000 / 14 regions is 72 each: 8 pages, the first asked beside the whole filter's first page.
      assert.equal(split.rounds(), 8);
    });

    it('keeps at most `concurrency` requests in flight and fails with the first error once the others settle', async () => {
      let inFlight = 0;
      let peak = 0;
      const calls: string[] = [];
      const fake = (failRegion?: string): ApiClient =>
        ({
          getJson: async (path: string, query?: Query) => {
            const region = (query?.['region'] as string[] | undefined)?.[0];
            calls.push(`${path} ${region ?? ''}`);
            inFlight += 1;
            peak = Math.max(peak, inFlight);
            await new Promise((resolve) => setTimeout(resolve, 2));
            inFlight -= 1;
            if (region !== undefined && region === failRegion) throw new ServerError('boom');
            const before = query?.['before'] as number | undefined;
            return [...many]
              .reverse()
              .filter((p) => region === undefined || p['region'] === region)
              .filter((p) => before === undefined || Date.parse(p['createdAt'] as string) < before)
              .slice(0, PAGE_SIZE);
          },
        }) as unknown as ApiClient;
      const { data } = await listProcessesV3Paged(fake(), APP, { limit: 90, strategy: 'partitioned', regions: REGIONS, concurrency: 2 });
      assert.deepEqual(ids(data), newest(many, 90));
      assert.equal(peak, 2);
      peak = 0;
      const error = await rejection(listProcessesV3Paged(fake('Tokyo'), APP, { limit: 90, strategy: 'partitioned', knownRegions: REGIONS, concurrency: 3 }));
      assert.ok(error instanceof ServerError);
      assert.equal(inFlight, 0);
    });
  });
});

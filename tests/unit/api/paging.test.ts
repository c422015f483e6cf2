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

type BeforeMode = 'exclusive' | 'inclusive' | 'ignored' | 'seconds';

/** The processes matching a request's filters and `before`, newest first, read the way `mode` says. */
function matching(processes: Record<string, unknown>[], url: URL, mode: BeforeMode): Record<string, unknown>[] {
  const statuses = url.searchParams.getAll('status');
  const regions = url.searchParams.getAll('region');
  const before = url.searchParams.get('before');
  return processes
    .filter((p) => statuses.length === 0 || statuses.includes(p['status'] as string))
    .filter((p) => regions.length === 0 || regions.includes(p['region'] as string))
    .filter((p) => {
      if (before === null || mode === 'ignored') return true;
      const at = Date.parse(p['createdAt'] as string);
      if (mode === 'seconds') return at < Number(before) * 1000;
      return mode === 'exclusive' ? at < Number(before) : at <= Number(before);
    })
    .sort((a, b) => Date.parse(b['createdAt'] as string) - Date.parse(a['createdAt'] as string));
}

/** Serves the v3 latest and count endpoints over `processes` like the real API: filters, newest first, 10 at most, `before` in ms unless `mode` says otherwise. */
function serveLatest(api: FakeApi, processes: Record<string, unknown>[], mode: BeforeMode = 'exclusive'): void {
  api.pool
    .intercept({ path: (path: string) => path.startsWith(`/processes/v3/apps/${APP}/processes/latest`), method: 'GET' })
    .reply(({ path }) => {
      const page = matching(processes, new URL(path, ORIGIN), mode).slice(0, PAGE_SIZE);
      return { statusCode: 200, data: JSON.stringify(page), responseOptions: { headers: JSON_HEADERS } };
    })
    .persist();
  api.pool
    .intercept({ path: (path: string) => path.startsWith(`/processes/v3/apps/${APP}/processes/count`), method: 'GET' })
    .reply(({ path }) => {
      const count = matching(processes, new URL(path, ORIGIN), mode).length;
      return { statusCode: 200, data: JSON.stringify({ count }), responseOptions: { headers: JSON_HEADERS } };
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
    const bad = many.map((p, i) => (i === 1 ? { ...p, roomsAllocated: 1.5 } : p));
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

  it('against a server ignoring before, tries milliseconds then seconds, counts, and says the listing is incomplete', async () => {
    const a = setup();
    serveLatest(a, all, 'ignored');
    const { data, incomplete } = await listProcessesV3Paged(a.client, APP, { limit: 100 });
    assert.deepEqual(ids(data), newest(all, 10));
    const oldest = T0 + 15_000;
    assert.deepEqual(a.urls().map((url) => new URL(url).pathname.split('/').at(-1) + new URL(url).search), [
      'latest',
      `latest?before=${oldest}`,
      `latest?before=${oldest / 1000}`,
      'count',
    ]);
    assert.equal(
      incomplete,
      `the server does not page with the v3 \`before\` cursor: asked for processes created before ${new Date(oldest).toISOString()}, in epoch milliseconds and then in Unix seconds, it answered newer ones (or none of the older ones it counts), so older pages cannot be reached`,
    );
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
      const firstPages = a.urls().filter((url) => beforeOf(url) === null && url.includes('/latest')).map((url) => new URL(url).search).sort();
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

describe('listProcessesV3Paged: how the server reads before', () => {
  const all = Array.from({ length: 25 }, (_, i) => processAt(i));
  const many = Array.from({ length: 120 }, (_, i) => processAt(i));
  const requests = (a: FakeApi): string[] => a.urls().map((url) => `${new URL(url).pathname.split('/').at(-1) ?? ''}${new URL(url).search}`);

  it('against a server reading seconds, asks again in seconds and lists everything', async () => {
    const a = setup();
    serveLatest(a, all, 'seconds');
    const { data, raw, incomplete } = await listProcessesV3Paged(a.client, APP, { limit: 100 });
    assert.deepEqual(ids(data), newest(all, 25));
    assert.deepEqual(raw, [...all].reverse());
    assert.equal(incomplete, undefined);
    // The millisecond probe answered the first page again; seconds then page on.
    assert.deepEqual(requests(a), ['latest', `latest?before=${T0 + 15_000}`, `latest?before=${(T0 + 15_000) / 1000}`, `latest?before=${(T0 + 5_000) / 1000}`]);
  });

  it('remembers the unit for the rest of the run: the next listing of the same client sends seconds at once', async () => {
    const a = setup();
    serveLatest(a, all, 'seconds');
    await listProcessesV3Paged(a.client, APP, { limit: 100 });
    const before = a.urls().length;
    const { data } = await listProcessesV3Paged(a.client, APP, { statuses: ['running', 'stopped'], limit: 100 });
    assert.deepEqual(ids(data), ids([...all].reverse().filter((p) => ['running', 'stopped'].includes(p['status'] as string))));
    const cursors = a.urls().slice(before).map(beforeOf).filter((value) => value !== null);
    assert.ok(cursors.length > 0);
    for (const value of cursors) assert.ok(Number(value) < 1e11, `seconds, not milliseconds: ${value}`);
  });

  it('rounds a seconds cursor up, so processes of the boundary second come again instead of never', async () => {
    const a = setup();
    // Three processes per second, 500 ms apart at most: a page boundary falls inside a second.
    const dense = Array.from({ length: 25 }, (_, i) => ({ ...processAt(i), createdAt: new Date(T0 + Math.floor(i / 3) * 1000 + (i % 3) * 250).toISOString() }));
    serveLatest(a, dense, 'seconds');
    const { data, incomplete } = await listProcessesV3Paged(a.client, APP, { limit: 100 });
    assert.deepEqual(ids(data).sort(), ids(dense).sort());
    assert.equal(incomplete, undefined);
  });

  for (const limit of [15, 37, 120, 500]) {
    it(`partitioned paging against a server reading seconds equals the single cursor against one reading milliseconds, limit ${limit}`, async () => {
      const ms = fakeApi();
      const s = fakeApi();
      serveLatest(ms, many);
      serveLatest(s, many, 'seconds');
      const expected = await listProcessesV3Paged(ms.client, APP, { limit });
      const actual = await listProcessesV3Paged(s.client, APP, { limit, strategy: 'partitioned', knownRegions: REGIONS, knownStatuses: STATUSES });
      assert.deepEqual(actual.raw, expected.raw);
      assert.equal(actual.incomplete, undefined);
      assert.equal(expected.incomplete, undefined);
      await ms.agent.close();
      await s.agent.close();
    });
  }

  it('partitioned paging against a server ignoring before says the listing is incomplete, and lists what the first pages gave', async () => {
    const a = setup();
    // Twenty in each of the 12 partitions: their first pages hold half.
    const more = Array.from({ length: 240 }, (_, i) => processAt(i));
    serveLatest(a, more, 'ignored');
    const { data, incomplete } = await listProcessesV3Paged(a.client, APP, { limit: 200, strategy: 'partitioned', knownRegions: REGIONS, knownStatuses: STATUSES });
    assert.match(incomplete ?? '', /^the server does not page with the v3 `before` cursor: /);
    // Every partition's own first page: the newest 10 of each status in each region.
    const expected = new Set(REGIONS.flatMap((region) => STATUSES.flatMap((status) => ids([...more].reverse().filter((p) => p['region'] === region && p['status'] === status).slice(0, 10)))));
    assert.deepEqual(new Set(ids(data)), expected);
    // No cursor loops: the whole filter's first page, each partition's first page and one page per
    // unit, and one count of the whole filter.
    assert.equal(a.urls().length, 1 + 3 * REGIONS.length * STATUSES.length + 1);
  });

  it('partitioned paging against a server ignoring before is whole when each partition fits its first page', async () => {
    const a = setup();
    // Ten in each of the 12 partitions: their first pages hold everything, as the counts confirm.
    serveLatest(a, many, 'ignored');
    const { data, incomplete } = await listProcessesV3Paged(a.client, APP, { limit: 100, strategy: 'partitioned', knownRegions: REGIONS, knownStatuses: STATUSES });
    assert.equal(incomplete, undefined);
    assert.deepEqual(ids(data), newest(many, 100));
  });

  it('after finding that no unit pages, later listings of the run send no cursor at all', async () => {
    const a = setup();
    serveLatest(a, all, 'ignored');
    await listProcessesV3Paged(a.client, APP, { limit: 100 });
    const before = a.urls().length;
    const { incomplete } = await listProcessesV3Paged(a.client, APP, { limit: 100 });
    assert.match(incomplete ?? '', /does not page/);
    assert.deepEqual(requests(a).slice(before), ['latest', 'count']);
  });

  it('a server ignoring before is complete all the same when the count shows nothing is missing', async () => {
    const a = setup();
    const ten = all.slice(0, 10);
    serveLatest(a, ten, 'ignored');
    const { data, incomplete } = await listProcessesV3Paged(a.client, APP, { limit: 100 });
    assert.deepEqual(ids(data), newest(ten, 10));
    assert.equal(incomplete, undefined);
  });

  it('an empty page before any page proved the unit is checked against the count: equal, the listing is whole', async () => {
    const a = setup();
    const twenty = all.slice(0, 20);
    serveLatest(a, twenty);
    const { incomplete } = await listProcessesV3Paged(a.client, APP, { limit: 100 });
    assert.equal(incomplete, undefined);
    // The second page proved milliseconds, so the empty third needs no count.
    assert.deepEqual(requests(a), ['latest', `latest?before=${T0 + 10_000}`, `latest?before=${T0}`]);
    const b = fakeApi();
    serveLatest(b, all.slice(0, 10));
    assert.equal((await listProcessesV3Paged(b.client, APP, { limit: 100 })).incomplete, undefined);
    assert.deepEqual(requests(b), ['latest', `latest?before=${T0}`, 'count']);
    await b.agent.close();
  });

  it('an empty page the count contradicts (a cursor read as lying in the past) makes the listing incomplete', async () => {
    const a = setup();
    // A server that reads the cursor in microseconds: any millisecond value lands in January 1970.
    a.pool
      .intercept({ path: (path: string) => path.startsWith(`/processes/v3/apps/${APP}/processes/latest`), method: 'GET' })
      .reply(({ path }) => {
        const before = new URL(path, ORIGIN).searchParams.get('before');
        const page = before === null ? [...all].reverse().slice(0, PAGE_SIZE) : [];
        return { statusCode: 200, data: JSON.stringify(page), responseOptions: { headers: JSON_HEADERS } };
      })
      .persist();
    a.pool.intercept({ path: (path: string) => path.includes('/processes/count'), method: 'GET' }).reply(200, JSON.stringify({ count: 25 }), { headers: JSON_HEADERS }).persist();
    const { data, incomplete } = await listProcessesV3Paged(a.client, APP, { limit: 100 });
    assert.equal(data.length, 10);
    assert.equal(
      incomplete,
      `asked for processes created before ${new Date(T0 + 15_000).toISOString()}, the server answered none, and it counts 25 processes where 10 were listed, so hproc cannot tell the end of the list from a cursor it reads another way`,
    );
  });

  it('stops, and says so, when a full page brings only processes already listed', async () => {
    const a = setup();
    // Twelve processes share one millisecond and the server reads before inclusively.
    const tied = [...all.slice(0, 10), ...Array.from({ length: 12 }, (_, i) => ({ ...processAt(30 + i), createdAt: new Date(T0 + 100_000).toISOString() }))];
    serveLatest(a, tied, 'inclusive');
    const { data, incomplete } = await listProcessesV3Paged(a.client, APP, { limit: 100 });
    assert.equal(data.length, 10);
    assert.equal(incomplete, `the v3 \`before\` cursor could not move past ${new Date(T0 + 100_000).toISOString()}: a full page asked in epoch milliseconds brought only processes already listed (more than 10 may share that millisecond)`);
  });
});

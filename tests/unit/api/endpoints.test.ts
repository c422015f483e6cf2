import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { getApp, listApps } from '../../../src/api/apps.js';
import {
  countProcessesV2,
  countProcessesV3,
  getProcessV1,
  getProcessV2,
  getProcessV3,
  listLatestProcessesV2,
  listLatestProcessesV3,
  listRunningProcessesV1,
  listStoppedProcessesV1,
} from '../../../src/api/processes.js';
import { httpStatusOf } from '../../../src/api/http-errors.js';
import { ExitCode, NotFoundError, ResponseError, UsageError } from '../../../src/errors.js';
import { fakeApi, JSON_HEADERS, ORIGIN, rejection, type FakeApi } from './fake-api.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${name}.json`, import.meta.url), 'utf8'));
}

const APP = 'app-7c1d4a2e-93b5-4f0e-8d61-2a9f4e6b3c10';
const PROC = '5a8c1e02-7d3b-4f96-a0e4-3c9b2d17f8a1';
const ANY = { path: /.*/, method: 'GET' } as const;

let api: FakeApi | undefined;
function setup(): FakeApi {
  api = fakeApi();
  return api;
}
afterEach(async () => {
  api?.agent.assertNoPendingInterceptors();
  await api?.agent.close();
  api = undefined;
});

describe('process endpoints', () => {
  const cases: { name: string; call: (a: FakeApi) => Promise<{ data: unknown; raw: unknown }>; url: string; body: string }[] = [
    {
      name: 'listLatestProcessesV3',
      call: (a) => listLatestProcessesV3(a.client, APP, { statuses: ['running', 'draining'], regions: ['Frankfurt'], before: 1763647317664 }),
      url: `/processes/v3/apps/${APP}/processes/latest?status=running&status=draining&region=Frankfurt&before=1763647317664`,
      body: 'process-v3-list',
    },
    { name: 'listLatestProcessesV3 without filters', call: (a) => listLatestProcessesV3(a.client, APP), url: `/processes/v3/apps/${APP}/processes/latest`, body: 'process-v3-list' },
    { name: 'getProcessV3', call: (a) => getProcessV3(a.client, APP, PROC), url: `/processes/v3/apps/${APP}/processes/${PROC}`, body: 'process-v3' },
    { name: 'countProcessesV3', call: (a) => countProcessesV3(a.client, APP, { statuses: ['stopped'] }), url: `/processes/v3/apps/${APP}/processes/count?status=stopped`, body: 'count' },
    {
      name: 'listLatestProcessesV2',
      call: (a) => listLatestProcessesV2(a.client, APP, { statuses: ['running'], regions: ['London', 'Tokyo'] }),
      url: `/processes/v2/${APP}/list/latest?status=running&region=London&region=Tokyo`,
      body: 'process-v2-list',
    },
    { name: 'getProcessV2', call: (a) => getProcessV2(a.client, APP, PROC), url: `/processes/v2/${APP}/info/${PROC}`, body: 'process-v2' },
    { name: 'countProcessesV2', call: (a) => countProcessesV2(a.client, APP), url: `/processes/v2/${APP}/count`, body: 'count' },
    { name: 'listRunningProcessesV1', call: (a) => listRunningProcessesV1(a.client, APP, 'Sao_Paulo'), url: `/processes/v1/${APP}/list/running?region=Sao_Paulo`, body: 'process-with-rooms-list' },
    { name: 'listStoppedProcessesV1', call: (a) => listStoppedProcessesV1(a.client, APP), url: `/processes/v1/${APP}/list/stopped`, body: 'process-v1-list' },
    { name: 'getProcessV1', call: (a) => getProcessV1(a.client, APP, PROC), url: `/processes/v1/${APP}/info/${PROC}`, body: 'process-v1' },
  ];
  for (const c of cases) {
    it(`${c.name} calls ${c.url.split('?')[0]} and returns data and the raw payload`, async () => {
      const a = setup();
      const body = fixture(c.body);
      a.pool.intercept(ANY).reply(200, JSON.stringify(body), { headers: JSON_HEADERS });
      const { data, raw } = await c.call(a);
      assert.deepEqual(a.urls(), [`${ORIGIN}${c.url}`]);
      assert.deepEqual(raw, body);
      assert.ok(data !== null && typeof data === 'object');
    });
  }

  it('keeps unknown fields in data and raw', async () => {
    const a = setup();
    const body = { ...(fixture('process-v3') as object), futureField: { x: 1 } };
    a.pool.intercept(ANY).reply(200, JSON.stringify(body), { headers: JSON_HEADERS });
    const { data, raw } = await getProcessV3(a.client, APP, PROC);
    assert.deepEqual((raw as Record<string, unknown>)['futureField'], { x: 1 });
    assert.deepEqual((data as Record<string, unknown>)['futureField'], { x: 1 });
  });

  it('words a 404 on a process lookup with the ids', async () => {
    const a = setup();
    a.pool.intercept(ANY).reply(404, '{"message":"Not found"}', { headers: JSON_HEADERS }).times(3);
    for (const get of [getProcessV3, getProcessV2, getProcessV1]) {
      const error = await rejection(get(a.client, APP, PROC));
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.exitCode, ExitCode.notFound);
      assert.equal(error.message, `process ${PROC} not found in app ${APP}`);
      assert.equal(httpStatusOf(error), 404);
    }
  });

  it('words a 404 on a list or count as an unknown app', async () => {
    const a = setup();
    a.pool.intercept(ANY).reply(404, '{"message":"App not found"}', { headers: JSON_HEADERS }).times(4);
    for (const call of [
      () => listLatestProcessesV3(a.client, APP),
      () => countProcessesV3(a.client, APP),
      () => listLatestProcessesV2(a.client, APP),
      () => listRunningProcessesV1(a.client, APP),
    ]) {
      const error = await rejection(call());
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.message, `app ${APP} not found`);
      assert.equal(error.hint, "run 'hproc apps' to see the apps your token can reach");
    }
  });

  it('refuses hostile ids before any request', async () => {
    const a = setup();
    for (const bad of ['..', '', 'a/b', '%2e%2e', 'a?x=1', '\x1b[2J', 'x'.repeat(300)]) {
      await assert.rejects(getProcessV3(a.client, APP, bad), UsageError);
      await assert.rejects(getProcessV3(a.client, bad, PROC), UsageError);
      await assert.rejects(listLatestProcessesV3(a.client, bad), UsageError);
    }
    assert.deepEqual(a.urls(), []);
  });

  it('reports a response that does not match the schema', async () => {
    const a = setup();
    a.pool.intercept(ANY).reply(200, JSON.stringify({ ...(fixture('process-v3') as object), roomsAllocated: '3' }), { headers: JSON_HEADERS });
    const error = await rejection(getProcessV3(a.client, APP, PROC));
    assert.ok(error instanceof ResponseError);
    assert.equal(error.message, `unexpected API response from GET /processes/v3/apps/${APP}/processes/${PROC}: roomsAllocated: expected integer, got "3"`);
    assert.equal(error.hint, 'hproc may be older than the API; please report this');
  });
});

describe('app endpoints', () => {
  it('listApps returns the applications without their secrets', async () => {
    const a = setup();
    a.pool.intercept(ANY).reply(200, JSON.stringify(fixture('applications-page')), { headers: JSON_HEADERS });
    const { data, raw } = await listApps(a.client);
    assert.deepEqual(a.urls(), [`${ORIGIN}/apps/v2/apps`]);
    assert.ok(data.length > 0);
    assert.equal(raw.length, data.length);
    // The secret goes, and so do the embedded deployment's environment values (they may be secrets too).
    const expected = (fixture('applications-page') as { applications: Record<string, unknown>[] }).applications.map(({ appSecret: _secret, ...rest }) => {
      const deployment = rest['deployment'] as { env?: { name: string; value: string }[] } | undefined;
      if (deployment?.env !== undefined) deployment.env = deployment.env.map((entry) => ({ ...entry, value: '(hidden by hproc)' }));
      return rest;
    });
    assert.deepEqual(raw, expected);
    for (const app of [...data, ...raw]) assert.ok(!('appSecret' in (app as object)));
    assert.ok(!JSON.stringify({ data, raw }).includes('secret-0123456789abcdef'));
    assert.ok(!JSON.stringify({ data, raw }).includes('s3cr3t-value'));
  });

  it('listApps passes an org id', async () => {
    const a = setup();
    a.pool.intercept(ANY).reply(200, '{"applications":[]}', { headers: JSON_HEADERS });
    assert.deepEqual(await listApps(a.client, { orgId: 'org-1' }), { data: [], raw: [] });
    assert.deepEqual(a.urls(), [`${ORIGIN}/apps/v2/apps?orgId=org-1`]);
  });

  it('getApp returns one app without its secret', async () => {
    const a = setup();
    const body = fixture('application') as Record<string, unknown>;
    a.pool.intercept(ANY).reply(200, JSON.stringify(body), { headers: JSON_HEADERS });
    const { data, raw } = await getApp(a.client, APP);
    assert.deepEqual(a.urls(), [`${ORIGIN}/apps/v2/apps/${APP}`]);
    const { appSecret: _secret, ...rest } = body;
    assert.deepEqual(raw, rest);
    assert.ok(!('appSecret' in data));
  });

  it('getApp words a 404', async () => {
    const a = setup();
    a.pool.intercept(ANY).reply(404, '{"message":"nope"}', { headers: JSON_HEADERS });
    const error = await rejection(getApp(a.client, APP));
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.message, `app ${APP} not found`);
  });
});

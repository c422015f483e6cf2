// Finding which of the token's apps holds a process (src/api/app-discovery.ts).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findProcess, findProcessApp } from '../../../src/api/app-discovery.js';
import { AuthError, NotFoundError, UsageError } from '../../../src/errors.js';
import { fakeApi, JSON_HEADERS, rejection, type FakeApi } from './fake-api.js';

const BASE_PROCESS = JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let api: FakeApi | undefined;
function setup(): FakeApi {
  api = fakeApi();
  return api;
}
afterEach(async () => {
  await api?.agent.close();
  api = undefined;
});

describe('findProcessApp', () => {
  const PROC = 'cbfcddd2-0006-43ae-996c-995fff7bed2e';
  function app(id: string, deleted = false): Record<string, unknown> {
    return { appId: id, appName: id, orgId: 'org-1', createdAt: '2024-01-01T00:00:00Z', deletedAt: deleted ? '2024-06-01T00:00:00Z' : null, appSecret: 's3cret-app-secret' };
  }

  function serve(a: FakeApi, apps: Record<string, unknown>[], holder: string | undefined, failing?: { appId: string; status: number }): string[] {
    const looked: string[] = [];
    a.pool.intercept({ path: '/apps/v2/apps', method: 'GET' }).reply(200, JSON.stringify({ applications: apps }), { headers: JSON_HEADERS });
    a.pool
      .intercept({ path: (path: string) => path.startsWith('/processes/v3/apps/'), method: 'GET' })
      .reply(({ path }) => {
        const appId = path.split('/')[4] as string;
        looked.push(appId);
        if (failing?.appId === appId) return { statusCode: failing.status, data: '{"message":"no"}', responseOptions: { headers: JSON_HEADERS } };
        if (appId !== holder) return { statusCode: 404, data: '{"message":"Process not found"}', responseOptions: { headers: JSON_HEADERS } };
        return { statusCode: 200, data: JSON.stringify({ ...BASE_PROCESS, appId, processId: PROC }), responseOptions: { headers: JSON_HEADERS } };
      })
      .persist();
    return looked;
  }

  it('returns the app that holds the process', async () => {
    const a = setup();
    const apps = ['app-a', 'app-b', 'app-c', 'app-d', 'app-e', 'app-f'].map((id) => app(id));
    serve(a, apps, 'app-e');
    assert.equal(await findProcessApp(a.client, PROC, { concurrency: 2 }), 'app-e');
  });

  it('asks live apps first, skips ids it could not put in a URL, and stops once found', async () => {
    const a = setup();
    const looked = serve(a, [app('app-old', true), app('../x'), app('app-a'), app('app-b'), app('app-c')], 'app-b');
    assert.equal(await findProcessApp(a.client, PROC, { concurrency: 1 }), 'app-b');
    assert.deepEqual(looked, ['app-a', 'app-b']);
  });

  it('looks in at most `concurrency` apps at once', async () => {
    const a = setup();
    let inFlight = 0;
    let most = 0;
    a.pool.intercept({ path: '/apps/v2/apps', method: 'GET' }).reply(200, JSON.stringify({ applications: Array.from({ length: 9 }, (_, i) => app(`app-${i}`)) }), { headers: JSON_HEADERS });
    a.pool
      .intercept({ path: (path: string) => path.startsWith('/processes/v3/apps/'), method: 'GET' })
      .reply(() => {
        inFlight++;
        most = Math.max(most, inFlight);
        setTimeout(() => inFlight--, 5);
        return { statusCode: 404, data: '{"message":"x"}', responseOptions: { headers: JSON_HEADERS } };
      })
      .delay(5)
      .persist();
    await rejection(findProcessApp(a.client, PROC, { concurrency: 3 }));
    assert.ok(most <= 3, `at most 3 at once, saw ${most}`);
  });

  it('says how many apps it searched when none holds the process', async () => {
    const a = setup();
    serve(a, ['app-a', 'app-b', 'app-c'].map((id) => app(id)), undefined);
    const error = await rejection(findProcessApp(a.client, PROC));
    assert.ok(error instanceof NotFoundError);
    assert.equal(error.message, `process ${PROC} not found in any of your 3 apps`);
    assert.equal(error.hint, 'check the process id, or pass --app <appId>');
  });

  it('says so when the token sees no apps, or one', async () => {
    const a = setup();
    serve(a, [], undefined);
    assert.equal((await rejection(findProcessApp(a.client, PROC))).message, `process ${PROC} not found: the token sees no apps`);
    const b = fakeApi();
    serve(b, [app('app-a')], undefined);
    assert.equal((await rejection(findProcessApp(b.client, PROC))).message, `process ${PROC} not found in any of your 1 app`);
    await b.agent.close();
  });

  it('lets other errors through', async () => {
    const a = setup();
    serve(a, ['app-a', 'app-b'].map((id) => app(id)), undefined, { appId: 'app-b', status: 403 });
    const error = await rejection(findProcessApp(a.client, PROC, { concurrency: 1 }));
    assert.ok(error instanceof AuthError);
    assert.equal(error.message, 'token not allowed (403): no');
  });

  it('refuses a hostile process id before any request', async () => {
    const a = setup();
    await assert.rejects(findProcessApp(a.client, '../apps'), UsageError);
    assert.deepEqual(a.urls(), []);
  });
});

describe('findProcess', () => {
  const PROC = 'cbfcddd2-0006-43ae-996c-995fff7bed2e';
  const apps = (ids: string[]): string =>
    JSON.stringify({ applications: ids.map((id) => ({ appId: id, appName: id, orgId: 'org-1', createdAt: '2024-01-01T00:00:00Z', deletedAt: null })) });

  it('returns the v3 record the lookup fetched, with its app', async () => {
    const a = setup();
    a.pool.intercept({ path: '/apps/v2/apps', method: 'GET' }).reply(200, apps(['app-a', 'app-b']), { headers: JSON_HEADERS });
    a.pool
      .intercept({ path: (path: string) => path.startsWith('/processes/v3/apps/'), method: 'GET' })
      .reply(({ path }) => {
        const appId = path.split('/')[4] as string;
        if (appId !== 'app-b') return { statusCode: 404, data: '{"message":"Process not found"}', responseOptions: { headers: JSON_HEADERS } };
        return { statusCode: 200, data: JSON.stringify({ ...BASE_PROCESS, appId, processId: PROC }), responseOptions: { headers: JSON_HEADERS } };
      })
      .persist();
    const found = await findProcess(a.client, PROC, { concurrency: 1 });
    assert.equal(found.appId, 'app-b');
    assert.equal(found.process.data.processId, PROC);
    assert.equal((found.process.raw as { appId: string }).appId, 'app-b');
  });

  it('a find still in flight wins over a failure, and nothing new is asked after the failure', async () => {
    const a = setup();
    const looked: string[] = [];
    a.pool.intercept({ path: '/apps/v2/apps', method: 'GET' }).reply(200, apps(['app-a', 'app-b', 'app-c', 'app-d']), { headers: JSON_HEADERS });
    const lookup = (appId: string, statusCode: number, delay: number): void => {
      a.pool
        .intercept({ path: `/processes/v3/apps/${appId}/processes/${PROC}`, method: 'GET' })
        .reply(() => {
          looked.push(appId);
          const data = statusCode === 200 ? JSON.stringify({ ...BASE_PROCESS, appId, processId: PROC }) : '{"message":"no"}';
          return { statusCode, data, responseOptions: { headers: JSON_HEADERS } };
        })
        .delay(delay);
    };
    lookup('app-a', 200, 40);
    lookup('app-b', 403, 1);
    lookup('app-c', 404, 1);
    lookup('app-d', 404, 1);
    assert.equal((await findProcess(a.client, PROC, { concurrency: 2 })).appId, 'app-a');
    assert.deepEqual(looked.sort(), ['app-a', 'app-b']);
  });
});

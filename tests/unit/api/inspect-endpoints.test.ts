// The endpoint functions behind metrics, rooms, summary and show: paths, queries, decoding, the
// hiding of deployment environment values, and bounded concurrency.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { mapBounded } from '../../../src/api/bounded.js';
import { getDeploymentV3, getLatestDeploymentV3, HIDDEN_ENV_VALUE } from '../../../src/api/deployments.js';
import { getProcessMetricsV1, getProcessMetricsV3 } from '../../../src/api/metrics.js';
import { listProcessRooms } from '../../../src/api/rooms.js';
import { NotFoundError, ResponseError } from '../../../src/errors.js';
import { fakeApi, JSON_HEADERS, ORIGIN } from './fake-api.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const PROCESS = '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15';
const ANY = { path: () => true, method: 'GET' };
const deployment = {
  idleTimeoutEnabled: true,
  env: [{ value: 'hunter2', name: 'DB_PASSWORD' }],
  roomsPerProcess: 4,
  additionalContainerPorts: [],
  defaultContainerPort: { transportType: 'udp', port: 7777, name: 'default' },
  createdAt: '2026-10-01T00:00:00.000Z',
  createdBy: 'dev@example.com',
  requestedMemoryMB: 1024,
  requestedCPU: 0.5,
  deploymentId: 'dep-1',
  buildId: 'bld-1',
  appId: APP,
};

describe('metrics', () => {
  it('v3: camelCase names as repeated keys, Unix seconds, the odd /processes/process/ path', async () => {
    const a = fakeApi();
    a.pool.intercept(ANY).reply(200, '{"cpu":[{"value":0.5,"timestamp":1793491200}]}', { headers: JSON_HEADERS });
    const { data, raw } = await getProcessMetricsV3(a.client, APP, PROCESS, { metrics: ['cpu', 'rateEgress'], start: 1793487600, end: 1793491200, step: 60 });
    assert.deepEqual(a.urls(), [`${ORIGIN}/processes/v3/apps/${APP}/processes/process/${PROCESS}/metrics?metrics=cpu&metrics=rateEgress&start=1793487600&end=1793491200&step=60`]);
    assert.deepEqual(data.cpu, [{ value: 0.5, timestamp: 1793491200 }]);
    assert.deepEqual(raw, { cpu: [{ value: 0.5, timestamp: 1793491200 }] });
  });

  it('v1: the deprecated path, snake_case keys kept as sent; a wrong sample type is a ResponseError', async () => {
    const a = fakeApi();
    a.pool.intercept(ANY).reply(200, '{"rate_egress":[{"value":10,"timestamp":1}]}', { headers: JSON_HEADERS });
    const { data } = await getProcessMetricsV1(a.client, APP, PROCESS, { metrics: ['rate_egress'], start: 0, end: 60, step: 60 });
    assert.deepEqual(a.urls(), [`${ORIGIN}/metrics/v1/${APP}/process/${PROCESS}?metrics=rate_egress&start=0&end=60&step=60`]);
    assert.deepEqual(data.rate_egress, [{ value: 10, timestamp: 1 }]);
    const b = fakeApi();
    b.pool.intercept(ANY).reply(200, '{"cpu":[{"value":"high","timestamp":1}]}', { headers: JSON_HEADERS });
    await assert.rejects(getProcessMetricsV1(b.client, APP, PROCESS, { metrics: ['cpu'], start: 0, end: 60, step: 60 }), (error: unknown) =>
      error instanceof ResponseError && /cpu\[0\]\.value: expected number/.test(error.message));
  });

  it('a 404 names the process and the app', async () => {
    const a = fakeApi();
    a.pool.intercept(ANY).reply(404, '{"message":"nope"}', { headers: JSON_HEADERS });
    await assert.rejects(getProcessMetricsV3(a.client, APP, PROCESS, { metrics: ['cpu'], start: 0, end: 60, step: 60 }), (error: unknown) =>
      error instanceof NotFoundError && error.message.startsWith(`process ${PROCESS} not found in app ${APP}`));
  });
});

describe('rooms and deployments', () => {
  it('rooms: active and inactive paths, raw array kept', async () => {
    const a = fakeApi();
    a.pool.intercept(ANY).reply(200, '[{"currentAllocation":null,"status":"suspended","roomId":"r1","appId":"a","extra":1}]', { headers: JSON_HEADERS }).times(2);
    const active = await listProcessRooms(a.client, APP, PROCESS, 'active');
    await listProcessRooms(a.client, APP, PROCESS, 'inactive');
    assert.deepEqual(a.urls(), [`${ORIGIN}/rooms/v2/${APP}/list/${PROCESS}/active`, `${ORIGIN}/rooms/v2/${APP}/list/${PROCESS}/inactive`]);
    assert.equal(active.data[0]?.status, 'suspended', 'an unknown status is kept');
    assert.deepEqual(active.raw, [{ currentAllocation: null, status: 'suspended', roomId: 'r1', appId: 'a', extra: 1 }]);
  });

  it('deployments: by id and latest, environment values hidden in the model and the raw payload', async () => {
    const a = fakeApi();
    a.pool.intercept(ANY).reply(200, JSON.stringify(deployment), { headers: JSON_HEADERS }).times(2);
    const byId = await getDeploymentV3(a.client, APP, 'dep-1');
    const latest = await getLatestDeploymentV3(a.client, APP);
    assert.deepEqual(a.urls(), [`${ORIGIN}/deployments/v3/apps/${APP}/deployments/dep-1`, `${ORIGIN}/deployments/v3/apps/${APP}/deployments/latest`]);
    for (const result of [byId, latest]) {
      assert.deepEqual(result.data.env, [{ value: HIDDEN_ENV_VALUE, name: 'DB_PASSWORD' }]);
      assert.ok(!JSON.stringify(result).includes('hunter2'));
      assert.equal(result.data.requestedCPU, 0.5);
    }
  });

  it('an app without deployments: NotFoundError saying so', async () => {
    const a = fakeApi();
    a.pool.intercept(ANY).reply(404, '{"message":"No deployments"}', { headers: JSON_HEADERS });
    await assert.rejects(getLatestDeploymentV3(a.client, APP), (error: unknown) => error instanceof NotFoundError && error.message.startsWith(`no deployment found in app ${APP}`));
  });
});

describe('mapBounded', () => {
  it('keeps the order of the items and never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapBounded([30, 10, 20, 5, 15, 1], 3, async (ms, index) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await sleep(ms);
      inFlight -= 1;
      return index * 10;
    });
    assert.deepEqual(results, [0, 10, 20, 30, 40, 50]);
    assert.equal(most, 3);
  });

  it('after a failure starts nothing new and rejects with it', async () => {
    const started: number[] = [];
    await assert.rejects(
      mapBounded([0, 1, 2, 3, 4, 5], 2, async (n) => {
        started.push(n);
        await sleep(5);
        if (n === 1) throw new Error('boom');
        return n;
      }),
      /boom/,
    );
    await sleep(30);
    assert.deepEqual(started, [0, 1, 2], 'the worker that was free takes one more item; none after the failure');
    assert.deepEqual(await mapBounded([], 4, async () => 1), []);
  });

  it('with stopWhen, starts nothing new after a result that stops the run, and keeps the results in flight', async () => {
    const started: number[] = [];
    const results = await mapBounded(
      [0, 1, 2, 3, 4, 5],
      2,
      async (n) => {
        started.push(n);
        await sleep(n === 1 ? 5 : 15);
        return n * 10;
      },
      { stopWhen: (result) => result === 10 },
    );
    assert.deepEqual(started, [0, 1]);
    assert.deepEqual([...results], [0, 10, undefined, undefined, undefined, undefined], 'items never started have no result');
    assert.equal(results.length, 6);
    const all = await mapBounded([1, 2, 3], 2, async (n) => n, { stopWhen: () => false });
    assert.deepEqual(all, [1, 2, 3]);
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { BIG_APP_ID, EMPTY_APP_ID, EXPIRED_PROCESS_ID, RUNNING_PROCESS_ID, SEED_PROCESS_ID, STOPPED_PROCESS_ID } from '../../../src/emulator/data.js';
import { call } from './emulator-fetch.js';

const UNKNOWN_APP = 'app-00000000-0000-4000-8000-000000000000';
const UNKNOWN_PROCESS = '00000000-0000-4000-8000-000000000000';

describe('emulator errors', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  const expectApiError = async (path: string, status: number, init: Parameters<typeof call>[2] = {}): Promise<string> => {
    const answer = await call(emulator, path, init);
    assert.equal(answer.status, status, `${path}: ${answer.text}`);
    assert.equal(answer.contentType, 'application/json');
    assert.deepEqual(Object.keys(answer.json as object), ['message']);
    const message = (answer.json as { message: unknown }).message;
    assert.equal(typeof message, 'string');
    assert.notEqual(message, '');
    return message as string;
  };

  it('answers 401 with an ApiError when the token is missing, wrong or not a bearer token', async () => {
    const path = `/processes/v3/apps/${BIG_APP_ID}/processes/latest`;
    await expectApiError(path, 401, { auth: false });
    await expectApiError(path, 401, { auth: false, headers: { Authorization: 'Bearer not-the-token' } });
    await expectApiError(path, 401, { auth: false, headers: { Authorization: `Basic ${emulator.token}` } });
    await expectApiError(path, 401, { auth: false, headers: { Authorization: `Bearer ${emulator.token}x` } });
    // Unknown paths do not reveal themselves before authentication.
    await expectApiError('/no/such/path', 401, { auth: false });
    // The scheme name is case-insensitive, as the SDK's own check is.
    const ok = await call(emulator, path, { auth: false, headers: { Authorization: `bearer ${emulator.token}` } });
    assert.equal(ok.status, 200);
  });

  it('accepts a custom token and nothing else', async () => {
    const custom = await startEmulator({ token: 'secret-42' });
    try {
      assert.equal(custom.token, 'secret-42');
      assert.equal((await call(custom, '/apps/v2/apps')).status, 200);
      const wrong = await fetch(`${custom.url}/apps/v2/apps`, { headers: { Authorization: 'Bearer hproc-emulator-token' } });
      assert.equal(wrong.status, 401);
      await wrong.text();
    } finally {
      await custom.close();
    }
  });

  it('answers 404 with an ApiError for unknown apps on every app-scoped endpoint', async () => {
    const paths = [
      `/processes/v1/${UNKNOWN_APP}/list/running`,
      `/processes/v1/${UNKNOWN_APP}/list/stopped`,
      `/processes/v1/${UNKNOWN_APP}/info/${SEED_PROCESS_ID}`,
      `/processes/v2/${UNKNOWN_APP}/list/latest`,
      `/processes/v2/${UNKNOWN_APP}/info/${SEED_PROCESS_ID}`,
      `/processes/v2/${UNKNOWN_APP}/count`,
      `/processes/v3/apps/${UNKNOWN_APP}/processes/latest`,
      `/processes/v3/apps/${UNKNOWN_APP}/processes/count`,
      `/processes/v3/apps/${UNKNOWN_APP}/processes/${SEED_PROCESS_ID}`,
      `/processes/v3/apps/${UNKNOWN_APP}/processes/process/${SEED_PROCESS_ID}/metrics`,
      `/metrics/v1/${UNKNOWN_APP}/process/${SEED_PROCESS_ID}`,
      `/logs/v1/${UNKNOWN_APP}/process/${SEED_PROCESS_ID}`,
      `/logs/v1/${UNKNOWN_APP}/process/${SEED_PROCESS_ID}/download`,
      `/rooms/v2/${UNKNOWN_APP}/list/${SEED_PROCESS_ID}/active`,
      `/rooms/v2/${UNKNOWN_APP}/list/${SEED_PROCESS_ID}/inactive`,
      `/apps/v2/apps/${UNKNOWN_APP}`,
      `/deployments/v3/apps/${UNKNOWN_APP}/deployments/latest`,
    ];
    for (const path of paths) assert.match(await expectApiError(path, 404), /App not found/);
  });

  it('answers 404 for unknown processes, also when the process exists in another app', async () => {
    for (const processId of [UNKNOWN_PROCESS, 'not-a-uuid']) {
      await expectApiError(`/processes/v1/${BIG_APP_ID}/info/${processId}`, 404);
      await expectApiError(`/processes/v2/${BIG_APP_ID}/info/${processId}`, 404);
      await expectApiError(`/processes/v3/apps/${BIG_APP_ID}/processes/${processId}`, 404);
      await expectApiError(`/logs/v1/${BIG_APP_ID}/process/${processId}`, 404);
      await expectApiError(`/rooms/v2/${BIG_APP_ID}/list/${processId}/active`, 404);
      await expectApiError(`/processes/v3/apps/${BIG_APP_ID}/processes/${processId}/stop`, 404, { method: 'POST' });
      await expectApiError(`/processes/v2/${BIG_APP_ID}/stop/${processId}`, 404, { method: 'POST' });
    }
    assert.match(await expectApiError(`/processes/v3/apps/${EMPTY_APP_ID}/processes/${SEED_PROCESS_ID}`, 404), /Process not found/);
  });

  it('answers 404 for unknown paths and deployments, 405 for wrong methods', async () => {
    await expectApiError('/processes/v4/whatever', 404);
    await expectApiError(`/processes/v3/apps/${BIG_APP_ID}/processes/latest/`, 404);
    await expectApiError(`/deployments/v3/apps/${BIG_APP_ID}/deployments/dep-unknown`, 404);
    await expectApiError(`/deployments/v3/apps/${EMPTY_APP_ID}/deployments/latest`, 404);
    const wrong = await call(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/latest`, { method: 'POST' });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.contentType, 'application/json');
    await expectApiError(`/processes/v3/apps/${BIG_APP_ID}/processes/${RUNNING_PROCESS_ID}/stop`, 405);
  });

  it('answers 422 for filter values the API does not know', async () => {
    const cases = [
      `/processes/v3/apps/${BIG_APP_ID}/processes/latest?status=Running`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/latest?status=running&status=paused`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/latest?region=Paris`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/latest?region=sao_paulo`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/latest?before=yesterday`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/latest?before=`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/latest?before=1e12`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/count?status=gone`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/count?before=NaN`,
      `/processes/v2/${BIG_APP_ID}/list/latest?status=`,
      `/processes/v2/${BIG_APP_ID}/count?region=Atlantis`,
      `/processes/v1/${BIG_APP_ID}/list/running?region=Moon`,
      `/processes/v1/${BIG_APP_ID}/list/stopped?region=London&region=Tokyo`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/process/${RUNNING_PROCESS_ID}/metrics?metrics=rate_egress`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/process/${RUNNING_PROCESS_ID}/metrics?step=0`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/process/${RUNNING_PROCESS_ID}/metrics?step=1.5`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/process/${RUNNING_PROCESS_ID}/metrics?start=200&end=100`,
      `/processes/v3/apps/${BIG_APP_ID}/processes/process/${RUNNING_PROCESS_ID}/metrics?start=0&end=1000000&step=1`,
      `/metrics/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?metrics=rateEgress`,
    ];
    for (const path of cases) await expectApiError(path, 422);
  });

  it('answers 400 for bad log parameters and 410 for expired logs', async () => {
    for (const tail of ['0', '5001', '-1', 'ten', '']) {
      await expectApiError(`/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?tailLines=${tail}`, 400);
    }
    await expectApiError(`/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?follow=yes`, 400);
    await expectApiError(`/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}/download`, 400);
    assert.match(await expectApiError(`/logs/v1/${BIG_APP_ID}/process/${EXPIRED_PROCESS_ID}`, 410), /expired/);
    await expectApiError(`/logs/v1/${BIG_APP_ID}/process/${EXPIRED_PROCESS_ID}/download`, 410);
    await expectApiError(`/logs/v1/${BIG_APP_ID}/process/${SEED_PROCESS_ID}`, 410);
    const ok = await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${STOPPED_PROCESS_ID}?tailLines=5000`);
    assert.equal(ok.status, 200);
  });

  it('has a url without a trailing slash and describes itself in one line', async () => {
    const { describeEmulator } = await import('../../../src/emulator/server.js');
    assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(emulator.url, `http://127.0.0.1:${emulator.port}`);
    assert.equal(emulator.token, 'hproc-emulator-token');
    assert.equal(describeEmulator(emulator), `Hathora API emulator on ${emulator.url} (token: hproc-emulator-token)`);
  });
});

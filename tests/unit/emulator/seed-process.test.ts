import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { BIG_APP_ID, SEED_PROCESS_ID } from '../../../src/emulator/data.js';
import { SEED_PROCESS_V1 } from '../../../src/emulator/seed-process.js';
import { call, getJson } from './emulator-fetch.js';

// The shared fixture lives beside the repository, not in it; the embedded copy is always checked.
const FIXTURE_PATH = fileURLToPath(new URL('../../../../shared/fixtures/seed-process-v1.json', import.meta.url));
const fixtureText = existsSync(FIXTURE_PATH) ? readFileSync(FIXTURE_PATH, 'utf8') : undefined;

describe('the seed process', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  it('answers P3 with exactly the embedded copy, key order included', async () => {
    const answer = await call(emulator, `/processes/v1/${BIG_APP_ID}/info/${SEED_PROCESS_ID}`);
    assert.equal(answer.status, 200);
    assert.equal(answer.text, JSON.stringify(SEED_PROCESS_V1));
    const body = answer.json as Record<string, unknown>;
    assert.equal(body['port'], 7742.34);
    assert.equal(body['roomSlotsAvailable'], 1059.07);
    assert.deepEqual(body['additionalExposedPorts'], [{ transportType: 'tcp', port: 72941, host: '1.proxy.hathora.dev', name: 'debug' }]);
  });

  it('answers P3 with exactly the shared fixture', { skip: fixtureText === undefined ? 'shared fixture seed-process-v1.json not found beside the repository' : false }, async () => {
    const fixture: unknown = JSON.parse(fixtureText ?? 'null');
    assert.deepEqual(SEED_PROCESS_V1, fixture, 'the embedded copy matches the fixture');
    const served = await getJson(emulator, `/processes/v1/${BIG_APP_ID}/info/${SEED_PROCESS_ID}`);
    assert.deepEqual(served, fixture);
    assert.deepEqual(Object.keys(served as object), Object.keys(fixture as object));
  });

  it('derives its v2 and v3 views from the same record', async () => {
    const v2 = await getJson<Record<string, unknown>>(emulator, `/processes/v2/${BIG_APP_ID}/info/${SEED_PROCESS_ID}`);
    assert.deepEqual(v2, {
      status: 'stopped',
      roomsAllocated: 1,
      terminatedAt: '2023-03-31T11:16:03.717Z',
      stoppingAt: '2023-06-04T01:35:07.870Z',
      startedAt: '2022-10-17T22:52:14.889Z',
      createdAt: '2022-07-24T05:17:09.567Z',
      roomsPerProcess: 3,
      additionalExposedPorts: [{ transportType: 'tcp', port: 72941, host: '1.proxy.hathora.dev', name: 'debug' }],
      exposedPort: { transportType: 'tcp', port: 34567, host: '1.proxy.hathora.dev', name: 'default' },
      region: 'Mumbai',
      processId: SEED_PROCESS_ID,
      deploymentId: 1,
      appId: BIG_APP_ID,
    });
    const v3 = await getJson<Record<string, unknown>>(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/${SEED_PROCESS_ID}`);
    const { deploymentId, ...rest } = v3;
    assert.match(String(deploymentId), /^dep-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(rest, {
      status: 'stopped',
      roomsAllocated: 1,
      terminatedAt: '2023-03-31T11:16:03.717Z',
      stoppingAt: '2023-06-04T01:35:07.870Z',
      startedAt: '2022-10-17T22:52:14.889Z',
      bootedAt: null,
      scheduledAt: null,
      createdAt: '2022-07-24T05:17:09.567Z',
      roomsPerProcess: 3,
      additionalExposedPorts: [{ transportType: 'tcp', port: 72941, host: '1.proxy.hathora.dev', name: 'debug' }],
      exposedPort: { transportType: 'tcp', port: 34567, host: '1.proxy.hathora.dev', name: 'default' },
      region: 'Mumbai',
      processId: SEED_PROCESS_ID,
      appId: BIG_APP_ID,
    });
    // Its v3 deployment id resolves, and is the app's first (integer id 1) deployment.
    const deployment = await getJson<Record<string, unknown>>(emulator, `/deployments/v3/apps/${BIG_APP_ID}/deployments/${String(deploymentId)}`);
    assert.equal(deployment['roomsPerProcess'], 3);
    assert.equal(deployment['createdAt'], '2022-07-01T12:00:00.000Z');
  });

  it('is the same whatever the seed', async () => {
    const other = await startEmulator({ seed: 99 });
    try {
      assert.deepEqual(await getJson(other, `/processes/v1/${BIG_APP_ID}/info/${SEED_PROCESS_ID}`), SEED_PROCESS_V1);
    } finally {
      await other.close();
    }
  });
});

// The official SDK against the endpoints that explain a process: fleets (v1 and v2), the
// organisations list, the v3 deployment list and a token without the scope a call needs.
//
// The installed SDK is 2.25.6. Two keys the emulator sends are newer than it (hathora-api.md §9.0):
// `Fleet.errorState` (since 2.26.6) and `DeploymentsV3Page.nextPageToken` (since 2.26.0). 2.25.6
// drops both while parsing, so they are left out of the key comparison and checked here against
// the shapes the 2.26.9 models declare instead.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HathoraCloud } from '@hathora/cloud-sdk-typescript';
import { DeploymentsV3Page$inboundSchema } from '@hathora/cloud-sdk-typescript/models/components/deploymentsv3page.js';
import { SDKError } from '@hathora/cloud-sdk-typescript/models/errors/index.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { BIG_APP_ID, EMPTY_APP_ID, EMULATOR_ORG_ID, SECOND_APP_ID } from '../../src/emulator/data.js';
import { assertSameKeys, expectApiError, rawJson, sdkFor } from './sdk-helpers.js';

const REGION_KEYS = ['Seattle', 'Los_Angeles', 'Washington_DC', 'Chicago', 'London', 'Frankfurt', 'Mumbai', 'Singapore', 'Tokyo', 'Sydney', 'Sao_Paulo', 'Dallas', 'Johannesburg', 'Dubai'];
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function without(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const copy = { ...(value as Record<string, unknown>) };
  delete copy[key];
  return copy;
}

/** The 2.26.9 `PartialRecordRegionFleetErrorState`: known region keys, each a FleetErrorState, no null. */
function assertErrorState(errorState: unknown, where: string): void {
  assert.ok(typeof errorState === 'object' && errorState !== null && !Array.isArray(errorState), where);
  for (const [region, state] of Object.entries(errorState)) {
    assert.ok(REGION_KEYS.includes(region), `${where}: ${region} is a wire region name`);
    assert.deepEqual(Object.keys(state as object).sort(), ['inError', 'lastErrorLogId', 'lastErrorMessage', 'lastErrorTimestamp'], `${where}.${region}`);
    const s = state as Record<string, unknown>;
    assert.equal(typeof s['inError'], 'boolean');
    assert.ok(s['lastErrorMessage'] === null || typeof s['lastErrorMessage'] === 'string');
    assert.ok(s['lastErrorLogId'] === null || typeof s['lastErrorLogId'] === 'string');
    assert.ok(s['lastErrorTimestamp'] === null || (typeof s['lastErrorTimestamp'] === 'string' && ISO.test(s['lastErrorTimestamp'])));
  }
}

describe('official SDK against the emulator: fleets, organisations, deployment list, scopes', () => {
  let emulator: RunningEmulator;
  let sdk: HathoraCloud;
  before(async () => {
    emulator = await startEmulator();
    sdk = sdkFor(emulator);
  });
  after(async () => {
    await emulator.close();
  });

  it('F8/F4: v1 fleets with their node shape; errorState as 2.26.9 declares it; every deployment fleet is listed', async () => {
    const page = await sdk.fleetsV1.getFleetsDeprecated();
    const raw = (await rawJson(emulator, '/fleets/v1/fleets')) as { fleets: unknown[] };
    assertSameKeys({ fleets: raw.fleets.map((f) => without(f, 'errorState')) }, page, 'F8');
    assert.deepEqual(page.fleets.map((f) => [f.name, f.nodeShape, f.autoscalerConfig?.scaleUpThreshold]), [['arena-production', 'cpu-8-16', 80], ['tidepool-staging', 'cpu-4-8', undefined]]);
    const [first, second] = raw.fleets as Record<string, unknown>[];
    assertErrorState(first?.['errorState'], 'F8 errorState');
    assert.equal((first?.['errorState'] as Record<string, { inError: boolean }>)['London']?.inError, true);
    assert.equal(Object.hasOwn(second ?? {}, 'errorState'), false, 'the second fleet has the pre-2.26.6 shape');
    assert.deepEqual(await sdk.fleetsV1.getFleetsDeprecated(EMULATOR_ORG_ID), page);
    await expectApiError(sdk.fleetsV1.getFleetsDeprecated('org-unknown'), 404);

    for (const fleet of page.fleets) {
      const one = await sdk.fleetsV1.getFleetDeprecated(fleet.fleetId);
      assertSameKeys(without(await rawJson(emulator, `/fleets/v1/fleets/${fleet.fleetId}`), 'errorState'), one, `F4 ${fleet.fleetId}`);
      assert.deepEqual(one, fleet);
    }
    await expectApiError(sdk.fleetsV1.getFleetDeprecated('fleet-unknown'), 404);
    const deploymentFleets = new Set<string>();
    for (const appId of [BIG_APP_ID, SECOND_APP_ID]) {
      for (const d of (await sdk.deploymentsV3.getDeployments(appId)).deployments) if (d.fleetId !== undefined) deploymentFleets.add(d.fleetId);
    }
    assert.deepEqual([...deploymentFleets].sort(), page.fleets.map((f) => f.fleetId).sort());
  });

  it('F2/F1: v2 fleets: the same fleets with a shape id', async () => {
    const page = await sdk.fleetsV2.getFleets();
    assertSameKeys(await rawJson(emulator, '/fleets/v2/fleets'), page, 'F2');
    assert.deepEqual(page.fleets.map((f) => f.nodeShapeId), ['shape-amd64-8-16', 'shape-amd64-4-8']);
    for (const fleet of page.fleets) assert.deepEqual(await sdk.fleetsV2.getFleet(fleet.fleetId), fleet);
    await expectApiError(sdk.fleetsV2.getFleet('fleet-unknown'), 404);
  });

  it('O1: the organisation, with the scopes the token holds and its log retention', async () => {
    const page = await sdk.organizationsV1.getOrgs();
    assertSameKeys(await rawJson(emulator, '/orgs/v1'), page, 'O1');
    assert.equal(page.orgs.length, 1);
    const [org] = page.orgs;
    assert.equal(org?.orgId, EMULATOR_ORG_ID);
    assert.equal(org?.scopes.length, 18);
    assert.equal(org?.logRetentionPeriodHours, 72);
  });

  it('D3: pages of at most three, newest first, with filters; later pages pass the SDK schema too', async () => {
    const first = await sdk.deploymentsV3.getDeployments(BIG_APP_ID);
    const rawFirst = (await rawJson(emulator, `/deployments/v3/apps/${BIG_APP_ID}/deployments`)) as { deployments: unknown[]; nextPageToken?: string };
    assertSameKeys(without(rawFirst, 'nextPageToken'), first, 'D3');
    assert.equal(first.deployments.length, 3);
    assert.equal(typeof rawFirst.nextPageToken, 'string');
    // 2.25.6 cannot send nextPageToken; the next page is fetched directly and parsed with its schema.
    const rawNext = (await rawJson(emulator, `/deployments/v3/apps/${BIG_APP_ID}/deployments?nextPageToken=${rawFirst.nextPageToken ?? ''}`)) as { deployments: unknown[]; nextPageToken?: string };
    const next = DeploymentsV3Page$inboundSchema.parse(rawNext);
    assert.equal(next.deployments.length, 1);
    assert.equal(Object.hasOwn(rawNext, 'nextPageToken'), false);
    const all = [...first.deployments, ...next.deployments];
    const latest = await sdk.deploymentsV3.getLatestDeployment(BIG_APP_ID);
    assert.equal(all[0]?.deploymentId, latest.deploymentId);
    assert.deepEqual(all.map((d) => d.createdAt.getTime()), all.map((d) => d.createdAt.getTime()).sort((a, b) => b - a));

    const tagged = await sdk.deploymentsV3.getDeployments(BIG_APP_ID, 'release-2026.10');
    assert.deepEqual(tagged.deployments.map((d) => d.deploymentTag), ['release-2026.10']);
    const built = await sdk.deploymentsV3.getDeployments(SECOND_APP_ID, undefined, 'build-311');
    assert.deepEqual(built.deployments.map((d) => d.buildTag), ['build-311']);
    assert.deepEqual((await sdk.deploymentsV3.getDeployments(EMPTY_APP_ID)).deployments, []);
    await expectApiError(sdk.deploymentsV3.getDeployments('app-00000000-0000-4000-8000-000000000000'), 404);
    const bad = await fetch(`${emulator.url}/deployments/v3/apps/${BIG_APP_ID}/deployments?nextPageToken=garbage`, { headers: { Authorization: `Bearer ${emulator.token}` } });
    assert.equal(bad.status, 422);
  });

  it('a token without the scope a call needs: 403 with an ApiError body', async () => {
    const limited = await startEmulator({ scopes: ['processes:read', 'applications:read'] });
    try {
      const client = sdkFor(limited);
      assert.equal((await client.appsV2.getApps()).applications.length, 3);
      // 403 is in no operation's error list, so the SDK reports it as an SDKError.
      for (const call of [client.fleetsV1.getFleetsDeprecated(), client.organizationsV1.getOrgs(), client.deploymentsV3.getDeployments(BIG_APP_ID)]) {
        const error = await call.then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof SDKError, String(error));
        assert.equal(error.statusCode, 403);
        assert.match(error.body, /^\{"message":"Forbidden: this token lacks the scope (fleets|orgs|deployments):read"\}$/);
      }
    } finally {
      await limited.close();
    }
  });
});

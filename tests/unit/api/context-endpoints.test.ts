// The endpoints that explain a process: deployment listing with nextPageToken paging, fleets, the
// organisations list, and the log retention a 410 is explained with (the organisation's, not a
// fixed 72 hours).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { listDeploymentsV3 } from '../../../src/api/deployments.js';
import { getFleet, listFleets } from '../../../src/api/fleets.js';
import { getStaticAllocation, listApps } from '../../../src/api/apps.js';
import { logRetentionHint } from '../../../src/api/log-retention.js';
import { listOrgs } from '../../../src/api/orgs.js';
import { fakeApi, JSON_HEADERS, type FakeApi } from './fake-api.js';

const APP = 'app-7c1d4a2e-93b5-4f0e-8d61-2a9f4e6b3c10';

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

function deployment(id: string, createdAt: string): Record<string, unknown> {
  return {
    idleTimeoutEnabled: true,
    env: [{ name: 'SECRET', value: 's3cret' }],
    roomsPerProcess: 2,
    additionalContainerPorts: [],
    defaultContainerPort: { transportType: 'udp', port: 4000, name: 'default' },
    createdAt,
    createdBy: 'someone',
    requestedMemoryMB: 1024,
    requestedCPU: 0.5,
    deploymentId: id,
    buildId: 'my-own-build-id',
    appId: APP,
  };
}

const reply = (a: FakeApi, path: string, body: unknown, status = 200): void => {
  a.pool.intercept({ path, method: 'GET' }).reply(status, JSON.stringify(body), { headers: JSON_HEADERS });
};

const org = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  orgId: 'org-1',
  name: 'Org One',
  scopes: ['processes:read'],
  isSingleTenant: false,
  stripeCustomerId: 'cus_x',
  maxRequestedMemoryMB: 8192,
  ...extra,
});

describe('deployments list (D3)', () => {
  const base = `/deployments/v3/apps/${APP}/deployments`;

  it('follows nextPageToken with the same filters, sorts newest first, hides env values', async () => {
    const a = setup();
    reply(a, `${base}?buildTag=v1`, { deployments: [deployment('dep-old', '2026-01-01T00:00:00Z')], nextPageToken: 'tok 1' });
    reply(a, `${base}?buildTag=v1&nextPageToken=tok%201`, { deployments: [deployment('dep-new', '2026-02-01T00:00:00Z')] });
    const listed = await listDeploymentsV3(a.client, APP, { buildTag: 'v1', limit: 100 });
    assert.deepEqual(listed.data.map((d) => d.deploymentId), ['dep-new', 'dep-old']);
    assert.deepEqual((listed.raw[0] as { env: unknown }).env, [{ name: 'SECRET', value: '(hidden by hproc)' }]);
    assert.equal(listed.incomplete, null);
  });

  it('stops, and says so, when a token repeats or the limit is reached', async () => {
    const a = setup();
    reply(a, base, { deployments: [deployment('dep-1', '2026-01-01T00:00:00Z')], nextPageToken: 'same' });
    reply(a, `${base}?nextPageToken=same`, { deployments: [deployment('dep-2', '2026-01-02T00:00:00Z')], nextPageToken: 'same' });
    const looped = await listDeploymentsV3(a.client, APP, { limit: 100 });
    assert.deepEqual(looped.data.map((d) => d.deploymentId), ['dep-2', 'dep-1']);
    assert.equal(looped.incomplete, 'the API sent the same nextPageToken twice; stopped after 2 deployments rather than loop');

    reply(a, base, { deployments: [deployment('dep-1', '2026-01-01T00:00:00Z'), deployment('dep-2', '2026-01-02T00:00:00Z')], nextPageToken: 'next' });
    const limited = await listDeploymentsV3(a.client, APP, { limit: 1 });
    assert.deepEqual(limited.data.map((d) => d.deploymentId), ['dep-2']);
    assert.equal(limited.incomplete, 'listed the newest 1 deployments fetched; more follow (raise --limit)');
  });
});

describe('fleets (F8, F4) and organisations (O1)', () => {
  it('keeps error states of every region, even one the SDK does not know, and an absent errorState stays absent', async () => {
    const a = setup();
    const errorState = {
      London: { inError: true, lastErrorMessage: 'no capacity', lastErrorLogId: 'log-1', lastErrorTimestamp: '2026-01-01T00:00:00Z' },
      Atlantis: { inError: false, lastErrorMessage: null, lastErrorLogId: null, lastErrorTimestamp: null },
    };
    reply(a, '/fleets/v1/fleets?orgId=org-1', { fleets: [{ nodeShape: 'cpu-8-16', name: 'f', orgId: 'org-1', fleetId: 'fleet-1', errorState }, { nodeShape: 'a-new-shape', name: 'g', orgId: 'org-1', fleetId: 'fleet-2' }] });
    const fleets = await listFleets(a.client, { orgId: 'org-1' });
    assert.deepEqual(Object.keys(fleets.data[0]?.errorState ?? {}), ['London', 'Atlantis']);
    assert.equal(fleets.data[1]?.errorState, undefined);
    assert.equal(fleets.data[1]?.nodeShape, 'a-new-shape');
    reply(a, '/fleets/v1/fleets/fleet-1', { nodeShape: 'cpu-8-16', autoscalerConfig: { scaleUpThreshold: 75 }, name: 'f', orgId: 'org-1', fleetId: 'fleet-1' });
    assert.equal((await getFleet(a.client, 'fleet-1')).data.autoscalerConfig?.scaleUpThreshold, 75);
  });

  it('reads the organisations with their scopes; a null errorState region is a schema error', async () => {
    const a = setup();
    reply(a, '/orgs/v1', { orgs: [org({ scopes: ['processes:read', 'a-new-scope'] })] });
    assert.deepEqual((await listOrgs(a.client)).data.map((o) => o.scopes), [['processes:read', 'a-new-scope']]);
    reply(a, '/fleets/v1/fleets', { fleets: [{ nodeShape: 'cpu-8-16', name: 'f', orgId: 'org-1', fleetId: 'fleet-1', errorState: { London: null } }] });
    await assert.rejects(listFleets(a.client), /errorState\.London: expected object, got null/);
  });
});

describe('static allocation (A2 serviceConfig)', () => {
  const app = (serviceConfig: unknown): Record<string, unknown> => ({ appId: APP, appName: 'x', orgId: 'org-1', createdAt: '2026-01-01T00:00:00Z', deletedAt: null, serviceConfig, appSecret: 's' });

  it('reads the allocation; null without a config; a config hproc cannot read fails only this, never the app list', async () => {
    const a = setup();
    const allocation = [{ region: 'London', minProcesses: 1, targetProcesses: 2, maxProcesses: 3 }];
    reply(a, `/apps/v2/apps/${APP}`, app({ staticProcessAllocation: allocation, loadBalancer: { enabled: true } }));
    assert.deepEqual(await getStaticAllocation(a.client, APP), allocation);
    reply(a, `/apps/v2/apps/${APP}`, app(null));
    assert.equal(await getStaticAllocation(a.client, APP), null);
    const broken = app({ staticProcessAllocation: [{ region: 'London', minProcesses: 1.5, targetProcesses: 2, maxProcesses: 3 }] });
    reply(a, `/apps/v2/apps/${APP}`, broken);
    await assert.rejects(getStaticAllocation(a.client, APP), {
      message: `unexpected API response from GET /apps/v2/apps/${APP} (serviceConfig): staticProcessAllocation[0].minProcesses: expected integer, got 1.5`,
    });
    reply(a, '/apps/v2/apps', { applications: [broken] });
    assert.equal((await listApps(a.client)).data.length, 1);
  });
});

describe('log retention hint (a 410 from the logs endpoints)', () => {
  it("is the organisation's retention when the API tells it, the API's default of 72 hours when not", async () => {
    const a = setup();
    reply(a, '/orgs/v1', { orgs: [org({ logRetentionPeriodHours: 24 })] });
    assert.equal(await logRetentionHint(a.client, APP), 'this organisation keeps process logs for 24 hours');
    reply(a, '/orgs/v1', { orgs: [org()] });
    assert.equal(await logRetentionHint(a.client, APP), "Hathora keeps process logs for 72 hours (the API's default: this organisation sets no retention of its own)");
    // Any integer parses, as in the SDK; one below zero is shown as sent and said to be wrong.
    reply(a, '/orgs/v1', { orgs: [org({ logRetentionPeriodHours: -5 })] });
    assert.equal(await logRetentionHint(a.client, APP), "this organisation's log retention is -5 hours as the API sent it, which cannot be right");
  });

  it("with several organisations, the app's own; unreadable, says so and gives the default", async () => {
    const a = setup();
    reply(a, '/orgs/v1', { orgs: [org({ logRetentionPeriodHours: 24 }), org({ orgId: 'org-2', logRetentionPeriodHours: 168 })] });
    reply(a, `/apps/v2/apps/${APP}`, { appId: APP, appName: 'x', orgId: 'org-2', createdAt: '2026-01-01T00:00:00Z', deletedAt: null, serviceConfig: null, appSecret: 's' });
    assert.equal(await logRetentionHint(a.client, APP), 'this organisation keeps process logs for 168 hours');
    reply(a, '/orgs/v1', { message: 'Forbidden' }, 403);
    assert.equal(
      await logRetentionHint(a.client, APP),
      "Hathora keeps process logs for the organisation's retention period (72 hours unless it sets another); hproc could not read it: token not allowed (403): Forbidden",
    );
  });
});

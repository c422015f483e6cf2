// The official SDK is the judge of the emulator's fidelity: every endpoint the emulator serves is
// called through it, any response the SDK cannot validate fails the test, and the SDK's parsed
// objects are compared with the raw JSON so no unknown field slips through.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HathoraCloud } from '@hathora/cloud-sdk-typescript';
import type { ProcessStatus, ProcessV3, Region } from '@hathora/cloud-sdk-typescript/models/components/index.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/server.js';
import {
  BIG_APP_ID,
  EMPTY_APP_ID,
  EMULATOR_ORG_ID,
  FAILED_PROCESS_ID,
  RUNNING_PROCESS_ID,
  SECOND_APP_ID,
  SEED_PROCESS_ID,
  STARTING_PROCESS_ID,
} from '../../src/emulator/data.js';
import { SEED_PROCESS_V1 } from '../../src/emulator/seed-process.js';
import { assertSameKeys, expectApiError, rawJson, sdkFor, toWire } from './sdk-helpers.js';

const UNKNOWN_APP = 'app-00000000-0000-4000-8000-000000000000';
const UNKNOWN_PROCESS = '00000000-0000-4000-8000-000000000000';
const APPS = [BIG_APP_ID, SECOND_APP_ID, EMPTY_APP_ID];

/**
 * The worlds the SDK judges: the pinned still world every other suite sees, and a living one at
 * several instants (a frozen clock jumped ahead, so each moment holds still while it is checked).
 */
const MOMENTS: { title: string; options: EmulatorOptions; advanceMs: number }[] = [
  { title: 'the pinned world', options: {}, advanceMs: 0 },
  { title: 'a living world 8 s in', options: { live: true, frozenClock: true }, advanceMs: 8_000 },
  { title: 'a living world 40 min in, started in 2027', options: { live: true, frozenClock: true, clock: '2027-03-01T12:00:00Z', seed: 3 }, advanceMs: 2_400_000 },
];

/** Every process of an app through the SDK, chaining `before` pages. */
async function pageAll(sdk: HathoraCloud, appId: string, status?: ProcessStatus[], region?: Region[]): Promise<ProcessV3[]> {
  const all: ProcessV3[] = [];
  let cursor: number | undefined;
  for (;;) {
    const page = await sdk.processesV3.getLatestProcesses(appId, status, region, cursor);
    assert.ok(page.length <= 10);
    all.push(...page);
    const last = page.at(-1);
    if (page.length < 10 || last === undefined) return all;
    cursor = last.createdAt.getTime();
  }
}

for (const moment of MOMENTS) describe(`official SDK against the emulator: processes and apps, ${moment.title}`, () => {
  const still = moment.options.live !== true;
  let emulator: RunningEmulator;
  let sdk: HathoraCloud;
  before(async () => {
    emulator = await startEmulator(moment.options);
    emulator.advance(moment.advanceMs);
    sdk = sdkFor(emulator);
  });
  after(async () => {
    await emulator.close();
  });

  it('A1/A2: lists and gets every app with the fields the SDK requires', async () => {
    const page = await sdk.appsV2.getApps();
    assertSameKeys(await rawJson(emulator, '/apps/v2/apps'), page, 'A1');
    assert.deepEqual(page.applications.map((app) => app.appId), APPS);
    assert.deepEqual(page.applications.map((app) => app.appName), ['arena-brawl-prod', 'tidepool-staging', 'sandbox-empty']);
    for (const app of page.applications) {
      assert.equal(app.orgId, EMULATOR_ORG_ID);
      assert.equal(app.deletedAt, null);
      assert.match(app.appSecret, /^secret-[0-9a-f]{32}$/);
    }
    const [big, second, empty] = page.applications;
    assert.equal(big?.deployment?.build.status, 'succeeded');
    assert.equal(big?.serviceConfig?.staticProcessAllocation.length, 3);
    assert.equal(second?.serviceConfig, null);
    assert.equal(second?.deployment?.roomsPerProcess, 1);
    assert.equal(empty?.deployment, undefined);

    assert.deepEqual((await sdk.appsV2.getApps(EMULATOR_ORG_ID)).applications.length, 3);
    for (const appId of APPS) {
      const app = await sdk.appsV2.getApp(appId);
      assertSameKeys(await rawJson(emulator, `/apps/v2/apps/${appId}`), app, `A2 ${appId}`);
      assert.equal(app.appId, appId);
      const listed = page.applications.find((item) => item.appId === appId);
      assert.equal(app.appSecret, listed?.appSecret);
      assert.equal(app.createdAt.getTime(), listed?.createdAt.getTime());
    }
    // The client-level appId is used when the call names none.
    assert.equal((await sdkFor(emulator, emulator.token, SECOND_APP_ID).appsV2.getApp()).appId, SECOND_APP_ID);
  });

  it('P9/P11: pages every app with before and counts agree, for several filters', async () => {
    const combos: [ProcessStatus[] | undefined, Region[] | undefined][] = [
      [undefined, undefined],
      [['running'], undefined],
      [['running', 'draining'], undefined],
      [['stopped', 'failed'], undefined],
      [['starting'], undefined],
      [undefined, ['Frankfurt']],
      [undefined, ['London', 'Tokyo', 'Dubai']],
      [['running'], ['London', 'Frankfurt']],
      [['stopping'], ['Sydney']],
    ];
    const big = await pageAll(sdk, BIG_APP_ID);
    // A living world has started processes since.
    if (still) assert.equal(big.length, 73);
    else assert.ok(big.length > 73, `${big.length} processes`);
    assert.equal(new Set(big.map((p) => p.processId)).size, big.length, 'no duplicates across pages');
    for (const appId of APPS) {
      const all = appId === BIG_APP_ID ? big : await pageAll(sdk, appId);
      for (const [status, region] of combos) {
        const listed = await pageAll(sdk, appId, status, region);
        const expected = all.filter((p) => (status === undefined || status.includes(p.status)) && (region === undefined || region.includes(p.region)));
        assert.deepEqual(listed.map((p) => p.processId), expected.map((p) => p.processId), `${appId} ${String(status)} ${String(region)}`);
        const { count } = await sdk.processesV3.getProcessesCountExperimental(appId, status, region);
        assert.equal(count, expected.length);
      }
    }
    const cutoff = big[25]?.createdAt.getTime() ?? 0;
    const { count } = await sdk.processesV3.getProcessesCountExperimental(BIG_APP_ID, ['stopped'], undefined, cutoff);
    assert.equal(count, big.filter((p) => p.createdAt.getTime() < cutoff && p.status === 'stopped').length);
    const page = await sdk.processesV3.getLatestProcesses(BIG_APP_ID, undefined, undefined, cutoff);
    assert.deepEqual(page.map((p) => p.processId), big.slice(26, 36).map((p) => p.processId));
    assertSameKeys(await rawJson(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/latest?before=${cutoff}`), page, 'P9');
  });

  it('P10: gets every process, equal to its listed form, with optional fields absent rather than null', async () => {
    for (const appId of [BIG_APP_ID, SECOND_APP_ID]) {
      for (const listed of await pageAll(sdk, appId)) {
        const got = await sdk.processesV3.getProcess(listed.processId, appId);
        assert.deepEqual(toWire(got), toWire(listed));
        assertSameKeys(await rawJson(emulator, `/processes/v3/apps/${appId}/processes/${listed.processId}`), got, `P10 ${listed.processId}`);
      }
    }
    const failed = await sdk.processesV3.getProcess(FAILED_PROCESS_ID, BIG_APP_ID);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.summaryExitReason, 'exited with code 137 (OOMKilled)');
    const starting = await sdk.processesV3.getProcess(STARTING_PROCESS_ID, BIG_APP_ID);
    assert.equal(starting.status, 'starting');
    assert.equal(starting.exposedPort, null);
    assert.equal(starting.startedAt, null);
  });

  it('P4/P5/P6: v2 lists, infos and counts agree with v3', async () => {
    const v3 = await pageAll(sdk, BIG_APP_ID);
    const combos: [ProcessStatus[] | undefined, Region[] | undefined][] = [
      [undefined, undefined],
      [['running'], undefined],
      [['failed', 'stopping'], ['London', 'Chicago', 'Mumbai', 'Seattle']],
      [undefined, ['Johannesburg']],
    ];
    for (const [status, region] of combos) {
      const expected = v3.filter((p) => (status === undefined || status.includes(p.status)) && (region === undefined || region.includes(p.region)));
      const listed = await sdk.processesV2.getLatestProcessesV2Deprecated(BIG_APP_ID, status, region);
      assert.deepEqual(listed.map((p) => p.processId), expected.slice(0, 10).map((p) => p.processId));
      const { count } = await sdk.processesV2.getProcessesCountExperimentalV2Deprecated(BIG_APP_ID, status, region);
      assert.equal(count, expected.length);
    }
    const latest = await sdk.processesV2.getLatestProcessesV2Deprecated(BIG_APP_ID);
    assertSameKeys(await rawJson(emulator, `/processes/v2/${BIG_APP_ID}/list/latest`), latest, 'P4');
    for (const p of v3) {
      const info = await sdk.processesV2.getProcessInfoV2Deprecated(p.processId, BIG_APP_ID);
      assert.equal(info.status, p.status);
      assert.equal(info.createdAt.getTime(), p.createdAt.getTime());
      assert.deepEqual(info.exposedPort, p.exposedPort);
      assert.ok(Number.isInteger(info.deploymentId));
    }
    assert.deepEqual(await sdk.processesV2.getLatestProcessesV2Deprecated(EMPTY_APP_ID), []);
    assert.equal((await sdk.processesV2.getProcessesCountExperimentalV2Deprecated(SECOND_APP_ID)).count, still ? 12 : (await pageAll(sdk, SECOND_APP_ID)).length);
  });

  it('P1/P2/P3: v1 running and stopped lists and info, with and without a region', async () => {
    for (const appId of APPS) {
      const running = await sdk.processesV1.getRunningProcesses(appId);
      assertSameKeys(await rawJson(emulator, `/processes/v1/${appId}/list/running`), running, `P1 ${appId}`);
      const stopped = await sdk.processesV1.getStoppedProcesses(appId);
      assertSameKeys(await rawJson(emulator, `/processes/v1/${appId}/list/stopped`), stopped, `P2 ${appId}`);
      assert.ok(running.length <= 10 && stopped.length <= 10);
      if (appId === EMPTY_APP_ID) {
        assert.deepEqual([running, stopped], [[], []]);
        continue;
      }
      assert.ok(running.length > 0 && stopped.length > 0);
      for (const p of running) {
        assert.equal(p.terminatedAt, null);
        assert.equal(p.rooms.length, p.roomsAllocated);
        const v3 = await sdk.processesV3.getProcess(p.processId, appId);
        assert.ok(['starting', 'running', 'draining', 'stopping'].includes(v3.status));
        assert.equal(p.draining, v3.status === 'draining');
      }
      for (const p of stopped) assert.notEqual(p.terminatedAt, null);
      const terminated = stopped.map((p) => p.terminatedAt?.getTime() ?? 0);
      assert.deepEqual(terminated, [...terminated].sort((a, b) => b - a), 'stopped newest first');
    }
    const inFrankfurt = await sdk.processesV1.getRunningProcesses(BIG_APP_ID, 'Frankfurt');
    assert.ok(inFrankfurt.some((p) => p.processId === RUNNING_PROCESS_ID));
    assert.ok(inFrankfurt.every((p) => p.region === 'Frankfurt'));
    const inMumbai = await sdk.processesV1.getStoppedProcesses(BIG_APP_ID, 'Mumbai');
    assert.ok(inMumbai.every((p) => p.region === 'Mumbai'));

    const running = await sdk.processesV1.getProcessInfoDeprecated(RUNNING_PROCESS_ID, BIG_APP_ID);
    assert.equal(running.port, running.exposedPort?.port);
    assert.equal(running.host, running.exposedPort?.host);
    assert.equal(running.terminatedAt, null);
  });

  it('the seed process reads through v1, v2 and v3 as the fixture says', async () => {
    const v1 = await sdk.processesV1.getProcessInfoDeprecated(SEED_PROCESS_ID, BIG_APP_ID);
    assert.deepEqual(toWire(v1), SEED_PROCESS_V1);
    const v2 = await sdk.processesV2.getProcessInfoV2Deprecated(SEED_PROCESS_ID, BIG_APP_ID);
    assert.equal(v2.status, 'stopped');
    assert.equal(v2.createdAt.toISOString(), SEED_PROCESS_V1.startingAt);
    assert.equal(v2.deploymentId, 1);
    const v3 = await sdk.processesV3.getProcess(SEED_PROCESS_ID, BIG_APP_ID);
    assert.equal(v3.status, 'stopped');
    assert.equal(v3.bootedAt, null);
    assert.equal(v3.scheduledAt, null);
    assert.equal(v3.terminatedAt?.toISOString(), SEED_PROCESS_V1.terminatedAt);
    assert.equal(v3.additionalExposedPorts[0]?.port, 72941);
    assert.match(v3.deploymentId, /^dep-/);
    assert.equal(v3.hosting, undefined);
    assert.equal(v3.fleetId, undefined);
    // The oldest process of the app: the last one when paging.
    assert.equal((await pageAll(sdk, BIG_APP_ID)).at(-1)?.processId, SEED_PROCESS_ID);
  });

  it('401: every endpoint answers a wrong or missing token with the SDK ApiError', async () => {
    const wrong = sdkFor(emulator, 'not-the-token');
    const calls: Promise<unknown>[] = [
      wrong.appsV2.getApps(),
      wrong.appsV2.getApp(BIG_APP_ID),
      wrong.processesV1.getRunningProcesses(BIG_APP_ID),
      wrong.processesV1.getStoppedProcesses(BIG_APP_ID),
      wrong.processesV1.getProcessInfoDeprecated(SEED_PROCESS_ID, BIG_APP_ID),
      wrong.processesV2.getLatestProcessesV2Deprecated(BIG_APP_ID),
      wrong.processesV2.getProcessInfoV2Deprecated(SEED_PROCESS_ID, BIG_APP_ID),
      wrong.processesV2.getProcessesCountExperimentalV2Deprecated(BIG_APP_ID),
      wrong.processesV3.getLatestProcesses(BIG_APP_ID),
      wrong.processesV3.getProcess(SEED_PROCESS_ID, BIG_APP_ID),
      wrong.processesV3.getProcessesCountExperimental(BIG_APP_ID),
    ];
    for (const call of calls) await expectApiError(call, 401);
    // No token at all: the SDK sends no Authorization header.
    const { HathoraCloud } = await import('@hathora/cloud-sdk-typescript');
    await expectApiError(new HathoraCloud({ serverURL: emulator.url }).processesV3.getLatestProcesses(BIG_APP_ID), 401);
  });

  it('404: unknown apps and processes come back as the SDK ApiError', async () => {
    const calls: Promise<unknown>[] = [
      sdk.appsV2.getApp(UNKNOWN_APP),
      sdk.appsV2.getApps('org-unknown'),
      sdk.processesV1.getRunningProcesses(UNKNOWN_APP),
      sdk.processesV1.getStoppedProcesses(UNKNOWN_APP),
      sdk.processesV1.getProcessInfoDeprecated(UNKNOWN_PROCESS, BIG_APP_ID),
      sdk.processesV2.getLatestProcessesV2Deprecated(UNKNOWN_APP),
      sdk.processesV2.getProcessInfoV2Deprecated(UNKNOWN_PROCESS, BIG_APP_ID),
      sdk.processesV2.getProcessesCountExperimentalV2Deprecated(UNKNOWN_APP),
      sdk.processesV3.getLatestProcesses(UNKNOWN_APP),
      sdk.processesV3.getProcess(UNKNOWN_PROCESS, BIG_APP_ID),
      sdk.processesV3.getProcess(SEED_PROCESS_ID, SECOND_APP_ID),
      sdk.processesV3.getProcessesCountExperimental(UNKNOWN_APP),
    ];
    for (const call of calls) await expectApiError(call, 404);
  });

  it('422: filter values outside the enums come back as the SDK ApiError', async () => {
    // The SDK's enums are open: it sends any string, and the server is the one that refuses.
    const paused = ['paused' as ProcessStatus];
    const atlantis = ['Atlantis' as Region];
    const calls: Promise<unknown>[] = [
      sdk.processesV3.getLatestProcesses(BIG_APP_ID, paused),
      sdk.processesV3.getLatestProcesses(BIG_APP_ID, undefined, atlantis),
      // The SDK refuses NaN itself, but sends Infinity as the text "Infinity", which is no number.
      sdk.processesV3.getLatestProcesses(BIG_APP_ID, undefined, undefined, Number.POSITIVE_INFINITY),
      sdk.processesV3.getProcessesCountExperimental(BIG_APP_ID, paused),
      sdk.processesV3.getProcessesCountExperimental(BIG_APP_ID, undefined, atlantis),
      sdk.processesV2.getLatestProcessesV2Deprecated(BIG_APP_ID, ['Running' as ProcessStatus]),
      sdk.processesV2.getProcessesCountExperimentalV2Deprecated(BIG_APP_ID, undefined, atlantis),
      sdk.processesV1.getRunningProcesses(BIG_APP_ID, 'Moon' as Region),
      sdk.processesV1.getStoppedProcesses(BIG_APP_ID, 'sao_paulo' as Region),
    ];
    for (const call of calls) await expectApiError(call, 422);
  });
});

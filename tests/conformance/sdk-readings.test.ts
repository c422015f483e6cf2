// The official SDK against the emulator under every reading of what the API leaves undocumented
// (src/emulator/readings.ts): whichever way the emulator reads the silence, every answer of the
// endpoints a reading touches must still be one the SDK accepts, key for key.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { HathoraCloud } from '@hathora/cloud-sdk-typescript';
import type { ProcessStatus, ProcessV3, Region } from '@hathora/cloud-sdk-typescript/models/components/index.js';
import { BIG_APP_ID, RUNNING_PROCESS_ID, SECOND_APP_ID, SEED_PROCESS_ID } from '../../src/emulator/data.js';
import { READING_CHOICES, type ReadingKey } from '../../src/emulator/readings.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { assertSameKeys, expectApiError, rawJson, sdkFor } from './sdk-helpers.js';

/** Every value of every key on its own, and all the non-default values together. */
const SPECS: string[] = [
  ...(Object.keys(READING_CHOICES) as ReadingKey[]).flatMap((key) => READING_CHOICES[key].map((value) => `${key}=${value}`)),
  'cursor=seconds,filters=pass,deployment-id=invalid,rooms=unplaced',
  'cursor=ignored,filters=ignore,rooms=scheduling',
];

/** Every process of an app through the SDK, chaining `before` pages in the unit the emulator reads (at most 100 pages). */
async function pageAll(sdk: HathoraCloud, appId: string, unit: 'ms' | 'seconds' | 'ignored'): Promise<ProcessV3[]> {
  const all: ProcessV3[] = [];
  let cursor: number | undefined;
  for (let pages = 0; pages < 100; pages += 1) {
    const page = await sdk.processesV3.getLatestProcesses(appId, undefined, undefined, cursor);
    assert.ok(page.length <= 10);
    all.push(...page);
    const last = page.at(-1);
    if (page.length < 10 || last === undefined || unit === 'ignored') return all;
    // Seconds rounded up, so no process of the boundary second is skipped; repeats are dropped below.
    cursor = unit === 'ms' ? last.createdAt.getTime() : Math.ceil(last.createdAt.getTime() / 1000);
  }
  throw new Error('paging did not end');
}

for (const spec of SPECS) {
  describe(`official SDK against the emulator read as ${spec}`, () => {
    let emulator: RunningEmulator;
    let sdk: HathoraCloud;
    before(async () => {
      emulator = await startEmulator({ readings: spec });
      sdk = sdkFor(emulator);
    });
    after(async () => {
      await emulator.close();
    });

    it('P9/P10/P11: every page and every process validates, and paging in the reading\'s unit behaves as the reading says', async () => {
      const { cursor } = emulator.readings;
      const listed = await pageAll(sdk, BIG_APP_ID, cursor);
      const unique = new Map(listed.map((p) => [p.processId, p]));
      const { count } = await sdk.processesV3.getProcessesCountExperimental(BIG_APP_ID);
      if (cursor === 'ignored') {
        assert.equal(unique.size, 10);
        const again = await sdk.processesV3.getLatestProcesses(BIG_APP_ID, undefined, undefined, listed[9]?.createdAt.getTime());
        assert.deepEqual(again.map((p) => p.processId), listed.map((p) => p.processId), 'the cursor changes nothing');
      } else {
        assert.equal(unique.size, count, 'every process, once the repeats of a boundary second are dropped');
      }
      const page = await sdk.processesV3.getLatestProcesses(BIG_APP_ID, undefined, undefined, cursor === 'seconds' ? 1_800_000_000 : 1_800_000_000_000);
      assertSameKeys(await rawJson(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/latest?before=${cursor === 'seconds' ? 1_800_000_000 : 1_800_000_000_000}`), page, 'P9');
      for (const p of [...unique.values()].slice(0, 12)) {
        const got = await sdk.processesV3.getProcess(p.processId, BIG_APP_ID);
        assertSameKeys(await rawJson(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/${p.processId}`), got, `P10 ${p.processId}`);
      }
      const bounded = await sdk.processesV3.getProcessesCountExperimental(BIG_APP_ID, ['stopped'], undefined, cursor === 'seconds' ? 1 : 1000);
      assert.equal(bounded.count, cursor === 'ignored' ? (await sdk.processesV3.getProcessesCountExperimental(BIG_APP_ID, ['stopped'])).count : 0);
    });

    it('P1-P6: v1 and v2 answers validate, their integer deploymentId included', async () => {
      for (const appId of [BIG_APP_ID, SECOND_APP_ID]) {
        assertSameKeys(await rawJson(emulator, `/processes/v1/${appId}/list/running`), await sdk.processesV1.getRunningProcesses(appId), `P1 ${appId}`);
        assertSameKeys(await rawJson(emulator, `/processes/v1/${appId}/list/stopped`), await sdk.processesV1.getStoppedProcesses(appId), `P2 ${appId}`);
        assertSameKeys(await rawJson(emulator, `/processes/v2/${appId}/list/latest`), await sdk.processesV2.getLatestProcessesV2Deprecated(appId), `P4 ${appId}`);
      }
      for (const processId of [SEED_PROCESS_ID, RUNNING_PROCESS_ID]) {
        const v1 = await sdk.processesV1.getProcessInfoDeprecated(processId, BIG_APP_ID);
        assertSameKeys(await rawJson(emulator, `/processes/v1/${BIG_APP_ID}/info/${processId}`), v1, `P3 ${processId}`);
        const v2 = await sdk.processesV2.getProcessInfoV2Deprecated(processId, BIG_APP_ID);
        assertSameKeys(await rawJson(emulator, `/processes/v2/${BIG_APP_ID}/info/${processId}`), v2, `P5 ${processId}`);
        assert.ok(Number.isInteger(v1.deploymentId) && v1.deploymentId === v2.deploymentId);
      }
      assert.equal(typeof (await sdk.processesV2.getProcessesCountExperimentalV2Deprecated(BIG_APP_ID)).count, 'number');
    });

    it('filters: an unknown value is the SDK ApiError 422, or an answer the SDK accepts', async () => {
      const paused = ['paused' as ProcessStatus];
      const atlantis = ['Atlantis' as Region];
      const calls: (() => Promise<unknown>)[] = [
        () => sdk.processesV3.getLatestProcesses(BIG_APP_ID, paused),
        () => sdk.processesV3.getLatestProcesses(BIG_APP_ID, undefined, atlantis),
        () => sdk.processesV3.getProcessesCountExperimental(BIG_APP_ID, paused),
        () => sdk.processesV2.getLatestProcessesV2Deprecated(BIG_APP_ID, undefined, atlantis),
        () => sdk.processesV2.getProcessesCountExperimentalV2Deprecated(BIG_APP_ID, paused),
        () => sdk.processesV1.getRunningProcesses(BIG_APP_ID, 'Moon' as Region),
        () => sdk.processesV1.getStoppedProcesses(BIG_APP_ID, 'Moon' as Region),
      ];
      for (const call of calls) {
        if (emulator.readings.filters === 'reject') await expectApiError(call(), 422);
        else await call();
      }
      if (emulator.readings.filters === 'pass') {
        assert.deepEqual(await sdk.processesV3.getLatestProcesses(BIG_APP_ID, paused), []);
        assert.equal((await sdk.processesV3.getProcessesCountExperimental(BIG_APP_ID, undefined, atlantis)).count, 0);
      }
    });

    it('R1/R2 and P1 rooms: scheduling rooms and a null currentAllocation validate', async () => {
      const active = await sdk.roomsV2.getActiveRoomsForProcess(RUNNING_PROCESS_ID, BIG_APP_ID);
      assertSameKeys(await rawJson(emulator, `/rooms/v2/${BIG_APP_ID}/list/${RUNNING_PROCESS_ID}/active`), active, 'R1');
      const inactive = await sdk.roomsV2.getInactiveRoomsForProcess(RUNNING_PROCESS_ID, BIG_APP_ID);
      assertSameKeys(await rawJson(emulator, `/rooms/v2/${BIG_APP_ID}/list/${RUNNING_PROCESS_ID}/inactive`), inactive, 'R2');
      const newest = active.at(-1);
      const { rooms } = emulator.readings;
      assert.equal(newest?.status, rooms === 'placed' ? 'active' : 'scheduling');
      assert.equal(newest?.currentAllocation === null, rooms === 'unplaced');
      const running = await sdk.processesV1.getRunningProcesses(BIG_APP_ID, 'Frankfurt');
      assertSameKeys(await rawJson(emulator, `/processes/v1/${BIG_APP_ID}/list/running?region=Frankfurt`), running, 'P1 Frankfurt');
      assert.deepEqual(running.find((p) => p.processId === RUNNING_PROCESS_ID)?.rooms, active);
    });
  });
}

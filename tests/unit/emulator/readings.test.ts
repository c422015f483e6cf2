// The emulator's readings of what the API leaves undocumented: the grammar, and what each reading
// changes on the wire (and that the defaults change nothing).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIG_APP_ID, RUNNING_PROCESS_ID, SEED_PROCESS_ID } from '../../../src/emulator/data.js';
import { DEFAULT_READINGS, describeReadings, parseReadings, ReadingSpecError, resolveReadings, type Readings } from '../../../src/emulator/readings.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { allProcessesV3, call, getJson, type WireProcessV3 } from './emulator-fetch.js';

const LATEST = `/processes/v3/apps/${BIG_APP_ID}/processes/latest`;

describe('readings grammar', () => {
  it('fills every key, defaults first', () => {
    assert.deepEqual(DEFAULT_READINGS, { cursor: 'ms', filters: 'reject', 'deployment-id': 'meaningful', rooms: 'placed' });
    assert.deepEqual(parseReadings('cursor=seconds'), { ...DEFAULT_READINGS, cursor: 'seconds' });
    assert.deepEqual(parseReadings(' cursor=ignored , filters=pass;deployment-id=invalid;rooms=unplaced '), {
      cursor: 'ignored',
      filters: 'pass',
      'deployment-id': 'invalid',
      rooms: 'unplaced',
    });
    assert.deepEqual(resolveReadings(undefined), DEFAULT_READINGS);
    assert.deepEqual(resolveReadings({ rooms: 'scheduling' }), { ...DEFAULT_READINGS, rooms: 'scheduling' });
    assert.equal(describeReadings(parseReadings('filters=ignore,cursor=ms')), 'filters=ignore');
  });

  const bad: [string, string][] = [
    ['', 'empty readings spec'],
    ['cursor', "cannot read 'cursor': expected key=value"],
    ['unit=seconds', "unknown reading 'unit'; known: cursor, filters, deployment-id, rooms"],
    ['cursor=minutes', 'cursor=minutes: expected one of ms, seconds, ignored'],
    ['cursor=ms,cursor=seconds', "reading 'cursor' is given twice"],
  ];
  for (const [spec, message] of bad) {
    it(`refuses ${JSON.stringify(spec)}`, () => {
      assert.throws(() => parseReadings(spec), (error: unknown) => error instanceof ReadingSpecError && error.message === message);
    });
  }
  it('checks an object like a spec', () => {
    assert.throws(() => resolveReadings({ cursor: 'hours' } as unknown as Partial<Readings>), ReadingSpecError);
  });
});

describe('readings on the wire', () => {
  const emulators: Record<string, RunningEmulator> = {};
  const at = (spec: string): RunningEmulator => emulators[spec] as RunningEmulator;
  const specs = ['', 'cursor=seconds', 'cursor=ignored', 'filters=pass', 'filters=ignore', 'deployment-id=invalid', 'rooms=scheduling', 'rooms=unplaced'];
  before(async () => {
    for (const spec of specs) emulators[spec] = await startEmulator(spec === '' ? {} : { readings: spec });
  });
  after(async () => {
    for (const emulator of Object.values(emulators)) await emulator.close();
  });

  it('reports its readings', () => {
    assert.deepEqual(at('').readings, DEFAULT_READINGS);
    assert.equal(at('cursor=seconds').readings.cursor, 'seconds');
  });

  it('cursor: the same instant in milliseconds or in seconds bounds the same page; ignored, the first page comes back', async () => {
    const all = await allProcessesV3(at(''), BIG_APP_ID);
    const cutoff = Date.parse((all[25] as WireProcessV3).createdAt);
    const expected = all.slice(26, 36).map((p) => p.processId);
    const ids = (page: WireProcessV3[]): string[] => page.map((p) => p.processId);
    assert.deepEqual(ids(await getJson(at(''), `${LATEST}?before=${cutoff}`)), expected);
    // Seconds lose the milliseconds: the bound is the next whole second, so a few newer processes may join.
    const inSeconds = ids(await getJson(at('cursor=seconds'), `${LATEST}?before=${Math.ceil(cutoff / 1000)}`));
    const bySeconds = all.filter((p) => Date.parse(p.createdAt) < Math.ceil(cutoff / 1000) * 1000).slice(0, 10).map((p) => p.processId);
    assert.deepEqual(inSeconds, bySeconds);
    // Milliseconds sent to a server reading seconds point thousands of years ahead: the newest page again.
    assert.deepEqual(ids(await getJson(at('cursor=seconds'), `${LATEST}?before=${cutoff}`)), all.slice(0, 10).map((p) => p.processId));
    assert.deepEqual(ids(await getJson(at('cursor=ignored'), `${LATEST}?before=${cutoff}`)), all.slice(0, 10).map((p) => p.processId));
    const count = async (emulator: RunningEmulator, before: number): Promise<number> =>
      (await getJson<{ count: number }>(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/count?before=${before}`)).count;
    assert.equal(await count(at(''), cutoff), all.length - 26);
    assert.equal(await count(at('cursor=ignored'), cutoff), all.length);
    // Whatever the reading, the cursor must be a number.
    assert.equal((await call(at('cursor=ignored'), `${LATEST}?before=soon`)).status, 422);
  });

  it('filters: an unknown status or region is a 422, matches nothing, or is dropped', async () => {
    for (const query of ['status=paused', 'region=Atlantis']) {
      assert.equal((await call(at(''), `${LATEST}?${query}`)).status, 422, query);
      assert.deepEqual(await getJson(at('filters=pass'), `${LATEST}?${query}`), [], query);
      assert.deepEqual(await getJson(at('filters=ignore'), `${LATEST}?${query}`), await getJson(at('filters=ignore'), LATEST), query);
    }
    assert.deepEqual(await getJson(at('filters=pass'), `/processes/v1/${BIG_APP_ID}/list/running?region=Moon`), []);
    assert.equal((await getJson<unknown[]>(at('filters=ignore'), `/processes/v1/${BIG_APP_ID}/list/running?region=Moon`)).length, 10);
    assert.deepEqual(await getJson(at('filters=pass'), `/processes/v2/${BIG_APP_ID}/count?status=paused`), { count: 0 });
    // Known values filter as before, and two regions on v1 are still refused.
    const running = await getJson<WireProcessV3[]>(at('filters=pass'), `${LATEST}?status=running&status=paused`);
    assert.ok(running.length > 0 && running.every((p) => p.status === 'running'));
    assert.equal((await call(at('filters=pass'), `/processes/v1/${BIG_APP_ID}/list/running?region=London&region=Tokyo`)).status, 422);
  });

  it('deployment-id: v1 and v2 number the deployments, or send one stale number for every process', async () => {
    const numbers = async (emulator: RunningEmulator): Promise<number[]> => {
      const v2 = await getJson<{ deploymentId: number }>(emulator, `/processes/v2/${BIG_APP_ID}/info/${SEED_PROCESS_ID}`);
      const v1 = await getJson<{ deploymentId: number }>(emulator, `/processes/v1/${BIG_APP_ID}/info/${RUNNING_PROCESS_ID}`);
      return [v2.deploymentId, v1.deploymentId];
    };
    // The seed process runs the app's first deployment, the running one its newest.
    const [seed, running] = await numbers(at(''));
    assert.equal(seed, 1);
    assert.ok((running ?? 0) > 1, `the running process's deployment is a later one: ${running}`);
    assert.deepEqual(await numbers(at('deployment-id=invalid')), [1, 1]);
    // v3 is untouched: it names the deployment by its string id.
    const v3 = await getJson<WireProcessV3>(at('deployment-id=invalid'), `/processes/v3/apps/${BIG_APP_ID}/processes/${RUNNING_PROCESS_ID}`);
    assert.match(v3.deploymentId, /^dep-/);
  });

  it('rooms: the newest active room is scheduling, with its allocation or with none', async () => {
    type Room = { status: string; currentAllocation: { processId: string } | null };
    const path = `/rooms/v2/${BIG_APP_ID}/list/${RUNNING_PROCESS_ID}/active`;
    const placed = await getJson<Room[]>(at(''), path);
    assert.ok(placed.length >= 2, 'the running process has rooms');
    assert.ok(placed.every((room) => room.status === 'active' && room.currentAllocation?.processId === RUNNING_PROCESS_ID));
    const scheduling = await getJson<Room[]>(at('rooms=scheduling'), path);
    assert.deepEqual(scheduling.map((room) => room.status), [...placed.slice(1).map(() => 'active'), 'scheduling']);
    assert.equal(scheduling.at(-1)?.currentAllocation?.processId, RUNNING_PROCESS_ID);
    const unplaced = await getJson<Room[]>(at('rooms=unplaced'), path);
    assert.deepEqual(unplaced.at(-1), { ...(scheduling.at(-1) as Room), currentAllocation: null });
    // The v1 running list embeds the same rooms.
    const v1 = await getJson<{ processId: string; rooms: Room[] }[]>(at('rooms=unplaced'), `/processes/v1/${BIG_APP_ID}/list/running?region=Frankfurt`);
    const withRooms = v1.find((p) => p.processId === RUNNING_PROCESS_ID);
    assert.deepEqual(withRooms?.rooms, unplaced);
  });
});

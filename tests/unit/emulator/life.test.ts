// The living world: what moves, how fast, and what stays true at every moment. A frozen clock
// lets each test look at exact instants without waiting.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import {
  BIG_APP_ID,
  DRAINING_PROCESS_ID,
  EXPIRED_PROCESS_ID,
  FAILED_PROCESS_ID,
  FIXED_EPOCH_MS,
  RUNNING_PROCESS_ID,
  SECOND_APP_ID,
  SECOND_APP_RUNNING_PROCESS_ID,
  SEED_PROCESS_ID,
  STARTING_PROCESS_ID,
  STOPPED_PROCESS_ID,
  STOPPING_PROCESS_ID,
} from '../../../src/emulator/data.js';
import { SEED_PROCESS_V1 } from '../../../src/emulator/seed-process.js';
import { allProcessesV3, call, getJson, type WireProcessV3 } from './emulator-fetch.js';

type Json = Record<string, unknown>;
const SECOND = 1000;
const ACTIVE = 'status=starting&status=running&status=draining&status=stopping';
const NAMED = [RUNNING_PROCESS_ID, FAILED_PROCESS_ID, STARTING_PROCESS_ID, DRAINING_PROCESS_ID, STOPPING_PROCESS_ID, STOPPED_PROCESS_ID, EXPIRED_PROCESS_ID];

function live(extra: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  return startEmulator({ live: true, frozenClock: true, logIntervalMs: 3_600_000, ...extra });
}

/** Status changes between two listings, counted as `list --watch` sees them: added, status changed, gone. */
function statusChanges(before: WireProcessV3[], now: WireProcessV3[]): number {
  const was = new Map(before.map((p) => [p.processId, p.status]));
  const is = new Map(now.map((p) => [p.processId, p.status]));
  let changes = 0;
  for (const [id, status] of is) if (was.get(id) !== status) changes += 1;
  for (const id of was.keys()) if (!is.has(id)) changes += 1;
  return changes;
}

/** What must hold for every process at every moment, through every generation. */
async function assertConsistent(emulator: RunningEmulator, appId: string): Promise<void> {
  const all = await allProcessesV3(emulator, appId);
  assert.deepEqual(await getJson(emulator, `/processes/v3/apps/${appId}/processes/count`), { count: all.length });
  const created = all.map((p) => Date.parse(p.createdAt));
  for (let i = 1; i < created.length; i += 1) assert.ok((created[i - 1] ?? 0) > (created[i] ?? 0), 'strictly newest first, no ties');
  for (const p of all.filter((candidate) => candidate.processId !== SEED_PROCESS_ID)) {
    const steps = [p.createdAt, p.scheduledAt, p.bootedAt, p.startedAt, p.stoppingAt, p.terminatedAt].filter((s): s is string => s !== null).map(Date.parse);
    for (let i = 1; i < steps.length; i += 1) assert.ok((steps[i - 1] ?? 0) <= (steps[i] ?? 0), `${p.processId} timeline`);
    assert.ok((steps.at(-1) ?? 0) <= emulator.now(), `${p.processId} has nothing in the future`);
    if (p.startedAt !== null) assert.ok(p.scheduledAt !== null && p.bootedAt !== null, p.processId);
    const ended = p.status === 'stopped' || p.status === 'failed';
    assert.equal(p.terminatedAt !== null, ended, `${p.processId} ${p.status} terminatedAt`);
    assert.equal(p.startedAt === null, p.exposedPort === null, `${p.processId} has a port once started`);
    if (p.status === 'starting') assert.equal(p.startedAt, null);
    if (p.status === 'running' || p.status === 'draining') assert.ok(p.startedAt !== null && p.stoppingAt === null);
    if (p.status === 'stopping') assert.ok(p.stoppingAt !== null);
    if (p.status === 'failed') assert.match(p.summaryExitReason ?? '', /^(exited with code \d+|did not bind|failed to pull)/);
    if (ended) assert.equal(p.roomsAllocated, 0, `${p.processId} ended with rooms`);
    const v1 = await getJson<Json>(emulator, `/processes/v1/${appId}/info/${p.processId}`);
    const v2 = await getJson<Json>(emulator, `/processes/v2/${appId}/info/${p.processId}`);
    assert.equal(v2['status'], p.status);
    assert.equal(v1['roomsAllocated'], p.roomsAllocated);
    assert.equal(v1['roomSlotsAvailable'], p.roomsPerProcess - p.roomsAllocated);
    assert.equal(v1['draining'], p.status === 'draining');
    assert.equal(v1['port'], p.exposedPort?.port ?? 0);
    if (p.roomsAllocated > 0) assert.equal(v1['idleSince'], null, `${p.processId} is busy`);
    const rooms = await getJson<Json[]>(emulator, `/rooms/v2/${appId}/list/${p.processId}/active`);
    assert.equal(rooms.length, p.roomsAllocated, `${p.processId} active rooms`);
  }
}

describe('the living world', () => {
  let emulator: RunningEmulator;
  let atStart: WireProcessV3[];
  before(async () => {
    emulator = await live();
    atStart = await allProcessesV3(emulator, BIG_APP_ID);
  });
  after(async () => {
    await emulator.close();
  });

  it('starts where the clock starts and moves only with it', async () => {
    assert.equal(emulator.startedAt, FIXED_EPOCH_MS);
    assert.equal(emulator.now(), FIXED_EPOCH_MS);
    assert.equal(atStart.length, 73);
    assert.deepEqual(await allProcessesV3(emulator, BIG_APP_ID), atStart, 'a frozen clock holds the world still');
  });

  it('brings starting processes up and finishes stops within seconds, and keeps changing at a 2 s poll', async () => {
    const active = (list: WireProcessV3[]): WireProcessV3[] => list.filter((p) => ['starting', 'running', 'draining', 'stopping'].includes(p.status));
    let previous = active(atStart);
    const perPoll: number[] = [];
    for (let poll = 1; poll <= 30; poll += 1) {
      emulator.advance(2 * SECOND);
      const current = await allProcessesV3(emulator, BIG_APP_ID, ACTIVE);
      perPoll.push(statusChanges(previous, current));
      previous = current;
    }
    const sum = (counts: number[]): number => counts.reduce((a, b) => a + b, 0);
    // Seed 1 at the pinned clock: the numbers the README quotes.
    assert.ok(sum(perPoll.slice(0, 5)) >= 4, `first 10 s: ${perPoll.slice(0, 5).join(',')}`);
    assert.ok(sum(perPoll) >= 20, `first 60 s: ${sum(perPoll)}`);
    const now = await allProcessesV3(emulator, BIG_APP_ID);
    const generatedStarting = atStart.filter((p) => p.status === 'starting' && p.processId !== STARTING_PROCESS_ID);
    assert.ok(generatedStarting.length > 0);
    for (const p of generatedStarting) assert.notEqual(now.find((q) => q.processId === p.processId)?.status, 'starting', `${p.processId} came up`);
    for (const p of atStart.filter((q) => q.status === 'stopping' && q.processId !== STOPPING_PROCESS_ID)) {
      assert.equal(now.find((q) => q.processId === p.processId)?.status, 'stopped', `${p.processId} finished stopping`);
    }
    const born = now.filter((p) => Date.parse(p.createdAt) > FIXED_EPOCH_MS);
    assert.ok(born.length >= 3, `${born.length} new processes in 60 s`);
    assert.ok(born.some((p) => p.status === 'running' && p.exposedPort !== null), 'a new process reached running');
  });

  it('fills and empties rooms, drains, stops and fails processes over an hour', async () => {
    const before = await allProcessesV3(emulator, BIG_APP_ID);
    emulator.advance(3600 * SECOND);
    const after = await allProcessesV3(emulator, BIG_APP_ID);
    const statusOf = (id: string): string | undefined => before.find((p) => p.processId === id)?.status;
    const moved = after.filter((p) => statusOf(p.processId) === 'running' && !NAMED.includes(p.processId));
    assert.ok(moved.some((p) => p.status === 'stopped'), 'a running process drained and stopped');
    assert.ok(moved.some((p) => p.status === 'failed' && /^exited with code/.test(p.summaryExitReason ?? '')), 'a running process failed');
    const born = after.filter((p) => Date.parse(p.createdAt) > FIXED_EPOCH_MS);
    assert.ok(born.some((p) => p.status === 'stopped' && p.stoppingAt !== null), 'new processes drain and stop too');
    // Rooms came and went on processes that did not exist when the clock started.
    let roomsCameAndWent = 0;
    for (const p of born.filter((q) => q.status === 'running')) {
      roomsCameAndWent += (await getJson<Json[]>(emulator, `/rooms/v2/${BIG_APP_ID}/list/${p.processId}/inactive`)).length;
    }
    assert.ok(roomsCameAndWent >= 10, `${roomsCameAndWent} rooms opened and closed on new processes`);
    const active = after.filter((p) => ['starting', 'running', 'draining', 'stopping'].includes(p.status)).length;
    // Starts and ends balance: the app neither empties nor floods.
    assert.ok(active >= 20 && active <= 70, `${active} active processes after an hour`);
  });

  it('never moves the named processes, and serves the seed process as the fixture says', async () => {
    emulator.advance(2 * 3600 * SECOND);
    for (const id of NAMED) {
      const was = atStart.find((p) => p.processId === id);
      assert.deepEqual(await getJson(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/${id}`), was, id);
    }
    const second = await getJson<WireProcessV3>(emulator, `/processes/v3/apps/${SECOND_APP_ID}/processes/${SECOND_APP_RUNNING_PROCESS_ID}`);
    assert.equal(second.status, 'running');
    assert.equal((await call(emulator, `/processes/v1/${BIG_APP_ID}/info/${SEED_PROCESS_ID}`)).text, JSON.stringify(SEED_PROCESS_V1));
  });

  it('keeps every view consistent at every moment', async () => {
    const moments = await live({ seed: 5 });
    try {
      for (const step of [0, 3 * SECOND, 9 * SECOND, 40 * SECOND, 15 * 60 * SECOND]) {
        moments.advance(step);
        await assertConsistent(moments, BIG_APP_ID);
        await assertConsistent(moments, SECOND_APP_ID);
      }
    } finally {
      await moments.close();
    }
  });
});

describe('life and requests together', () => {
  it('leaves a process a client stopped stopped, and logs a new process from its boot on', async () => {
    const emulator = await live({ stopDelayMs: 500, logIntervalMs: 10 * SECOND });
    try {
      emulator.advance(60 * SECOND);
      const newest = (await allProcessesV3(emulator, BIG_APP_ID, 'status=running'))[0];
      assert.ok(newest !== undefined && Date.parse(newest.createdAt) > FIXED_EPOCH_MS, 'a process born after the clock started');
      const log = (await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${newest.processId}`)).text.split('\n').filter((line) => line !== '');
      assert.match(log[0] ?? '', / INFO  game server \S+ booting in /);
      const ticks = log.filter((line) => line.includes(' tick rooms='));
      // Live lines sit on the 10 s grid from the clock's start, and only after the process started.
      for (const tick of ticks) {
        const at = Date.parse(tick.slice(0, 24));
        assert.equal((at - FIXED_EPOCH_MS) % (10 * SECOND), 0, tick);
        assert.ok(at > Date.parse(newest.startedAt ?? ''), tick);
      }
      assert.equal(ticks.length, Math.floor((emulator.now() - FIXED_EPOCH_MS) / (10 * SECOND)) - Math.floor((Date.parse(newest.startedAt ?? '') - FIXED_EPOCH_MS) / (10 * SECOND)));

      assert.equal((await call(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/${newest.processId}/stop`, { method: 'POST' })).status, 204);
      emulator.advance(600 * SECOND);
      const stopped = await getJson<WireProcessV3>(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/${newest.processId}`);
      assert.equal(stopped.status, 'stopped');
      assert.equal(Date.parse(stopped.terminatedAt ?? '') - Date.parse(stopped.stoppingAt ?? ''), 500);
      assert.equal(stopped.roomsAllocated, 0);
    } finally {
      await emulator.close();
    }
  });

  it('stays still without live, whatever the clock does', async () => {
    const emulator = await startEmulator({ frozenClock: true, logIntervalMs: 3_600_000 });
    try {
      const before = await allProcessesV3(emulator, BIG_APP_ID);
      emulator.advance(3600 * SECOND);
      assert.deepEqual(await allProcessesV3(emulator, BIG_APP_ID), before);
    } finally {
      await emulator.close();
    }
  });

  it('anchors the world to the clock it is given', async () => {
    const later = Date.UTC(2027, 2, 14, 9, 30);
    const [pinned, moved] = await Promise.all([startEmulator({ frozenClock: true }), startEmulator({ frozenClock: true, clock: new Date(later).toISOString() })]);
    try {
      const a = await allProcessesV3(pinned, BIG_APP_ID);
      const b = await allProcessesV3(moved, BIG_APP_ID);
      assert.deepEqual(b.map((p) => p.processId), a.map((p) => p.processId));
      const running = (list: WireProcessV3[]): number => Date.parse(list.find((p) => p.processId === RUNNING_PROCESS_ID)?.createdAt ?? '');
      assert.equal(running(b) - running(a), later - FIXED_EPOCH_MS, 'the same history, shifted');
      assert.equal(moved.now(), later);
      await assert.rejects(startEmulator({ clock: '2025-06-01T00:00:00Z' }), /clock must be an instant in 2026 or later/);
      await assert.rejects(startEmulator({ clock: 'yesterday' }), /clock must be an instant in 2026 or later/);
    } finally {
      await Promise.all([pinned.close(), moved.close()]);
    }
  });
});

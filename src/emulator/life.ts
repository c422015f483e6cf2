// The world's own events: after the clock starts, processes start and reach running within
// seconds, rooms open and close, some processes drain and stop, a few fail. Each app draws from its
// own seeded stream, and events are applied in time order whenever a request arrives (no timers),
// so the same seed, clock start and requests give the same world at every instant however often
// it is looked at. The named processes of data.ts never change by themselves: docs and tests rely
// on their states.
import {
  DRAINING_PROCESS_ID,
  EXPIRED_PROCESS_ID,
  FAILED_PROCESS_ID,
  RUNNING_PROCESS_ID,
  SECOND_APP_RUNNING_PROCESS_ID,
  SEED_PROCESS_ID,
  STARTING_PROCESS_ID,
  STOPPED_PROCESS_ID,
  STOPPING_PROCESS_ID,
} from './data.js';
import { FAILURE_REASONS, publicPort, room } from './generate-process.js';
import type { Hosting, Region } from './enums.js';
import { finishStopAt, requestStop, settleApp } from './lifecycle.js';
import type { AppState, FailureMode, ProcessState, World } from './model.js';
import { createRng, hashString, mix, type Rng } from './prng.js';

/** The world's own movement, applied up to a given instant. */
export interface Life {
  /** Applies every event due at or before `now` (a no-op for instants already passed). */
  advanceTo(now: number): void;
}

const SECOND = 1000;
const NAMED = new Set([
  SEED_PROCESS_ID,
  RUNNING_PROCESS_ID,
  FAILED_PROCESS_ID,
  STARTING_PROCESS_ID,
  DRAINING_PROCESS_ID,
  STOPPING_PROCESS_ID,
  STOPPED_PROCESS_ID,
  EXPIRED_PROCESS_ID,
  SECOND_APP_RUNNING_PROCESS_ID,
]);

/** How busy an app's life is: the gap between its events, and what share of them does what. */
interface Pace {
  gapMs: [number, number];
  /** Shares of events at the app's usual population; starts and drains lean towards it. */
  start: number;
  drain: number;
  fail: number;
}

// About one event a second in the big app: a new process every ~8 s and as many ending, the rest
// rooms opening and closing. A 2 s poll of the active list sees a change most of the time.
const BUSY: Pace = { gapMs: [300, 1700], start: 0.12, drain: 0.08, fail: 0.02 };
const QUIET: Pace = { gapMs: [2000, 6000], start: 0.12, drain: 0.08, fail: 0.02 };

interface FollowUp {
  at: number;
  order: number;
  run: (at: number) => void;
}

interface AppLife {
  app: AppState;
  rng: Rng;
  pace: Pace;
  regions: Region[];
  /** Processes starting or running at the anchor: the population starts and drains lean towards. */
  usual: number;
  nextEventAt: number;
  /** Pending steps of processes already in motion, earliest first. */
  followUps: FollowUp[];
  order: number;
}

/** A world that never moves by itself. */
export const STILL: Life = { advanceTo: () => undefined };

/** Starts the life of `world` at its anchor; apps without deployments stay as they are. */
export function createLife(world: World): Life {
  const lives = world.apps
    .filter((app) => app.deployments.length > 0)
    .map((app, index) => appLife(world, app, index === 0 ? BUSY : QUIET));
  let reached = world.anchor;
  return {
    advanceTo: (now) => {
      if (now <= reached) return;
      reached = now;
      for (const life of lives) advanceApp(life, now);
    },
  };
}

function appLife(world: World, app: AppState, pace: Pace): AppLife {
  const rng = createRng(mix(world.seed, hashString(`${app.appId}/life`)));
  const movable = app.processes.filter((p) => !NAMED.has(p.processId));
  const life: AppLife = {
    app,
    rng,
    pace,
    regions: [...new Set(app.processes.filter((p) => p.processId !== SEED_PROCESS_ID).map((p) => p.region))],
    usual: Math.max(1, movable.filter((p) => p.status === 'starting' || p.status === 'running').length),
    nextEventAt: world.anchor + rng.int(pace.gapMs[0], pace.gapMs[1]),
    followUps: [],
    order: 0,
  };
  // What was already under way carries on at once: starting processes come up, stopping ones
  // finish, draining ones close their rooms and stop.
  for (const p of movable) {
    if (p.status === 'starting') later(life, world.anchor + rng.int(200, 2500), (at) => progressStart(life, p, at));
    if (p.status === 'stopping') finishStopAt(app, p, world.anchor + rng.int(1000, 8000));
    if (p.status === 'draining') later(life, world.anchor + rng.int(2, 30) * SECOND, (at) => drainStep(life, p, at));
  }
  return life;
}

function later(life: AppLife, at: number, run: (at: number) => void): void {
  const step: FollowUp = { at, order: (life.order += 1), run };
  const queue = life.followUps;
  let index = queue.length;
  while (index > 0 && (queue[index - 1] as FollowUp).at > at) index -= 1;
  queue.splice(index, 0, step);
}

function advanceApp(life: AppLife, now: number): void {
  for (;;) {
    const next = life.followUps[0];
    const followUpFirst = next !== undefined && next.at <= life.nextEventAt;
    const at = followUpFirst ? next.at : life.nextEventAt;
    if (at > now) return;
    // Stops requested by clients land in between, at their own instants.
    settleApp(life.app, at);
    if (followUpFirst && next !== undefined) {
      life.followUps.shift();
      next.run(at);
    } else {
      ambientEvent(life, at);
      life.nextEventAt = at + life.rng.int(life.pace.gapMs[0], life.pace.gapMs[1]);
    }
  }
}

function movable(life: AppLife, status: ProcessState['status']): ProcessState[] {
  return life.app.processes.filter((p) => p.status === status && !NAMED.has(p.processId));
}

function ambientEvent(life: AppLife, at: number): void {
  const { rng, pace } = life;
  const running = movable(life, 'running');
  const alive = running.length + movable(life, 'starting').length;
  const start = pace.start * (life.usual / Math.max(1, alive));
  const drain = pace.drain * (running.length / life.usual);
  const roll = rng.next();
  if (roll < start) return startProcess(life, at);
  if (running.length === 0) return;
  const chosen = rng.pick(running);
  if (roll < start + drain) {
    chosen.status = 'draining';
    later(life, at + rng.int(2, 20) * SECOND, (when) => drainStep(life, chosen, when));
  } else if (roll < start + drain + pace.fail) {
    fail(chosen, rng.pick<FailureMode>(['oom', 'segfault', 'error']), at);
  } else {
    const open = chosen.roomsAllocated === 0 || (chosen.roomsAllocated < chosen.roomsPerProcess && rng.chance(0.55));
    if (open) openRoom(rng, chosen, at);
    else closeRoom(rng, chosen, at);
  }
}

function startProcess(life: AppLife, at: number): void {
  const { app, rng } = life;
  const deployment = app.deployments.at(-1);
  if (deployment === undefined) return;
  const p: ProcessState = {
    appId: app.appId,
    processId: rng.uuid(),
    region: rng.pick(life.regions),
    status: 'starting',
    deployment,
    createdAt: at,
    scheduledAt: null,
    bootedAt: null,
    startedAt: null,
    stoppingAt: null,
    terminatedAt: null,
    roomsPerProcess: deployment.roomsPerProcess,
    roomsAllocated: 0,
    roomsAllocatedUpdatedAt: at,
    roomSlotsAvailable: deployment.roomsPerProcess,
    roomSlotsAvailableUpdatedAt: at,
    activeConnections: 0,
    activeConnectionsUpdatedAt: at,
    idleSince: null,
    egressedBytes: 0,
    exposedPort: null,
    additionalExposedPorts: [],
    legacyHost: '',
    legacyPort: 0,
    reportsExitReason: deployment.fleetId !== undefined,
    rooms: [],
    pendingTerminationAt: null,
    stopRequestedAt: null,
  };
  if (deployment.fleetId !== undefined) {
    const hosting: Hosting = rng.chance(0.6) ? 'metal' : rng.chance(0.85) ? 'cloud' : 'shared';
    p.hosting = hosting;
    p.fleetId = deployment.fleetId;
  }
  app.processes.push(p);
  later(life, at + rng.int(150, 2500), (when) => progressStart(life, p, when));
}

/** One step of a starting process: scheduled, then booted, then listening (or failing on the way). */
function progressStart(life: AppLife, p: ProcessState, at: number): void {
  // A client may have stopped it meanwhile.
  if (p.status !== 'starting') return;
  const { rng } = life;
  if (p.scheduledAt === null) {
    p.scheduledAt = at;
    if (rng.chance(0.02)) {
      later(life, at + rng.int(30, 90) * SECOND, (when) => failIfStarting(p, 'image-pull', when));
      return;
    }
    later(life, at + rng.int(1500, 5000), (when) => progressStart(life, p, when));
    return;
  }
  if (p.bootedAt === null) {
    p.bootedAt = at;
    if (rng.chance(0.03)) {
      later(life, at + 100 * SECOND + rng.int(0, 2000), (when) => failIfStarting(p, 'no-port', when));
      return;
    }
    later(life, at + rng.int(800, 4000), (when) => progressStart(life, p, when));
    return;
  }
  p.status = 'running';
  p.startedAt = at;
  const exposed = publicPort(rng, p.deployment.defaultContainerPort);
  p.exposedPort = exposed;
  p.additionalExposedPorts = p.deployment.additionalContainerPorts.map((port) => ({ ...publicPort(rng, port), host: exposed.host }));
  p.legacyHost = exposed.host;
  p.legacyPort = exposed.port;
  p.idleSince = at;
  setRoomCounters(p, at);
}

/** A draining process closes its rooms one by one, then stops. */
function drainStep(life: AppLife, p: ProcessState, at: number): void {
  if (p.status !== 'draining') return;
  const { rng } = life;
  if (p.roomsAllocated > 0) {
    closeRoom(rng, p, at);
    later(life, at + rng.int(3, 30) * SECOND, (when) => drainStep(life, p, when));
  } else {
    requestStop(life.app, p, at, rng.int(1000, 5000));
  }
}

function openRoom(rng: Rng, p: ProcessState, at: number): void {
  p.rooms.push(room(rng, at, null));
  p.egressedBytes += rng.int(50_000, 5_000_000);
  p.idleSince = null;
  setRoomCounters(p, at);
  p.activeConnections = p.roomsAllocated * rng.int(1, 8);
}

function closeRoom(rng: Rng, p: ProcessState, at: number): void {
  const active = p.rooms.filter((r) => r.unscheduledAt === null);
  if (active.length === 0) return;
  rng.pick(active).unscheduledAt = at;
  p.egressedBytes += rng.int(50_000, 5_000_000);
  setRoomCounters(p, at);
  p.activeConnections = p.roomsAllocated === 0 ? 0 : p.roomsAllocated * rng.int(1, 8);
  if (p.roomsAllocated === 0) p.idleSince = at;
}

/** Counters that follow from the active rooms, as the generator sets them. */
function setRoomCounters(p: ProcessState, at: number): void {
  p.roomsAllocated = p.rooms.filter((r) => r.unscheduledAt === null).length;
  p.roomsAllocatedUpdatedAt = at;
  p.roomSlotsAvailable = p.roomsPerProcess - p.roomsAllocated;
  p.roomSlotsAvailableUpdatedAt = at;
  p.activeConnections = 0;
  p.activeConnectionsUpdatedAt = at;
}

function failIfStarting(p: ProcessState, mode: FailureMode, at: number): void {
  if (p.status === 'starting') fail(p, mode, at);
}

function fail(p: ProcessState, mode: FailureMode, at: number): void {
  for (const r of p.rooms) if (r.unscheduledAt === null) r.unscheduledAt = at;
  p.status = 'failed';
  p.failure = mode;
  p.summaryExitReason = FAILURE_REASONS[mode];
  p.terminatedAt = at;
  p.idleSince = null;
  setRoomCounters(p, at);
}

// Builds one believable process: a timeline that only moves forward (created, scheduled, booted,
// started, stopping, terminated), rooms that fit the timeline, and counters that agree with the
// rooms. Everything is drawn from the Rng it is given, so the same seed gives the same process.
import type { Hosting, ProcessStatus, Region } from './enums.js';
import type { DeploymentState, ExposedPortState, FailureMode, ProcessState, RoomState } from './model.js';
import type { Rng } from './prng.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** What the caller decides about a process; the rest is drawn at random. */
export interface ProcessPlan {
  processId: string;
  status: ProcessStatus;
  region: Region;
  /** Bounds for `createdAt`, as milliseconds before the world's anchor; defaults depend on the status. */
  ageMs?: [number, number];
  /** Bounds for how long a stopped process ran, in milliseconds. */
  runMs?: [number, number];
  failure?: FailureMode;
}

/** The `summaryExitReason` of each way a process can fail. */
export const FAILURE_REASONS: Record<FailureMode, string> = {
  oom: 'exited with code 137 (OOMKilled)',
  segfault: 'exited with code 139 (SIGSEGV)',
  error: 'exited with code 1',
  'no-port': 'did not bind a port within 100 seconds',
  'image-pull': 'failed to pull the container image',
};

const DEFAULT_AGE_MS: Record<ProcessStatus, [number, number]> = {
  starting: [5 * SECOND, 2 * MINUTE],
  running: [10 * MINUTE, 60 * HOUR],
  draining: [2 * HOUR, 60 * HOUR],
  stopping: [1 * HOUR, 48 * HOUR],
  stopped: [2 * HOUR, 100 * HOUR],
  failed: [30 * MINUTE, 100 * HOUR],
};

/**
 * Creates a process of `plan.status` as it is at `now` (the world's anchor), on the newest of
 * `deployments` that existed when it was created.
 */
export function generateProcess(rng: Rng, appId: string, deployments: DeploymentState[], plan: ProcessPlan, now: number): ProcessState {
  const [minAge, maxAge] = plan.ageMs ?? DEFAULT_AGE_MS[plan.status];
  const createdAt = now - rng.int(minAge, maxAge);
  const deployment = deploymentAt(deployments, createdAt);
  const timeline = drawTimeline(rng, plan, createdAt, now);

  const reachable = timeline.startedAt !== null;
  const exposedPort: ExposedPortState | null = reachable ? publicPort(rng, deployment.defaultContainerPort) : null;
  const additionalExposedPorts = reachable
    ? deployment.additionalContainerPorts.map((port) => ({ ...publicPort(rng, port), host: exposedPort?.host ?? '' }))
    : [];

  const alive = plan.status === 'running' || plan.status === 'draining' || plan.status === 'stopping';
  const roomsPerProcess = deployment.roomsPerProcess;
  const activeCount = alive ? activeRoomCount(rng, plan.status, roomsPerProcess) : 0;
  const lifeEnd = timeline.stoppingAt ?? timeline.terminatedAt ?? now - SECOND;
  const rooms = timeline.startedAt === null ? [] : drawRooms(rng, timeline.startedAt, lifeEnd, activeCount);

  const lastRoomChange = Math.max(
    timeline.startedAt ?? createdAt,
    ...rooms.map((room) => room.unscheduledAt ?? room.scheduledAt),
  );
  const endedAt = timeline.terminatedAt;
  const roomsAllocatedUpdatedAt = endedAt ?? lastRoomChange;
  const connectionsPerRoom = plan.status === 'running' ? rng.int(1, 8) : rng.int(0, 3);
  const activeConnections = activeCount * connectionsPerRoom;
  const activeConnectionsUpdatedAt =
    endedAt ?? (timeline.startedAt === null ? createdAt : Math.max(timeline.startedAt, now - rng.int(1, 30) * SECOND));
  const runSeconds = timeline.startedAt === null ? 0 : Math.max(0, (endedAt ?? now) - timeline.startedAt) / SECOND;
  const egressedBytes = Math.floor(runSeconds * rng.int(1500, 40000));
  const idleSince = alive && activeCount === 0 ? lastRoomChange : null;

  const hosting: Hosting | undefined = deployment.fleetId === undefined ? undefined : rng.chance(0.6) ? 'metal' : rng.chance(0.85) ? 'cloud' : 'shared';
  const reportsExitReason = deployment.fleetId !== undefined;
  const summaryExitReason =
    plan.status === 'failed'
      ? FAILURE_REASONS[plan.failure ?? 'oom']
      : plan.status === 'stopped' && reportsExitReason
        ? 'exited with code 0'
        : undefined;

  const process: ProcessState = {
    appId,
    processId: plan.processId,
    region: plan.region,
    status: plan.status,
    deployment,
    createdAt,
    ...timeline,
    roomsPerProcess,
    roomsAllocated: activeCount,
    roomsAllocatedUpdatedAt,
    roomSlotsAvailable: roomsPerProcess - activeCount,
    roomSlotsAvailableUpdatedAt: roomsAllocatedUpdatedAt,
    activeConnections,
    activeConnectionsUpdatedAt,
    idleSince,
    egressedBytes,
    exposedPort,
    additionalExposedPorts,
    legacyHost: exposedPort?.host ?? '',
    legacyPort: exposedPort?.port ?? 0,
    reportsExitReason,
    rooms,
    pendingTerminationAt: null,
    stopRequestedAt: null,
  };
  // Optional v3 fields are absent, never null: the SDK rejects null for them.
  if (hosting !== undefined) process.hosting = hosting;
  if (deployment.fleetId !== undefined) process.fleetId = deployment.fleetId;
  if (summaryExitReason !== undefined) process.summaryExitReason = summaryExitReason;
  if (plan.status === 'failed') process.failure = plan.failure ?? 'oom';
  return process;
}

/** The newest deployment created at or before `at` (the oldest one if none was). */
export function deploymentAt(deployments: DeploymentState[], at: number): DeploymentState {
  let chosen = deployments[0];
  for (const deployment of deployments) if (deployment.createdAt <= at) chosen = deployment;
  if (chosen === undefined) throw new Error('an app with processes needs a deployment');
  return chosen;
}

type Timeline = Pick<ProcessState, 'scheduledAt' | 'bootedAt' | 'startedAt' | 'stoppingAt' | 'terminatedAt'>;

function drawTimeline(rng: Rng, plan: ProcessPlan, createdAt: number, now: number): Timeline {
  const scheduledAt = createdAt + rng.int(150, 2500);
  const bootedAt = scheduledAt + rng.int(1500, 20 * SECOND);
  const startedAt = bootedAt + rng.int(800, 25 * SECOND);
  const none: Timeline = { scheduledAt: null, bootedAt: null, startedAt: null, stoppingAt: null, terminatedAt: null };
  switch (plan.status) {
    case 'starting': {
      // A starting process may not have reached a node yet; steps after `now` have not happened.
      const stage = rng.int(0, 2);
      return {
        ...none,
        scheduledAt: stage >= 1 && scheduledAt < now ? scheduledAt : null,
        bootedAt: stage >= 2 && bootedAt < now ? bootedAt : null,
      };
    }
    case 'running':
    case 'draining':
      return { ...none, scheduledAt, bootedAt, startedAt };
    case 'stopping':
      return { ...none, scheduledAt, bootedAt, startedAt, stoppingAt: Math.max(startedAt + MINUTE, now - rng.int(2, 120) * SECOND) };
    case 'stopped': {
      const [minRun, maxRun] = plan.runMs ?? [5 * MINUTE, 16 * HOUR];
      const stoppingAt = Math.min(startedAt + rng.int(minRun, maxRun), now - 2 * MINUTE);
      return { scheduledAt, bootedAt, startedAt, stoppingAt, terminatedAt: stoppingAt + rng.int(800, 30 * SECOND) };
    }
    case 'failed': {
      const mode = plan.failure ?? 'oom';
      if (mode === 'image-pull') return { ...none, scheduledAt, terminatedAt: scheduledAt + rng.int(30, 300) * SECOND };
      if (mode === 'no-port') return { ...none, scheduledAt, bootedAt, terminatedAt: bootedAt + 100 * SECOND + rng.int(0, 2000) };
      const maxRun = mode === 'error' ? 5 * MINUTE : 10 * HOUR;
      const terminatedAt = Math.min(startedAt + rng.int(20 * SECOND, maxRun), now - MINUTE);
      return { ...none, scheduledAt, bootedAt, startedAt, terminatedAt };
    }
  }
}

function activeRoomCount(rng: Rng, status: ProcessStatus, roomsPerProcess: number): number {
  if (status === 'running') return rng.chance(0.2) ? 0 : rng.int(1, roomsPerProcess);
  if (status === 'draining') return rng.int(0, roomsPerProcess);
  return rng.int(0, Math.min(2, roomsPerProcess));
}

/** A public endpoint the proxy gives a container port. */
export function publicPort(rng: Rng, port: { transportType: 'tcp' | 'udp' | 'tls'; name: string }): ExposedPortState {
  return { transportType: port.transportType, port: rng.int(10000, 60999), host: `${rng.int(1, 9)}.proxy.hathora.dev`, name: port.name };
}

const ROOM_CONFIGS = ['{"mode":"ranked","map":"harbor"}', '{"mode":"casual","map":"canyon"}', '{"mode":"custom","maxPlayers":4}'];

function drawRooms(rng: Rng, from: number, to: number, activeCount: number): RoomState[] {
  const span = Math.max(to - from, SECOND);
  const pastCount = Math.min(12, Math.floor(span / (45 * MINUTE))) + rng.int(0, 2);
  const rooms: RoomState[] = [];
  for (let i = 0; i < pastCount; i += 1) {
    const scheduledAt = from + Math.floor(rng.next() * span * 0.9);
    const unscheduledAt = Math.min(to, scheduledAt + rng.int(SECOND, Math.max(SECOND, Math.floor(span * 0.3))));
    rooms.push(room(rng, scheduledAt, unscheduledAt));
  }
  for (let i = 0; i < activeCount; i += 1) {
    rooms.push(room(rng, from + Math.floor(rng.next() * span), null));
  }
  return rooms.sort((a, b) => a.scheduledAt - b.scheduledAt);
}

/** A room placed at `scheduledAt`, with a random id and config. */
export function room(rng: Rng, scheduledAt: number, unscheduledAt: number | null): RoomState {
  const state: RoomState = { roomId: rng.base36(13), roomAllocationId: rng.uuid(), scheduledAt, unscheduledAt };
  const configKind = rng.int(0, 3);
  if (configKind === 1) state.roomConfig = null;
  if (configKind >= 2) state.roomConfig = rng.pick(ROOM_CONFIGS);
  return state;
}

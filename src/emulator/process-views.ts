// Each API generation's view of one process record. Key order follows the SDK's models, so the
// seed process comes out in the same order as the shared fixture.
import type { ExposedPortState, ProcessState } from './model.js';
import { DEFAULT_READINGS, type Readings } from './readings.js';
import { activeRooms, type RoomWire } from './room-views.js';

/** Formats an instant as the API does (ISO-8601, milliseconds, `Z`). */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : iso(ms);
}

// What an app that moved to v3 deployments keeps answering: its last v2 number, here the first.
const STALE_DEPLOYMENT_NUMBER = 1;

/**
 * The integer `deploymentId` of v1 and v2: the deployment's number, or under the `invalid`
 * reading one stale number for every process, which identifies nothing.
 */
function legacyDeploymentId(p: ProcessState, readings: Readings): number {
  return readings['deployment-id'] === 'invalid' ? STALE_DEPLOYMENT_NUMBER : p.deployment.version;
}

function copyPort(port: ExposedPortState): ExposedPortState {
  return { transportType: port.transportType, port: port.port, host: port.host, name: port.name };
}

/** The v1 `Process` wire object (22 fields). */
export interface ProcessV1Wire {
  egressedBytes: number;
  idleSince: string | null;
  activeConnectionsUpdatedAt: string;
  activeConnections: number;
  roomsAllocatedUpdatedAt: string;
  roomsAllocated: number;
  roomSlotsAvailableUpdatedAt: string;
  roomSlotsAvailable: number;
  draining: boolean;
  terminatedAt: string | null;
  stoppingAt: string | null;
  startedAt: string | null;
  startingAt: string;
  roomsPerProcess: number;
  additionalExposedPorts: ExposedPortState[];
  exposedPort: ExposedPortState | null;
  port: number;
  host: string;
  region: string;
  processId: string;
  deploymentId: number;
  appId: string;
}

/** The v1 `Process` view (P2, P3). */
export function processV1View(p: ProcessState, readings: Readings = DEFAULT_READINGS): ProcessV1Wire {
  return {
    egressedBytes: p.egressedBytes,
    idleSince: isoOrNull(p.idleSince),
    activeConnectionsUpdatedAt: iso(p.activeConnectionsUpdatedAt),
    activeConnections: p.activeConnections,
    roomsAllocatedUpdatedAt: iso(p.roomsAllocatedUpdatedAt),
    roomsAllocated: p.roomsAllocated,
    roomSlotsAvailableUpdatedAt: iso(p.roomSlotsAvailableUpdatedAt),
    roomSlotsAvailable: p.roomSlotsAvailable,
    draining: p.status === 'draining',
    terminatedAt: isoOrNull(p.terminatedAt),
    stoppingAt: isoOrNull(p.stoppingAt),
    startedAt: isoOrNull(p.startedAt),
    startingAt: iso(p.createdAt),
    roomsPerProcess: p.roomsPerProcess,
    additionalExposedPorts: p.additionalExposedPorts.map(copyPort),
    exposedPort: p.exposedPort === null ? null : copyPort(p.exposedPort),
    port: p.legacyPort,
    host: p.legacyHost,
    region: p.region,
    processId: p.processId,
    deploymentId: legacyDeploymentId(p, readings),
    appId: p.appId,
  };
}

/** The v1 `ProcessWithRooms` wire object (P1). */
export interface ProcessWithRoomsWire extends ProcessV1Wire {
  rooms: RoomWire[];
  totalRooms: number;
}

/** The v1 `ProcessWithRooms` view: the v1 process plus its active rooms and a count of all its rooms. */
export function processWithRoomsView(p: ProcessState, readings: Readings = DEFAULT_READINGS): ProcessWithRoomsWire {
  return { ...processV1View(p, readings), rooms: activeRooms(p, readings), totalRooms: p.rooms.length };
}

/** The `ProcessV2` wire object (13 fields). */
export interface ProcessV2Wire {
  status: string;
  roomsAllocated: number;
  terminatedAt: string | null;
  stoppingAt: string | null;
  startedAt: string | null;
  createdAt: string;
  roomsPerProcess: number;
  additionalExposedPorts: ExposedPortState[];
  exposedPort: ExposedPortState | null;
  region: string;
  processId: string;
  deploymentId: number;
  appId: string;
}

/** The `ProcessV2` view (P4, P5). */
export function processV2View(p: ProcessState, readings: Readings = DEFAULT_READINGS): ProcessV2Wire {
  return {
    status: p.status,
    roomsAllocated: p.roomsAllocated,
    terminatedAt: isoOrNull(p.terminatedAt),
    stoppingAt: isoOrNull(p.stoppingAt),
    startedAt: isoOrNull(p.startedAt),
    createdAt: iso(p.createdAt),
    roomsPerProcess: p.roomsPerProcess,
    additionalExposedPorts: p.additionalExposedPorts.map(copyPort),
    exposedPort: p.exposedPort === null ? null : copyPort(p.exposedPort),
    region: p.region,
    processId: p.processId,
    deploymentId: legacyDeploymentId(p, readings),
    appId: p.appId,
  };
}

/** The `ProcessV3` wire object (15 required fields and 3 optional ones). */
export interface ProcessV3Wire {
  hosting?: string;
  status: string;
  roomsAllocated: number;
  summaryExitReason?: string;
  terminatedAt: string | null;
  stoppingAt: string | null;
  startedAt: string | null;
  bootedAt: string | null;
  scheduledAt: string | null;
  createdAt: string;
  roomsPerProcess: number;
  additionalExposedPorts: ExposedPortState[];
  exposedPort: ExposedPortState | null;
  region: string;
  processId: string;
  fleetId?: string;
  deploymentId: string;
  appId: string;
}

/** The `ProcessV3` view (P9, P10); optional fields are left out rather than set to null. */
export function processV3View(p: ProcessState): ProcessV3Wire {
  // Keys added one by one in the API's order, optional ones only when set: conditional object
  // spreads here took V8's slow path and were the emulator's costliest step on big listings.
  const view: Partial<Record<keyof ProcessV3Wire, unknown>> = {};
  if (p.hosting !== undefined) view.hosting = p.hosting;
  view.status = p.status;
  view.roomsAllocated = p.roomsAllocated;
  if (p.summaryExitReason !== undefined) view.summaryExitReason = p.summaryExitReason;
  view.terminatedAt = isoOrNull(p.terminatedAt);
  view.stoppingAt = isoOrNull(p.stoppingAt);
  view.startedAt = isoOrNull(p.startedAt);
  view.bootedAt = isoOrNull(p.bootedAt);
  view.scheduledAt = isoOrNull(p.scheduledAt);
  view.createdAt = iso(p.createdAt);
  view.roomsPerProcess = p.roomsPerProcess;
  view.additionalExposedPorts = p.additionalExposedPorts.map(copyPort);
  view.exposedPort = p.exposedPort === null ? null : copyPort(p.exposedPort);
  view.region = p.region;
  view.processId = p.processId;
  if (p.fleetId !== undefined) view.fleetId = p.fleetId;
  view.deploymentId = p.deployment.deploymentId;
  view.appId = p.appId;
  return view as ProcessV3Wire;
}

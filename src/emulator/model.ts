// The emulator's internal state. Times are epoch milliseconds; wire views format them. Each process
// has exactly one record, and every API generation's view is computed from it, so a process can
// never look different through v1, v2 and v3.
import type { Hosting, ProcessStatus, Region } from './enums.js';

/** How a failed process ended; each has its own timeline, exit reason and last log lines. */
export type FailureMode = 'oom' | 'segfault' | 'error' | 'no-port' | 'image-pull';

/** A public endpoint as the API reports it (`ExposedPort`). */
export interface ExposedPortState {
  transportType: 'tcp' | 'udp' | 'tls';
  port: number;
  host: string;
  name: string;
}

/** A port a deployment's container listens on (`ContainerPort`). */
export interface ContainerPortState {
  transportType: 'tcp' | 'udp' | 'tls';
  port: number;
  name: string;
}

/** One room that is or was placed on a process; active while `unscheduledAt` is null. */
export interface RoomState {
  roomId: string;
  roomAllocationId: string;
  /** Absent, null or a string: the API allows all three. */
  roomConfig?: string | null;
  scheduledAt: number;
  unscheduledAt: number | null;
}

/** The build a deployment runs (`BuildV3`). */
export interface BuildState {
  buildId: string;
  buildTag?: string;
  imageSize: number;
  createdAt: number;
  startedAt: number;
  finishedAt: number;
  createdBy: string;
}

/** One deployment of an app; `version` is the integer id v1/v2 processes carry. */
export interface DeploymentState {
  appId: string;
  version: number;
  deploymentId: string;
  deploymentTag?: string;
  fleetId?: string;
  roomsPerProcess: number;
  requestedCPU: number;
  requestedMemoryMB: number;
  idleTimeoutEnabled: boolean;
  defaultContainerPort: ContainerPortState;
  additionalContainerPorts: ContainerPortState[];
  env: { name: string; value: string }[];
  createdAt: number;
  createdBy: string;
  build: BuildState;
}

/** The single record of one process, read by every generation's view. */
export interface ProcessState {
  appId: string;
  processId: string;
  region: Region;
  status: ProcessStatus;
  deployment: DeploymentState;
  createdAt: number;
  scheduledAt: number | null;
  bootedAt: number | null;
  startedAt: number | null;
  stoppingAt: number | null;
  terminatedAt: number | null;
  roomsPerProcess: number;
  roomsAllocated: number;
  roomsAllocatedUpdatedAt: number;
  roomSlotsAvailable: number;
  roomSlotsAvailableUpdatedAt: number;
  activeConnections: number;
  activeConnectionsUpdatedAt: number;
  idleSince: number | null;
  egressedBytes: number;
  exposedPort: ExposedPortState | null;
  additionalExposedPorts: ExposedPortState[];
  /** The deprecated v1 `host`; equal to `exposedPort.host` except for the seed process. */
  legacyHost: string;
  /** The deprecated v1 `port`; equal to `exposedPort.port` except for the seed process. */
  legacyPort: number;
  hosting?: Hosting;
  fleetId?: string;
  summaryExitReason?: string;
  /** Set on failed processes only. */
  failure?: FailureMode;
  /** Whether the process reports `summaryExitReason` when it ends (newer deployments do). */
  reportsExitReason: boolean;
  rooms: RoomState[];
  /** When a requested stop completes (emulator clock, ms); null when no stop is pending. */
  pendingTerminationAt: number | null;
  /** When a requested stop was received, used to end the live log. */
  stopRequestedAt: number | null;
}

/** One application with its deployments (oldest first) and processes. */
export interface AppState {
  appId: string;
  appName: string;
  orgId: string;
  createdAt: number;
  createdBy: string;
  appSecret: string;
  serviceConfig: ServiceConfigState | null;
  deployments: DeploymentState[];
  processes: ProcessState[];
}

/** The part of an app's service configuration the emulator fills in. */
export interface ServiceConfigState {
  staticProcessAllocation: {
    region: Region;
    minProcesses: number;
    targetProcesses: number;
    maxProcesses: number;
    autoscalingEnabled?: boolean;
  }[];
  loadBalancer?: { enabled: boolean };
}

/** Everything the emulator serves. */
export interface World {
  seed: number;
  /** The instant the world was generated as of (epoch ms): its history ends here. */
  anchor: number;
  apps: AppState[];
}

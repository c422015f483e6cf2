// Turns the embedded fixture into an ordinary process record, so the seed process is served by the
// same views as every other process and its v2/v3 faces follow from its v1 data.
import type { Region } from './enums.js';
import type { DeploymentState, ProcessState } from './model.js';
import { SEED_PROCESS_V1 } from './seed-process.js';

/** Builds the state of the seed process on `deployment` (the app's first deployment, version 1). */
export function seedProcessState(deployment: DeploymentState): ProcessState {
  const seed = SEED_PROCESS_V1;
  const at = (iso: string): number => Date.parse(iso);
  const startedAt = at(seed.startedAt);
  return {
    appId: seed.appId,
    processId: seed.processId,
    region: seed.region as Region,
    // v2/v3 have a status and v1 has none; a set terminatedAt reads as stopped.
    status: 'stopped',
    deployment,
    createdAt: at(seed.startingAt),
    // The fixture predates these steps being recorded.
    scheduledAt: null,
    bootedAt: null,
    startedAt,
    stoppingAt: at(seed.stoppingAt),
    terminatedAt: at(seed.terminatedAt),
    roomsPerProcess: seed.roomsPerProcess,
    roomsAllocated: seed.roomsAllocated,
    roomsAllocatedUpdatedAt: at(seed.roomsAllocatedUpdatedAt),
    roomSlotsAvailable: seed.roomSlotsAvailable,
    roomSlotsAvailableUpdatedAt: at(seed.roomSlotsAvailableUpdatedAt),
    activeConnections: seed.activeConnections,
    activeConnectionsUpdatedAt: at(seed.activeConnectionsUpdatedAt),
    idleSince: at(seed.idleSince),
    egressedBytes: seed.egressedBytes,
    exposedPort: { ...seed.exposedPort },
    additionalExposedPorts: seed.additionalExposedPorts.map((port) => ({ ...port })),
    legacyHost: seed.host,
    legacyPort: seed.port,
    reportsExitReason: false,
    // roomsAllocated is 1, so the active-rooms list holds one room (fixed, whatever the seed).
    rooms: [
      {
        roomId: 'q7m2x9k4w1p0z',
        roomAllocationId: '0d5f3b7e-8a21-4c6d-9e40-b7f1a2c3d4e5',
        roomConfig: '{"mode":"ranked","map":"harbor"}',
        scheduledAt: startedAt + 3_600_000,
        unscheduledAt: null,
      },
    ],
    pendingTerminationAt: null,
    stopRequestedAt: null,
  };
}

// Stopping a process. The move from stopping to stopped is applied lazily, whenever the process is
// read, instead of with timers: nothing is left running when the emulator closes, and every
// generation sees the same state at the same instant.
import { isTerminal } from './enums.js';
import type { AppState, ProcessState } from './model.js';

/** Applies a pending stop to `process` if its time has come. */
export function settleProcess(process: ProcessState, now: number): void {
  if (process.pendingTerminationAt !== null && now >= process.pendingTerminationAt) {
    terminate(process, process.pendingTerminationAt);
  }
}

/** Applies pending stops to every process of an app. */
export function settleApp(app: AppState, now: number): void {
  for (const process of app.processes) settleProcess(process, now);
}

/** Starts stopping a process: it is `stopping` now and `stopped` after `stopDelayMs`; a no-op once stopping or ended. */
export function requestStop(process: ProcessState, now: number, stopDelayMs: number): void {
  settleProcess(process, now);
  if (isTerminal(process.status) || process.status === 'stopping') return;
  process.status = 'stopping';
  process.stoppingAt = now;
  process.stopRequestedAt = now;
  process.pendingTerminationAt = now + Math.max(0, stopDelayMs);
  settleProcess(process, now);
}

function terminate(process: ProcessState, at: number): void {
  process.status = 'stopped';
  process.terminatedAt = at;
  process.pendingTerminationAt = null;
  for (const room of process.rooms) if (room.unscheduledAt === null) room.unscheduledAt = at;
  process.roomsAllocated = 0;
  process.roomsAllocatedUpdatedAt = at;
  process.roomSlotsAvailable = process.roomsPerProcess;
  process.roomSlotsAvailableUpdatedAt = at;
  process.activeConnections = 0;
  process.activeConnectionsUpdatedAt = at;
  process.idleSince = null;
  if (process.reportsExitReason) process.summaryExitReason = 'exited with code 0';
}

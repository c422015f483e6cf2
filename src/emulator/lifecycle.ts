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

// When each app next has a stop to apply. Every request settles its app, and a big app has
// thousands of processes: scanning them all each time was a tenth of the emulator's time per
// request, so the scan is skipped until the earliest pending stop is due.
const nextStopDue = new WeakMap<AppState, number>();

/** Applies pending stops to every process of an app. */
export function settleApp(app: AppState, now: number): void {
  const due = nextStopDue.get(app);
  if (due !== undefined && now < due) return;
  let earliest = Number.POSITIVE_INFINITY;
  for (const process of app.processes) {
    settleProcess(process, now);
    if (process.pendingTerminationAt !== null && process.pendingTerminationAt < earliest) earliest = process.pendingTerminationAt;
  }
  nextStopDue.set(app, earliest);
}

/** Starts stopping a process of `app`: it is `stopping` now and `stopped` after `stopDelayMs`; a no-op once stopping or ended. */
export function requestStop(app: AppState, process: ProcessState, now: number, stopDelayMs: number): void {
  settleProcess(process, now);
  if (isTerminal(process.status) || process.status === 'stopping') return;
  process.status = 'stopping';
  process.stoppingAt = now;
  process.stopRequestedAt = now;
  process.pendingTerminationAt = now + Math.max(0, stopDelayMs);
  // The app's next stop may now come sooner than the one settleApp remembered.
  nextStopDue.delete(app);
  settleProcess(process, now);
}

/** Makes a process that is already `stopping` reach `stopped` at `at` (the world's own stops). */
export function finishStopAt(app: AppState, process: ProcessState, at: number): void {
  if (process.status !== 'stopping' || process.pendingTerminationAt !== null) return;
  process.pendingTerminationAt = at;
  nextStopDue.delete(app);
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

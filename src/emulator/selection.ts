// Which processes a listing returns and in what order. Every list holds at most 10 items, newest
// first, as the real API's lists do.
import { isTerminal, type ProcessStatus, type Region } from './enums.js';
import type { ProcessState } from './model.js';

/** The most items any process listing returns. */
export const LIST_LIMIT = 10;

/** Filters shared by the v2/v3 listings and counts. */
export interface ProcessFilter {
  statuses: ProcessStatus[];
  regions: Region[];
  /** Only processes created strictly before this instant (epoch ms). */
  before?: number;
}

/** The processes that pass `filter` (empty status/region lists mean "any"). */
export function filterProcesses(processes: readonly ProcessState[], filter: ProcessFilter): ProcessState[] {
  return processes.filter(
    (p) =>
      (filter.statuses.length === 0 || filter.statuses.includes(p.status)) &&
      (filter.regions.length === 0 || filter.regions.includes(p.region)) &&
      (filter.before === undefined || p.createdAt < filter.before),
  );
}

function newestFirst(processes: readonly ProcessState[], key: (p: ProcessState) => number): ProcessState[] {
  const order = (a: ProcessState, b: ProcessState): number => key(b) - key(a) || a.processId.localeCompare(b.processId);
  // Keep only the best LIST_LIMIT while scanning: sorting every match made each request of a big
  // app (thousands of processes) cost milliseconds of emulator time, which would skew benchmarks.
  const best: ProcessState[] = [];
  for (const process of processes) {
    const last = best[best.length - 1];
    if (best.length === LIST_LIMIT && last !== undefined && order(process, last) >= 0) continue;
    let at = best.length;
    while (at > 0 && order(process, best[at - 1] as ProcessState) < 0) at -= 1;
    best.splice(at, 0, process);
    if (best.length > LIST_LIMIT) best.pop();
  }
  return best;
}

// Each app's processes newest first by creation (createdAt never changes), rebuilt only when the
// list's length does: a big app's `latest` pages then scan from the cursor on, not every process.
const byCreation = new WeakMap<readonly ProcessState[], { length: number; sorted: ProcessState[] }>();

function sortedByCreation(processes: readonly ProcessState[]): ProcessState[] {
  const cached = byCreation.get(processes);
  if (cached !== undefined && cached.length === processes.length) return cached.sorted;
  const sorted = [...processes].sort((a, b) => b.createdAt - a.createdAt || a.processId.localeCompare(b.processId));
  byCreation.set(processes, { length: processes.length, sorted });
  return sorted;
}

/** The 10 most recently created processes that pass the filter (v2/v3 latest). */
export function latestProcesses(processes: readonly ProcessState[], filter: ProcessFilter): ProcessState[] {
  const sorted = sortedByCreation(processes);
  // The first process created strictly before `before`.
  let at = 0;
  if (filter.before !== undefined) {
    let hi = sorted.length;
    while (at < hi) {
      const mid = (at + hi) >> 1;
      if ((sorted[mid] as ProcessState).createdAt >= filter.before) at = mid + 1;
      else hi = mid;
    }
  }
  const out: ProcessState[] = [];
  for (; at < sorted.length && out.length < LIST_LIMIT; at += 1) {
    const p = sorted[at] as ProcessState;
    if ((filter.statuses.length === 0 || filter.statuses.includes(p.status)) && (filter.regions.length === 0 || filter.regions.includes(p.region))) out.push(p);
  }
  return out;
}

/** The 10 most recently started processes that have not ended (v1 running list). */
export function runningProcessesV1(processes: readonly ProcessState[], region: Region | undefined): ProcessState[] {
  const alive = processes.filter((p) => !isTerminal(p.status) && (region === undefined || p.region === region));
  return newestFirst(alive, (p) => p.startedAt ?? p.createdAt);
}

/** The 10 most recently ended processes, stopped or failed (v1 stopped list). */
export function stoppedProcessesV1(processes: readonly ProcessState[], region: Region | undefined): ProcessState[] {
  const ended = processes.filter((p) => isTerminal(p.status) && (region === undefined || p.region === region));
  return newestFirst(ended, (p) => p.terminatedAt ?? p.createdAt);
}

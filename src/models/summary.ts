// An app's processes summed up per region: pure arithmetic over what the API answered, so every
// figure can be checked by hand against the listings and counts it came from.
import type { AllocationCheck } from './allocation.js';
import { numberProblemOf } from './counts.js';
import { ACTIVE_PROCESS_STATUSES, PROCESS_STATUSES } from './enums.js';

/** The few fields of a v3 process the summary reads. */
export interface SummaryProcess {
  region: string;
  status: string;
  deploymentId: string;
  roomsAllocated: number;
  roomsPerProcess: number;
  summaryExitReason?: string | undefined;
}

/** What the summary is computed from. */
export interface SummaryInput {
  appId: string;
  /** Every live process (starting, running, draining, stopping). */
  live: readonly SummaryProcess[];
  /** The most recent failed processes (perhaps not all of them). */
  failed: readonly SummaryProcess[];
  /** Count endpoint per status, app-wide. */
  statusTotals: Readonly<Record<string, number>>;
  /** Count endpoint per region for the ended statuses (stopped, failed): region → status → count. */
  endedByRegion: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The app's newest deployment, or null when it has none (or it could not be read). */
  newestDeploymentId: string | null;
}

/** Live processes of one deployment in one region. */
export interface DeploymentUse {
  deploymentId: string;
  processes: number;
  /** True for the app's newest deployment; false flags processes on an older one. */
  newest: boolean;
}

/** Failed processes with one exit reason. */
export interface ExitReasonGroup {
  /** The API's summaryExitReason, or null when the process reported none. */
  reason: string | null;
  count: number;
  /** Regions these processes ran in, sorted. */
  regions: string[];
}

/** The figures of one region (or of the whole app). */
export interface RegionFigures {
  /** Processes per status: the six known ones, always present. */
  counts: Record<string, number>;
  /** Processes that have not ended: starting + running + draining + stopping. */
  live: number;
  roomsAllocated: number;
  /** Σ roomsPerProcess over the live processes (= rooms per process × live processes for one deployment). */
  capacity: number;
  /** 100 × roomsAllocated / capacity, one decimal; null when there is no capacity. */
  utilisationPercent: number | null;
  /** Live processes not on the newest deployment (0 when the newest is unknown). */
  notOnNewest: number;
  deployments: DeploymentUse[];
  failedByReason: ExitReasonGroup[];
  /** Present only when the API sent numbers outside their meaning: what the figures above leave out. */
  leftOut?: LeftOut;
}

/** Numbers no total may include: shown as sent where they stand, flagged, and left out of every sum. */
export interface LeftOut {
  /** Statuses whose count is negative, fractional or unsafe: kept in `counts`, left out of `live`. */
  statuses: string[];
  /** Live processes whose roomsAllocated or roomsPerProcess is not a count: left out of rooms, capacity and utilisation. */
  roomProcesses: number;
}

/** One region's figures, named. */
export interface RegionSummary extends RegionFigures {
  region: string;
}

/** The whole summary: also the JSON that `hproc summary --json` prints. */
export interface AppSummary {
  appId: string;
  newestDeploymentId: string | null;
  /** App-wide: counts from the count endpoint, the rest from the live listing. */
  total: RegionFigures;
  /** Regions that have at least one process in any status, sorted by name. */
  regions: RegionSummary[];
  /** How many failed processes the exit-reason groups cover, of how many failed in all. */
  failedExamined: number;
  /**
   * Each region of the app's static process allocation beside what runs there; null when the app
   * has no service config, absent when it could not be read.
   */
  staticAllocation?: AllocationCheck[] | null;
}

const ACTIVE: readonly string[] = ACTIVE_PROCESS_STATUSES;

function zeroCounts(): Record<string, number> {
  return Object.fromEntries(PROCESS_STATUSES.map((s) => [s, 0]));
}

function percent(rooms: number, capacity: number): number | null {
  return capacity === 0 ? null : Math.round((1000 * rooms) / capacity) / 10;
}

function deploymentsOf(live: readonly SummaryProcess[], newest: string | null): DeploymentUse[] {
  const counts = new Map<string, number>();
  for (const p of live) counts.set(p.deploymentId, (counts.get(p.deploymentId) ?? 0) + 1);
  return [...counts]
    .map(([deploymentId, processes]) => ({ deploymentId, processes, newest: deploymentId === newest }))
    // Newest first, then the most used, then by id so the order is stable.
    .sort((a, b) => Number(b.newest) - Number(a.newest) || b.processes - a.processes || a.deploymentId.localeCompare(b.deploymentId));
}

function reasonsOf(failed: readonly SummaryProcess[]): ExitReasonGroup[] {
  const groups = new Map<string | null, { count: number; regions: Set<string> }>();
  for (const p of failed) {
    const reason = p.summaryExitReason ?? null;
    const group = groups.get(reason) ?? { count: 0, regions: new Set<string>() };
    group.count += 1;
    group.regions.add(p.region);
    groups.set(reason, group);
  }
  return [...groups]
    .map(([reason, g]) => ({ reason, count: g.count, regions: [...g.regions].sort() }))
    .sort((a, b) => b.count - a.count || (a.reason ?? '\uffff').localeCompare(b.reason ?? '\uffff'));
}

function figures(counts: Record<string, number>, live: readonly SummaryProcess[], failed: readonly SummaryProcess[], newest: string | null): RegionFigures {
  // A total that took in a negative or fractional count would contradict the rows beside it.
  const summed = live.filter((p) => numberProblemOf(p.roomsAllocated) === null && numberProblemOf(p.roomsPerProcess) === null);
  const roomsAllocated = summed.reduce((sum, p) => sum + p.roomsAllocated, 0);
  const capacity = summed.reduce((sum, p) => sum + p.roomsPerProcess, 0);
  const badStatuses = Object.keys(counts).filter((s) => numberProblemOf(counts[s] ?? 0) !== null);
  const roomProcesses = live.length - summed.length;
  return {
    counts,
    live: ACTIVE.reduce((sum, s) => sum + (badStatuses.includes(s) ? 0 : (counts[s] ?? 0)), 0),
    roomsAllocated,
    capacity,
    utilisationPercent: percent(roomsAllocated, capacity),
    notOnNewest: newest === null ? 0 : live.filter((p) => p.deploymentId !== newest).length,
    deployments: deploymentsOf(live, newest),
    failedByReason: reasonsOf(failed),
    ...(badStatuses.length > 0 || roomProcesses > 0 ? { leftOut: { statuses: badStatuses, roomProcesses } } : {}),
  };
}

/** Sums up an app's processes per region and in total. */
export function summarise(input: SummaryInput): AppSummary {
  const regionNames = new Set<string>([...input.live.map((p) => p.region), ...input.failed.map((p) => p.region)]);
  for (const [region, byStatus] of Object.entries(input.endedByRegion)) {
    if (Object.values(byStatus).some((n) => n > 0)) regionNames.add(region);
  }
  const regions = [...regionNames].sort().map((region): RegionSummary => {
    const live = input.live.filter((p) => p.region === region);
    const counts = zeroCounts();
    for (const p of live) counts[p.status] = (counts[p.status] ?? 0) + 1;
    for (const [status, n] of Object.entries(input.endedByRegion[region] ?? {})) counts[status] = n;
    const failed = input.failed.filter((p) => p.region === region);
    return { region, ...figures(counts, live, failed, input.newestDeploymentId) };
  });
  const totalCounts = zeroCounts();
  for (const [status, n] of Object.entries(input.statusTotals)) totalCounts[status] = n;
  return {
    appId: input.appId,
    newestDeploymentId: input.newestDeploymentId,
    total: figures(totalCounts, input.live, input.failed, input.newestDeploymentId),
    regions,
    failedExamined: input.failed.length,
  };
}

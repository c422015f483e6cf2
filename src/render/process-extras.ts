// What `hproc show` adds to a process for a person: its active rooms, the latest metrics sample,
// its deployment's requests and idle timeout, and whether it has been idle past that timeout.
import { markedNumber } from '../models/counts.js';
import type { DeploymentV3 } from '../models/deployment.js';
import type { Fleet } from '../models/fleet.js';
import type { RoomWithoutAllocations } from '../models/room.js';
import type { ProcessView } from '../models/normalise.js';
import type { DetailRow, DetailSection } from './detail.js';
import { formatBytes, formatDuration, formatRelative, formatTimestamp } from './format.js';
import { seriesStats, unitOf, type Sample } from './metric-stats.js';
import { fleetSection } from './fleets.js';
import type { TimeStyle } from './process-columns.js';

/** Hathora stops a process that has had no new connections or rooms for this long, when its deployment enables the idle timeout. */
export const IDLE_TIMEOUT_MS = 5 * 60_000;

/** Most active rooms listed by id in the detail view. */
export const ROOMS_LISTED = 10;

/** The extra answers `show` fetched beside the process; null where a call was not made or failed. */
export interface ProcessExtras {
  rooms: RoomWithoutAllocations[] | null;
  /** The metric series over the window, by v3 metric name. */
  metrics: { readonly [name: string]: readonly Sample[] | undefined } | null;
  /** The metrics window, Unix seconds. */
  metricsWindow: { start: number; end: number; step: number } | null;
  deployment: DeploymentV3 | null;
  /** The fleet the process runs in (v3 processes that name one); absent or null when not fetched. */
  fleet?: Fleet | null;
}

/** No extras: the detail view of the process alone. */
export const NO_EXTRAS: ProcessExtras = { rooms: null, metrics: null, metricsWindow: null, deployment: null, fleet: null };

/** Whether and since when a process has been idle: no active rooms and no connections. */
export interface Idleness {
  /** Epoch milliseconds the idle stretch began, or its lower bound when `atLeast`. */
  sinceMs: number;
  /** True when the process was idle for the whole window seen, so it may have been idle longer. */
  atLeast: boolean;
}

/**
 * Reads idleness from what v3 offers (it has no idleSince): the process must be running with no
 * active rooms, and its activeConnections samples must end in a run of zeros; the stretch began at
 * the first zero of that run, or at the window's start (or the start of the process) if every
 * sample is zero. Null when it is not idle or the data cannot tell (no samples).
 */
export function idlenessOf(view: ProcessView, activeRooms: number | null, connections: readonly Sample[] | undefined, windowStartSec: number): Idleness | null {
  if (view.status !== 'running' || view.terminatedAt !== null) return null;
  if ((activeRooms ?? view.roomsAllocated) > 0 || view.roomsAllocated > 0) return null;
  if (connections === undefined) return null;
  const ordered = [...connections].sort((a, b) => a.timestamp - b.timestamp);
  const last = ordered.at(-1);
  if (last === undefined || last.value > 0) return null;
  let firstZero: number | null = null;
  for (let i = ordered.length - 1; i >= 0 && (ordered[i] as Sample).value === 0; i -= 1) firstZero = (ordered[i] as Sample).timestamp;
  const busyBefore = ordered.length > 0 && firstZero !== null && (ordered[0] as Sample).timestamp < firstZero;
  const started = view.startedAt === null ? Number.NaN : Date.parse(view.startedAt);
  if (busyBefore && firstZero !== null) return { sinceMs: firstZero * 1000, atLeast: false };
  const windowStartMs = windowStartSec * 1000;
  if (!Number.isNaN(started) && started >= windowStartMs) return { sinceMs: started, atLeast: false };
  return { sinceMs: windowStartMs, atLeast: true };
}

function when(iso: string, style: TimeStyle): string {
  const absolute = formatTimestamp(iso);
  return style.relative ? `${absolute} (${formatRelative(iso, style.now)})` : absolute;
}

function latestOf(metrics: ProcessExtras['metrics'], name: string): Sample | null {
  const series = metrics?.[name];
  return series === undefined ? null : (seriesStats(series)?.latest ?? null);
}

/** The status row that marks an idle process, or null when it is not idle. */
export function idleRow(view: ProcessView, extras: ProcessExtras, now: Date): DetailRow | null {
  if (extras.metrics === null || extras.metricsWindow === null) return null;
  const idle = idlenessOf(view, extras.rooms?.length ?? null, extras.metrics['activeConnections'], extras.metricsWindow.start);
  if (idle === null) return null;
  const forMs = Math.max(0, now.getTime() - idle.sinceMs);
  const value = `yes, for ${idle.atLeast ? 'at least ' : ''}${forMs < 60_000 ? 'under a minute' : formatDuration(forMs)}: no active rooms, no connections`;
  const timeout = extras.deployment?.idleTimeoutEnabled;
  if (forMs < IDLE_TIMEOUT_MS) return { key: 'idle', value };
  if (timeout === true) {
    return { key: 'idle', value, note: 'past the 5m idle timeout its deployment enables: Hathora stops idle processes', warn: true };
  }
  return { key: 'idle', value, note: timeout === false ? 'past 5m, but its deployment disables the idle timeout' : 'past 5m; the idle timeout setting is unknown' };
}

function percentOf(part: number, whole: number): string {
  return whole > 0 ? ` (${Math.round((100 * part) / whole)}% of ${whole === Math.round(whole) ? whole : whole.toFixed(2)})` : '';
}

/** The sections `show` adds after the process's own: rooms, metrics and deployment, each only when fetched. */
export function extraSections(view: ProcessView, extras: ProcessExtras, style: TimeStyle): DetailSection[] {
  const sections: DetailSection[] = [];
  if (extras.rooms !== null) {
    const rows: DetailRow[] = [{ key: 'active', value: String(extras.rooms.length), note: 'rooms v2 active list' }];
    for (const room of extras.rooms.slice(0, ROOMS_LISTED)) {
      const at = room.currentAllocation?.scheduledAt;
      rows.push({ key: room.roomId, value: `${room.status}${at === undefined ? '' : `, scheduled ${when(at, style)}`}` });
    }
    if (extras.rooms.length > ROOMS_LISTED) rows.push({ key: '…', value: `${extras.rooms.length - ROOMS_LISTED} more: hproc rooms ${view.processId}` });
    sections.push({ title: 'Rooms', rows });
  }
  if (extras.metrics !== null) {
    const rows: DetailRow[] = [];
    const requestedCpu = extras.deployment?.requestedCPU ?? 0;
    const requestedMb = extras.deployment?.requestedMemoryMB ?? 0;
    const cpu = latestOf(extras.metrics, 'cpu');
    if (cpu !== null) rows.push({ key: 'cpu', value: `${unitOf('cpu').format(cpu.value)} cores${percentOf(cpu.value, requestedCpu)}` });
    const memory = latestOf(extras.metrics, 'memory');
    if (memory !== null) {
      const unit = unitOf('memory', extras.metrics['memory']?.map((s) => s.value));
      const bytes = unit.bytesOf?.(memory.value) ?? memory.value;
      const requestedBytes = requestedMb * 1024 * 1024;
      const requested = requestedMb > 0 ? ` (${Math.round((100 * bytes) / requestedBytes)}% of ${formatBytes(requestedBytes)})` : '';
      rows.push({ key: 'memory', value: `${unit.format(memory.value)}${requested}` });
    }
    const connections = latestOf(extras.metrics, 'activeConnections');
    if (connections !== null) rows.push({ key: 'connections', value: unitOf('activeConnections').format(connections.value) });
    const rate = latestOf(extras.metrics, 'rateEgress');
    if (rate !== null) rows.push({ key: 'egress rate', value: unitOf('rateEgress').format(rate.value) });
    const total = latestOf(extras.metrics, 'totalEgress');
    if (total !== null) rows.push({ key: 'egress total', value: unitOf('totalEgress').format(total.value) });
    const newest = Math.max(...[cpu, memory, connections, rate, total].map((s) => s?.timestamp ?? -Infinity));
    if (Number.isFinite(newest)) rows.push({ key: 'sampled', value: when(new Date(newest * 1000).toISOString(), style), note: 'latest v3 metrics sample' });
    else rows.push({ key: 'latest', value: 'no samples in the last 15m' });
    sections.push({ title: 'Metrics', rows });
  }
  if (extras.deployment !== null) {
    const d = extras.deployment;
    sections.push({
      title: 'Deployment',
      rows: [
        { key: 'id', value: d.deploymentId },
        ...(d.buildTag === undefined ? [] : [{ key: 'build tag', value: d.buildTag }]),
        { key: 'requested cpu', value: `${d.requestedCPU} cores` },
        { key: 'requested memory', value: `${d.requestedMemoryMB} MB (${formatBytes(d.requestedMemoryMB * 1024 * 1024)})` },
        { key: 'rooms/process', value: markedNumber(d.roomsPerProcess) },
        { key: 'idle timeout', value: d.idleTimeoutEnabled ? 'enabled: stopped after 5m with no new connections or rooms' : 'disabled' },
      ],
    });
  }
  if (extras.fleet !== undefined && extras.fleet !== null) sections.push(fleetSection(extras.fleet, view.region, style));
  return sections;
}

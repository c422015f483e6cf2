import type { ProcessView } from '../models/normalise.js';
import { formatBytes, formatRelative } from './format.js';
import { formatMinute, formatTableTime, type TimeStyle } from './records.js';
import type { Column } from './table.js';

export type { TimeStyle };

/** `host:port/transport`, the way a player's client would dial it. */
export function formatAddress(port: ProcessView['exposedPort']): string {
  return port === null ? '' : `${port.host}:${port.port}/${port.transportType}`;
}

function time(iso: string | null, style: TimeStyle): string {
  if (iso === null) return '';
  return formatTableTime(iso, style);
}

// Column priorities (table.ts): 0 is never dropped; on a narrow terminal the highest number goes
// first. The README's "What fits" section says what this gives at 80 and 120 columns.

/**
 * The default columns of `hproc list`. On a terminal the creation time is two columns, CREATED
 * (absolute, to the minute) and AGE (relative), so that each can give way alone; piped, CREATED
 * is RFC 3339 and there is no AGE.
 */
export function processColumns(style: TimeStyle): Column<ProcessView>[] {
  const columns: Column<ProcessView>[] = [
    { header: 'PROCESS ID', value: (p) => p.processId },
    { header: 'STATUS', value: (p) => p.status, style: (text, p, theme) => theme.status(p.status, text) },
    { header: 'REGION', value: (p) => p.region, priority: 1 },
    // A negative count is shown as sent, marked in words (not only colour) so it cannot pass for a real figure.
    {
      header: 'ROOMS',
      value: (p) => `${p.roomsAllocated}/${p.roomsPerProcess}${p.roomsAllocated < 0 || p.roomsPerProcess < 0 ? ' ⚠' : ''}`,
      align: 'right',
      style: (text, p, theme) => (p.roomsAllocated < 0 || p.roomsPerProcess < 0 ? theme.warn(text) : text),
      priority: 2,
    },
    { header: 'ADDRESS', value: (p) => formatAddress(p.exposedPort), priority: 3 },
  ];
  if (!style.relative) {
    columns.push({ header: 'CREATED', value: (p) => time(p.createdAt, style), priority: 4 });
    return columns;
  }
  columns.push(
    { header: 'CREATED', value: (p) => (p.createdAt === null ? '' : formatMinute(p.createdAt)), priority: 4 },
    { header: 'AGE', value: (p) => (p.createdAt === null ? '' : formatRelative(p.createdAt, style.now)), priority: 5 },
  );
  return columns;
}

/** The wide column header of the v1/v2 integer `deploymentId`, a number rather than the deployment's id. */
export const LEGACY_DEPLOYMENT_HEADER = 'DEPLOY NO.';

/**
 * The columns of `hproc list -o wide`: everything the generation has, every time absolute and
 * relative. A wide table is never fitted to the terminal (nothing is dropped or cut); the
 * priorities serve the watch screen, which must fit.
 */
export function wideProcessColumns(style: TimeStyle, generation: 'v1' | 'v2' | 'v3'): Column<ProcessView>[] {
  const columns = processColumns({ ...style, relative: false }).map((column) =>
    column.header === 'CREATED' ? { ...column, value: (p: ProcessView) => time(p.createdAt, style) } : column,
  );
  columns.push(
    // v1/v2 carry a deployment number that Hathora's CLI calls invalid for apps on v3 deployments:
    // its header does not call it the deployment.
    { header: generation === 'v3' ? 'DEPLOYMENT' : LEGACY_DEPLOYMENT_HEADER, value: (p) => String(p.deploymentId), priority: 6 },
    { header: 'STARTED', value: (p) => time(p.startedAt, style), priority: 7 },
    { header: 'TERMINATED', value: (p) => time(p.terminatedAt, style), priority: 8 },
  );
  if (generation === 'v3') {
    columns.push(
      { header: 'FLEET', value: (p) => p.fleetId ?? '', priority: 9 },
      { header: 'HOSTING', value: (p) => p.hosting ?? '', priority: 10 },
      { header: 'EXIT REASON', value: (p) => p.summaryExitReason ?? '', priority: 11, shorten: true, minWidth: 16 },
    );
  }
  if (generation === 'v1') {
    columns.push(
      { header: 'EGRESS', value: (p) => (p.egressedBytes === null ? '' : `${formatBytes(p.egressedBytes)}${p.egressedBytes < 0 ? ' ⚠' : ''}`), align: 'right', priority: 9 },
      // Deprecated on the wire; the header says so in words, not only in colour.
      { header: 'CONNECTIONS (DEPRECATED)', value: (p) => (p.activeConnections === null ? '' : `${p.activeConnections}${p.activeConnections < 0 ? ' ⚠' : ''}`), align: 'right', priority: 10 },
    );
  }
  return columns;
}

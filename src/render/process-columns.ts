import type { ProcessView } from '../models/normalise.js';
import { formatBytes, formatRelative } from './format.js';
import { formatTableTime, type TimeStyle } from './records.js';
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

// On a narrow terminal the relative half alone says enough; piped output never gets here.
function compactTime(iso: string | null, style: TimeStyle): string {
  if (iso === null) return '';
  return style.relative ? formatRelative(iso, style.now) : formatTableTime(iso, style);
}

/** The default columns of `hproc list`. */
export function processColumns(style: TimeStyle): Column<ProcessView>[] {
  return [
    { header: 'PROCESS ID', value: (p) => p.processId },
    { header: 'STATUS', value: (p) => p.status, style: (text, p, theme) => theme.status(p.status, text) },
    { header: 'REGION', value: (p) => p.region },
    // A negative count is shown as sent, marked in words (not only colour) so it cannot pass for a real figure.
    {
      header: 'ROOMS',
      value: (p) => `${p.roomsAllocated}/${p.roomsPerProcess}${p.roomsAllocated < 0 || p.roomsPerProcess < 0 ? ' ⚠' : ''}`,
      align: 'right',
      style: (text, p, theme) => (p.roomsAllocated < 0 || p.roomsPerProcess < 0 ? theme.warn(text) : text),
    },
    { header: 'ADDRESS', value: (p) => formatAddress(p.exposedPort), shrinkable: true },
    { header: 'CREATED', value: (p) => time(p.createdAt, style), compact: (p) => compactTime(p.createdAt, style) },
  ];
}

/** The columns of `hproc list -o wide`: everything the generation has that fits on one line. */
export function wideProcessColumns(style: TimeStyle, generation: 'v1' | 'v2' | 'v3'): Column<ProcessView>[] {
  const columns = processColumns(style);
  columns.push(
    { header: 'DEPLOYMENT', value: (p) => String(p.deploymentId), shrinkable: true },
    { header: 'STARTED', value: (p) => time(p.startedAt, style), compact: (p) => compactTime(p.startedAt, style) },
    { header: 'TERMINATED', value: (p) => time(p.terminatedAt, style), compact: (p) => compactTime(p.terminatedAt, style) },
  );
  if (generation === 'v3') {
    columns.push(
      { header: 'FLEET', value: (p) => p.fleetId ?? '', shrinkable: true },
      { header: 'HOSTING', value: (p) => p.hosting ?? '' },
      { header: 'EXIT REASON', value: (p) => p.summaryExitReason ?? '', shrinkable: true },
    );
  }
  if (generation === 'v1') {
    columns.push(
      { header: 'EGRESS', value: (p) => (p.egressedBytes === null ? '' : `${formatBytes(p.egressedBytes)}${p.egressedBytes < 0 ? ' ⚠' : ''}`), align: 'right' },
      // Deprecated on the wire; the header says so in words, not only in colour.
      { header: 'CONNECTIONS (DEPRECATED)', value: (p) => (p.activeConnections === null ? '' : `${p.activeConnections}${p.activeConnections < 0 ? ' ⚠' : ''}`), align: 'right' },
    );
  }
  return columns;
}

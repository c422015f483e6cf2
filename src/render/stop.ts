// What `hproc stop` shows: the confirmation (on stderr, before anything is sent) and the outcome.
import type { ProcessV3 } from '../models/process-v3.js';
import { formatDuration, formatRelative } from './format.js';
import { sanitizeCell } from './sanitize.js';
import type { Theme } from './theme.js';

/** The deprecated v1 connection count, when the API still reports it. */
export interface KnownConnections {
  count: number;
  updatedAt: string | null;
}

/** The lines shown before asking whether to stop a process. */
export function renderStopConfirmation(process: ProcessV3, connections: KnownConnections | undefined, now: Date, theme: Theme): string {
  const rows: [string, string][] = [
    ['app', sanitizeCell(process.appId)],
    ['region', sanitizeCell(process.region)],
    ['status', theme.status(process.status, sanitizeCell(process.status)) + (process.startedAt === null ? '' : `, started ${formatRelative(process.startedAt, now)}`)],
    ['rooms', `${process.roomsAllocated} allocated of ${process.roomsPerProcess} per process`],
    [
      'connections',
      connections === undefined
        ? 'unknown'
        : `${connections.count} (deprecated v1 field activeConnections${connections.updatedAt === null ? '' : `, updated ${formatRelative(connections.updatedAt, now)}`})`,
    ],
  ];
  const width = Math.max(...rows.map(([key]) => key.length));
  const body = rows.map(([key, value]) => `  ${key.padEnd(width)}  ${value}`).join('\n');
  const warning = process.roomsAllocated > 0 ? `\n${theme.warn(`  players in its ${process.roomsAllocated} room${process.roomsAllocated === 1 ? '' : 's'} will be disconnected`)}` : '';
  return `${theme.bold(`Stop process ${sanitizeCell(process.processId)}?`)}\n${body}${warning}\n`;
}

/** The outcome of a stop, one line for stdout. */
export function renderStopOutcome(
  process: ProcessV3,
  outcome: { sent: boolean; waitedMs: number | undefined },
  theme: Theme,
): string {
  const id = sanitizeCell(process.processId);
  const status = theme.status(process.status, sanitizeCell(process.status));
  if (!outcome.sent) {
    return outcome.waitedMs === undefined
      ? `process ${id} is already ${status}; no stop was sent\n`
      : `process ${id} is ${status} (it was already stopping; no stop was sent)\n`;
  }
  if (outcome.waitedMs !== undefined) return `process ${id} is ${status} (stop requested ${formatDuration(outcome.waitedMs)} ago)\n`;
  return `process ${id} is ${status} (stop requested)\n`;
}

// `hproc summary`: an app's processes per region, its deployments in use and why processes failed.
import { INVALID_MARK, markedNumber, numberProblemOf } from '../models/counts.js';
import type { AppSummary, DeploymentUse, ExitReasonGroup, RegionFigures } from '../models/summary.js';
import { renderAllocationSection } from './allocation.js';
import { renderJson } from './json.js';
import type { Rendered, RenderTarget } from './process-list.js';
import { sanitizeCell } from './sanitize.js';
import { renderTable, type Column } from './table.js';
import { createTheme } from './theme.js';

type Row = RegionFigures & { region: string };

const STATUS_COLUMNS = ['starting', 'running', 'draining', 'stopping', 'stopped', 'failed'] as const;

/** Utilisation as shown: one decimal and a percent sign, `-` without capacity. */
export function formatUtilisation(percent: number | null): string {
  return percent === null ? '' : `${percent.toFixed(1)}%`;
}

function statusColumns(): Column<Row>[] {
  return [
    { header: 'REGION', value: (r) => r.region },
    ...STATUS_COLUMNS.map((status): Column<Row> => ({
      header: status.toUpperCase(),
      value: (r) => markedNumber(r.counts[status] ?? 0),
      align: 'right',
      style: (text, r, theme) => ((r.counts[status] ?? 0) > 0 ? theme.status(status, text) : text),
    })),
  ];
}

const ACTIVE_COLUMNS = ['starting', 'running', 'draining', 'stopping'] as const;

// A figure that leaves something out is marked like one that is wrong: the line under the table says which.
function leftOutMark(text: string, leftOut: boolean): string {
  return leftOut && !text.endsWith(INVALID_MARK) ? `${text} ${INVALID_MARK}` : text;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The lines under the status table that say what its marks mean; none for a well-formed answer. */
export function statusFootnotes(rows: readonly Row[]): string[] {
  const bad = rows.reduce((n, r) => n + (r.leftOut?.statuses.length ?? 0), 0);
  if (bad === 0) return [];
  return [`${INVALID_MARK} ${plural(bad, 'count', 'counts')} from the API not a whole number of processes (negative, fractional or beyond 2^53 − 1): shown as sent, left out of LIVE`];
}

/** The lines under the capacity table that say what its marks mean; none for a well-formed answer. */
export function capacityFootnotes(rows: readonly Row[], total: RegionFigures): string[] {
  const lines: string[] = [];
  const bad = total.leftOut?.roomProcesses ?? 0;
  if (bad > 0) lines.push(`${INVALID_MARK} ${plural(bad, 'live process', 'live processes')} with an invalid room count (negative) left out of ROOMS, CAPACITY and UTIL`);
  if (rows.some((r) => [r.live, r.roomsAllocated, r.capacity].some((n) => numberProblemOf(n) === 'unsafe'))) {
    lines.push(`${INVALID_MARK} a total beyond 2^53 − 1 is not exact`);
  }
  return lines;
}

function withFootnotes(table: string, lines: readonly string[]): string {
  return lines.length === 0 ? table : `${table}${lines.join('\n')}\n`;
}

function capacityColumns(): Column<Row>[] {
  return [
    { header: 'REGION', value: (r) => r.region },
    { header: 'LIVE', value: (r) => leftOutMark(markedNumber(r.live), ACTIVE_COLUMNS.some((s) => r.leftOut?.statuses.includes(s) === true)), align: 'right' },
    { header: 'ROOMS', value: (r) => leftOutMark(markedNumber(r.roomsAllocated), (r.leftOut?.roomProcesses ?? 0) > 0), align: 'right' },
    { header: 'CAPACITY', value: (r) => leftOutMark(markedNumber(r.capacity), (r.leftOut?.roomProcesses ?? 0) > 0), align: 'right' },
    { header: 'UTIL', value: (r) => formatUtilisation(r.utilisationPercent), align: 'right' },
    { header: 'NOT NEWEST', value: (r) => String(r.notOnNewest), align: 'right', style: (text, r, theme) => (r.notOnNewest > 0 ? theme.warn(text) : text) },
  ];
}

type DeploymentRow = DeploymentUse & { region: string };

function deploymentColumns(): Column<DeploymentRow>[] {
  return [
    { header: 'REGION', value: (r) => r.region },
    // Deployment ids are never cut; the note is what gives way, and it is short enough for 80 columns.
    { header: 'DEPLOYMENT', value: (r) => r.deploymentId },
    { header: 'PROCESSES', value: (r) => String(r.processes), align: 'right' },
    { header: 'NOTE', value: (r) => (r.newest ? 'newest' : '⚠ not newest'), style: (text, r, theme) => (r.newest ? text : theme.warn(text)), shorten: true },
  ];
}

function reasonColumns(): Column<ExitReasonGroup>[] {
  return [
    { header: 'COUNT', value: (g) => String(g.count), align: 'right' },
    // A long list of regions gives way before the reason does.
    { header: 'EXIT REASON', value: (g) => g.reason ?? '(none reported)', shorten: true, minWidth: 16 },
    { header: 'REGIONS', value: (g) => g.regions.join(','), priority: 1, shorten: true, minWidth: 12 },
  ];
}

/** Renders a summary: its JSON, or tables (statuses and capacity per region, deployments in use, failure reasons). */
export function renderSummary(summary: AppSummary, target: RenderTarget): Rendered {
  if (target.format === 'json' || target.format === 'ndjson') {
    return { stdout: target.format === 'json' ? renderJson(summary, target.stdoutIsTTY) : JSON.stringify(summary) + '\n', notes: [] };
  }
  const theme = createTheme(target.colour);
  // Two narrow tables rather than one wide one, so both fit an 80-column terminal; free text
  // (notes, reasons, regions) gives way on a terminal only, ids never.
  const options = { theme, width: undefined, headers: true };
  const fitted = { theme, width: target.stdoutIsTTY ? target.width : undefined, headers: true, mask: target.mask };
  const out: string[] = [];
  const newest = summary.newestDeploymentId === null ? 'unknown' : sanitizeCell(summary.newestDeploymentId);
  out.push(theme.bold(`app ${summary.appId}`), theme.dim(`newest deployment ${newest}`), '');
  const rows: Row[] = [...summary.regions, { region: 'TOTAL', ...summary.total }];
  out.push(theme.heading('Processes by status'), withFootnotes(renderTable(statusColumns(), rows, options), statusFootnotes(rows)));
  out.push(
    theme.heading('Rooms against capacity (rooms per process of each live process)'),
    withFootnotes(renderTable(capacityColumns(), rows, options), capacityFootnotes(rows, summary.total)),
  );
  out.push(...renderAllocationSection(summary.staticAllocation, theme));

  const deployments = summary.regions.flatMap((r) => r.deployments.map((d) => ({ ...d, region: r.region })));
  out.push(theme.heading('Deployments of live processes'), deployments.length === 0 ? 'none\n' : renderTable(deploymentColumns(), deployments, fitted));

  const failedTotal = summary.total.counts['failed'] ?? 0;
  const scope = summary.failedExamined < failedTotal ? ` (the ${summary.failedExamined} most recent of ${failedTotal})` : '';
  out.push(
    theme.heading(`Failed processes by exit reason${scope}`),
    summary.total.failedByReason.length === 0 ? 'none\n' : renderTable(reasonColumns(), summary.total.failedByReason, fitted),
  );
  return { stdout: out.join('\n'), notes: [] };
}

// `hproc summary`: an app's processes per region, its deployments in use and why processes failed.
import type { AppSummary, DeploymentUse, ExitReasonGroup, RegionFigures } from '../models/summary.js';
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
      value: (r) => String(r.counts[status] ?? 0),
      align: 'right',
      style: (text, r, theme) => ((r.counts[status] ?? 0) > 0 ? theme.status(status, text) : text),
    })),
  ];
}

function capacityColumns(): Column<Row>[] {
  return [
    { header: 'REGION', value: (r) => r.region },
    { header: 'LIVE', value: (r) => String(r.live), align: 'right' },
    { header: 'ROOMS', value: (r) => String(r.roomsAllocated), align: 'right' },
    { header: 'CAPACITY', value: (r) => String(r.capacity), align: 'right' },
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
  const fitted = { theme, width: target.stdoutIsTTY ? target.width : undefined, headers: true };
  const out: string[] = [];
  const newest = summary.newestDeploymentId === null ? 'unknown' : sanitizeCell(summary.newestDeploymentId);
  out.push(theme.bold(`app ${summary.appId}`), theme.dim(`newest deployment ${newest}`), '');
  const rows: Row[] = [...summary.regions, { region: 'TOTAL', ...summary.total }];
  out.push(theme.heading('Processes by status'), renderTable(statusColumns(), rows, options));
  out.push(
    theme.heading('Rooms against capacity (rooms per process of each live process)'),
    renderTable(capacityColumns(), rows, options),
  );

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

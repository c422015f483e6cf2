// `hproc fleets`, and the fleet section of `hproc show`: node shape, the node autoscaler's
// threshold and, per region, whether the fleet is in error, its last error and when. This is what
// explains processes that fail to start.
import { markedNumber } from '../models/counts.js';
import type { Fleet, FleetErrorState } from '../models/fleet.js';
import type { DetailRow, DetailSection } from './detail.js';
import { formatRelative, formatTimestamp } from './format.js';
import { renderJson, renderNdjson } from './json.js';
import { sanitizeCell } from './sanitize.js';
import type { TimeStyle } from './process-columns.js';
import type { Rendered, RenderTarget } from './process-list.js';
import { fittedWidth, renderTable, type Column } from './table.js';
import { createTheme } from './theme.js';

/** One line of the fleet table: a fleet and one region of its error state (or none). */
export interface FleetRegionRow {
  fleet: Fleet;
  /** Null when the fleet reports no region (no errorState, or an empty one). */
  region: string | null;
  state: FleetErrorState | null;
}

function time(iso: string | null, style: TimeStyle): string {
  if (iso === null) return '';
  return style.relative ? formatRelative(iso, style.now) : formatTimestamp(iso);
}

/** How the autoscaler setting reads: the vCPU utilisation above which it adds nodes. */
export function scaleUpWords(fleet: Fleet): string {
  const threshold = fleet.autoscalerConfig?.scaleUpThreshold;
  return threshold === undefined ? '' : markedNumber(threshold, 'count', `${threshold}%`);
}

function stateWords(row: FleetRegionRow): string {
  if (row.state !== null) return row.state.inError ? '⚠ in error' : 'ok';
  return row.fleet.errorState === undefined ? 'not reported' : 'no errors';
}

/** Every fleet as rows, by name; its regions in error first, then by name. */
export function fleetRows(fleets: readonly Fleet[]): FleetRegionRow[] {
  const sorted = [...fleets].sort((a, b) => a.name.localeCompare(b.name) || a.fleetId.localeCompare(b.fleetId));
  return sorted.flatMap((fleet): FleetRegionRow[] => {
    const regions = Object.entries(fleet.errorState ?? {}).sort(([ra, a], [rb, b]) => Number(b.inError) - Number(a.inError) || ra.localeCompare(rb));
    if (regions.length === 0) return [{ fleet, region: null, state: null }];
    return regions.map(([region, state]) => ({ fleet, region, state }));
  });
}

/** The columns of the fleet table; `wide` adds the fleet id, the org and the error's log id. */
export function fleetColumns(style: TimeStyle, wide: boolean): Column<FleetRegionRow>[] {
  // On a narrow terminal the autoscaler threshold gives way first, then the last error's text is
  // shortened (never dropped before the time it happened); the name, region and state stay.
  const columns: Column<FleetRegionRow>[] = [
    { header: 'FLEET', value: (r) => r.fleet.name, priority: 1, shorten: true, minWidth: 10 },
    { header: 'NODE SHAPE', value: (r) => r.fleet.nodeShape },
    { header: 'SCALE UP', value: (r) => scaleUpWords(r.fleet), align: 'right', priority: 5 },
    { header: 'REGION', value: (r) => r.region ?? '' },
    { header: 'STATE', value: stateWords, style: (text, r, theme) => (r.state?.inError === true ? theme.warn(text) : text) },
    { header: 'LAST ERROR', value: (r) => r.state?.lastErrorMessage ?? '', priority: 4, shorten: true, minWidth: 12 },
    { header: 'WHEN', value: (r) => time(r.state?.lastErrorTimestamp ?? null, style), priority: 3 },
  ];
  if (wide) {
    columns.unshift({ header: 'FLEET ID', value: (r) => r.fleet.fleetId });
    columns.push({ header: 'ERROR LOG ID', value: (r) => r.state?.lastErrorLogId ?? '' }, { header: 'ORG', value: (r) => r.fleet.orgId });
  }
  return columns;
}

/** Renders fleets: JSON as the API sent them, or one line per fleet and region. */
export function renderFleets(fleets: readonly Fleet[], raws: readonly unknown[], target: RenderTarget): Rendered {
  if (target.format === 'json' || target.format === 'ndjson') {
    const text = target.format === 'json' ? renderJson(raws, target.stdoutIsTTY) : renderNdjson(raws, target.stdoutIsTTY);
    return { stdout: text, notes: [] };
  }
  const rows = fleetRows(fleets);
  const style = { relative: target.stdoutIsTTY, now: target.now };
  const text = renderTable(fleetColumns(style, target.format === 'wide'), rows, { theme: createTheme(target.colour), width: fittedWidth(target.format, target), headers: true });
  const notes: string[] = [];
  const inError = rows.filter((r) => r.state?.inError === true);
  if (inError.length > 0) {
    // Server text, on its way to stderr: sanitised like every cell.
    const where = inError.map((r) => sanitizeCell(`${r.fleet.name} in ${r.region ?? ''}`)).join(', ');
    notes.push(`note: in error: ${where}; processes there may fail to start`);
  }
  if (fleets.some((f) => f.errorState === undefined)) notes.push('note: "not reported": the API sent no errorState for that fleet (older servers do not)');
  return { stdout: rows.length === 0 ? '' : text, notes };
}

/** The `Fleet` section of `hproc show`: the process's fleet, its node shape and its state in the process's region. */
export function fleetSection(fleet: Fleet, region: string, style: TimeStyle): DetailSection {
  const rows: DetailRow[] = [
    { key: 'name', value: fleet.name },
    { key: 'id', value: fleet.fleetId },
    { key: 'node shape', value: fleet.nodeShape },
    {
      key: 'autoscaler',
      value: fleet.autoscalerConfig === undefined ? 'not reported' : `adds nodes above ${scaleUpWords(fleet)} vCPU utilisation`,
    },
  ];
  const state = fleet.errorState === undefined ? undefined : (Object.hasOwn(fleet.errorState, region) ? fleet.errorState[region] : undefined);
  if (fleet.errorState === undefined) rows.push({ key: `in ${region}`, value: 'error state not reported by the API' });
  else if (state === undefined) rows.push({ key: `in ${region}`, value: 'no error reported' });
  else {
    const at = state.lastErrorTimestamp;
    const when = at === null ? '' : ` (${style.relative ? `${formatTimestamp(at)}, ${formatRelative(at, style.now)}` : formatTimestamp(at)})`;
    const last = state.lastErrorMessage === null ? '' : `${state.lastErrorMessage}${when}`;
    if (state.inError) rows.push({ key: `in ${region}`, value: 'in error', note: last === '' ? 'no message' : `last error: ${last}`, warn: true });
    else rows.push({ key: `in ${region}`, value: 'ok', ...(last === '' ? {} : { note: `last error: ${last}` }) });
  }
  return { title: 'Fleet', rows };
}

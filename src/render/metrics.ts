// `hproc metrics`: one row per metric with latest, min, average and max in human units, and on a
// terminal a sparkline of the window (piped, the sample count instead).
import { INVALID_MARK, markedNumber, numberProblemOf } from '../models/counts.js';
import { renderJson, renderNdjson } from './json.js';
import { seriesStats, sparkline, unitOf, type MetricUnit, type Sample } from './metric-stats.js';
import type { Rendered, RenderTarget } from './process-list.js';
import { renderTable, type Column } from './table.js';
import { createTheme } from './theme.js';
import { formatDuration } from './format.js';
import { displayWidth } from './width.js';

/** What was asked for: names as the endpoint spells them, and the window in Unix seconds. */
export interface MetricsRequest {
  processId: string;
  appId: string;
  generation: 'v1' | 'v3';
  metrics: readonly string[];
  start: number;
  end: number;
  step: number;
}

interface MetricRow {
  label: string;
  latest: string;
  min: string;
  avg: string;
  max: string;
  samples: string;
  /** Values in time order, for the sparkline. */
  values: number[];
}

/** Most characters a sparkline takes; longer windows are averaged down to this. */
export const SPARK_WIDTH = 40;

/** Fewest characters a sparkline takes, however narrow the terminal. */
export const SPARK_MIN_WIDTH = 10;

function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

function seriesOf(raw: unknown, name: string): Sample[] | null {
  if (typeof raw !== 'object' || raw === null || !Object.hasOwn(raw, name)) return null;
  const value = (raw as Record<string, unknown>)[name];
  return Array.isArray(value) ? (value as Sample[]) : null;
}

/** The row label: the metric's name, with the unit hproc read its values in when they do not say (`cpu (cores)`, `memory (MB)`). */
export function metricLabel(name: string, unit: MetricUnit = unitOf(name)): string {
  if (unit.unit === '?') return `${name} (unit unknown)`;
  return unit.unit === 'cores' || unit.bytesOf !== undefined ? `${name} (${unit.unit})` : name;
}

function rowOf(name: string, samples: Sample[] | null): MetricRow {
  const unit = unitOf(name, samples?.map((s) => s.value));
  const empty = { label: metricLabel(name, unit), min: '', avg: '', max: '', values: [] };
  if (samples === null) return { ...empty, latest: 'not returned', samples: '0' };
  const stats = seriesStats(samples);
  if (stats === null) return { ...empty, latest: 'no samples', samples: '0' };
  // Every metric hproc knows measures an amount: below zero it is shown as sent, and marked.
  const shown = (value: number): string => (unit.unit === '?' ? unit.format(value) : markedNumber(value, 'amount', unit.format(value)));
  return {
    label: metricLabel(name, unit),
    latest: shown(stats.latest.value),
    min: shown(stats.min),
    avg: shown(stats.mean),
    max: shown(stats.max),
    samples: String(stats.count),
    values: [...samples].sort((a, b) => a.timestamp - b.timestamp).map((s) => s.value),
  };
}

/** The line under the table that says what its marks mean, or '' when nothing is marked. */
export function metricFootnotes(metrics: readonly string[], raw: unknown): string {
  const marked = metrics.filter((name) => {
    const samples = seriesOf(raw, name) ?? [];
    return unitOf(name, samples.map((s) => s.value)).unit !== '?' && samples.some((s) => numberProblemOf(s.value, 'amount') !== null);
  });
  return marked.length === 0 ? '' : `${INVALID_MARK} below zero, which ${marked.join(', ')} cannot be: shown as sent\n`;
}

/** The line that states the window and step, in both output modes. */
export function windowLine(request: MetricsRequest): string {
  const span = formatDuration((request.end - request.start) * 1000);
  return `window ${isoSeconds(request.start)} to ${isoSeconds(request.end)} (${span}), step ${request.step}s`;
}

/** Renders a metrics answer: JSON as sent, or a table (with sparklines on a terminal). */
export function renderMetrics(raw: unknown, request: MetricsRequest, target: RenderTarget): Rendered {
  const notes: string[] = [];
  if (request.generation === 'v1') {
    notes.push('note: the v1 metrics endpoint is deprecated (snake_case names); drop --api v1 to use the current v3 endpoint');
  }
  if (target.format === 'json' || target.format === 'ndjson') {
    const text = target.format === 'json' ? renderJson(raw, target.stdoutIsTTY) : renderNdjson(raw, target.stdoutIsTTY);
    return { stdout: text, notes };
  }
  const theme = createTheme(target.colour);
  const rows = request.metrics.map((name) => rowOf(name, seriesOf(raw, name)));
  const columns: Column<MetricRow>[] = [
    { header: 'METRIC', value: (r) => r.label },
    { header: 'LATEST', value: (r) => r.latest, align: 'right' },
    { header: 'MIN', value: (r) => r.min, align: 'right' },
    { header: 'AVG', value: (r) => r.avg, align: 'right' },
    { header: 'MAX', value: (r) => r.max, align: 'right' },
  ];
  if (target.stdoutIsTTY) {
    // A person gets the trend instead of the sample count, as wide as the terminal leaves room for.
    const without = renderTable(columns, rows, { theme: createTheme(false), width: undefined, headers: true });
    const used = Math.max(...without.split('\n').map((line) => displayWidth(line)));
    const sparkWidth = Math.max(SPARK_MIN_WIDTH, Math.min(SPARK_WIDTH, (target.width ?? 100) - used - 2));
    columns.push({ header: 'TREND', value: (r) => sparkline(r.values, sparkWidth) });
  } else {
    columns.push({ header: 'SAMPLES', value: (r) => r.samples, align: 'right' });
  }
  const table = renderTable(columns, rows, { theme, width: undefined, headers: true }) + metricFootnotes(request.metrics, raw);
  const heading = [
    `process ${request.processId}${request.generation === 'v1' ? ' (deprecated v1 metrics endpoint)' : ''}`,
    windowLine(request),
  ];
  const head = heading.map((line, i) => (i === 0 ? theme.bold(line) : theme.dim(line))).join('\n');
  return { stdout: `${head}\n\n${table}`, notes };
}

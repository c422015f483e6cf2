// `hproc metrics`: one row per metric with latest, min, average and max in human units, and on a
// terminal a sparkline of the window.
import { renderJson, renderNdjson } from './json.js';
import { seriesStats, sparkline, unitOf, type Sample } from './metric-stats.js';
import type { Rendered, RenderTarget } from './process-list.js';
import { renderTable, type Column } from './table.js';
import { createTheme } from './theme.js';
import { formatDuration } from './format.js';

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
  name: string;
  unit: string;
  latest: string;
  min: string;
  avg: string;
  max: string;
  samples: string;
  trend: string;
}

/** Most characters a sparkline takes; longer windows are averaged down to this. */
export const SPARK_WIDTH = 40;

function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

function seriesOf(raw: unknown, name: string): Sample[] | null {
  if (typeof raw !== 'object' || raw === null || !Object.hasOwn(raw, name)) return null;
  const value = (raw as Record<string, unknown>)[name];
  return Array.isArray(value) ? (value as Sample[]) : null;
}

function rowOf(name: string, samples: Sample[] | null, withTrend: boolean): MetricRow {
  const unit = unitOf(name);
  const empty = { name, unit: unit.unit, min: '', avg: '', max: '', trend: '' };
  if (samples === null) return { ...empty, latest: 'not returned', samples: '0' };
  const stats = seriesStats(samples);
  if (stats === null) return { ...empty, latest: 'no samples', samples: '0' };
  const ordered = [...samples].sort((a, b) => a.timestamp - b.timestamp).map((s) => s.value);
  return {
    name,
    unit: unit.unit,
    latest: unit.format(stats.latest.value),
    min: unit.format(stats.min),
    avg: unit.format(stats.mean),
    max: unit.format(stats.max),
    samples: String(stats.count),
    trend: withTrend ? sparkline(ordered, SPARK_WIDTH) : '',
  };
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
  const withTrend = target.stdoutIsTTY;
  const rows = request.metrics.map((name) => rowOf(name, seriesOf(raw, name), withTrend));
  const columns: Column<MetricRow>[] = [
    { header: 'METRIC', value: (r) => r.name },
    { header: 'UNIT', value: (r) => r.unit },
    { header: 'LATEST', value: (r) => r.latest, align: 'right' },
    { header: 'MIN', value: (r) => r.min, align: 'right' },
    { header: 'AVG', value: (r) => r.avg, align: 'right' },
    { header: 'MAX', value: (r) => r.max, align: 'right' },
    { header: 'SAMPLES', value: (r) => r.samples, align: 'right' },
  ];
  if (withTrend) columns.push({ header: 'TREND', value: (r) => r.trend });
  const heading = [
    `process ${request.processId}${request.generation === 'v1' ? ' (deprecated v1 metrics endpoint)' : ''}`,
    windowLine(request),
  ];
  const table = renderTable(columns, rows, { theme, width: undefined, headers: true });
  const head = heading.map((line, i) => (i === 0 ? theme.bold(line) : theme.dim(line))).join('\n');
  return { stdout: `${head}\n\n${table}`, notes };
}

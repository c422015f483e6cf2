// The one rendering entry point for records (processes today; rooms, apps and the like can adopt
// it): every output format, --fields, --sort, --no-headers, --quiet and --jq are handled here, once,
// from a small description of the resource. Linear in the number of rows: no cli-table3.
import { renderCsv, renderTsv } from './delimited.js';
import { formatBytes, formatRelative, formatTimestamp } from './format.js';
import { renderJson, renderJsonChunks, renderNdjson, renderNdjsonChunks, stringifyJson } from './json.js';
import { sanitizeCell } from './sanitize.js';
import { fittedWidth, renderTableChunks, type Column } from './table.js';
import { createTheme } from './theme.js';
import type { RecordFormat } from './formats.js';

/** One key of `--sort`: a field name, descending when it was written with a leading `-`. */
export interface SortKey {
  field: string;
  descending: boolean;
}

/** What the output flags asked for, validated by the command before any request. */
export interface OutputSettings {
  format: RecordFormat;
  /** null: the format's default columns (JSON: every field). */
  fields: readonly string[] | null;
  sort: readonly SortKey[];
  headers: boolean;
  /** Bare ids, one per line. */
  quiet: boolean;
  /** A jq program applied to the JSON payload. */
  jq: string | null;
}

/** The settings of a command run without any output flag. */
export const DEFAULT_OUTPUT_SETTINGS: OutputSettings = { format: 'table', fields: null, sort: [], headers: true, quiet: false, jq: null };

/** Where rendered text goes, decided once per command from ctx. */
export interface OutputTarget {
  colour: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  width: number | undefined;
  now: Date;
  /** The run's secret mask, for text that is cut to fit before it is written (tables on a terminal). */
  mask?: ((text: string) => string) | undefined;
}

/** How a field's raw value is shown: timestamps relative on a terminal, byte counts in IEC units, ports as addresses. */
export type FieldKind = 'text' | 'time' | 'bytes' | 'port' | 'ports';

/** How times look in a table. */
export interface TimeStyle {
  /** On a terminal, absolute and relative (`2026-10-31T16:48Z (4m ago)`); piped, RFC 3339. */
  relative: boolean;
  now: Date;
}

/** What the renderer needs to know about one kind of record. */
export interface RecordResource<V> {
  /** Every field a user may name in --fields or --sort, in wire order. */
  fields: readonly string[];
  /** Fields of CSV and TSV without --fields. */
  defaultFields: readonly string[];
  /** The field --quiet prints. */
  idField: string;
  kinds: Readonly<Record<string, FieldKind>>;
  /** The hand-made table of the default and wide formats. */
  columns(style: TimeStyle, wide: boolean): Column<V>[];
  /** A column header for a field picked with --fields (default: the name in capitals). */
  headerOf?(field: string): string;
}

/** One record: the view tables are made from, and the raw item JSON output prints. */
export interface RecordRow<V> {
  view: V;
  raw: unknown;
}

/** Rendered output: the text for stdout, and notes for stderr (one line each). */
export interface RenderedRecords {
  stdout: string;
  notes: string[];
}

/** `createdAt` → `CREATED AT`. */
export function headerOfField(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toUpperCase();
}

/** An address the way a player's client would dial it: `host:port/transport`. */
export function formatPortValue(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const port = value as { host?: unknown; port?: unknown; transportType?: unknown };
  return `${String(port.host)}:${String(port.port)}/${String(port.transportType)}`;
}

/** A time for a table: absolute to the minute in UTC and relative on a terminal, RFC 3339 piped. */
export function formatTableTime(iso: string, style: TimeStyle): string {
  if (!style.relative) return formatTimestamp(iso);
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return `${formatMinute(iso)} (${formatRelative(iso, style.now)})`;
}

/** A time absolute to the minute in UTC (`2026-10-31T16:48Z`); unparsable text unchanged. */
export function formatMinute(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : `${new Date(at).toISOString().slice(0, 16)}Z`;
}

function fieldOf(raw: unknown, field: string): unknown {
  return typeof raw === 'object' && raw !== null && Object.hasOwn(raw, field) ? (raw as Record<string, unknown>)[field] : undefined;
}

/** The text of a raw field value for a table (human) or CSV/TSV (machine: raw numbers, RFC 3339). */
export function fieldText(value: unknown, kind: FieldKind, style: TimeStyle, machine: boolean): string {
  if (value === null || value === undefined) return '';
  if (kind === 'time' && typeof value === 'string') return machine ? formatTimestamp(value) : formatTableTime(value, style);
  if (kind === 'bytes' && typeof value === 'number' && !machine) return formatBytes(value);
  if (kind === 'port') return formatPortValue(value);
  if (kind === 'ports' && Array.isArray(value)) return value.map(formatPortValue).join(',');
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return stringifyJson(value, 0);
  return String(value);
}

// Values that sort: numbers and times as numbers, the rest as text; missing values go last.
function sortValue(value: unknown, kind: FieldKind): number | string | null {
  if (value === null || value === undefined) return null;
  if (kind === 'time' && typeof value === 'string') {
    const at = Date.parse(value);
    return Number.isNaN(at) ? value : at;
  }
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (kind === 'port') return formatPortValue(value);
  return typeof value === 'string' ? value : stringifyJson(value, 0);
}

function compareValues(a: number | string | null, b: number | string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorts rows by the keys in order (stable: equal rows keep the server's order); missing values last either way. */
export function sortRows<V>(rows: readonly RecordRow<V>[], keys: readonly SortKey[], kinds: Readonly<Record<string, FieldKind>>): RecordRow<V>[] {
  if (keys.length === 0) return [...rows];
  const decorated = rows.map((row, index) => ({ row, index, values: keys.map((k) => sortValue(fieldOf(row.raw, k.field), kinds[k.field] ?? 'text')) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i += 1) {
      const x = a.values[i] ?? null;
      const y = b.values[i] ?? null;
      const order = compareValues(x, y);
      if (order !== 0) return x === null || y === null ? order : (keys[i]?.descending ? -order : order);
    }
    return a.index - b.index;
  });
  return decorated.map((d) => d.row);
}

/** A raw object cut down to the named keys, in the order named; values untouched. */
export function projectFields(raw: unknown, fields: readonly string[]): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const out: Record<string, unknown> = {};
  for (const field of fields) if (Object.hasOwn(raw, field)) out[field] = (raw as Record<string, unknown>)[field];
  return out;
}

function fieldColumns<V>(resource: RecordResource<V>, fields: readonly string[], rowsRaw: Map<V, unknown>, style: TimeStyle): Column<V>[] {
  return fields.map((field) => {
    const kind = resource.kinds[field] ?? 'text';
    return {
      header: resource.headerOf?.(field) ?? headerOfField(field),
      value: (view: V) => fieldText(fieldOf(rowsRaw.get(view), field), kind, style, false),
      ...(kind === 'bytes' ? { align: 'right' as const } : {}),
    };
  });
}

/**
 * Renders records in the format the settings ask for. `single` is for a command about one record
 * (`show`): JSON is then the object itself rather than an array. The jq program, if any, is not
 * applied here (see jq.ts): this returns the JSON it would read.
 */
export function renderRecords<V>(
  rows: readonly RecordRow<V>[],
  resource: RecordResource<V>,
  settings: OutputSettings,
  target: OutputTarget,
  single = false,
): RenderedRecords {
  let stdout = '';
  for (const chunk of recordText(rows, resource, settings, target, single, false)) stdout += chunk;
  return { stdout, notes: [] };
}

/**
 * renderRecords' text in pieces made as they are asked for, for a listing long enough that it
 * should go out as it is made rather than sit in memory as one string; joined, exactly
 * renderRecords' text. The records must not change until the last piece is taken.
 */
export function renderRecordChunks<V>(
  rows: readonly RecordRow<V>[],
  resource: RecordResource<V>,
  settings: OutputSettings,
  target: OutputTarget,
): Iterable<string> {
  return recordText(rows, resource, settings, target, false, true);
}

function recordText<V>(
  rows: readonly RecordRow<V>[],
  resource: RecordResource<V>,
  settings: OutputSettings,
  target: OutputTarget,
  single: boolean,
  inPieces: boolean,
): Iterable<string> {
  const sorted = sortRows(rows, settings.sort, resource.kinds);
  if (settings.quiet) {
    const ids = sorted.map((row) => sanitizeCell(fieldText(fieldOf(row.raw, resource.idField), 'text', { relative: false, now: target.now }, true)));
    return [ids.map((id) => `${id}\n`).join('')];
  }
  const format = settings.jq !== null ? 'json' : settings.format;
  if (format === 'json' || format === 'ndjson') {
    const raws = sorted.map((row) => (settings.fields === null ? row.raw : projectFields(row.raw, settings.fields)));
    const value = single ? raws[0] : raws;
    const toTerminal = target.stdoutIsTTY && settings.jq === null;
    if (format === 'ndjson') return inPieces ? renderNdjsonChunks(value, toTerminal) : [renderNdjson(value, toTerminal)];
    // One JSON.stringify of the whole list is faster than joining pieces, when one string is wanted.
    return inPieces ? renderJsonChunks(value, toTerminal) : [renderJson(value, toTerminal)];
  }
  if (format === 'csv' || format === 'tsv') {
    const fields = settings.fields ?? resource.defaultFields;
    const style = { relative: false, now: target.now };
    const cells = sorted.map((row) => fields.map((field) => fieldText(fieldOf(row.raw, field), resource.kinds[field] ?? 'text', style, true)));
    const header = settings.headers ? fields : null;
    return [format === 'csv' ? renderCsv(header, cells) : renderTsv(header, cells)];
  }
  if (sorted.length === 0) return [];
  const style = { relative: target.stdoutIsTTY, now: target.now };
  const columns =
    settings.fields === null
      ? resource.columns(style, format === 'wide')
      : fieldColumns(resource, settings.fields, new Map(sorted.map((row) => [row.view, row.raw])), style);
  return renderTableChunks(columns, sorted.map((row) => row.view), {
    theme: createTheme(target.colour),
    // -o wide shows every column whole, as kubectl does; piped output is never cut either.
    width: fittedWidth(format, target),
    mask: target.mask,
    headers: settings.headers,
  });
}

// Reading and validating query parameters. Invalid values are refused (422 on process and
// metrics endpoints, 400 on log endpoints, whose error list has no 422) rather than ignored, so a
// client bug shows up here the way it would against the real API. Whether a status or region
// outside the enum is such a value the API does not say: the `filters` reading decides.
import { PROCESS_STATUSES, REGIONS, type ProcessStatus, type Region } from './enums.js';
import { ApiHttpError } from './http-io.js';
import type { Readings } from './readings.js';

/** What a filter does with a value outside its enum: the `filters` reading. */
export type UnknownFilterValues = Readings['filters'];

function invalid(message: string): ApiHttpError {
  return new ApiHttpError(422, message);
}

function readEnumList<T extends string>(query: URLSearchParams, key: string, allowed: readonly T[]): T[] {
  return query.getAll(key).map((value) => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalid(`Invalid ${key} "${value}": expected one of ${allowed.join(', ')}`);
    }
    return value as T;
  });
}

/**
 * A repeated filter parameter under the `filters` reading: values outside the enum are refused
 * (`reject`), kept as sent so they match nothing (`pass`), or dropped (`ignore`). A filter of
 * unknown values only, dropped, would match everything: `ignore` means exactly that.
 */
function readFilter<T extends string>(query: URLSearchParams, key: string, allowed: readonly T[], unknown: UnknownFilterValues): T[] {
  if (unknown === 'reject') return readEnumList(query, key, allowed);
  const values = query.getAll(key);
  // A value the enum lacks is carried as is: no process has it, so it matches none.
  return (unknown === 'pass' ? values : values.filter((value) => (allowed as readonly string[]).includes(value))) as T[];
}

/** The repeated `status` values (empty when absent). */
export function readStatuses(query: URLSearchParams, unknown: UnknownFilterValues = 'reject'): ProcessStatus[] {
  return readFilter(query, 'status', PROCESS_STATUSES, unknown);
}

/** The repeated `region` values (empty when absent). */
export function readRegions(query: URLSearchParams, unknown: UnknownFilterValues = 'reject'): Region[] {
  return readFilter(query, 'region', REGIONS, unknown);
}

/** The single `region` of the v1 lists, if given; with `ignore`, an unknown one counts as none. */
export function readSingleRegion(query: URLSearchParams, unknown: UnknownFilterValues = 'reject'): Region | undefined {
  if (query.getAll('region').length > 1) throw invalid('region accepts a single value');
  return readRegions(query, unknown)[0];
}

/** Parses a plain decimal number; anything else (empty, `1e3`, `0x10`, `NaN`) is refused. */
function readNumber(query: URLSearchParams, key: string): number | undefined {
  const values = query.getAll(key);
  if (values.length === 0) return undefined;
  if (values.length > 1) throw invalid(`${key} accepts a single value`);
  const text = values[0] ?? '';
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw invalid(`Invalid ${key} "${text}": expected a number`);
  return Number(text);
}

/**
 * The v3 `before` cursor as the epoch-milliseconds instant bounding `createdAt` (exclusive), under
 * the `cursor` reading: sent in milliseconds, in seconds, or ignored (undefined). It must be a
 * number whatever the reading.
 */
export function readBefore(query: URLSearchParams, cursor: Readings['cursor'] = 'ms'): number | undefined {
  const before = readNumber(query, 'before');
  if (before === undefined || cursor === 'ignored') return undefined;
  return cursor === 'seconds' ? before * 1000 : before;
}

/** A metrics time window in Unix seconds with a step in seconds. */
export interface MetricWindow {
  start: number;
  end: number;
  step: number;
}

/** Most samples one metric may return; a larger window is refused. */
export const MAX_METRIC_SAMPLES = 10_000;

/** The `start`, `end` and `step` of a metrics query; end defaults to now, start to an hour earlier, step to 60. */
export function readMetricWindow(query: URLSearchParams, nowMs: number): MetricWindow {
  const end = readNumber(query, 'end') ?? Math.floor(nowMs / 1000);
  const start = readNumber(query, 'start') ?? end - 3600;
  const step = readNumber(query, 'step') ?? 60;
  if (!Number.isInteger(step) || step < 1) throw invalid(`Invalid step "${step}": expected a whole number of seconds, at least 1`);
  if (start > end) throw invalid('start must not be after end');
  if ((end - start) / step > MAX_METRIC_SAMPLES) throw invalid(`The window holds more than ${MAX_METRIC_SAMPLES} samples; raise step`);
  return { start, end, step };
}

/** The repeated `metrics` values, each in `allowed`, or `defaults` when none is given. */
export function readMetricNames<T extends string>(query: URLSearchParams, allowed: readonly T[], defaults: readonly T[]): T[] {
  const names = readEnumList(query, 'metrics', allowed);
  return names.length === 0 ? [...defaults] : [...new Set(names)];
}

/** The log `tailLines` (1 to 5000, default 100); out of range is a 400 as the log endpoints list no 422. */
export function readTailLines(query: URLSearchParams): number {
  const values = query.getAll('tailLines');
  if (values.length === 0) return 100;
  const text = values[0] ?? '';
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (values.length > 1 || !Number.isInteger(value) || value < 1 || value > 5000) {
    throw new ApiHttpError(400, `Invalid tailLines "${values.join(',')}": expected a whole number from 1 to 5000`);
  }
  return value;
}

/** The log `follow` flag (`true`/`false`, default false). */
export function readFollow(query: URLSearchParams): boolean {
  const values = query.getAll('follow');
  if (values.length === 0) return false;
  if (values.length === 1 && (values[0] === 'true' || values[0] === 'false')) return values[0] === 'true';
  throw new ApiHttpError(400, `Invalid follow "${values.join(',')}": expected true or false`);
}

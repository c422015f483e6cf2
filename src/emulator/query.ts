// Reading and validating query parameters. Invalid filter values are refused (422 on process and
// metrics endpoints, 400 on log endpoints, whose error list has no 422) rather than ignored, so a
// client bug shows up here the way it would against the real API.
import { PROCESS_STATUSES, REGIONS, type ProcessStatus, type Region } from './enums.js';
import { ApiHttpError } from './http-io.js';

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

/** The repeated `status` values (empty when absent). */
export function readStatuses(query: URLSearchParams): ProcessStatus[] {
  return readEnumList(query, 'status', PROCESS_STATUSES);
}

/** The repeated `region` values (empty when absent). */
export function readRegions(query: URLSearchParams): Region[] {
  return readEnumList(query, 'region', REGIONS);
}

/** The single `region` of the v1 lists, if given. */
export function readSingleRegion(query: URLSearchParams): Region | undefined {
  const regions = readRegions(query);
  if (regions.length > 1) throw invalid('region accepts a single value');
  return regions[0];
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

/** The v3 `before` cursor: epoch milliseconds bounding `createdAt` (exclusive). */
export function readBefore(query: URLSearchParams): number | undefined {
  return readNumber(query, 'before');
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

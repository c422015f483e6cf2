// Flag parsing shared by commands: each throws UsageError with the flag's name and what it accepts.
import { UsageError } from '../errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../render/formats.js';
import { closestFolded, foldName } from '../near-names.js';

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The longest duration a flag or setting may name: Node's timers hold at most 2^31-1 ms (24.8
 * days) and fire at once on anything longer, so a longer `--timeout` or `--interval` would mean
 * no wait at all. A round number of days keeps the message plain.
 */
export const MAX_DURATION_MS = 24 * 86_400_000;

/**
 * Parses `250ms`, `10s`, `2m`, `1h`, `1d` (a bare number means seconds) into milliseconds, at most
 * `maxMs` (by default {@link MAX_DURATION_MS}, for anything that becomes a timer).
 */
export function parseDuration(flag: string, value: string, maxMs: number = MAX_DURATION_MS): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  const unit = DURATION_UNITS[match?.[2] ?? 's'];
  if (match === null || unit === undefined) {
    throw new UsageError(`${flag} must be a duration such as 10s, 2m or 1h, got '${value}'`);
  }
  const ms = Number(match[1]) * unit;
  if (ms <= 0) throw new UsageError(`${flag} must be greater than zero, got '${value}'`);
  if (!(ms <= maxMs)) throw new UsageError(`${flag} must be at most ${maxDurationText(maxMs)}, got '${value}'`);
  return ms;
}

function maxDurationText(ms: number): string {
  const days = ms / 86_400_000;
  return Number.isInteger(days) ? `${days}d` : `${Math.round(ms / 1000)}s`;
}

/** Parses a whole number within a range. */
export function parseIntegerFlag(flag: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got '${value}'`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got '${value}'`);
  return n;
}

/** Splits `a,b` (and repeated flags joined the same way) into unique, non-empty values. */
export function parseCommaList(flag: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`${flag} takes a comma-separated list without empty items, got '${value}'`);
  return [...new Set(items)];
}

/**
 * Resolves the values of a flag that names an enum to their canonical spelling, forgiving case and
 * separators (`london`, `FAILED`, `sao paulo`). An unknown value is a usage error before any
 * request, naming the nearest known value: the server would only answer it with a 422.
 */
export function resolveEnumValues(flag: string, values: readonly string[], known: readonly string[]): string[] {
  const byFold = new Map(known.map((name) => [foldName(name), name]));
  const resolved = values.map((value) => {
    const canonical = byFold.get(foldName(value));
    if (canonical !== undefined) return canonical;
    const near = closestFolded(value, known);
    throw new UsageError(`${flag}: unknown value '${value}'`, { hint: near !== undefined ? `did you mean ${near}? (known values: ${known.join(', ')})` : `known values: ${known.join(', ')}` });
  });
  return [...new Set(resolved)];
}

/**
 * Resolves `--output` and `--json` into one format; both at once is a conflict unless they agree.
 * Without either, the profile's format (`hproc config set output wide`) if this command offers it,
 * else table; `profileFormat` is asked only then, so the config file is read only when needed.
 */
export function resolveOutputFormat(opts: Readonly<Record<string, unknown>>, profileFormat: () => string): OutputFormat {
  const output = opts.output as string | undefined;
  if (opts.json === true) {
    if (output !== undefined && output !== 'json') throw new UsageError(`--json conflicts with --output ${output}`);
    return 'json';
  }
  if (output === undefined) return offeredOrTable(profileFormat(), OUTPUT_FORMATS);
  if (!(OUTPUT_FORMATS as readonly string[]).includes(output)) throw new UsageError(`unknown output format '${output}'`);
  return output as OutputFormat;
}

/** A profile's format if the command offers it, else table. */
export function offeredOrTable<Format extends string>(format: string, formats: readonly Format[]): Format | 'table' {
  return (formats as readonly string[]).includes(format) ? (format as Format) : 'table';
}

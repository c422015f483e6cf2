// Flag parsing shared by commands: each throws UsageError with the flag's name and what it accepts.
import { UsageError } from '../errors.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../render/formats.js';

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `250ms`, `10s`, `2m`, `1h`, `1d` (a bare number means seconds) into milliseconds. */
export function parseDuration(flag: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(value.trim());
  const unit = DURATION_UNITS[match?.[2] ?? 's'];
  if (match === null || unit === undefined) {
    throw new UsageError(`${flag} must be a duration such as 10s, 2m or 1h, got '${value}'`);
  }
  const ms = Number(match[1]) * unit;
  if (ms <= 0) throw new UsageError(`${flag} must be greater than zero, got '${value}'`);
  return ms;
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
 * Checks values of a filter that names a server enum: any well-formed name is sent (the server
 * decides, and new values appear over time); a name we do not know is worth a warning.
 */
export function checkEnumValues(flag: string, values: readonly string[], known: readonly string[], warn: (text: string) => void): void {
  for (const value of values) {
    if (!/^[A-Za-z_]{1,64}$/.test(value)) {
      throw new UsageError(`${flag} value '${value}' is not a valid name`, { hint: `known values: ${known.join(', ')}` });
    }
    if (!known.includes(value)) warn(`${flag} value '${value}' is not one hproc knows (${known.join(', ')}); sending it anyway`);
  }
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

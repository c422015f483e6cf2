// One way to print durations, sizes and clock times, for every layer (api, render, commands,
// config). A leaf module: it imports nothing from src, so any layer may import it. Pure functions
// of their inputs (the clock comes in as an argument), so output is exact under test.

/** Duration units from the largest down, in milliseconds. */
export const DURATION_UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** Options of {@link formatDuration} and {@link formatBytes}. */
export interface UnitOptions {
  /**
   * Print the value exactly instead of compactly: every non-zero duration unit down to
   * milliseconds (`2s 400ms`, `1m 30s`), or a size in the largest unit that divides it (`5 MiB`,
   * `1500 B`). For limits and settings the user gave, where rounding would misreport them.
   */
  exact?: boolean;
}

/**
 * A compact duration with its two largest units, the smaller one dropped when zero:
 * `3d 4h`, `12m 5s`, `1h`, `850ms`, `-1h 33m`. Below a second it counts milliseconds (rounded);
 * from a second up, whole seconds are the smallest unit. With `exact`, see {@link UnitOptions}.
 */
export function formatDuration(ms: number, options: UnitOptions = {}): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (options.exact === true) {
    rest = Math.round(rest);
    const parts: string[] = [];
    for (const [unit, size] of [...DURATION_UNITS, ['ms', 1] as const]) {
      const count = Math.floor(rest / size);
      rest -= count * size;
      if (count > 0) parts.push(`${count}${unit}`);
    }
    return parts.length === 0 ? '0ms' : sign + parts.join(' ');
  }
  if (rest < 1000) return `${sign}${Math.round(rest)}ms`;
  const parts: string[] = [];
  for (const [unit, size] of DURATION_UNITS) {
    if (rest >= size || parts.length > 0) {
      const count = Math.floor(rest / size);
      rest -= count * size;
      if (count > 0 || parts.length > 0) parts.push(`${count}${unit}`);
    }
    if (parts.length === 2) break;
  }
  const kept = parts.length === 2 && parts[1]?.startsWith('0') ? parts.slice(0, 1) : parts;
  return sign + kept.join(' ');
}

const IEC_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

function trimmed(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/**
 * A byte count in IEC units: `435 B`, `1.5 KiB`, `200 MiB`, `5.0 GiB`. From 100 of a unit up no
 * decimal is shown. Fractional byte counts (averages, rates) are rounded to one decimal: `0.5 B`.
 * With `exact`, the largest unit that divides the count: `5 MiB`, `64 KiB`, `1500 B`.
 */
export function formatBytes(bytes: number, options: UnitOptions = {}): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  if (options.exact === true && Number.isInteger(bytes)) {
    let whole = Math.abs(bytes);
    let exactUnit = 0;
    while (whole >= 1024 && whole % 1024 === 0 && exactUnit < IEC_UNITS.length - 1) {
      whole /= 1024;
      exactUnit += 1;
    }
    return `${sign}${whole} ${IEC_UNITS[exactUnit]}`;
  }
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < IEC_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${sign}${trimmed(value, 1)} B`;
  return `${sign}${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${IEC_UNITS[unit]}`;
}

/**
 * A local wall-clock time as HH:MM (rounded up to the minute), with the date in front when it is
 * a day or more after `nowMs`: `09:05`, `2025-06-03 09:04`.
 */
export function formatClock(at: Date, nowMs: number): string {
  const rounded = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const clock = `${pad(rounded.getHours())}:${pad(rounded.getMinutes())}`;
  if (rounded.getTime() - nowMs < 24 * 3600_000) return clock;
  return `${rounded.getFullYear()}-${pad(rounded.getMonth() + 1)}-${pad(rounded.getDate())} ${clock}`;
}

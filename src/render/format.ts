// Human formats for times, durations and sizes. Pure functions of their inputs (the clock comes in
// as `now`), so rendering is exact under test.

const UNITS: ReadonlyArray<readonly [string, number]> = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** A compact duration with its two largest units: `3d 4h`, `12m 5s`, `850ms`. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${Math.round(rest)}ms`;
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
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

/** How long ago (or until) an instant is, with one unit: `4m ago`, `in 2h`, `just now`. */
export function formatRelative(iso: string, now: Date): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const delta = now.getTime() - then;
  const abs = Math.abs(delta);
  if (abs < 5_000) return 'just now';
  let text = `${Math.floor(abs / 1000)}s`;
  for (const [unit, size] of UNITS) {
    if (abs >= size) {
      text = `${Math.floor(abs / size)}${unit}`;
      break;
    }
  }
  if (abs >= 365 * 86_400_000) text = `${Math.floor(abs / (365 * 86_400_000))}y`;
  return delta >= 0 ? `${text} ago` : `in ${text}`;
}

/** An instant as RFC 3339 in UTC with millisecond precision, as the API usually sends it. */
export function formatTimestamp(iso: string): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? iso : new Date(then).toISOString();
}

/** A byte count in IEC units: `435 B`, `1.5 KiB`, `3.2 GiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const sign = bytes < 0 ? '-' : '';
  if (unit === 0) return `${sign}${value} B`;
  return `${sign}${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

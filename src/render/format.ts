// Human formats for times, durations and sizes. Pure functions of their inputs (the clock comes in
// as `now`), so rendering is exact under test.

import { DURATION_UNITS as UNITS } from '../units.js';

// Durations and sizes print through src/units.ts, shared with the other layers.
export { formatBytes, formatDuration } from '../units.js';

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

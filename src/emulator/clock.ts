// The emulator's "now". Its world is anchored to the instant the clock starts at: generated history
// counts back from it, and the world's own events (life.ts), requested stops and live log lines
// happen after it. A running clock moves at wall-clock speed from its start; a frozen one moves only
// when told to, so a test can look at the world at exact moments.

/** The emulator's source of "now". */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Moves the clock forward by `ms` (tests jump ahead instead of waiting). */
  advance(ms: number): void;
}

/** How a clock moves. */
export interface ClockOptions {
  /** The instant the clock starts at (epoch ms). */
  start: number;
  /** Stand still unless advanced; default false (wall-clock speed). */
  frozen?: boolean;
  /** The wall clock, replaceable in tests; default Date.now. */
  wall?: () => number;
}

/** Creates the clock of one emulator run. */
export function createClock(options: ClockOptions): Clock {
  const wall = options.wall ?? Date.now;
  const wallStart = wall();
  let offset = 0;
  let last = options.start;
  return {
    now: () => {
      const elapsed = options.frozen === true ? 0 : wall() - wallStart;
      // Never backwards, even if the wall clock is set back while running.
      last = Math.max(last, options.start + offset + elapsed);
      return last;
    },
    advance: (ms) => {
      offset += Math.max(0, ms);
    },
  };
}

/**
 * Reads a clock start given as ISO-8601 text, epoch milliseconds or a Date; undefined for anything
 * else (the caller words the error).
 */
export function parseClockStart(value: string | number | Date): number | undefined {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : /^\d{4}-\d\d-\d\dT/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? Math.floor(ms) : undefined;
}

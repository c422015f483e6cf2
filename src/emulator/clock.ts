// Generated data is frozen at a fixed epoch, but stops and live log lines happen while the emulator
// runs. Their times come from this clock: wall time, or the epoch plus the time since start when the
// wall clock is behind the epoch, so new events always come after the frozen history.
import { FIXED_EPOCH_MS } from './data.js';

/** The emulator's source of "now" for events that happen while it runs. */
export interface Clock {
  /** Milliseconds since the Unix epoch; never before the fixed epoch, never going back. */
  now(): number;
}

/** Creates the clock of one emulator run. */
export function createClock(): Clock {
  const wallStart = Date.now();
  let last = 0;
  return {
    now: () => {
      const wall = Date.now();
      last = Math.max(last, wall, FIXED_EPOCH_MS + (wall - wallStart));
      return last;
    },
  };
}

// Generated data is frozen at a fixed epoch; stops and live log lines happen while the emulator
// runs. Their times come from this clock, which starts at the epoch and runs at wall-clock speed,
// so new events follow the frozen history closely (a room that lived two hours did not live for
// "two hours plus however long ago the epoch was") and nothing depends on the date of the run.
import { FIXED_EPOCH_MS } from './data.js';

/** The emulator's source of "now" for events that happen while it runs. */
export interface Clock {
  /** Milliseconds since the Unix epoch: the fixed epoch plus the time since the emulator started. */
  now(): number;
}

/** Creates the clock of one emulator run. */
export function createClock(): Clock {
  const wallStart = Date.now();
  let last = FIXED_EPOCH_MS;
  return {
    now: () => {
      // Never backwards, even if the wall clock is set back while running.
      last = Math.max(last, FIXED_EPOCH_MS + (Date.now() - wallStart));
      return last;
    },
  };
}

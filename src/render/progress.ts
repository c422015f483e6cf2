// Feedback on slow work: a spinner line on stderr, shown only after a short delay (fast runs never
// flicker) and only when a person watches both streams, and cleared before anything else is written.
import type { OutputStream } from '../context.js';

/** The timers a spinner uses; injectable so tests can drive time by hand. */
export interface ProgressTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** A running progress indicator. */
export interface Progress {
  /** Replaces the text after the spinner (e.g. a count so far). */
  update(text: string): void;
  /** Stops the spinner and erases its line; safe to call more than once. */
  done(): void;
}

/** Options of startProgress. */
export interface ProgressOptions {
  enabled: boolean;
  /** Nothing is shown if the work ends sooner (default 150 ms). */
  delayMs?: number;
  /** Time between frames (default 80 ms). */
  intervalMs?: number;
  timers?: ProgressTimers;
  /**
   * Registers the restore of the cursor for however the run ends (the run context's onExit). The
   * cursor is hidden while the spinner turns only when given: never hide what nothing would show again.
   */
  onExit?: ((restore: () => void) => () => void) | undefined;
  /** Registers for the run's retries (the run context's retries.listen): each shows after the label until the next. */
  retries?: ((listener: (event: RetryNotice) => void) => () => void) | undefined;
}

/** A retry as the progress line tells it. */
export interface RetryNotice {
  cause: string;
  retry: number;
  maxRetries: number;
}

/** `retrying after 503, 2 of 5`. */
export function retryText(event: RetryNotice): string {
  return `retrying after ${event.cause}, ${event.retry} of ${event.maxRetries}`;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const CLEAR_LINE = '\r\u001b[2K';
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

function unref(handle: unknown): unknown {
  // A forgotten spinner must never keep the program alive.
  (handle as { unref?: () => void } | null)?.unref?.();
  return handle;
}

const realTimers: ProgressTimers = {
  setTimeout: (callback, ms) => unref(setTimeout(callback, ms)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (callback, ms) => unref(setInterval(callback, ms)),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** Starts a spinner with a label on `stream`; it appears only after the delay and only when enabled. */
export function startProgress(stream: OutputStream, label: string, options: ProgressOptions): Progress {
  if (!options.enabled) return { update: () => undefined, done: () => undefined };
  const timers = options.timers ?? realTimers;
  let text = label;
  let frame = 0;
  let shown = false;
  let finished = false;
  let interval: unknown = null;
  let unregister: (() => void) | undefined;
  const stopListening = options.retries?.((event) => {
    text = `${label} (${retryText(event)})`;
    if (shown && !finished) draw();
  });
  const draw = (): void => {
    stream.write(`${CLEAR_LINE}${FRAMES[frame % FRAMES.length]} ${text}`);
    frame += 1;
  };
  const delay = timers.setTimeout(() => {
    if (finished) return;
    shown = true;
    if (options.onExit !== undefined) {
      unregister = options.onExit(() => stream.write(CLEAR_LINE + SHOW_CURSOR));
      stream.write(HIDE_CURSOR);
    }
    draw();
    interval = timers.setInterval(draw, options.intervalMs ?? 80);
  }, options.delayMs ?? 150);
  return {
    update: (next) => {
      text = `${label} ${next}`;
    },
    done: () => {
      if (finished) return;
      finished = true;
      timers.clearTimeout(delay);
      if (interval !== null) timers.clearInterval(interval);
      stopListening?.();
      if (shown) stream.write(CLEAR_LINE + (unregister === undefined ? '' : SHOW_CURSOR));
      unregister?.();
    },
  };
}

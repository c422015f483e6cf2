// The one retry and backoff policy of hproc: the HTTP client's retries, `logs --follow` reconnects,
// `stop --wait` polls and `list --watch` refreshes after a failure all wait by this schedule, so
// its numbers are read and tested here alone. Randomness comes in as an argument: tests are exact.
// Full jitter (AWS "Exponential Backoff And Jitter"): concurrent clients spread out instead of
// retrying in lock-step, which plain exponential backoff (undici, the SDK) does not do.
import { setTimeout as delay } from 'node:timers/promises';
import { InterruptedError, NetworkError, RateLimitError, ServerError } from '../errors.js';

/** First backoff ceiling: the wait before retry n is random() × min(cap, base × 2^n). */
export const BACKOFF_BASE_MS = 250;
/** Largest backoff ceiling. */
export const BACKOFF_CAP_MS = 4000;
/** Longest wait a Retry-After header can impose on one retry. */
export const RETRY_AFTER_CAP_MS = 10_000;
/** Most retries of one request (so at most 6 attempts). */
export const MAX_RETRIES = 5;

/** Statuses an idempotent request is retried on: 408 is a documented Hathora error, the rest are the usual transient ones. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * The ceiling of the wait before retry number `retry` (0 for the first): base × 2^retry, capped.
 * Also the pause before poll number `retry` of a state expected to change (`stop --wait`), where
 * nobody else polls in step and jitter would only make the waits shorter.
 */
export function backoffCeiling(retry: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
}

/** Returns the full-jitter backoff in whole milliseconds before retry number `retry` (0 for the first retry). */
export function backoffDelay(retry: number, random: () => number): number {
  return Math.round(random() * backoffCeiling(retry));
}

/**
 * The pause before the next poll of something polled every `intervalMs` (`list --watch`): the
 * interval as given while polls succeed; after `failures` failures in a row, the backoff when it
 * is longer, so a failing server is not asked faster than the shared schedule allows.
 */
export function pauseAfterFailures(intervalMs: number, failures: number, random: () => number): number {
  return failures <= 0 ? intervalMs : Math.max(intervalMs, backoffDelay(failures - 1, random));
}

/** Tells whether a failure is worth another try later: the network, a 5xx or a 429 (after the client's own retries). */
export function isTransient(error: unknown): boolean {
  return error instanceof NetworkError || error instanceof ServerError || error instanceof RateLimitError;
}

/** Waits `ms`; rejects with InterruptedError as soon as `signal` aborts. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal === undefined ? undefined : { signal });
  } catch (error) {
    if (signal?.aborted === true) throw new InterruptedError('interrupted');
    throw error;
  }
}

/**
 * Reads a Retry-After header (delay seconds or an HTTP date) as milliseconds from `nowMs`;
 * undefined when absent, unparsable, zero or in the past (the caller then uses its own backoff).
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const ms = Number(text) * 1000;
    return ms > 0 && Number.isFinite(ms) ? ms : undefined;
  }
  // An HTTP date always names a weekday or month; this keeps Date.parse's leniency ("1", "soon 5")
  // from turning garbage into a time.
  if (!/[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const ms = at - nowMs;
  return ms > 0 ? ms : undefined;
}

/** Fewest failures in a row that end a long-running command (with at least its budget of time passed). */
export const PERSISTENT_FAILURES = 5;

/**
 * The failures in a row of a long-running command (`logs --follow`, `stop --wait`, `list
 * --watch`): each one a request that already failed after its own retries. Transient failures are
 * ridden out on the shared backoff schedule; the streak becomes persistent, and the command ends,
 * only once it holds at least PERSISTENT_FAILURES failures AND has lasted at least `budgetMs` (the
 * --timeout) since its first failure. A success ends the streak.
 */
export class FailureStreak {
  private startedAt: number | undefined;
  private failures = 0;

  constructor(
    private readonly budgetMs: number,
    private readonly now: () => number,
  ) {}

  /** Failures in the current streak. */
  get count(): number {
    return this.failures;
  }

  /** Milliseconds since the streak's first failure (0 without one). */
  get elapsedMs(): number {
    return this.startedAt === undefined ? 0 : this.now() - this.startedAt;
  }

  /** Counts one more failure; true when the streak is now persistent. */
  fail(): boolean {
    this.startedAt ??= this.now();
    this.failures += 1;
    return this.failures >= PERSISTENT_FAILURES && this.elapsedMs >= this.budgetMs;
  }

  /** The wait before the next try, from the shared backoff schedule. */
  backoff(random: () => number): number {
    return backoffDelay(Math.max(0, this.failures - 1), random);
  }

  /** A success: the next failure starts a new streak. */
  reset(): void {
    this.startedAt = undefined;
    this.failures = 0;
  }
}

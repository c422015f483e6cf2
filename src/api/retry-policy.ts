// The numbers of the retry policy, kept apart from the client so they can be read and tested alone.
// Full jitter (AWS "Exponential Backoff And Jitter"): concurrent clients spread out instead of
// retrying in lock-step, which plain exponential backoff (undici, the SDK) does not do.

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

/** Returns the full-jitter backoff in whole milliseconds before retry number `retry` (0 for the first retry). */
export function backoffDelay(retry: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry);
  return Math.round(random() * ceiling);
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

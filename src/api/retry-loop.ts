// The retry loop of one call: runs attempts until one succeeds, a failure is final, or the call's
// own time budget is spent. The budget belongs to the call alone: calls running side by side
// (`show`, `summary`) each get the whole of it, however long the others wait.
import { InterruptedError, type HprocError } from '../errors.js';
import { backoffDelay, MAX_RETRIES, RETRY_AFTER_CAP_MS } from './retry-policy.js';

/** Failure of one attempt, with what the retry loop needs to decide. */
export interface Failure {
  /** What to throw when giving up. */
  error: HprocError;
  retryable: boolean;
  /** For debug lines: `HTTP 503`, `ECONNRESET`. */
  reason: string;
  status?: number;
  code?: string | undefined;
  retryAfterMs?: number | undefined;
}

/** Thrown by an attempt that failed in a way the loop decides about; anything else ends the call at once. */
export class AttemptFailed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.message);
  }
}

/** The reason of a failure that happened because the call's deadline struck. */
export const OUT_OF_TIME = 'out of time';

/** What the loop needs from its client. */
export interface RetryContext {
  /** Time budget of the call with its retries; 0: no deadline (and only zero-length waits fit). */
  budgetMs: number;
  /** Ends the waits; an abort becomes InterruptedError. */
  signal: AbortSignal | undefined;
  now: () => number;
  /** Source of jitter in [0, 1). */
  random: () => number;
  sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  debug: ((line: string) => void) | undefined;
  /** Told of each retry before its wait, for a progress line ("retrying after 503, 2 of 5"). */
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

/** A retry about to happen: what failed, which retry this is of how many at most, and the wait. */
export interface RetryEvent {
  /** `503`, `429`, `ECONNRESET`: the status or error code of the failed attempt. */
  cause: string;
  /** 1 for the first retry. */
  retry: number;
  maxRetries: number;
  waitMs: number;
}

/** Runs `attempt` until it succeeds, fails finally, or (with `retry`) the retries or the call's budget run out. */
export async function withRetries<T>(context: RetryContext, retry: boolean, attempt: () => Promise<T>): Promise<T> {
  const { signal, now } = context;
  const started = now();
  const codesSeen = new Set<string>();
  let previous: Failure | undefined;
  for (let retryIndex = 0; ; retryIndex++) {
    if (isAborted(signal)) throw new InterruptedError('interrupted');
    let failure: Failure;
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof AttemptFailed)) throw error;
      failure = error.failure;
    }
    // A name that did not resolve twice in a row will not resolve on a third try.
    const repeatedDnsFailure = failure.code === 'ENOTFOUND' && codesSeen.has('ENOTFOUND');
    if (failure.code !== undefined) codesSeen.add(failure.code);
    // When the deadline cuts a retry short, what kept failing before it says more than "out of time".
    if (failure.reason === OUT_OF_TIME && previous !== undefined) throw previous.error;
    previous = failure;
    if (!retry || !failure.retryable || repeatedDnsFailure || retryIndex >= MAX_RETRIES) throw failure.error;
    const wait = retryWait(context, failure, retryIndex, context.budgetMs - (now() - started));
    context.onRetry?.({ cause: failure.status !== undefined ? String(failure.status) : (failure.code ?? failure.reason), retry: retryIndex + 1, maxRetries: MAX_RETRIES, waitMs: wait });
    try {
      await context.sleep(wait, signal);
    } catch (error) {
      if (isAborted(signal)) throw new InterruptedError('interrupted');
      throw error;
    }
  }
}

/** The wait before the next attempt, or the failure thrown when it would not fit in the `remaining` budget. */
function retryWait(context: RetryContext, failure: Failure, retryIndex: number, remaining: number): number {
  const { debug } = context;
  const { retryAfterMs } = failure;
  if (failure.status === 429 && retryAfterMs !== undefined && retryAfterMs > remaining) {
    debug?.(`not retrying: the server asks to wait ${Math.ceil(retryAfterMs / 1000)} s, beyond the time budget`);
    throw failure.error;
  }
  const wait = retryAfterMs === undefined ? backoffDelay(retryIndex, context.random) : Math.min(retryAfterMs, RETRY_AFTER_CAP_MS);
  if (wait > remaining) {
    debug?.(`not retrying after ${failure.reason}: the time budget is spent`);
    throw failure.error;
  }
  debug?.(`retrying in ${wait} ms after ${failure.reason}`);
  return wait;
}

// A function, not an inline check: TypeScript would narrow `signal.aborted` across awaits.
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

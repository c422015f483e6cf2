// The transport under the API client: undici's keep-alive Agent, the request deadline and abort
// plumbing, the size cap and body reading, and how a thrown transport error becomes a failure the
// retry loop can decide about. It knows nothing of statuses or JSON.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { setMaxListeners } from 'node:events';
import type { Agent, Dispatcher } from 'undici';
import { HprocError, InterruptedError, NetworkError, ResponseError } from '../errors.js';
import { MASK } from '../redact.js';
import { formatBytes, formatDuration } from '../units.js';
import { errorCodeOf, isRetryableCode, toNetworkError, wasNotSent, type FailurePhase } from './network-errors.js';
import { AttemptFailed, OUT_OF_TIME } from './retry-loop.js';
import { loadAgentClass } from './undici-agent.js';

export type Method = 'GET' | 'POST';

/** What the transport is built from (the client's options, resolved). */
export interface TransportOptions {
  baseUrl: URL;
  userAgent: string;
  /** The Authorization header value, or undefined to send none. */
  authorization: string | undefined;
  /** The caller's signal; aborting it ends any request with InterruptedError. */
  signal: AbortSignal | undefined;
  budgetMs: number;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  maxResponseBytes: number;
  /**
   * Bytes of success bodies the whole run may hold, all responses together (those read at once
   * and those kept): the memory budget. A listing keeps what it receives until it prints.
   */
  maxHeldBytes: number;
  /** Replaces the transport's own Agent; it is then not closed here. */
  dispatcher: Dispatcher | undefined;
  now: () => number;
  /** Receives lines already redacted. */
  debug: ((line: string) => void) | undefined;
}

/** The timeouts toNetworkError names in its messages. */
export interface Timeouts {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/** One call: a request and its retries, bounded by the time budget. */
export interface Call {
  /** The run's signal joined with the call's deadline. */
  signal: AbortSignal | undefined;
  expired(): boolean;
  /** Whether a connect to the API was under way when the deadline struck (the abort itself may end it). */
  expiredWhileConnecting(): boolean;
  done(): void;
  /** When the current attempt last received something (headers or body bytes), for telling a stall from a slow body. */
  lastActivity: number;
}

/** The start of an error body and what is known of the rest. */
export interface ErrorBody {
  head: Buffer;
  bytes: number;
  complete: boolean;
  overflow: boolean;
}

// Enough of an error body to find its message and show a snippet under --debug.
const ERROR_BODY_KEEP_BYTES = 64 * 1024;
// A body silent this long when the budget runs out is reported as stalled rather than slow.
const STALL_MS = 1000;
const MAY_HAVE_APPLIED = 'the request may or may not have been applied';

/** Adds to the message of a failed POST that it may have reached the server anyway. */
export function mayHaveApplied(method: Method, message: string): string {
  return method === 'POST' ? `${message}; ${MAY_HAVE_APPLIED}` : message;
}

/** The first value of a response header. */
export function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** One keep-alive connection pool for the whole run, and the requests made on it. */
export class Transport {
  readonly host: string;
  readonly origin: string;
  /** The run's signal as every request listens to it (undefined when the caller gave none). */
  readonly signal: AbortSignal | undefined;
  readonly timeouts: Timeouts;
  /** The size cap as messages name it. */
  readonly sizeLimit: string;
  /** The memory budget as messages name it. */
  readonly heldLimit: string;
  private heldBytes = 0;
  private readonly ownAgent: Agent | undefined;
  private readonly dispatcher: Dispatcher;
  private readonly connects: ConnectTracker | undefined;

  constructor(private readonly options: TransportOptions) {
    const { baseUrl, budgetMs, connectTimeoutMs, headersTimeoutMs, bodyTimeoutMs } = options;
    this.host = baseUrl.host;
    this.origin = baseUrl.origin;
    this.signal = linkedSignal(options.signal);
    // No single wait may outlast the whole budget, or `--timeout 2s` would sit out a 10 s connect; and
    // a connect that cannot succeed should fail (naming the connect) a little before the deadline does.
    const connectLimitMs = budgetMs > 0 ? Math.min(connectTimeoutMs, Math.max(1, Math.floor(budgetMs * 0.8))) : connectTimeoutMs;
    this.ownAgent =
      options.dispatcher === undefined
        ? new (loadAgentClass())({ connect: { timeout: connectLimitMs }, headersTimeout: headersTimeoutMs, bodyTimeout: bodyTimeoutMs })
        : undefined;
    this.dispatcher = options.dispatcher ?? (this.ownAgent as Agent);
    this.connects = this.ownAgent === undefined ? undefined : new ConnectTracker(this.host);
    this.timeouts = { connectTimeoutMs: connectLimitMs, headersTimeoutMs, bodyTimeoutMs };
    this.sizeLimit = formatBytes(options.maxResponseBytes, { exact: true });
    this.heldLimit = formatBytes(options.maxHeldBytes, { exact: true });
  }

  /** Forgets the bodies held so far (a watch between polls): their data is no longer kept. */
  releaseHeld(): void {
    this.heldBytes = 0;
  }

  // Counts `bytes` more against the run's budget; throws past it. Concurrent responses count
  // together, chunk by chunk, so sixteen partitions cannot each fill the per-response cap.
  private hold(bytes: number, response: Dispatcher.ResponseData): void {
    this.heldBytes += bytes;
    if (this.heldBytes <= this.options.maxHeldBytes) return;
    response.body.destroy();
    throw new HprocError(`the API's answers passed hproc's memory budget of ${this.heldLimit} for one run`, {
      hint: 'list fewer processes (--limit) or narrow the listing (--status, --region); a server whose pages hold far more than the API\'s 10 processes is misbehaving',
    });
  }

  isAborted(): boolean {
    return this.signal?.aborted === true;
  }

  /** Milliseconds since `since`, for debug lines. */
  elapsed(since: number): string {
    return `${Math.max(0, Math.round(this.options.now() - since))} ms`;
  }

  /**
   * Starts one call (a request and its retries) with a deadline at its budget, so a hang, a stall
   * or a body dripping too slowly for the idle timeout cannot outlast `--timeout`. undici's own
   * timeouts run on a coarse timer; this one is exact. A budget of 0 means no deadline.
   */
  startCall(): Call {
    const { budgetMs } = this.options;
    if (budgetMs <= 0) return this.streamCall();
    const deadline = new AbortController();
    let whileConnecting = false;
    const timer = setTimeout(() => {
      // Read before aborting: the abort can end the connect, and the count with it.
      whileConnecting = (this.connects?.count ?? 0) > 0;
      deadline.abort();
    }, budgetMs);
    timer.unref();
    return {
      signal: this.signal === undefined ? deadline.signal : AbortSignal.any([this.signal, deadline.signal]),
      expired: () => deadline.signal.aborted,
      expiredWhileConnecting: () => whileConnecting,
      done: () => clearTimeout(timer),
      lastActivity: this.options.now(),
    };
  }

  /** A call with no deadline (a stream has an idle policy instead): its signal is the run's own. */
  streamCall(): Call {
    return { signal: this.signal, expired: () => false, expiredWhileConnecting: () => false, done: () => undefined, lastActivity: this.options.now() };
  }

  /** Sends one request; resolves at its headers, rejects as soon as the call's signal aborts. */
  async dispatch(method: Method, path: string, accept: string, call: Call, bodyTimeout: number): Promise<Dispatcher.ResponseData> {
    const { authorization, userAgent, headersTimeoutMs } = this.options;
    const headers: Record<string, string> = { accept, 'user-agent': userAgent };
    if (authorization !== undefined) headers['authorization'] = authorization;
    // What is sent, with the credential masked: enough to compare with a proxy's or server's log.
    this.options.debug?.(`${method} ${this.origin}${path} (authorization: ${authorization === undefined ? 'none' : MASK})`);
    const pending = this.dispatcher.request({ origin: this.origin, path, method, headers, signal: call.signal, headersTimeout: headersTimeoutMs, bodyTimeout });
    return settledByAbort(pending, call.signal);
  }

  /** Reads a whole success body, refusing more than the size cap. */
  async readCapped(response: Dispatcher.ResponseData, call?: Call): Promise<Buffer> {
    const { maxResponseBytes, now } = this.options;
    const declared = Number(headerValue(response.headers, 'content-length'));
    if (Number.isFinite(declared) && declared > maxResponseBytes) {
      response.body.destroy();
      throw new ResponseError(`response larger than ${this.sizeLimit}`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let kept = false;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        if (call !== undefined) call.lastActivity = now();
        total += chunk.length;
        if (total > maxResponseBytes) {
          response.body.destroy();
          throw new ResponseError(`response larger than ${this.sizeLimit}`);
        }
        this.hold(chunk.length, response);
        chunks.push(chunk);
      }
      kept = true;
      return Buffer.concat(chunks, total);
    } finally {
      // A body that did not arrive whole is not kept (a retry reads it again).
      if (!kept) this.heldBytes -= Math.min(total, this.heldBytes);
    }
  }

  /** Reads an error body for its message: keeps the start, counts the rest up to the cap; fails only on interruption. */
  async readErrorBody(response: Dispatcher.ResponseData): Promise<ErrorBody> {
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (kept < ERROR_BODY_KEEP_BYTES) {
          const part = chunk.subarray(0, ERROR_BODY_KEEP_BYTES - kept);
          chunks.push(part);
          kept += part.length;
        }
        if (bytes > this.options.maxResponseBytes) {
          response.body.destroy();
          return { head: Buffer.concat(chunks), bytes, complete: false, overflow: true };
        }
      }
    } catch {
      if (this.isAborted()) throw new InterruptedError('interrupted');
      // The status already says what went wrong; a broken error body adds nothing.
      return { head: Buffer.concat(chunks), bytes, complete: false, overflow: false };
    }
    return { head: Buffer.concat(chunks), bytes, complete: bytes === kept, overflow: false };
  }

  /** Turns a thrown transport error into an attempt failure (or an interruption). */
  fail(error: unknown, method: Method, href: string, phase: FailurePhase, since: number, call?: Call): never {
    const { debug } = this.options;
    const during = phase === 'body' ? ' while reading the body' : '';
    if (this.isAborted()) {
      debug?.(`${method} ${href} → interrupted (${this.elapsed(since)})`);
      throw new InterruptedError('interrupted');
    }
    if (call?.expired() === true) {
      debug?.(`${method} ${href} → out of time${during} (${this.elapsed(since)})`);
      throw new AttemptFailed({ error: this.outOfTime(method, phase, call), retryable: false, reason: OUT_OF_TIME });
    }
    const code = errorCodeOf(error);
    debug?.(`${method} ${href} → ${code ?? 'network error'}${during} (${this.elapsed(since)})`);
    let networkError = toNetworkError(error, this.host, phase, this.timeouts);
    if (method === 'POST' && !wasNotSent(code)) {
      const { hint } = networkError;
      networkError = new NetworkError(mayHaveApplied(method, networkError.message), hint === undefined ? { cause: error } : { hint, cause: error });
    }
    throw new AttemptFailed({ error: networkError, retryable: isRetryableCode(code), reason: code ?? 'network error', code });
  }

  /** The error of a call its deadline ended: what never completed, and how to allow more time. */
  private outOfTime(method: Method, phase: FailurePhase, call: Call): NetworkError {
    const { host } = this;
    const budget = formatDuration(this.options.budgetMs, { exact: true });
    const idleMs = this.options.now() - call.lastActivity;
    const message =
      phase === 'request'
        ? call.expiredWhileConnecting()
          ? `timed out connecting to ${host} after ${budget}`
          : `timed out waiting for a response from ${host} after ${budget}`
        : idleMs >= STALL_MS
          ? `response from ${host} stalled for ${formatDuration(Math.round(idleMs / 1000) * 1000)}`
          : `response from ${host} not complete after ${budget}`;
    return new NetworkError(mayHaveApplied(method, message), {
      hint: `a request with its retries may take at most --timeout (${budget}); allow more, e.g. --timeout 2m`,
    });
  }

  /** Closes the connections: destroy, not close, as nothing in flight is still wanted and a graceful close would wait for an open log stream. */
  async close(): Promise<void> {
    this.connects?.stop();
    await this.ownAgent?.destroy();
  }
}

/**
 * Every request in flight listens on the signal; concurrent lookups would pass Node's default of
 * 10 listeners and print a leak warning. Our own linked signal carries them instead, so the
 * caller's signal keeps its limit and gets a single listener.
 */
function linkedSignal(outer: AbortSignal | undefined): AbortSignal | undefined {
  if (outer === undefined) return undefined;
  const linked = new AbortController();
  setMaxListeners(0, linked.signal);
  if (outer.aborted) linked.abort(outer.reason);
  else outer.addEventListener('abort', () => linked.abort(outer.reason), { once: true });
  return linked.signal;
}

/**
 * Connects to our host still in flight, read from undici's diagnostics channels: when the deadline
 * strikes during one, the message should say the connect never completed.
 */
class ConnectTracker {
  count = 0;
  private readonly channels: readonly (readonly [string, (message: unknown) => void])[];

  constructor(host: string) {
    const isOurs = (message: unknown): boolean => (message as { connectParams?: { host?: unknown } }).connectParams?.host === host;
    const started = (message: unknown): void => {
      if (isOurs(message)) this.count++;
    };
    const ended = (message: unknown): void => {
      if (isOurs(message) && this.count > 0) this.count--;
    };
    this.channels = [
      ['undici:client:beforeConnect', started],
      ['undici:client:connected', ended],
      ['undici:client:connectError', ended],
    ];
    for (const [name, listener] of this.channels) subscribe(name, listener);
  }

  stop(): void {
    for (const [name, listener] of this.channels) unsubscribe(name, listener);
  }
}

/**
 * The request's outcome, or a rejection as soon as `signal` aborts. undici takes an abort into
 * account only once a connect under way ends, which against an address that drops packets is the
 * connect timeout later: a 4 s `--timeout` then took 7.3 s (docs/bad-input-catalogue.md #22).
 * What the request still brings after the abort is dropped; closing the client destroys its sockets.
 */
export function settledByAbort(pending: Promise<Dispatcher.ResponseData>, signal: AbortSignal | undefined): Promise<Dispatcher.ResponseData> {
  if (signal === undefined) return pending;
  const discard = (): void => {
    pending.then(
      (late) => late.body.destroy(),
      () => undefined,
    );
  };
  if (signal.aborted) {
    discard();
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      discard();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (response) => {
        signal.removeEventListener('abort', onAbort);
        resolve(response);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

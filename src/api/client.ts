// The one HTTP client of hproc: base URL, auth, timeouts, size cap, status → error mapping and the
// retry policy all live here, so endpoint functions only name paths and schemas.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import type { Agent, Dispatcher } from 'undici';
import { HprocError, InterruptedError, NetworkError, ResponseError } from '../errors.js';
import { createRedactor, MASK, type Redactor } from '../redact.js';
import { checkTokenCharacters } from './endpoint.js';
import { ApiAuthError, ApiNotFoundError, ApiRateLimitError, ApiServerError, ApiStatusError } from './http-errors.js';
import { decodeUtf8, parseJsonText } from './json-text.js';
import { errorCodeOf, isRetryableCode, toNetworkError, wasNotSent, type FailurePhase } from './network-errors.js';
import { backoffDelay, MAX_RETRIES, parseRetryAfter, RETRY_AFTER_CAP_MS, RETRYABLE_STATUSES } from './retry-policy.js';
import { loadAgentClass } from './undici-agent.js';

/** How to build an API client; everything from the outside world comes in here (the client never reads `process`). */
export interface ApiClientOptions {
  /** API base URL from resolveEndpoint; a path prefix is kept. */
  baseUrl: URL;
  /** The token from resolveToken; sent as `Authorization: Bearer <token>`. */
  token: string;
  userAgent: string;
  /** Aborting it ends any request or wait with InterruptedError. */
  signal?: AbortSignal;
  /** Time budget of each call with its retries (a deadline), and of all the client's retry waits together; 0: no retries, no deadline. Default 30000. */
  budgetMs?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Longest silence between body chunks of a request/response call. */
  bodyTimeoutMs?: number;
  maxResponseBytes?: number;
  /** Receives one line per attempt and per retry decision; already redacted, but not sanitised for a terminal. */
  debug?: (line: string) => void;
  /** Replaces the client's own keep-alive Agent (tests pass a MockAgent); the client does not close it. */
  dispatcher?: Dispatcher;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  /** Wall-clock time in epoch milliseconds (Retry-After dates are compared with it). */
  now?: () => number;
}

/** A query parameter value: arrays become repeated keys, undefined is left out. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Query parameters of one request. */
export type Query = Readonly<Record<string, QueryValue>>;

/** Options of a streaming request. */
export interface StreamOptions {
  /** Longest silence between chunks before the stream fails; default the client's bodyTimeoutMs; 0 disables it. */
  idleTimeoutMs?: number;
  accept?: string;
}

/** An open streaming response. */
export interface ApiStream {
  readonly contentType: string | undefined;
  /** The body chunks; failures surface as NetworkError or InterruptedError. */
  readonly body: AsyncIterable<Buffer>;
  /** Stops reading and releases the connection. */
  close(): void;
}

/** The HTTP client the endpoint functions use. */
export interface ApiClient {
  readonly baseUrl: URL;
  /** The host (and port) every message names. */
  readonly host: string;
  /** The redactor that masks this client's token; the same one should serve the error printer. */
  readonly redact: Redactor;
  /** GETs an API path (segments already validated and encoded) and returns the parsed JSON; retried per the policy. */
  getJson(path: string, query?: Query): Promise<unknown>;
  /** POSTs with no body and returns the parsed JSON body, or undefined when empty; never retried. */
  postEmpty(path: string): Promise<unknown>;
  /** GETs an API path as a byte stream with an idle timeout instead of a total deadline. */
  stream(path: string, query?: Query, options?: StreamOptions): Promise<ApiStream>;
  /** Closes the client's connections; call once the command is done. */
  close(): Promise<void>;
}

const MiB = 1024 * 1024;
// Enough of an error body to find its message and show a snippet under --debug.
const ERROR_BODY_KEEP_BYTES = 64 * 1024;
const SERVER_MESSAGE_MAX = 500;
const MAY_HAVE_APPLIED = 'the request may or may not have been applied';

/** Failure of one attempt, with what the retry loop needs to decide. */
interface Failure {
  /** What to throw when giving up. */
  error: HprocError;
  retryable: boolean;
  /** For debug lines: `HTTP 503`, `ECONNRESET`. */
  reason: string;
  status?: number;
  code?: string | undefined;
  retryAfterMs?: number | undefined;
}

/** One call: a request and its retries, bounded by the time budget. */
interface Call {
  /** The run's signal joined with the call's deadline. */
  signal: AbortSignal | undefined;
  expired(): boolean;
  /** Whether a connect to the API was under way when the deadline struck (the abort itself may end it). */
  expiredWhileConnecting(): boolean;
  done(): void;
  /** When the current attempt last received something (headers or body bytes), for telling a stall from a slow body. */
  lastActivity: number;
}

const OUT_OF_TIME = 'out of time';

// A body silent this long when the budget runs out is reported as stalled rather than slow.
const STALL_MS = 1000;

class AttemptFailed extends Error {
  constructor(readonly failure: Failure) {
    super(failure.error.message);
  }
}

type Method = 'GET' | 'POST';

/** Creates the API client: one keep-alive connection pool for the whole run. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const {
    baseUrl,
    token,
    userAgent,
    budgetMs = 30_000,
    connectTimeoutMs = 10_000,
    headersTimeoutMs = 15_000,
    bodyTimeoutMs = 15_000,
    maxResponseBytes = 32 * MiB,
    random = Math.random,
    now = Date.now,
  } = options;
  const sleep = options.sleep ?? ((ms: number, abort: AbortSignal | undefined) => delay(ms, undefined, { signal: abort }));
  if (token !== '') checkTokenCharacters(token);
  // Every request in flight listens on the signal; concurrent lookups would pass Node's default of
  // 10 listeners and print a leak warning. Our own linked signal carries them instead, so the
  // caller's signal keeps its limit and gets a single listener.
  const linked = new AbortController();
  setMaxListeners(0, linked.signal);
  const outer = options.signal;
  if (outer !== undefined) {
    if (outer.aborted) linked.abort(outer.reason);
    else outer.addEventListener('abort', () => linked.abort(outer.reason), { once: true });
  }
  const signal = outer === undefined ? undefined : linked.signal;
  const redact = createRedactor([token, /^bearer /i.test(token) ? token.slice(7) : token]);
  const debug = options.debug === undefined ? undefined : (line: string): void => options.debug?.(redact(line));
  // No single wait may outlast the whole budget, or `--timeout 2s` would sit out a 10 s connect; and
  // a connect that cannot succeed should fail (naming the connect) a little before the deadline does.
  const connectLimitMs = budgetMs > 0 ? Math.min(connectTimeoutMs, Math.max(1, Math.floor(budgetMs * 0.8))) : connectTimeoutMs;
  const ownAgent =
    options.dispatcher === undefined
      ? new (loadAgentClass())({ connect: { timeout: connectLimitMs }, headersTimeout: headersTimeoutMs, bodyTimeout: bodyTimeoutMs })
      : undefined;
  const dispatcher: Dispatcher = options.dispatcher ?? (ownAgent as Agent);
  // Connects to our host still in flight, read from undici's diagnostics channels: when the deadline
  // strikes during one, the message should say the connect never completed.
  let connecting = 0;
  const isOurs = (message: unknown): boolean => (message as { connectParams?: { host?: unknown } }).connectParams?.host === baseUrl.host;
  const connectStarted = (message: unknown): void => {
    if (isOurs(message)) connecting++;
  };
  const connectEnded = (message: unknown): void => {
    if (isOurs(message) && connecting > 0) connecting--;
  };
  const connectChannels = [
    ['undici:client:beforeConnect', connectStarted],
    ['undici:client:connected', connectEnded],
    ['undici:client:connectError', connectEnded],
  ] as const;
  if (ownAgent !== undefined) for (const [name, listener] of connectChannels) subscribe(name, listener);
  const host = baseUrl.host;
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  const authorization = token === '' ? undefined : /^bearer /i.test(token) ? token : `Bearer ${token}`;
  const timeouts = { connectTimeoutMs: connectLimitMs, headersTimeoutMs, bodyTimeoutMs };
  const sizeLimit = describeSize(maxResponseBytes);
  let retryWaitTotal = 0;

  function target(apiPath: string, query: Query | undefined): { path: string; href: string } {
    assertApiPath(apiPath);
    const search = encodeQuery(query);
    const path = `${basePath}${apiPath}${search === '' ? '' : `?${search}`}`;
    return { path, href: `${baseUrl.origin}${path}` };
  }

  // A function, not an inline check: TypeScript would narrow `signal.aborted` across awaits.
  function isAborted(): boolean {
    return signal?.aborted === true;
  }

  function interrupted(): InterruptedError {
    return new InterruptedError('interrupted');
  }

  /**
   * Starts one call (a request and its retries) with a deadline at its budget, so a hang, a stall
   * or a body dripping too slowly for the idle timeout cannot outlast `--timeout`. undici's own
   * timeouts run on a coarse timer; this one is exact. A budget of 0 means no retries and no deadline.
   */
  function startCall(): Call {
    if (budgetMs <= 0) return { signal, expired: () => false, expiredWhileConnecting: () => false, done: () => undefined, lastActivity: now() };
    const deadline = new AbortController();
    let whileConnecting = false;
    const timer = setTimeout(() => {
      // Read before aborting: the abort can end the connect, and the count with it.
      whileConnecting = connecting > 0;
      deadline.abort();
    }, budgetMs);
    timer.unref();
    return {
      signal: signal === undefined ? deadline.signal : AbortSignal.any([signal, deadline.signal]),
      expired: () => deadline.signal.aborted,
      expiredWhileConnecting: () => whileConnecting,
      done: () => clearTimeout(timer),
      lastActivity: now(),
    };
  }

  async function dispatch(method: Method, path: string, accept: string, call: Call, bodyTimeout: number): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = { accept, 'user-agent': userAgent };
    if (authorization !== undefined) headers['authorization'] = authorization;
    // What is sent, with the credential masked: enough to compare with a proxy's or server's log.
    debug?.(`${method} ${baseUrl.origin}${path} (authorization: ${authorization === undefined ? 'none' : MASK})`);
    return settledByAbort(
      dispatcher.request({
        origin: baseUrl.origin,
        path,
        method,
        headers,
        signal: call.signal,
        headersTimeout: headersTimeoutMs,
        bodyTimeout,
      }),
      call.signal,
    );
  }

  function elapsed(since: number): string {
    return `${Math.max(0, Math.round(now() - since))} ms`;
  }

  /** Turns a thrown transport error into an attempt failure (or an interruption). */
  function transportFailure(error: unknown, method: Method, href: string, phase: FailurePhase, since: number, call?: Call): never {
    if (isAborted()) {
      debug?.(`${method} ${href} → interrupted (${elapsed(since)})`);
      throw interrupted();
    }
    if (call?.expired() === true) {
      debug?.(`${method} ${href} → out of time${phase === 'body' ? ' while reading the body' : ''} (${elapsed(since)})`);
      const budget = describeDuration(budgetMs);
      const idleMs = now() - call.lastActivity;
      const message =
        phase === 'request'
          ? call.expiredWhileConnecting()
            ? `timed out connecting to ${host} after ${budget}`
            : `timed out waiting for a response from ${host} after ${budget}`
          : idleMs >= STALL_MS
            ? `response from ${host} stalled for ${describeDuration(Math.round(idleMs / 1000) * 1000)}`
            : `response from ${host} not complete after ${budget}`;
      throw new AttemptFailed({
        error: new NetworkError(method === 'POST' ? `${message}; ${MAY_HAVE_APPLIED}` : message, {
          hint: `a request with its retries may take at most --timeout (${budget}); allow more, e.g. --timeout 2m`,
        }),
        retryable: false,
        reason: OUT_OF_TIME,
      });
    }
    const code = errorCodeOf(error);
    debug?.(`${method} ${href} → ${code ?? 'network error'}${phase === 'body' ? ' while reading the body' : ''} (${elapsed(since)})`);
    let networkError = toNetworkError(error, host, phase, timeouts);
    if (method === 'POST' && !wasNotSent(code)) {
      networkError = new NetworkError(`${networkError.message}; ${MAY_HAVE_APPLIED}`, withHint(networkError.hint, error));
    }
    throw new AttemptFailed({
      error: networkError,
      retryable: isRetryableCode(code),
      reason: code ?? 'network error',
      code,
    });
  }

  /** Reads a whole success body, refusing more than the size cap. */
  async function readCapped(response: Dispatcher.ResponseData, call?: Call): Promise<Buffer> {
    const declared = Number(headerValue(response.headers, 'content-length'));
    if (Number.isFinite(declared) && declared > maxResponseBytes) {
      response.body.destroy();
      throw new ResponseError(`response larger than ${sizeLimit}`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      if (call !== undefined) call.lastActivity = now();
      total += chunk.length;
      if (total > maxResponseBytes) {
        response.body.destroy();
        throw new ResponseError(`response larger than ${sizeLimit}`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
  }

  /** Reads an error body for its message: keeps the start, counts the rest up to the cap; fails only on interruption. */
  async function readErrorBody(response: Dispatcher.ResponseData): Promise<{ head: Buffer; bytes: number; complete: boolean; overflow: boolean }> {
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
        if (bytes > maxResponseBytes) {
          response.body.destroy();
          return { head: Buffer.concat(chunks), bytes, complete: false, overflow: true };
        }
      }
    } catch {
      if (isAborted()) throw interrupted();
      // The status already says what went wrong; a broken error body adds nothing.
      return { head: Buffer.concat(chunks), bytes, complete: false, overflow: false };
    }
    return { head: Buffer.concat(chunks), bytes, complete: bytes === kept, overflow: false };
  }

  /** Parses a success body as JSON with errors that say what arrived instead. */
  function parseJsonBody(bytes: Buffer, contentType: string | undefined, where: string): unknown {
    const media = mediaTypeOf(contentType);
    // A missing content type is tolerated: parse and see.
    if (media !== undefined && !isJsonMediaType(media)) {
      throw new ResponseError(`expected JSON from ${where}, got ${media} (${bytes.length} bytes)`, {
        hint: 'a proxy or captive portal may be answering instead of the Hathora API',
      });
    }
    const decoded = decodeUtf8(bytes);
    if (decoded.text.trim() === '') {
      throw new ResponseError(`expected JSON from ${where}, got an empty response`);
    }
    if (decoded.replacedInvalid) debug?.(`${where}: response contains invalid UTF-8, replaced with U+FFFD`);
    const parsed = parseJsonText(decoded.text);
    if (!parsed.ok) {
      throw new ResponseError(`invalid JSON in response from ${where} at byte ${parsed.byteOffset + decoded.skippedBytes}`);
    }
    return parsed.value;
  }

  /** Reads a non-success response and throws the matching error (an AttemptFailed when it may be retried). */
  async function failStatus(response: Dispatcher.ResponseData, method: Method, apiPath: string, href: string, since: number): Promise<never> {
    const status = response.statusCode;
    const where = `${method} ${apiPath}`;
    const location = headerValue(response.headers, 'location');
    if (status >= 300 && status < 400 && location !== undefined) {
      await response.body.dump().catch(() => undefined);
      debug?.(`${method} ${href} → ${status} (${elapsed(since)})`);
      // Never followed: the token must not travel to wherever the Location points.
      throw new ApiStatusError(`unexpected redirect to ${locationHost(location, baseUrl)}`, {
        status,
        hint: 'hproc does not follow redirects; check the API endpoint',
      });
    }
    const contentType = headerValue(response.headers, 'content-type');
    const body = await readErrorBody(response);
    debug?.(`${method} ${href} → ${status} (${elapsed(since)})`);
    if (body.bytes > 0) debug?.(`response body: ${quoteForLog(redact(decodeUtf8(body.head).text.slice(0, 300)))}`);
    const serverMessage = apiErrorMessage(body.head, body.complete, contentType);
    const shown = serverMessage === undefined ? undefined : redact(serverMessage);
    const withMessage = (text: string): string => (shown === undefined ? text : `${text}: ${shown}`);
    const details = { status, serverMessage: shown };
    const size = body.overflow ? `more than ${sizeLimit}` : `${body.bytes} bytes`;
    const bodyDescription = `(${mediaTypeOf(contentType) ?? 'no content type'}, ${size})`;

    if (status === 401) {
      throw new ApiAuthError(withMessage('token rejected (401)'), {
        ...details,
        hint: 'the token is invalid, expired or revoked; create a new one and set HATHORA_TOKEN',
      });
    }
    if (status === 403) {
      throw new ApiAuthError(withMessage('token not allowed (403)'), {
        ...details,
        hint: 'the token may belong to another organisation or lack the needed scope',
      });
    }
    if (status === 404) throw new ApiNotFoundError(shown ?? `not found (404): ${where}`, details);
    if (status === 410) throw new ApiNotFoundError(shown ?? `gone (410): ${where}`, details);
    if (status === 400 || status === 422) throw new ApiStatusError(withMessage(`request rejected (${status})`), details);
    if (status === 408) {
      const message = withMessage(`request to ${host} timed out (408)`);
      throw new AttemptFailed({
        error: new NetworkError(method === 'POST' ? `${message}; ${MAY_HAVE_APPLIED}` : message),
        retryable: true,
        reason: 'HTTP 408',
        status,
      });
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(headerValue(response.headers, 'retry-after'), now());
      const retryAt = retryAfterMs === undefined ? undefined : new Date(now() + retryAfterMs);
      const error =
        retryAt === undefined
          ? new ApiRateLimitError(withMessage(`rate limited by ${host} (429)`), { serverMessage: shown, hint: 'wait a minute and try again' })
          : new ApiRateLimitError(`rate limited; retry after ${formatClock(retryAt, now())}`, { serverMessage: shown, retryAt });
      throw new AttemptFailed({ error, retryable: true, reason: 'HTTP 429', status, retryAfterMs });
    }
    if (status >= 500 && status < 600) {
      const error = new ApiServerError(
        shown === undefined ? `HTTP ${status} from ${host} ${bodyDescription}` : `HTTP ${status} from ${host}: ${shown}`,
        details,
      );
      if (!RETRYABLE_STATUSES.has(status)) throw error;
      const retryAfterMs = parseRetryAfter(headerValue(response.headers, 'retry-after'), now());
      throw new AttemptFailed({ error, retryable: true, reason: `HTTP ${status}`, status, retryAfterMs });
    }
    throw new ApiStatusError(withMessage(`unexpected HTTP ${status} from ${where}`), details);
  }

  /** Runs attempts until one succeeds, the failure is final, or the retry budget is spent. */
  async function withRetries<T>(retry: boolean, attempt: () => Promise<T>): Promise<T> {
    const started = now();
    const codesSeen = new Set<string>();
    let previous: Failure | undefined;
    for (let retryIndex = 0; ; retryIndex++) {
      if (isAborted()) throw interrupted();
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

      const remaining = Math.min(budgetMs - (now() - started), budgetMs - retryWaitTotal);
      if (failure.status === 429 && failure.retryAfterMs !== undefined && failure.retryAfterMs > remaining) {
        debug?.(`not retrying: the server asks to wait ${Math.ceil(failure.retryAfterMs / 1000)} s, beyond the time budget`);
        throw failure.error;
      }
      const wait =
        failure.retryAfterMs === undefined ? backoffDelay(retryIndex, random) : Math.min(failure.retryAfterMs, RETRY_AFTER_CAP_MS);
      if (wait > remaining) {
        debug?.(`not retrying after ${failure.reason}: the time budget is spent`);
        throw failure.error;
      }
      debug?.(`retrying in ${wait} ms after ${failure.reason}`);
      retryWaitTotal += wait;
      try {
        await sleep(wait, signal);
      } catch (error) {
        if (isAborted()) throw interrupted();
        throw error;
      }
    }
  }

  async function getJson(apiPath: string, query?: Query): Promise<unknown> {
    const { path, href } = target(apiPath, query);
    const where = `GET ${apiPath}`;
    const call = startCall();
    return withRetries(true, async () => {
      const since = now();
      let response: Dispatcher.ResponseData;
      try {
        response = await dispatch('GET', path, 'application/json', call, bodyTimeoutMs);
      } catch (error) {
        return transportFailure(error, 'GET', href, 'request', since, call);
      }
      if (response.statusCode !== 200) return failStatus(response, 'GET', apiPath, href, since);
      let bytes: Buffer;
      try {
        call.lastActivity = now();
        bytes = await readCapped(response, call);
      } catch (error) {
        if (error instanceof HprocError) {
          debug?.(`GET ${href} → 200, body over ${sizeLimit} (${elapsed(since)})`);
          throw error;
        }
        return transportFailure(error, 'GET', href, 'body', since, call);
      }
      debug?.(`GET ${href} → 200 (${elapsed(since)})`);
      return parseJsonBody(bytes, headerValue(response.headers, 'content-type'), where);
    }).finally(call.done);
  }

  async function postEmpty(apiPath: string): Promise<unknown> {
    const { path, href } = target(apiPath, undefined);
    const where = `POST ${apiPath}`;
    // Never retried: a stop or create that reached the server must not be sent twice.
    const call = startCall();
    return withRetries(false, async () => {
      const since = now();
      let response: Dispatcher.ResponseData;
      try {
        response = await dispatch('POST', path, 'application/json', call, bodyTimeoutMs);
      } catch (error) {
        return transportFailure(error, 'POST', href, 'request', since, call);
      }
      const status = response.statusCode;
      if (status < 200 || status > 204 || status === 203) return failStatus(response, 'POST', apiPath, href, since);
      let bytes: Buffer;
      try {
        call.lastActivity = now();
        bytes = await readCapped(response, call);
      } catch (error) {
        if (error instanceof HprocError) throw error;
        return transportFailure(error, 'POST', href, 'body', since, call);
      }
      debug?.(`POST ${href} → ${status} (${elapsed(since)})`);
      if (status === 204 || decodeUtf8(bytes).text.trim() === '') return undefined;
      return parseJsonBody(bytes, headerValue(response.headers, 'content-type'), where);
    }).finally(call.done);
  }

  async function stream(apiPath: string, query?: Query, streamOptions: StreamOptions = {}): Promise<ApiStream> {
    const { path, href } = target(apiPath, query);
    const idleTimeoutMs = streamOptions.idleTimeoutMs ?? bodyTimeoutMs;
    const accept = streamOptions.accept ?? 'application/octet-stream';
    // Only the request phase is retried: once bytes have been handed out, a replay would repeat them.
    // A stream has an idle policy, never a deadline: its call signal is the run's own.
    const call: Call = { signal, expired: () => false, expiredWhileConnecting: () => false, done: () => undefined, lastActivity: now() };
    return withRetries(true, async () => {
      const since = now();
      let response: Dispatcher.ResponseData;
      try {
        response = await dispatch('GET', path, accept, call, idleTimeoutMs);
      } catch (error) {
        return transportFailure(error, 'GET', href, 'request', since, call);
      }
      if (response.statusCode !== 200) return failStatus(response, 'GET', apiPath, href, since);
      debug?.(`GET ${href} → 200, streaming (${elapsed(since)})`);
      const body = response.body;
      const streamTimeouts = { ...timeouts, bodyTimeoutMs: idleTimeoutMs };
      async function* chunks(): AsyncGenerator<Buffer> {
        try {
          for await (const chunk of body as AsyncIterable<Buffer>) yield chunk;
        } catch (error) {
          if (isAborted()) throw interrupted();
          throw toNetworkError(error, host, 'body', streamTimeouts);
        }
      }
      return {
        contentType: headerValue(response.headers, 'content-type'),
        body: chunks(),
        close: () => {
          body.destroy();
        },
      };
    });
  }

  return {
    baseUrl,
    host,
    redact,
    getJson,
    postEmpty,
    stream,
    async close(): Promise<void> {
      // destroy, not close: nothing in flight is still wanted, and a graceful close would wait for
      // an open log stream.
      if (ownAgent !== undefined) for (const [name, listener] of connectChannels) unsubscribe(name, listener);
      await ownAgent?.destroy();
    },
  };
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

/** Encodes query parameters the way the SDK does: repeated keys for arrays, percent-encoding, undefined left out. */
export function encodeQuery(query: Query | undefined): string {
  if (query === undefined) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const values: readonly (string | number | boolean)[] = Array.isArray(value) ? (value as readonly string[]) : [value as string | number | boolean];
    for (const item of values) {
      if (typeof item === 'number' && !Number.isFinite(item)) {
        throw new TypeError(`query parameter ${key} is not a finite number`);
      }
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    }
  }
  return parts.join('&');
}

// Endpoint functions build paths from validated segments; this catches a programming mistake
// before it becomes a request to a different endpoint.
function assertApiPath(path: string): void {
  const segments = path.split('/').slice(1);
  if (
    !path.startsWith('/') ||
    !/^[A-Za-z0-9._~!$&'()*+,;=:@%/-]+$/.test(path) ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  ) {
    throw new TypeError(`invalid API path ${JSON.stringify(path)}`);
  }
}

function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  const media = contentType?.split(';')[0]?.trim().toLowerCase();
  return media === undefined || media === '' ? undefined : media;
}

function isJsonMediaType(media: string): boolean {
  return /^(?:application|text)\/(?:[a-z0-9.!#$&^_-]+\+)?json$/.test(media);
}

/** Finds the `message` of an ApiError body, if the body is one. */
function apiErrorMessage(head: Buffer, complete: boolean, contentType: string | undefined): string | undefined {
  const media = mediaTypeOf(contentType);
  if (!complete || (media !== undefined && !isJsonMediaType(media))) return undefined;
  const parsed = parseJsonText(decodeUtf8(head).text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return undefined;
  const message = (parsed.value as { message?: unknown }).message;
  if (typeof message !== 'string' || message.trim() === '') return undefined;
  const trimmed = message.trim();
  return trimmed.length > SERVER_MESSAGE_MAX ? `${trimmed.slice(0, SERVER_MESSAGE_MAX - 1)}…` : trimmed;
}

function locationHost(location: string, base: URL): string {
  try {
    return new URL(location, base).host || 'an invalid location';
  } catch {
    return 'an invalid location';
  }
}

function describeDuration(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms} ms`;
}

function describeSize(bytes: number): string {
  if (bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** Formats a local wall-clock time as HH:MM (rounded up to the minute), with the date when it is not within a day. */
export function formatClock(at: Date, nowMs: number): string {
  const rounded = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const clock = `${pad(rounded.getHours())}:${pad(rounded.getMinutes())}`;
  if (rounded.getTime() - nowMs < 24 * 3600_000) return clock;
  return `${rounded.getFullYear()}-${pad(rounded.getMonth() + 1)}-${pad(rounded.getDate())} ${clock}`;
}

// JSON quoting escapes C0 controls; C1, DEL and bidi controls are escaped too, so a hostile error
// body cannot drive the terminal through the debug log.
function quoteForLog(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function withHint(hint: string | undefined, cause: unknown): { hint?: string; cause?: unknown } {
  return hint === undefined ? { cause } : { hint, cause };
}

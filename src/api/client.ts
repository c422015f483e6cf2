// The one HTTP client of hproc, so endpoint functions only name paths and schemas. Its parts:
// transport.ts (undici, deadlines, size cap, body reading), status-errors.ts (status → error),
// retry-loop.ts with retry-policy.ts (when and how long to retry). This file joins them.
import type { Dispatcher } from 'undici';
import { HprocError, InterruptedError } from '../errors.js';
import { createRedactor, type Redactor } from '../redact.js';
import { checkTokenCharacters } from './endpoint.js';
import { decodeUtf8 } from './json-text.js';
import { toNetworkError } from './network-errors.js';
import { withRetries, AttemptFailed, type RetryContext, type RetryEvent } from './retry-loop.js';
import { sleep as abortableSleep } from './retry-policy.js';
import { parseJsonBody, quoteForLog, redirectError, statusFailure } from './status-errors.js';
import { headerValue, Transport, type Call, type Method } from './transport.js';

export { settledByAbort } from './transport.js';

/** How to build an API client; everything from the outside world comes in here (the client never reads `process`). */
export interface ApiClientOptions {
  /** API base URL from resolveEndpoint; a path prefix is kept. */
  baseUrl: URL;
  /** The token from resolveToken; sent as `Authorization: Bearer <token>`. */
  token: string;
  userAgent: string;
  /** Aborting it ends any request or wait with InterruptedError. */
  signal?: AbortSignal;
  /** Time budget of each call with its retries (a deadline of its own, never shared with other calls); 0: no retries, no deadline. Default 30000. */
  budgetMs?: number;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** Longest silence between body chunks of a request/response call. */
  bodyTimeoutMs?: number;
  maxResponseBytes?: number;
  /** Bytes of success bodies the run may hold, all responses together; default MEMORY_BUDGET_BYTES. */
  maxHeldBytes?: number;
  /** Receives one line per attempt and per retry decision; already redacted, but not sanitised for a terminal. */
  debug?: (line: string) => void;
  /** Told of each retry before its wait (the progress line shows it). */
  onRetry?: (event: RetryEvent) => void;
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
  /** Forgets the bodies held against the memory budget, once their data is no longer kept (a watch between polls). */
  releaseHeld(): void;
  /**
   * What this client has found out about the server where the API documents nothing (how it reads
   * the v3 `before` cursor), kept for the client's life, which is one run: each finding is made once.
   */
  readonly learned: Map<string, unknown>;
}

const MiB = 1024 * 1024;

/**
 * The memory budget of one run: success bodies held at once, all responses together. Parsed,
 * validated and kept three ways, 48 MiB of JSON keeps a listing's peak under about 256 MiB of RSS.
 */
export const MEMORY_BUDGET_BYTES = 48 * MiB;

/** What every request of one client shares. */
interface Core {
  baseUrl: URL;
  basePath: string;
  transport: Transport;
  retries: RetryContext;
  redact: Redactor;
  bodyTimeoutMs: number;
  now: () => number;
  debug: ((line: string) => void) | undefined;
}

/** One request as the client sends it. */
interface Target {
  method: Method;
  apiPath: string;
  /** The path sent, with the base URL's prefix and the query. */
  path: string;
  href: string;
  /** `GET /apps/v2/apps`, for messages. */
  where: string;
}

/** Creates the API client: one keep-alive connection pool for the whole run. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const { baseUrl, token, now = Date.now } = options;
  const budgetMs = options.budgetMs ?? 30_000;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 15_000;
  if (token !== '') checkTokenCharacters(token);
  const redact = createRedactor([token, /^bearer /i.test(token) ? token.slice(7) : token]);
  const debug = options.debug === undefined ? undefined : (line: string): void => options.debug?.(redact(line));
  const transport = new Transport({
    baseUrl,
    userAgent: options.userAgent,
    authorization: token === '' ? undefined : /^bearer /i.test(token) ? token : `Bearer ${token}`,
    signal: options.signal,
    budgetMs,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    headersTimeoutMs: options.headersTimeoutMs ?? 15_000,
    bodyTimeoutMs,
    maxResponseBytes: options.maxResponseBytes ?? 32 * MiB,
    maxHeldBytes: options.maxHeldBytes ?? MEMORY_BUDGET_BYTES,
    dispatcher: options.dispatcher,
    now,
    debug,
  });
  const retries: RetryContext = {
    budgetMs,
    signal: transport.signal,
    now,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    debug,
    onRetry: options.onRetry,
  };
  const core: Core = { baseUrl, basePath: baseUrl.pathname.replace(/\/+$/, ''), transport, retries, redact, bodyTimeoutMs, now, debug };
  return {
    baseUrl,
    host: transport.host,
    redact,
    // Async, so that an invalid path rejects like any other failure.
    getJson: async (apiPath, query) => getJson(core, target(core, 'GET', apiPath, query)),
    postEmpty: async (apiPath) => postEmpty(core, target(core, 'POST', apiPath, undefined)),
    stream: async (apiPath, query, streamOptions = {}) => stream(core, target(core, 'GET', apiPath, query), streamOptions),
    close: () => transport.close(),
    releaseHeld: () => transport.releaseHeld(),
    learned: new Map(),
  };
}

function target(core: Core, method: Method, apiPath: string, query: Query | undefined): Target {
  assertApiPath(apiPath);
  const search = encodeQuery(query);
  const path = `${core.basePath}${apiPath}${search === '' ? '' : `?${search}`}`;
  return { method, apiPath, path, href: `${core.baseUrl.origin}${path}`, where: `${method} ${apiPath}` };
}

/** Sends one attempt of a call and waits for its headers; a transport failure becomes an AttemptFailed. */
async function send(core: Core, request: Target, accept: string, call: Call, bodyTimeout: number, since: number): Promise<Dispatcher.ResponseData> {
  try {
    return await core.transport.dispatch(request.method, request.path, accept, call, bodyTimeout);
  } catch (error) {
    return core.transport.fail(error, request.method, request.href, 'request', since, call);
  }
}

/** Reads a success body under the size cap; a broken body becomes an AttemptFailed. */
async function readBody(core: Core, request: Target, response: Dispatcher.ResponseData, call: Call, since: number): Promise<Buffer> {
  try {
    call.lastActivity = core.now();
    return await core.transport.readCapped(response, call);
  } catch (error) {
    if (error instanceof HprocError) {
      if (request.method === 'GET') core.debug?.(`GET ${request.href} → 200, body over ${core.transport.sizeLimit} (${core.transport.elapsed(since)})`);
      throw error;
    }
    return core.transport.fail(error, request.method, request.href, 'body', since, call);
  }
}

async function getJson(core: Core, request: Target): Promise<unknown> {
  const call = core.transport.startCall();
  return withRetries(core.retries, true, async () => {
    const since = core.now();
    const response = await send(core, request, 'application/json', call, core.bodyTimeoutMs, since);
    if (response.statusCode !== 200) return failStatus(core, request, response, since);
    const bytes = await readBody(core, request, response, call, since);
    core.debug?.(`GET ${request.href} → 200 (${core.transport.elapsed(since)})`);
    return parseJsonBody(bytes, headerValue(response.headers, 'content-type'), request.where, core.debug, headerValue(response.headers, 'content-encoding'));
  }).finally(call.done);
}

async function postEmpty(core: Core, request: Target): Promise<unknown> {
  // Never retried: a stop or create that reached the server must not be sent twice.
  const call = core.transport.startCall();
  return withRetries(core.retries, false, async () => {
    const since = core.now();
    const response = await send(core, request, 'application/json', call, core.bodyTimeoutMs, since);
    const status = response.statusCode;
    if (status < 200 || status > 204 || status === 203) return failStatus(core, request, response, since);
    const bytes = await readBody(core, request, response, call, since);
    core.debug?.(`POST ${request.href} → ${status} (${core.transport.elapsed(since)})`);
    if (status === 204 || decodeUtf8(bytes).text.trim() === '') return undefined;
    return parseJsonBody(bytes, headerValue(response.headers, 'content-type'), request.where, core.debug, headerValue(response.headers, 'content-encoding'));
  }).finally(call.done);
}

async function stream(core: Core, request: Target, streamOptions: StreamOptions): Promise<ApiStream> {
  const { transport } = core;
  const idleTimeoutMs = streamOptions.idleTimeoutMs ?? core.bodyTimeoutMs;
  const accept = streamOptions.accept ?? 'application/octet-stream';
  // Only the request phase is retried: once bytes have been handed out, a replay would repeat them.
  // A stream has an idle policy, never a deadline: its call signal is the run's own.
  const call = transport.streamCall();
  return withRetries(core.retries, true, async () => {
    const since = core.now();
    const response = await send(core, request, accept, call, idleTimeoutMs, since);
    if (response.statusCode !== 200) return failStatus(core, request, response, since);
    core.debug?.(`GET ${request.href} → 200, streaming (${transport.elapsed(since)})`);
    const body = response.body;
    const streamTimeouts = { ...transport.timeouts, bodyTimeoutMs: idleTimeoutMs };
    async function* chunks(): AsyncGenerator<Buffer> {
      try {
        for await (const chunk of body as AsyncIterable<Buffer>) yield chunk;
      } catch (error) {
        if (transport.isAborted()) throw new InterruptedError('interrupted');
        throw toNetworkError(error, transport.host, 'body', streamTimeouts);
      }
    }
    return { contentType: headerValue(response.headers, 'content-type'), body: chunks(), close: () => body.destroy() };
  });
}

/** Reads a non-success response and throws the matching error (an AttemptFailed when it may be retried). */
async function failStatus(core: Core, request: Target, response: Dispatcher.ResponseData, since: number): Promise<never> {
  const { transport, debug } = core;
  const status = response.statusCode;
  const line = `${request.method} ${request.href} → ${status}`;
  const location = headerValue(response.headers, 'location');
  if (status >= 300 && status < 400 && location !== undefined) {
    await response.body.dump().catch(() => undefined);
    debug?.(`${line} (${transport.elapsed(since)})`);
    throw redirectError(status, location, core.baseUrl);
  }
  const body = await transport.readErrorBody(response);
  debug?.(`${line} (${transport.elapsed(since)})`);
  // Masked before it is cut: a token the cut splits would escape the mask.
  if (body.bytes > 0) debug?.(`response body: ${quoteForLog(core.redact(decodeUtf8(body.head).text).slice(0, 300))}`);
  const answer = {
    status,
    method: request.method,
    where: request.where,
    contentType: headerValue(response.headers, 'content-type'),
    retryAfter: headerValue(response.headers, 'retry-after'),
    body,
  };
  const failure = statusFailure(answer, { host: transport.host, sizeLimit: transport.sizeLimit, nowMs: core.now(), redact: core.redact });
  throw failure.retryable ? new AttemptFailed(failure) : failure.error;
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

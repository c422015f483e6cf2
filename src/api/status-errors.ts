// What an answer that is not the expected success means (design §3): the status → error mapping,
// with the API's own `message` shown (redacted), and a 200 whose body is not the expected JSON.
import { NetworkError, ResponseError } from '../errors.js';
import type { Redactor } from '../redact.js';
import { formatClock } from '../units.js';
import { ApiAuthError, ApiNotFoundError, ApiRateLimitError, ApiServerError, ApiStatusError } from './http-errors.js';
import { decodeUtf8, parseJsonText } from './json-text.js';
import type { Failure } from './retry-loop.js';
import { parseRetryAfter, RETRYABLE_STATUSES } from './retry-policy.js';
import { scopeFor } from './scopes.js';
import { mayHaveApplied, type ErrorBody, type Method } from './transport.js';

const SERVER_MESSAGE_MAX = 500;

/** A non-success answer, its body already read. */
export interface StatusAnswer {
  status: number;
  method: Method;
  /** `GET /apps/v2/apps`: the request as messages name it. */
  where: string;
  contentType: string | undefined;
  retryAfter: string | undefined;
  body: ErrorBody;
}

/** What the mapping needs to word its messages. */
export interface StatusContext {
  /** The host (and port) every message names. */
  host: string;
  /** The size cap as messages name it. */
  sizeLimit: string;
  nowMs: number;
  redact: Redactor;
}

/** The failure a non-success status means; one that is not `retryable` is final. */
export function statusFailure(answer: StatusAnswer, context: StatusContext): Failure {
  const { status, method, where, body } = answer;
  const { host, redact } = context;
  const serverMessage = apiErrorMessage(body.head, body.complete, answer.contentType);
  const shown = serverMessage === undefined ? undefined : redact(serverMessage);
  const withMessage = (text: string): string => (shown === undefined ? text : `${text}: ${shown}`);
  const details = { status, serverMessage: shown };
  const final = (error: Failure['error']): Failure => ({ error, retryable: false, reason: `HTTP ${status}`, status });

  if (status === 401) {
    const hint = 'the token is invalid, expired or revoked; create a new one and set HATHORA_TOKEN';
    return final(new ApiAuthError(withMessage('token rejected (401)'), { ...details, hint }));
  }
  if (status === 403) {
    const scope = scopeFor(method, where.slice(method.length + 1));
    const hint =
      scope === null
        ? 'the token may belong to another organisation or lack the needed scope'
        : `this request needs the scope ${scope} (hproc's reading: the API does not say which scope each call needs); the token may lack it or belong to another organisation (hproc auth status --check lists its scopes)`;
    return final(new ApiAuthError(withMessage('token not allowed (403)'), { ...details, hint }));
  }
  if (status === 404) return final(new ApiNotFoundError(shown ?? `not found (404): ${where}`, details));
  // The server's words add to what hproc knows a 410 means; they never replace it.
  if (status === 410) return final(new ApiNotFoundError(withMessage(`gone (410): ${where}`), details));
  if (status === 400 || status === 422) return final(new ApiStatusError(withMessage(`request rejected (${status})`), details));
  if (status === 408) {
    const error = new NetworkError(mayHaveApplied(method, withMessage(`request to ${host} timed out (408)`)));
    return { error, retryable: true, reason: 'HTTP 408', status };
  }
  if (status === 429) return rateLimited(answer, context, shown);
  if (status >= 500 && status < 600) {
    const size = body.overflow ? `more than ${context.sizeLimit}` : `${body.bytes} bytes`;
    const bodyDescription = `(${mediaTypeOf(answer.contentType) ?? 'no content type'}, ${size})`;
    const message = shown === undefined ? `HTTP ${status} from ${host} ${bodyDescription}` : `HTTP ${status} from ${host}: ${shown}`;
    const error = new ApiServerError(message, details);
    if (!RETRYABLE_STATUSES.has(status)) return final(error);
    return { error, retryable: true, reason: `HTTP ${status}`, status, retryAfterMs: parseRetryAfter(answer.retryAfter, context.nowMs) };
  }
  return final(new ApiStatusError(withMessage(`unexpected HTTP ${status} from ${where}`), details));
}

const YEAR_MS = 366 * 86_400_000;

// Header text is server text: only digits, letters and a few date characters are shown, and not many.
function shortHeader(value: string | undefined): string {
  const text = (value ?? '').trim();
  const safe = /^[A-Za-z0-9 ,:+-]{1,40}$/.test(text) ? text : `${text.replace(/[^A-Za-z0-9 ,:+-]/g, '?').slice(0, 24)}…`;
  return safe;
}

/** A 429: retried, after the server's Retry-After when it gives one. */
function rateLimited(answer: StatusAnswer, context: StatusContext, shown: string | undefined): Failure {
  const { host, nowMs } = context;
  const retryAfterMs = parseRetryAfter(answer.retryAfter, nowMs);
  // A wait past a year is no time to name on a clock (and far enough out is no date at all).
  if (retryAfterMs !== undefined && retryAfterMs > YEAR_MS) {
    const error = new ApiRateLimitError(`rate limited by ${host} (429): it asks to wait more than a year (Retry-After: ${shortHeader(answer.retryAfter)})`, {
      serverMessage: shown,
      hint: 'the server gave no usable time to retry; try again later',
    });
    return { error, retryable: true, reason: 'HTTP 429', status: 429, retryAfterMs };
  }
  const retryAt = retryAfterMs === undefined ? undefined : new Date(nowMs + retryAfterMs);
  const error =
    retryAt === undefined
      ? new ApiRateLimitError(shown === undefined ? `rate limited by ${host} (429)` : `rate limited by ${host} (429): ${shown}`, {
          serverMessage: shown,
          hint: 'wait a minute and try again',
        })
      : new ApiRateLimitError(`rate limited; retry after ${formatClock(retryAt, nowMs)}`, { serverMessage: shown, retryAt });
  return { error, retryable: true, reason: 'HTTP 429', status: 429, retryAfterMs };
}

/** A 3xx with a Location: never followed, so the token never travels to wherever it points. */
export function redirectError(status: number, location: string, base: URL): ApiStatusError {
  return new ApiStatusError(`unexpected redirect to ${locationHost(location, base)}`, {
    status,
    hint: 'hproc does not follow redirects; check the API endpoint',
  });
}

/** Parses a success body as JSON with errors that say what arrived instead. */
export function parseJsonBody(bytes: Buffer, contentType: string | undefined, where: string, debug?: (line: string) => void, contentEncoding?: string): unknown {
  const media = mediaTypeOf(contentType);
  // hproc asks for no encoding; a compressed body is named as such, not reported as broken JSON.
  const encoding = compressionOf(bytes, contentEncoding);
  if (encoding !== undefined) {
    throw new ResponseError(`expected JSON from ${where}, got a ${encoding}-compressed body (${bytes.length} bytes), which hproc did not ask for`, {
      hint: 'a proxy between hproc and the API may be compressing answers',
    });
  }
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

// JSON quoting escapes C0 controls; C1, DEL and bidi controls are escaped too, so a hostile error
// body cannot drive the terminal through the debug log.
/** Quotes a piece of a response body for a debug line. */
export function quoteForLog(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// The Content-Encoding names gzip, br, deflate or zstd; without one, gzip's and zstd's magic bytes still tell.
function compressionOf(bytes: Buffer, contentEncoding: string | undefined): string | undefined {
  const named = contentEncoding?.split(',').map((part) => part.trim().toLowerCase()).find((part) => part !== '' && part !== 'identity');
  if (named !== undefined) return /^[a-z0-9-]{1,16}$/.test(named) ? (named === 'x-gzip' ? 'gzip' : named) : 'compressed';
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return undefined;
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

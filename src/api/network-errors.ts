// Node and undici report transport failures as error codes scattered over `code`, `cause.code` and
// AggregateError members (undici's docs advise matching codes, not classes). This turns them into
// one NetworkError whose message names the cause in words.
import { NetworkError } from '../errors.js';
import { formatDuration } from '../units.js';

/** Where in the exchange a transport failure happened. */
export type FailurePhase = 'request' | 'body';

/** Finds the most specific error code in an error thrown by undici or Node's net/dns/tls modules. */
export function errorCodeOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    // Happy-eyeballs connects (several addresses) fail with an AggregateError of per-address errors.
    const members = (current as { errors?: unknown }).errors;
    if (Array.isArray(members) && members.length > 0) {
      const memberCode = errorCodeOf(members[0]);
      if (memberCode !== undefined) return memberCode;
    }
    current = (current as { cause?: unknown }).cause;
  }
  // undici's parser errors carry no code, only their class name.
  for (let link: unknown = error, depth = 0; typeof link === 'object' && link !== null && depth < 8; link = (link as { cause?: unknown }).cause, depth++) {
    if ((link as { name?: unknown }).name === 'HTTPParserError') return HTTP_PARSER_ERROR;
  }
  return undefined;
}

/** The code errorCodeOf gives a response that is not valid HTTP/1.1 (a garbled status line, headers or chunking). */
export const HTTP_PARSER_ERROR = 'HTTP_PARSER_ERROR';

// Codes for failures that happened before the request could reach the server.
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NODATA',
  'EAI_FAIL',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

// Transient transport failures worth another attempt of an idempotent request.
const RETRYABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

/** Tells whether a transport failure with this code is worth retrying for an idempotent request. */
export function isRetryableCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE.has(code);
}

/** Tells whether a failure with this code certainly happened before the server saw the request. */
export function wasNotSent(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT.has(code);
}

const TLS_HINT = 'if a proxy or private certificate authority is in the way, point NODE_EXTRA_CA_CERTS at its certificate';

/** Describes a transport failure for the user as a NetworkError naming the host and the cause. */
export function toNetworkError(
  error: unknown,
  host: string,
  phase: FailurePhase,
  timeouts: { connectTimeoutMs: number; headersTimeoutMs: number; bodyTimeoutMs: number },
): NetworkError {
  const code = errorCodeOf(error);
  const { message, hint } = describe(code, host, phase, timeouts);
  return new NetworkError(message, hint === undefined ? { cause: error } : { hint, cause: error });
}

function describe(
  code: string | undefined,
  host: string,
  phase: FailurePhase,
  timeouts: { connectTimeoutMs: number; headersTimeoutMs: number; bodyTimeoutMs: number },
): { message: string; hint?: string } {
  switch (code) {
    case 'ECONNREFUSED':
      return { message: `cannot connect to ${host}: connection refused` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NODATA':
    case 'EAI_FAIL':
      return { message: `cannot resolve ${host}`, hint: 'check your network connection, DNS or proxy settings' };
    case 'ENETUNREACH':
    case 'ENETDOWN':
      return { message: `cannot connect to ${host}: network unreachable`, hint: 'check your network connection' };
    case 'EHOSTUNREACH':
    case 'EHOSTDOWN':
      return { message: `cannot connect to ${host}: host unreachable`, hint: 'check your network connection' };
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { message: `timed out connecting to ${host} after ${seconds(timeouts.connectTimeoutMs)}` };
    case 'UND_ERR_HEADERS_TIMEOUT':
      return { message: `timed out waiting for response headers from ${host} after ${seconds(timeouts.headersTimeoutMs)}` };
    case 'UND_ERR_BODY_TIMEOUT':
      return { message: `response from ${host} stalled for ${seconds(timeouts.bodyTimeoutMs)}` };
    case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
      return { message: `response from ${host} truncated` };
    case 'ECONNRESET':
    case 'EPIPE':
      return phase === 'body'
        ? { message: `response from ${host} truncated: connection reset` }
        : { message: `connection to ${host} was reset` };
    case 'UND_ERR_SOCKET':
      return phase === 'body'
        ? { message: `response from ${host} truncated` }
        : { message: `connection to ${host} closed before a response` };
    case HTTP_PARSER_ERROR:
      return { message: `invalid HTTP response from ${host}`, hint: 'something between you and the API may be answering in its place' };
    case 'UND_ERR_HEADERS_OVERFLOW':
      return { message: `response headers from ${host} too large` };
    case 'CERT_HAS_EXPIRED':
      return { message: `TLS error connecting to ${host}: certificate has expired`, hint: TLS_HINT };
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return { message: `TLS error connecting to ${host}: self-signed certificate`, hint: TLS_HINT };
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return { message: `TLS error connecting to ${host}: certificate not trusted`, hint: TLS_HINT };
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return { message: `TLS error connecting to ${host}: certificate is for another host`, hint: TLS_HINT };
    default:
      if (code !== undefined && /^(ERR_TLS_|ERR_SSL_|CERT_)/.test(code)) {
        return { message: `TLS error connecting to ${host}: ${code}`, hint: TLS_HINT };
      }
      return { message: `request to ${host} failed${code === undefined ? '' : `: ${code}`}` };
  }
}

// A timeout is a setting: printed exactly (`10s`, `2s 400ms`), never rounded.
function seconds(ms: number): string {
  return formatDuration(ms, { exact: true });
}

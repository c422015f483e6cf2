// Errors that came from an HTTP status carry it, so that an endpoint function can replace the
// generic message with a better one ("process P not found in app A") without string matching.
import { AuthError, NotFoundError, RateLimitError, ResponseError, ServerError } from '../errors.js';

/** What an HTTP-status error knows besides its message. */
export interface HttpErrorDetails {
  /** The HTTP status the server answered. */
  status: number;
  /** The server's own `message` from an ApiError body, when it sent one (unsanitised, redacted). */
  serverMessage?: string | undefined;
  hint?: string | undefined;
  cause?: unknown;
}

/** 401 or 403: the token was rejected or lacks permission. */
export class ApiAuthError extends AuthError {
  readonly status: number;
  readonly serverMessage: string | undefined;
  constructor(message: string, details: HttpErrorDetails) {
    super(message, options(details));
    this.status = details.status;
    this.serverMessage = details.serverMessage;
  }
}

/** 404 or 410: the thing asked for does not exist (any more). */
export class ApiNotFoundError extends NotFoundError {
  readonly status: number;
  readonly serverMessage: string | undefined;
  constructor(message: string, details: HttpErrorDetails) {
    super(message, options(details));
    this.status = details.status;
    this.serverMessage = details.serverMessage;
  }
}

/** A 4xx the client did not expect (400, 422, 402 ...), a redirect, or any other unexpected status. */
export class ApiStatusError extends ResponseError {
  readonly status: number;
  readonly serverMessage: string | undefined;
  constructor(message: string, details: HttpErrorDetails) {
    super(message, options(details));
    this.status = details.status;
    this.serverMessage = details.serverMessage;
  }
}

/** A 5xx that outlived the retries. */
export class ApiServerError extends ServerError {
  readonly status: number;
  readonly serverMessage: string | undefined;
  constructor(message: string, details: HttpErrorDetails) {
    super(message, options(details));
    this.status = details.status;
    this.serverMessage = details.serverMessage;
  }
}

/** A 429 that outlived the retries (or asked for a wait beyond the time budget). */
export class ApiRateLimitError extends RateLimitError {
  readonly status = 429;
  readonly serverMessage: string | undefined;
  /** When the server said it would accept requests again, if it said so. */
  readonly retryAt: Date | undefined;
  constructor(message: string, details: Omit<HttpErrorDetails, 'status'> & { retryAt?: Date | undefined }) {
    super(message, options(details));
    this.serverMessage = details.serverMessage;
    this.retryAt = details.retryAt;
  }
}

/** Returns the HTTP status behind an error, or undefined when the error did not come from a status. */
export function httpStatusOf(error: unknown): number | undefined {
  if (
    error instanceof ApiAuthError ||
    error instanceof ApiNotFoundError ||
    error instanceof ApiStatusError ||
    error instanceof ApiServerError ||
    error instanceof ApiRateLimitError
  ) {
    return error.status;
  }
  return undefined;
}

function options(details: { hint?: string | undefined; cause?: unknown }): { hint?: string; cause?: unknown } {
  const result: { hint?: string; cause?: unknown } = {};
  if (details.hint !== undefined) result.hint = details.hint;
  if (details.cause !== undefined) result.cause = details.cause;
  return result;
}

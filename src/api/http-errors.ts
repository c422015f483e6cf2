// Errors that came from an HTTP status carry it, so that an endpoint function can replace the
// generic message with a better one ("process P not found in app A") without string matching.
// Each is its exit-code class (AuthError, NotFoundError ...) with the same two fields added by one
// factory, so `instanceof AuthError` and `error.status` both hold.
import { AuthError, NotFoundError, RateLimitError, ResponseError, ServerError, type HprocError } from '../errors.js';

/** What an HTTP-status error knows besides its message. */
export interface HttpErrorDetails {
  /** The HTTP status the server answered. */
  status: number;
  /** The server's own `message` from an ApiError body, when it sent one (unsanitised, redacted). */
  serverMessage?: string | undefined;
  hint?: string | undefined;
  cause?: unknown;
}

/** The fields every HTTP-status error adds to its base class. */
export interface HttpStatusFields {
  readonly status: number;
  readonly serverMessage: string | undefined;
}

type ErrorOptions = { hint?: string; cause?: unknown };
type HprocErrorClass<E extends HprocError> = new (message: string, options?: ErrorOptions) => E;
type HttpErrorClass<E extends HprocError> = new (message: string, details: HttpErrorDetails) => E & HttpStatusFields;

// The classes statusErrorClass made, for httpStatusOf.
const statusClasses: (abstract new (...args: never[]) => unknown)[] = [];

/** `Base` with `status` and `serverMessage` taken from the details. */
function statusErrorClass<E extends HprocError>(Base: HprocErrorClass<E>): HttpErrorClass<E> {
  class WithStatus extends (Base as HprocErrorClass<HprocError>) implements HttpStatusFields {
    readonly status: number;
    readonly serverMessage: string | undefined;
    constructor(message: string, details: HttpErrorDetails) {
      super(message, options(details));
      this.status = details.status;
      this.serverMessage = details.serverMessage;
    }
  }
  statusClasses.push(WithStatus);
  return WithStatus as unknown as HttpErrorClass<E>;
}

/** 401 or 403: the token was rejected or lacks permission. */
export class ApiAuthError extends statusErrorClass(AuthError) {}

/** 404 or 410: the thing asked for does not exist (any more). */
export class ApiNotFoundError extends statusErrorClass(NotFoundError) {}

/** A 4xx the client did not expect (400, 422, 402 ...), a redirect, or any other unexpected status. */
export class ApiStatusError extends statusErrorClass(ResponseError) {}

/** A 5xx that outlived the retries. */
export class ApiServerError extends statusErrorClass(ServerError) {}

/** A 429 that outlived the retries (or asked for a wait beyond the time budget). */
export class ApiRateLimitError extends statusErrorClass(RateLimitError) {
  /** When the server said it would accept requests again, if it said so. */
  readonly retryAt: Date | undefined;
  constructor(message: string, details: Omit<HttpErrorDetails, 'status'> & { retryAt?: Date | undefined }) {
    super(message, { ...details, status: 429 });
    this.retryAt = details.retryAt;
  }
}

/** Returns the HTTP status behind an error, or undefined when the error did not come from a status. */
export function httpStatusOf(error: unknown): number | undefined {
  return statusClasses.some((statusClass) => error instanceof statusClass) ? (error as HttpStatusFields).status : undefined;
}

function options(details: { hint?: string | undefined; cause?: unknown }): ErrorOptions {
  const result: ErrorOptions = {};
  if (details.hint !== undefined) result.hint = details.hint;
  if (details.cause !== undefined) result.cause = details.cause;
  return result;
}

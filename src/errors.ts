/** Exit codes, the one place they are defined (design §6). */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  auth: 4,
  network: 5,
  server: 6,
  rateLimited: 7,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Base of every error hproc expects; main prints `hproc: <message>` and an optional hint, then exits with `exitCode`. */
export class HprocError extends Error {
  readonly exitCode: ExitCodeValue = ExitCode.failure;
  readonly hint: string | undefined;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Bad flags, arguments or configuration; no request was sent. */
export class UsageError extends HprocError {
  override readonly exitCode = ExitCode.usage;
}

/** Missing, rejected or insufficient credentials (no token, 401, 403). */
export class AuthError extends HprocError {
  override readonly exitCode = ExitCode.auth;
}

/** An unknown app or process (404), or data that is gone (410). */
export class NotFoundError extends HprocError {
  override readonly exitCode = ExitCode.notFound;
}

/** The request never got a complete answer: connect, DNS, reset, timeout, truncated body. */
export class NetworkError extends HprocError {
  override readonly exitCode = ExitCode.network;
}

/** The server answered with a 5xx. */
export class ServerError extends HprocError {
  override readonly exitCode = ExitCode.server;
}

/** The server kept answering 429. */
export class RateLimitError extends HprocError {
  override readonly exitCode = ExitCode.rateLimited;
}

/** The server answered, but not with what the API promises (non-JSON, wrong shape, unexpected status). */
export class ResponseError extends HprocError {
  override readonly exitCode = ExitCode.failure;
}

/** The user pressed Ctrl-C. */
export class InterruptedError extends HprocError {
  override readonly exitCode = ExitCode.interrupted;
}

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
  incomplete: 9,
  output: 8,
  hangup: 129,
  interrupted: 130,
  terminated: 143,
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

/** A listing was printed, but paging could not reach all it should hold (the message says why). */
export class IncompleteError extends HprocError {
  override readonly exitCode = ExitCode.incomplete;
}

/** The server answered, but not with what the API promises (non-JSON, wrong shape, unexpected status). */
export class ResponseError extends HprocError {
  override readonly exitCode = ExitCode.failure;
}

/** The signals that end a run early: Ctrl-C, a terminal hung up, a polite kill. */
export type StopSignal = 'SIGINT' | 'SIGHUP' | 'SIGTERM';

/** The exit code of a run ended by each signal: 128 plus the signal's number, as a shell reports it. */
export const SIGNAL_EXIT_CODES: Readonly<Record<StopSignal, ExitCodeValue>> = {
  SIGINT: ExitCode.interrupted,
  SIGHUP: ExitCode.hangup,
  SIGTERM: ExitCode.terminated,
};

/** The user pressed Ctrl-C (or the run got SIGTERM or SIGHUP: main.ts gives each its own exit code). */
export class InterruptedError extends HprocError {
  override readonly exitCode: ExitCodeValue = ExitCode.interrupted;
}

/** The reason a run's signal is aborted with when a signal arrives: which one, for the exit code and the message. */
export class SignalAbort extends InterruptedError {
  constructor(readonly signalName: StopSignal) {
    super(signalName === 'SIGINT' ? 'interrupted' : `interrupted by ${signalName}`);
    this.exitCode = SIGNAL_EXIT_CODES[signalName];
  }
  override readonly exitCode: ExitCodeValue;
}

/** stdout could not be written (a full disk, a closed descriptor, an I/O error): the output is lost or incomplete. */
export class OutputError extends HprocError {
  override readonly exitCode = ExitCode.output;
}

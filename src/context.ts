/** A destination for text: stdout or stderr in production, a buffer in tests. */
export interface OutputStream {
  write(chunk: string): void;
  /** True when a person is looking at it (a TTY). */
  readonly isTTY: boolean;
  /** Terminal width in columns, when known. */
  readonly columns: number | undefined;
}

/** The streams a command may use. */
export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
}

/** Everything a command needs from the outside world, so that it runs in-process in tests. */
export interface Ctx {
  io: Io;
  /** The environment variables (never read from `process.env` outside main.ts). */
  env: Readonly<Record<string, string | undefined>>;
  /** The current time; fixed in tests. */
  now: () => Date;
  /** Aborted on Ctrl-C; every request passes it on. */
  signal: AbortSignal;
}

import type { SecretRegistry } from './secrets.js';

/** A destination for text: stdout or stderr in production, a buffer in tests. */
export interface OutputStream {
  write(chunk: string): void;
  /** True when a person is looking at it (a TTY). */
  readonly isTTY: boolean;
  /** Terminal width in columns, when known. */
  readonly columns: number | undefined;
  /** Writes bytes unchanged (`logs --raw`); without it, callers decode to text and use write. */
  writeBytes?(chunk: Uint8Array): void;
  /** Resolves once buffered output has gone out, so a long stream keeps memory flat (backpressure). */
  drained?(): Promise<void>;
  /** True once the reader went away (`| head`): a normal end, not a failure. */
  readonly closed?: boolean;
  /** Terminal height in rows, when known (a full-screen view fits itself to it). */
  readonly rows?: number | undefined;
  /** Calls `listener` whenever the terminal is resized; returns what stops it. Absent where nothing resizes. */
  onResize?(listener: () => void): () => void;
}

/** Where a command reads a person's answers (stop's confirmation). */
export interface InputStream {
  /** True when a person can type answers (a TTY). */
  readonly isTTY: boolean;
  /** Shows the prompt on stderr and resolves with one line, or null at end of input. */
  readLine(prompt: string): Promise<string | null>;
  /** Like readLine, but what is typed is not echoed (a token); absent where input cannot be hidden. */
  readSecret?(prompt: string): Promise<string | null>;
  /**
   * Reads keys for a full-screen view (`hproc top`): the terminal goes into raw mode (no echo, no
   * line editing, Ctrl-C arrives as a key) and each chunk typed is handed to `onKeys` as text, until
   * the returned function is called, which restores the terminal's mode. `onEnd` runs when input
   * ends. Absent where input is not a terminal.
   */
  readKeys?(onKeys: (text: string) => void, onEnd: () => void): () => void;
}

/** The streams a command may use. */
export interface Io {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Absent when there is no input to read (tests, unless they give one). */
  stdin?: InputStream;
}

/**
 * The outside world of one run, so that hproc runs in-process in tests. The run context
 * (src/run-context.ts) is built from it once the flags are parsed, and is what commands get.
 */
export interface Ctx {
  io: Io;
  /** The environment variables (never read from `process.env` outside main.ts). */
  env: Readonly<Record<string, string | undefined>>;
  /** The current time; fixed in tests. */
  now: () => Date;
  /** Aborted on Ctrl-C; every request passes it on. */
  signal: AbortSignal;
  /** The run's secrets; main.ts seeds it from argv and the environment and masks output with it. Made by the run when absent. */
  secrets?: SecretRegistry;
  /**
   * Registers what undoes a change to the terminal (show the cursor, leave the alternate screen);
   * main.ts runs it however the run ends, a second Ctrl-C or a SIGTERM included. Returns the removal.
   */
  onExit?: (restore: () => void) => () => void;
}

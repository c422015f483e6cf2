// The entry point: the only module that touches `process`. It builds the outside world (streams,
// environment, clock, signal, the run's secrets), runs the program, and maps every thrown error to
// one `hproc:` line on stderr and an exit code.
import { closeSync, constants as fsConstants, fstatSync, openSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { Ctx, InputStream, OutputStream } from './context.js';
import { ExitCode, HprocError, InterruptedError, OutputError, SIGNAL_EXIT_CODES, SignalAbort, type StopSignal } from './errors.js';
import type { StreamMask } from './redact.js';
import { sanitizeCell } from './render/sanitize.js';
import { createSecretRegistry, secretsInArgvAndEnv, type SecretRegistry } from './secrets.js';
import { VERSION } from './version.js';

/** The run's secret registry: the one main.ts made, or one seeded from argv and the environment. */
function secretsOfRun(ctx: Ctx, argv: readonly string[]): SecretRegistry {
  ctx.secrets ??= createSecretRegistry(secretsInArgvAndEnv(argv, ctx.env));
  return ctx.secrets;
}

// The errors already printed, so an output failure found late (as the last writes are flushed) is said once.
const reported = new WeakSet<object>();

/** Prints an error as one sanitised, redacted line (plus an optional hint) and returns its exit code. */
export function reportError(error: unknown, ctx: Ctx, argv: readonly string[]): number {
  const { redact } = secretsOfRun(ctx, argv);
  if (typeof error === 'object' && error !== null) reported.add(error);
  const debug = argv.includes('--debug');
  const say = (text: string): void => ctx.io.stderr.write(sanitizeCell(redact(text)) + '\n');
  if (error instanceof HprocError) {
    const stopped = error instanceof InterruptedError ? signalOf(ctx) : undefined;
    if (error instanceof InterruptedError && ctx.io.stderr.isTTY) ctx.io.stderr.write('\n');
    // A command says "interrupted"; the run knows which signal it was.
    const message = stopped !== undefined && stopped.signalName !== 'SIGINT' && !(error instanceof SignalAbort) ? error.message.replace(/^interrupted\b/, stopped.message) : error.message;
    say(`hproc: ${message}`);
    if (error.hint !== undefined) say(`hint: ${error.hint}`);
    if (debug) writeStack(error, ctx, redact);
    return stopped?.exitCode ?? error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`hproc: internal error: ${message} (re-run with --debug and report this)`);
  if (debug && error instanceof Error) writeStack(error, ctx, redact);
  return ExitCode.failure;
}

/** The signal that ended the run, if one did. */
function signalOf(ctx: Ctx): SignalAbort | undefined {
  return ctx.signal.aborted && ctx.signal.reason instanceof SignalAbort ? ctx.signal.reason : undefined;
}

/**
 * Writes an error's stack for --debug. Its first line holds the message, which is often the
 * server's text: it is one sanitised line, like every line after it, so nothing in it can act on
 * the terminal or forge a line of its own.
 */
function writeStack(error: Error, ctx: Ctx, redact: (text: string) => string): void {
  const stack = error.stack;
  if (stack === undefined) return;
  const frames = /\n\s+at /.exec(stack);
  const head = frames === null ? stack : stack.slice(0, frames.index);
  const lines = frames === null ? [] : stack.slice(frames.index + 1).split('\n');
  let text = sanitizeCell(redact(head)) + '\n';
  for (const line of lines) if (line !== '') text += sanitizeCell(redact(/^\s/.test(line) ? line : `    ${line}`)) + '\n';
  ctx.io.stderr.write(text);
}

/** Runs hproc with the given arguments (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], ctx: Ctx): Promise<number> {
  secretsOfRun(ctx, argv);
  // The commonest quick question: answered without loading commander and every command's spec.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    ctx.io.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  return runProgram(argv, ctx);
}

/** Runs hproc through commander and the command registry, with no shortcut. */
export async function runProgram(argv: readonly string[], ctx: Ctx): Promise<number> {
  try {
    const { buildProgram, translateCommanderError, commandRegistry } = await import('./program-entry.js');
    const program = buildProgram(commandRegistry, ctx);
    try {
      await program.parseAsync([...argv], { from: 'user' });
    } catch (error) {
      return translateCommanderError(error).exitCode;
    }
    // The command ended, but what it wrote may not have reached stdout.
    if (ctx.signal.aborted && ctx.signal.reason instanceof OutputError) return reportError(ctx.signal.reason, ctx, argv);
    return ExitCode.ok;
  } catch (error) {
    if (ctx.signal.aborted && ctx.signal.reason instanceof OutputError) return reportError(ctx.signal.reason, ctx, argv);
    // The reader went away (`| head`) and the command stopped: a normal end, nothing to report.
    if (ctx.signal.aborted && ctx.io.stdout.closed === true) return ExitCode.ok;
    if (ctx.signal.aborted && !(error instanceof HprocError)) return reportError(new InterruptedError('interrupted'), ctx, argv);
    return reportError(error, ctx, argv);
  }
}

/** An output stream as a command sees it, and what main.ts does with it at the end of the run. */
export interface WrappedStream {
  stream: OutputStream;
  /** Writes what the mask still holds back (no whole secret), once nothing more will be written. */
  finish(): void;
  /** Writes what the mask holds back now: before the other stream is written, so the two keep their order. */
  release(): void;
  /** Whether the end of the run should wait for this stream to flush (it has not failed). */
  readonly healthy: boolean;
  /** The reader went away while nothing was being written: closes the stream as EPIPE would. */
  readerGone(): void;
}

/** What outputStreamOf needs besides the stream. */
export interface StreamHandlers {
  name: 'stdout' | 'stderr';
  mask: StreamMask;
  /** The reader went away (EPIPE): a normal end. */
  onClosed(): void;
  /** Called before each write: the other stream releases what its mask holds back. */
  beforeWrite?(): void;
  /** The stream cannot be written any more (ENOSPC, EIO, closed): the output is lost. */
  onFailed(error: OutputError): void;
}

const CAUSES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EBADF: 'it is closed',
  EROFS: 'read-only file system',
  ENXIO: 'the device is gone',
};

/** The one line that says a stream could not be written, naming the stream and the cause. */
export function outputErrorOf(name: string, error: unknown): OutputError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const cause = code === undefined ? (error instanceof Error ? error.message : String(error)) : `${CAUSES[code] ?? (error as Error).message.replace(/^[A-Z]+: /, '').replace(/, write$/, '')} (${code})`;
  return new OutputError(`cannot write to ${name}: ${cause}`, {
    ...(name === 'stdout' ? { hint: 'the output is lost or incomplete' } : {}),
    cause: error,
  });
}

/**
 * Wraps a process stream. Everything written passes the run's secret mask, which holds back the end
 * of a piece that may begin a secret until the next one (a token split between two log chunks).
 * A write that fails, at once (a file: ENOSPC) or later (an 'error' event: EIO), never escapes as an
 * exception: the stream closes and the run is told.
 */
export function outputStreamOf(stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number; writableNeedDrain?: boolean }, handlers: StreamHandlers): WrappedStream {
  let closed = false;
  let failed = false;
  const fail = (error: unknown): void => {
    if (closed) return;
    closed = true;
    // A reader that went away (`| head`) is a normal end, not a failure.
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') {
      handlers.onClosed();
      return;
    }
    failed = true;
    handlers.onFailed(outputErrorOf(handlers.name, error));
  };
  stream.on('error', fail);
  const put = (data: string | Uint8Array): void => {
    if (closed || data.length === 0) return;
    try {
      stream.write(data);
    } catch (error) {
      fail(error);
    }
  };
  const release = (): void => {
    const held = handlers.mask.flush();
    if (held.bytes.length > 0) put(held.bytes);
    if (held.text !== '') put(held.text);
  };
  const wrapped: OutputStream = {
    // Text is written whole (a line, a frame, a document's piece cut between items; log lines come
    // joined by the line splitter), so no secret spans two text writes and nothing is held back:
    // holding a frame's last character (a cursor sequence's `h`) would show it a frame late.
    write: (chunk) => {
      if (closed) return;
      handlers.beforeWrite?.();
      put(handlers.mask.text(chunk) + handlers.mask.flush().text);
    },
    // Bytes are passed through as they arrive (`logs --raw`): a token split between two chunks is
    // held back until the next one shows whether it completes the secret.
    writeBytes: (chunk) => {
      if (closed) return;
      handlers.beforeWrite?.();
      put(handlers.mask.bytes(chunk));
    },
    drained: () =>
      closed || stream.writableNeedDrain !== true
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = (): void => {
              stream.off('drain', done).off('close', done).off('error', done);
              resolve();
            };
            stream.on('drain', done).on('close', done).on('error', done);
          }),
    get closed() {
      return closed;
    },
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.isTTY === true ? stream.columns : undefined;
    },
    get rows() {
      return stream.isTTY === true ? stream.rows : undefined;
    },
    onResize: (listener) => {
      stream.on('resize', listener);
      return () => void stream.off('resize', listener);
    },
  };
  return {
    stream: wrapped,
    finish: release,
    release,
    get healthy() {
      return !failed;
    },
    readerGone: () => fail(Object.assign(new Error('EPIPE: broken pipe'), { code: 'EPIPE' })),
  };
}

/**
 * Calls `gone` once the reader of the pipe on `fd` has gone away, for a command that writes nothing
 * for a long time (`list --watch` while nothing changes, `| head -1`): only a write would say EPIPE.
 * A second descriptor for the pipe's write end, watched for input that never comes, reports an
 * error exactly when the pipe has no reader left (Linux: the pipe is reopened through /proc; libuv's
 * TCP handle, unlike its pipe handle, accepts a write-only descriptor to watch). Anywhere that does
 * not hold, nothing happens and the run ends at its next write, as before.
 */
function watchPipeReader(fd: number, gone: () => void): void {
  try {
    if (process.platform !== 'linux' || !fstatSync(fd).isFIFO()) return;
    // process.binding warns under --pending-deprecation; that warning must not reach stderr.
    const options = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
    if (/--(pending|throw)-deprecation/.test(options)) return;
    const { TCP, constants } = (process as unknown as { binding(name: string): PipeWatchBinding }).binding('tcp_wrap');
    let again: number;
    try {
      // Without O_NONBLOCK, opening a named FIFO that has lost its reader would wait for a new one.
      again = openSync(`/proc/self/fd/${fd}`, fsConstants.O_WRONLY | fsConstants.O_NONBLOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENXIO') gone();
      return;
    }
    const handle = new TCP(constants.SOCKET);
    if (handle.open(again) !== 0) return closeSync(again);
    handle.onread = () => {
      handle.readStop();
      handle.close();
      gone();
    };
    if (handle.readStart() !== 0) return handle.close();
    handle.unref();
  } catch {
    // Not a pipe hproc can watch: the next write finds out.
  }
}

/** The part of Node's TCP binding watchPipeReader uses. */
interface PipeWatchBinding {
  TCP: new (type: number) => {
    open(fd: number): number;
    readStart(): number;
    readStop(): number;
    close(): void;
    unref(): void;
    onread: (() => void) | undefined;
  };
  constants: { SOCKET: number };
}

// process.stdin is only touched when a command asks a question: creating it early would keep a
// pipe open or change how the shell's terminal behaves.
function stdinOf(signal: AbortSignal): InputStream {
  return {
    get isTTY() {
      return isatty(0);
    },
    // readline loads only when a command asks a question: it costs every other run start-up time.
    readLine: async (prompt) => {
      const { createInterface } = await import('node:readline');
      return new Promise((resolve) => {
        const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: isatty(0) });
        let answer: string | null = null;
        rl.once('close', () => resolve(answer));
        // In raw mode Ctrl-C reaches readline, not the process: hand it on to the SIGINT handler,
        // whose abort closes the prompt (closing it here would read as "no answer" first).
        rl.once('SIGINT', () => process.kill(process.pid, 'SIGINT'));
        signal.addEventListener('abort', () => rl.close(), { once: true });
        rl.question(prompt, (line) => {
          answer = line;
          rl.close();
        });
      });
    },
    readSecret: (prompt) => (isatty(0) ? readHiddenLine(prompt, signal) : stdinOf(signal).readLine(prompt)),
    readKeys: (onKeys, onEnd) => {
      const input = process.stdin;
      const wasRaw = input.isTTY === true && input.isRaw;
      if (input.isTTY === true) input.setRawMode(true);
      input.setEncoding('utf8');
      input.on('data', onKeys).on('end', onEnd);
      input.resume();
      return () => {
        input.off('data', onKeys).off('end', onEnd);
        if (input.isTTY === true) input.setRawMode(wasRaw);
        // A paused stdin no longer holds the event loop open once the view is gone.
        input.pause();
      };
    },
  };
}

// In terminal mode readline echoes each key to its output; an output that drops everything hides
// the token while the terminal stays in raw mode for the line's duration.
async function readHiddenLine(prompt: string, signal: AbortSignal): Promise<string | null> {
  const [{ createInterface }, { Writable }] = await Promise.all([import('node:readline'), import('node:stream')]);
  return new Promise((resolve) => {
    process.stderr.write(prompt);
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
    let answer: string | null = null;
    rl.once('close', () => {
      process.stderr.write('\n');
      resolve(answer);
    });
    rl.once('SIGINT', () => {
      rl.close();
      process.kill(process.pid, 'SIGINT');
    });
    signal.addEventListener('abort', () => rl.close(), { once: true });
    rl.question('', (line) => {
      answer = line;
      rl.close();
    });
  });
}

/** The process entry point used by bin/hproc.js. */
export async function main(): Promise<void> {
  const controller = new AbortController();
  let stopped: StopSignal | undefined;
  // What a command changed on the terminal (a hidden cursor, the alternate screen) and must undo
  // however the run ends, a forced exit included.
  const restores = new Set<() => void>();
  const restoreTerminal = (): void => {
    for (const restore of [...restores].reverse()) {
      restores.delete(restore);
      try {
        restore();
      } catch {
        // A terminal that is gone (SIGHUP) cannot be restored; the others still are.
      }
    }
  };
  let leaveNow = (code: number): void => {
    restoreTerminal();
    process.exit(code);
  };
  const onSignal = (name: StopSignal): void => {
    const code = SIGNAL_EXIT_CODES[name];
    // A second signal means now.
    if (stopped !== undefined) leaveNow(code);
    stopped = name;
    controller.abort(new SignalAbort(name));
    process.exitCode = code;
    // Give in-flight work a moment to unwind, then leave regardless; but while a piece of output is
    // still on its way to a reader that keeps taking it, wait for it, so stdout is not cut inside an
    // item. A reader that stops taking it for 5 s ends the wait.
    setTimeout(() => {
      let pending = process.stdout.writableLength;
      let stalledMs = 0;
      const check = setInterval(() => {
        const now = process.stdout.writableLength;
        stalledMs = now < pending ? 0 : stalledMs + OUTPUT_CHECK_MS;
        pending = now;
        if (now === 0 || stalledMs >= 5000) {
          clearInterval(check);
          leaveNow(code);
        }
      }, OUTPUT_CHECK_MS);
      check.unref();
    }, 1500).unref();
  };
  for (const name of Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]) process.on(name, () => onSignal(name));
  // One registry for the whole run: seeded from argv and the environment now, added to as the run
  // learns a token (a config file, stdin); every byte written passes its mask.
  const secrets = createSecretRegistry(secretsInArgvAndEnv(process.argv.slice(2), process.env));
  let stdoutClosed = false;
  let outputFailure: OutputError | undefined;
  // Each stream releases what the other's mask holds back before it writes, so an `h` held from
  // stdout's cursor sequence cannot be taken by the terminal from the front of a stderr line.
  let stderrRef: WrappedStream | undefined;
  const stdout = outputStreamOf(process.stdout, {
    name: 'stdout',
    mask: secrets.streamMask(),
    beforeWrite: () => stderrRef?.release(),
    onClosed: () => {
      // Nobody reads any more: stop working and end quietly with 0.
      stdoutClosed = true;
      controller.abort();
    },
    onFailed: (error) => {
      outputFailure ??= error;
      controller.abort(error);
    },
  });
  // A warning that cannot be written is dropped: it must not turn a good run into a failure.
  const stderr = outputStreamOf(process.stderr, { name: 'stderr', mask: secrets.streamMask(), onClosed: () => undefined, onFailed: () => undefined, beforeWrite: () => stdout.release() });
  stderrRef = stderr;
  // A command that writes nothing for a while never sees EPIPE. Short runs never need the watch.
  setTimeout(() => watchPipeReader(1, () => stdout.readerGone()), 300).unref();
  const finishStreams = (): void => {
    stdout.finish();
    stderr.finish();
  };
  leaveNow = (code: number): void => {
    restoreTerminal();
    finishStreams();
    process.exit(code);
  };
  const ctx: Ctx = {
    io: { stdout: stdout.stream, stderr: stderr.stream, stdin: stdinOf(controller.signal) },
    env: process.env,
    now: () => new Date(),
    signal: controller.signal,
    secrets,
    onExit: (restore) => {
      restores.add(restore);
      return () => void restores.delete(restore);
    },
  };
  // Whatever escapes the command (a rejection nobody awaited, a throw in a callback) is reported as
  // one line like any other error, once, and the run can no longer end with success.
  let escaped: number | undefined;
  const reportEscaped = (reason: unknown): void => {
    if (escaped !== undefined) return;
    escaped = reportError(reason, ctx, process.argv.slice(2));
    process.exitCode = escaped;
  };
  process.on('unhandledRejection', reportEscaped);
  process.on('uncaughtException', reportEscaped);
  const code = await run(process.argv.slice(2), ctx);
  restoreTerminal();
  finishStreams();
  // Leave as soon as everything written has been handed to the OS. Ending by an empty event loop
  // instead makes Node tear the whole heap down first: after a request, 10–25 ms of every run
  // (bench/levers.md). Nothing is left to do by now: commands await their own work.
  await Promise.all([stdout.healthy ? flushed(process.stdout) : undefined, stderr.healthy ? flushed(process.stderr) : undefined]);
  // A write to a file fails only as it is flushed (`--version >/dev/full`): after the run's own report.
  if (outputFailure !== undefined && !reported.has(outputFailure)) {
    reportError(outputFailure, ctx, process.argv.slice(2));
    stderr.finish();
    if (stderr.healthy) await flushed(process.stderr);
  }
  process.exitCode =
    stopped !== undefined
      ? SIGNAL_EXIT_CODES[stopped]
      : outputFailure !== undefined
        ? ExitCode.output
        : stdoutClosed
          ? ExitCode.ok
          : code !== ExitCode.ok
            ? code
            : (escaped ?? code);
  process.exit();
}

/** How often a forced exit looks at whether output still on its way is moving. */
const OUTPUT_CHECK_MS = 100;

/** Resolves once every earlier write to `stream` has been flushed, or at once if the stream is gone. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}

// The entry point: the only module that touches `process`. It builds the outside world (streams,
// environment, clock, signal, the run's secrets), runs the program, and maps every thrown error to
// one `hproc:` line on stderr and an exit code.
import { isatty } from 'node:tty';
import type { Ctx, InputStream, OutputStream } from './context.js';
import { ExitCode, HprocError, InterruptedError } from './errors.js';
import { sanitizeCell } from './render/sanitize.js';
import { createSecretRegistry, secretsInArgvAndEnv, type SecretRegistry } from './secrets.js';
import { VERSION } from './version.js';

/** The run's secret registry: the one main.ts made, or one seeded from argv and the environment. */
function secretsOfRun(ctx: Ctx, argv: readonly string[]): SecretRegistry {
  ctx.secrets ??= createSecretRegistry(secretsInArgvAndEnv(argv, ctx.env));
  return ctx.secrets;
}

/** Prints an error as one sanitised, redacted line (plus an optional hint) and returns its exit code. */
export function reportError(error: unknown, ctx: Ctx, argv: readonly string[]): number {
  const { redact } = secretsOfRun(ctx, argv);
  const debug = argv.includes('--debug');
  const say = (text: string): void => ctx.io.stderr.write(sanitizeCell(redact(text)) + '\n');
  if (error instanceof HprocError) {
    if (error instanceof InterruptedError && ctx.io.stderr.isTTY) ctx.io.stderr.write('\n');
    say(`hproc: ${error.message}`);
    if (error.hint !== undefined) say(`hint: ${error.hint}`);
    if (debug && error.stack !== undefined) ctx.io.stderr.write(redact(error.stack) + '\n');
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(`hproc: internal error: ${message} (re-run with --debug and report this)`);
  if (debug && error instanceof Error && error.stack !== undefined) ctx.io.stderr.write(redact(error.stack) + '\n');
  return ExitCode.failure;
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
    const [{ buildProgram, translateCommanderError }, { commandRegistry }] = await Promise.all([
      import('./cli/program.js'),
      import('./commands/index.js'),
    ]);
    const program = buildProgram(commandRegistry, ctx);
    try {
      await program.parseAsync([...argv], { from: 'user' });
      return ExitCode.ok;
    } catch (error) {
      return translateCommanderError(error).exitCode;
    }
  } catch (error) {
    // The reader went away (`| head`) and the command stopped: a normal end, nothing to report.
    if (ctx.signal.aborted && ctx.io.stdout.closed === true) return ExitCode.ok;
    if (ctx.signal.aborted && !(error instanceof HprocError)) return reportError(new InterruptedError('interrupted'), ctx, argv);
    return reportError(error, ctx, argv);
  }
}

/** Wraps a process stream; everything written passes the run's secret mask, data included. */
function streamOf(stream: NodeJS.WriteStream, onClosed: () => void, secrets: SecretRegistry): OutputStream {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // A reader that went away (`| head`) is a normal end, not a failure.
    if (error.code === 'EPIPE') {
      closed = true;
      onClosed();
      return;
    }
    throw error;
  });
  return {
    write: (chunk) => {
      if (!closed) stream.write(secrets.mask(chunk));
    },
    writeBytes: (chunk) => {
      if (!closed) stream.write(secrets.maskBytes(chunk));
    },
    drained: () =>
      closed || !stream.writableNeedDrain
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
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(ExitCode.interrupted);
    interrupted = true;
    controller.abort();
    process.exitCode = ExitCode.interrupted;
    // Give in-flight work a moment to unwind, then leave regardless.
    setTimeout(() => process.exit(ExitCode.interrupted), 1500).unref();
  });
  // One registry for the whole run: seeded from argv and the environment now, added to as the run
  // learns a token (a config file, stdin); every byte written passes its mask.
  const secrets = createSecretRegistry(secretsInArgvAndEnv(process.argv.slice(2), process.env));
  const stdout = streamOf(
    process.stdout,
    () => {
      // Nobody reads any more: stop working and end quietly with 0.
      controller.abort();
      process.exitCode = ExitCode.ok;
    },
    secrets,
  );
  let stdoutClosed = false;
  process.stdout.once('error', () => (stdoutClosed = true));
  const ctx: Ctx = {
    io: { stdout, stderr: streamOf(process.stderr, () => undefined, secrets), stdin: stdinOf(controller.signal) },
    env: process.env,
    now: () => new Date(),
    signal: controller.signal,
    secrets,
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
  process.exitCode = interrupted ? ExitCode.interrupted : stdoutClosed ? ExitCode.ok : code !== ExitCode.ok ? code : (escaped ?? code);
  // Leave as soon as everything written has been handed to the OS. Ending by an empty event loop
  // instead makes Node tear the whole heap down first: after a request, 10–25 ms of every run
  // (bench/levers.md). Nothing is left to do by now: commands await their own work.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit();
}

/** Resolves once every earlier write to `stream` has been flushed, or at once if the stream is gone. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve();
  return new Promise((resolve) => stream.write('', () => resolve()));
}

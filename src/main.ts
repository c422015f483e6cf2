// The entry point: the only module that touches `process`. It builds the context, runs the
// program, and maps every thrown error to one `hproc:` line on stderr and an exit code.
import { isatty } from 'node:tty';
import { mayAskForHelp, readHelpSnapshot, snapshotAnswer } from './cli/help-snapshot.js';
import type { Ctx, InputStream, OutputStream } from './context.js';
import { ExitCode, HprocError, InterruptedError } from './errors.js';
import { createRedactor, MASK, rememberedSecrets } from './redact.js';
import { sanitizeCell } from './render/sanitize.js';
import { VERSION } from './version.js';

/** The tokens this run may know: whatever is printed passes a redactor built from them. */
function secretsOf(argv: readonly string[], env: Ctx['env']): string[] {
  const secrets: string[] = [];
  if (env.HATHORA_TOKEN) secrets.push(env.HATHORA_TOKEN.trim(), env.HATHORA_TOKEN);
  argv.forEach((arg, i) => {
    if ((arg === '--token' || arg === '-t') && argv[i + 1] !== undefined) secrets.push(argv[i + 1] as string);
    else if (arg.startsWith('--token=')) secrets.push(arg.slice('--token='.length));
  });
  return secrets.flatMap((s) => [s, s.trim()]).filter((s) => s.length > 0);
}

/** Prints an error as one sanitised, redacted line (plus an optional hint) and returns its exit code. */
export function reportError(error: unknown, ctx: Ctx, argv: readonly string[]): number {
  const redact = createRedactor([...secretsOf(argv, ctx.env), ...rememberedSecrets(ctx)]);
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

// Beside the bundle's main.js; running from the sources, there is none and commander answers.
const HELP_SNAPSHOT = new URL('./help.json', import.meta.url);

/** Runs hproc with the given arguments (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], ctx: Ctx): Promise<number> {
  // The commonest quick questions: answered without loading commander and every command's spec.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    ctx.io.stdout.write(`${VERSION}\n`);
    return ExitCode.ok;
  }
  let help: string | undefined;
  try {
    const snapshot = mayAskForHelp(argv) ? readHelpSnapshot(HELP_SNAPSHOT) : undefined;
    help = snapshot === undefined ? undefined : snapshotAnswer(snapshot, argv, ctx.io.stdout);
  } catch (error) {
    // A damaged install: said like any other failure rather than papered over.
    return reportError(error, ctx, argv);
  }
  if (help !== undefined) {
    ctx.io.stdout.write(help);
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

const MASK_BYTES = Buffer.from(MASK);

/**
 * Masks the run's own tokens in anything written, data included: a server that echoes the token
 * back (in a field, an error, a log line) cannot make hproc print it. Longest first, at least 4
 * characters, like the redactor.
 */
function maskSecrets(chunk: string, secrets: readonly string[]): string {
  let out = chunk;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}

function maskSecretBytes(chunk: Uint8Array, secrets: readonly string[]): Uint8Array {
  let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  for (const secret of secrets) {
    const needle = Buffer.from(secret);
    let at = bytes.indexOf(needle);
    if (at < 0) continue;
    const parts: Buffer[] = [];
    let from = 0;
    for (; at >= 0; at = bytes.indexOf(needle, from)) {
      parts.push(bytes.subarray(from, at), MASK_BYTES);
      from = at + needle.length;
    }
    parts.push(bytes.subarray(from));
    bytes = Buffer.concat(parts);
  }
  return bytes;
}

function streamOf(stream: NodeJS.WriteStream, onClosed: () => void, secrets: () => readonly string[] = () => []): OutputStream {
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
      if (!closed) stream.write(maskSecrets(chunk, secrets()));
    },
    writeBytes: (chunk) => {
      if (!closed) stream.write(maskSecretBytes(chunk, secrets()));
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
  // The tokens known so far: from argv and the environment at once, from a config file or stdin
  // once the command has read them (remembered against the run's ctx).
  let runCtx: object | undefined;
  const argvSecrets = secretsOf(process.argv.slice(2), process.env);
  const secrets = (): readonly string[] =>
    [...new Set([...argvSecrets, ...(runCtx === undefined ? [] : rememberedSecrets(runCtx))])].filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length);
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
  };
  runCtx = ctx;
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

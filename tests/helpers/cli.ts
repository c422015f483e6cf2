// Helpers to run hproc: in-process with fake streams (fast, fixed clock) or as the built binary.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Ctx, OutputStream } from '../../src/context.js';
import { run } from '../../src/main.js';

/** What a run of hproc produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A captured output stream that claims to be a terminal or not. */
export function fakeStream(isTTY: boolean, columns = 100, rows?: number): OutputStream & { text: string } {
  const stream = {
    text: '',
    isTTY,
    columns: isTTY ? columns : undefined,
    rows: isTTY ? rows : undefined,
    write(chunk: string) {
      stream.text += chunk;
    },
  };
  return stream;
}

/** Options of an in-process run. */
export interface InProcessOptions {
  env?: Record<string, string | undefined>;
  tty?: boolean;
  stderrTTY?: boolean;
  columns?: number;
  /** The terminal's height (default: unknown). */
  rows?: number;
  now?: Date;
  signal?: AbortSignal;
  /** Keep the progress spinner's frames in stderr (they are dropped by default). */
  keepProgress?: boolean;
}

/** Runs hproc inside the test process with fake streams and a fixed clock. */
export async function runInProcess(argv: string[], options: InProcessOptions = {}): Promise<CliResult> {
  const stdout = fakeStream(options.tty ?? false, options.columns, options.rows);
  const stderr = fakeStream(options.stderrTTY ?? options.tty ?? false, options.columns);
  const ctx: Ctx = {
    io: { stdout, stderr },
    env: options.env ?? {},
    now: () => options.now ?? new Date('2026-11-01T12:00:00.000Z'),
    signal: options.signal ?? new AbortController().signal,
  };
  // jq's WebAssembly runtime sets process.exitCode when a program ends; main() overwrites it in a
  // real run, so the test process must not inherit it either.
  const exitCodeBefore = process.exitCode;
  const code = await run(argv, ctx);
  process.exitCode = exitCodeBefore;
  return { code, stdout: stdout.text, stderr: options.keepProgress === true ? stderr.text : withoutProgress(stderr.text) };
}

/**
 * stderr without the progress spinner's frames. On a terminal the spinner appears once work takes
 * longer than its delay, which a loaded machine can always exceed; each frame starts with a return
 * and a line erase, and the last erase leaves the line to whatever follows.
 */
function withoutProgress(text: string): string {
  return text.replace(/\r\u001b\[2K[^\r]*(?=\r\u001b\[2K)/g, '').replace(/\r\u001b\[2K/g, '');
}

/** The built executable, as a user runs it (HPROC_TEST_BIN points the end-to-end tests at another build). */
export const BIN = process.env.HPROC_TEST_BIN ?? fileURLToPath(new URL('../../bin/hproc.js', import.meta.url));

/** Spawns the built hproc (or the executable `bin`) with exactly the given environment (plus PATH). */
export function runBinary(argv: string[], env: Record<string, string | undefined> = {}, input?: string, bin = BIN): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

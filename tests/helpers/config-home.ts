// A throwaway config home (XDG_CONFIG_HOME in a temp dir) and an in-process run with a fake stdin.
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx, InputStream } from '../../src/context.js';
import { run } from '../../src/main.js';
import { fakeStream, type CliResult } from './cli.js';

/** A temp XDG_CONFIG_HOME and the config file path inside it. */
export interface ConfigHome {
  dir: string;
  /** `<dir>/hproc/config.json`. */
  file: string;
  /** Writes the config file (an object is written as JSON) with the given mode (default 0600). */
  write(content: string | object, mode?: number): Promise<void>;
  /** The config file's text, or null when there is none. */
  read(): Promise<string | null>;
  /** The names in `<dir>/hproc`. */
  entries(): Promise<string[]>;
  remove(): Promise<void>;
}

/** Creates an empty config home under the OS temp directory. */
export async function makeConfigHome(): Promise<ConfigHome> {
  const dir = await mkdtemp(join(tmpdir(), 'hproc-config-'));
  const file = join(dir, 'hproc', 'config.json');
  return {
    dir,
    file,
    write: async (content, mode = 0o600) => {
      await mkdir(join(dir, 'hproc'), { recursive: true, mode: 0o700 });
      await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      await chmod(file, mode);
    },
    read: () => readFile(file, 'utf8').catch(() => null),
    entries: () => readdir(join(dir, 'hproc')).catch(() => []),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A fake stdin: its text's first line is the answer; records which kind of read was asked for. */
export function fakeStdin(text: string | null, isTTY = false): InputStream & { reads: string[] } {
  const first = (): string | null => (text === null ? null : (text.split('\n')[0] ?? ''));
  const stdin = {
    isTTY,
    reads: [] as string[],
    readLine: (prompt: string) => {
      stdin.reads.push(`line:${prompt}`);
      return Promise.resolve(first());
    },
    readSecret: (prompt: string) => {
      stdin.reads.push(`secret:${prompt}`);
      return Promise.resolve(first());
    },
  };
  return stdin;
}

/** Options of runWithConfig. */
export interface ConfigRunOptions {
  env?: Record<string, string | undefined>;
  stdin?: InputStream;
  /** stderr is a terminal (notes and warnings meant for people appear). */
  stderrTTY?: boolean;
}

/** Runs hproc in-process like runInProcess, with an optional stdin. */
export async function runWithConfig(argv: string[], options: ConfigRunOptions = {}): Promise<CliResult> {
  const stdout = fakeStream(false);
  const stderr = fakeStream(options.stderrTTY ?? false);
  const ctx: Ctx = {
    io: { stdout, stderr, ...(options.stdin === undefined ? {} : { stdin: options.stdin }) },
    env: options.env ?? {},
    now: () => new Date('2026-11-01T12:00:00.000Z'),
    signal: new AbortController().signal,
  };
  const code = await run(argv, ctx);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

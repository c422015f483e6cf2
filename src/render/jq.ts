// --jq: the real jq (its C source compiled to WebAssembly, from the jq-web package), run in-process
// so no jq install is needed. Loaded only when --jq is given: the WebAssembly module is large.
import { sanitizeBlock } from './sanitize.js';

/** A jq program failed: `compile` when the program itself is wrong, `runtime` when it failed on the data. */
export class JqFailure extends Error {
  constructor(
    message: string,
    readonly phase: 'compile' | 'runtime',
  ) {
    super(message);
  }
}

/** What jq printed: its stdout, and what it wrote to stderr on success (`debug`, `stderr`). */
export interface JqOutput {
  stdout: string;
  messages: string[];
}

// jq's own exit statuses: 2 usage, 3 compile error, 5 runtime error.
const COMPILE_ERROR = 3;

function failureOf(error: unknown): JqFailure {
  const details = error as { exitCode?: unknown; stderr?: unknown; message?: unknown };
  const text = typeof details.stderr === 'string' && details.stderr !== '' ? details.stderr : String(details.message ?? error);
  const message = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^jq: \d+ compile errors?$/.test(line) && !/^Non-zero exit code: \d+$/.test(line))
    .map((line) => line.replace(/^jq: error(?: \(at [^)]*\))?: /, ''))
    .join(' ');
  return new JqFailure(message, details.exitCode === COMPILE_ERROR ? 'compile' : 'runtime');
}

async function runJq(json: string, program: string): Promise<JqOutput> {
  // A CommonJS package whose export is a promise of the instantiated module.
  const module = (await import('jq-web')) as unknown as { default?: Promise<import('jq-web').JqWeb> } & Promise<import('jq-web').JqWeb>;
  const jq = await (module.default ?? module);
  // jq-web reports a successful run's stderr (jq's `debug`) through console.warn; collect it instead,
  // so it reaches the terminal through hproc's stream and sanitiser.
  const messages: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void messages.push(String(args[args.length - 1]));
  try {
    const stdout = jq.raw(json, program, ['-r']) ?? '';
    return { stdout: stdout === '' || stdout.endsWith('\n') ? stdout : `${stdout}\n`, messages };
  } catch (error) {
    throw failureOf(error);
  } finally {
    console.warn = warn;
  }
}

/** Checks that a jq program compiles, by running it on `null`; a failure on that data is not the program's fault. */
export async function checkJqProgram(program: string): Promise<void> {
  try {
    await runJq('null', program);
  } catch (error) {
    if (error instanceof JqFailure && error.phase === 'compile') throw error;
  }
}

/**
 * Applies a jq program to a JSON document as `jq -r` would: strings raw, other values as JSON.
 * On a terminal the output is sanitised (a raw string from the server may hold escape sequences).
 */
export async function applyJq(json: string, program: string, toTerminal: boolean): Promise<JqOutput> {
  // jq-web's output callback drops zero bytes, so a NUL in a string printed raw would vanish: each
  // output string has its NULs spelt as a marker found nowhere in the input, turned back here.
  // The program stays on the first line, so jq's line numbers still match what the user wrote.
  const marker = markerAbsentFrom(json + program);
  const output = await runJq(json, `(${program}\n) | if type == "string" and (index("\\u0000") != null) then split("\\u0000") | join("${marker}") else . end`);
  const stdout = output.stdout.includes(marker) ? output.stdout.split(marker).join('\u0000') : output.stdout;
  return { stdout: toTerminal ? sanitizeBlock(stdout) : stdout, messages: output.messages };
}

function markerAbsentFrom(text: string): string {
  for (;;) {
    const marker = `hprocNUL${Math.random().toString(36).slice(2)}`;
    if (!text.includes(marker)) return marker;
  }
}

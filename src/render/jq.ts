// --jq: the real jq (the C implementation compiled to WebAssembly, from the jq-wasm package), run
// in-process so no jq install is needed. Loaded only when --jq is given: it is large.
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

async function runJq(json: string, program: string): Promise<string> {
  // A CommonJS package: bundled, its exports may sit under `default`.
  const module = (await import('jq-wasm')) as typeof import('jq-wasm') & { default?: typeof import('jq-wasm') };
  const raw = module.raw ?? module.default?.raw;
  try {
    return await raw(json, program, ['-r']);
  } catch (error) {
    const text = (error instanceof Error ? error.message : String(error)).replace(/^Failed to execute raw query: /, '');
    const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
    const message = lines
      .filter((line) => !/^jq: \d+ compile errors?$/.test(line))
      .map((line) => line.replace(/^jq: error(?: \(at [^)]*\))?: /, ''))
      .join(' ');
    throw new JqFailure(message, /compile error/.test(text) ? 'compile' : 'runtime');
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
export async function applyJq(json: string, program: string, toTerminal: boolean): Promise<string> {
  const output = await runJq(json, program);
  const text = output === '' || output.endsWith('\n') ? output : `${output}\n`;
  return toTerminal ? sanitizeBlock(text) : text;
}

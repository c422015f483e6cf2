let applied = false;

/**
 * Whether this Node stalls at exit on undici's WebAssembly parser (below): Node 20 only. Node 22 and
 * later do not, so there V8 is left to its defaults.
 */
export function wasmTierUpStallsExit(nodeVersion: string): boolean {
  return nodeVersion.split('.')[0] === '20';
}

/**
 * On Node 20 only, keeps V8 on its baseline WebAssembly compiler for the rest of the run; call it
 * before undici loads. Elsewhere it does nothing.
 *
 * undici parses HTTP with a WebAssembly module. On Node 20, V8 then re-compiles that module with its
 * optimising compiler on a background thread, and the process cannot exit until that finishes:
 * 80–115 ms after the last response on an idle machine, several times that on a busy one (see
 * bench/results.md). A CLI makes a handful of requests, so the optimised parser never pays back.
 * Node 22 and later do not stall, so the flags are not set there: a workaround for one runtime's
 * stall stays on that runtime.
 *
 * The version is the running Node's, read here (the one use of `process` outside main.ts that
 * tests/unit/layers.test.ts allows, and only `process.versions`): this module already changes the
 * V8 flags of the whole process, so which V8 it is talking to is its own question.
 */
export async function avoidWasmTierUpStall(nodeVersion: string = process.versions.node): Promise<void> {
  if (applied || !wasmTierUpStallsExit(nodeVersion)) return;
  applied = true;
  // node:v8 loads here, not at start-up: only commands that make requests need it.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--liftoff-only');
  // And compile the parser's functions when the module is made, not one by one on first call: the
  // first response then costs 8 ms less on the main thread (bench/levers.md). Measured only together
  // with --liftoff-only on Node 20, so it is set only with it.
  setFlagsFromString('--no-wasm-lazy-compilation');
}

/**
 * Makes V8 collect garbage sooner and grow its heap less, for the rest of the run: a listing of
 * 10,000 processes then peaks near 125 MiB instead of 195 MiB, for about a fifth more CPU time
 * (bench/levers.md). Worth it only for big listings, so commands call it when asked for many.
 */
export async function preferSmallHeap(): Promise<void> {
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--optimize-for-size');
}

let applied = false;

/**
 * Keeps V8 on its baseline WebAssembly compiler for the rest of the run; call it before undici loads.
 *
 * undici parses HTTP with a WebAssembly module. On Node 20, V8 then re-compiles that module with its
 * optimising compiler on a background thread, and the process cannot exit until that finishes:
 * 80–115 ms after the last response on an idle machine, several times that on a busy one (see
 * bench/results.md). A CLI makes a handful of requests, so the optimised parser never pays back.
 * Node 22 and later do not stall; there the flag costs nothing measurable either.
 */
export async function avoidWasmTierUpStall(): Promise<void> {
  if (applied) return;
  applied = true;
  // node:v8 loads here, not at start-up: only commands that make requests need it.
  const { setFlagsFromString } = await import('node:v8');
  setFlagsFromString('--liftoff-only');
  // And compile the parser's functions when the module is made, not one by one on first call: the
  // first response then costs 8 ms less on the main thread (bench/levers.md).
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

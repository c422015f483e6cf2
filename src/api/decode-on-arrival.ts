// Requests first, validation code second. zod and the wire schemas take tens of milliseconds to
// load; a command's first request goes out before they load, so that time overlaps the round trip
// instead of coming before it (bench/levers.md).
//
// Measured to pay: `hproc list --all --limit 10 --json` (one request) against `hproc emulator
// --latency 50`, this build beside one whose endpoints load the schema and zod before sending
// (`node bench/startup-ab.mjs <that build> 60 list --all --limit 10 --json`), Node 20, 2 cores at
// load average 4.6–6.8, three runs of 60 interleaved rounds: medians 169.4, 163.4 and 154.4 ms here
// against 183.2, 174.1 and 166.6 ms schema first (7–8 % less; minimums about 10 ms less).
import type * as z from 'zod';
import type { Fetched } from './fetched.js';

/** Loads a wire schema, and zod with it, when a response needs it. */
export type SchemaLoader<T> = () => Promise<z.ZodType<T>>;

/** Memoises a module import: every later call gets the first call's promise, already settled. */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}

const validation = loadOnce(() => import('./decode-response.js'));

/** Loads the schema while `request` is under way, then validates its JSON: the model and the raw value. */
export async function decodeOnArrival<T>(request: Promise<unknown>, schema: SchemaLoader<T>, where: string): Promise<Fetched<T>> {
  // Handled at once: the request may fail while the schema is still loading, and a rejection
  // left unhandled until then would be reported as an escaped error.
  const settled = request.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const loading = Promise.all([validation(), schema()]);
  loading.catch(() => undefined);
  // A failed request is reported at once, without waiting for code only a success needs.
  const early = await Promise.race([settled, loading.then(() => undefined)]);
  if (early !== undefined && !early.ok) throw early.error;
  const [{ decodeResponse }, loaded] = await loading;
  const result = await settled;
  if (!result.ok) throw result.error;
  return { data: decodeResponse(loaded, result.value, where), raw: result.value };
}

// Requests first, validation code second. zod and the wire schemas take tens of milliseconds to
// load; a command's first request goes out before they load, so that time overlaps the round trip
// instead of coming before it (bench/levers.md).
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

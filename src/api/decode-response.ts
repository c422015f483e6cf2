// Schema mismatches become one ResponseError naming the endpoint and each offending JSON path.
import type * as z from 'zod';
import { ResponseError } from '../errors.js';
import { decode } from '../models/decode.js';

/** The hint every schema mismatch carries. */
export const SCHEMA_MISMATCH_HINT = 'hproc may be older than the API; please report this';

/** Validates a parsed response against its schema and returns the data; throws ResponseError listing at most 5 issues otherwise. */
export function decodeResponse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = decode(schema, value);
  if (result.ok) return result.data;
  // decode() already stops at a handful of issues with shortened values; cap here too so the
  // message stays one readable line whatever it returns.
  const shown = result.issues.slice(0, 5);
  const more = result.omitted + (result.issues.length - shown.length);
  const parts = shown.map((issue) => `${issue.path}: expected ${issue.expected}, got ${issue.received}`);
  const suffix = more > 0 ? `; and ${more} more` : '';
  throw new ResponseError(`unexpected API response from ${where}: ${parts.join('; ')}${suffix}`, { hint: SCHEMA_MISMATCH_HINT });
}

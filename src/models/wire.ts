// Building blocks shared by every wire schema. Each leaf carries the plain words decode() shows as
// "expected", so error messages describe the API's types, not zod's.
import * as z from 'zod';
import { deprecationOf, type DeprecatedField, type ProcessModelName } from './deprecations.js';
import type { OpenEnum } from './enums.js';
import { TIMESTAMP_PATTERN } from './timestamp.js';

// A WeakMap rather than zod metadata: zod's global registry is shared with every other zod user in
// the process, and these words are only for our own error messages.
const expectedWords = new WeakMap<object, string>();

function expecting<S extends z.ZodType>(schema: S, words: string): S {
  expectedWords.set(schema, words);
  return schema;
}

/** The plain words registered for a schema built here, if any. */
export function expectedWordsOf(schema: unknown): string | undefined {
  return typeof schema === 'object' && schema !== null ? expectedWords.get(schema) : undefined;
}

/** A required, non-null date-time kept as the string the API sent. */
export const timestamp = expecting(z.string().regex(TIMESTAMP_PATTERN), 'ISO-8601 timestamp');

/** A nullable date-time; an absent key reads as null because the API added such keys late. */
export const nullableTimestamp = timestamp.nullable().default(null);

/**
 * A JSON integer within the safe range (zod's int() already rejects unsafe and non-finite values).
 * Counts use it too: the API declares them plain integers and the SDK accepts any, so a negative
 * count is flagged where it is shown (models/counts.ts) instead of rejecting the whole response.
 */
export const int = expecting(z.int(), 'integer');

/** Any finite JSON number (zod 4 rejects Infinity and NaN). */
export const num = expecting(z.number(), 'number');

/** A JSON string. */
export const str = expecting(z.string(), 'string');

/** A JSON boolean. */
export const bool = expecting(z.boolean(), 'boolean');

/** An open enum: any string is kept verbatim, never mapped onto a known value. */
export function openEnum<const T extends readonly string[]>(_known: T): z.ZodType<OpenEnum<T[number]>, string> {
  // The known values only shape the TypeScript type: the API may add values at any time and a
  // value we do not know must still display.
  return str as unknown as z.ZodType<OpenEnum<T[number]>, string>;
}

/** An object that keeps keys it does not know, so nothing the server sent is lost. */
export function object<S extends z.core.$ZodLooseShape>(shape: S): z.ZodObject<S, z.core.$loose> {
  return expecting(z.looseObject(shape), 'object');
}

/** A JSON object used as a map: any string key, each value a `value`. */
export function record<S extends z.ZodType>(value: S): z.ZodRecord<z.ZodString, S> {
  return expecting(z.record(z.string(), value), 'object');
}

/** A JSON array of `element`. */
export function list<S extends z.ZodType>(element: S): z.ZodArray<S> {
  return expecting(z.array(element), 'array');
}

type Shape = Record<string, z.ZodType>;

/** `shape` with every field that `model` deprecates made optional and nullable. */
export type LenientShape<S extends Shape, M extends ProcessModelName> = {
  [K in keyof S]: K extends DeprecatedField<M> ? z.ZodOptional<z.ZodNullable<S[K]>> : S[K];
};

/** Relaxes the deprecated fields of `shape`, as listed in the deprecation registry, so a server that drops them still parses. */
export function lenientDeprecated<S extends Shape, M extends ProcessModelName>(model: M, shape: S): LenientShape<S, M> {
  const relaxed: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(shape)) {
    relaxed[key] = deprecationOf(model, key)?.deprecated === true ? schema.nullish() : schema;
  }
  return relaxed as LenientShape<S, M>;
}

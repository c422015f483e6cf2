// Validates a parsed JSON value against a wire schema and turns zod's issues into short,
// plain-language ones that the API layer can put into an error message.
import type * as z from 'zod';
import { expectedWordsOf } from './wire.js';

/** One reason a response does not match its schema. */
export interface SchemaIssue {
  /** Where in the body, e.g. `[3].createdAt`, `exposedPort.port`, or `(root)`. */
  path: string;
  /** The type the API declares there, in plain words (e.g. `ISO-8601 timestamp`, `integer or null`). */
  expected: string;
  /** A short description of what was there instead (e.g. `missing`, `null`, `"3"`, `2.5`, `array`). */
  received: string;
}

/** The outcome of decode(): the parsed value, or at most MAX_ISSUES issues plus how many were left out. */
export type DecodeResult<T> = { ok: true; data: T } | { ok: false; issues: SchemaIssue[]; omitted: number };

/** How many issues decode() reports; more would not fit a readable error message. */
export const MAX_ISSUES = 5;

const RECEIVED_MAX_LENGTH = 60;

/** Parses `value` with `schema`, returning the data or the first few issues in plain words. */
export function decode<T>(schema: z.ZodType<T>, value: unknown): DecodeResult<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  const all = result.error.issues;
  const issues = all.slice(0, MAX_ISSUES).map((issue) => toSchemaIssue(schema, issue));
  return { ok: false, issues, omitted: all.length - issues.length };
}

function toSchemaIssue(root: z.ZodType, issue: z.core.$ZodIssue): SchemaIssue {
  const input: unknown = (issue as { input?: unknown }).input;
  return {
    path: formatPath(issue.path),
    expected: expectedFor(root, issue),
    received: describeValue(input),
  };
}

/** Formats a zod issue path as a JavaScript-like accessor: `[3].createdAt`, `exposedPort.port`, `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** Describes a JSON value in a few characters: `missing`, `null`, `2.5`, `"text"` (JSON, shortened), `array`, `object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return shortJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function shortJsonString(value: string): string {
  const full = JSON.stringify(value);
  if (full.length <= RECEIVED_MAX_LENGTH) return full;
  // Cut whole code points (never half a surrogate pair or half an escape), then shrink until the
  // quoted form with its ellipsis fits; escapes can make the JSON longer than the text.
  const codePoints = Array.from(value.slice(0, RECEIVED_MAX_LENGTH * 2)).slice(0, RECEIVED_MAX_LENGTH);
  for (let keep = codePoints.length; keep > 0; keep -= 1) {
    const candidate = JSON.stringify(`${codePoints.slice(0, keep).join('')}…`);
    if (candidate.length <= RECEIVED_MAX_LENGTH) return candidate;
  }
  return '"…"';
}

// Zod's own names for the types it expected, in our words (used when a schema has no words of its own).
const ZOD_TYPE_WORDS: Readonly<Record<string, string>> = {
  int: 'integer',
  number: 'number',
  string: 'string',
  boolean: 'boolean',
  object: 'object',
  array: 'array',
  null: 'null',
};

function expectedFor(root: z.ZodType, issue: z.core.$ZodIssue): string {
  const bound = issue.code === 'too_big' ? issue.maximum : issue.code === 'too_small' ? issue.minimum : undefined;
  if (bound === Number.MAX_SAFE_INTEGER || bound === Number.MIN_SAFE_INTEGER) {
    // zod reports an unsafe integer as out of range; "integer" alone would contradict the value shown.
    return 'integer between -(2^53-1) and 2^53-1';
  }
  const target = resolve(root, issue.path);
  let words = target?.words;
  if (words === undefined) {
    words = issue.code === 'invalid_type' ? (ZOD_TYPE_WORDS[issue.expected] ?? issue.expected) : 'valid value';
  }
  return target?.nullable === true ? `${words} or null` : words;
}

// The parts of zod's schema definitions that resolve() walks. zod 4 exposes `def` publicly; only
// containers and wrappers are visited, and anything unexpected just ends the walk.
interface SchemaNode {
  def: {
    type: string;
    shape?: Record<string, SchemaNode>;
    element?: SchemaNode;
    innerType?: SchemaNode;
    in?: SchemaNode;
    getter?: () => SchemaNode;
  };
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

/** Finds the schema at `path` and what it expects, noting whether null would have been accepted. */
function resolve(root: z.ZodType, path: readonly PropertyKey[]): { words: string | undefined; nullable: boolean } | undefined {
  let node = unwrap(root as unknown as SchemaNode);
  for (const key of path) {
    const def = node.schema.def;
    let next: SchemaNode | undefined;
    if (def.type === 'object' && typeof key === 'string' && def.shape !== undefined && Object.hasOwn(def.shape, key)) {
      next = def.shape[key];
    } else if (def.type === 'array' && typeof key === 'number') {
      next = def.element;
    }
    if (next === undefined) return undefined;
    node = unwrap(next);
  }
  return { words: expectedWordsOf(node.schema), nullable: node.nullable };
}

function unwrap(start: SchemaNode): { schema: SchemaNode; nullable: boolean } {
  let schema = start;
  let nullable = false;
  // Bounded: wrapper chains are a few levels deep; a cycle through lazy() must not hang an error path.
  for (let depth = 0; depth < 32; depth += 1) {
    const def = schema.def;
    if (def.type === 'nullable') nullable = true;
    const next = WRAPPERS.has(def.type)
      ? def.innerType
      : def.type === 'pipe'
        ? def.in
        : def.type === 'lazy'
          ? def.getter?.()
          : undefined;
    if (next === undefined) break;
    schema = next;
  }
  return { schema, nullable };
}

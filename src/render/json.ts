import { escapeJsonForTerminal } from './sanitize.js';

/**
 * The payload as the API sent it (after validation), pretty-printed. On a terminal the characters
 * JSON leaves raw but a terminal acts on (C1, bidi, line separators) are \u-escaped: same value.
 */
export function renderJson(value: unknown, toTerminal: boolean): string {
  const text = stringifyJson(value, 2) + '\n';
  return toTerminal ? escapeJsonForTerminal(text) : text;
}

/** One compact JSON value per line: a list's items, or a single object. */
export function renderNdjson(value: unknown, toTerminal: boolean): string {
  const items = Array.isArray(value) ? value : [value];
  const text = items.map((item) => stringifyJson(item, 0) + '\n').join('');
  return toTerminal ? escapeJsonForTerminal(text) : text;
}

// Array items per piece of streamed JSON: pieces of some tens of kilobytes for processes.
const ITEMS_PER_CHUNK = 64;

/**
 * renderJson's text in pieces, a run of array items at a time, made as they are asked for: a long
 * list goes out without ever being one string (nor a buffer three times its size). Joined, the
 * pieces are exactly renderJson's text. A value that is not an array comes whole.
 */
export function* renderJsonChunks(value: unknown, toTerminal: boolean): Generator<string> {
  if (!Array.isArray(value) || value.length === 0) {
    yield renderJson(value, toTerminal);
    return;
  }
  for (let start = 0; start < value.length; start += ITEMS_PER_CHUNK) {
    const end = Math.min(value.length, start + ITEMS_PER_CHUNK);
    // A run of items sits at the same depth as in the whole array, so it is written the same way:
    // `[\n  a,\n  b\n]` holds their lines exactly as the whole array's text does.
    const run = stringifyJson(value.slice(start, end), 2);
    // Each piece ends after a line feed, so nothing but a line break spans two pieces.
    const piece = (start === 0 ? '[\n' : '') + run.slice(2, -2) + (end === value.length ? '\n]\n' : ',\n');
    yield toTerminal ? escapeJsonForTerminal(piece) : piece;
  }
}

/** renderNdjson's text in pieces of whole lines; joined, exactly renderNdjson's text. */
export function* renderNdjsonChunks(value: unknown, toTerminal: boolean): Generator<string> {
  const items = Array.isArray(value) ? value : [value];
  for (let start = 0; start < items.length; start += ITEMS_PER_CHUNK) {
    let piece = '';
    for (let i = start; i < Math.min(items.length, start + ITEMS_PER_CHUNK); i += 1) piece += stringifyJson(items[i], 0) + '\n';
    yield toTerminal ? escapeJsonForTerminal(piece) : piece;
  }
}

type Frame =
  | { kind: 'array'; items: readonly unknown[]; next: number; depth: number }
  | { kind: 'object'; entries: [string, unknown][]; next: number; depth: number };

// Deeper than this, values are written compactly: indenting 100,000 levels would take gigabytes.
const PRETTY_MAX_DEPTH = 64;

// Up to this many nested arrays and objects, JSON.stringify writes exactly what the stack below would.
const FAST_MAX_DEPTH = 32;

/** Whether arrays and objects nest more than `limit` levels deep (checked without recursion). */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  // Two stacks rather than one of [value, depth] pairs: this runs over every record of a listing,
  // and a pair per object was most of what it allocated.
  const values: object[] = [];
  const depths: number[] = [];
  if (value !== null && typeof value === 'object') {
    values.push(value);
    depths.push(1);
  }
  while (values.length > 0) {
    const item = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    const children: unknown[] = Array.isArray(item) ? item : Object.values(item);
    for (const child of children) {
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/**
 * The text `JSON.stringify(value, null, indent)` gives for a parsed JSON value (compact below
 * PRETTY_MAX_DEPTH levels), built with an explicit stack: a server can nest a value thousands of
 * levels deep, and JSON.stringify then overflows the call stack (at about 5,000 levels).
 */
export function stringifyJson(value: unknown, indent: number): string {
  // JSON.stringify gives the same text several times faster (10,000 processes: ~50 ms instead of
  // ~2 s), and cannot overflow the stack at such depths: API payloads nest a few levels.
  if (!nestsDeeperThan(value, FAST_MAX_DEPTH)) return JSON.stringify(value, null, indent) ?? 'null';
  const out: string[] = [];
  const stack: Frame[] = [];
  const pretty = (depth: number): boolean => indent > 0 && depth <= PRETTY_MAX_DEPTH;
  const newline = (depth: number): string => (pretty(depth) ? `\n${' '.repeat(indent * depth)}` : '');
  const open = (item: unknown, depth: number): void => {
    if (item === null || typeof item !== 'object') {
      // Like JSON.stringify inside an array: what has no JSON form (undefined, a function) is null.
      out.push(JSON.stringify(item) ?? 'null');
      return;
    }
    if (Array.isArray(item)) {
      if (item.length === 0) out.push('[]');
      else {
        out.push('[');
        stack.push({ kind: 'array', items: item, next: 0, depth });
      }
      return;
    }
    // Own enumerable keys, `__proto__` included when JSON.parse made it an own property.
    const entries = Object.entries(item).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
    if (entries.length === 0) out.push('{}');
    else {
      out.push('{');
      stack.push({ kind: 'object', entries, next: 0, depth });
    }
  };
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
  open(value, 0);
  for (let top = stack.at(-1); top !== undefined; top = stack.at(-1)) {
    const length = top.kind === 'array' ? top.items.length : top.entries.length;
    if (top.next >= length) {
      out.push((pretty(top.depth + 1) ? newline(top.depth) : '') + (top.kind === 'array' ? ']' : '}'));
      stack.pop();
      continue;
    }
    out.push((top.next > 0 ? ',' : '') + newline(top.depth + 1));
    const index = top.next++;
    if (top.kind === 'array') open(top.items[index], top.depth + 1);
    else {
      const [key, item] = top.entries[index] as [string, unknown];
      out.push(JSON.stringify(key) + (pretty(top.depth + 1) ? ': ' : ':'));
      open(item, top.depth + 1);
    }
  }
  return out.join('');
}

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

type Frame =
  | { kind: 'array'; items: readonly unknown[]; next: number; depth: number }
  | { kind: 'object'; entries: [string, unknown][]; next: number; depth: number };

// Deeper than this, values are written compactly: indenting 100,000 levels would take gigabytes.
const PRETTY_MAX_DEPTH = 64;

/**
 * The text `JSON.stringify(value, null, indent)` gives for a parsed JSON value (compact below
 * PRETTY_MAX_DEPTH levels), built with an explicit stack: a server can nest a value thousands of
 * levels deep, and JSON.stringify then overflows the call stack (at about 5,000 levels).
 */
export function stringifyJson(value: unknown, indent: number): string {
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

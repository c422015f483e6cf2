import { escapeJsonForTerminal } from './sanitize.js';

/**
 * The payload as the API sent it (after validation), pretty-printed. On a terminal the characters
 * JSON leaves raw but a terminal acts on (C1, bidi, line separators) are \u-escaped: same value.
 */
export function renderJson(value: unknown, toTerminal: boolean): string {
  const text = JSON.stringify(value, null, 2) + '\n';
  return toTerminal ? escapeJsonForTerminal(text) : text;
}

/** One compact JSON value per line: a list's items, or a single object. */
export function renderNdjson(value: unknown, toTerminal: boolean): string {
  const items = Array.isArray(value) ? value : [value];
  const text = items.map((item) => JSON.stringify(item) + '\n').join('');
  return toTerminal ? escapeJsonForTerminal(text) : text;
}

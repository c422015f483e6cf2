// Text for `hproc config` and `hproc auth status`: plain aligned columns, the same on a terminal and
// in a pipe (there is nothing to colour), every value sanitised (a config file is text anyone may
// have edited). Secrets arrive here already masked.
import { sanitizeCell } from './sanitize.js';

/** One line of `config list`: a key, its effective value (masked if secret) and where it came from. */
export interface SettingRow {
  key: string;
  value: string | undefined;
  source: string;
}

/** `config list`: `key=value` lines for the keys that have a value; with sources, a table with a header. */
export function renderSettings(rows: readonly SettingRow[], showSource: boolean): string {
  if (!showSource) {
    return rows
      .filter((row) => row.value !== undefined)
      .map((row) => `${row.key}=${sanitizeCell(row.value ?? '')}\n`)
      .join('');
  }
  return renderColumns([['KEY', 'VALUE', 'SOURCE'], ...rows.map((row) => [row.key, row.value === undefined ? '-' : sanitizeCell(row.value), sanitizeCell(row.source)])]);
}

/** `config profiles`: one name per line, the active one marked with `*` (as kubectl marks its current context). */
export function renderProfiles(names: readonly string[], active: string): string {
  return names.map((name) => `${name === active ? '*' : ' '} ${sanitizeCell(name)}\n`).join('');
}

/** Label, value and (optional) source lines without a header (`auth status`), the columns aligned. */
export function renderFields(fields: readonly (readonly [label: string, value: string, source?: string])[]): string {
  return renderColumns(fields.map(([label, value, source]) => (source === undefined ? [label, sanitizeCell(value)] : [label, sanitizeCell(value), sanitizeCell(source)])));
}

function renderColumns(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  // A row's last cell is never padded, so it does not widen its column: a long value with no source
  // after it (the token's scopes) must not push every other row's source far to the right.
  for (const row of rows) row.forEach((cell, i) => (i < row.length - 1 ? (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)) : undefined));
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length + 2))).join('') + '\n')
    .join('');
}

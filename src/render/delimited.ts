// CSV and TSV for spreadsheets and scripts. Every value is sanitised first (no control character,
// so no ANSI, reaches the output), then quoted or escaped by the format's own rules.
import { sanitizeCell } from './sanitize.js';

/** One CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(value: string): string {
  const safe = sanitizeCell(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One TSV field: backslash, tab, newline and carriage return become `\\`, `\t`, `\n`, `\r`, so a record is one line. */
export function tsvField(value: string): string {
  // Backslashes first, so that an escape the sanitiser writes cannot be confused with one that was sent.
  return sanitizeCell(value.replace(/\\/g, '\\\\'));
}

/** Rows (and an optional header) as CSV with CRLF line ends, as RFC 4180 specifies. */
export function renderCsv(header: readonly string[] | null, rows: readonly (readonly string[])[]): string {
  const lines = header === null ? [] : [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.map((line) => `${line}\r\n`).join('');
}

/** Rows (and an optional header) as tab-separated values, one record per line. */
export function renderTsv(header: readonly string[] | null, rows: readonly (readonly string[])[]): string {
  const lines = header === null ? [] : [header.map(tsvField).join('\t')];
  for (const row of rows) lines.push(row.map(tsvField).join('\t'));
  return lines.map((line) => `${line}\n`).join('');
}

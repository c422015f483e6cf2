import { sanitizeBlock, sanitizeCell } from './sanitize.js';
import { displayWidth, padEndDisplay } from './width.js';
import type { Theme } from './theme.js';

/** One line of a detail view: a label, its value, and an optional note said in words. */
export interface DetailRow {
  key: string;
  /** Server text is fine here: it is sanitised when rendered. */
  value: string;
  /** A remark on its own line below the value, e.g. a deprecation with its replacement. */
  note?: string;
  /** Marks the note as a warning (styled, and prefixed with ⚠). */
  warn?: boolean;
  /** Status rows are coloured by their value. */
  status?: string;
}

/** A titled group of rows. */
export interface DetailSection {
  title: string;
  rows: DetailRow[];
}

function noteText(row: DetailRow): string {
  return row.warn ? `⚠ ${row.note ?? ''}` : (row.note ?? '');
}

/**
 * Renders sections as indented plain text: the form for pipes (no ANSI, no box drawing, one value
 * per line) and, with a colour theme, for terminals.
 */
export function renderDetailPlain(sections: readonly DetailSection[], theme: Theme): string {
  // Keys can be server text too (port names, room ids): sanitised and measured like values.
  const keyWidth = Math.max(...sections.flatMap((s) => s.rows.map((r) => displayWidth(sanitizeCell(r.key)))), 0) + 2;
  const out: string[] = [];
  for (const section of sections) {
    if (section.rows.length === 0) continue;
    if (out.length > 0) out.push('');
    out.push(theme.heading(section.title));
    for (const row of section.rows) {
      const value = sanitizeCell(row.value) || '-';
      const styled = row.status === undefined ? value : theme.status(row.status, value);
      out.push(`  ${theme.bold(padEndDisplay(sanitizeCell(row.key), keyWidth))}${styled}`.trimEnd());
      if (row.note !== undefined) {
        const note = sanitizeBlock(noteText(row));
        out.push(`  ${' '.repeat(keyWidth)}${row.warn ? theme.warn(note) : theme.dim(note)}`);
      }
    }
  }
  return out.join('\n') + '\n';
}

/**
 * Renders sections for a person at a terminal: the same layout as the plain form, but long values
 * and notes wrap within the value column instead of running past the terminal's edge.
 */
export async function renderDetailWrapped(sections: readonly DetailSection[], theme: Theme, width: number): Promise<string> {
  // cli-table3 serves a person well here (spans, wrapping in a column) and the table is small;
  // lists avoid it because its layout grows faster than linearly with rows.
  const { default: Table } = await import('cli-table3');
  const keyWidth = Math.max(...sections.flatMap((s) => s.rows.map((r) => displayWidth(sanitizeCell(r.key)))), 4) + 4;
  const valueWidth = Math.max(20, width - keyWidth - 1);
  const blank = { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '' };
  const table = new Table({
    chars: blank,
    colWidths: [keyWidth, valueWidth],
    wordWrap: true,
    wrapOnWordBoundary: true,
    // Explicit styles: cli-table3 would otherwise colour borders and headers on its own.
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  let first = true;
  for (const section of sections) {
    if (section.rows.length === 0) continue;
    if (!first) table.push([{ colSpan: 2, content: '' }]);
    first = false;
    table.push([{ colSpan: 2, content: theme.heading(section.title) }]);
    for (const row of section.rows) {
      const value = sanitizeCell(row.value) || '-';
      let cell = row.status === undefined ? value : theme.status(row.status, value);
      if (row.note !== undefined) {
        const note = sanitizeBlock(noteText(row));
        cell += `\n${row.warn ? theme.warn(note) : theme.dim(note)}`;
      }
      table.push([`  ${theme.bold(sanitizeCell(row.key))}`, cell]);
    }
  }
  return table.toString().split('\n').map((line) => line.trimEnd()).join('\n') + '\n';
}

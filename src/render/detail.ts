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
  const keyWidth = Math.max(...sections.flatMap((s) => s.rows.map((r) => displayWidth(r.key))), 0) + 2;
  const out: string[] = [];
  for (const section of sections) {
    if (section.rows.length === 0) continue;
    if (out.length > 0) out.push('');
    out.push(theme.heading(section.title));
    for (const row of section.rows) {
      const value = sanitizeCell(row.value) || '-';
      const styled = row.status === undefined ? value : theme.status(row.status, value);
      out.push(`  ${theme.bold(padEndDisplay(row.key, keyWidth))}${styled}`.trimEnd());
      if (row.note !== undefined) {
        const note = sanitizeBlock(noteText(row));
        out.push(`  ${' '.repeat(keyWidth)}${row.warn ? theme.warn(note) : theme.dim(note)}`);
      }
    }
  }
  return out.join('\n') + '\n';
}

/** Renders sections as one boxed table for a person at a terminal, wrapped to its width. */
export async function renderDetailBoxed(sections: readonly DetailSection[], theme: Theme, width: number): Promise<string> {
  // cli-table3 serves a person well here (spans, wrapping) and the table is small; lists avoid it.
  const { default: Table } = await import('cli-table3');
  const keyWidth = Math.max(...sections.flatMap((s) => s.rows.map((r) => displayWidth(r.key))), 4) + 2;
  const valueWidth = Math.max(20, Math.min(width, 120) - keyWidth - 3);
  const table = new Table({
    colWidths: [keyWidth, valueWidth],
    wordWrap: true,
    wrapOnWordBoundary: false,
    // Explicit styles: cli-table3 would otherwise colour borders and headers on its own.
    style: { head: [], border: theme.enabled ? ['gray'] : [], 'padding-left': 1, 'padding-right': 1 },
  });
  for (const section of sections) {
    if (section.rows.length === 0) continue;
    table.push([{ colSpan: 2, content: theme.heading(section.title) }]);
    for (const row of section.rows) {
      const value = sanitizeCell(row.value) || '-';
      let cell = row.status === undefined ? value : theme.status(row.status, value);
      if (row.note !== undefined) {
        const note = sanitizeBlock(noteText(row));
        cell += `\n${row.warn ? theme.warn(note) : theme.dim(note)}`;
      }
      table.push([theme.bold(row.key), cell]);
    }
  }
  return table.toString() + '\n';
}

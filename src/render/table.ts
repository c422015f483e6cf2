import { sanitizeCell } from './sanitize.js';
import { displayWidth, truncateDisplay } from './width.js';
import type { Theme } from './theme.js';

/** One column of a table: how to read a cell from a row, and how to style it after layout. */
export interface Column<R> {
  header: string;
  value: (row: R) => string;
  style?: (text: string, row: R, theme: Theme) => string;
  align?: 'left' | 'right';
  /** Columns that may be cut (with an ellipsis) to fit a terminal. */
  shrinkable?: boolean;
  /** A shorter form of the cell, used before anything is cut when the table is too wide. */
  compact?: (row: R) => string;
}

/** How a table is laid out. */
export interface TableOptions {
  theme: Theme;
  /** Terminal width to fit into; undefined when piped (never cut). */
  width: number | undefined;
  headers: boolean;
}

const GAP = '  ';
const MIN_SHRUNK = 8;

/**
 * Lays out rows as aligned columns separated by spaces: no box drawing, so grep, awk and cut work,
 * and linear in the number of rows (cli-table3 is not; see docs). Every cell is sanitised first,
 * so one record is always one line, and widths are measured on what is shown.
 */
export function renderTable<R>(columns: readonly Column<R>[], rows: readonly R[], options: TableOptions): string {
  let text = '';
  for (const chunk of renderTableChunks(columns, rows, options)) text += chunk;
  return text;
}

// Lines per piece of a streamed table: pieces of some tens of kilobytes.
const LINES_PER_CHUNK = 256;

/**
 * renderTable's text in pieces of whole lines, made as they are asked for: a long table goes out
 * without ever being one string. Joined, the pieces are exactly renderTable's text.
 */
export function* renderTableChunks<R>(columns: readonly Column<R>[], rows: readonly R[], options: TableOptions): Generator<string> {
  const cells = rows.map((row) => columns.map((column) => sanitizeCell(column.value(row)) || '-'));
  let widths = measure(columns, cells, options.headers);
  if (options.width !== undefined && totalWidth(widths) > options.width && columns.some((c) => c.compact !== undefined)) {
    // Shorter forms first (a relative time without its absolute half), so that nothing is cut if it can be avoided.
    rows.forEach((row, r) => {
      columns.forEach((column, i) => {
        const line = cells[r];
        if (column.compact !== undefined && line !== undefined) line[i] = sanitizeCell(column.compact(row)) || '-';
      });
    });
    widths = measure(columns, cells, options.headers);
  }
  if (options.width !== undefined) fitToWidth(columns, widths, options.width);

  const last = columns.length - 1;
  const layout = (texts: readonly string[], styleCell: (text: string, i: number) => string): string => {
    let line = '';
    for (let i = 0; i < texts.length; i += 1) {
      const width = widths[i] ?? 0;
      const text = texts[i] as string;
      // Measured once: most cells fit, and then they are shown as they are.
      const shown = displayWidth(text);
      const cut = shown <= width ? text : truncateDisplay(text, width);
      const styled = styleCell(cut, i);
      const gap = Math.max(0, width - (cut === text ? shown : displayWidth(cut)));
      if (i > 0) line += GAP;
      if (columns[i]?.align === 'right') line += ' '.repeat(gap) + styled;
      else line += i === last ? styled : styled + ' '.repeat(gap);
    }
    return line.trimEnd() + '\n';
  };
  let piece = options.headers ? layout(columns.map((c) => c.header), (text) => options.theme.bold(text)) : '';
  for (let r = 0; r < cells.length; r += 1) {
    const row = rows[r] as R;
    piece += layout(cells[r] as string[], (text, i) => columns[i]?.style?.(text, row, options.theme) ?? text);
    if ((r + 1) % LINES_PER_CHUNK === 0) {
      yield piece;
      piece = '';
    }
  }
  if (piece !== '') yield piece;
}

function measure<R>(columns: readonly Column<R>[], cells: readonly string[][], headers: boolean): number[] {
  const widths = columns.map((column) => (headers ? displayWidth(column.header) : 0));
  for (const line of cells) {
    line.forEach((cell, i) => {
      const w = displayWidth(cell);
      if (w > (widths[i] ?? 0)) widths[i] = w;
    });
  }
  return widths;
}

function totalWidth(widths: readonly number[]): number {
  return widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
}

// Shrinks the widest shrinkable columns until the table fits (or they reach a floor).
function fitToWidth<R>(columns: readonly Column<R>[], widths: number[], maxWidth: number): void {
  const total = (): number => totalWidth(widths);
  while (total() > maxWidth) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (columns[i]?.shrinkable && w > MIN_SHRUNK && (widest < 0 || w > (widths[widest] ?? 0))) widest = i;
    });
    if (widest < 0) return;
    widths[widest] = Math.max(MIN_SHRUNK, (widths[widest] ?? 0) - (total() - maxWidth));
  }
}


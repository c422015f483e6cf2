import { sanitizeCell } from './sanitize.js';
import { displayWidth, truncateDisplay } from './width.js';
import type { RecordFormat } from './formats.js';
import type { Theme } from './theme.js';

/** One column of a table: how to read a cell from a row, how it gives way on a narrow terminal, and how to style it after layout. */
export interface Column<R> {
  header: string;
  value: (row: R) => string;
  style?: (text: string, row: R, theme: Theme) => string;
  align?: 'left' | 'right';
  /**
   * Which columns give way first when a terminal is too narrow: 0 (the default) is never dropped,
   * a higher number is dropped before a lower one. Ids are 0: they are never dropped or cut.
   */
  priority?: number;
  /** Free text (a name, a reason, a note): shortened with `…` when dropping lower-priority columns was not enough. Never set on ids, addresses or times. */
  shorten?: boolean;
  /** The fewest cells a shortened column keeps (default: its header, at least 8); narrower than that, it is dropped. */
  minWidth?: number;
  /** The most cells a shortened column takes on a terminal (a room's config); piped, nothing is cut. */
  maxWidth?: number;
  /** Cells kept for the column even when its cells are narrower, so a table redrawn with new text keeps its shape. */
  reserve?: number;
}

/** How a table is laid out. */
export interface TableOptions {
  theme: Theme;
  /** Terminal width to fit into; undefined: every column whole (piped, or `-o wide`). */
  width: number | undefined;
  /** The run's secret mask, applied to each value before it is measured or cut (a cut secret escapes the output mask). */
  mask?: ((text: string) => string) | undefined;
  headers: boolean;
}

/** The width a table fits into: the terminal's for a default table; none (every column whole) for `-o wide` or a pipe. */
export function fittedWidth(format: RecordFormat, target: { stdoutIsTTY: boolean; width: number | undefined }): number | undefined {
  return target.stdoutIsTTY && format !== 'wide' ? target.width : undefined;
}

const GAP = '  ';
const MIN_SHORTENED = 8;

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
export function* renderTableChunks<R>(allColumns: readonly Column<R>[], rows: readonly R[], options: TableOptions): Generator<string> {
  const allCells = rows.map((row) => allColumns.map((column) => cellText(column.value(row), options.mask)));
  const natural = measure(allColumns, allCells, options.headers);
  const fitted = options.width === undefined ? { shown: allColumns.map((_, i) => i), widths: natural } : fitColumns(allColumns, natural, options.width);
  const columns = fitted.shown.map((i) => allColumns[i] as Column<R>);
  const cells = fitted.shown.length === allColumns.length ? allCells : allCells.map((line) => fitted.shown.map((i) => line[i] as string));
  const widths = fitted.widths;

  const last = columns.length - 1;
  const layout = (texts: readonly string[], styleCell: (text: string, i: number) => string): string => {
    let line = '';
    for (let i = 0; i < texts.length; i += 1) {
      const width = widths[i] ?? 0;
      const text = texts[i] as string;
      // Measured once: most cells fit, and then they are shown as they are.
      const shown = displayWidth(text);
      const cut = shown <= width ? text : cutCell(text, width);
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

/**
 * The text of a cell as laid out: sanitised, so one record is one line and widths count what is
 * shown; empty cells show `-`. Every cell passes here before it is measured or cut, so anything
 * that must see a value whole (masking a secret) belongs here, before cutCell.
 */
export function cellText(value: string, mask?: (text: string) => string): string {
  return sanitizeCell(mask === undefined ? value : mask(value)) || '-';
}

/** The one place a cell is shortened: to `width` cells, ending in `…`. Only free-text columns get here. */
export function cutCell(text: string, width: number): string {
  return truncateDisplay(text, width);
}

function measure<R>(columns: readonly Column<R>[], cells: readonly string[][], headers: boolean): number[] {
  const widths = columns.map((column) => Math.max(headers ? displayWidth(column.header) : 0, column.reserve ?? 0));
  for (const line of cells) {
    line.forEach((cell, i) => {
      const w = displayWidth(cell);
      if (w > (widths[i] ?? 0)) widths[i] = w;
    });
  }
  return widths;
}

function totalWidth(widths: readonly number[]): number {
  return widths.length === 0 ? 0 : widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
}

function minWidthOf<R>(column: Column<R>): number {
  return column.minWidth ?? Math.max(MIN_SHORTENED, displayWidth(column.header));
}

/** Which columns a terminal of `maxWidth` cells shows (indices, in order) and how wide each is. */
export interface TableLayout {
  shown: number[];
  widths: number[];
}

/**
 * Fits columns into a terminal: the least important column (highest priority, rightmost first)
 * gives way first, a free-text one by being shortened if that is enough, any other by being
 * dropped; dropped columns come back, most important first, where they fit after all. Columns of
 * priority 0 are never dropped; if they alone are too wide, only their free text is shortened.
 */
export function fitColumns<R>(columns: readonly Column<R>[], natural: readonly number[], maxWidth: number): TableLayout {
  const widths = columns.map((column, i) => {
    const w = natural[i] ?? 0;
    return column.shorten && column.maxWidth !== undefined ? Math.min(w, Math.max(column.maxWidth, minWidthOf(column))) : w;
  });
  const shown = new Set(columns.map((_, i) => i));
  const total = (): number => totalWidth([...shown].map((i) => widths[i] ?? 0));
  const priorityOf = (i: number): number => columns[i]?.priority ?? 0;
  const byLeastImportant = columns.map((_, i) => i).filter((i) => priorityOf(i) > 0).sort((a, b) => priorityOf(b) - priorityOf(a) || b - a);
  const dropped: number[] = [];
  for (const i of byLeastImportant) {
    if (total() <= maxWidth) break;
    const column = columns[i] as Column<R>;
    const room = maxWidth - (total() - (widths[i] ?? 0));
    if (column.shorten && room >= minWidthOf(column)) {
      widths[i] = room;
      break;
    }
    shown.delete(i);
    dropped.push(i);
  }
  for (const i of [...dropped].reverse()) {
    if (total() + (widths[i] ?? 0) + GAP.length <= maxWidth) shown.add(i);
  }
  // Only columns that may not be dropped are left and they are still too wide: shorten their free text, widest first.
  while (total() > maxWidth) {
    let widest = -1;
    for (const i of shown) {
      const column = columns[i] as Column<R>;
      if (column.shorten && (widths[i] ?? 0) > minWidthOf(column) && (widest < 0 || (widths[i] ?? 0) > (widths[widest] ?? 0))) widest = i;
    }
    if (widest < 0) break;
    widths[widest] = Math.max(minWidthOf(columns[widest] as Column<R>), (widths[widest] ?? 0) - (total() - maxWidth));
  }
  const order = [...shown].sort((a, b) => a - b);
  return { shown: order, widths: order.map((i) => widths[i] ?? 0) };
}

// What `hproc list --watch` writes: NDJSON change events for programs, or for a person a table
// redrawn in place with the rows that changed marked and the last status change of each process.
import type { ProcessView } from '../models/normalise.js';
import { formatRelative } from './format.js';
import { stringifyJson } from './json.js';
import { escapeJsonForTerminal, sanitizeCell } from './sanitize.js';
import { processColumns, wideProcessColumns } from './process-columns.js';
import { renderTable, type Column } from './table.js';
import type { Theme } from './theme.js';

/** An event as written: `{"type":"ADDED","object":{...}}`. */
export interface WatchEventLine {
  type: string;
  object: unknown;
}

/** The NDJSON lines of one poll's events, written in one piece so a reader only sees whole lines. */
export function renderWatchEvents(events: readonly WatchEventLine[], toTerminal: boolean): string {
  const text = events.map((event) => `${stringifyJson({ type: event.type, object: event.object }, 0)}\n`).join('');
  return toTerminal ? escapeJsonForTerminal(text) : text;
}

/** The latest thing that happened to a process while watching. */
export type Transition = { kind: 'status'; from: string; to: string; at: Date } | { kind: 'added'; at: Date };

/** One row of the watch table. */
export interface WatchRow {
  view: ProcessView;
  /** Changed since the previous refresh: `+` new, `*` modified. */
  mark: '+' | '*' | '';
  transition: Transition | undefined;
}

/** Everything one frame shows. */
export interface WatchFrame {
  title: string;
  rows: readonly WatchRow[];
  /** Processes that left the list at this refresh, with their last status. */
  gone: readonly { processId: string; status: string }[];
  /** The last refresh failed with this message (the table is the previous one). */
  error: string | undefined;
  now: Date;
  intervalText: string;
  /** `-o wide`: the wide columns of this API generation. */
  wide?: { generation: 'v1' | 'v2' | 'v3' } | undefined;
}

// ESC[H: cursor home; ESC[K: clear to the end of the line; ESC[J: clear below. Overwriting in place
// instead of clearing first keeps the screen from flashing.
const HOME = '\u001b[H';
const CLEAR_LINE = '\u001b[K';
const CLEAR_BELOW = '\u001b[J';
/** Clears the screen before the first frame. */
export const CLEAR_SCREEN = '\u001b[2J\u001b[H';
/** Hides the cursor while frames are redrawn. */
export const HIDE_CURSOR = '\u001b[?25l';
/** Shows the cursor again. */
export const SHOW_CURSOR = '\u001b[?25h';

function describeTransition(transition: Transition | undefined, now: Date): string {
  if (transition === undefined) return '';
  const when = formatRelative(transition.at.toISOString(), now);
  return transition.kind === 'added' ? `appeared ${when}` : `${transition.from} → ${transition.to} ${when}`;
}

function clock(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/** Lays out one frame as lines of text (no cursor movement). */
export function renderWatchFrame(frame: WatchFrame, theme: Theme, width: number | undefined): string[] {
  const highlight = (text: string, row: WatchRow): string => (row.mark === '' ? text : theme.bold(text));
  const style = { relative: true, now: frame.now };
  const viewColumns = frame.wide === undefined ? processColumns(style) : wideProcessColumns(style, frame.wide.generation);
  const base = viewColumns.map((column): Column<WatchRow> => ({
    header: column.header,
    value: (row) => column.value(row.view),
    style: (text, row, t) => highlight(column.style === undefined ? text : column.style(text, row.view, t), row),
    ...(column.align === undefined ? {} : { align: column.align }),
    ...(column.shrinkable === undefined ? {} : { shrinkable: column.shrinkable }),
  }));
  const columns: Column<WatchRow>[] = [
    { header: ' ', value: (row) => row.mark || ' ', style: (text, row) => highlight(text, row) },
    ...base,
    { header: 'LAST CHANGE', value: (row) => describeTransition(row.transition, frame.now), style: (text, row) => highlight(text, row), shrinkable: true },
  ];
  const lines = [`${theme.bold(sanitizeCell(frame.title))}   every ${frame.intervalText}, ${clock(frame.now)}`, ''];
  if (frame.rows.length === 0) lines.push('no processes');
  else lines.push(...renderTable(columns, frame.rows, { theme, width, headers: true }).trimEnd().split('\n'));
  lines.push('');
  const added = frame.rows.filter((row) => row.mark === '+').length;
  const modified = frame.rows.filter((row) => row.mark === '*').length;
  const summary = [`${frame.rows.length} process${frame.rows.length === 1 ? '' : 'es'}`];
  if (added > 0) summary.push(`${added} new (+)`);
  if (modified > 0) summary.push(`${modified} changed (*)`);
  if (frame.gone.length > 0) {
    summary.push(`gone: ${frame.gone.map((g) => `${sanitizeCell(g.processId)} (${sanitizeCell(g.status)})`).join(', ')}`);
  }
  lines.push(summary.join(' · '));
  if (frame.error !== undefined) lines.push(theme.warn(`refresh failed: ${sanitizeCell(frame.error)}; showing the last answer, retrying`));
  lines.push(theme.dim('Ctrl-C to quit'));
  return lines;
}

/** Turns frame lines into what redraws them over the previous frame. */
export function redrawSequence(lines: readonly string[]): string {
  return HOME + lines.map((line) => `${line}${CLEAR_LINE}\n`).join('') + CLEAR_BELOW;
}

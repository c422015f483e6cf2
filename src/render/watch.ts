// What `hproc list --watch` writes: NDJSON change events for programs, or for a person a table
// redrawn in place with the rows that changed marked and the last status change of each process.
import type { ProcessView } from '../models/normalise.js';
import { formatRelative } from './format.js';
import { stringifyJson } from './json.js';
import { escapeJsonForTerminal, sanitizeCell } from './sanitize.js';
import { processColumns, wideProcessColumns } from './process-columns.js';
import { cutCell, renderTable, type Column } from './table.js';
import { displayWidth } from './width.js';
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
  /** The listing is incomplete: this says why (the table holds what paging reached). */
  incomplete?: string | undefined;
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
/**
 * Enters the alternate screen, where redraws leave nothing in the scrollback (the shell's screen
 * comes back on exit), with line wrap off: a line a resized terminal makes too long is clipped
 * by the terminal rather than wrapped, so a redraw can never scroll.
 */
export const ENTER_SCREEN = '\u001b[?1049h\u001b[?7l';
/** Leaves the alternate screen and turns line wrap back on. */
export const LEAVE_SCREEN = '\u001b[?7h\u001b[?1049l';

// On the watch screen what changed matters most: after the id and status, LAST CHANGE outranks
// every column. The list's columns give way in this order (highest first), the wide ones before them.
const WATCH_PRIORITY: Readonly<Record<string, number>> = { ROOMS: 2, REGION: 3, AGE: 4, ADDRESS: 5, CREATED: 6 };
const LAST_CHANGE_PRIORITY = 1;
// As wide as `starting → running 12s ago`, kept from the first frame on, so the table keeps its
// shape when the first change arrives.
const LAST_CHANGE_RESERVE = 26;

function watchPriority<R>(column: Column<R>): number {
  const own = column.priority ?? 0;
  return own === 0 ? 0 : (WATCH_PRIORITY[column.header] ?? own + 10);
}

function describeTransition(transition: Transition | undefined, now: Date): string {
  if (transition === undefined) return '';
  const when = formatRelative(transition.at.toISOString(), now);
  return transition.kind === 'added' ? `appeared ${when}` : `${transition.from} → ${transition.to} ${when}`;
}

function clock(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/**
 * Lays out one frame as lines of text (no cursor movement): no line wider than `width`, and no
 * more lines than `height` (rows that do not fit are counted in a `… N more` line). Either may be
 * unknown, and then nothing is fitted in that direction.
 */
export function renderWatchFrame(frame: WatchFrame, theme: Theme, width: number | undefined, height?: number): string[] {
  const highlight = (text: string, row: WatchRow): string => (row.mark === '' ? text : theme.bold(text));
  const fit = (text: string): string => (width === undefined ? text : cutCell(text, width));
  const style = { relative: true, now: frame.now };
  const viewColumns = frame.wide === undefined ? processColumns(style) : wideProcessColumns(style, frame.wide.generation);
  const base = viewColumns.map((column): Column<WatchRow> => ({
    ...column,
    value: (row) => column.value(row.view),
    style: (text, row, t) => highlight(column.style === undefined ? text : column.style(text, row.view, t), row),
    priority: watchPriority(column),
  }));
  const columns: Column<WatchRow>[] = [
    { header: ' ', value: (row) => row.mark || ' ', style: (text, row) => highlight(text, row) },
    ...base,
    {
      header: 'LAST CHANGE',
      value: (row) => describeTransition(row.transition, frame.now),
      style: (text, row) => highlight(text, row),
      priority: LAST_CHANGE_PRIORITY,
      shorten: true,
      minWidth: 12,
      reserve: LAST_CHANGE_RESERVE,
    },
  ];

  const title = sanitizeCell(frame.title);
  const every = `every ${frame.intervalText}, ${clock(frame.now)}`;
  // The title and the clock share the first line when they fit; otherwise the clock takes the blank line below.
  const head =
    width === undefined || displayWidth(`${title}   ${every}`) <= width
      ? [`${theme.bold(title)}   ${every}`, '']
      : [theme.bold(fit(title)), fit(every)];

  const table = frame.rows.length === 0 ? ['no processes'] : renderTable(columns, frame.rows, { theme, width, headers: true }).trimEnd().split('\n');

  const added = frame.rows.filter((row) => row.mark === '+').length;
  const modified = frame.rows.filter((row) => row.mark === '*').length;
  const summary = [`${frame.rows.length} process${frame.rows.length === 1 ? '' : 'es'}`];
  if (added > 0) summary.push(`${added} new (+)`);
  if (modified > 0) summary.push(`${modified} changed (*)`);
  const foot = ['', fit(summary.join(' · '))];
  if (frame.gone.length > 0) foot.push(goneLine(frame.gone, width));
  if (frame.error !== undefined) foot.push(theme.warn(fit(`refresh failed: ${sanitizeCell(frame.error)}; showing the last answer, retrying`)));
  if (frame.incomplete !== undefined) foot.push(theme.warn(fit(sanitizeCell(frame.incomplete))));
  foot.push(theme.dim('Ctrl-C to quit'));

  if (height === undefined || head.length + table.length + foot.length <= height) return [...head, ...table, ...foot];
  // Too tall for the screen: the header and the first rows that fit, then how many more there are.
  const room = height - head.length - foot.length;
  if (room < 2) return [...head, ...table, ...foot].slice(0, Math.max(1, height));
  const shown = table.slice(0, room - 1);
  const hidden = frame.rows.length - (shown.length - 1);
  const hiddenChanged = frame.rows.slice(shown.length - 1).filter((row) => row.mark !== '').length;
  const more = `… ${hidden} more${hiddenChanged > 0 ? ` (${hiddenChanged} changed)` : ''}; a taller terminal shows them`;
  return [...head, ...shown, fit(more), ...foot];
}

// `gone: <id> (<status>), …` with as many whole entries as fit, then how many more; ids are never cut.
function goneLine(gone: WatchFrame['gone'], width: number | undefined): string {
  const entries = gone.map((g) => `${sanitizeCell(g.processId)} (${sanitizeCell(g.status)})`);
  const all = `gone: ${entries.join(', ')}`;
  if (width === undefined || displayWidth(all) <= width) return all;
  let line = 'gone:';
  let shown = 0;
  for (const entry of entries) {
    const next = `${line}${shown === 0 ? ' ' : ', '}${entry}`;
    const rest = entries.length - shown - 1;
    if (displayWidth(next + (rest > 0 ? ` +${rest} more` : '')) > width) break;
    line = next;
    shown += 1;
  }
  return cutCell(`${line} +${entries.length - shown} more`, width);
}

// Styling codes hproc itself adds; server text reaching here is sanitised and holds no ESC.
const STYLING = /\u001b\[[0-9;]*m/g;

/**
 * Turns frame lines into what redraws them over the previous frame. A line as wide as the
 * terminal gets no clear-to-end (the cursor sits on its last cell, which that would erase), and
 * a frame as tall as the screen ends without a newline, which would scroll it.
 */
export function redrawSequence(lines: readonly string[], width?: number, height?: number): string {
  const full = height !== undefined && lines.length >= height;
  let out = HOME;
  lines.forEach((line, i) => {
    const last = i === lines.length - 1;
    const filled = width !== undefined && displayWidth(line.replace(STYLING, '')) >= width;
    out += line + (filled ? '' : CLEAR_LINE) + (last && full ? '' : '\n');
  });
  return full ? out : out + CLEAR_BELOW;
}

// What `hproc top` shows: one frame of exactly the terminal's height, no line wider than it. Only
// the rows on screen are laid out, so a refresh of a thousand processes costs what twenty do.
// Every server string passes the sanitiser here; colour is applied after layout.
import type { ProcessView } from '../models/normalise.js';
import { HELP_LINES } from '../top/help.js';
import {
  FOOTER_ROWS,
  HEADER_ROWS,
  MARK_MS,
  latestMetrics,
  listedStatuses,
  paneHeight,
  selectedIndex,
  tableHeight,
  tableRows,
  uniquePrefixLength,
  type Pane,
  type ProcessMetrics,
  type TopState,
} from '../top/state.js';
import { formatBytes, formatDuration } from '../units.js';
import { sparkline, unitOf } from './metric-stats.js';
import { formatAddress } from './process-columns.js';
import { sanitizeCell } from './sanitize.js';
import type { Theme } from './theme.js';
import { displayWidth, padEndDisplay, truncateDisplay } from './width.js';

const INVERSE = '\u001b[7m';
const INVERSE_OFF = '\u001b[27m';

/** Cuts or pads plain text to exactly `width` cells. */
function fit(text: string, width: number): string {
  return padEndDisplay(truncateDisplay(text, width), width);
}

function ago(ms: number): string {
  return ms < 1000 ? 'just now' : `${formatDuration(ms)} ago`;
}

/** A compact age in whole seconds at least: `0s`, `42s`, `3h5m`. */
function age(ms: number): string {
  return ms < 1000 ? '0s' : formatDuration(ms).replace(' ', '');
}

/** One column of the process table. */
interface TopColumn {
  header: string;
  width: number;
  /** Lower numbers are dropped last when the screen is narrow. */
  priority: number;
  /** Takes the width left over (the last column). */
  flexible?: boolean;
  align?: 'right';
  cell(view: ProcessView): string;
  style?(text: string, view: ProcessView, theme: Theme): string;
}

function cpuText(cores: number | null): string {
  return cores === null ? '-' : `${Math.round(cores * 100)}%`;
}

function memoryText(value: number | null, series: readonly number[] | undefined): string {
  if (value === null) return '-';
  return unitOf('memory', series ?? []).format(value).replace(' ', '');
}

function columnsFor(state: TopState, processes: readonly ProcessView[]): TopColumn[] {
  const idWidth = state.wholeIds ? Math.max(2, ...processes.map((v) => displayWidth(sanitizeCell(v.processId)))) : Math.max(2, uniquePrefixLength(processes.map((v) => v.processId)));
  const regionWidth = Math.max(6, ...processes.map((v) => displayWidth(sanitizeCell(v.region))));
  // Addresses are the one column a wide screen adds; a long hostname is shortened, never the ids.
  const addressWidth = Math.min(32, Math.max(7, ...processes.map((v) => displayWidth(sanitizeCell(formatAddress(v.exposedPort))))));
  const roomsWidth = Math.max(5, ...processes.map((v) => `${v.roomsAllocated}/${v.roomsPerProcess}`.length));
  const change = (view: ProcessView): string => {
    const c = state.changes.get(view.processId);
    // The age first: a narrow column still says when, and the statuses give way.
    if (c === undefined) return '';
    const since = state.now - c.at;
    return `${since < 1000 ? 'now' : age(since)} ${c.from}→${c.to}`;
  };
  return [
    { header: 'ID', width: idWidth, priority: 0, cell: (v) => sanitizeCell(v.processId).slice(0, idWidth) },
    { header: 'STATUS', width: 8, priority: 1, cell: (v) => sanitizeCell(v.status), style: (text, v, theme) => theme.status(v.status, text) },
    { header: 'REGION', width: regionWidth, priority: 3, cell: (v) => sanitizeCell(v.region) },
    { header: 'ROOMS', width: roomsWidth, priority: 2, align: 'right', cell: (v) => `${v.roomsAllocated}/${v.roomsPerProcess}` },
    { header: 'CPU', width: 5, priority: 4, align: 'right', cell: (v) => cpuText(latestMetrics(state, v.processId).cpu) },
    { header: 'MEM', width: 7, priority: 5, align: 'right', cell: (v) => memoryText(latestMetrics(state, v.processId).memory, state.metrics.get(v.processId)?.memory) },
    { header: 'CONN', width: 4, priority: 7, align: 'right', cell: (v) => String(latestMetrics(state, v.processId).connections ?? '-') },
    { header: 'AGE', width: 6, priority: 6, align: 'right', cell: (v) => age(state.now - Date.parse(v.createdAt)) },
    { header: 'ADDRESS', width: addressWidth, priority: 9, cell: (v) => sanitizeCell(formatAddress(v.exposedPort)) },
    { header: 'LAST CHANGE', width: 11, priority: 8, flexible: true, cell: change },
  ];
}

/** The columns that fit the width, each with its final width (the flexible one takes what is left). */
function fitColumns(columns: TopColumn[], width: number): TopColumn[] {
  // Three cells for the selection and change marks, one space between columns.
  const used = (cols: TopColumn[]): number => 3 + cols.reduce((sum, c) => sum + c.width + 1, 0) - 1;
  let kept = [...columns];
  while (kept.length > 1 && used(kept) > width) {
    const drop = kept.reduce((worst, c) => (c.priority > worst.priority ? c : worst));
    kept = kept.filter((c) => c !== drop);
  }
  const spare = width - used(kept);
  return kept.map((c) => (c.flexible === true && spare > 0 ? { ...c, width: c.width + spare } : c));
}

function cellText(column: TopColumn, text: string): string {
  const cut = truncateDisplay(text, column.width);
  return column.align === 'right' ? ' '.repeat(Math.max(0, column.width - displayWidth(cut))) + cut : padEndDisplay(cut, column.width);
}

function tableLines(state: TopState, theme: Theme, bodyHeight: number): string[] {
  const rows = tableRows(state);
  const columns = fitColumns(columnsFor(state, state.processes), state.width);
  const header = fit(`   ${columns.map((c) => cellText(c, c.header)).join(' ')}`, state.width);
  const lines = [theme.bold(header)];
  const selected = selectedIndex(state, rows);
  const visible = rows.slice(state.offset, state.offset + bodyHeight);
  visible.forEach((view, i) => {
    const isSelected = state.offset + i === selected;
    const mark = state.marks.get(view.processId);
    const markText = mark !== undefined && state.now - mark.at < MARK_MS ? mark.mark : ' ';
    const cells = columns.map((c) => cellText(c, c.cell(view)));
    const prefix = `${isSelected ? '>' : ' '}${markText} `;
    const plainLine = prefix + cells.join(' ');
    // Only a whole id wider than the screen makes a row overflow; then the terminal must not wrap it.
    const overflows = displayWidth(plainLine) > state.width;
    const padding = ' '.repeat(Math.max(0, state.width - displayWidth(plainLine)));
    const changed = markText === '+' || markText === '*';
    if (overflows || !theme.enabled) {
      lines.push(fit(plainLine, state.width));
    } else if (isSelected) {
      // The selected row is inverted whole, its statuses uncoloured so it reads as one bar.
      lines.push(INVERSE + plainLine + padding + INVERSE_OFF);
    } else {
      // Styles go on after layout, so escapes never count as width.
      const styled = columns.map((c, i) => (c.style === undefined ? (cells[i] as string) : c.style(cells[i] as string, view, theme)));
      const line = prefix + styled.join(' ') + padding;
      lines.push(changed ? theme.bold(line) : line);
    }
  });
  if (rows.length === 0) {
    lines.push(fit(state.listedAt === null ? '  loading processes…' : state.filter !== '' ? `  no process matches "${sanitizeCell(state.filter)}"` : '  no processes', state.width));
  }
  return lines;
}

function statusCounts(processes: readonly ProcessView[]): string {
  const counts = new Map<string, number>();
  for (const view of processes) counts.set(view.status, (counts.get(view.status) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([status, n]) => `${n} ${sanitizeCell(status)}`).join(' · ');
}

function regionBars(processes: readonly ProcessView[], width: number): string {
  const counts = new Map<string, number>();
  for (const view of processes) counts.set(view.region, (counts.get(view.region) ?? 0) + 1);
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const most = sorted[0]?.[1] ?? 0;
  const BAR = 6;
  const parts = sorted.map(([region, n]) => {
    const filled = Math.max(1, Math.round((n / most) * BAR));
    return `${sanitizeCell(region)} ${'█'.repeat(filled)}${'░'.repeat(BAR - filled)} ${n}`;
  });
  const line = (k: number): string => parts.slice(0, k).join('  ') + (k < parts.length ? `  +${parts.length - k} more` : '');
  let kept = parts.length;
  while (kept > 1 && displayWidth(line(kept)) > width) kept -= 1;
  return line(kept);
}

function headerLines(state: TopState): string[] {
  const { processes } = state;
  const live = processes.filter((v) => v.terminatedAt === null);
  const used = live.reduce((sum, v) => sum + v.roomsAllocated, 0);
  const total = live.reduce((sum, v) => sum + v.roomsPerProcess, 0);
  const statuses = listedStatuses(state);
  const scope = statuses === null ? 'all statuses' : state.statuses === null ? 'active' : statuses.join(',');
  const count = state.listedAt === null ? 'loading…' : `${processes.length} process${processes.length === 1 ? '' : 'es'}`;
  const percent = total === 0 ? '' : ` (${Math.round((used / total) * 100)}%)`;
  const first = state.listedAt === null ? `${sanitizeCell(state.appId)} · ${count}` : `${sanitizeCell(state.appId)} · ${count} · rooms ${used}/${total}${percent}`;
  const filter = state.editingFilter ? ` · filter: ${sanitizeCell(state.filter)}▏` : state.filter === '' ? '' : ` · filter: ${sanitizeCell(state.filter)}`;
  // What the table shows stays whole on the right; the counts give way when the line is short.
  const right = `${scope} · sort ${state.sort} ${state.descending ? '↓' : '↑'}${filter}`;
  const counts = statusCounts(processes);
  const room = state.width - displayWidth(right) - 3;
  const second = counts === '' ? right : room < 10 ? right : `${truncateDisplay(counts, room)} │ ${right}`;
  return [first, second, regionBars(processes, state.width)].map((line) => fit(line, state.width));
}

type KeyHint = readonly [keys: string, what: string, priority: number];

function keyHints(state: TopState): readonly KeyHint[] {
  if (state.editingFilter) return [['type', 'to filter', 0], ['Enter', 'keep', 0], ['Esc', 'clear', 0], ['^U', 'erase', 1]];
  switch (state.pane.kind) {
    case 'table':
      return [
        ['↑↓', 'move', 3],
        ['/', 'filter', 2],
        ['s', 'sort', 4],
        ['a', state.allStatuses ? 'active' : 'all', 5],
        ['Enter', 'detail', 1],
        ['l', 'logs', 1],
        ['m', 'metrics', 3],
        ['r', 'rooms', 4],
        ['i', 'id', 6],
        ['^K', 'stop', 2],
        ['?', 'help', 0],
        ['q', 'quit', 0],
      ];
    case 'confirm-stop':
      return [['y', 'stops it;', 0], ['any other key', 'keeps it running', 0]];
    case 'logs':
      return [['↑↓ PgUp PgDn', 'scroll', 1], ['End', 'follow', 1], ['m', 'metrics', 2], ['r', 'rooms', 2], ['q Esc', 'back', 0]];
    case 'metrics':
      return [['l', 'logs', 1], ['r', 'rooms', 1], ['q Esc', 'back', 0]];
    case 'id':
      return [['q Esc', 'back', 0]];
    default:
      return [['↑↓ PgUp PgDn Home End', 'scroll', 1], ['q Esc', 'back', 0]];
  }
}

function keysLine(hints: readonly KeyHint[], width: number): string {
  let kept = [...hints];
  const text = (list: readonly KeyHint[]): string => list.map(([k, w]) => `${k} ${w}`).join('  ');
  while (kept.length > 1 && displayWidth(text(kept)) > width) {
    const drop = kept.reduce((worst, h) => (h[2] > worst[2] ? h : worst));
    kept = kept.filter((h) => h !== drop);
  }
  return text(kept);
}

function footerLines(state: TopState, theme: Theme): string[] {
  const fresh =
    state.listedAt === null
      ? state.refreshError === null ? 'loading…' : `refresh failed: ${sanitizeCell(state.refreshError)}, retrying`
      : state.refreshError === null
        ? state.partial
          ? 'the newest shown, loading the rest…'
          : state.incomplete !== null
            ? `listing incomplete: ${sanitizeCell(state.incomplete)} · updated ${ago(state.now - state.listedAt)}`
            : `updated ${ago(state.now - state.listedAt)}`
        : `refresh failed: ${sanitizeCell(state.refreshError)}, retrying · stale: data from ${ago(state.now - state.listedAt)}`;
  const shown = state.filter === '' ? '' : `${tableRows(state).length} shown · `;
  const right = `${shown}${fresh}`;
  const left = state.message === null ? '' : sanitizeCell(state.message);
  const room = Math.max(0, state.width - displayWidth(right) - 1);
  const status = left === '' ? ' '.repeat(Math.max(0, state.width - displayWidth(right))) + right : `${fit(left, room)} ${right}`;
  const statusLine = fit(status, state.width);
  return [state.refreshError === null && state.incomplete === null ? statusLine : theme.warn(statusLine), theme.dim(fit(keysLine(keyHints(state), state.width), state.width))];
}

function scrolled(lines: readonly string[], scroll: number, height: number): readonly string[] {
  const top = Math.max(0, Math.min(scroll, lines.length - height));
  return lines.slice(top, top + height);
}

function metricLines(metrics: ProcessMetrics | undefined, width: number): string[] {
  if (metrics === undefined) return ['loading metrics…'];
  const rows: [string, readonly number[], (v: number) => string][] = [
    ['cpu', metrics.cpu, (v) => cpuText(v)],
    ['memory', metrics.memory, (v) => memoryText(v, metrics.memory)],
    ['connections', metrics.connections, (v) => String(Math.round(v))],
    ['egress', metrics.egress, (v) => `${formatBytes(v)}/s`],
  ];
  const out: string[] = [];
  for (const [label, values, format] of rows) {
    if (values.length === 0) {
      out.push(`${label.padEnd(12)} no samples`);
      continue;
    }
    const latestValue = values[values.length - 1] as number;
    const stats = `now ${format(latestValue)}  min ${format(Math.min(...values))}  max ${format(Math.max(...values))}`;
    const sparkWidth = Math.max(8, Math.min(60, width - 13 - 2 - displayWidth(stats)));
    out.push(`${label.padEnd(12)} ${sparkline(values, sparkWidth)}  ${stats}`);
  }
  out.push('', `${metrics.cpu.length} samples, one a minute; refreshed at most every 10s`);
  return out;
}

function paneTitle(pane: Pane, state: TopState): string {
  const id = 'processId' in pane ? sanitizeCell(pane.processId) : '';
  switch (pane.kind) {
    case 'detail':
      return `detail · ${id}`;
    case 'logs':
      return `logs · ${id} · ${pane.scroll === null ? 'following' : 'paused (End follows again)'}`;
    case 'metrics':
      return `metrics · ${id} · last 30 minutes`;
    case 'rooms':
      return `active rooms · ${id}`;
    case 'help':
      return `keys · ${Math.round(state.requestsPerMinute)} requests to the API in the last minute`;
    case 'id':
      return 'whole id of the selected process';
    case 'confirm-stop':
      return `Stop process ${id}?`;
    case 'table':
      return '';
  }
}

function paneBody(pane: Pane, state: TopState, height: number): readonly string[] {
  switch (pane.kind) {
    case 'detail':
    case 'rooms':
      if (pane.error !== null) return [`could not fetch: ${sanitizeCell(pane.error)}`];
      if (pane.lines === null) return ['loading…'];
      return scrolled(pane.lines, pane.scroll, height);
    case 'logs': {
      if (pane.lines.length === 0) return ['waiting for log lines…'];
      const top = pane.scroll ?? Math.max(0, pane.lines.length - height);
      return scrolled(pane.lines, top, height).map((line) => sanitizeCell(line));
    }
    case 'metrics':
      return metricLines(state.metrics.get(pane.processId), state.width);
    case 'help':
      return scrolled(HELP_LINES, pane.scroll, height);
    case 'id': {
      const view = state.processes.find((v) => v.processId === pane.processId);
      return ['', sanitizeCell(pane.processId), '', view === undefined ? '' : `app ${sanitizeCell(view.appId)}`, '', 'select it with the mouse to copy it; q or Esc goes back'];
    }
    case 'confirm-stop': {
      const view = state.processes.find((v) => v.processId === pane.processId);
      const lines: string[] = [];
      if (view !== undefined) lines.push(`  region ${sanitizeCell(view.region)}, status ${sanitizeCell(view.status)}, created ${ago(state.now - Date.parse(view.createdAt))}`);
      if (pane.facts === null) lines.push('  rooms: checking…', '  players: checking…');
      else {
        const { rooms, players } = pane.facts;
        lines.push(`  rooms: ${rooms.length === 0 ? 'none active' : `${rooms.length} active: ${rooms.map(sanitizeCell).join(', ')}`}`);
        lines.push(`  players: ${players === null ? 'unknown' : `${players} connected`}`);
        if (rooms.length > 0 || (players ?? 0) > 0) lines.push('  its players will be disconnected');
      }
      lines.push('', 'Press y to stop it; any other key keeps it running.');
      return lines;
    }
    case 'table':
      return [];
  }
}

/** Lays out one whole frame: exactly `state.height` lines, none wider than `state.width`. */
export function renderTopScreen(state: TopState, theme: Theme): string[] {
  const body = state.height - HEADER_ROWS - FOOTER_ROWS;
  const lines = headerLines(state);
  if (state.pane.kind === 'table') {
    lines.push(...tableLines(state, theme, tableHeight(state)));
  } else {
    const height = paneHeight(state);
    lines.push(theme.bold(fit(paneTitle(state.pane, state), state.width)));
    lines.push(...paneBody(state.pane, state, height).slice(0, height).map((line) => fit(line, state.width)));
  }
  while (lines.length < HEADER_ROWS + body) lines.push(' '.repeat(state.width));
  lines.length = HEADER_ROWS + Math.max(0, body);
  lines.push(...footerLines(state, theme));
  return lines.slice(0, state.height);
}

/** What redraws the lines that differ from the previous frame (all of them when there is none). */
export function frameUpdate(previous: readonly string[] | null, next: readonly string[]): string {
  let out = '';
  next.forEach((line, i) => {
    if (previous !== null && previous[i] === line) return;
    // Move to the row and write it. Frames are padded to the full width, so nothing is left of
    // the old line; and with wrapping off, an erase after a full-width line would take its last cell.
    out += `\u001b[${i + 1};1H${line}`;
  });
  // A whole frame also clears below its last row: what a taller terminal showed there.
  return previous === null ? `${out}\u001b[J` : out;
}

/**
 * Enters the alternate screen with the cursor hidden and line wrapping off: a frame drawn for a
 * size the terminal has just left (a resize in flight) is cut at the edge instead of wrapping and
 * scrolling the screen.
 */
export const ENTER_SCREEN = '\u001b[?1049h\u001b[?25l\u001b[?7l\u001b[H';

/**
 * Leaves the alternate screen, wrapping on and the cursor shown: the terminal shows what it showed
 * before. The alternate screen is emptied first: after a resize, tmux otherwise keeps part of the
 * last frame above the shell's screen.
 */
export const LEAVE_SCREEN = '\u001b[0m\u001b[H\u001b[J\u001b[?7h\u001b[?25h\u001b[?1049l';

// The state of `hproc top` and the one function that moves it on: update(state, event) → state.
// Pure: no clock, no network, no terminal. Everything that happens (a key, a listing, a resize,
// a second passing) arrives as an event; what the runner must do next (fetch, stream, stop, quit)
// leaves as the `effects` of the new state.
import type { Key } from '../io/keys.js';
import type { ProcessView } from '../models/normalise.js';
import { HELP_LINES } from './help.js';

/** What the table can be sorted by. */
export const SORT_KEYS = ['created', 'cpu', 'memory', 'rooms', 'region', 'status'] as const;

/** A sort column of the table. */
export type SortKey = (typeof SORT_KEYS)[number];

/** The statuses `top` shows unless told otherwise (everything that still holds capacity). */
export const ACTIVE_STATUSES: readonly string[] = ['starting', 'running', 'draining', 'stopping'];

// Lifecycle order, for sorting by status; an unknown status sorts last.
const STATUS_ORDER = ['starting', 'running', 'draining', 'stopping', 'stopped', 'failed'];

/** How long a changed row stays marked. */
export const MARK_MS = 6000;

/** How many log lines the logs pane keeps. */
export const LOG_LINES_KEPT = 2000;

/** Rows above the table (the header) and below it (the footer), and the table's own header row. */
export const HEADER_ROWS = 3;
export const FOOTER_ROWS = 2;

/** A metric series of one process: values oldest first, the last one the latest. */
export interface ProcessMetrics {
  cpu: readonly number[];
  memory: readonly number[];
  connections: readonly number[];
  egress: readonly number[];
  /** When the runner asked for them (ms), so they are asked for again no sooner than the minimum age. */
  fetchedAt: number;
}

/** A pane shown instead of the table. */
export type Pane =
  | { kind: 'table' }
  | { kind: 'detail'; processId: string; lines: readonly string[] | null; error: string | null; scroll: number }
  | { kind: 'logs'; processId: string; lines: readonly string[]; scroll: number | null }
  | { kind: 'metrics'; processId: string }
  | { kind: 'rooms'; processId: string; lines: readonly string[] | null; error: string | null; scroll: number }
  | { kind: 'help'; scroll: number }
  | { kind: 'id'; processId: string }
  | { kind: 'confirm-stop'; processId: string; facts: StopFacts | null };

/** What the stop confirmation names: the process's active rooms and its players. */
export interface StopFacts {
  rooms: readonly string[];
  /** Connected players from the latest metrics; null when unknown. */
  players: number | null;
}

/** Something the runner must do after an update. */
export type Effect =
  | { kind: 'quit' }
  | { kind: 'relist' }
  | { kind: 'redraw' }
  | { kind: 'open-detail'; processId: string }
  | { kind: 'open-logs'; processId: string }
  | { kind: 'close-logs' }
  | { kind: 'open-metrics'; processId: string }
  | { kind: 'open-rooms'; processId: string }
  | { kind: 'prepare-stop'; processId: string }
  | { kind: 'stop'; processId: string };

/** Everything that can happen to `top`. */
export type TopEvent =
  | { type: 'key'; key: Key }
  | { type: 'resize'; width: number; height: number }
  | { type: 'tick'; now: number }
  /** `partial`: only the first page, shown while the rest of the first listing is fetched. */
  | { type: 'listed'; processes: readonly ProcessView[]; now: number; partial?: boolean; incomplete?: string }
  | { type: 'list-failed'; message: string; now: number }
  | { type: 'metrics'; processId: string; metrics: ProcessMetrics }
  | { type: 'detail'; processId: string; lines: readonly string[] | null; error: string | null }
  | { type: 'rooms'; processId: string; lines: readonly string[] | null; error: string | null }
  | { type: 'logs'; processId: string; lines: readonly string[] }
  | { type: 'stop-facts'; processId: string; facts: StopFacts }
  | { type: 'stopped'; processId: string; error: string | null; now: number }
  | { type: 'rate'; perMinute: number };

/** The latest status change of a process seen while watching. */
export interface Change {
  from: string;
  to: string;
  at: number;
}

/** The whole state of the screen. */
export interface TopState {
  readonly appId: string;
  readonly intervalMs: number;
  readonly width: number;
  readonly height: number;
  readonly now: number;
  readonly processes: readonly ProcessView[];
  /** When the last listing arrived; null before the first. */
  readonly listedAt: number | null;
  /** The listing shown is only the first page of the first one; the rest is on its way. */
  readonly partial: boolean;
  /** The last refresh failed with this (the table keeps the previous answer). */
  readonly refreshError: string | null;
  /** Why the last listing holds fewer processes than the app has (paging could not go on); null when whole. */
  readonly incomplete: string | null;
  /** `+` new, `*` changed, and when. */
  readonly marks: ReadonlyMap<string, { mark: '+' | '*'; at: number }>;
  readonly changes: ReadonlyMap<string, Change>;
  readonly metrics: ReadonlyMap<string, ProcessMetrics>;
  /** The statuses asked for with --status (null: the active ones), and whether `a` widened it to all. */
  readonly statuses: readonly string[] | null;
  readonly allStatuses: boolean;
  readonly sort: SortKey;
  readonly descending: boolean;
  readonly filter: string;
  readonly editingFilter: boolean;
  /** The selected process, kept by id so the cursor stays on it as rows come and go. */
  readonly selected: string | null;
  /** Index of the first table row on screen. */
  readonly offset: number;
  readonly wholeIds: boolean;
  readonly pane: Pane;
  readonly message: string | null;
  readonly requestsPerMinute: number;
  readonly effects: readonly Effect[];
}

/** The state before anything has been fetched. */
export function initialState(options: { appId: string; intervalMs: number; statuses: readonly string[] | null; width: number; height: number; now: number }): TopState {
  return {
    appId: options.appId,
    intervalMs: options.intervalMs,
    width: options.width,
    height: options.height,
    now: options.now,
    processes: [],
    listedAt: null,
    partial: false,
    refreshError: null,
    incomplete: null,
    marks: new Map(),
    changes: new Map(),
    metrics: new Map(),
    statuses: options.statuses,
    allStatuses: false,
    sort: 'created',
    descending: true,
    filter: '',
    editingFilter: false,
    selected: null,
    offset: 0,
    wholeIds: false,
    pane: { kind: 'table' },
    message: null,
    requestsPerMinute: 0,
    effects: [],
  };
}

/** The statuses the listing asks for now (null: every status). */
export function listedStatuses(state: TopState): readonly string[] | null {
  if (state.allStatuses) return null;
  return state.statuses ?? ACTIVE_STATUSES;
}

/** How many table rows fit on the screen. */
export function tableHeight(state: TopState): number {
  return Math.max(1, state.height - HEADER_ROWS - FOOTER_ROWS - 1);
}

/** How many lines a pane has for its body. */
export function paneHeight(state: TopState): number {
  return Math.max(1, state.height - HEADER_ROWS - FOOTER_ROWS - 1);
}

function latest(series: readonly number[] | undefined): number | null {
  return series === undefined || series.length === 0 ? null : (series[series.length - 1] as number);
}

/** The latest CPU (cores) and memory of a process, when known. */
export function latestMetrics(state: TopState, processId: string): { cpu: number | null; memory: number | null; connections: number | null } {
  const m = state.metrics.get(processId);
  return { cpu: latest(m?.cpu), memory: latest(m?.memory), connections: latest(m?.connections) };
}

function matches(view: ProcessView, needle: string): boolean {
  if (needle === '') return true;
  const host = view.exposedPort?.host ?? '';
  return [view.processId, view.region, view.status, host].some((text) => text.toLowerCase().includes(needle));
}

function compare(a: ProcessView, b: ProcessView, key: SortKey, state: TopState): number {
  switch (key) {
    case 'created':
      return Date.parse(a.createdAt) - Date.parse(b.createdAt);
    case 'rooms':
      return a.roomsAllocated - b.roomsAllocated;
    case 'region':
      return a.region < b.region ? -1 : a.region > b.region ? 1 : 0;
    case 'status': {
      const rank = (s: string): number => (STATUS_ORDER.includes(s) ? STATUS_ORDER.indexOf(s) : STATUS_ORDER.length);
      return rank(a.status) - rank(b.status);
    }
    case 'cpu':
    case 'memory': {
      const value = (v: ProcessView): number => latestMetrics(state, v.processId)[key] ?? Number.NEGATIVE_INFINITY;
      return value(a) - value(b);
    }
  }
}

// Rows are derived from the listing, the filter, the sort and the metrics; the last answer is
// kept so that a key that only moves the cursor does not sort a thousand rows again.
let memo: { key: unknown[]; rows: readonly ProcessView[] } | undefined;

/** The table's rows in order: the listing, filtered and sorted (newest first on ties). */
export function tableRows(state: TopState): readonly ProcessView[] {
  const key = [state.processes, state.filter, state.sort, state.descending, state.allStatuses, state.statuses, state.sort === 'cpu' || state.sort === 'memory' ? state.metrics : null];
  if (memo !== undefined && memo.key.every((part, i) => part === key[i])) return memo.rows;
  const needle = state.filter.toLowerCase();
  const wanted = listedStatuses(state);
  const sign = state.descending ? -1 : 1;
  const rows = state.processes
    .filter((view) => (wanted === null || wanted.includes(view.status)) && matches(view, needle))
    .map((view, index) => ({ view, index }))
    .sort((a, b) => sign * compare(a.view, b.view, state.sort, state) || sign * compare(a.view, b.view, 'created', state) || a.index - b.index)
    .map((entry) => entry.view);
  memo = { key, rows };
  return rows;
}

/** Index of the selected row in the table (0 when nothing is selected or it is gone). */
export function selectedIndex(state: TopState, rows: readonly ProcessView[] = tableRows(state)): number {
  if (state.selected === null) return 0;
  const index = rows.findIndex((view) => view.processId === state.selected);
  return index < 0 ? 0 : index;
}

/** The processes on screen now: the ones whose metrics are worth fetching. */
export function visibleRows(state: TopState): readonly ProcessView[] {
  return tableRows(state).slice(state.offset, state.offset + tableHeight(state));
}

/** The shortest prefix length (at least `min`) that tells every id in the list apart. */
export function uniquePrefixLength(ids: readonly string[], min = 5): number {
  const sorted = [...ids].sort();
  let longest = 0;
  for (let i = 1; i < sorted.length; i += 1) {
    const a = sorted[i - 1] as string;
    const b = sorted[i] as string;
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common += 1;
    if (common > longest) longest = common;
  }
  const longestId = sorted.reduce((max, id) => Math.max(max, id.length), 0);
  return Math.min(longestId, Math.max(min, longest + 1));
}

function withSelection(state: TopState, index: number, rows: readonly ProcessView[] = tableRows(state)): TopState {
  if (rows.length === 0) return { ...state, selected: null, offset: 0 };
  const clamped = Math.max(0, Math.min(rows.length - 1, index));
  const height = tableHeight(state);
  let offset = state.offset;
  if (clamped < offset) offset = clamped;
  if (clamped >= offset + height) offset = clamped - height + 1;
  offset = Math.max(0, Math.min(offset, Math.max(0, rows.length - height)));
  return { ...state, selected: (rows[clamped] as ProcessView).processId, offset };
}

/** Keeps the selection on its process (or the nearest row) and on screen after the rows changed. */
function reselect(state: TopState, previousIndex: number): TopState {
  const rows = tableRows(state);
  const index = state.selected === null ? 0 : rows.findIndex((view) => view.processId === state.selected);
  return withSelection(state, index < 0 ? previousIndex : index, rows);
}

function selectedId(state: TopState): string | null {
  const rows = tableRows(state);
  return rows.length === 0 ? null : ((rows[selectedIndex(state, rows)] as ProcessView).processId);
}

function onListed(state: TopState, processes: readonly ProcessView[], now: number, partial: boolean): TopState {
  // Rows that only the rest of the first listing brings are not news.
  const first = state.listedAt === null || state.partial;
  const before = new Map(state.processes.map((view) => [view.processId, view]));
  const marks = new Map([...state.marks].filter(([, m]) => now - m.at < MARK_MS));
  const changes = new Map(state.changes);
  const present = new Set<string>();
  for (const view of processes) {
    present.add(view.processId);
    const old = before.get(view.processId);
    if (old === undefined) {
      if (!first) marks.set(view.processId, { mark: '+', at: now });
      continue;
    }
    if (old.status !== view.status) {
      changes.set(view.processId, { from: old.status, to: view.status, at: now });
      marks.set(view.processId, { mark: '*', at: now });
    } else if (old.roomsAllocated !== view.roomsAllocated) {
      marks.set(view.processId, { mark: '*', at: now });
    }
  }
  // Forget what belongs to processes no longer listed: memory stays flat over a long watch.
  for (const id of changes.keys()) if (!present.has(id)) changes.delete(id);
  for (const id of marks.keys()) if (!present.has(id)) marks.delete(id);
  const metrics = new Map([...state.metrics].filter(([id]) => present.has(id)));
  const previousIndex = selectedIndex(state);
  return reselect({ ...state, processes, listedAt: now, partial, now, refreshError: null, marks, changes, metrics }, previousIndex);
}

function moveBy(state: TopState, delta: number): TopState {
  const rows = tableRows(state);
  return withSelection(state, selectedIndex(state, rows) + delta, rows);
}

function scrollTarget(key: Key, current: number, page: number): number | undefined {
  switch (key.name) {
    case 'up':
      return current - 1;
    case 'down':
      return current + 1;
    case 'pageup':
      return current - page;
    case 'pagedown':
      return current + page;
    case 'home':
      return 0;
    case 'end':
      return Number.POSITIVE_INFINITY;
    default:
      return undefined;
  }
}

function scrollPane(pane: Pane, key: Key, page: number): Pane {
  if (pane.kind === 'logs') {
    const bottom = Math.max(0, pane.lines.length - page);
    const next = scrollTarget(key, pane.scroll ?? bottom, page);
    if (next === undefined) return pane;
    // Back at the bottom, the pane follows new lines again.
    return { ...pane, scroll: next >= bottom ? null : Math.max(0, next) };
  }
  if (pane.kind !== 'detail' && pane.kind !== 'rooms' && pane.kind !== 'help') return pane;
  const total = pane.kind === 'help' ? HELP_LINES.length : (pane.lines?.length ?? 0);
  const next = scrollTarget(key, pane.scroll, page);
  if (next === undefined) return pane;
  return { ...pane, scroll: Math.max(0, Math.min(Math.max(0, total - page), next)) };
}

function leavePane(state: TopState): TopState {
  const effects: Effect[] = state.pane.kind === 'logs' ? [{ kind: 'close-logs' }] : [];
  return { ...state, pane: { kind: 'table' }, effects };
}

function onFilterKey(state: TopState, key: Key): TopState {
  const previousIndex = selectedIndex(state);
  if (key.name === 'enter') return { ...state, editingFilter: false };
  if (key.name === 'escape') return reselect({ ...state, editingFilter: false, filter: '' }, previousIndex);
  if (key.name === 'backspace') return reselect({ ...state, filter: state.filter.slice(0, -1) }, 0);
  if (key.name === 'ctrl-u') return reselect({ ...state, filter: '' }, 0);
  if (key.name === 'char') return reselect({ ...state, filter: state.filter + key.char, offset: 0 }, 0);
  return state;
}

function onTableKey(state: TopState, key: Key): TopState {
  const page = tableHeight(state);
  const id = selectedId(state);
  const withId = (make: (processId: string) => TopState): TopState => (id === null ? state : make(id));
  switch (key.name) {
    case 'up':
      return moveBy(state, -1);
    case 'down':
      return moveBy(state, 1);
    case 'pageup':
      return moveBy(state, -page);
    case 'pagedown':
      return moveBy(state, page);
    case 'home':
      return withSelection(state, 0);
    case 'end':
      return withSelection(state, Number.MAX_SAFE_INTEGER);
    case 'enter':
      return withId((processId) => ({ ...state, pane: { kind: 'detail', processId, lines: null, error: null, scroll: 0 }, effects: [{ kind: 'open-detail', processId }] }));
    case 'escape':
      return state.filter !== '' ? reselect({ ...state, filter: '' }, selectedIndex(state)) : { ...state, effects: [{ kind: 'quit' }] };
    case 'ctrl-k':
      return withId((processId) => ({ ...state, pane: { kind: 'confirm-stop', processId, facts: null }, effects: [{ kind: 'prepare-stop', processId }] }));
    case 'char':
      break;
    default:
      return state;
  }
  switch (key.char) {
    case 'q':
      return { ...state, effects: [{ kind: 'quit' }] };
    case 'k':
      return moveBy(state, -1);
    case 'j':
      return moveBy(state, 1);
    case 'g':
      return withSelection(state, 0);
    case 'G':
      return withSelection(state, Number.MAX_SAFE_INTEGER);
    case '/':
      return { ...state, editingFilter: true };
    case 's': {
      const sort = SORT_KEYS[(SORT_KEYS.indexOf(state.sort) + 1) % SORT_KEYS.length] as SortKey;
      // Region and status read best A→Z; numbers and times biggest (newest) first.
      return reselect({ ...state, sort, descending: sort !== 'region' && sort !== 'status' }, selectedIndex(state));
    }
    case 'S':
      return reselect({ ...state, descending: !state.descending }, selectedIndex(state));
    case 'a':
      return reselect({ ...state, allStatuses: !state.allStatuses, effects: [{ kind: 'relist' }] }, selectedIndex(state));
    case 'w':
      return { ...state, wholeIds: !state.wholeIds };
    case 'i':
      return withId((processId) => ({ ...state, pane: { kind: 'id', processId } }));
    case 'l':
      return withId((processId) => ({ ...state, pane: { kind: 'logs', processId, lines: [], scroll: null }, effects: [{ kind: 'open-logs', processId }] }));
    case 'm':
      return withId((processId) => ({ ...state, pane: { kind: 'metrics', processId }, effects: [{ kind: 'open-metrics', processId }] }));
    case 'r':
      return withId((processId) => ({ ...state, pane: { kind: 'rooms', processId, lines: null, error: null, scroll: 0 }, effects: [{ kind: 'open-rooms', processId }] }));
    case '?':
      return { ...state, pane: { kind: 'help', scroll: 0 } };
    default:
      return state;
  }
}

function onKey(state: TopState, key: Key): TopState {
  // Ctrl-C leaves from anywhere: it is what a person presses when nothing else works.
  if (key.name === 'ctrl-c') return { ...state, effects: [{ kind: 'quit' }] };
  if (key.name === 'ctrl-l') return { ...state, effects: [{ kind: 'redraw' }] };
  const cleared = state.message === null ? state : { ...state, message: null };
  if (state.editingFilter) return onFilterKey(cleared, key);
  const pane = state.pane;
  if (pane.kind === 'table') return onTableKey(cleared, key);
  if (pane.kind === 'confirm-stop') {
    if (key.name === 'char' && (key.char === 'y' || key.char === 'Y')) {
      return { ...cleared, pane: { kind: 'table' }, message: `stopping ${pane.processId}…`, effects: [{ kind: 'stop', processId: pane.processId }] };
    }
    return { ...cleared, pane: { kind: 'table' }, message: `not stopped: ${pane.processId}` };
  }
  if (key.name === 'escape' || (key.name === 'char' && key.char === 'q')) return leavePane(cleared);
  // From one pane straight to another of the same process.
  if (key.name === 'char' && 'lmr'.includes(key.char) && pane.kind !== 'help' && pane.kind !== 'id') {
    const target = pane.kind === 'logs' && key.char === 'l' ? null : key.char;
    if (target !== null) {
      const left = leavePane(cleared);
      const next = onTableKey({ ...left, effects: [] }, { name: 'char', char: target });
      return { ...next, effects: [...left.effects, ...next.effects] };
    }
  }
  return { ...cleared, pane: scrollPane(pane, key, paneHeight(state)) };
}

/** Moves the state on by one event; the effects of the result are what the runner does next. */
export function update(previous: TopState, event: TopEvent): TopState {
  const state: TopState = previous.effects.length === 0 ? previous : { ...previous, effects: [] };
  switch (event.type) {
    case 'key':
      return onKey(state, event.key);
    case 'resize': {
      const index = selectedIndex(state);
      return withSelection({ ...state, width: event.width, height: event.height }, index);
    }
    case 'tick':
      return { ...state, now: event.now };
    case 'listed':
      return { ...onListed(state, event.processes, event.now, event.partial === true), incomplete: event.incomplete ?? null };
    case 'list-failed':
      return { ...state, refreshError: event.message, now: event.now };
    case 'metrics': {
      const metrics = new Map(state.metrics);
      metrics.set(event.processId, event.metrics);
      return { ...state, metrics };
    }
    case 'detail':
      if (state.pane.kind !== 'detail' || state.pane.processId !== event.processId) return state;
      return { ...state, pane: { ...state.pane, lines: event.lines, error: event.error } };
    case 'rooms':
      if (state.pane.kind !== 'rooms' || state.pane.processId !== event.processId) return state;
      return { ...state, pane: { ...state.pane, lines: event.lines, error: event.error } };
    case 'logs': {
      if (state.pane.kind !== 'logs' || state.pane.processId !== event.processId) return state;
      const all = [...state.pane.lines, ...event.lines];
      const dropped = Math.max(0, all.length - LOG_LINES_KEPT);
      const scroll = state.pane.scroll === null ? null : Math.max(0, state.pane.scroll - dropped);
      return { ...state, pane: { ...state.pane, lines: dropped > 0 ? all.slice(dropped) : all, scroll } };
    }
    case 'stop-facts':
      if (state.pane.kind !== 'confirm-stop' || state.pane.processId !== event.processId) return state;
      return { ...state, pane: { ...state.pane, facts: event.facts } };
    case 'stopped':
      return { ...state, now: event.now, message: event.error === null ? `stop sent: ${event.processId}` : `stop failed: ${event.error}`, effects: event.error === null ? [{ kind: 'relist' }] : [] };
    case 'rate':
      return { ...state, requestsPerMinute: event.perMinute };
  }
}

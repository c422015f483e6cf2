import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOG_LINES_KEPT,
  MARK_MS,
  listedStatuses,
  selectedIndex,
  tableHeight,
  tableRows,
  uniquePrefixLength,
  update,
  visibleRows,
  type ProcessMetrics,
  type TopState,
} from '../../../src/top/state.js';
import { apply, char, freshState, key, NOW, nthProcess, processView } from './fixtures.js';

const ids = (state: TopState): string[] => tableRows(state).map((v) => v.processId.slice(0, 8));
const selected = (state: TopState): string | undefined => state.selected?.slice(0, 8);
const effects = (state: TopState): string[] => state.effects.map((e) => ('processId' in e ? `${e.kind} ${e.processId.slice(0, 8)}` : e.kind));
const many = (n: number) => Array.from({ length: n }, (_, i) => nthProcess(i));
const metrics = (cpu: number, memory = 100): ProcessMetrics => ({ cpu: [cpu], memory: [memory], connections: [1], egress: [0], fetchedAt: NOW });

describe('top state: listings', () => {
  test('the first listing selects the first row and marks nothing; the next marks new (+) and changed (*) rows and records status changes', () => {
    const a = processView({ processId: 'aaaaaaaa-1', status: 'starting', createdAt: '2026-11-01T11:00:00.000Z' });
    const b = processView({ processId: 'bbbbbbbb-1', status: 'running', roomsAllocated: 1, createdAt: '2026-11-01T10:00:00.000Z' });
    const gone = processView({ processId: 'cccccccc-1', status: 'draining', createdAt: '2026-11-01T09:00:00.000Z' });
    let state = apply(freshState(), { type: 'listed', processes: [a, b, gone], now: NOW });
    assert.equal(selected(state), 'aaaaaaaa');
    assert.equal(state.marks.size, 0);
    const added = processView({ processId: 'dddddddd-1', status: 'starting', createdAt: '2026-11-01T11:30:00.000Z' });
    const aRunning = processView({ processId: 'aaaaaaaa-1', status: 'running', createdAt: '2026-11-01T11:00:00.000Z' });
    const bFuller = processView({ processId: 'bbbbbbbb-1', status: 'running', roomsAllocated: 2, createdAt: '2026-11-01T10:00:00.000Z' });
    state = apply(state, { type: 'listed', processes: [added, aRunning, bFuller], now: NOW + 2000 });
    assert.deepEqual([...state.marks].map(([id, m]) => [id.slice(0, 8), m.mark]), [['dddddddd', '+'], ['aaaaaaaa', '*'], ['bbbbbbbb', '*']]);
    assert.deepEqual(state.changes.get('aaaaaaaa-1'), { from: 'starting', to: 'running', at: NOW + 2000 });
    assert.equal(state.changes.has('bbbbbbbb-1'), false);
    // The selection stays on its process although a newer one now sorts above it.
    assert.deepEqual(ids(state), ['dddddddd', 'aaaaaaaa', 'bbbbbbbb']);
    assert.equal(selected(state), 'aaaaaaaa');
    // Marks fade: a listing MARK_MS later drops those not renewed.
    state = apply(state, { type: 'listed', processes: [added, aRunning, bFuller], now: NOW + 2000 + MARK_MS });
    assert.equal(state.marks.size, 0);
    assert.equal(state.changes.size, 1, 'the last change is kept while the process is listed');
  });

  test('the first page shown while the rest of the first listing loads: what the rest brings is not marked new', () => {
    let state = update(freshState(), { type: 'listed', processes: many(10), now: NOW, partial: true });
    assert.deepEqual([state.partial, tableRows(state).length], [true, 10]);
    state = update(state, { type: 'listed', processes: many(25), now: NOW + 300 });
    assert.deepEqual([state.partial, tableRows(state).length, state.marks.size], [false, 25, 0]);
  });

  test('a failed refresh keeps the rows and says why; the next answer clears it', () => {
    let state = apply(freshState(), { type: 'listed', processes: many(3), now: NOW }, { type: 'list-failed', message: '503', now: NOW + 4000 });
    assert.equal(state.refreshError, '503');
    assert.equal(tableRows(state).length, 3);
    assert.equal(state.listedAt, NOW);
    state = update(state, { type: 'listed', processes: many(3), now: NOW + 8000 });
    assert.equal(state.refreshError, null);
  });

  test('what a listing no longer has is forgotten: changes, marks and metrics', () => {
    const one = nthProcess(1);
    let state = apply(freshState(), { type: 'listed', processes: [one], now: NOW }, { type: 'metrics', processId: one.processId, metrics: metrics(0.5) });
    state = apply(state, { type: 'listed', processes: [nthProcess(1, { status: 'draining' })], now: NOW + 1 });
    assert.equal(state.metrics.size, 1);
    state = apply(state, { type: 'listed', processes: [nthProcess(2)], now: NOW + 2 });
    assert.deepEqual([state.metrics.size, state.changes.size, [...state.marks.keys()]], [0, 0, [nthProcess(2).processId]]);
  });

  test('the shortest unique prefix tells every id apart, at least 5 characters', () => {
    assert.equal(uniquePrefixLength(['abcdef12', 'abcdff34', 'zzzzzzzz']), 5);
    assert.equal(uniquePrefixLength(['abcdef12', 'abcdef34']), 7);
    assert.equal(uniquePrefixLength(['a1', 'a2']), 2, 'never longer than the ids');
    assert.equal(uniquePrefixLength([]), 0);
  });
});

describe('top state: moving', () => {
  const listed = (height = 12) => apply(freshState(80, height), { type: 'listed', processes: many(20), now: NOW });

  test('arrows, j/k, PgUp/PgDn, Home/End move the selection and scroll the table to keep it on screen', () => {
    let state = listed();
    const page = tableHeight(state);
    assert.equal(page, 6);
    state = apply(state, key('down'), char('j'));
    assert.equal(selectedIndex(state), 2);
    state = apply(state, key('pagedown'));
    assert.deepEqual([selectedIndex(state), state.offset], [8, 3]);
    state = apply(state, key('end'));
    assert.deepEqual([selectedIndex(state), state.offset], [19, 14]);
    assert.equal(visibleRows(state).length, 6);
    state = apply(state, key('pageup'), char('k'));
    assert.deepEqual([selectedIndex(state), state.offset], [12, 12]);
    state = apply(state, key('home'), key('up'));
    assert.deepEqual([selectedIndex(state), state.offset], [0, 0]);
    state = apply(state, char('G'));
    assert.equal(selectedIndex(state), 19);
    state = apply(state, char('g'));
    assert.equal(selectedIndex(state), 0);
  });

  test('a resize keeps the selected row on screen', () => {
    let state = apply(listed(40), key('end'));
    assert.equal(state.offset, 0);
    state = update(state, { type: 'resize', width: 80, height: 12 });
    assert.deepEqual([selectedIndex(state), state.offset, visibleRows(state).length], [19, 14, 6]);
  });

  test('when the selected process leaves the listing, the selection stays at its place', () => {
    let state = apply(listed(40), key('down'), key('down'));
    const without = many(20).filter((_, i) => i !== 2);
    state = update(state, { type: 'listed', processes: without, now: NOW + 2000 });
    assert.equal(selectedIndex(state), 2);
    assert.equal(state.selected, without[2]?.processId);
  });
});

describe('top state: filter, sort, scope', () => {
  const listed = () => apply(freshState(80, 40), { type: 'listed', processes: many(12), now: NOW });

  test('/ edits a filter matched against id, region, status and host; Enter keeps it, Esc clears it', () => {
    let state = apply(listed(), char('/'), char('T'), char('o'), char('k'));
    assert.equal(state.editingFilter, true);
    assert.deepEqual(tableRows(state).map((v) => v.region), ['Tokyo', 'Tokyo']);
    state = apply(state, key('backspace'), key('backspace'), key('backspace'), char('d'), char('r'), char('a'), char('i'));
    assert.deepEqual([...new Set(tableRows(state).map((v) => v.status))], ['draining']);
    state = apply(state, key('enter'));
    assert.equal(state.editingFilter, false);
    // While not editing, letters are keys again: q quits rather than filtering.
    assert.deepEqual(effects(update(state, char('q'))), ['quit']);
    state = apply(state, char('/'), key('ctrl-u'), ...'0000'.split('').map(char));
    assert.ok(tableRows(state).every((v) => v.processId.includes('0000')));
    state = apply(state, key('escape'));
    assert.deepEqual([state.filter, state.editingFilter, tableRows(state).length], ['', false, 12]);
    const host = apply(listed(), char('/'), ...'proxy.hathora'.split('').map(char));
    assert.equal(tableRows(host).length, 12, 'every fixture has a host on proxy.hathora.dev');
  });

  test('Esc in the table clears a kept filter before it quits', () => {
    let state = apply(listed(), char('/'), char('L'), key('enter'), key('escape'));
    assert.deepEqual([state.filter, effects(state)], ['', []]);
    state = update(state, key('escape'));
    assert.deepEqual(effects(state), ['quit']);
  });

  test('s cycles created → cpu → memory → rooms → region → status; S reverses', () => {
    let state = listed();
    const order: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      state = update(state, char('s'));
      order.push(`${state.sort} ${state.descending ? 'desc' : 'asc'}`);
    }
    assert.deepEqual(order, ['cpu desc', 'memory desc', 'rooms desc', 'region asc', 'status asc', 'created desc']);
    state = update(state, char('S'));
    assert.equal(tableRows(state)[0]?.processId, many(12)[11]?.processId, 'oldest first');
  });

  test('sorting by CPU puts the busiest first and processes without metrics last', () => {
    const [p0, p1, p2] = many(3) as [ReturnType<typeof nthProcess>, ReturnType<typeof nthProcess>, ReturnType<typeof nthProcess>];
    const state = apply(
      freshState(),
      { type: 'listed', processes: [p0, p1, p2], now: NOW },
      { type: 'metrics', processId: p0.processId, metrics: metrics(0.2) },
      { type: 'metrics', processId: p2.processId, metrics: metrics(0.9) },
      char('s'),
    );
    assert.deepEqual(tableRows(state).map((v) => v.processId), [p2.processId, p0.processId, p1.processId]);
  });

  test('a toggles between the active statuses and all, and asks for a listing at once', () => {
    const stopped = nthProcess(3, { status: 'stopped', terminatedAt: '2026-11-01T11:59:00.000Z' });
    let state = apply(freshState(), { type: 'listed', processes: [nthProcess(1), stopped], now: NOW });
    assert.deepEqual(listedStatuses(state), ['starting', 'running', 'draining', 'stopping']);
    assert.equal(tableRows(state).length, 1, 'a stopped process left over from another scope is not shown');
    state = update(state, char('a'));
    assert.deepEqual([listedStatuses(state), effects(state), tableRows(state).length], [null, ['relist'], 2]);
    assert.deepEqual(listedStatuses(update(freshState(80, 24, ['failed']), char('x'))), ['failed'], '--status is the narrow scope');
  });
});

describe('top state: panes', () => {
  const listed = () => apply(freshState(80, 12), { type: 'listed', processes: many(5), now: NOW });
  const first = many(5)[0]?.processId as string;

  test('Enter opens the detail pane of the selected process; its lines arrive later and scroll within bounds; q goes back', () => {
    let state = update(listed(), key('enter'));
    assert.deepEqual(state.pane, { kind: 'detail', processId: first, lines: null, error: null, scroll: 0 });
    assert.deepEqual(effects(state), [`open-detail ${first.slice(0, 8)}`]);
    state = apply(state, { type: 'detail', processId: 'someone-else', lines: ['x'], error: null });
    assert.equal(state.pane.kind === 'detail' && state.pane.lines, null, 'an answer for another process is dropped');
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i}`);
    state = apply(state, { type: 'detail', processId: first, lines, error: null }, key('pagedown'), key('pagedown'), key('pagedown'));
    assert.equal(state.pane.kind === 'detail' && state.pane.scroll, 14, 'no further than the last screenful');
    state = apply(state, key('up'), key('home'));
    assert.equal(state.pane.kind === 'detail' && state.pane.scroll, 0);
    state = update(state, char('q'));
    assert.deepEqual([state.pane.kind, effects(state)], ['table', []]);
  });

  test('the logs pane follows new lines, pauses when scrolled up, follows again at End, and keeps a bounded tail', () => {
    let state = update(listed(), char('l'));
    assert.deepEqual(effects(state), [`open-logs ${first.slice(0, 8)}`]);
    state = update(state, { type: 'logs', processId: first, lines: Array.from({ length: 30 }, (_, i) => `log ${i}`) });
    assert.equal(state.pane.kind === 'logs' && state.pane.scroll, null);
    state = update(state, key('up'));
    assert.equal(state.pane.kind === 'logs' && state.pane.scroll, 23, 'one line above the bottom screenful');
    const back = update(state, key('down'));
    assert.equal(back.pane.kind === 'logs' && back.pane.scroll, null, 'back at the bottom it follows');
    state = update(state, key('up'));
    assert.equal(state.pane.kind === 'logs' && state.pane.scroll, 22);
    state = update(state, key('end'));
    assert.equal(state.pane.kind === 'logs' && state.pane.scroll, null);
    state = update(state, { type: 'logs', processId: first, lines: Array.from({ length: LOG_LINES_KEPT }, (_, i) => `more ${i}`) });
    assert.equal(state.pane.kind === 'logs' && state.pane.lines.length, LOG_LINES_KEPT);
    assert.equal(state.pane.kind === 'logs' && state.pane.lines[0], 'more 0');
    state = update(state, key('escape'));
    assert.deepEqual([state.pane.kind, effects(state)], ['table', ['close-logs']]);
  });

  test('from one pane straight to another of the same process: the log stream is closed on the way', () => {
    const state = apply(listed(), char('l'), char('m'));
    assert.deepEqual([state.pane.kind, effects(state)], ['metrics', ['close-logs', `open-metrics ${first.slice(0, 8)}`]]);
    assert.deepEqual(effects(update(state, char('r'))), [`open-rooms ${first.slice(0, 8)}`]);
  });

  test('Ctrl-K asks first, naming rooms and players once known; only y sends the stop', () => {
    let state = update(listed(), key('ctrl-k'));
    assert.deepEqual([state.pane, effects(state)], [{ kind: 'confirm-stop', processId: first, facts: null }, [`prepare-stop ${first.slice(0, 8)}`]]);
    state = update(state, { type: 'stop-facts', processId: first, facts: { rooms: ['room-1'], players: 3 } });
    assert.deepEqual(state.pane.kind === 'confirm-stop' && state.pane.facts, { rooms: ['room-1'], players: 3 });
    const kept = update(state, char('n'));
    assert.deepEqual([kept.pane.kind, effects(kept), kept.message], ['table', [], `not stopped: ${first}`]);
    const enter = update(state, key('enter'));
    assert.deepEqual(effects(enter), [], 'Enter is not a yes');
    const yes = update(state, char('y'));
    assert.deepEqual([yes.pane.kind, effects(yes), yes.message], ['table', [`stop ${first.slice(0, 8)}`], `stopping ${first}…`]);
    const done = update(yes, { type: 'stopped', processId: first, error: null, now: NOW });
    assert.deepEqual([done.message, effects(done)], [`stop sent: ${first}`, ['relist']]);
    assert.equal(update(yes, { type: 'stopped', processId: first, error: '503', now: NOW }).message, 'stop failed: 503');
  });

  test('i shows the whole id, ? the help; q, Esc leave them; Ctrl-C quits from anywhere', () => {
    let state = update(listed(), char('i'));
    assert.deepEqual(state.pane, { kind: 'id', processId: first });
    assert.equal(update(state, key('escape')).pane.kind, 'table');
    state = update(listed(), char('?'));
    assert.equal(state.pane.kind, 'help');
    assert.deepEqual(effects(update(state, key('ctrl-c'))), ['quit']);
    assert.deepEqual(effects(update(apply(listed(), char('/')), key('ctrl-c'))), ['quit']);
    assert.deepEqual(effects(update(apply(listed(), key('ctrl-k')), key('ctrl-c'))), ['quit'], 'Ctrl-C in the confirmation quits without stopping');
  });

  test('keys that need a row do nothing in an empty table', () => {
    const state = freshState();
    for (const event of [key('enter'), char('l'), char('m'), char('r'), char('i'), key('ctrl-k')]) {
      const next = update(state, event);
      assert.deepEqual([next.pane.kind, next.effects.length], ['table', 0]);
    }
  });
});

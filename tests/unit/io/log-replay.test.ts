import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LinePiece } from '../../../src/io/line-splitter.js';
import { ReplayFilter } from '../../../src/io/log-replay.js';

function line(text: string): LinePiece {
  return { bytes: Buffer.from(`${text}\n`), endsLine: true, startsLine: true };
}

function texts(pieces: readonly LinePiece[]): string[] {
  return pieces.map((p) => p.bytes.toString().replace(/\n$/, ''));
}

/** Prints `first`, reconnects, then feeds `second` and settles; returns what was let through after the reconnect. */
function afterReconnect(first: string[], second: string[], historyLines?: number): string[] {
  const filter = new ReplayFilter(historyLines);
  for (const t of first) assert.deepEqual(texts(filter.push(line(t))), [t]);
  const out = [...filter.reconnected()];
  for (const t of second) out.push(...filter.push(line(t)));
  out.push(...filter.settle());
  return texts(out);
}

describe('ReplayFilter', () => {
  test('drops the lines a reconnected stream repeats and keeps the new ones', () => {
    assert.deepEqual(afterReconnect(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'e', 'f']), ['e', 'f']);
  });

  test('a reconnect that brings nothing new prints nothing', () => {
    assert.deepEqual(afterReconnect(['a', 'b', 'c'], ['a', 'b', 'c']), []);
  });

  test('without any overlap (lines were lost) everything is printed', () => {
    assert.deepEqual(afterReconnect(['a', 'b', 'c'], ['x', 'y']), ['x', 'y']);
  });

  test('a stream starting mid-history but diverging is printed whole', () => {
    assert.deepEqual(afterReconnect(['a', 'b', 'c'], ['b', 'x', 'c']), ['b', 'x', 'c']);
  });

  test('identical lines: the longest overlap wins', () => {
    assert.deepEqual(afterReconnect(['A', 'A', 'A'], ['A', 'A', 'A', 'A']), ['A']);
  });

  test('only the most recent lines are remembered', () => {
    // History of 2: only c, d are known, so the repeated b cannot be recognised.
    assert.deepEqual(afterReconnect(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'e'], 2), ['b', 'c', 'd', 'e']);
    assert.deepEqual(afterReconnect(['a', 'b', 'c', 'd'], ['c', 'd', 'e'], 2), ['e']);
  });

  test('holds candidate repeats until they are decided, then lets new lines through at once', () => {
    const filter = new ReplayFilter();
    for (const t of ['a', 'b', 'c']) filter.push(line(t));
    filter.reconnected();
    assert.deepEqual(texts(filter.push(line('b'))), []);
    assert.deepEqual(texts(filter.push(line('c'))), []);
    assert.deepEqual(texts(filter.push(line('d'))), ['d']);
    assert.deepEqual(texts(filter.settle()), []);
  });

  test('a piece of a long line ends matching and passes through', () => {
    const filter = new ReplayFilter();
    for (const t of ['a', 'b']) filter.push(line(t));
    filter.reconnected();
    assert.deepEqual(texts(filter.push(line('b'))), []);
    const partial: LinePiece = { bytes: Buffer.from('long'), endsLine: false, startsLine: true };
    assert.deepEqual(
      filter.push(partial).map((p) => p.bytes.toString()),
      ['long'],
    );
  });

  test('before anything was printed a reconnect filters nothing', () => {
    assert.deepEqual(afterReconnect([], ['a', 'b']), ['a', 'b']);
  });
});

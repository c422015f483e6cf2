import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newestFirst } from '../../../src/models/order.js';

const at = (item: { id: string; createdAt: string }): number => Date.parse(item.createdAt);

test('newest first by creation time, equal and unparsable times in their given order', () => {
  const items = [
    { id: 'a', createdAt: '2026-11-01T10:00:00.000Z' },
    { id: 'b', createdAt: '2026-11-01T12:00:00.000Z' },
    { id: 'c', createdAt: '2026-11-01T10:00:00.000Z' },
    { id: 'd', createdAt: '2026-11-01T11:00:00.000Z' },
    { id: 'e', createdAt: '2026-11-01T12:00:00.000Z' },
  ];
  assert.deepEqual(newestFirst(items, at).map((i) => i.id), ['b', 'e', 'd', 'a', 'c']);
  assert.deepEqual(items.map((i) => i.id), ['a', 'b', 'c', 'd', 'e'], 'the input is not sorted in place');
  const garbled = [{ id: 'x', createdAt: 'soon' }, { id: 'y', createdAt: 'later' }];
  assert.deepEqual(newestFirst(garbled, at).map((i) => i.id), ['x', 'y']);
  assert.deepEqual(newestFirst([], at), []);
});

test('the key is read once per item', () => {
  let reads = 0;
  newestFirst([3, 1, 2, 5, 4], (n) => { reads += 1; return n; });
  assert.equal(reads, 5);
});

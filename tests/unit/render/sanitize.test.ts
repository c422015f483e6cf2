import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeJsonForTerminal, sanitizeBlock, sanitizeCell } from '../../../src/sanitize.js';

test('escape sequences become visible text', () => {
  assert.equal(sanitizeCell('\u001b[2J\u001b[1;1Hfake'), '\\x1b[2J\\x1b[1;1Hfake');
  assert.equal(sanitizeCell('\u001b]0;title\u0007'), '\\x1b]0;title\\x07');
  assert.equal(sanitizeCell('a\u009bb'), 'a\\u009bb');
  assert.equal(sanitizeCell('del\u007f'), 'del\\x7f');
  assert.equal(sanitizeCell('rtl\u202eevil'), 'rtl\\u202eevil');
  assert.equal(sanitizeCell('nul\u0000'), 'nul\\x00');
});

test('a cell keeps one record on one line; a block keeps newlines and tabs', () => {
  assert.equal(sanitizeCell('safe\rEVIL\nrow\tx'), 'safe\\rEVIL\\nrow\\tx');
  assert.equal(sanitizeBlock('line 1\nline\t2\r'), 'line 1\nline\t2\\r');
});

test('lone surrogates become the replacement character; pairs survive', () => {
  assert.equal(sanitizeCell('a\ud800b'), 'a\ufffdb');
  assert.equal(sanitizeCell('😀'), '😀');
  assert.equal(sanitizeCell('日本'), '日本');
});

const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

test('property: no control or bidi character survives, and sanitising is stable', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const cell = sanitizeCell(s);
      assert.ok(!FORBIDDEN.test(cell) && !/[\n\r\t]/.test(cell));
      assert.equal(sanitizeCell(cell), cell);
      const block = sanitizeBlock(s);
      assert.ok(!FORBIDDEN.test(block));
      assert.equal(sanitizeBlock(block), block);
    }),
    { numRuns: 500 },
  );
});

test('property: JSON escaped for a terminal is the same value with no raw C1 or bidi', () => {
  fc.assert(
    fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
      const text = escapeJsonForTerminal(JSON.stringify(value));
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      assert.ok(!/[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/.test(text));
    }),
    { numRuns: 300 },
  );
});

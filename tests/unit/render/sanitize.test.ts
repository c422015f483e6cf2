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

test('invisible and format characters (Unicode Cf and the tag block) become visible escapes', () => {
  assert.equal(sanitizeCell('a\u200bb\u200cc\u200dd\u2060e\ufeff'), 'a\\u200bb\\u200cc\\u200dd\\u2060e\\ufeff');
  assert.equal(sanitizeCell('soft\u00adhyphen\u180e'), 'soft\\u00adhyphen\\u180e');
  assert.equal(sanitizeCell('tag\u{e0041}\u{e007f}\u{e0000}'), 'tag\\u{e0041}\\u{e007f}\\u{e0000}');
  assert.equal(sanitizeCell('hangul\u3164filler'), 'hangul\\u3164filler');
  assert.equal(sanitizeBlock('line\u200b\n'), 'line\\u200b\n');
  // Two ids that differ only by an invisible character no longer look the same.
  assert.notEqual(sanitizeCell('proc-1\u200b'), sanitizeCell('proc-1'));
  // Emoji keep their variation selectors.
  assert.equal(sanitizeCell('\u2764\ufe0f'), '\u2764\ufe0f');
});

test('JSON for a terminal escapes invisible characters, astral ones as a surrogate pair', () => {
  assert.equal(escapeJsonForTerminal('"a\u200b\u{e0041}\u00ad"'), '"a\\u200b\\udb40\\udc41\\u00ad"');
  assert.equal(JSON.parse(escapeJsonForTerminal('"a\u200b\u{e0041}"')), 'a\u200b\u{e0041}');
});

const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\u{e0000}-\u{e007f}]/u;
// Strings that lean on the classes a terminal acts on or hides, mixed with ordinary text.
const hostileChar = fc.oneof(
  fc.constantFrom('\u001b', '\u009b', '\u202e', '\u200b', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', '\r', '\n', '\u0000'),
  fc.integer({ min: 0xe0000, max: 0xe007f }).map((code) => String.fromCodePoint(code)),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const hostileString = fc.array(hostileChar, { maxLength: 20 }).map((parts) => parts.join(''));

test('property: no control or bidi character survives, and sanitising is stable', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary' }), hostileString), (s) => {
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
    fc.property(fc.oneof(fc.jsonValue({ stringUnit: 'binary' }), fc.array(hostileString)), (value) => {
      const text = escapeJsonForTerminal(JSON.stringify(value));
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
      assert.ok(!/[\u007f-\u009f\u2028\u2029\p{Cf}\u{e0000}-\u{e007f}]/u.test(text));
    }),
    { numRuns: 300 },
  );
});

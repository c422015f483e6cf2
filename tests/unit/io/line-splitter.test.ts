import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineSplitter, type LinePiece } from '../../../src/io/line-splitter.js';

function feed(splitter: LineSplitter, chunks: string[]): { text: string; endsLine: boolean; startsLine: boolean }[] {
  const pieces: LinePiece[] = [];
  for (const chunk of chunks) pieces.push(...splitter.push(Buffer.from(chunk)));
  pieces.push(...splitter.flush());
  return pieces.map((p) => ({ text: p.bytes.toString('utf8'), endsLine: p.endsLine, startsLine: p.startsLine }));
}

describe('LineSplitter', () => {
  test('joins lines split across chunks and returns each once complete', () => {
    assert.deepEqual(feed(new LineSplitter(), ['one\ntw', 'o\nthr', 'ee', '\n']), [
      { text: 'one\n', endsLine: true, startsLine: true },
      { text: 'two\n', endsLine: true, startsLine: true },
      { text: 'three\n', endsLine: true, startsLine: true },
    ]);
  });

  test('holds a partial line until its newline, and flush returns a last line without one', () => {
    const splitter = new LineSplitter();
    assert.deepEqual(splitter.push(Buffer.from('partial')), []);
    assert.equal(splitter.midLine, true);
    assert.deepEqual(
      splitter.flush().map((p) => p.bytes.toString()),
      ['partial'],
    );
    assert.equal(splitter.midLine, false);
  });

  test('passes a line longer than the cap on in pieces instead of holding it', () => {
    const splitter = new LineSplitter(8);
    const first = splitter.push(Buffer.from('abcdefghijklmnopqrst'));
    assert.deepEqual(
      first.map((p) => [p.bytes.toString(), p.startsLine, p.endsLine]),
      [
        ['abcdefgh', true, false],
        ['ijklmnop', false, false],
      ],
    );
    assert.equal(splitter.midLine, true);
    const rest = splitter.push(Buffer.from('u\nnext\n'));
    assert.deepEqual(
      rest.map((p) => [p.bytes.toString(), p.startsLine, p.endsLine]),
      [
        ['qrstu\n', false, true],
        ['next\n', true, true],
      ],
    );
  });

  test('a 1 MiB line without a newline never makes a piece larger than the cap', () => {
    const splitter = new LineSplitter(64 * 1024);
    let total = 0;
    for (let i = 0; i < 16; i += 1) {
      for (const piece of splitter.push(Buffer.alloc(64 * 1024, 0x61))) {
        assert.ok(piece.bytes.length <= 64 * 1024);
        total += piece.bytes.length;
      }
    }
    for (const piece of splitter.flush()) total += piece.bytes.length;
    assert.equal(total, 1024 * 1024);
  });

  test('never cuts a UTF-8 character in two', () => {
    // 'é' is two bytes: a cut at 5 bytes would split the third one.
    const pieces = feed(new LineSplitter(5), ['éééééé', '\n']);
    assert.deepEqual(
      pieces.map((p) => p.text),
      ['éé', 'éé', 'éé\n'],
    );
    // A whole line that arrived in one chunk is already in memory: it stays one piece.
    assert.deepEqual(feed(new LineSplitter(5), ['éééééé\n']).map((p) => p.text), ['éééééé\n']);
    for (const p of pieces) assert.ok(!p.text.includes('\ufffd'));
  });

  test('reset forgets a partial line', () => {
    const splitter = new LineSplitter();
    splitter.push(Buffer.from('cut off'));
    splitter.reset();
    assert.deepEqual(feed(splitter, ['fresh\n']).map((p) => p.text), ['fresh\n']);
  });

  test('property: pieces put back together are the input, and only the last may lack a newline', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 20 }), fc.integer({ min: 4, max: 32 }), (chunks, cap) => {
        const splitter = new LineSplitter(cap);
        const pieces: LinePiece[] = [];
        for (const chunk of chunks) pieces.push(...splitter.push(Buffer.from(chunk)));
        pieces.push(...splitter.flush());
        assert.deepEqual(Buffer.concat(pieces.map((p) => p.bytes)), Buffer.concat(chunks.map((c) => Buffer.from(c))));
        for (const piece of pieces) {
          assert.ok(piece.bytes.length > 0);
          assert.equal(piece.endsLine, piece.bytes[piece.bytes.length - 1] === 0x0a);
          // A newline only ever ends a piece.
          assert.ok(!piece.bytes.subarray(0, -1).includes(0x0a));
          if (!piece.endsLine && piece !== pieces.at(-1)) assert.ok(piece.bytes.length <= cap && piece.bytes.length >= cap - 3);
        }
      }),
    );
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LinePiece } from '../../../src/io/line-splitter.js';
import fc from 'fast-check';
import { LineSplitter } from '../../../src/io/line-splitter.js';
import { formatLocalTimestamp, formatLogPiece, formatLogPieces } from '../../../src/render/log-lines.js';

const piece = (text: string | Buffer, endsLine = true, startsLine = true): LinePiece => ({
  bytes: Buffer.isBuffer(text) ? text : Buffer.from(text),
  endsLine,
  startsLine,
});
const at = new Date(2026, 10, 1, 13, 4, 5, 67);
const clock = (): Date => at;

describe('formatLogPiece', () => {
  const hostile = 'ok \u001b[31mred\u001b[0m \u001b]0;title\u0007 bell\u0008 \u009b2J \u202eevil\ttab\n';

  test('sanitises by default: escapes become visible, tab and the newline stay', () => {
    assert.equal(
      formatLogPiece(piece(hostile), { raw: false, timestamps: false }, clock),
      'ok \\x1b[31mred\\x1b[0m \\x1b]0;title\\x07 bell\\x08 \\u009b2J \\u202eevil\ttab\n',
    );
  });

  test('--raw passes the bytes through untouched, invalid UTF-8 included', () => {
    const bytes = Buffer.concat([Buffer.from(hostile.slice(0, -1)), Buffer.from([0xff, 0xfe, 0x0a])]);
    const out = formatLogPiece(piece(bytes), { raw: true, timestamps: false }, clock);
    assert.ok(Buffer.isBuffer(out));
    assert.deepEqual(out, bytes);
  });

  test('invalid UTF-8 is shown as U+FFFD when sanitising', () => {
    assert.equal(formatLogPiece(piece(Buffer.from([0x61, 0xff, 0x0a])), { raw: false, timestamps: false }, clock), 'a\ufffd\n');
  });

  test('a CRLF line ending is a line ending; a lone CR is flagged', () => {
    assert.equal(formatLogPiece(piece('windows\r\n'), { raw: false, timestamps: false }, clock), 'windows\n');
    assert.equal(formatLogPiece(piece('over\rwrite\n'), { raw: false, timestamps: false }, clock), 'over\\rwrite\n');
  });

  test('timestamps prefix the start of a line only, in both modes', () => {
    const stamp = formatLocalTimestamp(at);
    assert.equal(formatLogPiece(piece('first part', false, true), { raw: false, timestamps: true }, clock), `${stamp} first part`);
    assert.equal(formatLogPiece(piece(' rest\n', true, false), { raw: false, timestamps: true }, clock), ' rest\n');
    assert.deepEqual(formatLogPiece(piece('raw\n'), { raw: true, timestamps: true }, clock), Buffer.from(`${stamp} raw\n`));
  });
});

describe('formatLocalTimestamp', () => {
  test('local time with milliseconds and the UTC offset', () => {
    const offset = -at.getTimezoneOffset();
    const sign = offset >= 0 ? '+' : '-';
    const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
    const mm = String(Math.abs(offset) % 60).padStart(2, '0');
    assert.equal(formatLocalTimestamp(at), `2026-11-01T13:04:05.067${sign}${hh}:${mm}`);
  });
});

describe('formatLogPieces', () => {
  test('property: one batch gives what the pieces give one by one, in every mode', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 30 }), { maxLength: 8 }), fc.boolean(), fc.boolean(), (chunks, raw, timestamps) => {
        // The cap is large enough that no piece ends between a CR and its LF.
        const splitter = new LineSplitter(64);
        for (const chunk of chunks) {
          const pieces = splitter.push(Buffer.from(chunk));
          const style = { raw, timestamps };
          const one = pieces.map((p) => formatLogPiece(p, style, clock));
          const batch = formatLogPieces(pieces, style, clock);
          if (raw) assert.deepEqual(batch, Buffer.concat(one as Buffer[]));
          else assert.equal(batch, (one as string[]).join(''));
        }
      }),
    );
  });
});

// How log lines are shown: sanitised by default (a log line is server text like any other, and a
// game server's log can be written by its players), bytes untouched with --raw, and optionally
// prefixed with the time hproc received them.
import type { LinePiece } from '../io/line-splitter.js';
import { sanitizeBlock } from './sanitize.js';

/** How to print log pieces. */
export interface LogStyle {
  /** Pass the bytes through unchanged (escape sequences included). */
  raw: boolean;
  /** Prefix each line with the local time it was received. */
  timestamps: boolean;
}

/** What to write for one piece: text (sanitised) or bytes (raw). */
export type LogOutput = string | Buffer;

const decoder = new TextDecoder('utf-8');

/** Formats one piece of a log for stdout; `receivedAt` is only read when timestamps are on. */
export function formatLogPiece(piece: LinePiece, style: LogStyle, receivedAt: () => Date): LogOutput {
  const prefix = style.timestamps && piece.startsLine ? `${formatLocalTimestamp(receivedAt())} ` : '';
  if (style.raw) return prefix === '' ? piece.bytes : Buffer.concat([Buffer.from(prefix), piece.bytes]);
  let text = decoder.decode(piece.bytes);
  // A CRLF line ending is a line ending, not a carriage return worth flagging on every line.
  if (piece.endsLine && text.endsWith('\r\n')) text = `${text.slice(0, -2)}\n`;
  return prefix + sanitizeBlock(text);
}

/**
 * Formats the pieces of one chunk as one output, so a log of many short lines is written in few
 * large writes; the result is the same as formatting each piece and joining them.
 */
export function formatLogPieces(pieces: readonly LinePiece[], style: LogStyle, receivedAt: () => Date): LogOutput {
  if (style.timestamps) {
    const outputs = pieces.map((piece) => formatLogPiece(piece, style, receivedAt));
    return style.raw ? Buffer.concat(outputs as Buffer[]) : (outputs as string[]).join('');
  }
  const bytes = pieces.length === 1 ? (pieces[0] as LinePiece).bytes : Buffer.concat(pieces.map((piece) => piece.bytes));
  if (style.raw) return bytes;
  // Pieces never split a UTF-8 character, and a newline only ever ends a piece, so the batch
  // decodes and sanitises exactly as its pieces one by one would.
  return sanitizeBlock(decoder.decode(bytes).replace(/\r\n/g, '\n'));
}

/** A local time with its UTC offset and milliseconds, e.g. `2026-11-01T13:00:00.250+01:00`. */
export function formatLocalTimestamp(at: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T` +
    `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}.${pad(at.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

// After a reconnect, the logs API can only send the last N lines again (it has no cursor), so the
// new stream starts with lines already printed. This filter remembers the last lines it let through
// and, on a reconnect, drops the longest run at the start of the new stream that repeats them.
// It cannot see lines lost while disconnected, and identical lines can fool it, so the user still
// gets the "missing or repeated" marker.
import { createHash } from 'node:crypto';
import type { LinePiece } from './line-splitter.js';

/** How many recent lines are remembered; a reconnect should ask for at most this many. */
export const REPLAY_HISTORY_LINES = 200;

function keyOf(bytes: Buffer): string {
  return bytes.length <= 256 ? bytes.toString('latin1') : createHash('sha1').update(bytes).digest('base64');
}

/** Drops the lines a reconnected stream repeats; pieces go in, pieces to print come out. */
export class ReplayFilter {
  private history: string[] = [];
  private matching = false;
  /** Start positions in history that the held lines still match. */
  private candidates: number[] = [];
  private held: LinePiece[] = [];
  private bestOverlap = 0;

  constructor(private readonly historyLines: number = REPLAY_HISTORY_LINES) {}

  /** Call when a new stream starts after a drop: its first lines are compared with the history. */
  reconnected(): LinePiece[] {
    const released = this.settle();
    if (this.history.length > 0) {
      this.matching = true;
      this.candidates = this.history.map((_, i) => i);
      this.bestOverlap = 0;
    }
    return released;
  }

  /** Takes one piece and returns the pieces to print now. */
  push(piece: LinePiece): LinePiece[] {
    if (!this.matching) return this.pass([piece]);
    if (!piece.endsLine || !piece.startsLine) return [...this.settle(), ...this.pass([piece])];
    const t = this.held.length;
    const key = keyOf(piece.bytes);
    this.held.push(piece);
    const last = this.history.length - 1;
    const alive: number[] = [];
    for (const start of this.candidates) {
      if (this.history[start + t] !== key) continue;
      // This start matched every held line up to the end of the history: an overlap of t + 1 lines.
      if (start + t === last) this.bestOverlap = Math.max(this.bestOverlap, t + 1);
      else alive.push(start);
    }
    this.candidates = alive;
    return alive.length === 0 ? this.settle() : [];
  }

  /** Ends matching (stream ended or went quiet): drops the repeated lines, returns the rest. */
  settle(): LinePiece[] {
    if (!this.matching) return [];
    const fresh = this.held.slice(this.bestOverlap);
    this.matching = false;
    this.candidates = [];
    this.held = [];
    this.bestOverlap = 0;
    return this.pass(fresh);
  }

  private pass(pieces: LinePiece[]): LinePiece[] {
    for (const piece of pieces) {
      // Only whole lines are remembered; a piece of a long line breaks the chain.
      if (piece.endsLine && piece.startsLine) this.history.push(keyOf(piece.bytes));
      else if (piece.endsLine) this.history = [];
    }
    if (this.history.length > this.historyLines) this.history.splice(0, this.history.length - this.historyLines);
    return pieces;
  }
}

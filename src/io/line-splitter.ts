// Splits a byte stream into lines across chunk boundaries with bounded memory: a line longer than
// the cap is handed on in pieces as it arrives instead of being held until its newline (Hathora's
// own CLI stops at a 64 KiB line; hproc must neither stop nor grow without bound).

/** Part of a log: a whole line, or a piece of one too long to hold. */
export interface LinePiece {
  /** The bytes, including the newline when `endsLine` is true. */
  bytes: Buffer;
  /** The piece ends with a newline. */
  endsLine: boolean;
  /** The piece begins a line (false for the continuation of a long line). */
  startsLine: boolean;
}

/** The longest piece of a line held before it is passed on without its newline. */
export const DEFAULT_MAX_PIECE_BYTES = 64 * 1024;

const NEWLINE = 0x0a;

/** Splits chunks into lines; `push` returns what became complete, `flush` the rest. */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private atLineStart = true;

  constructor(private readonly maxPieceBytes: number = DEFAULT_MAX_PIECE_BYTES) {
    if (!(maxPieceBytes >= 4)) throw new RangeError('maxPieceBytes must be at least 4');
  }

  /** True while part of a line has been received (or handed on) without its newline. */
  get midLine(): boolean {
    return this.pendingBytes > 0 || !this.atLineStart;
  }

  /** Takes one chunk and returns the complete lines (and over-long pieces) it finishes. */
  push(chunk: Buffer): LinePiece[] {
    const out: LinePiece[] = [];
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline + 1;
      this.pending.push(chunk.subarray(start, end));
      this.pendingBytes += end - start;
      if (newline !== -1) {
        out.push(this.take(this.pendingBytes, true));
      } else {
        while (this.pendingBytes > this.maxPieceBytes) out.push(this.take(cutPoint(this.joined(), this.maxPieceBytes), false));
      }
      start = end;
    }
    return out;
  }

  /** Returns whatever is left (a last line without a newline), if anything; the next push starts a new line. */
  flush(): LinePiece[] {
    const rest = this.pendingBytes === 0 ? [] : [this.take(this.pendingBytes, false)];
    this.atLineStart = true;
    return rest;
  }

  /** Forgets a partial line without returning it (after a dropped connection, the rest never comes). */
  reset(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.atLineStart = true;
  }

  private joined(): Buffer {
    if (this.pending.length !== 1) this.pending = [Buffer.concat(this.pending, this.pendingBytes)];
    return this.pending[0] as Buffer;
  }

  private take(length: number, endsLine: boolean): LinePiece {
    const all = this.joined();
    const piece: LinePiece = { bytes: all.subarray(0, length), endsLine, startsLine: this.atLineStart };
    const rest = all.subarray(length);
    this.pending = rest.length > 0 ? [rest] : [];
    this.pendingBytes = rest.length;
    this.atLineStart = endsLine;
    return piece;
  }
}

// Cuts at most `max` bytes without splitting a UTF-8 sequence, so each piece decodes on its own.
function cutPoint(bytes: Buffer, max: number): number {
  let cut = max;
  // Back up over continuation bytes (10xxxxxx) to the start of the character; at most 3 of them.
  for (let back = 0; back < 3 && cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80; back += 1) cut -= 1;
  return cut > 0 && ((bytes[cut] ?? 0) & 0xc0) !== 0x80 ? cut : max;
}

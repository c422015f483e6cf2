// How the server reads the v3 `before` cursor, found out from its answers rather than assumed.
//
// Nothing documents the cursor's unit or the time it bounds (hathora-api.md §2.3). hproc sends the
// oldest `createdAt` seen so far, first in epoch milliseconds: a server that reads milliseconds as
// seconds sees a bound thousands of years ahead and answers the newest processes again, which a
// page shows at once (it holds processes newer than the cursor). Sent first in seconds instead, a
// server reading milliseconds would land in January 1970 and answer nothing, which looks like the
// end of the data. So milliseconds go first and seconds second, and what a page proves is shared
// by every cursor of the run through the client.
import type { ApiClient } from './client.js';

/** A unit the cursor may be sent in. */
export type CursorUnit = 'ms' | 's';

const UNITS: readonly CursorUnit[] = ['ms', 's'];

const UNIT_WORDS: Readonly<Record<CursorUnit, string>> = { ms: 'epoch milliseconds', s: 'Unix seconds' };

/** What a refuted unit leaves: another unit to try, none, or a contradiction of a unit that had held. */
export type Refutation = 'retry' | 'exhausted' | 'inconsistent';

/** How the server reads `before`, as far as its answers have shown; one per client, shared by every cursor. */
export class BeforeReading {
  private index = 0;
  private held = false;

  /** The unit to send now; undefined once every unit has been refuted. */
  get unit(): CursorUnit | undefined {
    return UNITS[this.index];
  }

  /** A page in the current unit has moved the cursor back with nothing newer than it. */
  get settled(): boolean {
    return this.held;
  }

  /** Records that a page asked in `unit` brought older processes and nothing newer than the cursor. */
  confirm(unit: CursorUnit): void {
    if (unit === this.unit) this.held = true;
  }

  /** Records that a page asked in `unit` held processes newer than the cursor (or had to be empty and was not). */
  refute(unit: CursorUnit): Refutation {
    // Another cursor has moved on already: this answer only says what that one found.
    if (unit !== this.unit) return this.unit === undefined ? 'exhausted' : 'retry';
    if (this.held) return 'inconsistent';
    this.index += 1;
    return this.unit === undefined ? 'exhausted' : 'retry';
  }
}

const KEY = 'v3-before-cursor';

/** The reading of `before` learned so far by this client (one run); made on first use. */
export function beforeReadingOf(client: ApiClient): BeforeReading {
  // Test doubles that implement only getJson have no memo: each listing then learns on its own.
  const learned = client.learned as Map<string, unknown> | undefined;
  const known = learned?.get(KEY);
  if (known instanceof BeforeReading) return known;
  const reading = new BeforeReading();
  learned?.set(KEY, reading);
  return reading;
}

/**
 * The cursor value for processes created before `oldestMs`, in `unit`. Seconds are rounded up, so
 * the processes of the boundary second that did not fit the page come again rather than never
 * (those already seen are dropped as duplicates).
 */
export function cursorValue(oldestMs: number, unit: CursorUnit): number {
  return unit === 'ms' ? oldestMs : Math.ceil(oldestMs / 1000);
}

/** The instant, in epoch milliseconds, that a cursor value bounds when read in `unit`. */
export function boundOf(value: number, unit: CursorUnit): number {
  return unit === 'ms' ? value : value * 1000;
}

/** Why a listing stopped short: the words after `listing incomplete: `. */
export const incompleteReasons = {
  /** Neither unit paged: pages asked with `before` answered processes newer than it, or none of the older ones counted. */
  unread: (oldestMs: number): string =>
    `the server does not page with the v3 \`before\` cursor: asked for processes created before ${iso(oldestMs)}, in ${UNIT_WORDS.ms} and then in ${UNIT_WORDS.s}, it answered newer ones (or none of the older ones it counts), so older pages cannot be reached`,
  /** A unit that had paged correctly was later contradicted. */
  contradicted: (oldestMs: number, unit: CursorUnit): string =>
    `the server paged with the v3 \`before\` cursor in ${UNIT_WORDS[unit]}, then answered processes newer than it (created before ${iso(oldestMs)} was asked), so the pages after it cannot be trusted`,
  /** A full page brought only processes already listed. */
  stalled: (oldestMs: number, unit: CursorUnit): string =>
    `the v3 \`before\` cursor could not move past ${iso(oldestMs)}: a full page asked in ${UNIT_WORDS[unit]} brought only processes already listed (more than 10 may share that ${unit === 'ms' ? 'millisecond' : 'second'})`,
  /** An empty page that the count endpoint could not confirm as the end. */
  unconfirmedEnd: (oldestMs: number, why: string): string =>
    `asked for processes created before ${iso(oldestMs)}, the server answered none, and ${why}, so hproc cannot tell the end of the list from a cursor it reads another way`,
};

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

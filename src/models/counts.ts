// Counts the API declares as plain integers. The SDK accepts any integer there, and so does hproc:
// a negative count is a server bug worth showing, not a reason to hide the whole response. The
// renderers flag what this module finds. No zod here: it reads parsed views only.
import type { ProcessView } from './normalise.js';

/** The process-view fields that count something, so a value below zero cannot be right. */
export const PROCESS_COUNT_FIELDS = ['roomsAllocated', 'roomsPerProcess', 'egressedBytes', 'activeConnections', 'totalRooms'] as const;

/** One of PROCESS_COUNT_FIELDS. */
export type ProcessCountField = (typeof PROCESS_COUNT_FIELDS)[number];

/** The count fields of `view` that are negative, in PROCESS_COUNT_FIELDS order. */
export function negativeCountsOf(view: ProcessView): ProcessCountField[] {
  return PROCESS_COUNT_FIELDS.filter((field) => {
    const value = view[field];
    return typeof value === 'number' && value < 0;
  });
}

/** The words every flag of a negative count carries. */
export const NEGATIVE_COUNT_WORDS = 'negative count: the API should never send one; shown as sent';

/** Why a number cannot mean what its field says: a count must be a whole, safe, non-negative number; an amount any finite non-negative one. */
export type NumberProblem = 'negative' | 'fractional' | 'unsafe' | 'not finite';

/**
 * What is wrong with `value` read as a count (of processes, rooms, connections) or an amount (a
 * metric's reading), or null when nothing is. "unsafe" is a whole number beyond 2^53 − 1, where
 * neighbouring integers share one double and a sum of them is no longer exact.
 */
export function numberProblemOf(value: number, kind: 'count' | 'amount' = 'count'): NumberProblem | null {
  if (!Number.isFinite(value)) return 'not finite';
  if (value < 0) return 'negative';
  if (kind === 'amount') return null;
  if (!Number.isInteger(value)) return 'fractional';
  return Number.isSafeInteger(value) ? null : 'unsafe';
}

/** The mark after a number shown as sent but outside its meaning: words beside it say why, and colour never carries it alone. */
export const INVALID_MARK = '⚠';

/** `value` as text, followed by INVALID_MARK when it cannot be a count (or amount, with `kind`). */
export function markedNumber(value: number, kind: 'count' | 'amount' = 'count', text = String(value)): string {
  return numberProblemOf(value, kind) === null ? text : `${text} ${INVALID_MARK}`;
}

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

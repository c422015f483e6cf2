// The one wording of a listing that paging could not complete (api/paging.ts says why), for
// `list`, `list --watch` and `summary`: always on stderr, and for list and summary exit 9.
import { IncompleteError } from '../errors.js';

/** What to do about a listing the server's paging cut short. */
export const INCOMPLETE_HINT = 'each --status and --region value pages on its own cursor: narrower filters may reach the rest';

/** The message for a listing of `shown` processes that stopped short for `reason`. */
export function incompleteMessage(shown: number, reason: string): string {
  return `listing incomplete: ${shown} process${shown === 1 ? '' : 'es'} shown; ${reason}`;
}

/** The error a command throws once it has printed an incomplete listing: exit 9, `message` and the hint on stderr. */
export function incompleteError(message: string): IncompleteError {
  return new IncompleteError(message, { hint: INCOMPLETE_HINT });
}

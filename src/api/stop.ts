// Stopping a process (P13, v3). A POST is never retried by the client: a stop that reached the
// server must not be sent twice, and when the outcome is unknown the user is told how to find out.
import { InterruptedError, NetworkError, ResponseError } from '../errors.js';
import type { ApiClient } from './client.js';
import { ApiStatusError } from './http-errors.js';
import { rewordNotFound } from './fetched.js';
import { encodePathSegment } from './ids.js';

const UNKNOWN_OUTCOME = '; the request may or may not have been applied';

/** The command that shows whether a stop was applied. */
function checkCommand(processId: string): string {
  return `hproc show ${processId}`;
}

/** What became of a stop the API accepted. */
export interface StopAccepted {
  /** Why the answer to an accepted stop could not be read (it is not needed), or undefined. */
  unreadableAnswer: string | undefined;
}

/** P13: asks the API to stop a v3 process (204 on success). */
export async function stopProcessV3(client: ApiClient, appId: string, processId: string): Promise<StopAccepted> {
  const path = `/processes/v3/apps/${encodePathSegment('app id', appId)}/processes/${encodePathSegment('process id', processId)}/stop`;
  try {
    await rewordNotFound(`process ${processId} not found in app ${appId}`, () => client.postEmpty(path));
    return { unreadableAnswer: undefined };
  } catch (error) {
    // A 2xx whose body is not JSON (or too large) still means the stop was accepted: hproc reads
    // nothing from that body, so saying "failed" would send the user to stop it again.
    if (error instanceof ResponseError && !(error instanceof ApiStatusError)) return { unreadableAnswer: error.message };
    if (error instanceof InterruptedError) {
      throw new InterruptedError(`interrupted; the stop may have been sent: check with \`${checkCommand(processId)}\``, { cause: error });
    }
    // The client marks failures after which the request may have reached the server (a reset, a
    // timeout); a refused connection was never sent and keeps its own message.
    if (error instanceof NetworkError && error.message.endsWith(UNKNOWN_OUTCOME)) {
      const cause = error.message.slice(0, -UNKNOWN_OUTCOME.length);
      throw new NetworkError(`${cause}; the stop request may or may not have been applied; check with \`${checkCommand(processId)}\``, {
        ...(error.hint === undefined ? {} : { hint: error.hint }),
        cause: error,
      });
    }
    throw error;
  }
}

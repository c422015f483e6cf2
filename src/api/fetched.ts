// What every endpoint function returns, and the 404 rewording they share.
import { ApiNotFoundError } from './http-errors.js';

/** A validated model together with the raw parsed JSON it came from (JSON output prints `raw` unchanged). */
export interface Fetched<T, R = unknown> {
  data: T;
  raw: R;
}

/** What a 404 is reworded to: a message, or a message with the next step. */
export type NotFoundWording = string | { message: string; hint: string };

/** The wording of an unknown app: it points at the list of the apps the token can see. */
export function appNotFound(appId: string): NotFoundWording {
  return { message: `app ${appId} not found`, hint: "run 'hproc apps' to see the apps your token can reach" };
}

/** Runs a request and replaces the message of a 404 with one that names what was looked for. */
export async function rewordNotFound<T>(wording: NotFoundWording, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiNotFoundError && error.status === 404) {
      const { message, hint } = typeof wording === 'string' ? { message: wording, hint: undefined } : wording;
      throw new ApiNotFoundError(message, { status: 404, serverMessage: error.serverMessage, cause: error, hint });
    }
    throw error;
  }
}

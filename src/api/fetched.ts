// What every endpoint function returns, and the 404 rewording they share.
import { ApiNotFoundError } from './http-errors.js';

/** A validated model together with the raw parsed JSON it came from (JSON output prints `raw` unchanged). */
export interface Fetched<T, R = unknown> {
  data: T;
  raw: R;
}

/** Runs a request and replaces the message of a 404 with one that names what was looked for. */
export async function rewordNotFound<T>(message: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiNotFoundError && error.status === 404) {
      throw new ApiNotFoundError(message, { status: 404, serverMessage: error.serverMessage, cause: error });
    }
    throw error;
  }
}

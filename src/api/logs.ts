// The logs v1 endpoints (hathora-api.md §2.4): L1 streams the last lines (and, following, new ones
// as they are written), L2 downloads the whole log of a stopped process. Bodies are bytes, handed
// on chunk by chunk, never parsed or held whole. A followed stream gets no deadline and no idle
// timeout: a quiet game server may print nothing for many minutes. Instead, a reader can ask to be
// told when the stream has been quiet for a while and decide whether to keep waiting.
import { NotFoundError } from '../errors.js';
import type { ApiClient, ApiStream } from './client.js';
import { ApiNotFoundError } from './http-errors.js';
import { encodePathSegment } from './ids.js';

/** What L1 is asked for. */
export interface LogStreamRequest {
  /** Keep the stream open and send new lines as they are written. */
  follow: boolean;
  /** How many of the most recent lines to send first (the API accepts 1-5000). */
  tailLines: number;
}

function logPath(appId: string, processId: string): string {
  return `/logs/v1/${encodePathSegment('app id', appId)}/process/${encodePathSegment('process id', processId)}`;
}

// 404 and 410 get messages that name what is missing; 410 means the log has passed retention.
async function withLogErrors<T>(client: ApiClient, appId: string, processId: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiNotFoundError && error.status === 410) {
      const said = error.serverMessage === undefined ? '' : `: ${error.serverMessage}`;
      throw new NotFoundError(`logs for process ${processId} are no longer available (410)${said}`, {
        // The retention is the organisation's, not a fixed 72 hours: asked only now the log is gone.
        hint: await import('./log-retention.js').then((m) => m.logRetentionHint(client, appId)),
        cause: error,
      });
    }
    if (error instanceof ApiNotFoundError && error.status === 404) {
      throw new NotFoundError(`no logs for process ${processId} in app ${appId} (404)`, { cause: error });
    }
    throw error;
  }
}

/** L1: opens the log stream of a process; following streams have no idle timeout. */
export function streamProcessLogs(client: ApiClient, appId: string, processId: string, request: LogStreamRequest): Promise<ApiStream> {
  const query = { follow: request.follow ? true : undefined, tailLines: request.tailLines };
  return withLogErrors(client, appId, processId, () => client.stream(logPath(appId, processId), query, request.follow ? { idleTimeoutMs: 0 } : {}));
}

/** L2: opens the download of a stopped process's whole log. */
export function downloadProcessLogs(client: ApiClient, appId: string, processId: string): Promise<ApiStream> {
  return withLogErrors(client, appId, processId, () => client.stream(`${logPath(appId, processId)}/download`));
}

/** A chunk of a stream, or word that it has been quiet for the requested time. */
export type StreamEvent = { kind: 'chunk'; chunk: Buffer } | { kind: 'quiet' };

/**
 * Reads a stream's chunks, and after every `quietMs` without one yields a `quiet` event instead of
 * failing: the reader decides whether silence means the end. The next chunk is only requested once
 * the reader has taken the previous one, so a slow reader slows the connection (backpressure).
 * Breaking out of the loop closes the stream.
 */
export async function* readWithQuietEvents(stream: ApiStream, quietMs: number): AsyncGenerator<StreamEvent> {
  const iterator = stream.body[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<Buffer>> | undefined;
  try {
    for (;;) {
      pending ??= iterator.next();
      let timer: NodeJS.Timeout | undefined;
      const quiet = new Promise<'quiet'>((resolve) => {
        timer = setTimeout(() => resolve('quiet'), quietMs);
      });
      const result = await Promise.race([pending, quiet]).finally(() => clearTimeout(timer));
      if (result === 'quiet') {
        yield { kind: 'quiet' };
        continue;
      }
      pending = undefined;
      if (result.done === true) return;
      yield { kind: 'chunk', chunk: result.value };
    }
  } finally {
    stream.close();
    // The read in flight fails once the stream is closed; nobody waits for it any more.
    pending?.catch(() => undefined);
  }
}

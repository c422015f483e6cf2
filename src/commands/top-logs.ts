// The logs pane of `hproc top`: follows one process's log as `hproc logs --follow` does (the same
// reconnects on the shared backoff, the same replay filter and marker), but hands lines to the
// screen instead of writing them, and ends quietly when the pane closes.
import type { ApiClient, ApiStream } from '../api/client.js';
import { readWithQuietEvents, streamProcessLogs } from '../api/logs.js';
import { getProcessV3 } from '../api/processes.js';
import { backoffDelay, isTransient, sleep } from '../api/retry-policy.js';
import { NetworkError } from '../errors.js';
import { LineSplitter, type LinePiece } from '../io/line-splitter.js';
import { REPLAY_HISTORY_LINES, ReplayFilter } from '../io/log-replay.js';
import { RECONNECT_MARKER } from './logs-run.js';

const ENDED_STATUSES = new Set(['stopped', 'failed']);
// Lines shown when the pane opens: a screenful or two of context.
const FIRST_TAIL_LINES = 200;
// After this long without a chunk, check whether the process has ended.
const QUIET_CHECK_MS = 15_000;
// A connection this long-lived was healthy: the next drop starts a fresh series of attempts.
const HEALTHY_CONNECTION_MS = 10_000;

/** Where the follower reports. */
export interface LogSink {
  lines(lines: readonly string[]): void;
}

function textOf(pieces: readonly LinePiece[]): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    const text = piece.bytes.toString('utf8').replace(/\r?\n$/, '');
    // The continuation of a line too long to hold joins the line it continues.
    if (!piece.startsLine && out.length > 0) out[out.length - 1] += text;
    else out.push(text);
  }
  return out;
}

/** Follows the log until `signal` aborts or the process ends; failures become a line in the pane, never an exception. */
export async function followLogs(client: ApiClient, appId: string, processId: string, signal: AbortSignal, budgetMs: number, sink: LogSink): Promise<void> {
  const splitter = new LineSplitter();
  const replay = new ReplayFilter();
  const emit = (pieces: readonly LinePiece[]): void => {
    if (pieces.length > 0 && !signal.aborted) sink.lines(textOf(pieces));
  };
  const ended = async (): Promise<boolean> => ENDED_STATUSES.has((await getProcessV3(client, appId, processId)).data.status);
  let reconnecting = false;
  let attempts = 0;
  let streakStart: number | undefined;
  try {
    for (;;) {
      let stream: ApiStream;
      try {
        stream = await streamProcessLogs(client, appId, processId, { follow: true, tailLines: reconnecting ? REPLAY_HISTORY_LINES : FIRST_TAIL_LINES });
      } catch (error) {
        if (signal.aborted) return;
        if (!reconnecting || !isTransient(error)) throw error;
        if (await ended()) return sink.lines(['— the process has ended; so has its log —']);
        streakStart ??= performance.now();
        if (performance.now() - streakStart > budgetMs) throw error;
        await sleep(backoffDelay(attempts++, Math.random), signal);
        continue;
      }
      if (reconnecting) {
        sink.lines([RECONNECT_MARKER]);
        emit(replay.reconnected());
      }
      const openedAt = performance.now();
      const close = (): void => stream.close();
      signal.addEventListener('abort', close, { once: true });
      let quietEnd = false;
      try {
        for await (const event of readWithQuietEvents(stream, QUIET_CHECK_MS)) {
          if (signal.aborted) return;
          if (event.kind === 'quiet') {
            emit(replay.settle());
            if (await ended()) {
              quietEnd = true;
              break;
            }
            continue;
          }
          emit(splitter.push(event.chunk).flatMap((piece) => replay.push(piece)));
        }
      } catch (error) {
        if (signal.aborted) return;
        if (!(error instanceof NetworkError)) throw error;
      } finally {
        signal.removeEventListener('abort', close);
      }
      if (signal.aborted) return;
      emit(replay.settle());
      if (quietEnd || (await ended())) {
        emit(splitter.flush());
        return sink.lines(['— the process has ended; so has its log —']);
      }
      if (splitter.midLine) emit(splitter.flush().flatMap((piece) => replay.push(piece)));
      splitter.reset();
      reconnecting = true;
      if (performance.now() - openedAt >= HEALTHY_CONNECTION_MS) {
        attempts = 0;
        streakStart = undefined;
      }
      streakStart ??= performance.now();
      await sleep(backoffDelay(attempts++, Math.random), signal);
    }
  } catch (error) {
    if (signal.aborted) return;
    sink.lines([`hproc: the log stream failed: ${error instanceof Error ? error.message : String(error)}`]);
  }
}

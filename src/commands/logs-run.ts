// The work of `hproc logs`, loaded only when it runs (it pulls in the HTTP client and the models).
import type { RunContext } from '../run-context.js';
import { HprocError, InterruptedError, NetworkError } from '../errors.js';
import type { ApiClient, ApiStream } from '../api/client.js';
import { downloadProcessLogs, readWithQuietEvents, streamProcessLogs } from '../api/logs.js';
import { findProcessApp } from '../api/app-discovery.js';
import { getProcessV3 } from '../api/processes.js';
import { FailureStreak, isTransient, sleep } from '../api/retry-policy.js';
import { LineSplitter, type LinePiece } from '../io/line-splitter.js';
import { REPLAY_HISTORY_LINES, ReplayFilter } from '../io/log-replay.js';
import { formatLogPieces, type LogStyle } from '../render/log-lines.js';
import { sanitizeCell } from '../render/sanitize.js';
import { formatDuration } from '../units.js';
import type { LogsOptions } from './logs.js';

// A process in one of these states writes no more lines.
const ENDED_STATUSES = new Set(['stopped', 'failed']);
// A connection that lasted this long, or brought new lines and lasted a little, was healthy: the
// next drop starts a fresh series of attempts. One that only repeats old lines and ends (a server
// that does not follow) is not, so its reconnects slow down and eventually give up.
const HEALTHY_CONNECTION_MS = 10_000;
const HEALTHY_WITH_LINES_MS = 2_000;

/** The stderr line that says a followed stream was reopened. */
export const RECONNECT_MARKER = 'hproc: reconnected: lines may be missing or repeated';

/** Writes log pieces to stdout, waiting for the reader when it is slower than the stream. */
class LogWriter {
  constructor(
    private readonly ctx: RunContext,
    private readonly style: LogStyle,
  ) {}

  async write(pieces: readonly LinePiece[]): Promise<void> {
    if (pieces.length === 0) return;
    const { stdout } = this.ctx.io;
    const out = formatLogPieces(pieces, this.style, this.ctx.now);
    // Log output goes out as bytes even when it is text: a piece of an over-long line may end
    // inside a token, and only the byte path holds such an end back until the next piece.
    if (stdout.writeBytes !== undefined) stdout.writeBytes(typeof out === 'string' ? Buffer.from(out) : out);
    else stdout.write(typeof out === 'string' ? out : out.toString('utf8'));
    await stdout.drained?.();
    if (this.ctx.signal.aborted) throw new InterruptedError('interrupted');
  }

  /** Raw bytes without timestamps need no lines: chunks can go straight through, at pipe speed. */
  get passthrough(): boolean {
    return this.style.raw && !this.style.timestamps;
  }

  /** Writes one chunk as received (only when `passthrough`). */
  async writeChunk(chunk: Buffer): Promise<void> {
    const { stdout } = this.ctx.io;
    if (stdout.writeBytes !== undefined) stdout.writeBytes(chunk);
    else stdout.write(chunk.toString('utf8'));
    await stdout.drained?.();
    if (this.ctx.signal.aborted) throw new InterruptedError('interrupted');
  }

  /** Ends a line that a dropped connection cut short, so what follows starts on its own line (--raw adds nothing). */
  endLine(): void {
    if (!this.style.raw) this.ctx.io.stdout.write('\n');
  }
}


/** Reads one stream to its end: lines as they arrive, then the last line even without its newline. */
async function printWhole(stream: ApiStream, writer: LogWriter, processId: string): Promise<void> {
  // Splitting 100 MB into lines only to join them again made --raw several times slower.
  const splitter = writer.passthrough ? undefined : new LineSplitter();
  try {
    for await (const chunk of stream.body) {
      if (splitter === undefined) await writer.writeChunk(chunk);
      else await writer.write(splitter.push(chunk));
    }
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    // Everything that arrived is printed before saying that the rest did not.
    if (splitter !== undefined) {
      const cut = splitter.midLine;
      await writer.write(splitter.flush());
      if (cut) writer.endLine();
    }
    throw new NetworkError(`the log of process ${processId} was cut off: ${error.message}`, {
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      cause: error,
    });
  } finally {
    stream.close();
  }
  if (splitter !== undefined) await writer.write(splitter.flush());
}

async function follow(client: ApiClient, appId: string, options: LogsOptions, ctx: RunContext, writer: LogWriter): Promise<void> {
  const { processId } = options;
  // A status check that fails for a transient reason says nothing about the process: following
  // goes on (undefined is no ended status), with a warning a person and a script both see.
  const statusNow = async (): Promise<string | undefined> => {
    try {
      return (await getProcessV3(client, appId, processId)).data.status;
    } catch (error) {
      if (!isTransient(error)) throw error;
      ctx.warn(`could not check whether process ${processId} still runs: ${sanitizeCell((error as Error).message)}; following on`);
      return undefined;
    }
  };
  const splitter = new LineSplitter();
  const replay = new ReplayFilter();
  let reconnecting = false;
  // Drops and failed reconnects since the last healthy connection (api/retry-policy.ts says when
  // such a streak is persistent: enough failures in a row over at least --timeout).
  const streak = new FailureStreak(ctx.settings.timeoutMs.value, () => performance.now());

  const backOff = async (cause: HprocError, failedToReconnect: boolean): Promise<void> => {
    if (streak.fail()) {
      throw new NetworkError(
        `lost the log stream of process ${processId} and could not reconnect in ${formatDuration(streak.elapsedMs)} (${streak.count} attempts): ${cause.message}`,
        { hint: 'the process is still running; run the command again, or raise --timeout', cause },
      );
    }
    // The backoff schedule and cap of every retry in hproc (api/retry-policy.ts).
    const wait = streak.backoff(Math.random);
    if (failedToReconnect) ctx.warn(`reconnecting to the log stream of process ${processId} failed: ${sanitizeCell(cause.message)}; trying again in ${formatDuration(wait)}`);
    await sleep(wait, ctx.signal);
  };

  for (;;) {
    let stream: ApiStream;
    try {
      // On a reconnect, ask for enough lines to find where the last stream left off.
      stream = await streamProcessLogs(client, appId, processId, { follow: true, tailLines: reconnecting ? REPLAY_HISTORY_LINES : options.tailLines });
    } catch (error) {
      if (!reconnecting || !isTransient(error)) throw error;
      if (ENDED_STATUSES.has((await statusNow()) ?? '')) return;
      await backOff(error as HprocError, true);
      continue;
    }
    if (reconnecting) {
      ctx.io.stderr.write(`${RECONNECT_MARKER}\n`);
      await writer.write(replay.reconnected());
    }
    const openedAt = performance.now();
    let printedNew = false;
    let stoppedWhileQuiet = false;
    let dropped: HprocError | undefined;
    try {
      for await (const event of readWithQuietEvents(stream, options.quietCheckMs)) {
        if (event.kind === 'quiet') {
          await writer.write(replay.settle());
          // Silence is normal for a game server; a stopped one may never close the stream.
          if (ENDED_STATUSES.has((await statusNow()) ?? '')) {
            stoppedWhileQuiet = true;
            break;
          }
          continue;
        }
        const fresh = splitter.push(event.chunk).flatMap((piece) => replay.push(piece));
        if (fresh.length > 0) printedNew = true;
        await writer.write(fresh);
      }
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      dropped = error;
    }
    await writer.write(replay.settle());
    if (stoppedWhileQuiet || ENDED_STATUSES.has((await statusNow()) ?? '')) {
      await writer.write(splitter.flush());
      if (dropped !== undefined) {
        ctx.io.stderr.write(`hproc: the log stream dropped as process ${processId} stopped: its last lines may be missing (hproc logs ${processId} --download has them all)\n`);
      }
      return;
    }
    // The connection ended while the process runs: the rest of a line it cut never arrives, so
    // print what came and end the line there.
    if (splitter.midLine) {
      await writer.write(splitter.flush().flatMap((piece) => replay.push(piece)));
      writer.endLine();
    }
    splitter.reset();
    reconnecting = true;
    const lasted = performance.now() - openedAt;
    if (lasted >= HEALTHY_CONNECTION_MS || (printedNew && lasted >= HEALTHY_WITH_LINES_MS)) streak.reset();
    await backOff(dropped ?? new NetworkError(`the log stream of process ${processId} ended while the process is still running`), false);
  }
}

/** Runs `hproc logs` with validated options. */
export async function runLogs(options: LogsOptions, ctx: RunContext): Promise<void> {
  const client = await ctx.client();
  try {
    const { processId } = options;
    let appId = options.appId;
    if (appId === undefined) {
      appId = await findProcessApp(client, processId);
      ctx.note(`found process ${processId} in app ${appId}`);
    }
    const { status } = (await getProcessV3(client, appId, processId)).data;
    const writer = new LogWriter(ctx, { raw: options.raw, timestamps: options.timestamps });
    const ended = ENDED_STATUSES.has(status);
    if (options.download && !ended) {
      throw new HprocError(`process ${processId} is ${status}: only the log of a stopped process can be downloaded`, {
        hint: `follow it instead: hproc logs ${processId} --follow`,
      });
    }
    if (options.download || (ended && !options.tailGiven)) {
      if (options.download) ctx.note(`the whole log of process ${processId} (${status}), from the download endpoint`);
      else ctx.note(`process ${processId} is ${status}: its whole log, from the download endpoint${options.follow ? '; there is nothing to follow' : ''}`);
      await printWhole(await downloadProcessLogs(client, appId, processId), writer, processId);
      return;
    }
    if (!options.follow || ended) {
      if (options.follow) ctx.note(`process ${processId} is ${status}: there is nothing to follow`);
      await printWhole(await streamProcessLogs(client, appId, processId, { follow: false, tailLines: options.tailLines }), writer, processId);
      return;
    }
    await follow(client, appId, options, ctx, writer);
  } finally {
    await client.close();
  }
}

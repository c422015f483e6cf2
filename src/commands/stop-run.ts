// The work of `hproc stop`, loaded only when it runs.
import type { RunContext } from '../run-context.js';
import { HprocError, InterruptedError, NetworkError } from '../errors.js';
import type { ApiClient } from '../api/client.js';
import { findProcessApp } from '../api/app-discovery.js';
import { getProcessV1, getProcessV3 } from '../api/processes.js';
import { backoffCeiling, sleep } from '../api/retry-policy.js';
import { stopProcessV3 } from '../api/stop.js';
import type { ProcessV3 } from '../models/process-v3.js';
import { renderJson } from '../render/json.js';
import { renderStopConfirmation, renderStopOutcome, type KnownConnections } from '../render/stop.js';
import { createTheme } from '../render/theme.js';
import type { StopOptions } from './stop.js';

const ENDED_STATUSES = new Set(['stopped', 'failed']);

// The deprecated v1 record still counts connections; it is only a courtesy for the question, so
// any failure other than Ctrl-C just leaves the count unknown.
async function connectionsOf(client: ApiClient, appId: string, processId: string): Promise<KnownConnections | undefined> {
  try {
    const { data } = await getProcessV1(client, appId, processId);
    const count = data.activeConnections;
    if (typeof count !== 'number') return undefined;
    return { count, updatedAt: data.activeConnectionsUpdatedAt ?? null };
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return undefined;
  }
}

async function confirm(ctx: RunContext, text: string, processId: string): Promise<void> {
  ctx.io.stderr.write(text);
  const answer = (await ctx.io.stdin?.readLine(`Stop it? [y/N] `)) ?? null;
  if (ctx.signal.aborted) throw new InterruptedError('interrupted; nothing was sent');
  if (answer === null || !/^\s*y(es)?\s*$/i.test(answer)) {
    if (answer === null) ctx.io.stderr.write('\n');
    throw new HprocError(`not stopping process ${processId}: not confirmed`);
  }
}

/** Runs `hproc stop` with validated options. */
export async function runStop(options: StopOptions, ctx: RunContext): Promise<void> {
  const { processId } = options;
  const client = await ctx.client();
  const theme = createTheme(ctx.stdout.colour);
  let final: { process: ProcessV3; raw: unknown };
  let sent = false;
  let waitedMs: number | undefined;
  try {
    let appId = options.appId;
    if (appId === undefined) {
      appId = await findProcessApp(client, processId);
      ctx.note(`found process ${processId} in app ${appId}`);
    }
    const app = appId;
    const [before, connections] = await Promise.all([
      getProcessV3(client, app, processId),
      options.confirm ? connectionsOf(client, app, processId) : Promise.resolve(undefined),
    ]);
    final = { process: before.data, raw: before.raw };
    // A process already stopping needs no second request, only (with --wait) the waiting.
    const alreadyStopping = before.data.status === 'stopping';
    if (!ENDED_STATUSES.has(before.data.status)) {
      if (options.confirm && !alreadyStopping) {
        const stderrTheme = createTheme(ctx.stderr.colour);
        await confirm(ctx, renderStopConfirmation(before.data, connections, ctx.now(), stderrTheme), processId);
      }
      const requestedAt = performance.now();
      if (!alreadyStopping) {
        await stopProcessV3(client, app, processId);
        sent = true;
      }
      // From here on an interruption must not hide that the stop went out.
      try {
        let after = await getProcessV3(client, app, processId);
        if (options.wait) {
          const deadline = requestedAt + ctx.settings.timeoutMs.value;
          // Polls back off on the shared schedule (api/retry-policy.ts): 250 ms doubling up to its cap.
          let polls = 0;
          let pause = backoffCeiling(polls);
          while (!ENDED_STATUSES.has(after.data.status)) {
            if (performance.now() + pause > deadline) {
              throw new NetworkError(
                `process ${processId} is still ${after.data.status} ${Math.round((performance.now() - requestedAt) / 1000)}s after ${sent ? 'the stop request' : 'hproc began waiting'}`,
                { hint: `wait longer with --timeout (e.g. --timeout 5m), or check later with \`hproc show ${processId}\`` },
              );
            }
            await sleep(pause, ctx.signal);
            pause = backoffCeiling(++polls);
            after = await getProcessV3(client, app, processId);
          }
          waitedMs = performance.now() - requestedAt;
        }
        final = { process: after.data, raw: after.raw };
      } catch (error) {
        if (error instanceof InterruptedError && sent) {
          throw new InterruptedError(`interrupted; the stop request was sent: check with \`hproc show ${processId}\``, { cause: error });
        }
        throw error;
      }
    }
  } finally {
    await client.close();
  }
  ctx.io.stdout.write(options.json ? renderJson(final.raw, ctx.stdout.isTTY) : renderStopOutcome(final.process, { sent, waitedMs }, theme));
}

// The work of `hproc stop`, loaded only when it runs.
import type { RunContext } from '../run-context.js';
import { HprocError, InterruptedError, NetworkError } from '../errors.js';
import type { ApiClient } from '../api/client.js';
import { findProcessApp } from '../api/app-discovery.js';
import { getProcessV1, getProcessV3 } from '../api/processes.js';
import { backoffCeiling, FailureStreak, isTransient, sleep } from '../api/retry-policy.js';
import { stopProcessV3 } from '../api/stop.js';
import type { ProcessV3 } from '../models/process-v3.js';
import { renderJson } from '../render/json.js';
import { renderStopConfirmation, renderStopOutcome, type KnownConnections } from '../render/stop.js';
import { createTheme } from '../render/theme.js';
import { sanitizeCell } from '../render/sanitize.js';
import { formatDuration } from '../units.js';
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

async function confirm(ctx: RunContext, text: string, processIds: readonly string[]): Promise<void> {
  ctx.io.stderr.write(text);
  const question = processIds.length === 1 ? 'Stop it? [y/N] ' : `Stop these ${processIds.length} processes? [y/N] `;
  const answer = (await ctx.io.stdin?.readLine(question)) ?? null;
  if (ctx.signal.aborted) throw new InterruptedError('interrupted; nothing was sent');
  if (answer === null || !/^\s*y(es)?\s*$/i.test(answer)) {
    if (answer === null) ctx.io.stderr.write('\n');
    throw new HprocError(`not stopping ${processIds.length === 1 ? `process ${processIds[0] ?? ''}` : `processes ${processIds.join(', ')}`}: not confirmed`);
  }
}

/** One process on its way to stopped: what it was, and what became of it. */
interface StopTarget {
  processId: string;
  appId: string;
  final: { process: ProcessV3; raw: unknown };
  connections: KnownConnections | undefined;
  sent: boolean;
  waitedMs: number | undefined;
}

async function targetOf(client: ApiClient, options: StopOptions, processId: string, ctx: RunContext): Promise<StopTarget> {
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
  return { processId, appId: app, final: { process: before.data, raw: before.raw }, connections, sent: false, waitedMs: undefined };
}

/**
 * Polls until the process has ended, for at most --timeout after the stop request, backing off on
 * the shared schedule (api/retry-policy.ts): 250 ms doubling up to its cap. A poll that fails for a
 * transient reason is a warning and the waiting goes on; it ends on a persistent failure (enough
 * failures in a row over at least --timeout) or at the deadline, naming the last failure.
 */
async function waitUntilEnded(client: ApiClient, target: StopTarget, requestedAt: number, ctx: RunContext): Promise<void> {
  const { processId } = target;
  const budgetMs = ctx.settings.timeoutMs.value;
  const deadline = requestedAt + budgetMs;
  const streak = new FailureStreak(budgetMs, () => performance.now());
  const since = (): string => `${Math.round((performance.now() - requestedAt) / 1000)}s after ${target.sent ? 'the stop request' : 'hproc began waiting'}`;
  let polls = 0;
  let after = target.final;
  let failure: HprocError | undefined;
  while (!ENDED_STATUSES.has(after.process.status) || failure !== undefined) {
    const wanted = failure === undefined ? backoffCeiling(polls) : Math.max(backoffCeiling(polls), streak.backoff(Math.random));
    // The last check lands on the deadline rather than giving up a whole pause before it.
    const left = deadline - performance.now();
    if (left <= 0) break;
    const pause = Math.min(wanted, Math.ceil(left));
    if (failure !== undefined) ctx.warn(`checking process ${processId} failed: ${sanitizeCell(failure.message)}; checking again in ${formatDuration(pause)}`);
    await sleep(pause, ctx.signal);
    polls += 1;
    try {
      const polled = await getProcessV3(client, target.appId, processId);
      after = { process: polled.data, raw: polled.raw };
      failure = undefined;
      streak.reset();
    } catch (error) {
      if (!isTransient(error)) throw error;
      failure = error as HprocError;
      if (streak.fail()) break;
    }
  }
  if (failure !== undefined) {
    throw new NetworkError(`could not tell whether process ${processId} has stopped, ${since()}: ${failure.message}`, {
      hint: `check later with \`hproc show ${processId}\``,
      cause: failure,
    });
  }
  if (!ENDED_STATUSES.has(after.process.status)) {
    throw new NetworkError(`process ${processId} is still ${after.process.status} ${since()}`, {
      hint: `wait longer with --timeout (e.g. --timeout 5m), or check later with \`hproc show ${processId}\``,
    });
  }
  target.final = after;
  target.waitedMs = performance.now() - requestedAt;
}

/** Runs `hproc stop` with validated options: one question for all the processes, then one stop each. */
export async function runStop(options: StopOptions, ctx: RunContext): Promise<void> {
  const client = await ctx.client();
  const theme = createTheme(ctx.stdout.colour);
  const targets: StopTarget[] = [];
  try {
    for (const processId of options.processIds) targets.push(await targetOf(client, options, processId, ctx));
    // A process already stopping needs no second request, only (with --wait) the waiting.
    const live = targets.filter((t) => !ENDED_STATUSES.has(t.final.process.status));
    const toStop = live.filter((t) => t.final.process.status !== 'stopping');
    if (options.confirm && toStop.length > 0) {
      const stderrTheme = createTheme(ctx.stderr.colour);
      const text = toStop.map((t) => renderStopConfirmation(t.final.process, t.connections, ctx.now(), stderrTheme)).join('');
      await confirm(ctx, text, toStop.map((t) => t.processId));
    }
    const requestedAt = performance.now();
    try {
      for (const target of toStop) {
        const accepted = await stopProcessV3(client, target.appId, target.processId);
        target.sent = true;
        if (accepted.unreadableAnswer !== undefined) {
          ctx.warn(`the stop of process ${target.processId} was accepted, but its answer could not be read (${sanitizeCell(accepted.unreadableAnswer)})`);
        }
      }
      // From here on an interruption must not hide that the stops went out.
      await Promise.all(
        live.map(async (target) => {
          const after = await getProcessV3(client, target.appId, target.processId);
          target.final = { process: after.data, raw: after.raw };
          if (options.wait) await waitUntilEnded(client, target, requestedAt, ctx);
        }),
      );
    } catch (error) {
      const sent = targets.filter((t) => t.sent).map((t) => t.processId);
      if (error instanceof InterruptedError && sent.length > 0) {
        const check = sent.length === 1 ? `the stop request was sent: check with \`hproc show ${sent[0] ?? ''}\`` : `stop requests were sent for ${sent.join(', ')}: check with \`hproc show ${sent.join(' ')}\``;
        throw new InterruptedError(`interrupted; ${check}`, { cause: error });
      }
      throw error;
    }
  } finally {
    await client.close();
  }
  if (options.json) {
    const raws = targets.map((t) => t.final.raw);
    ctx.io.stdout.write(renderJson(raws.length === 1 ? raws[0] : raws, ctx.stdout.isTTY));
    return;
  }
  ctx.io.stdout.write(targets.map((t) => renderStopOutcome(t.final.process, { sent: t.sent, waitedMs: t.waitedMs }, theme)).join(''));
}

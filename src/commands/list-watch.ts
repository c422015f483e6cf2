// `hproc list --watch`: polls the listing and reports what changed. On a terminal it redraws a
// table in place; anywhere else (or with --json/-o ndjson) it writes one NDJSON event per change,
// the first poll giving ADDED for every process. It runs until Ctrl-C or until the reader goes away.
import type { RunContext } from '../run-context.js';
import { InterruptedError } from '../errors.js';
import { FailureStreak, isTransient, pauseAfterFailures, sleep as abortableSleep } from '../api/retry-policy.js';
import type { ProcessView } from '../models/normalise.js';
import { formatDuration } from '../units.js';
import { sanitizeCell } from '../render/sanitize.js';
import { createTheme } from '../render/theme.js';
import {
  CLEAR_SCREEN,
  ENTER_SCREEN,
  HIDE_CURSOR,
  LEAVE_SCREEN,
  redrawSequence,
  renderWatchEvents,
  renderWatchFrame,
  SHOW_CURSOR,
  type Transition,
  type WatchRow,
} from '../render/watch.js';
import type { ListOptions } from './list.js';
import { diffPolls, indexPoll, type PolledProcess } from './watch-diff.js';
import { incompleteMessage } from './incomplete.js';

// How long a process that left the list stays named in the footer (at least three polls).
const GONE_SHOWN_MS = 10_000;

/** How to watch, decided by the list command from its flags and ctx. */
export interface WatchSettings {
  intervalMs: number;
  /** Write NDJSON events (not a terminal, or a JSON format was asked for); otherwise redraw a table. */
  events: boolean;
  colour: boolean;
  /** The title line of the table, e.g. `processes of app-… (status running)`. */
  title: string;
  /** `-o wide`: more columns in the table. */
  wide: boolean;
}

/** What the loop needs from outside, replaceable in tests. */
export interface WatchDeps {
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Stops after this many polls (tests); default: until interrupted. */
  maxPolls?: number;
  /** Jitter of the backoff after failed refreshes, in [0, 1). */
  random?: () => number;
}

/** Runs the watch loop of `hproc list --watch`. */
export async function runListWatch(options: ListOptions, settings: WatchSettings, ctx: RunContext, deps: WatchDeps = {}): Promise<void> {
  const sleep = deps.sleep ?? abortableSleep;
  const { fetchProcessList } = await import('./list-fetch.js');
  const client = await ctx.client();
  const theme = createTheme(settings.colour);
  const { stdout, stderr } = ctx.io;
  const transitions = new Map<string, Transition>();
  // Processes that left the list, shown in the footer until this poll: long enough to read.
  const gone = new Map<string, { status: string; untilPoll: number }>();
  const goneForPolls = Math.max(3, Math.ceil(GONE_SHOWN_MS / settings.intervalMs));
  let previous = new Map<string, PolledProcess>();
  let views: ProcessView[] = [];
  let drawn = false;
  let unregister: (() => void) | undefined;
  // Why the last poll's listing is short (a table shows it in its footer), and the last reason warned of.
  let incomplete: string | undefined;
  let warned: string | undefined;
  // Refreshes failed in a row: a transient failure is retried on the shared backoff, a persistent
  // streak (enough failures over at least --timeout, api/retry-policy.ts) or any other error ends the watch.
  const streak = new FailureStreak(ctx.settings.timeoutMs.value, () => performance.now());
  // A poll every few seconds should cost few requests: one cursor, not a partition per status and region.
  const pollOptions: ListOptions = { ...options, paging: 'single' };
  try {
    for (let poll = 1; ; poll += 1) {
      let error: string | undefined;
      let changes: ReturnType<typeof diffPolls> = [];
      try {
        // Each poll replaces the last one's data: only one poll counts against the memory budget.
        client.releaseHeld();
        const listed = await fetchProcessList(client, pollOptions);
        incomplete = listed.incomplete === undefined ? undefined : incompleteMessage(listed.views.length, listed.incomplete);
        // Events go on stdout: the reason goes to stderr, once while it stays the same.
        if (settings.events && incomplete !== undefined && incomplete !== warned) ctx.warn(incomplete);
        warned = incomplete;
        const current = listed.views.map((view, i): PolledProcess => ({ processId: view.processId, status: view.status, raw: listed.raws[i] }));
        changes = diffPolls(previous, current);
        previous = indexPoll(current);
        views = listed.views;
        streak.reset();
      } catch (failure) {
        if (!isTransient(failure) || streak.fail()) throw failure;
        error = failure instanceof Error ? failure.message : String(failure);
        // Server text (an API error message) reaches the terminal only through the sanitiser. A
        // table shows the failure in its footer; events go on stdout, so the note goes to stderr.
        if (settings.events) stderr.write(`hproc: refresh failed: ${sanitizeCell(error)}; retrying\n`);
      }
      const now = ctx.now();
      if (settings.events) {
        if (changes.length > 0) stdout.write(renderWatchEvents(changes.map((c) => c.event), stdout.isTTY));
      } else {
        for (const change of changes) {
          if (change.event.type === 'DELETED') transitions.delete(change.processId);
          else if (change.event.type === 'ADDED' && poll > 1) transitions.set(change.processId, { kind: 'added', at: now });
          else if (change.previousStatus !== null && change.previousStatus !== change.status) {
            transitions.set(change.processId, { kind: 'status', from: change.previousStatus, to: change.status, at: now });
          }
        }
        const marks = new Map(changes.map((c) => [c.processId, c.event.type === 'ADDED' ? '+' : '*'] as const));
        const rows: WatchRow[] = views.map((view) => ({
          view,
          mark: poll === 1 ? '' : (marks.get(view.processId) ?? ''),
          transition: transitions.get(view.processId),
        }));
        for (const change of changes) {
          if (change.event.type === 'DELETED') gone.set(change.processId, { status: change.status, untilPoll: poll + goneForPolls - 1 });
          else gone.delete(change.processId);
        }
        for (const [processId, entry] of gone) if (entry.untilPoll < poll) gone.delete(processId);
        const goneList = [...gone].map(([processId, entry]) => ({ processId, status: entry.status }));
        const frame = { title: settings.title, rows, gone: goneList, error, incomplete, now, intervalText: formatDuration(settings.intervalMs) };
        const wide = settings.wide ? { generation: options.generation } : undefined;
        // Read at every frame, so a resized terminal gets a frame of its new size.
        const lines = renderWatchFrame({ ...frame, wide }, theme, stdout.columns, stdout.rows);
        // However the run ends (a second Ctrl-C, SIGTERM's forced exit), the shell's screen comes back.
        if (!drawn) unregister = ctx.onExit?.(() => ctx.io.stdout.write(LEAVE_SCREEN + SHOW_CURSOR));
        stdout.write((drawn ? '' : HIDE_CURSOR + ENTER_SCREEN + CLEAR_SCREEN) + redrawSequence(lines, stdout.columns, stdout.rows));
        drawn = true;
      }
      if (deps.maxPolls !== undefined && poll >= deps.maxPolls) return;
      await stdout.drained?.();
      try {
        // The interval as given; after failures, the shared backoff when it is longer (api/retry-policy.ts).
        await sleep(pauseAfterFailures(settings.intervalMs, streak.count, deps.random ?? Math.random), ctx.signal);
      } catch (failure) {
        if (ctx.signal.aborted) throw new InterruptedError('interrupted');
        throw failure;
      }
    }
  } finally {
    unregister?.();
    if (drawn) stdout.write(LEAVE_SCREEN + SHOW_CURSOR);
    await client.close();
  }
}

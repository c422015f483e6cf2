// The work of `hproc top`, loaded only when it runs: the terminal (alternate screen, raw keys,
// resize), the polite polling of the API, and the panes' requests. Every event goes through the
// pure update() of src/top/state.ts; this module only carries out the effects it asks for and
// draws the frames render/top-screen.ts lays out.
import type { ApiClient } from '../api/client.js';
import { mapBounded } from '../api/bounded.js';
import { httpStatusOf } from '../api/http-errors.js';
import { getProcessMetricsV3 } from '../api/metrics.js';
import { listProcessesV3Paged, PAGE_SIZE } from '../api/paging.js';
import { getProcessV3, listLatestProcessesV3 } from '../api/processes.js';
import { isTransient, pauseAfterFailures, sleep } from '../api/retry-policy.js';
import { listProcessRooms } from '../api/rooms.js';
import { stopProcessV3 } from '../api/stop.js';
import { InterruptedError } from '../errors.js';
import { parseKeys } from '../io/keys.js';
import { PROCESS_STATUSES, REGIONS } from '../models/enums.js';
import type { ProcessMetricsData } from '../models/metrics.js';
import { toProcessView, type ProcessView } from '../models/normalise.js';
import { newestFirst } from '../models/order.js';
import { renderDetailWrapped } from '../render/detail.js';
import { processDetailSections } from '../render/process-detail.js';
import { renderRooms } from '../render/rooms.js';
import { createTheme } from '../render/theme.js';
import { ENTER_SCREEN, frameUpdate, LEAVE_SCREEN, renderTopScreen } from '../render/top-screen.js';
import type { RunContext } from '../run-context.js';
import { initialState, latestMetrics, listedStatuses, update, visibleRows, type Effect, type ProcessMetrics, type TopEvent, type TopState } from '../top/state.js';
import { fetchExtras } from './show-fetch.js';
import { followLogs } from './top-logs.js';
import type { TopOptions } from './top.js';

/** Metrics of one process are asked for no more often than this. */
export const METRICS_MIN_AGE_MS = 10_000;
/** Metrics requests in flight at once. */
export const METRICS_CONCURRENCY = 4;
// The metrics window: the last 30 minutes, one sample a minute (what the sparklines show).
const METRICS_WINDOW_S = 30 * 60;
const METRICS_STEP_S = 60;
const METRIC_NAMES = ['cpu', 'memory', 'activeConnections', 'rateEgress'] as const;

/** main.ts's hook that undoes terminal changes however the run ends, where the run has one. */
type ExitHook = { readonly onExit?: ((restore: () => void) => () => void) | undefined };

/** What the runner needs from outside, replaceable in tests. */
export interface TopDeps {
  random?: () => number;
  /** Called with each frame's lines after it is drawn (tests, measurements). */
  onFrame?: (lines: readonly string[], state: TopState) => void;
}

/** A short reason for the footer: the HTTP status when there is one ("503"), else the message. */
export function failureText(error: unknown): string {
  const status = httpStatusOf(error);
  if (status !== undefined) return String(status);
  return error instanceof Error ? error.message : String(error);
}

/** Wraps a client so that every request it sends is counted (the help pane shows the rate). */
function countingClient(client: ApiClient, count: () => void): ApiClient {
  return Object.assign(Object.create(client) as ApiClient, {
    getJson: (path: string, query?: Parameters<ApiClient['getJson']>[1]) => {
      count();
      return client.getJson(path, query);
    },
    postEmpty: (path: string) => {
      count();
      return client.postEmpty(path);
    },
    stream: (path: string, query?: Parameters<ApiClient['stream']>[1], options?: Parameters<ApiClient['stream']>[2]) => {
      count();
      return client.stream(path, query, options);
    },
  });
}

function seriesOf(data: ProcessMetricsData, name: (typeof METRIC_NAMES)[number]): number[] {
  return [...(data[name] ?? [])].sort((a, b) => a.timestamp - b.timestamp).map((sample) => sample.value);
}

async function fetchMetrics(client: ApiClient, appId: string, processId: string, now: number): Promise<ProcessMetrics> {
  const end = Math.floor(now / 1000);
  const { data } = await getProcessMetricsV3(client, appId, processId, { metrics: METRIC_NAMES, start: end - METRICS_WINDOW_S, end, step: METRICS_STEP_S });
  return { cpu: seriesOf(data, 'cpu'), memory: seriesOf(data, 'memory'), connections: seriesOf(data, 'activeConnections'), egress: seriesOf(data, 'rateEgress'), fetchedAt: now };
}

async function listOnce(client: ApiClient, options: TopOptions, statuses: readonly string[] | null): Promise<{ views: ProcessView[]; incomplete?: string }> {
  const result = await listProcessesV3Paged(client, options.appId, {
    ...(statuses === null ? {} : { statuses }),
    regions: options.regions,
    limit: options.limit,
    // One cursor: a listing every interval should cost as few requests as the data allows.
    strategy: 'single',
    knownRegions: REGIONS,
    knownStatuses: PROCESS_STATUSES,
  });
  const views = result.data.map((process) => toProcessView('v3', 'ProcessV3', process));
  // A listing paging could not finish is shown with its reason, never as if it were whole.
  return { views: newestFirst(views, (view) => Date.parse(view.createdAt)), ...(result.incomplete === undefined ? {} : { incomplete: result.incomplete }) };
}

/** Runs `hproc top` until q, Ctrl-C, a signal or a failure that retrying cannot mend; the terminal is restored on every way out. */
export async function runTop(options: TopOptions, ctx: RunContext, deps: TopDeps = {}): Promise<void> {
  const out = ctx.io.stdout;
  const stdin = ctx.io.stdin;
  if (stdin?.readKeys === undefined) throw new InterruptedError('no keyboard to read');
  const random = deps.random ?? Math.random;
  const requestTimes: number[] = [];
  const client = countingClient(await ctx.client(), () => requestTimes.push(performance.now()));
  const theme = createTheme(ctx.stdout.colour);
  const plain = createTheme(false);
  const size = (): { width: number; height: number } => ({ width: Math.max(20, out.columns ?? 80), height: Math.max(8, out.rows ?? 24) });

  let state = initialState({ appId: options.appId, intervalMs: options.intervalMs, statuses: options.statuses, ...size(), now: ctx.now().getTime() });
  let drawn: string[] | null = null;
  let drawPending = false;
  let finished = false;
  let finish: (error?: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      if (error === undefined) resolve();
      else reject(error);
    };
  });
  // Aborted when top ends, whatever the way: it stops the poll loop, the metrics and the log stream.
  const life = new AbortController();
  const onAbort = (): void => finish(new InterruptedError('interrupted'));
  ctx.signal.addEventListener('abort', onAbort, { once: true });

  // --- the terminal ---------------------------------------------------------------------------
  let restored = false;
  let stopKeys: () => void = () => undefined;
  let stopResize: () => void = () => undefined;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stopKeys();
    stopResize();
    out.write(LEAVE_SCREEN);
  };
  // Whatever ends the run (a signal aborts ctx.signal), the screen is given back at once; main.ts
  // also runs the restore when it leaves without waiting for top (a second signal, a forced exit).
  ctx.signal.addEventListener('abort', restore, { once: true });
  const forgetRestore = (ctx as RunContext & ExitHook).onExit?.(restore) ?? ((): void => undefined);

  const draw = (): void => {
    drawPending = false;
    if (restored) return;
    const lines = renderTopScreen(state, theme);
    const text = frameUpdate(drawn, lines);
    if (text !== '') out.write(ctx.secrets.mask(text));
    drawn = lines;
    deps.onFrame?.(lines, state);
  };
  const scheduleDraw = (): void => {
    if (drawPending) return;
    drawPending = true;
    // Keys that arrive together (a paste, a held arrow) make one frame.
    setImmediate(() => {
      try {
        draw();
      } catch (error) {
        finish(error);
      }
    });
  };

  // --- effects ----------------------------------------------------------------------------------
  let wakePoll: AbortController | undefined;
  let logs: AbortController | undefined;
  let detailFor: { view: ProcessView; raw: unknown; extras: Awaited<ReturnType<typeof fetchExtras>>['extras'] } | undefined;

  const guarded = (work: () => Promise<void>): void => {
    work().catch((error: unknown) => {
      if (!life.signal.aborted) finish(error);
    });
  };
  const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

  const renderDetail = async (): Promise<void> => {
    if (detailFor === undefined) return;
    const sections = processDetailSections(detailFor.view, detailFor.raw, { relative: true, now: new Date(state.now) }, detailFor.extras);
    const text = await renderDetailWrapped(sections, plain, state.width);
    dispatch({ type: 'detail', processId: detailFor.view.processId, lines: text.trimEnd().split('\n'), error: null });
  };

  const perform = (effect: Effect): void => {
    switch (effect.kind) {
      case 'quit':
        finish();
        return;
      case 'redraw':
        drawn = null;
        return;
      case 'relist':
        wakePoll?.abort();
        return;
      case 'open-detail':
        detailFor = undefined;
        guarded(async () => {
          try {
            const { data, raw } = await getProcessV3(client, options.appId, effect.processId);
            const view = toProcessView('v3', 'ProcessV3', data);
            const { extras } = await fetchExtras(client, view, ctx.now());
            detailFor = { view, raw, extras };
            await renderDetail();
          } catch (error) {
            if (error instanceof InterruptedError) throw error;
            dispatch({ type: 'detail', processId: effect.processId, lines: null, error: message(error) });
          }
        });
        return;
      case 'open-rooms':
        guarded(async () => {
          try {
            const { data, raw } = await listProcessRooms(client, options.appId, effect.processId, 'active');
            const text =
              data.length === 0
                ? 'no active rooms'
                : renderRooms(data, raw, { format: 'table', colour: false, stdoutIsTTY: true, stderrIsTTY: false, width: state.width, now: ctx.now() }).stdout;
            dispatch({ type: 'rooms', processId: effect.processId, lines: text.trimEnd().split('\n'), error: null });
          } catch (error) {
            if (error instanceof InterruptedError) throw error;
            dispatch({ type: 'rooms', processId: effect.processId, lines: null, error: message(error) });
          }
        });
        return;
      case 'open-metrics':
        guarded(async () => {
          const known = state.metrics.get(effect.processId);
          if (known !== undefined && state.now - known.fetchedAt < METRICS_MIN_AGE_MS) return;
          try {
            dispatch({ type: 'metrics', processId: effect.processId, metrics: await fetchMetrics(client, options.appId, effect.processId, ctx.now().getTime()) });
          } catch (error) {
            if (error instanceof InterruptedError) throw error;
          }
        });
        return;
      case 'open-logs': {
        logs?.abort();
        const controller = new AbortController();
        logs = controller;
        life.signal.addEventListener('abort', () => controller.abort(), { once: true });
        const processId = effect.processId;
        // Lines that arrive in a burst are handed over in one event, so a chatty log costs one frame.
        let batch: string[] = [];
        let flushing = false;
        guarded(() =>
          followLogs(client, options.appId, processId, controller.signal, ctx.settings.timeoutMs.value, {
            lines: (lines) => {
              batch.push(...lines);
              if (flushing) return;
              flushing = true;
              setImmediate(() => {
                flushing = false;
                const taken = batch;
                batch = [];
                if (!controller.signal.aborted) dispatch({ type: 'logs', processId, lines: taken });
              });
            },
          }),
        );
        return;
      }
      case 'close-logs':
        logs?.abort();
        logs = undefined;
        return;
      case 'prepare-stop':
        guarded(async () => {
          let rooms: string[] = [];
          try {
            rooms = (await listProcessRooms(client, options.appId, effect.processId, 'active')).data.map((room) => room.roomId);
          } catch (error) {
            if (error instanceof InterruptedError) throw error;
          }
          let players = latestMetrics(state, effect.processId).connections;
          if (players === null) {
            try {
              const fetched = await fetchMetrics(client, options.appId, effect.processId, ctx.now().getTime());
              dispatch({ type: 'metrics', processId: effect.processId, metrics: fetched });
              players = fetched.connections.at(-1) ?? null;
            } catch (error) {
              if (error instanceof InterruptedError) throw error;
            }
          }
          dispatch({ type: 'stop-facts', processId: effect.processId, facts: { rooms, players } });
        });
        return;
      case 'stop':
        guarded(async () => {
          try {
            await stopProcessV3(client, options.appId, effect.processId);
            dispatch({ type: 'stopped', processId: effect.processId, error: null, now: ctx.now().getTime() });
          } catch (error) {
            if (life.signal.aborted) return;
            dispatch({ type: 'stopped', processId: effect.processId, error: message(error), now: ctx.now().getTime() });
          }
        });
        return;
    }
  };

  // --- metrics of the rows on screen -----------------------------------------------------------
  let metricsRound = false;
  const refreshMetrics = (): void => {
    if (metricsRound || life.signal.aborted) return;
    const now = ctx.now().getTime();
    const due = visibleRows(state).filter((view) => {
      if (view.terminatedAt !== null) return false;
      const known = state.metrics.get(view.processId);
      return known === undefined || now - known.fetchedAt >= METRICS_MIN_AGE_MS;
    });
    if (due.length === 0) return;
    metricsRound = true;
    guarded(async () => {
      try {
        await mapBounded(due, METRICS_CONCURRENCY, async (view) => {
          if (life.signal.aborted) return;
          let metrics: ProcessMetrics;
          try {
            metrics = await fetchMetrics(client, options.appId, view.processId, now);
          } catch (error) {
            if (error instanceof InterruptedError || life.signal.aborted) throw error;
            // Asked again no sooner than any other process: a failing endpoint is not hammered.
            metrics = { ...(state.metrics.get(view.processId) ?? { cpu: [], memory: [], connections: [], egress: [] }), fetchedAt: now };
          }
          dispatch({ type: 'metrics', processId: view.processId, metrics });
        });
      } finally {
        metricsRound = false;
      }
      // Rows that came into view while the round ran.
      refreshMetrics();
    });
  };

  function dispatch(event: TopEvent): void {
    if (finished) return;
    try {
      state = update(state, event);
      for (const effect of state.effects) perform(effect);
      if (event.type !== 'metrics' || visibleRows(state).some((view) => view.processId === event.processId)) scheduleDraw();
      if (event.type === 'listed' || event.type === 'key' || event.type === 'resize') refreshMetrics();
      if (event.type === 'resize' && state.pane.kind === 'detail') guarded(renderDetail);
    } catch (error) {
      finish(error);
    }
  }

  // --- the poll loop ---------------------------------------------------------------------------
  const poll = async (): Promise<void> => {
    let failures = 0;
    let first = true;
    while (!life.signal.aborted) {
      try {
        // A long first listing takes many round trips: its first page goes on screen at once, and
        // when that page is short it is the whole listing.
        let whole = false;
        if (first && options.limit > PAGE_SIZE) {
          const statuses = listedStatuses(state);
          const page = await listLatestProcessesV3(client, options.appId, { ...(statuses === null ? {} : { statuses }), regions: options.regions });
          const views = newestFirst(page.data.map((process) => toProcessView('v3', 'ProcessV3', process)), (view) => Date.parse(view.createdAt));
          whole = page.data.length < PAGE_SIZE;
          dispatch({ type: 'listed', processes: views, now: ctx.now().getTime(), partial: !whole });
        }
        first = false;
        if (!whole) {
          const listed = await listOnce(client, options, listedStatuses(state));
          dispatch({ type: 'listed', processes: listed.views, now: ctx.now().getTime(), ...(listed.incomplete === undefined ? {} : { incomplete: listed.incomplete }) });
        }
        failures = 0;
      } catch (error) {
        if (life.signal.aborted) return;
        // A failure retrying cannot mend (no such app, a revoked token) ends top with its message.
        if (!isTransient(error)) throw error;
        failures += 1;
        dispatch({ type: 'list-failed', message: failureText(error), now: ctx.now().getTime() });
      }
      wakePoll = new AbortController();
      const wake = AbortSignal.any([wakePoll.signal, life.signal]);
      try {
        await sleep(pauseAfterFailures(options.intervalMs, failures, random), wake);
      } catch {
        // Woken early (the status scope changed) or ending.
      }
    }
  };

  const tick = setInterval(() => {
    const now = performance.now();
    while (requestTimes.length > 0 && (requestTimes[0] as number) < now - 60_000) requestTimes.shift();
    dispatch({ type: 'rate', perMinute: requestTimes.length });
    dispatch({ type: 'tick', now: ctx.now().getTime() });
    refreshMetrics();
  }, 1000);

  try {
    out.write(ENTER_SCREEN);
    stopKeys = stdin.readKeys(
      (text) => {
        for (const key of parseKeys(text)) dispatch({ type: 'key', key });
      },
      () => finish(),
    );
    stopResize = out.onResize?.(() => {
      // Every row is written again; clearing the screen instead makes some terminals (tmux) keep
      // the old frame in the scrollback the shell's screen returns to.
      drawn = null;
      dispatch({ type: 'resize', ...size() });
    }) ?? (() => undefined);
    draw();
    guarded(poll);
    await done;
  } finally {
    clearInterval(tick);
    life.abort();
    logs?.abort();
    ctx.signal.removeEventListener('abort', onAbort);
    ctx.signal.removeEventListener('abort', restore);
    restore();
    forgetRestore();
    await client.close();
  }
}

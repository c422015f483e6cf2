import type { RunContext } from '../run-context.js';
import { InterruptedError, UsageError } from '../errors.js';
import type { ApiClient } from '../api/client.js';
import { formatDuration } from '../units.js';
import { defineCommand } from '../cli/spec.js';
import { appOptions, connectionOptions, outputOptions } from '../cli/option-groups.js';
import type { OutputFormat } from '../render/formats.js';
import { validateProcessId } from '../api/ids.js';
import { DEPRECATED_PROCESS_METRIC_NAMES, PROCESS_METRIC_NAMES } from '../models/enums.js';
import { parseCommaList, parseDuration, resolveEnumValues, resolveOutputFormat } from './flags.js';
import { renderTargetFor, writeRendered } from './output-target.js';

/** The metrics shown when --metric is not given (the GPU ones only on request). */
export const DEFAULT_METRICS = ['cpu', 'memory', 'rateEgress', 'totalEgress', 'activeConnections'] as const;

/** Most samples per metric hproc asks for in one call. */
export const MAX_SAMPLES = 10_000;

/** Validated options of `hproc metrics`. */
export interface MetricsOptions {
  processId: string;
  appId: string | undefined;
  generation: 'v1' | 'v3';
  /** Names as the chosen endpoint spells them. */
  metrics: string[];
  /** Window length and step, whole seconds. */
  sinceSeconds: number;
  stepSeconds: number;
  format: OutputFormat;
}

const V3_TO_V1: Readonly<Record<string, string>> = { rateEgress: 'rate_egress', totalEgress: 'total_egress', activeConnections: 'active_connections' };

// A window is no timer, so it may pass the timers' 24 days; a century keeps its start a date any
// clock and the API can hold (a larger one failed formatting the window as an internal error).
const MAX_WINDOW_MS = 36_500 * 86_400_000;

function wholeSeconds(flag: string, value: string): number {
  const seconds = parseDuration(flag, value, MAX_WINDOW_MS) / 1000;
  if (!Number.isInteger(seconds)) throw new UsageError(`${flag} must be a whole number of seconds, got '${value}'`);
  return seconds;
}

/** The default step: about 60 samples in the window, in whole minutes, never under a minute. */
export function defaultStep(sinceSeconds: number): number {
  return Math.max(60, Math.ceil(sinceSeconds / 60 / 60) * 60);
}

function toMetricsOptions(args: readonly string[], opts: Readonly<Record<string, unknown>>, ctx: RunContext): MetricsOptions {
  const generation = opts.api === 'v1' ? 'v1' : 'v3';
  const requested = opts.metric === undefined ? [...DEFAULT_METRICS] : parseCommaList('--metric', String(opts.metric));
  let metrics: string[];
  if (generation === 'v1') {
    // Either spelling is accepted; the v1 endpoint is sent its own.
    // Either spelling is accepted (they fold to the same name); the v1 endpoint is sent its own.
    const named = resolveEnumValues('--metric', requested, PROCESS_METRIC_NAMES);
    const gpu = named.filter((name) => name.startsWith('gpu'));
    if (gpu.length > 0) throw new UsageError(`the v1 metrics endpoint has no ${gpu.join(', ')}`, { hint: 'drop --api v1' });
    metrics = resolveEnumValues('--metric', named.map((name) => V3_TO_V1[name] ?? name), DEPRECATED_PROCESS_METRIC_NAMES);
  } else {
    metrics = resolveEnumValues('--metric', requested, PROCESS_METRIC_NAMES);
  }
  const sinceSeconds = wholeSeconds('--since', String(opts.since ?? '1h'));
  const stepSeconds = opts.step === undefined ? defaultStep(sinceSeconds) : wholeSeconds('--step', String(opts.step));
  if (sinceSeconds / stepSeconds > MAX_SAMPLES) {
    throw new UsageError(`--since ${String(opts.since)} with a step of ${stepSeconds}s asks for more than ${MAX_SAMPLES} samples`, { hint: 'raise --step' });
  }
  const format = resolveOutputFormat(opts, () => ctx.settings.defaultOutput.value);
  const processId = validateProcessId(args[0] ?? '');
  const appId = ctx.settings.app.value;
  ctx.connection();
  return { processId, appId, generation, metrics, sinceSeconds, stepSeconds, format };
}

function noSamples(raw: unknown, metrics: readonly string[]): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const series = raw as Record<string, unknown>;
  return metrics.every((name) => !Array.isArray(series[name]) || series[name].length === 0);
}

/**
 * Why a window came back empty, when the process has ended: it stopped, and its samples with it.
 * Only a courtesy: if the process cannot be read, the empty rows speak for themselves.
 */
async function endedNote(client: ApiClient, appId: string, processId: string, startSeconds: number, ctx: RunContext): Promise<string | undefined> {
  try {
    const { getProcessV3 } = await import('../api/processes.js');
    const { data } = await getProcessV3(client, appId, processId);
    const endedAt = data.terminatedAt ?? data.stoppingAt;
    if (endedAt === null || !['stopped', 'failed'].includes(data.status)) return undefined;
    const endedMs = Date.parse(endedAt);
    const ago = formatDuration(ctx.now().getTime() - endedMs);
    const widen = endedMs < startSeconds * 1000 ? `; widen the window to see them, e.g. --since ${sinceCovering(ctx.now().getTime() - endedMs)}` : '';
    return `note: process ${processId} ${data.status === 'failed' ? 'failed' : 'stopped'} ${ago} ago (${endedAt}): its samples ended then${widen}`;
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return undefined;
  }
}

// A --since that reaches an hour past the end: whole hours, or whole days past two days.
function sinceCovering(ms: number): string {
  const hours = Math.ceil(ms / 3_600_000) + 1;
  return hours > 48 ? `${Math.ceil(hours / 24)}d` : `${hours}h`;
}

/** `hproc metrics <processId>`: a process's CPU, memory, egress and connections over a window. */
export const metricsCommand = defineCommand<MetricsOptions>({
  name: 'metrics',
  summary: "a process's CPU, memory, egress and connections over time",
  description:
    "Show a process's metrics over a window: latest, min, average and max of each, in human units, with\n" +
    'a sparkline of the window on a terminal. Units are not documented by the API; hproc reads cpu as\n' +
    'cores, memory as MB, rateEgress as bytes/s and totalEgress as bytes since the process started.\n' +
    'Without --app or HATHORA_APP_ID, hproc looks for the process in each of your apps.',
  args: [{ name: 'processId', description: 'the process id', required: true }],
  options: [
    ...appOptions,
    { flags: '-m, --metric <names>', description: `metrics, comma-separated or repeated (default: ${DEFAULT_METRICS.join(',')}; also gpuMemory, gpuUtilization)`, list: true },
    { flags: '--since <duration>', description: 'window length up to now, e.g. 15m, 2h, 1d', defaultValue: '1h' },
    { flags: '--step <duration>', description: 'sample spacing, seconds or a duration such as 5m (default: about 60 samples in the window, at least 60s)' },
    { flags: '--api <generation>', description: 'metrics API generation (v1 is deprecated and snake_case)', defaultValue: 'v3', choices: ['v1', 'v3'] },
    ...outputOptions,
    ...connectionOptions,
  ],
  examples: [
    { description: 'the last hour of the default five metrics', command: 'hproc metrics 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15' },
    { description: 'connections over a day, one sample every 10 minutes', command: 'hproc metrics 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15 --metric activeConnections --since 1d --step 10m' },
    { description: 'the latest CPU sample, for a script', command: "hproc metrics 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15 --metric cpu --since 15m --json | jq '.cpu[-1].value'" },
    { description: 'the deprecated v1 endpoint', command: 'hproc metrics 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15 --api v1' },
  ],
  toOptions: ({ args, opts }, ctx) => toMetricsOptions(args, opts, ctx),
  run: async (options, ctx) => {
    const end = Math.floor(ctx.now().getTime() / 1000);
    const query = { metrics: options.metrics, start: end - options.sinceSeconds, end, step: options.stepSeconds };
    const client = await ctx.client();
    let raw: unknown;
    let appId: string;
    let ended: string | undefined;
    try {
      const [{ appOfProcess }, api] = await Promise.all([import('./process-app.js'), import('../api/metrics.js')]);
      appId = await appOfProcess(client, options.appId, options.processId, ctx);
      const fetch = options.generation === 'v1' ? api.getProcessMetricsV1 : api.getProcessMetricsV3;
      raw = (await fetch(client, appId, options.processId, query)).raw;
      ended = noSamples(raw, options.metrics) ? await endedNote(client, appId, options.processId, query.start, ctx) : undefined;
    } finally {
      await client.close();
    }
    const { renderMetrics } = await import('../render/metrics.js');
    const target = renderTargetFor(options.format, ctx);
    const rendered = renderMetrics(raw, { ...query, processId: options.processId, appId, generation: options.generation }, target);
    writeRendered(ended === undefined ? rendered : { ...rendered, notes: [...rendered.notes, ended] }, ctx);
  },
});

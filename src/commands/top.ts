// `hproc top`: a live, full-screen explorer of an app's processes. This module is light: the
// screen, its state and the terminal handling load only when top runs (src/commands/top-run.ts).
import { defineCommand } from '../cli/spec.js';
import { appOptions, connectionOptions } from '../cli/option-groups.js';
import { UsageError } from '../errors.js';
import { PROCESS_STATUSES, REGIONS } from '../models/enums.js';
import { formatDuration } from '../units.js';
import { parseCommaList, parseDuration, parseIntegerFlag, resolveEnumValues } from './flags.js';

/** Validated options of `hproc top`. */
export interface TopOptions {
  appId: string;
  /** null: the active statuses (the `a` key widens to all). */
  statuses: string[] | null;
  regions: string[];
  intervalMs: number;
  /** Most processes listed (the newest). */
  limit: number;
}

const DEFAULT_INTERVAL = '2s';
// Listing more often than this would make top a load test of the API.
const MIN_INTERVAL_MS = 1000;

/** The `hproc top` command. */
export const topCommand = defineCommand<TopOptions>({
  name: 'top',
  summary: "a live, full-screen explorer of an app's processes: logs, metrics, rooms and stop a key away",
  description:
    'Show the processes of an app on one live screen, refreshed every --interval: a header with the\n' +
    'processes by status, rooms used and a bar per region; the table (CPU, memory and connections for\n' +
    'the rows on screen); and a footer with the keys and how fresh the data is. Enter opens the detail\n' +
    'of the selected process, l its logs (following), m its metrics, r its rooms; Ctrl-K stops it after\n' +
    'asking. ? lists every key. It needs a terminal; in a script use `hproc list --watch`.',
  args: [],
  options: [
    ...appOptions,
    { flags: '-s, --status <statuses>', description: 'only these statuses, comma-separated or repeated (default: starting,running,draining,stopping; the a key shows all)', list: true },
    { flags: '-r, --region <regions>', description: 'only these regions, comma-separated or repeated; any case, e.g. london,tokyo', list: true },
    { flags: '--interval <duration>', description: `time between listings, at least ${formatDuration(MIN_INTERVAL_MS)} (default: ${DEFAULT_INTERVAL})` },
    { flags: '--limit <n>', description: 'most processes listed, newest first (default: 1000)' },
    { flags: '--no-color', description: 'no colour (also: NO_COLOR=1)' },
    ...connectionOptions,
  ],
  examples: [
    { description: 'the app in $HATHORA_APP_ID', command: 'hproc top' },
    { description: 'only London and Tokyo, refreshed every 5 seconds', command: 'hproc top --region london,tokyo --interval 5s' },
    { description: 'failed processes too, to read their logs', command: 'hproc top --status running,failed' },
  ],
  toOptions: ({ opts }, ctx) => {
    // A full screen needs a person: a terminal to draw on and a keyboard to read.
    if (!ctx.stdout.isTTY || ctx.io.stdin?.isTTY !== true || ctx.io.stdin.readKeys === undefined) {
      throw new UsageError('hproc top needs a terminal: its output and its input must both be one', {
        hint: 'in a script or a pipe, hproc list --watch prints a refreshing list (NDJSON events when piped)',
      });
    }
    const appId = ctx.settings.requiredApp();
    const statuses = opts.status === undefined ? null : resolveEnumValues('--status', parseCommaList('--status', String(opts.status)), PROCESS_STATUSES);
    const regions = opts.region === undefined ? [] : resolveEnumValues('--region', parseCommaList('--region', String(opts.region)), REGIONS);
    const intervalMs = parseDuration('--interval', String(opts.interval ?? DEFAULT_INTERVAL));
    if (intervalMs < MIN_INTERVAL_MS) throw new UsageError(`--interval must be at least ${formatDuration(MIN_INTERVAL_MS)}, got '${String(opts.interval)}'`);
    const limit = parseIntegerFlag('--limit', String(opts.limit ?? '1000'), 1, 10_000);
    ctx.connection();
    return { appId, statuses, regions, intervalMs, limit };
  },
  run: async (options, ctx) => {
    const { runTop } = await import('./top-run.js');
    await runTop(options, ctx);
  },
});

// The --watch and --interval flags of `hproc list`, validated before any request. Light on
// purpose: `list` imports it statically, and the watch loop itself loads only when it runs.
import type { RunContext } from '../run-context.js';
import { UsageError } from '../errors.js';
import type { OutputSettings } from '../render/records.js';
import { formatDuration } from '../units.js';
import { parseDuration } from './flags.js';
import type { WatchSettings } from './list-watch.js';

const DEFAULT_INTERVAL = '2s';
// The shortest --interval: watching must not turn into a load test of the API.
const MIN_INTERVAL_MS = 250;

// The flag (or profile setting) a watch cannot honour, named as the user wrote it; null when none.
function watchClash(opts: Readonly<Record<string, unknown>>, output: OutputSettings, format: string): string | null {
  if (output.jq !== null) return '--jq';
  if (output.quiet) return '--quiet';
  if (typeof opts.json === 'string') return `--json ${opts.json}`;
  if (output.fields !== null) return '--fields';
  if (output.sort.length > 0) return '--sort';
  if (!['table', 'wide', 'json', 'ndjson'].includes(format)) return typeof opts.output === 'string' ? `--output ${format}` : `the profile's output ${format}`;
  return null;
}

/** Reads --watch and --interval into watch settings (null without --watch); throws UsageError on a bad combination. */
export function parseWatchFlags(
  opts: Readonly<Record<string, unknown>>,
  output: OutputSettings,
  appId: string,
  statuses: readonly string[] | null,
  ctx: RunContext,
): WatchSettings | null {
  if (opts.watch !== true) {
    if (opts.interval !== undefined) throw new UsageError('--interval needs --watch');
    return null;
  }
  const intervalMs = parseDuration('--interval', String(opts.interval ?? DEFAULT_INTERVAL));
  if (intervalMs < MIN_INTERVAL_MS) throw new UsageError(`--interval must be at least ${formatDuration(MIN_INTERVAL_MS, { exact: true })}, got '${String(opts.interval)}'`);
  const format = output.format as string;
  const clash = watchClash(opts, output, format);
  if (clash !== null) {
    throw new UsageError(`--watch conflicts with ${clash}: it shows a table on a terminal and NDJSON events otherwise`, {
      hint: typeof opts.output === 'string' || !['csv', 'tsv'].includes(format)
        ? 'use --watch alone, or --watch --json for events on a terminal'
        : `pass --output table, or change the profile's with 'hproc config set output table'`,
    });
  }
  const events = format === 'json' || format === 'ndjson' || !ctx.stdout.isTTY;
  return {
    intervalMs,
    events,
    colour: ctx.stdout.colour,
    wide: format === 'wide',
    title: `processes of ${appId}${statuses === null ? '' : ` (${statuses.join(', ')})`}`,
  };
}

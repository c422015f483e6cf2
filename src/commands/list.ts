import type { RunContext } from '../run-context.js';
import { UsageError } from '../errors.js';
import { defineCommand } from '../cli/spec.js';
import { apiGenerationOptions, appOptions, connectionOptions, recordOutputOptions } from '../cli/option-groups.js';
import { ACTIVE_PROCESS_STATUSES, PROCESS_STATUSES, REGIONS } from '../models/enums.js';
import type { ApiGeneration } from '../models/normalise.js';
import { preferSmallHeap } from './liftoff.js';
import { parseCommaList, parseIntegerFlag, resolveEnumValues } from './flags.js';
import { finishOutput, isFieldListing, prepareOutput, resolveOutputSettings, writeFieldListing, type FieldListing } from './output-flags.js';
import type { OutputSettings } from '../render/records.js';
import { processFieldNames } from '../models/process-fields.js';
import { renderTargetFor, writeRendered, writeStreamed } from './output-target.js';
import { parseWatchFlags } from './list-watch-flags.js';
import type { WatchSettings } from './list-watch.js';

/** Validated options of `hproc list`. */
export interface ListOptions {
  appId: string;
  generation: ApiGeneration;
  /** null: every status. */
  statuses: string[] | null;
  regions: string[];
  limit: number;
  output: OutputSettings;
  /** How to page v3 listings (the hidden --paging, for benchmarks and bug reports). */
  paging: 'partitioned' | 'single';
  /** --watch: poll and report changes; null for one listing. */
  watch: WatchSettings | null;
}

function toListOptions(opts: Readonly<Record<string, unknown>>, ctx: RunContext): ListOptions | FieldListing {
  const generation = opts.api as ApiGeneration;
  const output = resolveOutputSettings(opts, processFieldNames(generation, false), () => ctx.settings.defaultOutput.value);
  if (isFieldListing(output)) return output;
  if (opts.all === true && opts.status !== undefined) throw new UsageError('--all conflicts with --status');
  const statuses = opts.all === true ? null : opts.status === undefined ? [...ACTIVE_PROCESS_STATUSES] : resolveEnumValues('--status', parseCommaList('--status', String(opts.status)), PROCESS_STATUSES);
  // v1 derives a status from timestamps and cannot tell a failure from a clean stop: a failed
  // filter would quietly answer stopped processes.
  if (generation === 'v1' && statuses?.includes('failed') === true) {
    throw new UsageError('--status failed needs --api v2 or v3: the v1 API cannot tell failed processes from stopped ones', { hint: 'drop --api v1 (v3 is the default)' });
  }
  const regions = opts.region === undefined ? [] : resolveEnumValues('--region', parseCommaList('--region', String(opts.region)), REGIONS);
  const appId = ctx.settings.requiredApp();
  ctx.connection();
  return {
    appId,
    generation,
    statuses,
    regions,
    limit: parseIntegerFlag('--limit', String(opts.limit), 1, 100_000),
    output,
    paging: opts.paging === 'single' ? 'single' : 'partitioned',
    watch: parseWatchFlags(opts, output, appId, statuses, ctx),
  };
}

/** `hproc list`: an app's processes, newest first. */
export const listCommand = defineCommand<ListOptions | FieldListing>({
  name: 'list',
  summary: "list an app's processes, newest first",
  description:
    "List an app's processes, newest first. By default the active ones (starting, running, draining,\n" +
    'stopping) through the v3 API, paging past its 10-per-call limit with the `before` cursor.',
  args: [],
  options: [
    ...appOptions,
    { flags: '-s, --status <statuses>', description: 'only these statuses, comma-separated or repeated (default: starting,running,draining,stopping)', list: true },
    { flags: '--all', description: 'every status, stopped and failed included' },
    { flags: '-r, --region <regions>', description: 'only these regions, comma-separated or repeated; any case, e.g. london,tokyo', list: true },
    { flags: '-l, --limit <n>', description: 'at most this many processes', defaultValue: '100' },
    // For benchmarks and bug reports: page one cursor after another instead of partitions in parallel.
    { flags: '--paging <strategy>', description: 'how to page v3 listings', choices: ['partitioned', 'single'], defaultValue: 'partitioned', hidden: true },
    { flags: '-w, --watch', description: 'keep polling and show what changes (NDJSON events when not on a terminal)' },
    { flags: '--interval <duration>', description: 'time between polls with --watch (default: 2s)' },
    ...apiGenerationOptions,
    ...recordOutputOptions,
    ...connectionOptions,
  ],
  examples: [
    { description: 'the active processes of the app in $HATHORA_APP_ID', command: 'hproc list' },
    { description: 'every process in two regions', command: 'hproc list --all --region London,Tokyo' },
    { description: 'ids of failed processes, for a script', command: "hproc list --status failed --json | jq -r '.[].processId'" },
    { description: 'more columns, through the deprecated v1 API', command: 'hproc list -a app-af469a92-5b45-4565-b3c4-b79878de67d2 --api v1 -o wide' },
    { description: 'watch processes come and go, refreshing every 5 seconds', command: 'hproc list --watch --interval 5s' },
  ],
  toOptions: ({ opts }, ctx) => toListOptions(opts, ctx),
  run: async (options, ctx) => {
    if (isFieldListing(options)) return writeFieldListing(options, ctx);
    if (options.watch !== null) {
      const { runListWatch } = await import('./list-watch.js');
      return runListWatch(options, options.watch, ctx);
    }
    await prepareOutput(options.output);
    // Thousands of processes are held three ways (raw, validated, view): keep the heap tight.
    if (options.limit > 1000) await preferSmallHeap();
    const client = await ctx.client();
    let listed: import('./list-fetch.js').FetchedList;
    // The renderer loads while the listing is fetched, so its compile overlaps the round trips.
    const renderer = import('../render/process-list.js');
    const { startProgress } = await import('../render/progress.js');
    const progress = startProgress(ctx.io.stderr, `listing processes of ${options.appId}…`, { enabled: ctx.showsProgress, onExit: ctx.onExit, retries: ctx.retries.listen });
    try {
      const { fetchProcessList } = await import('./list-fetch.js');
      listed = await fetchProcessList(client, options);
    } finally {
      progress.done();
      await client.close();
    }
    const { renderProcessList, streamProcessList } = await renderer;
    const target = renderTargetFor(options.output.format, ctx);
    const notes: string[] = [];
    if (listed.views.length === 0 && (options.output.format === 'table' || options.output.format === 'wide') && !options.output.quiet && options.output.jq === null) {
      const which = options.statuses === null ? 'any status' : `status ${options.statuses.join(', ')}`;
      notes.push(`no processes in app ${options.appId} with ${which}${options.regions.length > 0 ? ` in ${options.regions.join(', ')}` : ''}`);
    }
    const notesOf = (more: readonly string[]): string[] => [...more, ...listed.notes, ...notes];
    if (options.output.jq !== null) {
      // jq reads the whole document at once.
      const rendered = renderProcessList(listed.views, listed.raws, options.generation, target, options.output);
      writeRendered({ stdout: await finishOutput(rendered.stdout, options.output, ctx), notes: notesOf(rendered.notes) }, ctx);
    } else {
      const streamed = streamProcessList(listed.views, listed.raws, options.generation, target, options.output);
      await writeStreamed({ chunks: streamed.chunks, notes: notesOf(streamed.notes) }, ctx);
    }
    // For shell completion of `hproc show <Tab>` and friends; ids only, in the user's cache directory.
    const { rememberIds } = await import('../io/id-cache.js');
    await rememberIds(ctx.env, listed.views.map((view) => view.processId));
    // Printed, but short of what was asked: stderr says why, always, and the exit code tells a script.
    if (listed.incomplete !== undefined) {
      const { incompleteError, incompleteMessage } = await import('./incomplete.js');
      throw incompleteError(incompleteMessage(listed.views.length, listed.incomplete));
    }
  },
});

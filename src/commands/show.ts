import { defineCommand } from '../cli/spec.js';
import { apiGenerationOptions, appOptions, connectionOptions, recordOutputOptions } from '../cli/option-groups.js';
import { validateProcessId } from '../api/ids.js';
import type { ApiGeneration } from '../models/normalise.js';
import { processFieldNames } from '../models/process-fields.js';
import type { OutputSettings } from '../render/records.js';
import { finishOutput, isFieldListing, prepareOutput, resolveOutputSettings, writeFieldListing, type FieldListing } from './output-flags.js';
import { renderTargetFor, writeRendered } from './output-target.js';

/** Validated options of `hproc show`. */
export interface ShowOptions {
  /** One or more, shown in the order given. */
  processIds: readonly string[];
  /** undefined: find the app among the caller's apps. */
  appId: string | undefined;
  generation: ApiGeneration;
  output: OutputSettings;
}

// Processes fetched at once by `show a b c`; each is up to four requests.
const SHOW_CONCURRENCY = 4;

/** `hproc show <processId...>`: processes in depth. */
export const showCommand = defineCommand<ShowOptions | FieldListing>({
  name: 'show',
  summary: 'show processes in depth',
  description:
    'Show one process in depth: identity, status, lifecycle with the time between steps, capacity,\n' +
    'network and, through the v1 API, usage with its deprecated fields flagged. Alongside, it fetches\n' +
    'its active rooms, latest metrics, deployment and fleet (node shape, and whether the fleet is in\n' +
    "error in the process's region), and marks a process idle past the 5-minute idle\n" +
    'timeout; if one of these calls fails, show says so on stderr and shows the rest. JSON output is\n' +
    'the process payload alone. Without --app or HATHORA_APP_ID, hproc looks for the process in each\n' +
    'of your apps. Several ids show one after another (JSON: an array, in the order given).',
  args: [{ name: 'processId', description: 'the process id; several, separated by spaces', required: true, variadic: true }],
  options: [...appOptions, ...apiGenerationOptions, ...recordOutputOptions, ...connectionOptions],
  examples: [
    { description: 'a process, finding its app', command: 'hproc show cbfcddd2-0006-43ae-996c-995fff7bed2e' },
    { description: 'the v1 record, deprecated fields flagged', command: 'hproc show cbfcddd2-0006-43ae-996c-995fff7bed2e --api v1' },
    { description: 'its public address, for a script', command: "hproc show cbfcddd2-0006-43ae-996c-995fff7bed2e --json | jq -r '.exposedPort.host'" },
    { description: 'two processes, only some fields', command: 'hproc show cbfcddd2-0006-43ae-996c-995fff7bed2e 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15 --json processId,status' },
  ],
  toOptions: ({ args, opts }, ctx) => {
    const generation = opts.api as ApiGeneration;
    const output = resolveOutputSettings(opts, processFieldNames(generation, true), () => ctx.settings.defaultOutput.value);
    if (isFieldListing(output)) return output;
    const processIds = [...new Set(args.map((arg) => validateProcessId(arg)))];
    const appId = ctx.settings.app.value;
    ctx.connection();
    return { processIds, appId, generation, output };
  },
  run: async (options, ctx) => {
    if (isFieldListing(options)) return writeFieldListing(options, ctx);
    await prepareOutput(options.output);
    const client = await ctx.client();
    const shown: import('../render/process-show.js').ShownProcess[] = [];
    const { startProgress } = await import('../render/progress.js');
    const several = options.processIds.length > 1;
    // Only app discovery (one request per app) is slow enough to deserve a spinner.
    const progress = startProgress(ctx.io.stderr, several ? `looking for ${options.processIds.length} processes in your apps…` : `looking for process ${options.processIds[0] ?? ''} in your apps…`, {
      enabled: options.appId === undefined && ctx.showsProgress,
      retries: ctx.retries.listen,
    });
    try {
      const [{ fetchProcess, fetchExtras, startEarlyExtras }, { showsDetailView }, { mapBounded }] = await Promise.all([
        import('./show-fetch.js'),
        // Rooms, metrics and deployment only feed the sections for a person; JSON stays the process payload.
        import('../render/process-show.js'),
        import('../api/bounded.js'),
      ]);
      const wantExtras = showsDetailView(options.output);
      const showOne = async (processId: string): Promise<import('../render/process-show.js').ShownProcess> => {
        // With the app known, the extras need not wait for the process: one round trip instead of two.
        const early =
          wantExtras && options.appId !== undefined && options.generation === 'v3'
            ? await startEarlyExtras(client, options.appId, processId, ctx.now())
            : undefined;
        const fetched = await fetchProcess(client, { ...options, processId }, (appId) => {
          if (!several) progress.done();
          ctx.note(`found process ${processId} in app ${appId}`);
        });
        if (!wantExtras) return fetched;
        const result = await fetchExtras(client, fetched.view, ctx.now(), early);
        for (const failure of result.failures) ctx.warn(failure);
        return { ...fetched, extras: result.extras };
      };
      // Nothing is printed until every process is in: one that is missing fails the run with empty stdout.
      shown.push(...(await mapBounded(options.processIds, SHOW_CONCURRENCY, showOne)));
    } finally {
      progress.done();
      await client.close();
    }
    const { renderProcessDetails } = await import('../render/process-show.js');
    const target = renderTargetFor(options.output.format, ctx);
    const rendered = await renderProcessDetails(shown, target, options.output);
    writeRendered({ stdout: await finishOutput(rendered.stdout, options.output, ctx), notes: rendered.notes }, ctx);
  },
});

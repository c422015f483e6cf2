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
  processId: string;
  /** undefined: find the app among the caller's apps. */
  appId: string | undefined;
  generation: ApiGeneration;
  output: OutputSettings;
}

/** `hproc show <processId>`: one process in depth. */
export const showCommand = defineCommand<ShowOptions | FieldListing>({
  name: 'show',
  summary: 'show one process in depth',
  description:
    'Show one process in depth: identity, status, lifecycle with the time between steps, capacity,\n' +
    'network and, through the v1 API, usage with its deprecated fields flagged. Alongside, it fetches\n' +
    'its active rooms, latest metrics and deployment, and marks a process idle past the 5-minute idle\n' +
    'timeout; if one of these calls fails, show says so on stderr and shows the rest. JSON output is\n' +
    'the process payload alone. Without --app or HATHORA_APP_ID, hproc looks for the process in each\n' +
    'of your apps.',
  args: [{ name: 'processId', description: 'the process id', required: true }],
  options: [...appOptions, ...apiGenerationOptions, ...recordOutputOptions, ...connectionOptions],
  examples: [
    { description: 'a process, finding its app', command: 'hproc show cbfcddd2-0006-43ae-996c-995fff7bed2e' },
    { description: 'the v1 record, deprecated fields flagged', command: 'hproc show cbfcddd2-0006-43ae-996c-995fff7bed2e --api v1' },
    { description: 'its public address, for a script', command: "hproc show cbfcddd2-0006-43ae-996c-995fff7bed2e --json | jq -r '.exposedPort.host'" },
  ],
  toOptions: ({ args, opts }, ctx) => {
    const generation = opts.api as ApiGeneration;
    const output = resolveOutputSettings(opts, processFieldNames(generation, true), () => ctx.settings.defaultOutput.value);
    if (isFieldListing(output)) return output;
    const processId = validateProcessId(args[0] ?? '');
    const appId = ctx.settings.app.value;
    ctx.connection();
    return { processId, appId, generation, output };
  },
  run: async (options, ctx) => {
    if (isFieldListing(options)) return writeFieldListing(options, ctx);
    await prepareOutput(options.output);
    const client = await ctx.client();
    let fetched: import('./show-fetch.js').FetchedProcess;
    let extras: import('../render/process-extras.js').ProcessExtras | undefined;
    const { startProgress } = await import('../render/progress.js');
    // Only app discovery (one request per app) is slow enough to deserve a spinner.
    const progress = startProgress(ctx.io.stderr, `looking for process ${options.processId} in your apps…`, {
      enabled: options.appId === undefined && ctx.showsProgress,
    });
    try {
      const { fetchProcess, fetchExtras, startEarlyExtras } = await import('./show-fetch.js');
      // Rooms, metrics and deployment only feed the sections for a person; JSON stays the process payload.
      const { showsDetailView } = await import('../render/process-show.js');
      const wantExtras = showsDetailView(options.output);
      // With the app known, the extras need not wait for the process: one round trip instead of two.
      const early =
        wantExtras && options.appId !== undefined && options.generation === 'v3'
          ? await startEarlyExtras(client, options.appId, options.processId, ctx.now())
          : undefined;
      fetched = await fetchProcess(client, options, (appId) => {
        progress.done();
        ctx.note(`found process ${options.processId} in app ${appId}`);
      });
      if (wantExtras) {
        const result = await fetchExtras(client, fetched.view, ctx.now(), early);
        extras = result.extras;
        for (const failure of result.failures) ctx.warn(failure);
      }
    } finally {
      progress.done();
      await client.close();
    }
    const { renderProcessDetail } = await import('../render/process-show.js');
    const target = renderTargetFor(options.output.format, ctx);
    const rendered = await renderProcessDetail(fetched.view, fetched.raw, target, options.output, extras);
    writeRendered({ stdout: await finishOutput(rendered.stdout, options.output, ctx), notes: rendered.notes }, ctx);
  },
});

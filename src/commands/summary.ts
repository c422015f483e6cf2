import { defineCommand } from '../cli/spec.js';
import { appOptions, connectionOptions, outputOptions } from '../cli/option-groups.js';
import type { OutputFormat } from '../render/formats.js';
import { parseIntegerFlag, resolveOutputFormat } from './flags.js';
import { renderTargetFor, writeRendered } from './output-target.js';

/** Validated options of `hproc summary`. */
export interface SummaryOptions {
  appId: string;
  failedLimit: number;
  format: OutputFormat;
}

/** `hproc summary`: an app at a glance, per region. */
export const summaryCommand = defineCommand<SummaryOptions>({
  name: 'summary',
  summary: 'an app at a glance: processes per region, room utilisation, deployments, failures',
  description:
    'Sum up an app per region: processes by status, rooms allocated against capacity (the rooms per\n' +
    'process of each live process) as a utilisation percentage, the deployments live processes run\n' +
    '(those not on the newest flagged), each region of the static process allocation (min, target,\n' +
    'max) beside its running processes with the differences in words, and failed processes grouped\n' +
    'by exit reason. Counts come from the v3 count endpoint, the rest from v3 listings and the app,\n' +
    'fetched concurrently. --json prints the same\n' +
    'figures as one JSON object (not an API payload).',
  args: [],
  options: [
    ...appOptions,
    { flags: '--failed-limit <n>', description: 'how many of the most recent failed processes to group by exit reason', defaultValue: '200' },
    ...outputOptions,
    ...connectionOptions,
  ],
  examples: [
    { description: 'the app in $HATHORA_APP_ID', command: 'hproc summary' },
    { description: 'another app', command: 'hproc summary --app app-af469a92-5b45-4565-b3c4-b79878de67d2' },
    { description: 'utilisation per region, for a script', command: "hproc summary --json | jq -r '.regions[] | \"\\(.region) \\(.utilisationPercent)\"'" },
  ],
  toOptions: ({ opts }, ctx) => {
    const appId = ctx.settings.requiredApp();
    const failedLimit = parseIntegerFlag('--failed-limit', String(opts.failedLimit), 1, 10_000);
    const format = resolveOutputFormat(opts, () => ctx.settings.defaultOutput.value);
    ctx.connection();
    return { appId, failedLimit, format };
  },
  run: async (options, ctx) => {
    const client = await ctx.client();
    let fetched: import('./summary-fetch.js').FetchedSummary;
    const { startProgress } = await import('../render/progress.js');
    const progress = startProgress(ctx.io.stderr, `summarising ${options.appId}…`, { enabled: ctx.showsProgress, retries: ctx.retries.listen });
    try {
      const { fetchSummary } = await import('./summary-fetch.js');
      fetched = await fetchSummary(client, options.appId, options.failedLimit);
    } finally {
      progress.done();
      await client.close();
    }
    const { renderSummary } = await import('../render/summary.js');
    const rendered = renderSummary(fetched.summary, renderTargetFor(options.format, ctx));
    rendered.notes.push(...fetched.notes);
    writeRendered(rendered, ctx);
    // Printed, but from listings cut short: stderr says why, always, and the exit code tells a script.
    if (fetched.incomplete !== undefined) throw (await import('./incomplete.js')).incompleteError(fetched.incomplete);
  },
});

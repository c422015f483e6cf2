import { defineCommand } from '../cli/spec.js';
import { connectionOptions, outputOptions } from '../cli/option-groups.js';
import type { OutputFormat } from '../render/formats.js';
import { resolveOutputFormat } from './flags.js';
import { renderTargetFor, writeRendered } from './output-target.js';

/** Validated options of `hproc apps`. */
export interface AppsOptions {
  format: OutputFormat;
}

/** `hproc apps`: the applications the token can see. */
export const appsCommand = defineCommand<AppsOptions>({
  name: 'apps',
  summary: 'list your applications, to find an app id',
  description:
    'List the applications your token can see: id, name, latest deployment and when it was created.\n' +
    'The app secret is never printed: JSON output is the API payload with `appSecret` removed (the one\n' +
    'deliberate change to a payload) and the latest deployment\'s environment values hidden.',
  args: [],
  options: [...outputOptions, ...connectionOptions],
  examples: [
    { description: 'your apps', command: 'hproc apps' },
    { description: 'with build tags, org and deletion', command: 'hproc apps -o wide' },
    { description: 'the id of an app by name, for a script', command: "hproc apps --json | jq -r '.[] | select(.appName == \"arena-brawl-prod\") | .appId'" },
  ],
  toOptions: ({ opts }, ctx) => {
    const format = resolveOutputFormat(opts, () => ctx.settings.defaultOutput.value);
    ctx.connection();
    return { format };
  },
  run: async (options, ctx) => {
    const client = await ctx.client();
    let listed: Awaited<ReturnType<typeof import('../api/apps.js').listApps>>;
    try {
      const { listApps } = await import('../api/apps.js');
      listed = await listApps(client);
    } finally {
      await client.close();
    }
    const { renderApps } = await import('../render/apps.js');
    const rendered = renderApps(listed.data, listed.raw, renderTargetFor(options.format, ctx));
    if (rendered.stdout === '' && (options.format === 'table' || options.format === 'wide')) rendered.notes.push('the token sees no apps');
    writeRendered(rendered, ctx);
  },
});

// `hproc deployments`: an app's v3 deployments, newest first, every page followed.
import { defineCommand } from '../cli/spec.js';
import { appOptions, connectionOptions, outputOptions } from '../cli/option-groups.js';
import type { OutputFormat } from '../render/formats.js';
import { UsageError } from '../errors.js';
import { parseIntegerFlag, resolveOutputFormat } from './flags.js';
import { renderTargetFor, writeRendered } from './output-target.js';

/** Validated options of `hproc deployments`. */
export interface DeploymentsOptions {
  appId: string;
  deploymentTag: string | undefined;
  buildTag: string | undefined;
  limit: number;
  format: OutputFormat;
}

function tagFlag(flag: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (text === '') throw new UsageError(`${flag} needs a value`);
  return text;
}

/** `hproc deployments`: the app's v3 deployments. */
export const deploymentsCommand = defineCommand<DeploymentsOptions>({
  name: 'deployments',
  summary: "list an app's v3 deployments, newest first: id, tags, build, resources, created",
  description:
    "List an app's v3 deployments, newest first: id, deployment tag, build tag, the CPU and memory\n" +
    'each process requests, and when it was created; -o wide adds the build id, rooms per process,\n' +
    'GPUs, fleet, idle timeout and creator. Every page is followed (nextPageToken), up to --limit.\n' +
    '--tag and --build-tag narrow the list on the server. Environment values are never printed:\n' +
    '--json is the API payload (the deployments array) with each env value hidden.',
  args: [],
  options: [
    ...appOptions,
    { flags: '--tag <deploymentTag>', description: 'only deployments with this deployment tag' },
    { flags: '--build-tag <buildTag>', description: 'only deployments of builds with this build tag' },
    { flags: '--limit <n>', description: 'most deployments to list', defaultValue: '1000' },
    ...outputOptions,
    ...connectionOptions,
  ],
  examples: [
    { description: 'the deployments of $HATHORA_APP_ID', command: 'hproc deployments' },
    { description: 'with build ids, rooms per process and idle timeout', command: 'hproc deployments -o wide' },
    { description: 'the deployments of one build tag', command: 'hproc deployments --build-tag v1.5.0' },
    { description: 'the newest deployment id, for a script', command: "hproc deployments --json | jq -r '.[0].deploymentId'" },
  ],
  toOptions: ({ opts }, ctx) => {
    const appId = ctx.settings.requiredApp();
    const limit = parseIntegerFlag('--limit', String(opts.limit), 1, 100_000);
    const format = resolveOutputFormat(opts, () => ctx.settings.defaultOutput.value);
    ctx.connection();
    return { appId, deploymentTag: tagFlag('--tag', opts.tag), buildTag: tagFlag('--build-tag', opts.buildTag), limit, format };
  },
  run: async (options, ctx) => {
    const client = await ctx.client();
    let listed: import('../api/deployments.js').DeploymentListing;
    try {
      const { listDeploymentsV3 } = await import('../api/deployments.js');
      listed = await listDeploymentsV3(client, options.appId, options);
    } finally {
      await client.close();
    }
    const { renderDeployments } = await import('../render/deployments.js');
    const rendered = renderDeployments(listed.data, listed.raw, renderTargetFor(options.format, ctx));
    if (rendered.stdout === '' && (options.format === 'table' || options.format === 'wide')) rendered.notes.push('no deployments');
    writeRendered(rendered, ctx);
    // A short listing is said always, not only to a person: a script must not take it for the whole.
    if (listed.incomplete !== null) ctx.warn(listed.incomplete);
  },
});

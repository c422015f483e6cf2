// `hproc fleets`: the organisation's fleets, with their node shape, autoscaler and error state per region.
import { defineCommand } from '../cli/spec.js';
import { connectionOptions, outputOptions } from '../cli/option-groups.js';
import { UsageError } from '../errors.js';
import type { OutputFormat } from '../render/formats.js';
import { resolveOutputFormat } from './flags.js';
import { renderTargetFor, writeRendered } from './output-target.js';

/** Validated options of `hproc fleets`. */
export interface FleetsOptions {
  orgId: string | undefined;
  format: OutputFormat;
}

/** `hproc fleets`: the fleets processes run on, and whether any is in error. */
export const fleetsCommand = defineCommand<FleetsOptions>({
  name: 'fleets',
  summary: 'list fleets: node shape, autoscaler and, per region, whether the fleet is in error',
  description:
    "List the organisation's fleets (the nodes processes run on), one line per fleet and region:\n" +
    'node shape, the vCPU utilisation above which the autoscaler adds nodes, and whether the fleet\n' +
    'is in error in that region, with its last error and when. A fleet in error in a region explains\n' +
    'processes that fail to start there. Read through the v1 fleet operations, the only ones that\n' +
    'report errors (their SDK names end in "Deprecated", but the API flags none of them); a fleet\n' +
    'whose server sends no error state shows "not reported". --json is the API payload (the fleets\n' +
    'array).',
  args: [],
  options: [{ flags: '--org <orgId>', description: "the organisation (default: the token's)" }, ...outputOptions, ...connectionOptions],
  examples: [
    { description: "the token's fleets", command: 'hproc fleets' },
    { description: 'with fleet ids and error log ids', command: 'hproc fleets -o wide' },
    { description: 'the regions in error, for a script', command: "hproc fleets --json | jq -r '.[] | .name as $f | (.errorState // {}) | to_entries[] | select(.value.inError) | \"\\($f) \\(.key)\"'" },
  ],
  toOptions: ({ opts }, ctx) => {
    const org = opts.org === undefined ? undefined : String(opts.org);
    if (org === '') throw new UsageError('--org needs a value');
    const format = resolveOutputFormat(opts, () => ctx.settings.defaultOutput.value);
    ctx.connection();
    return { orgId: org, format };
  },
  run: async (options, ctx) => {
    const client = await ctx.client();
    let listed: Awaited<ReturnType<typeof import('../api/fleets.js').listFleets>>;
    try {
      const { listFleets } = await import('../api/fleets.js');
      listed = await listFleets(client, { orgId: options.orgId });
    } finally {
      await client.close();
    }
    const { renderFleets } = await import('../render/fleets.js');
    const rendered = renderFleets(listed.data, listed.raw, renderTargetFor(options.format, ctx));
    if (rendered.stdout === '' && (options.format === 'table' || options.format === 'wide')) rendered.notes.push('the organisation has no fleets');
    writeRendered(rendered, ctx);
  },
});

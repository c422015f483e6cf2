import { UsageError } from '../errors.js';
import { defineCommand } from '../cli/spec.js';
import { appOptions, connectionOptions, outputOptions } from '../cli/option-groups.js';
import type { OutputFormat } from '../render/formats.js';
import { validateProcessId } from '../api/ids.js';
import { resolveOutputFormat } from './flags.js';
import { renderTargetFor, writeRendered } from './output-target.js';

/** Validated options of `hproc rooms`. */
export interface RoomsOptions {
  processId: string;
  appId: string | undefined;
  /** Which lists to fetch, in output order. */
  states: ('active' | 'inactive')[];
  format: OutputFormat;
}

/** `hproc rooms <processId>`: the rooms of a process. */
export const roomsCommand = defineCommand<RoomsOptions>({
  name: 'rooms',
  summary: 'list the rooms of a process',
  description:
    'List the rooms of a process (rooms v2): id, status, when each was scheduled on the process and\n' +
    'unscheduled from it, and its room config, shortened in tables (whole in JSON). Active rooms by\n' +
    'default. Without --app or HATHORA_APP_ID, hproc looks for the process in each of your apps.',
  args: [{ name: 'processId', description: 'the process id', required: true }],
  options: [
    ...appOptions,
    { flags: '--inactive', description: 'rooms that have left the process instead of the active ones' },
    { flags: '--all', description: 'active rooms, then inactive ones' },
    ...outputOptions,
    ...connectionOptions,
  ],
  examples: [
    { description: 'the active rooms of a process', command: 'hproc rooms 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15' },
    { description: 'every room it has held, with allocation ids', command: 'hproc rooms 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15 --all -o wide' },
    { description: 'the full room configs, for a script', command: "hproc rooms 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15 --json | jq -r '.[].roomConfig'" },
  ],
  toOptions: ({ args, opts }, ctx) => {
    if (opts.all === true && opts.inactive === true) throw new UsageError('--all conflicts with --inactive');
    const processId = validateProcessId(args[0] ?? '');
    const appId = ctx.settings.app.value;
    const format = resolveOutputFormat(opts, () => ctx.settings.defaultOutput.value);
    ctx.connection();
    return { processId, appId, states: opts.all === true ? ['active', 'inactive'] : opts.inactive === true ? ['inactive'] : ['active'], format };
  },
  run: async (options, ctx) => {
    const client = await ctx.client();
    let lists: Awaited<ReturnType<typeof import('../api/rooms.js').listProcessRooms>>[];
    try {
      const [{ appOfProcess }, { listProcessRooms }] = await Promise.all([import('./process-app.js'), import('../api/rooms.js')]);
      const appId = await appOfProcess(client, options.appId, options.processId, ctx);
      lists = await Promise.all(options.states.map((state) => listProcessRooms(client, appId, options.processId, state)));
    } finally {
      await client.close();
    }
    const { renderRooms } = await import('../render/rooms.js');
    const target = renderTargetFor(options.format, ctx);
    const rendered = renderRooms(lists.flatMap((l) => l.data), lists.flatMap((l) => l.raw), target);
    if (rendered.stdout === '' && (options.format === 'table' || options.format === 'wide')) {
      rendered.notes.push(`no ${options.states.length === 2 ? '' : `${options.states[0] ?? ''} `}rooms on process ${options.processId}`);
    }
    writeRendered(rendered, ctx);
  },
});

import { defineCommand } from '../cli/spec.js';
import { appOptions, connectionOptions } from '../cli/option-groups.js';
import { validateProcessId } from '../api/ids.js';
import { UsageError } from '../errors.js';

/** Validated options of `hproc stop`. */
export interface StopOptions {
  /** One or more; asked about once, together. */
  processIds: readonly string[];
  /** undefined: find the app among the caller's apps. */
  appId: string | undefined;
  /** Ask before stopping (a person is at a terminal and --yes was not given). */
  confirm: boolean;
  wait: boolean;
  json: boolean;
}

/** `hproc stop <processId>`: stops a process, after confirmation. */
export const stopCommand = defineCommand<StopOptions>({
  name: 'stop',
  summary: 'stop processes (asks first)',
  destructive: true,
  description:
    'Stop one or more processes through the v3 API. On a terminal hproc first shows what will be stopped (region, ' +
    'status, rooms, connections when the API reports them) and asks; anywhere else it refuses ' +
    'without --yes. The request is never retried: if its outcome is unknown (a timeout, a reset ' +
    'connection) hproc says so, and `hproc show <processId>` tells whether it was applied. ' +
    'Afterwards it prints the new status; --wait waits until the process has stopped (at most ' +
    '--timeout). Several ids are confirmed with one question; --json then prints an array.',
  args: [{ name: 'processId', description: 'the process id; several, separated by spaces', required: true, variadic: true }],
  options: [
    ...appOptions,
    { flags: '-y, --yes', description: 'stop without asking (needed when not on a terminal)' },
    { flags: '--wait', description: 'wait until the process has stopped (at most --timeout)' },
    { flags: '--json', description: 'print the process as the API answers it after the stop' },
    { flags: '--no-color', description: 'no colour (also: NO_COLOR=1)' },
    ...connectionOptions,
  ],
  examples: [
    { description: 'stop a process, after confirming', command: 'hproc stop 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15' },
    { description: 'in a script: no question, wait up to 5 minutes for it to stop', command: 'hproc stop 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15 --yes --wait --timeout 5m' },
    { description: 'every draining process, with one question', command: 'hproc stop $(hproc list --status draining -q)' },
  ],
  toOptions: ({ args, opts }, ctx) => {
    const processIds = [...new Set(args.map((arg) => validateProcessId(arg)))];
    const yes = opts.yes === true;
    if (!yes && !ctx.mayPrompt) {
      const which = processIds.length === 1 ? `process ${processIds[0] ?? ''}` : `${processIds.length} processes`;
      throw new UsageError(`not stopping ${which} without confirmation: not a terminal`, { hint: `pass --yes to stop ${processIds.length === 1 ? 'it' : 'them'} without asking` });
    }
    const appId = ctx.settings.app.value;
    ctx.connection();
    return { processIds, appId, confirm: !yes, wait: opts.wait === true, json: opts.json === true };
  },
  run: async (options, ctx) => {
    const { runStop } = await import('./stop-run.js');
    await runStop(options, ctx);
  },
});

import { defineCommand } from '../cli/spec.js';
import { appOptions, connectionOptions } from '../cli/option-groups.js';
import { validateProcessId } from '../api/ids.js';
import { UsageError } from '../errors.js';
import type { RunContext } from '../run-context.js';
import { parseDuration, parseIntegerFlag } from './flags.js';

/** The range the logs API accepts for tailLines (hathora-api.md §2.4). */
export const TAIL_LINES_MIN = 1;
/** The largest tail the logs API accepts. */
export const TAIL_LINES_MAX = 5000;
const TAIL_LINES_DEFAULT = 100;

/** Validated options of `hproc logs`. */
export interface LogsOptions {
  processId: string;
  /** undefined: find the app among the caller's apps. */
  appId: string | undefined;
  follow: boolean;
  tailLines: number;
  /** --tail was given: a stopped process then shows its tail, not its whole log. */
  tailGiven: boolean;
  raw: boolean;
  timestamps: boolean;
  download: boolean;
  /** While following, how long a silent stream waits before checking that the process still runs. */
  quietCheckMs: number;
}

function toLogsOptions(args: readonly string[], opts: Readonly<Record<string, unknown>>, ctx: RunContext): LogsOptions {
  const processId = validateProcessId(args[0] ?? '');
  const tailFlag = (opts.tail ?? opts.tailLines) as string | undefined;
  const tailGiven = tailFlag !== undefined;
  const tailLines = tailGiven ? parseIntegerFlag('--tail', tailFlag, TAIL_LINES_MIN, TAIL_LINES_MAX) : TAIL_LINES_DEFAULT;
  const follow = opts.follow === true;
  const download = opts.download === true;
  if (download && follow) throw new UsageError('--download conflicts with --follow', { hint: 'a download is the whole log of a stopped process' });
  if (download && tailGiven) throw new UsageError('--download conflicts with --tail', { hint: 'a download is always the whole log' });
  const appId = ctx.settings.app.value;
  const quietCheckMs = parseDuration('--quiet-check', String(opts.quietCheck ?? '30s'));
  ctx.connection();
  return {
    processId,
    appId,
    follow,
    tailLines,
    tailGiven,
    raw: opts.raw === true,
    timestamps: opts.timestamps === true,
    download,
    quietCheckMs,
  };
}

/** `hproc logs <processId>`: a process's log, streamed. */
export const logsCommand = defineCommand<LogsOptions>({
  name: 'logs',
  summary: "print a process's log, or follow it",
  description:
    "Print the last lines of a process's log, or follow it as it is written. Lines are streamed as " +
    'they arrive and sanitised: escape sequences and control characters become visible escapes such ' +
    'as \\x1b (--raw passes the bytes through). A stopped process shows its whole log, from the ' +
    'download endpoint. --follow keeps going through quiet periods and reconnects if the connection ' +
    'drops while the process runs (lines may then be missing or repeated, and hproc says so on ' +
    'stderr); it ends when the process stops.',
  args: [{ name: 'processId', description: 'the process id', required: true }],
  options: [
    ...appOptions,
    { flags: '-f, --follow', description: 'keep printing new lines until the process stops' },
    { flags: '--tail <n>', description: `how many recent lines to start with, ${TAIL_LINES_MIN}-${TAIL_LINES_MAX} (default: 100)` },
    { flags: '--tail-lines <n>', description: 'same as --tail (the spelling of Hathora\'s own CLI)', hidden: true },
    { flags: '--raw', description: 'pass the log bytes through unchanged, escape sequences included' },
    { flags: '--timestamps', description: 'prefix each line with the local time hproc received it' },
    { flags: '--download', description: 'the whole log of a stopped process (the default for one)' },
    { flags: '--quiet-check <duration>', description: 'while following, how long a silent stream waits before checking the process still runs', hidden: true },
    ...connectionOptions,
  ],
  examples: [
    { description: 'the last 100 lines', command: 'hproc logs 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15' },
    { description: 'follow a running process, starting with its last 20 lines', command: 'hproc logs 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15 -f --tail 20' },
    { description: 'the whole log of a stopped process, into a file', command: 'hproc logs 2f9e7b30-6a1d-4c58-b0e4-7d3c9a2f1b86 --download > server.log' },
    { description: 'errors only, with the time each line arrived', command: 'hproc logs 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15 -f --timestamps | grep ERROR' },
  ],
  toOptions: ({ args, opts }, ctx) => toLogsOptions(args, opts, ctx),
  run: async (options, ctx) => {
    const { runLogs } = await import('./logs-run.js');
    await runLogs(options, ctx);
  },
});

import { defineCommand } from '../cli/spec.js';
import type { FaultSpec } from '../emulator/faults.js';
import type { Readings } from '../emulator/readings.js';
import { UsageError } from '../errors.js';
import { parseIntegerFlag } from './flags.js';

/** The spec flags of `hproc emulator`, as given: their parsers live in the emulator, which loads only when it runs. */
export interface EmulatorSpecFlags {
  faults?: string;
  clock?: string;
  reading?: string;
  scopes?: string;
}

/** Validated options of `hproc emulator`. */
export interface EmulatorCommandOptions {
  port: number;
  host: string;
  token: string;
  seed: number;
  latencyMs: number;
  bigAppProcesses: number;
  faults?: FaultSpec;
  /** Where the clock starts (epoch ms); absent: the moment the emulator starts. */
  clock?: number;
  /** Whether the world moves by itself. */
  live: boolean;
  readings?: Readings;
  /** The scopes the emulator's token holds; absent: every scope. */
  scopes?: string[];
}

/** `hproc emulator`: a local Hathora API to try hproc against, with no account and no network. */
export const emulatorCommand = defineCommand<{ options: EmulatorCommandOptions; specs: EmulatorSpecFlags }>({
  name: 'emulator',
  summary: 'run a local Hathora API emulator with generated apps and processes',
  description:
    'Run a local Hathora Cloud API emulator. It serves the process, app and related endpoints with data\n' +
    'generated from a seed, checks the token, and prints one line with its URL and token. Stop it with Ctrl-C.',
  args: [],
  options: [
    { flags: '-p, --port <port>', description: 'port to listen on (0 picks a free one)', defaultValue: '4000' },
    { flags: '--host <host>', description: 'address to listen on', defaultValue: '127.0.0.1' },
    { flags: '--token <token>', description: 'the token clients must send', defaultValue: 'hproc-emulator-token' },
    { flags: '--seed <n>', description: 'seed of the generated data', defaultValue: '1' },
    { flags: '--latency <ms>', description: 'delay added to every response, in milliseconds', defaultValue: '0' },
    { flags: '--processes <n>', description: 'grow the big app to this many processes, to try listings at scale', defaultValue: '73' },
    { flags: '--clock <time>', description: 'start the clock at this instant (ISO-8601, e.g. 2026-11-01T00:00:00Z) instead of now' },
    { flags: '--still', description: 'keep the world still: only stops you request and live log lines happen' },
    { flags: '--faults <spec>', description: 'inject faults, e.g. "status=503x3@/processes/v3;latency=200ms±50ms" (see the README)' },
    { flags: '--scopes <list>', description: 'the token holds only these scopes, comma-separated (e.g. processes:read); a request needing another gets 403' },
    { flags: '--reading <spec>', description: 'read what the API leaves undocumented another way, e.g. "cursor=seconds,filters=pass" (see the README)' },
  ],
  examples: [
    { description: 'start it, then point hproc at it from another shell', command: 'hproc emulator --port 4000' },
    { description: 'in that other shell', command: 'export HATHORA_CLOUD_ENDPOINT=http://127.0.0.1:4000 HATHORA_TOKEN=hproc-emulator-token' },
    { description: 'the world the tests see, the same on every run', command: 'hproc emulator --clock 2026-11-01T00:00:00Z --still' },
    { description: 'a big app of 5,000 processes behind 25 ms of latency', command: 'hproc emulator --processes 5000 --latency 25' },
    { description: 'three 503s and a 429, each asking to wait 2 s, then normal answers', command: "hproc emulator --faults 'status=503,503,503,429x4;retry-after=2'" },
    { description: 'a token that may read processes but not fleets or organisations', command: 'hproc emulator --scopes processes:read,applications:read,deployments:read' },
    { description: 'a server that reads the v3 before cursor in seconds and has rooms still scheduling', command: 'hproc emulator --reading cursor=seconds,rooms=scheduling' },
  ],
  toOptions: ({ opts }) => {
    const host = String(opts.host);
    if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(host)) throw new UsageError(`--host must be a host name or address, got '${host}'`);
    const token = String(opts.token);
    if (!/^[\x21-\x7e]{1,512}$/.test(token)) throw new UsageError('--token must be printable ASCII without spaces');
    const text = (value: unknown): string | undefined => (value === undefined ? undefined : String(value));
    const specs: EmulatorSpecFlags = {};
    for (const key of ['faults', 'clock', 'reading', 'scopes'] as const) {
      const value = text(opts[key]);
      if (value !== undefined) specs[key] = value;
    }
    return {
      options: {
        port: parseIntegerFlag('--port', String(opts.port), 0, 65_535),
        host,
        token,
        seed: parseIntegerFlag('--seed', String(opts.seed), 0, 2 ** 31 - 1),
        latencyMs: parseIntegerFlag('--latency', String(opts.latency), 0, 60_000),
        bigAppProcesses: parseIntegerFlag('--processes', String(opts.processes), 0, 200_000),
        live: opts.still !== true,
      },
      specs,
    };
  },
  run: async ({ options: plain, specs }, ctx) => {
    // Still before anything listens: a bad spec is a usage error (exit 2) like any other flag.
    const options = await withSpecs(plain, specs);
    const { startEmulator, describeEmulator } = await import('../emulator/server.js');
    // The world is anchored to the moment it starts unless --clock says otherwise.
    const emulator = await startEmulator({ ...options, clock: options.clock ?? ctx.now().getTime() }).catch((error: unknown) => {
      throw listenError(error, options.host, options.port) ?? error;
    });
    ctx.io.stdout.write(`${describeEmulator(emulator)}\n`);
    // Serve until interrupted.
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await emulator.close();
  },
});

/** Parses the spec flags with the emulator's own parsers, loaded here rather than for every run's help. */
async function withSpecs(options: EmulatorCommandOptions, specs: EmulatorSpecFlags): Promise<EmulatorCommandOptions> {
  const [clock, data, faults, readings, scopes] = await Promise.all([
    import('../emulator/clock.js'),
    import('../emulator/data.js'),
    import('../emulator/faults.js'),
    import('../emulator/readings.js'),
    import('../emulator/scopes.js'),
  ]);
  return {
    ...options,
    ...(specs.faults === undefined ? {} : { faults: parseFaultsFlag(specs.faults, faults) }),
    ...(specs.clock === undefined ? {} : { clock: parseClockFlag(specs.clock, clock.parseClockStart, data.EARLIEST_CLOCK_MS) }),
    ...(specs.reading === undefined ? {} : { readings: parseReadingFlag(specs.reading, readings) }),
    ...(specs.scopes === undefined ? {} : { scopes: parseScopesFlag(specs.scopes, scopes.parseScopes) }),
  };
}

function parseClockFlag(text: string, parseClockStart: (text: string) => number | undefined, EARLIEST_CLOCK_MS: number): number {
  const at = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(text) ? parseClockStart(text) : undefined;
  if (at === undefined) throw new UsageError(`--clock must be an ISO-8601 instant with a time zone, e.g. 2026-11-01T00:00:00Z; got '${text}'`);
  if (at < EARLIEST_CLOCK_MS) throw new UsageError(`--clock must be 2026-01-01T00:00:00Z or later (the emulated apps have deployments from 2025); got '${text}'`);
  return at;
}

function parseFaultsFlag(text: string, { parseFaultSpec, FaultSpecError }: typeof import('../emulator/faults.js')): FaultSpec {
  try {
    return parseFaultSpec(text);
  } catch (error) {
    if (error instanceof FaultSpecError) throw new UsageError(`--faults: ${error.message}`);
    throw error;
  }
}

function parseReadingFlag(text: string, { parseReadings, ReadingSpecError }: typeof import('../emulator/readings.js')): Readings {
  try {
    return parseReadings(text);
  } catch (error) {
    if (error instanceof ReadingSpecError) throw new UsageError(`--reading: ${error.message}`);
    throw error;
  }
}

function parseScopesFlag(text: string, parseScopes: (text: string) => string[]): string[] {
  try {
    return parseScopes(text);
  } catch (error) {
    throw new UsageError(`--scopes: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// A port that cannot be had is the user's choice to change, not a bug to report: exit 2, with a way out.
function listenError(error: unknown, host: string, port: number): UsageError | undefined {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return new UsageError(`port ${port} on ${host} is taken`, { hint: 'pick another with --port, or --port 0 for any free one' });
  if (code === 'EACCES') return new UsageError(`port ${port} on ${host} needs privileges hproc does not have`, { hint: 'use a port above 1023, or --port 0 for any free one' });
  if (code === 'EADDRNOTAVAIL') return new UsageError(`cannot listen on ${host}: no such address on this machine`, { hint: 'use --host 127.0.0.1' });
  return undefined;
}

// The per-run context: every run-wide decision made once, after commander has parsed the flags,
// and handed to every command. Terminal, width and colour per stream; whether hproc may prompt;
// the one rule for notes; the settings, each resolved once with its source; the config file, read
// at most once; the API client, made on first use; the run's secrets.
import type { ApiClient } from './api/client.js';
import type { RetryEvent } from './api/retry-loop.js';
import { resolveEndpoint, resolveToken } from './api/endpoint.js';
import { validateAppId } from './api/ids.js';
import type { RunFlags } from './cli/run-flags.js';
import type { ConfigKey, LoadedConfigFile } from './config/config-file.js';
import { checkSetting, readConfigAt, resolveSetting, selectProfile, type ActiveProfile, type Setting, type SettingInputs, type SettingSource } from './config/settings.js';
import type { Ctx, Io } from './context.js';
import { AuthError, InterruptedError, UsageError } from './errors.js';
import { colourLevel, type ColourLevel } from './io/colour.js';
import { progressWanted } from './io/terminal.js';
import { parseDuration } from './commands/flags.js';
import { RECORD_FORMATS, type RecordFormat } from './render/formats.js';
import { sanitizeCell } from './render/sanitize.js';
import { createSecretRegistry, withoutLineBreak, type SecretRegistry } from './secrets.js';
import { VERSION } from './version.js';

/** What the run knows about one output stream. */
export interface StreamTraits {
  /** A person is looking at it. */
  readonly isTTY: boolean;
  /** Its width in columns on a terminal; undefined for a pipe or file (nothing is cut there). */
  readonly width: number | undefined;
  /** Its height in rows on a terminal, when known; a redrawn screen (`list --watch`) fits itself to it. */
  readonly height: number | undefined;
  /** 0: no colour; 1: 16 colours; 2: 256; 3: truecolor. */
  readonly colourLevel: ColourLevel;
  /** colourLevel > 0. */
  readonly colour: boolean;
}

/** A setting's typed value and where it came from. */
export interface Resolved<T> {
  readonly value: T;
  readonly source: SettingSource;
}

/** The settings of the run, each resolved once (flag > environment > profile > default) on first use. */
export interface RunSettings {
  /** The profile the run uses; a named profile that does not exist is a usage error. */
  readonly profile: ActiveProfile;
  /** The app id, validated; undefined when nothing sets it. */
  readonly app: Resolved<string | undefined>;
  /** The app id a command cannot do without: its absence is a usage error, before any request. */
  requiredApp(): string;
  readonly endpoint: Resolved<URL>;
  /** The --timeout budget of each request with its retries. */
  readonly timeoutMs: Resolved<number>;
  /** The output format when no flag names one: the profile's, else table. */
  readonly defaultOutput: Resolved<RecordFormat>;
  /** The profile a command writes to: like profile, but it may not exist yet (config set, auth login). */
  writableProfile(): ActiveProfile;
  /** A setting as text, with its source (config get/list, auth status), in the run's profile or the one given. */
  text(key: ConfigKey, profile?: ActiveProfile): Setting;
}

/** Where and how to talk to the API, validated before any request. */
export interface Connection {
  baseUrl: URL;
  /** The token; null when --token-stdin reads it as the command starts. */
  token: string | null;
  /** Where the token came from (`hproc auth status` names it). */
  tokenSource: SettingSource;
  budgetMs: number;
  debug: boolean;
}

/** Everything a command gets: the outside world and the run-wide decisions. */
export interface RunContext {
  readonly io: Io;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
  readonly signal: AbortSignal;
  readonly stdout: StreamTraits;
  readonly stderr: StreamTraits;
  /** Someone can answer a question: stdin and stderr are terminals. */
  readonly mayPrompt: boolean;
  /** A progress spinner may be shown on stderr. */
  readonly showsProgress: boolean;
  /** --debug was given. */
  readonly debug: boolean;
  /** --quiet was given. */
  readonly quiet: boolean;
  readonly secrets: SecretRegistry;
  readonly settings: RunSettings;
  /** A note for a person (`found process X in app Y`): on stderr when it is a terminal, never under --quiet. */
  note(text: string): void;
  /** A warning: always on stderr. */
  warn(text: string): void;
  /**
   * Registers what undoes a change to the terminal (a hidden cursor, the alternate screen), run
   * however the run ends (a second Ctrl-C, SIGTERM); returns the removal. Undefined when nothing
   * would run it (in-process runs): then leave the terminal as it is.
   */
  readonly onExit: ((restore: () => void) => () => void) | undefined;
  /** Retries of the run's requests as they happen, for a progress line to show. */
  readonly retries: RetryNotices;
  /** The config file, read at most once (undefined when there is no place for one). */
  config(): LoadedConfigFile | undefined;
  /** Forgets the file read, after the run itself rewrote it. */
  reloadConfig(): void;
  /** The connection settings, validated once: the token, the endpoint and the timeout. */
  connection(): Connection;
  /** The API client, made on first use (undici loads here); a command closes it when done. */
  client(): Promise<ApiClient>;
}

/** What to do when no token is found anywhere. */
export const NO_TOKEN_HINT = "set HATHORA_TOKEN, pass --token-stdin, or run 'hproc auth login'";

function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

/** Builds the run context from the outside world and the run's flags. */
export function createRunContext(world: Ctx, flags: RunFlags): RunContext {
  // The registry outlives the context: the error printer masks with it after the command has failed.
  const secrets = (world.secrets ??= createSecretRegistry());
  const { io, env } = world;
  let configFile: (() => LoadedConfigFile | undefined) | undefined;
  const config = (): LoadedConfigFile | undefined => {
    configFile ??= once(() => {
      const file = readConfigAt(env);
      for (const warning of file?.warnings ?? []) ctx.warn(warning);
      return file;
    });
    return configFile();
  };
  const inputs: SettingInputs = { flags: flags.settings, profileFlag: flags.profile, env, configFile: config };
  const profile = once(() => selectProfile(inputs));
  const text = (key: ConfigKey, active?: ActiveProfile): Setting =>
    key === 'token' && flags.tokenStdin ? { value: '', source: { kind: 'stdin' } } : resolveSetting(key, inputs, active ?? profile());
  const app = once((): Resolved<string | undefined> => {
    const setting = text('app');
    return { value: setting.value === undefined ? undefined : checkSetting(setting, validateAppId), source: setting.source };
  });
  const endpoint = once((): Resolved<URL> => {
    const setting = text('endpoint');
    return { value: checkSetting(setting, resolveEndpoint), source: setting.source };
  });
  const timeoutMs = once((): Resolved<number> => {
    const setting = text('timeout');
    return { value: checkSetting(setting, (value) => parseDuration('--timeout', value)), source: setting.source };
  });
  const defaultOutput = once((): Resolved<RecordFormat> => {
    const active = profile();
    const output = active.settings.output;
    if (output === undefined || output === '' || active.file === undefined) return { value: 'table', source: { kind: 'default' } };
    // A hand-edited typo would otherwise quietly mean "table".
    if (!(RECORD_FORMATS as readonly string[]).includes(output)) {
      throw new UsageError(`output ${JSON.stringify(output.slice(0, 40))} is not a format (from profile ${active.name} (${active.file.path}))`, {
        hint: `use one of ${RECORD_FORMATS.join(', ')}: hproc config set output <format>`,
      });
    }
    return { value: output as RecordFormat, source: { kind: 'profile', profile: active.name, file: active.file.path } };
  });
  const settings: RunSettings = {
    get profile() {
      return profile();
    },
    get app() {
      return app();
    },
    requiredApp: () => {
      const { value } = app();
      if (value === undefined) {
        throw new UsageError('no app given', { hint: "pass --app <appId>, set HATHORA_APP_ID, or store one with 'hproc config set app <appId>'" });
      }
      return value;
    },
    get endpoint() {
      return endpoint();
    },
    get timeoutMs() {
      return timeoutMs();
    },
    get defaultOutput() {
      return defaultOutput();
    },
    writableProfile: () => selectProfile(inputs, true),
    text,
  };
  const connection = once((): Connection => ({
    baseUrl: endpoint().value,
    ...tokenOf(flags, text, ctx),
    budgetMs: timeoutMs().value,
    debug: flags.debug,
  }));
  let client: Promise<ApiClient> | undefined;
  // The profile's colour, read only when neither the flag nor the environment decides. Colour is
  // never worth failing a command for: a profile that cannot be read here leaves the terminal to decide
  // (the command reports the file itself when it reads a setting).
  const profileColour = once((): string | undefined => {
    try {
      return profile().settings.color;
    } catch {
      return undefined;
    }
  });
  const traits = (stream: Io['stdout']): StreamTraits => {
    const level = once(() => colourLevel({ noColorFlag: flags.noColor, env, isTTY: stream.isTTY, profile: profileColour }));
    return {
      isTTY: stream.isTTY,
      width: stream.isTTY ? stream.columns : undefined,
      height: stream.isTTY ? stream.rows : undefined,
      get colourLevel() {
        return level();
      },
      get colour() {
        return level() > 0;
      },
    };
  };
  const say = (text: string): void => io.stderr.write(`hproc: ${sanitizeCell(text)}\n`);
  const ctx: RunContext = {
    io,
    env,
    now: world.now,
    signal: world.signal,
    stdout: traits(io.stdout),
    stderr: traits(io.stderr),
    mayPrompt: io.stdin?.isTTY === true && io.stderr.isTTY,
    showsProgress: progressWanted(io, env),
    debug: flags.debug,
    quiet: flags.quiet,
    secrets,
    settings,
    note: (text) => {
      if (io.stderr.isTTY && !flags.quiet) say(text);
    },
    warn: (text) => say(`warning: ${text}`),
    onExit: world.onExit,
    retries: retryNotices(),
    config,
    reloadConfig: () => {
      configFile = undefined;
    },
    connection,
    client: () => (client ??= openClient(connection(), ctx)),
  };
  return ctx;
}

function tokenOf(flags: RunFlags, text: (key: ConfigKey) => Setting, ctx: RunContext): { token: string | null; tokenSource: SettingSource } {
  if (flags.tokenStdin) {
    if (flags.settings.token !== undefined) throw new UsageError('--token conflicts with --token-stdin');
    return { token: null, tokenSource: { kind: 'stdin' } };
  }
  const setting = text('token');
  if (setting.value === undefined) throw new AuthError('no Hathora token', { hint: NO_TOKEN_HINT });
  if (setting.source.kind === 'flag') ctx.note('warning: a token on the command line is visible to other users (ps, shell history); use --token-stdin or HATHORA_TOKEN');
  ctx.secrets.add(setting.value);
  const token = checkSetting(setting, checkedToken);
  ctx.secrets.add(token);
  return { token, tokenSource: setting.source };
}

// A value that is only a line break (`$(cat empty-file)`) counts as no token.
function checkedToken(value: string): string {
  try {
    return resolveToken(value);
  } catch (error) {
    if (error instanceof AuthError && error.message === 'no Hathora token') throw new AuthError('the token is empty', { hint: NO_TOKEN_HINT });
    throw error;
  }
}


/** Reads the token for --token-stdin: one line, a trailing line break dropped, checked like any token. */
export async function readTokenFromStdin(ctx: RunContext): Promise<string> {
  const stdin = ctx.io.stdin;
  if (stdin === undefined) throw new UsageError('--token-stdin: there is no standard input to read the token from');
  const line = stdin.isTTY && stdin.readSecret !== undefined ? await stdin.readSecret('Token: ') : await stdin.readLine('');
  if (ctx.signal.aborted) throw new InterruptedError('interrupted while reading the token');
  const token = withoutLineBreak(line ?? '');
  ctx.secrets.add(token);
  if (token === '') throw new AuthError('no token on standard input (--token-stdin)', { hint: 'pipe the token in, e.g. printenv HATHORA_TOKEN | hproc ... --token-stdin' });
  return resolveToken(token);
}

/** Opens an API client for a connection; undici loads here, on the first command that needs the network. */
export async function openClient(connection: Connection, ctx: RunContext): Promise<ApiClient> {
  const token = connection.token ?? (await readTokenFromStdin(ctx));
  const [{ avoidWasmTierUpStall }, { createApiClient }] = await Promise.all([import('./commands/liftoff.js'), import('./api/client.js')]);
  await avoidWasmTierUpStall();
  return createApiClient({
    baseUrl: connection.baseUrl,
    token,
    userAgent: `hproc/${VERSION}`,
    signal: ctx.signal,
    budgetMs: connection.budgetMs,
    onRetry: (event) => ctx.retries.notify(event),
    ...(connection.debug ? { debug: (line: string) => ctx.io.stderr.write(`debug: ${sanitizeCell(ctx.secrets.redact(line))}\n`) } : {}),
  });
}

/** Who hears of retries: the client tells, a progress line listens. */
export interface RetryNotices {
  /** Adds a listener; returns its removal. */
  listen(listener: (event: RetryEvent) => void): () => void;
  notify(event: RetryEvent): void;
}

function retryNotices(): RetryNotices {
  const listeners = new Set<(event: RetryEvent) => void>();
  return {
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify: (event) => {
      for (const listener of listeners) listener(event);
    },
  };
}

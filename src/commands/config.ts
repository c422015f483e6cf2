// `hproc config get|set|unset|list|use|profiles|path`: the config file and its profiles.
import type { RunContext } from '../run-context.js';
import { withoutLineBreak } from '../secrets.js';
import { HprocError, UsageError } from '../errors.js';
import { defineCommand, defineCommandGroup, type OptionSpec } from '../cli/spec.js';
import { appOptions, connectionOptions } from '../cli/option-groups.js';
import { RECORD_FORMATS } from '../render/formats.js';
import { resolveEndpoint, resolveToken } from '../api/endpoint.js';
import { validateAppId } from '../api/ids.js';
import { CONFIG_KEYS, checkProfileName, configFilePath, emptyDocument, writeConfigFile, type ConfigKey, type Profile } from '../config/config-file.js';
import { SETTING_VARIABLES, describeSource, maskToken, type Setting } from '../config/settings.js';
import { parseDuration } from './flags.js';

const profileOption: OptionSpec = { flags: '--profile <name>', description: 'the profile to use (default: $HPROC_PROFILE, then the current profile)' };

const KEY_HELP = 'app, endpoint, token, output, timeout or color';

/** Checks a key name against CONFIG_KEYS. */
function checkKey(key: string | undefined): ConfigKey {
  if (key !== undefined && (CONFIG_KEYS as readonly string[]).includes(key)) return key as ConfigKey;
  throw new UsageError(`unknown config key ${JSON.stringify((key ?? '').slice(0, 40))}`, { hint: `keys: ${KEY_HELP}` });
}

/** Checks a value before it is stored, with the checks its use applies; returns what to store. */
function checkValue(key: ConfigKey, value: string): string {
  switch (key) {
    case 'app':
      return validateAppId(value);
    case 'endpoint':
      resolveEndpoint(value);
      return value;
    case 'token':
      return resolveToken(value);
    case 'output':
      if (!(RECORD_FORMATS as readonly string[]).includes(value)) {
        throw new UsageError(`output must be one of ${RECORD_FORMATS.join(', ')}, got ${JSON.stringify(value.slice(0, 40))}`);
      }
      return value;
    case 'timeout':
      parseDuration('timeout', value);
      return value;
    case 'color':
      if (!['auto', 'always', 'never'].includes(value)) throw new UsageError(`color must be auto, always or never, got ${JSON.stringify(value.slice(0, 40))}`);
      return value;
  }
}

/** What a person sees of a setting: a token only as its fixed mask. */
function shown(key: ConfigKey, setting: Setting): string | undefined {
  if (setting.value === undefined) return undefined;
  if (setting.source.kind === 'stdin') return '(read from standard input)';
  return key === 'token' ? maskToken(setting.value) : setting.value;
}

function configPathOrThrow(ctx: RunContext): string {
  const path = configFilePath(ctx.env);
  if (path === undefined) throw new UsageError('there is no place for a config file', { hint: 'set HOME or XDG_CONFIG_HOME' });
  return path;
}

interface KeyOptions {
  key: ConfigKey;
  value: string | undefined;
}

const getCommand = defineCommand<KeyOptions>({
  name: 'get',
  summary: 'print the value hproc uses for a key (a token only as a fixed mask)',
  description:
    `Print the value hproc uses for a key (${KEY_HELP}):\n` +
    'from the environment, then the profile, then the default. A token is printed\n' +
    'only as a fixed mask. Exit 1 if nothing sets the key.',
  args: [{ name: 'key', description: KEY_HELP, required: true }],
  options: [profileOption],
  examples: [
    { description: 'the app hproc uses', command: 'hproc config get app' },
    { description: 'the endpoint of another profile', command: 'hproc config get endpoint --profile staging' },
  ],
  toOptions: ({ args }) => ({ key: checkKey(args[0]), value: undefined }),
  run: async ({ key }, ctx) => {
    const setting = ctx.settings.text(key);
    const value = shown(key, setting);
    if (value === undefined) {
      throw new HprocError(`${key} is not set`, { hint: `set it with: hproc config set ${key} ${key === 'token' ? '' : '<value>'}`.trimEnd() });
    }
    const { sanitizeCell } = await import('../render/sanitize.js');
    ctx.io.stdout.write(`${sanitizeCell(value)}\n`);
  },
});

const setCommand = defineCommand<KeyOptions>({
  name: 'set',
  summary: 'store a value in the profile (a token is read from stdin when no value is given)',
  description:
    `Store a value for a key (${KEY_HELP}) in the\n` +
    'profile, creating the profile and the file if needed; the file is written\n' +
    'atomically with mode 0600. Without a value, `set token` reads the token from\n' +
    'standard input (hidden when typed at a terminal), so it stays out of the\n' +
    'process list and your shell history. A token from HATHORA_TOKEN is never\n' +
    'written.',
  args: [
    { name: 'key', description: KEY_HELP, required: true },
    { name: 'value', description: 'the value (for a token: leave it out and give it on stdin)', required: false },
  ],
  options: [profileOption],
  examples: [
    { description: 'a default app', command: 'hproc config set app app-af469a92-5b45-4565-b3c4-b79878de67d2' },
    { description: 'store a token, typed or pasted without echo', command: 'hproc config set token' },
    { description: 'store a token from a password manager', command: 'pass show hathora/token | hproc config set token' },
    { description: 'a profile for the local emulator', command: 'hproc config set endpoint http://127.0.0.1:4000 --profile local' },
  ],
  toOptions: ({ args, opts }, ctx) => {
    const key = checkKey(args[0]);
    const value = args[1];
    // A token given as an argument must be masked in any error line, like one given to --token.
    if (key === 'token' && value !== undefined) ctx.secrets.add(value);
    if (value === undefined && key !== 'token') throw new UsageError(`config set ${key} needs a value`, { hint: `hproc config set ${key} <value>` });
    if (value !== undefined) checkValue(key, value);
    return { key, value };
  },
  run: async ({ key, value }, ctx) => {
    // Before asking for a token that could not be stored anyway.
    configPathOrThrow(ctx);
    let stored: string;
    if (value !== undefined) {
      stored = checkValue(key, value);
      if (key === 'token') ctx.note('warning: a token on the command line is visible to other users (ps, shell history); next time leave it out and give it on stdin');
    } else {
      stored = await readTokenToStore(ctx, 'config set token');
    }
    await storeSettings(ctx, { [key]: stored });
  },
});

/**
 * Writes values into the chosen profile (created if needed), then tells a person where, and warns
 * when the environment overrides a stored value. Only the given values and what the file already
 * held are written: nothing from flags or the environment.
 */
export async function storeSettings(ctx: RunContext, values: Profile): Promise<void> {
  const path = configPathOrThrow(ctx);
  const profile = ctx.settings.writableProfile();
  const document = profile.file?.document;
  if (document === undefined) throw new UsageError('there is no place for a config file', { hint: 'set HOME or XDG_CONFIG_HOME' });
  document.profiles[profile.name] = { ...profile.settings, ...values };
  await writeConfigFile(path, document);
  ctx.reloadConfig();
  const keys = Object.keys(values) as ConfigKey[];
  ctx.note(`${keys.join(' and ')} set in profile ${profile.name} (${path})`);
  for (const key of keys) {
    const variable = SETTING_VARIABLES[key];
    if (variable !== undefined && (ctx.env[variable] ?? '') !== '') {
      ctx.warn(`${variable} is set and takes precedence over the stored ${key}`);
    }
  }
}

/** Reads a token to store from stdin: hidden at a terminal, one line from a pipe; `what` names the command in errors. */
export async function readTokenToStore(ctx: RunContext, what: string): Promise<string> {
  const stdin = ctx.io.stdin;
  if (stdin === undefined) throw new UsageError(`${what}: there is no standard input to read the token from`);
  const prompt = 'Paste the token (it is not shown): ';
  const line = !stdin.isTTY ? await stdin.readLine('') : stdin.readSecret !== undefined ? await stdin.readSecret(prompt) : await stdin.readLine('Token: ');
  const token = withoutLineBreak(line ?? '');
  ctx.secrets.add(token);
  if (token === '') throw new UsageError(`${what}: no token on standard input`, { hint: 'pipe it in, or type it at the prompt' });
  return resolveToken(token);
}

const unsetCommand = defineCommand<KeyOptions>({
  name: 'unset',
  summary: 'remove a value from the profile',
  args: [{ name: 'key', description: KEY_HELP, required: true }],
  options: [profileOption],
  examples: [
    { description: 'forget the stored token', command: 'hproc config unset token' },
    { description: 'no default app in the staging profile', command: 'hproc config unset app --profile staging' },
  ],
  toOptions: ({ args }) => ({ key: checkKey(args[0]), value: undefined }),
  run: async ({ key }, ctx) => removeSetting(ctx, key),
});

/** Removes a key from the chosen profile (nothing to do when it is not there). */
export async function removeSetting(ctx: RunContext, key: ConfigKey): Promise<void> {
  const profile = ctx.settings.profile;
  if (!profile.exists || profile.settings[key] === undefined || profile.file === undefined) {
    ctx.note(`${key} was not set in profile ${profile.name}`);
    return;
  }
  const { [key]: _removed, ...rest } = profile.settings;
  profile.file.document.profiles[profile.name] = rest;
  await writeConfigFile(profile.file.path, profile.file.document);
  ctx.reloadConfig();
  ctx.note(`${key} removed from profile ${profile.name} (${profile.file.path})`);
}

interface ListOptions {
  showSource: boolean;
}

const listCommand = defineCommand<ListOptions>({
  name: 'list',
  summary: 'print every effective setting, with --show-source where each came from',
  description:
    'Print every setting hproc would use: the profile, app, endpoint, token (as a\n' +
    'fixed mask), output and timeout. With --show-source, a table that says where\n' +
    'each came from: a flag, the environment (naming the variable), the profile\n' +
    '(and its file), or the default. Precedence: flag > environment > profile >\n' +
    'default. Flags given here are resolved as any command would resolve them.',
  args: [],
  options: [
    { flags: '--show-source', description: 'say where each value came from' },
    ...appOptions,
    ...connectionOptions.filter((option) => !option.flags.includes('--debug')),
    { flags: '-o, --output <format>', description: 'an output format, to see how it resolves (not the format of this list)' },
    { flags: '--json', description: 'same as --output json' },
  ],
  examples: [
    { description: 'what hproc uses', command: 'hproc config list' },
    { description: 'and where each value came from', command: 'hproc config list --show-source' },
    { description: 'as seen with another profile', command: 'HPROC_PROFILE=staging hproc config list --show-source' },
  ],
  toOptions: ({ opts }) => ({ showSource: opts.showSource === true }),
  run: async ({ showSource }, ctx) => {
    const profile = ctx.settings.profile;
    const rows = [
      { key: 'profile', value: profile.name, source: describeSource(profile.source) },
      ...CONFIG_KEYS.map((key) => {
        const setting = ctx.settings.text(key);
        return { key, value: shown(key, setting), source: describeSource(setting.source) };
      }),
    ];
    const { renderSettings } = await import('../render/config-view.js');
    ctx.io.stdout.write(renderSettings(rows, showSource));
  },
});

interface ProfileOptions {
  name: string;
}

const useCommand = defineCommand<ProfileOptions>({
  name: 'use',
  summary: 'make a profile the current one',
  args: [{ name: 'profile', description: 'the profile name', required: true }],
  options: [],
  examples: [
    { description: 'work with the staging profile from now on', command: 'hproc config use staging' },
    { description: 'or for one command only', command: 'hproc list --profile staging' },
  ],
  toOptions: ({ args }) => ({ name: checkProfileName(args[0] ?? '', 'profile') }),
  run: async ({ name }, ctx) => {
    const path = configPathOrThrow(ctx);
    const document = ctx.config()?.document ?? emptyDocument();
    if (!Object.hasOwn(document.profiles, name)) {
      const known = Object.keys(document.profiles);
      throw new UsageError(`no profile '${name}' in ${path}`, {
        hint: `${known.length > 0 ? `known profiles: ${known.join(', ')}; ` : ''}create it with: hproc config set app <appId> --profile ${name}`,
      });
    }
    document.currentProfile = name;
    await writeConfigFile(path, document);
    ctx.reloadConfig();
    ctx.note(`now using profile ${name}`);
    if ((ctx.env.HPROC_PROFILE ?? '') !== '' && ctx.env.HPROC_PROFILE !== name) {
      ctx.warn(`HPROC_PROFILE=${ctx.env.HPROC_PROFILE} is set and takes precedence`);
    }
  },
});

const profilesCommand = defineCommand<undefined>({
  name: 'profiles',
  summary: 'list the profiles; * marks the one in use',
  args: [],
  options: [profileOption],
  examples: [{ description: 'your profiles', command: 'hproc config profiles' }],
  toOptions: () => undefined,
  run: async (_options, ctx) => {
    const profile = ctx.settings.profile;
    const names = Object.keys(profile.file?.document.profiles ?? {});
    if (names.length === 0) ctx.note("no profiles yet; create one with 'hproc config set app <appId>'");
    const { renderProfiles } = await import('../render/config-view.js');
    ctx.io.stdout.write(renderProfiles(names, profile.name));
  },
});

const pathCommand = defineCommand<undefined>({
  name: 'path',
  summary: 'print where the config file is (or would be)',
  args: [],
  options: [],
  examples: [{ description: 'check its permissions', command: 'ls -l "$(hproc config path)"' }],
  toOptions: () => undefined,
  run: async (_options, ctx) => {
    ctx.io.stdout.write(`${configPathOrThrow(ctx)}\n`);
  },
});

/** `hproc config`: settings and profiles in the config file. */
export const configCommand = defineCommandGroup({
  name: 'config',
  summary: 'settings and profiles (app, endpoint, token, output, timeout, color)',
  description:
    'Read and write the config file, $XDG_CONFIG_HOME/hproc/config.json (else\n' +
    '~/.config/hproc/config.json): named profiles, each with an app, endpoint,\n' +
    'token, output format and timeout. Precedence everywhere: flag > environment >\n' +
    'profile > default. Choose a profile with --profile or HPROC_PROFILE, or make\n' +
    "one current with 'hproc config use'.",
  examples: [
    { description: 'store a token and a default app', command: 'hproc config set token && hproc config set app app-af469a92-5b45-4565-b3c4-b79878de67d2' },
    { description: 'see what is used and why', command: 'hproc config list --show-source' },
  ],
  subcommands: [getCommand, setCommand, unsetCommand, listCommand, useCommand, profilesCommand, pathCommand],
});

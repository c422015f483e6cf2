// Where each setting comes from: flag > environment > profile > default, the one precedence every
// command shares. The config file is read only when a command resolves a setting, so `--help`,
// `--version` and the emulator never touch it, and a broken file cannot break them.
import type { Ctx } from '../context.js';
import { HprocError, UsageError } from '../errors.js';
import { MASK } from '../redact.js';
import { sanitizeCell } from '../render/sanitize.js';
import { RECORD_FORMATS } from '../cli/option-groups.js';
import {
  DEFAULT_PROFILE,
  checkProfileName,
  configFilePath,
  readConfigFile,
  type ConfigKey,
  type LoadedConfigFile,
  type Profile,
} from './config-file.js';

/** Where a setting's value came from. */
export type SettingSource =
  | { kind: 'flag'; flag: string }
  | { kind: 'stdin' }
  | { kind: 'environment'; variable: string }
  | { kind: 'profile'; profile: string; file: string }
  | { kind: 'current-profile'; file: string }
  | { kind: 'default' }
  | { kind: 'unset' };

/** A setting's effective value (undefined when nothing sets it) and its source. */
export interface Setting {
  value: string | undefined;
  source: SettingSource;
}

/** The profile a run uses, why, and what it holds. */
export interface ActiveProfile {
  name: string;
  source: SettingSource;
  /** Its settings; empty when the profile does not exist (yet). */
  settings: Profile;
  exists: boolean;
  /** The config file, or undefined when there is no place for one (neither XDG_CONFIG_HOME nor HOME). */
  file: LoadedConfigFile | undefined;
}

/** The flags that set each key, in the order they are looked at (the second spelling is Hathora's CLI's). */
const FLAGS: Record<ConfigKey, readonly (readonly [option: string, flag: string])[]> = {
  app: [['app', '--app'], ['appId', '--app-id']],
  endpoint: [['endpoint', '--endpoint'], ['hathoraCloudEndpoint', '--hathora-cloud-endpoint']],
  token: [['token', '--token']],
  output: [['output', '--output']],
  timeout: [['timeout', '--timeout']],
};

/** The environment variable of each key that has one. */
export const SETTING_VARIABLES: Partial<Record<ConfigKey, string>> = {
  app: 'HATHORA_APP_ID',
  endpoint: 'HATHORA_CLOUD_ENDPOINT',
  token: 'HATHORA_TOKEN',
};

/** The built-in default of each key that has one. */
export const SETTING_DEFAULTS: Partial<Record<ConfigKey, string>> = {
  endpoint: 'https://api.hathora.dev',
  output: 'table',
  timeout: '30s',
};

const loaded = new WeakMap<Ctx, LoadedConfigFile | undefined>();

/** Reads the config file once per run (later calls reuse it) and prints its warnings once, on stderr. */
export function loadConfig(ctx: Ctx): LoadedConfigFile | undefined {
  if (loaded.has(ctx)) return loaded.get(ctx);
  const path = configFilePath(ctx.env);
  const file = path === undefined ? undefined : readConfigFile(path);
  loaded.set(ctx, file);
  for (const warning of file?.warnings ?? []) ctx.io.stderr.write(`hproc: warning: ${sanitizeCell(warning)}\n`);
  return file;
}

/** Forgets the file read for this run, after the run itself rewrote it. */
export function forgetConfig(ctx: Ctx): void {
  loaded.delete(ctx);
}

/**
 * Picks the profile: --profile, then HPROC_PROFILE, then the file's currentProfile, then "default".
 * A profile named by the user that does not exist is a usage error unless `mayBeNew` (config set).
 */
export function selectProfile(opts: Readonly<Record<string, unknown>>, ctx: Ctx, mayBeNew = false): ActiveProfile {
  const flag = nonEmpty(opts.profile);
  const variable = nonEmpty(ctx.env.HPROC_PROFILE);
  if (flag !== undefined) checkProfileName(flag, '--profile');
  else if (variable !== undefined) checkProfileName(variable, 'HPROC_PROFILE');
  const file = loadConfig(ctx);
  const current = file?.document.currentProfile;
  const [name, source]: [string, SettingSource] =
    flag !== undefined
      ? [flag, { kind: 'flag', flag: '--profile' }]
      : variable !== undefined
        ? [variable, { kind: 'environment', variable: 'HPROC_PROFILE' }]
        : current !== undefined && file !== undefined
          ? [current, { kind: 'current-profile', file: file.path }]
          : [DEFAULT_PROFILE, { kind: 'default' }];
  const profiles = file?.document.profiles ?? {};
  const exists = Object.hasOwn(profiles, name);
  if (!exists && !mayBeNew && source.kind !== 'default') {
    const known = Object.keys(profiles);
    throw new UsageError(`no profile '${name}' in ${file?.path ?? 'the config file'} (chosen by ${describeSource(source)})`, {
      hint: `${known.length > 0 ? `known profiles: ${known.join(', ')}; ` : ''}create it with: hproc config set app <appId> --profile ${name}`,
    });
  }
  return { name, source, settings: exists ? (profiles[name] as Profile) : {}, exists, file };
}

/** Resolves one setting: flag, then environment, then the active profile, then the default. */
export function resolveSetting(key: ConfigKey, opts: Readonly<Record<string, unknown>>, ctx: Ctx, profile?: ActiveProfile): Setting {
  for (const [option, flag] of FLAGS[key]) {
    const value = nonEmpty(opts[option]);
    if (value !== undefined) return { value, source: { kind: 'flag', flag } };
  }
  if (key === 'output' && opts.json === true) return { value: 'json', source: { kind: 'flag', flag: '--json' } };
  const variable = SETTING_VARIABLES[key];
  const fromEnv = variable === undefined ? undefined : nonEmpty(ctx.env[variable]);
  if (variable !== undefined && fromEnv !== undefined) return { value: fromEnv, source: { kind: 'environment', variable } };
  const active = profile ?? selectProfile(opts, ctx);
  const fromProfile = nonEmpty(active.settings[key]);
  if (fromProfile !== undefined && active.file !== undefined) {
    return { value: fromProfile, source: { kind: 'profile', profile: active.name, file: active.file.path } };
  }
  const fallback = SETTING_DEFAULTS[key];
  return fallback === undefined ? { value: undefined, source: { kind: 'unset' } } : { value: fallback, source: { kind: 'default' } };
}

/** The active profile's default output format, if it sets one (flags and defaults are the caller's business). */
export function profileOutput(opts: Readonly<Record<string, unknown>>, ctx: Ctx): string | undefined {
  const profile = selectProfile(opts, ctx);
  const output = nonEmpty(profile.settings.output);
  // A hand-edited typo would otherwise quietly mean "table".
  if (output !== undefined && !(RECORD_FORMATS as readonly string[]).includes(output) && profile.file !== undefined) {
    throw new UsageError(`output ${JSON.stringify(output.slice(0, 40))} is not a format (from profile ${profile.name} (${profile.file.path}))`, {
      hint: `use one of ${RECORD_FORMATS.join(', ')}: hproc config set output <format>`,
    });
  }
  return output;
}

/** Describes a source for people: `flag --app`, `environment HATHORA_TOKEN`, `profile staging (<file>)`, `default`. */
export function describeSource(source: SettingSource): string {
  switch (source.kind) {
    case 'flag':
      return `flag ${source.flag}`;
    case 'stdin':
      return 'standard input (--token-stdin)';
    case 'environment':
      return `environment ${source.variable}`;
    case 'profile':
      return `profile ${source.profile} (${source.file})`;
    case 'current-profile':
      return `currentProfile in ${source.file}`;
    case 'default':
      return 'default';
    case 'unset':
      return 'not set';
  }
}

/**
 * Runs a check of a setting's value and, when it fails, says where the bad value came from (a
 * value from a file is otherwise hard to find). The error keeps its class, so its exit code.
 */
export function checkSetting<T>(setting: Setting, check: (value: string) => T): T {
  try {
    return check(setting.value ?? '');
  } catch (error) {
    if (!(error instanceof HprocError) || setting.source.kind === 'default' || setting.source.kind === 'unset') throw error;
    const Class = error.constructor as new (message: string, options: { hint?: string; cause?: unknown }) => HprocError;
    throw new Class(`${error.message} (from ${describeSource(setting.source)})`, {
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      cause: error,
    });
  }
}

/** The fixed mask shown for a token: it keeps only the well-known org token prefix, never the length or tail. */
export function maskToken(token: string): string {
  return token.startsWith('hathora_org_st_') ? 'hathora_org_st_••••' : MASK;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

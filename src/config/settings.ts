// Where each setting comes from: flag > environment > profile > default, the one precedence every
// command shares. These functions only resolve; the run context (src/run-context.ts) calls them once
// per setting and reads the config file only when a command asks for a setting, so `--help`,
// `--version` and the emulator never touch it, and a broken file cannot break them.
import { HprocError, UsageError } from '../errors.js';
import { MASK } from '../redact.js';
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

/** The setting flags a run was given, each with the spelling used (`--app-id` is Hathora's CLI's). */
export type SettingFlags = Partial<Record<ConfigKey, { value: string; flag: string }>>;

/** What settings are resolved from. */
export interface SettingInputs {
  flags: SettingFlags;
  /** --profile, when given. */
  profileFlag: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** The config file; its supplier reads it at most once per run. */
  configFile(): LoadedConfigFile | undefined;
}

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
  color: 'auto',
};

/** Reads the config file at its usual place (XDG_CONFIG_HOME or HOME); undefined when there is no place for one. */
export function readConfigAt(env: Readonly<Record<string, string | undefined>>): LoadedConfigFile | undefined {
  const path = configFilePath(env);
  return path === undefined ? undefined : readConfigFile(path, env.HOME);
}

/**
 * Picks the profile: --profile, then HPROC_PROFILE, then the file's currentProfile, then "default".
 * A profile named by the user that does not exist is a usage error unless `mayBeNew` (config set).
 */
export function selectProfile(inputs: SettingInputs, mayBeNew = false): ActiveProfile {
  const flag = nonEmpty(inputs.profileFlag);
  const variable = nonEmpty(inputs.env.HPROC_PROFILE);
  if (flag !== undefined) checkProfileName(flag, '--profile');
  else if (variable !== undefined) checkProfileName(variable, 'HPROC_PROFILE');
  const file = inputs.configFile();
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
export function resolveSetting(key: ConfigKey, inputs: SettingInputs, profile: ActiveProfile = selectProfile(inputs)): Setting {
  const flag = inputs.flags[key];
  if (flag !== undefined && flag.value !== '') return { value: flag.value, source: { kind: 'flag', flag: flag.flag } };
  const variable = SETTING_VARIABLES[key];
  const fromEnv = variable === undefined ? undefined : nonEmpty(inputs.env[variable]);
  if (variable !== undefined && fromEnv !== undefined) return { value: fromEnv, source: { kind: 'environment', variable } };
  const fromProfile = nonEmpty(profile.settings[key]);
  if (fromProfile !== undefined && profile.file !== undefined) {
    return { value: fromProfile, source: { kind: 'profile', profile: profile.name, file: profile.file.path } };
  }
  const fallback = SETTING_DEFAULTS[key];
  return fallback === undefined ? { value: undefined, source: { kind: 'unset' } } : { value: fallback, source: { kind: 'default' } };
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

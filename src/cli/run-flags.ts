// The flags that decide run-wide things (colour, notes, settings, debug), read from commander's
// option bag once, here: the one module that knows commander's names for them.
import type { SettingFlags } from '../config/settings.js';
import type { ConfigKey } from '../config/config-file.js';

/** The run-wide flags of one command line, typed. */
export interface RunFlags {
  /** `--no-color`. */
  noColor: boolean;
  /** `--debug`: log each request, show stack traces. */
  debug: boolean;
  /** `-q/--quiet`: no notes for a person. */
  quiet: boolean;
  /** `--token-stdin`. */
  tokenStdin: boolean;
  /** `--profile`. */
  profile: string | undefined;
  /** The flags that set a config key (`--app`, `--endpoint`, `--token`, `--output`/`--json`, `--timeout`). */
  settings: SettingFlags;
}

// The option names commander gives each setting flag, in the order they are looked at (the second
// spelling is Hathora's own CLI's).
const SETTING_OPTIONS: Record<ConfigKey, readonly (readonly [option: string, flag: string])[]> = {
  app: [['app', '--app'], ['appId', '--app-id']],
  endpoint: [['endpoint', '--endpoint'], ['hathoraCloudEndpoint', '--hathora-cloud-endpoint']],
  token: [['token', '--token']],
  output: [['output', '--output']],
  timeout: [['timeout', '--timeout']],
  // --no-color is a boolean; it is set below as the value it means.
  color: [],
};

/** The flags of a run with none given (commands that take none, tests). */
export const NO_RUN_FLAGS: RunFlags = { noColor: false, debug: false, quiet: false, tokenStdin: false, profile: undefined, settings: {} };

/** Reads the run-wide flags out of commander's parsed options. */
export function runFlagsOf(opts: Readonly<Record<string, unknown>>): RunFlags {
  const settings: SettingFlags = {};
  for (const [key, spellings] of Object.entries(SETTING_OPTIONS) as [ConfigKey, (typeof SETTING_OPTIONS)[ConfigKey]][]) {
    for (const [option, flag] of spellings) {
      const value = opts[option];
      if (typeof value === 'string' && value !== '') {
        settings[key] = { value, flag };
        break;
      }
    }
  }
  if (settings.output === undefined && (opts.json === true || typeof opts.json === 'string')) settings.output = { value: 'json', flag: '--json' };
  if (opts.color === false) settings.color = { value: 'never', flag: '--no-color' };
  return {
    // commander turns --no-color into color: false.
    noColor: opts.color === false,
    debug: opts.debug === true,
    quiet: opts.quiet === true,
    tokenStdin: opts.tokenStdin === true,
    profile: typeof opts.profile === 'string' ? opts.profile : undefined,
    settings,
  };
}

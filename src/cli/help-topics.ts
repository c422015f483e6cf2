// `hproc help <topic>`: pages that are about no single command (gh has the same pattern). The man
// page's ENVIRONMENT and EXIT STATUS sections are generated from these too, so they cannot drift.
import { ExitCode } from '../errors.js';

/** One environment variable hproc reads. */
export interface EnvironmentVariable {
  name: string;
  meaning: string;
}

/** Every environment variable hproc reads, in the order a new user needs them. */
export const ENVIRONMENT_VARIABLES: readonly EnvironmentVariable[] = [
  { name: 'HATHORA_TOKEN', meaning: 'API token (or --token / --token-stdin); the variable keeps it out of the process list' },
  { name: 'HATHORA_APP_ID', meaning: 'default application id (or --app)' },
  { name: 'HATHORA_CLOUD_ENDPOINT', meaning: 'API base URL (or --endpoint), default https://api.hathora.dev; plain http only for loopback' },
  { name: 'HPROC_PROFILE', meaning: 'profile of the config file to use (or --profile)' },
  { name: 'XDG_CONFIG_HOME', meaning: 'where the config file lives: $XDG_CONFIG_HOME/hproc/config.json (default ~/.config)' },
  { name: 'XDG_CACHE_HOME', meaning: 'where `hproc list` keeps the last listed ids for shell completion (default ~/.cache)' },
  { name: 'NO_COLOR', meaning: 'non-empty: no colour (as --no-color)' },
  { name: 'FORCE_COLOR', meaning: 'colour even when stdout is not a terminal (0 or false: off)' },
  { name: 'TERM', meaning: 'dumb: no colour and no spinner' },
  { name: 'CI', meaning: 'set: no spinner' },
];

/** The meaning of each exit code, in the order of the codes. */
export const EXIT_CODE_MEANINGS: readonly { code: number; meaning: string }[] = [
  { code: ExitCode.ok, meaning: 'success (an empty list is success; so is a reader closing the pipe early)' },
  { code: ExitCode.failure, meaning: 'other failure, including an answer that does not match the API\'s schema or a --jq program failing on the data' },
  { code: ExitCode.usage, meaning: 'usage or configuration error; no request was sent' },
  { code: ExitCode.notFound, meaning: 'not found (unknown app or process; logs gone)' },
  { code: ExitCode.auth, meaning: 'authentication or permission (no token, 401, 403)' },
  { code: ExitCode.network, meaning: 'network failure or timeout' },
  { code: ExitCode.server, meaning: 'the server failed (5xx)' },
  { code: ExitCode.rateLimited, meaning: 'rate limited (429) after retries' },
  { code: ExitCode.incomplete, meaning: 'incomplete: a listing was printed, but the server\'s paging could not reach all of it (stderr says why)' },
  { code: ExitCode.interrupted, meaning: 'interrupted (Ctrl-C)' },
];

/** A help topic: a name for `hproc help <name>`, a summary for the list, and its text. */
export interface HelpTopic {
  name: string;
  summary: string;
  text(): string;
}

function aligned(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

/** The help topics, in the order `hproc help` lists them. */
export const HELP_TOPICS: readonly HelpTopic[] = [
  {
    name: 'environment',
    summary: 'environment variables hproc reads',
    text: () =>
      'Environment variables\n\n' +
      `${aligned(ENVIRONMENT_VARIABLES.map((v) => [v.name, v.meaning]))}\n\n` +
      'Flags win over variables, variables over the config file\'s profile, the profile over defaults.\n' +
      'The HATHORA_* names match Hathora\'s own CLI, so existing CI variables keep working.\n',
  },
  {
    name: 'exit-codes',
    summary: 'what each exit status means, for scripts',
    text: () =>
      'Exit codes\n\n' +
      `${aligned(EXIT_CODE_MEANINGS.map((e) => [String(e.code), e.meaning]))}\n\n` +
      'Errors are one line on stderr starting "hproc:", sometimes followed by a "hint:" line; stdout stays\n' +
      'empty on an error, so a script never reads half an answer.\n',
  },
];

/** The topic called `name`, if there is one. */
export function helpTopicOf(name: string): HelpTopic | undefined {
  return HELP_TOPICS.find((topic) => topic.name === name);
}

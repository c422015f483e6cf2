import { OUTPUT_FORMATS, RECORD_FORMATS } from '../render/formats.js';
import type { OptionSpec } from './spec.js';

/** Where to reach the API and how to authenticate; every command that makes requests spreads these. */
export const connectionOptions: readonly OptionSpec[] = [
  { flags: '-t, --token <token>', description: 'API token (default: $HATHORA_TOKEN, then the profile\'s); visible to other users in the process list, prefer the variable or --token-stdin' },
  { flags: '--token-stdin', description: 'read the API token from standard input (one line)' },
  { flags: '--profile <name>', description: 'use this profile of the config file (default: $HPROC_PROFILE, then the current profile)' },
  { flags: '--endpoint <url>', description: 'API base URL (default: $HATHORA_CLOUD_ENDPOINT, then the profile\'s, else https://api.hathora.dev)' },
  { flags: '--hathora-cloud-endpoint <url>', description: 'same as --endpoint (the spelling of Hathora\'s own CLI)', hidden: true },
  { flags: '--timeout <duration>', description: 'total time allowed for requests and retries, e.g. 10s or 2m (default: the profile\'s, else 30s)' },
  { flags: '--debug', description: 'log each request to stderr (the token is masked) and show stack traces' },
];

/** The app a command works on. */
export const appOptions: readonly OptionSpec[] = [
  { flags: '-a, --app <appId>', description: 'application id (default: $HATHORA_APP_ID, then the profile\'s)' },
  { flags: '--app-id <appId>', description: 'same as --app (the spelling of Hathora\'s own CLI)', hidden: true },
];

/** Which generation of the process API to call. */
export const apiGenerationOptions: readonly OptionSpec[] = [
  { flags: '--api <generation>', description: 'process API generation', defaultValue: 'v3', choices: ['v1', 'v2', 'v3'] },
];

/** How to print results. */
export const outputOptions: readonly OptionSpec[] = [
  { flags: '-o, --output <format>', description: 'output format', choices: OUTPUT_FORMATS },
  { flags: '--json', description: 'same as --output json: the API\'s payload, for jq' },
  { flags: '--no-color', description: 'no colour (also: NO_COLOR=1)' },
];

/** How to print records: formats, field selection, sorting, bare ids and jq (rendered by src/render/records.ts). */
export const recordOutputOptions: readonly OptionSpec[] = [
  { flags: '-o, --output <format>', description: 'output format', choices: RECORD_FORMATS },
  // Field names are identifiers, never an id (ids have dashes): `show --json <id>` keeps its id.
  { flags: '--json [fields]', description: 'same as --output json: the API\'s payload, for jq; with fields (e.g. --json processId,status), only those', valuePattern: /^[A-Za-z][A-Za-z0-9_.]*(,[A-Za-z][A-Za-z0-9_.]*)*$/, list: true },
  { flags: '--fields [fields]', description: 'only these fields, comma-separated or repeated, in tables, CSV/TSV and JSON; alone, list the fields', list: true },
  { flags: '--sort <keys>', description: 'sort by these fields, comma-separated or repeated; -field for descending, e.g. region,-createdAt', list: true },
  { flags: '--no-headers', description: 'no header line in tables, CSV and TSV' },
  { flags: '-q, --quiet', description: 'only the ids, one per line (for xargs); no notes' },
  { flags: '--jq <expression>', description: 'filter the JSON with a jq program (built in; implies --json), e.g. \'.[].processId\'' },
  { flags: '--no-color', description: 'no colour (also: NO_COLOR=1)' },
];

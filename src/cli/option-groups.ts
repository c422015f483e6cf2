import type { OptionSpec } from './spec.js';

/** Where to reach the API and how to authenticate; every command that makes requests spreads these. */
export const connectionOptions: readonly OptionSpec[] = [
  { flags: '-t, --token <token>', description: 'API token (default: $HATHORA_TOKEN); visible to other users in the process list, prefer the variable' },
  { flags: '--endpoint <url>', description: 'API base URL (default: $HATHORA_CLOUD_ENDPOINT or https://api.hathora.dev)' },
  { flags: '--hathora-cloud-endpoint <url>', description: 'same as --endpoint (the spelling of Hathora\'s own CLI)', hidden: true },
  { flags: '--timeout <duration>', description: 'total time allowed for requests and retries, e.g. 10s or 2m', defaultValue: '30s' },
  { flags: '--debug', description: 'log each request to stderr (the token is masked) and show stack traces' },
];

/** The app a command works on. */
export const appOptions: readonly OptionSpec[] = [
  { flags: '-a, --app <appId>', description: 'application id (default: $HATHORA_APP_ID)' },
  { flags: '--app-id <appId>', description: 'same as --app (the spelling of Hathora\'s own CLI)', hidden: true },
];

/** Which generation of the process API to call. */
export const apiGenerationOptions: readonly OptionSpec[] = [
  { flags: '--api <generation>', description: 'process API generation', defaultValue: 'v3', choices: ['v1', 'v2', 'v3'] },
];

/** The output formats every listing and detail command offers. */
export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'ndjson'] as const;

/** One of OUTPUT_FORMATS. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** How to print results. */
export const outputOptions: readonly OptionSpec[] = [
  { flags: '-o, --output <format>', description: 'output format', choices: OUTPUT_FORMATS },
  { flags: '--json', description: 'same as --output json: the API\'s payload, for jq' },
  { flags: '--no-color', description: 'no colour (also: NO_COLOR=1)' },
];

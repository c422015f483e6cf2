// `hproc auth status`: which token hproc would use and where it came from, never the token itself.
import { defineCommand, defineCommandGroup } from '../cli/spec.js';
import { connectionOptions } from '../cli/option-groups.js';
import { resolveEndpoint } from '../api/endpoint.js';
import { checkSetting, describeSource, maskToken } from '../config/settings.js';
import type { Connection } from '../run-context.js';
import { parseDuration } from './flags.js';
import { AuthError, HprocError, InterruptedError, NotFoundError } from '../errors.js';

/** Validated options of `hproc auth status`. */
export interface AuthStatusOptions {
  connection: Connection;
  check: boolean;
  profile: string;
  profileSource: string;
  endpointSource: string;
}

const statusCommand = defineCommand<AuthStatusOptions>({
  name: 'status',
  summary: 'say which token is used and where it came from (with --check, whether the API accepts it)',
  description:
    'Say which token hproc would use, as a fixed mask (never the token or its\n' +
    'length), and where it came from: --token, --token-stdin, HATHORA_TOKEN, or a\n' +
    'profile in the config file. With --check, one request (the apps list) tells\n' +
    'whether the API accepts it (exit 4 if not), and a second (the organisations\n' +
    "list) shows the token's organisation and the scopes it holds there, as the API\n" +
    'tells them. No token: exit 4.',
  args: [],
  options: [{ flags: '--check', description: "ask the API whether it accepts the token, and the token's organisation and scopes" }, ...connectionOptions],
  examples: [
    { description: 'where the token comes from', command: 'hproc auth status' },
    { description: 'and whether it still works', command: 'hproc auth status --check' },
    { description: 'a token from a password manager', command: 'pass show hathora/token | hproc auth status --check --token-stdin' },
  ],
  toOptions: ({ opts }, ctx) => {
    const connection = ctx.connection();
    const { profile } = ctx.settings;
    return {
      connection,
      check: opts.check === true,
      profile: profile.name,
      profileSource: describeSource(profile.source),
      endpointSource: describeSource(ctx.settings.endpoint.source),
    };
  },
  run: async (options, ctx) => {
    // Already loaded by the time a command runs: the program loads it to build the context.
    const { openClient, readTokenFromStdin } = await import('../run-context.js');
    const token = options.connection.token ?? (await readTokenFromStdin(ctx));
    const connection = { ...options.connection, token };
    const fields: [string, string, string?][] = [
      ['token', maskToken(token), describeSource(connection.tokenSource)],
      ['endpoint', connection.baseUrl.href.replace(/\/$/, ''), options.endpointSource],
      ['profile', options.profile, options.profileSource],
    ];
    if (options.check) {
      // Any rejection (401, 403) throws an AuthError: exit 4, nothing on stdout.
      const client = await openClient(connection, ctx);
      try {
        const { listApps } = await import('../api/apps.js');
        const apps = await listApps(client);
        fields.push(['accepted', `yes (${apps.data.length} ${apps.data.length === 1 ? 'app' : 'apps'} visible)`]);
        fields.push(...(await organisationFields(client)));
      } finally {
        await client.close();
      }
    }
    const { renderFields } = await import('../render/config-view.js');
    ctx.io.stdout.write(renderFields(fields));
  },
});

const LOGIN_REJECTED_HINT = "create a token in the Hathora console and run 'hproc auth login' again, or store this one unchecked with --no-check";

/** The token's organisations and scopes; a token that may not read them (a 403) is told which scope that needs, and the check still stands. */
async function organisationFields(client: import('../api/client.js').ApiClient): Promise<[string, string, string?][]> {
  const [{ listOrgs }, { organisationRows }] = await Promise.all([import('../api/orgs.js'), import('../render/organisations.js')]);
  try {
    return organisationRows((await listOrgs(client)).data);
  } catch (error) {
    // The token was accepted already; what the organisations call says does not change that.
    if (error instanceof AuthError || error instanceof NotFoundError) {
      return [['org', `not readable: ${error.message} (listing organisations needs the scope orgs:read, by hproc's reading)`]];
    }
    if (error instanceof HprocError && !(error instanceof InterruptedError)) return [['org', `not readable: ${error.message}`]];
    throw error;
  }
}

/** Validated options of `hproc auth login`. */
export interface AuthLoginOptions {
  baseUrl: URL;
  /** The endpoint to store with the token: only one given with --endpoint. */
  storeEndpoint: string | undefined;
  check: boolean;
  budgetMs: number;
}

const loginCommand = defineCommand<AuthLoginOptions>({
  name: 'login',
  summary: 'store a token in the profile, after checking that the API accepts it',
  description:
    'Read a token from standard input (hidden when typed at a terminal), check with\n' +
    'one request (the apps list) that the API accepts it, and store it in the\n' +
    'profile of the config file (mode 0600). A rejected token is not stored (exit 4).\n' +
    'With --endpoint, the endpoint is stored too.',
  args: [],
  options: [
    { flags: '--profile <name>', description: 'the profile to store it in (default: $HPROC_PROFILE, then the current profile)' },
    { flags: '--endpoint <url>', description: 'the API base URL to check against and store with the token' },
    { flags: '--no-check', description: 'store the token without asking the API' },
    { flags: '--timeout <duration>', description: 'total time allowed for the check, e.g. 10s (default: the profile\'s, else 30s)' },
  ],
  examples: [
    { description: 'paste a token; it is checked, then stored', command: 'hproc auth login' },
    { description: 'from a password manager, into the staging profile', command: 'pass show hathora/staging | hproc auth login --profile staging' },
    { description: 'a profile for the local emulator', command: 'echo hproc-emulator-token | hproc auth login --profile local --endpoint http://127.0.0.1:4000' },
  ],
  toOptions: ({ opts }, ctx) => {
    // The profile may be new here: it is read as the one the token will be stored in.
    const profile = ctx.settings.writableProfile();
    const endpoint = ctx.settings.text('endpoint', profile);
    const timeout = ctx.settings.text('timeout', profile);
    const baseUrl = checkSetting(endpoint, (value) => resolveEndpoint(value));
    return {
      baseUrl,
      storeEndpoint: endpoint.source.kind === 'flag' ? endpoint.value : undefined,
      check: opts.check !== false,
      budgetMs: checkSetting(timeout, (value) => parseDuration('--timeout', value)),
    };
  },
  run: async (options, ctx) => {
    const { readTokenToStore, storeSettings } = await import('./config.js');
    const token = await readTokenToStore(ctx, 'auth login');
    if (options.check) {
      const { openClient } = await import('../run-context.js');
      const client = await openClient({ baseUrl: options.baseUrl, token, tokenSource: { kind: 'stdin' }, budgetMs: options.budgetMs, debug: false }, ctx);
      try {
        const { listApps } = await import('../api/apps.js');
        await listApps(client);
      } catch (error) {
        // The generic hints speak of HATHORA_TOKEN; here the token is the one just given.
        if (error instanceof AuthError) throw new AuthError(`${error.message}; nothing was stored`, { hint: LOGIN_REJECTED_HINT, cause: error });
        throw error;
      } finally {
        await client.close();
      }
    }
    await storeSettings(ctx, { token, ...(options.storeEndpoint === undefined ? {} : { endpoint: options.storeEndpoint }) });
  },
});

const logoutCommand = defineCommand<undefined>({
  name: 'logout',
  summary: "remove the profile's stored token",
  args: [],
  options: [{ flags: '--profile <name>', description: 'the profile (default: $HPROC_PROFILE, then the current profile)' }],
  examples: [{ description: 'forget the stored token', command: 'hproc auth logout' }],
  toOptions: () => undefined,
  run: async (_options, ctx) => {
    const { removeSetting } = await import('./config.js');
    await removeSetting(ctx, 'token');
  },
});

/** `hproc auth`: credentials. */
export const authCommand = defineCommandGroup({
  name: 'auth',
  summary: 'credentials: which token is used, and whether it works',
  description:
    'Credentials. Token sources, first found wins: --token (visible to other users:\n' +
    "prefer the others), --token-stdin, HATHORA_TOKEN, then the profile's token in\n" +
    "the config file ('hproc config set token').",
  examples: [
    { description: 'store a token once it is checked', command: 'hproc auth login' },
    { description: 'where the token comes from, and whether it works', command: 'hproc auth status --check' },
  ],
  subcommands: [statusCommand, loginCommand, logoutCommand],
});

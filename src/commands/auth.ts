// `hproc auth status`: which token hproc would use and where it came from, never the token itself.
import { defineCommand, defineCommandGroup } from '../cli/spec.js';
import { connectionOptions } from '../cli/option-groups.js';
import { describeSource, maskToken, resolveSetting, selectProfile } from '../config/settings.js';
import { connect, readTokenFromStdin, resolveConnection, type Connection } from './connection.js';

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
    'whether the API accepts it: exit 4 if not. No token: exit 4.',
  args: [],
  options: [{ flags: '--check', description: 'ask the API whether it accepts the token (one request)' }, ...connectionOptions],
  examples: [
    { description: 'where the token comes from', command: 'hproc auth status' },
    { description: 'and whether it still works', command: 'hproc auth status --check' },
    { description: 'a token from a password manager', command: 'pass show hathora/token | hproc auth status --check --token-stdin' },
  ],
  toOptions: ({ opts }, ctx) => {
    const connection = resolveConnection(opts, ctx);
    const profile = selectProfile(opts, ctx);
    return {
      connection,
      check: opts.check === true,
      profile: profile.name,
      profileSource: describeSource(profile.source),
      endpointSource: describeSource(resolveSetting('endpoint', opts, ctx, profile).source),
    };
  },
  run: async (options, ctx) => {
    const token = options.connection.token ?? (await readTokenFromStdin(ctx));
    const connection = { ...options.connection, token };
    const fields: [string, string, string?][] = [
      ['token', maskToken(token), describeSource(connection.tokenSource)],
      ['endpoint', connection.baseUrl.href.replace(/\/$/, ''), options.endpointSource],
      ['profile', options.profile, options.profileSource],
    ];
    if (options.check) {
      // Any rejection (401, 403) throws an AuthError: exit 4, nothing on stdout.
      const client = await connect(connection, ctx);
      try {
        const { listApps } = await import('../api/apps.js');
        const apps = await listApps(client);
        fields.push(['accepted', `yes (${apps.data.length} ${apps.data.length === 1 ? 'app' : 'apps'} visible)`]);
      } finally {
        await client.close();
      }
    }
    const { renderFields } = await import('../render/config-view.js');
    ctx.io.stdout.write(renderFields(fields));
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
  examples: [{ description: 'where the token comes from, and whether it works', command: 'hproc auth status --check' }],
  subcommands: [statusCommand],
});

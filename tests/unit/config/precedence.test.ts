// Precedence everywhere: flag > environment > profile > default, through the functions every
// command resolves its connection and app with, and through real runs against the emulator.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ctx } from '../../../src/context.js';
import { runFlagsOf } from '../../../src/cli/run-flags.js';
import { describeSource } from '../../../src/config/settings.js';
import { createRunContext, type RunContext } from '../../../src/run-context.js';
import { AuthError, UsageError } from '../../../src/errors.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { fakeStream } from '../../helpers/cli.js';
import { makeConfigHome, runWithConfig, type ConfigHome } from '../../helpers/config-home.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
let home: ConfigHome;

beforeEach(async () => {
  home = await makeConfigHome();
});
afterEach(async () => {
  await home.remove();
});

/** The run context a command would get for these parsed options. */
function runWith(opts: Record<string, unknown>, ctx: Ctx): RunContext {
  return createRunContext(ctx, runFlagsOf(opts));
}

function ctxWith(env: Record<string, string>, stderrTTY = false): Ctx & { stderrText: () => string } {
  const stderr = fakeStream(stderrTTY);
  return {
    io: { stdout: fakeStream(false), stderr },
    env,
    now: () => new Date('2026-11-01T12:00:00.000Z'),
    signal: new AbortController().signal,
    stderrText: () => stderr.text,
  };
}

interface KeyCase {
  key: 'app' | 'endpoint' | 'token';
  flag: [option: string, value: string];
  variable: [name: string, value: string];
  profile: string;
  /** The default's value, or undefined when there is none. */
  fallback: string | undefined;
  /** What the command resolves from the options. */
  resolve(opts: Record<string, unknown>, ctx: Ctx): string | undefined;
}

const KEYS: KeyCase[] = [
  {
    key: 'app',
    flag: ['app', 'app-11111111-1111-1111-1111-111111111111'],
    variable: ['HATHORA_APP_ID', 'app-22222222-2222-2222-2222-222222222222'],
    profile: 'app-33333333-3333-3333-3333-333333333333',
    fallback: undefined,
    resolve: (opts, ctx) => runWith(opts, ctx).settings.app.value,
  },
  {
    key: 'endpoint',
    flag: ['endpoint', 'http://127.0.0.1:1111'],
    variable: ['HATHORA_CLOUD_ENDPOINT', 'http://127.0.0.1:2222'],
    profile: 'http://127.0.0.1:3333',
    fallback: 'https://api.hathora.dev',
    resolve: (opts, ctx) => runWith({ ...opts, token: 'any-token' }, ctx).connection().baseUrl.origin,
  },
  {
    key: 'token',
    flag: ['token', 'flag-token-1'],
    variable: ['HATHORA_TOKEN', 'env-token-2'],
    profile: 'profile-token-3',
    fallback: undefined,
    resolve: (opts, ctx) => {
      try {
        return runWith(opts, ctx).connection().token ?? undefined;
      } catch (error) {
        if (error instanceof AuthError && error.message === 'no Hathora token') return undefined;
        throw error;
      }
    },
  },
];

describe('flag > environment > profile > default', () => {
  for (const c of KEYS) {
    for (const flag of [true, false]) {
      for (const env of [true, false]) {
        for (const profile of [true, false]) {
          const name = `${c.key}: ${[flag && 'flag', env && 'environment', profile && 'profile'].filter(Boolean).join(' + ') || 'nothing'}`;
          test(name, async () => {
            await home.write({ profiles: { default: profile ? { [c.key]: c.profile } : {} } });
            const opts = flag ? { [c.flag[0]]: c.flag[1] } : {};
            const ctx = ctxWith({ XDG_CONFIG_HOME: home.dir, ...(env ? { [c.variable[0]]: c.variable[1] } : {}) });
            const expected = flag ? c.flag[1] : env ? c.variable[1] : profile ? c.profile : c.fallback;
            assert.equal(c.resolve(opts, ctx), expected);
          });
        }
      }
    }
  }
});

describe('which profile', () => {
  const file = { currentProfile: 'cur', profiles: { default: {}, cur: {}, env: {}, flag: {} } };
  const cases: [string, Record<string, unknown>, Record<string, string>, string, string][] = [
    ['--profile wins', { profile: 'flag' }, { HPROC_PROFILE: 'env' }, 'flag', 'flag --profile'],
    ['then HPROC_PROFILE', {}, { HPROC_PROFILE: 'env' }, 'env', 'environment HPROC_PROFILE'],
    ['then the current profile', {}, {}, 'cur', 'currentProfile in <file>'],
  ];
  for (const [name, opts, env, profile, source] of cases) {
    test(name, async () => {
      await home.write(file);
      const active = runWith(opts, ctxWith({ XDG_CONFIG_HOME: home.dir, ...env })).settings.profile;
      assert.equal(active.name, profile);
      assert.equal(describeSource(active.source), source.replace('<file>', home.file));
    });
  }
  test('then "default"', async () => {
    const active = runWith({}, ctxWith({ XDG_CONFIG_HOME: home.dir })).settings.profile;
    assert.deepEqual([active.name, active.exists, describeSource(active.source)], ['default', false, 'default']);
  });
  test('a named profile that does not exist is a usage error listing the known ones', async () => {
    await home.write(file);
    assert.throws(() => runWith({}, ctxWith({ XDG_CONFIG_HOME: home.dir, HPROC_PROFILE: 'nope' })).settings.profile, (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.message, `no profile 'nope' in ${home.file} (chosen by environment HPROC_PROFILE)`);
      assert.equal(error.hint, 'known profiles: default, cur, env, flag; create it with: hproc config set app <appId> --profile nope');
      return true;
    });
  });
});

describe('values from a profile are checked like flags, naming where they came from', () => {
  test('a bad endpoint: exit 2 naming the profile and file', async () => {
    await home.write({ profiles: { default: { endpoint: 'http://example.com', token: 'abcd-token' } } });
    const r = await runWithConfig(['apps'], { env: { XDG_CONFIG_HOME: home.dir } });
    assert.deepEqual(r, {
      code: 2,
      stdout: '',
      stderr: `hproc: refusing to send the token over plain http to example.com (from profile default (${home.file}))\nhint: use https://, or http:// only for localhost or 127.0.0.1\n`,
    });
  });
  test('a timeout from the profile becomes the request budget', async () => {
    await home.write({ profiles: { default: { timeout: '2m' } } });
    assert.equal(runWith({ token: 'abcd-token' }, ctxWith({ XDG_CONFIG_HOME: home.dir })).connection().budgetMs, 120_000);
    assert.equal(runWith({ token: 'abcd-token', timeout: '5s' }, ctxWith({ XDG_CONFIG_HOME: home.dir })).connection().budgetMs, 5_000);
  });
});

describe('against the emulator', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(async () => {
    await emulator.close();
  });

  test('a profile alone is enough to list; its output format is the default; a flag overrides it', async () => {
    await home.write({ profiles: { default: { app: APP, endpoint: emulator.url, token: emulator.token, output: 'json' } } });
    const env = { XDG_CONFIG_HOME: home.dir };
    const json = await runWithConfig(['list', '-l', '2'], { env });
    assert.equal(json.code, 0, json.stderr);
    assert.equal((JSON.parse(json.stdout) as unknown[]).length, 2);
    const table = await runWithConfig(['list', '-l', '2', '-o', 'table'], { env });
    assert.match(table.stdout, /^PROCESS/);
    const quiet = await runWithConfig(['list', '-l', '2', '-q'], { env });
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(quiet.stdout.trim().split('\n').length, 2);
  });

  test('a profile output a command does not offer falls back to table', async () => {
    await home.write({ profiles: { default: { endpoint: emulator.url, token: emulator.token, output: 'csv' } } });
    const r = await runWithConfig(['apps'], { env: { XDG_CONFIG_HOME: home.dir } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^APP/);
  });

  test('--profile picks another org: its wrong token is rejected (exit 4) though the current one works', async () => {
    await home.write({
      currentProfile: 'good',
      profiles: { good: { endpoint: emulator.url, token: emulator.token }, other: { endpoint: emulator.url, token: 'other-org-token' } },
    });
    const env = { XDG_CONFIG_HOME: home.dir };
    assert.equal((await runWithConfig(['apps', '--json'], { env })).code, 0);
    const r = await runWithConfig(['apps', '--json', '--profile', 'other'], { env });
    assert.equal(r.code, 4);
    assert.equal(r.stdout, '');
    assert.ok(!r.stderr.includes('other-org-token'));
  });
});

describe('a profile output that is not a format', () => {
  test('is an error naming the profile and file, not a quiet fallback', async () => {
    await home.write({ profiles: { default: { output: 'jsno', token: 'abcd-token', app: APP } } });
    assert.deepEqual(await runWithConfig(['list'], { env: { XDG_CONFIG_HOME: home.dir } }), {
      code: 2,
      stdout: '',
      stderr: `hproc: output "jsno" is not a format (from profile default (${home.file}))\nhint: use one of table, wide, json, ndjson, csv, tsv: hproc config set output <format>\n`,
    });
  });
});

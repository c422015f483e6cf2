// hproc config get|set|unset|list|use|profiles|path, in-process with a temp config home.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { fakeStdin, makeConfigHome, runWithConfig, type ConfigHome } from '../../helpers/config-home.js';

const APP1 = 'app-11111111-1111-1111-1111-111111111111';
const SECRET = 'hathora_org_st_Zq9xSecretTokenValue';
let home: ConfigHome;
let env: Record<string, string>;

beforeEach(async () => {
  home = await makeConfigHome();
  env = { XDG_CONFIG_HOME: home.dir };
});
afterEach(async () => {
  await home.remove();
});

describe('config list', () => {
  test('--show-source: every setting with its source (flag, environment, profile, default)', async () => {
    await home.write({ currentProfile: 'default', profiles: { default: {}, staging: { endpoint: 'http://127.0.0.1:3333', app: 'app-33333333-3333-3333-3333-333333333333' } } });
    const r = await runWithConfig(['config', 'list', '--show-source', '--app', APP1], {
      env: { ...env, HPROC_PROFILE: 'staging', HATHORA_TOKEN: SECRET },
    });
    assert.deepEqual(r, {
      code: 0,
      stdout:
        'KEY       VALUE                                     SOURCE\n' +
        'profile   staging                                   environment HPROC_PROFILE\n' +
        `app       ${APP1}  flag --app\n` +
        `endpoint  http://127.0.0.1:3333                     profile staging (${home.file})\n` +
        'token     hathora_org_st_••••                       environment HATHORA_TOKEN\n' +
        'output    table                                     default\n' +
        'timeout   30s                                       default\n' +
        'color     auto                                      default\n',
      stderr: '',
    });
  });

  test('without --show-source: key=value for what is set', async () => {
    await home.write({ profiles: { default: { token: 'plain-secret-token', timeout: '1m' } } });
    const r = await runWithConfig(['config', 'list'], { env });
    assert.deepEqual(r, {
      code: 0,
      stdout: 'profile=default\nendpoint=https://api.hathora.dev\ntoken=••••••••\noutput=table\ntimeout=1m\ncolor=auto\n',
      stderr: '',
    });
  });

  test('with --token-stdin the token is not read, only named', async () => {
    const stdin = fakeStdin(SECRET);
    const r = await runWithConfig(['config', 'list', '--show-source', '--token-stdin'], { env, stdin });
    assert.match(r.stdout, /^token {5}\(read from standard input\) {2}standard input \(--token-stdin\)$/m);
    assert.deepEqual(stdin.reads, []);
  });
});

describe('config get', () => {
  test('the effective value; a token only as a fixed mask', async () => {
    await home.write({ profiles: { default: { app: APP1, token: SECRET } } });
    assert.deepEqual(await runWithConfig(['config', 'get', 'app'], { env }), { code: 0, stdout: `${APP1}\n`, stderr: '' });
    assert.deepEqual(await runWithConfig(['config', 'get', 'token'], { env }), { code: 0, stdout: 'hathora_org_st_••••\n', stderr: '' });
    assert.deepEqual(await runWithConfig(['config', 'get', 'app'], { env: { ...env, HATHORA_APP_ID: 'app-2' } }), { code: 0, stdout: 'app-2\n', stderr: '' });
  });
  test('not set: exit 1 with how to set it; an unknown key: exit 2', async () => {
    assert.deepEqual(await runWithConfig(['config', 'get', 'app'], { env }), {
      code: 1,
      stdout: '',
      stderr: 'hproc: app is not set\nhint: set it with: hproc config set app <value>\n',
    });
    assert.deepEqual(await runWithConfig(['config', 'get', 'colour'], { env }), {
      code: 2,
      stdout: '',
      stderr: 'hproc: unknown config key "colour"\nhint: keys: app, endpoint, token, output, timeout or color\n',
    });
  });
});

describe('config set and unset', () => {
  test('set creates the profile and a 0600 file; a person is told where', async () => {
    const r = await runWithConfig(['config', 'set', 'app', APP1, '--profile', 'prod'], { env, stderrTTY: true });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: `hproc: app set in profile prod (${home.file})\n` });
    assert.equal(await home.read(), `{\n  "profiles": {\n    "prod": {\n      "app": "${APP1}"\n    }\n  }\n}\n`);
    assert.equal((await stat(home.file)).mode & 0o777, 0o600);
  });

  test('values are checked before anything is written', async () => {
    const cases: [string[], string][] = [
      [['output', 'xml'], 'hproc: output must be one of table, wide, json, ndjson, csv, tsv, got "xml"\n'],
      [['endpoint', 'http://evil.example'], 'hproc: refusing to send the token over plain http to evil.example\nhint: use https://, or http:// only for localhost or 127.0.0.1\n'],
      [['timeout', 'soon'], "hproc: timeout must be a duration such as 10s, 2m or 1h, got 'soon'\n"],
      [['app'], 'hproc: config set app needs a value\nhint: hproc config set app <value>\n'],
    ];
    for (const [args, stderr] of cases) {
      assert.deepEqual(await runWithConfig(['config', 'set', ...args], { env }), { code: 2, stdout: '', stderr });
    }
    assert.equal(await home.read(), null);
  });

  test('set token without a value reads stdin: one line, trimmed, never printed', async () => {
    const stdin = fakeStdin(`${SECRET}\r\n`);
    const r = await runWithConfig(['config', 'set', 'token'], { env, stdin, stderrTTY: true });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: `hproc: token set in profile default (${home.file})\n` });
    assert.deepEqual(stdin.reads, ['line:']);
    assert.deepEqual(JSON.parse((await home.read()) ?? ''), { profiles: { default: { token: SECRET } } });
  });

  test('at a terminal the token is asked for without echo', async () => {
    const stdin = fakeStdin(SECRET, true);
    assert.equal((await runWithConfig(['config', 'set', 'token'], { env, stdin })).code, 0);
    assert.deepEqual(stdin.reads, ['secret:Paste the token (it is not shown): ']);
  });

  test('a token given on the command line works, with a warning for a person', async () => {
    const r = await runWithConfig(['config', 'set', 'token', SECRET], { env, stderrTTY: true });
    assert.equal(r.code, 0);
    assert.equal(
      r.stderr,
      'hproc: warning: a token on the command line is visible to other users (ps, shell history); next time leave it out and give it on stdin\n' +
        `hproc: token set in profile default (${home.file})\n`,
    );
  });

  test('a token with control characters inside is refused without echoing it; empty stdin is an error', async () => {
    const bad = await runWithConfig(['config', 'set', 'token'], { env, stdin: fakeStdin('abc\u0000defghij') });
    assert.deepEqual(bad, {
      code: 4,
      stdout: '',
      stderr: 'hproc: token contains invalid characters\nhint: check the token for spaces, line breaks or other stray characters\n',
    });
    const empty = await runWithConfig(['config', 'set', 'token'], { env, stdin: fakeStdin('') });
    assert.deepEqual(empty, { code: 2, stdout: '', stderr: 'hproc: config set token: no token on standard input\nhint: pipe it in, or type it at the prompt\n' });
    assert.equal(await home.read(), null);
  });

  test('#15 an environment token is never written to disk', async () => {
    const withToken = { ...env, HATHORA_TOKEN: SECRET };
    for (const argv of [
      ['config', 'set', 'app', APP1],
      ['config', 'set', 'endpoint', 'http://127.0.0.1:4000', '--profile', 'local'],
      ['config', 'use', 'local'],
      ['config', 'unset', 'endpoint'],
      ['config', 'list', '--show-source'],
      ['auth', 'status'],
    ]) {
      const r = await runWithConfig(argv, { env: withToken, stderrTTY: true });
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.stderr}`);
      assert.ok(!(r.stdout + r.stderr).includes(SECRET));
    }
    const text = (await home.read()) ?? '';
    assert.ok(!text.includes(SECRET));
    assert.deepEqual(JSON.parse(text), { currentProfile: 'local', profiles: { default: { app: APP1 }, local: {} } });
  });

  test('storing a key the environment overrides says so', async () => {
    const r = await runWithConfig(['config', 'set', 'app', APP1], { env: { ...env, HATHORA_APP_ID: 'app-2' } });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: 'hproc: warning: HATHORA_APP_ID is set and takes precedence over the stored app\n' });
  });

  test('unset removes the key and keeps the rest', async () => {
    await home.write({ profiles: { default: { app: APP1, token: SECRET } } }, 0o644);
    const r = await runWithConfig(['config', 'unset', 'token'], { env, stderrTTY: true });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /hproc: token removed from profile default/);
    assert.deepEqual(JSON.parse((await home.read()) ?? ''), { profiles: { default: { app: APP1 } } });
    assert.equal((await stat(home.file)).mode & 0o777, 0o600);
  });

  test('no place for a config file: exit 2', async () => {
    assert.deepEqual(await runWithConfig(['config', 'set', 'app', APP1], { env: {} }), {
      code: 2,
      stdout: '',
      stderr: 'hproc: there is no place for a config file\nhint: set HOME or XDG_CONFIG_HOME\n',
    });
  });
});

describe('profiles', () => {
  test('use makes a profile current; profiles marks it; an unknown one is exit 2', async () => {
    await home.write({ profiles: { default: {}, staging: {} } });
    assert.deepEqual(await runWithConfig(['config', 'profiles'], { env }), { code: 0, stdout: '* default\n  staging\n', stderr: '' });
    assert.deepEqual(await runWithConfig(['config', 'use', 'staging'], { env }), { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(await runWithConfig(['config', 'profiles'], { env }), { code: 0, stdout: '  default\n* staging\n', stderr: '' });
    assert.equal(JSON.parse((await home.read()) ?? '').currentProfile, 'staging');
    assert.deepEqual(await runWithConfig(['config', 'use', 'prod'], { env }), {
      code: 2,
      stdout: '',
      stderr: `hproc: no profile 'prod' in ${home.file}\nhint: known profiles: default, staging; create it with: hproc config set app <appId> --profile prod\n`,
    });
    assert.deepEqual(await runWithConfig(['config', 'use', '../x'], { env }), {
      code: 2,
      stdout: '',
      stderr: 'hproc: profile "../x" is not a valid profile name\nhint: use letters, digits, ".", "_" and "-" (at most 64), starting with a letter or digit\n',
    });
  });

  test('path prints the file', async () => {
    assert.deepEqual(await runWithConfig(['config', 'path'], { env }), { code: 0, stdout: `${home.file}\n`, stderr: '' });
    assert.deepEqual(await runWithConfig(['config', 'path'], { env: { HOME: '/home/u' } }), { code: 0, stdout: '/home/u/.config/hproc/config.json\n', stderr: '' });
  });
});

describe('color from the profile', () => {
  test('always colours a pipe, never a flag or NO_COLOR overrides; a bad value is refused by config set', async () => {
    await home.write({ profiles: { default: { color: 'always' } } });
    const coloured = await runWithConfig(['explain', 'Process'], { env });
    assert.equal(coloured.code, 0, coloured.stderr);
    assert.match(coloured.stdout, /\u001b\[/);
    const flagged = await runWithConfig(['explain', 'Process', '--no-color'], { env });
    assert.doesNotMatch(flagged.stdout, /\u001b\[/);
    const variable = await runWithConfig(['explain', 'Process'], { env: { ...env, NO_COLOR: '1' } });
    assert.doesNotMatch(variable.stdout, /\u001b\[/);
    assert.equal(flagged.stdout, variable.stdout);
    assert.deepEqual(await runWithConfig(['config', 'set', 'color', 'sometimes'], { env }), {
      code: 2,
      stdout: '',
      stderr: 'hproc: color must be auto, always or never, got "sometimes"\n',
    });
  });
});

// hproc auth status for each token source (catalogue cases #7, #8, #9, #15, #16), and --token-stdin
// for a command that makes requests; the token's bytes never appear in any output.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import type { Ctx } from '../../../src/context.js';
import { runFlagsOf } from '../../../src/cli/run-flags.js';
import { createRunContext } from '../../../src/run-context.js';
import { reportError } from '../../../src/main.js';
import { fakeStream, type CliResult } from '../../helpers/cli.js';
import { fakeStdin, makeConfigHome, runWithConfig, type ConfigHome, type ConfigRunOptions } from '../../helpers/config-home.js';

const TOKEN = 'hproc-emulator-token';
let emulator: RunningEmulator;
let home: ConfigHome;

before(async () => {
  emulator = await startEmulator({ port: 0, token: TOKEN });
});
after(async () => {
  await emulator.close();
});
beforeEach(async () => {
  home = await makeConfigHome();
});
afterEach(async () => {
  await home.remove();
});

/** Runs hproc and checks that no output holds the token or any 10-character piece of it. */
async function runSecret(argv: string[], options: ConfigRunOptions, secret = TOKEN): Promise<CliResult> {
  const r = await runWithConfig(argv, options);
  const output = r.stdout + r.stderr;
  for (let i = 0; i + Math.min(10, secret.length) <= secret.length; i++) assert.ok(!output.includes(secret.slice(i, i + 10)), `output holds part of the token: ${output}`);
  return r;
}

/** Label, value, source rows aligned the way a person reads them (the emulator's port varies in width); a row's last cell never widens its column. */
function aligned(rows: string[][]): string {
  const width = (i: number): number => Math.max(...rows.map((row) => (i < row.length - 1 ? [...(row[i] ?? '')].length : 0))) + 2;
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(width(i) - [...cell].length))).join('') + '\n').join('');
}

describe('auth status names the source and a fixed mask', () => {
  test('environment HATHORA_TOKEN', async () => {
    const env = { XDG_CONFIG_HOME: home.dir, HATHORA_TOKEN: TOKEN, HATHORA_CLOUD_ENDPOINT: emulator.url };
    const r = await runSecret(['auth', 'status'], { env });
    assert.deepEqual(r, {
      code: 0,
      stdout: aligned([
        ['token', '••••••••', 'environment HATHORA_TOKEN'],
        ['endpoint', emulator.url, 'environment HATHORA_CLOUD_ENDPOINT'],
        ['profile', 'default', 'default'],
      ]),
      stderr: '',
    });
  });

  test('#15 a profile in the config file; the environment wins over it', async () => {
    await home.write({ profiles: { default: { token: `hathora_org_st_${TOKEN}`, endpoint: emulator.url } } });
    const env = { XDG_CONFIG_HOME: home.dir };
    const r = await runSecret(['auth', 'status'], { env });
    assert.equal(r.code, 0);
    assert.match(r.stdout.split('\n')[0] ?? '', new RegExp(`^token {5}hathora_org_st_•••• +profile default \\(${home.file}\\)$`));
    const both = await runSecret(['auth', 'status'], { env: { ...env, HATHORA_TOKEN: 'another-token-from-env' } }, 'another-token-from-env');
    assert.match(both.stdout.split('\n')[0] ?? '', /^token {5}•••••••• +environment HATHORA_TOKEN$/);
  });

  test('#16 --token works, with one warning when stderr is a terminal', async () => {
    const env = { XDG_CONFIG_HOME: home.dir, HATHORA_CLOUD_ENDPOINT: emulator.url };
    const r = await runSecret(['auth', 'status', '--token', TOKEN], { env, stderrTTY: true });
    assert.equal(r.code, 0);
    assert.match(r.stdout.split('\n')[0] ?? '', /^token {5}•••••••• +flag --token$/);
    assert.equal(r.stderr, 'hproc: warning: a token on the command line is visible to other users (ps, shell history); use --token-stdin or HATHORA_TOKEN\n');
    const piped = await runSecret(['auth', 'status', '--token', TOKEN], { env });
    assert.equal(piped.stderr, '');
  });

  test('#8 --token-stdin reads one line, trims the line break, and --check uses it', async () => {
    const env = { XDG_CONFIG_HOME: home.dir, HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: 'not-this-one' };
    const stdin = fakeStdin(`${TOKEN}\r`);
    const r = await runSecret(['auth', 'status', '--check', '--token-stdin'], { env, stdin });
    assert.deepEqual(r, {
      code: 0,
      stdout: aligned([
        ['token', '••••••••', 'standard input (--token-stdin)'],
        ['endpoint', emulator.url, 'environment HATHORA_CLOUD_ENDPOINT'],
        ['profile', 'default', 'default'],
        ['accepted', 'yes (3 apps visible)'],
        ['org', 'Emulated Games (org-6f706d3a-8a3c-4f5e-9d1a-2b7c4e9f0a11)'],
        [
          'scopes',
          'billing:read-write, builds:read, builds:read-write, deployments:read, deployments:read-write, applications:read, applications:read-write, processes:read, processes:read-write, fleets:read, fleets:read-write, orgs:read, orgs:read-write, tokens:read, tokens:read-write, tickets:read, tickets:read-write, load-balancer:access',
        ],
      ]),
      stderr: '',
    });
    assert.deepEqual(stdin.reads, ['line:']);
  });

  test('--check with a rejected token: exit 4, nothing on stdout', async () => {
    const env = { XDG_CONFIG_HOME: home.dir, HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: 'revoked-token-xyz' };
    const r = await runSecret(['auth', 'status', '--check'], { env }, 'revoked-token-xyz');
    assert.equal(r.code, 4);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^hproc: token rejected \(401\)/);
  });

  test('#7 no token anywhere: exit 4 with the hint, no request', async () => {
    assert.deepEqual(await runWithConfig(['auth', 'status', '--check'], { env: { XDG_CONFIG_HOME: home.dir, HATHORA_CLOUD_ENDPOINT: 'http://127.0.0.1:9' } }), {
      code: 4,
      stdout: '',
      stderr: "hproc: no Hathora token\nhint: set HATHORA_TOKEN, pass --token-stdin, or run 'hproc auth login'\n",
    });
  });

  test('#9 control characters inside the token: exit 4, not echoed, the source named', async () => {
    for (const bad of ['abc\u0000defgh', 'abc\ndefgh', 'abc defgh']) {
      const r = await runSecret(['auth', 'status'], { env: { HATHORA_TOKEN: bad } }, bad);
      assert.deepEqual(r, {
        code: 4,
        stdout: '',
        stderr: 'hproc: token contains invalid characters (from environment HATHORA_TOKEN)\nhint: check the token for spaces, line breaks or other stray characters\n',
      });
    }
    await home.write({ profiles: { default: { token: 'abc\tdefgh' } } });
    const fromFile = await runSecret(['auth', 'status'], { env: { XDG_CONFIG_HOME: home.dir } }, 'abc\tdefgh');
    assert.equal(fromFile.stderr.split('\n')[0], `hproc: token contains invalid characters (from profile default (${home.file}))`);
  });

  test('--token with --token-stdin: exit 2', async () => {
    const r = await runWithConfig(['auth', 'status', '--token', 'abcdefgh', '--token-stdin'], { env: {} });
    assert.deepEqual(r, { code: 2, stdout: '', stderr: 'hproc: --token conflicts with --token-stdin\n' });
  });

  test('--token-stdin with nothing on stdin: exit 4', async () => {
    const r = await runWithConfig(['auth', 'status', '--token-stdin'], { env: {}, stdin: fakeStdin(null) });
    assert.deepEqual(r, {
      code: 4,
      stdout: '',
      stderr: 'hproc: no token on standard input (--token-stdin)\nhint: pipe the token in, e.g. printenv HATHORA_TOKEN | hproc ... --token-stdin\n',
    });
  });
});

describe('the error printer masks tokens learnt from a file or stdin', () => {
  test('a stored token read by a command is masked in any error line', async () => {
    await home.write({ profiles: { default: { token: 'stored-token-abc123', endpoint: emulator.url } } });
    const stderr = fakeStream(false);
    const ctx: Ctx = { io: { stdout: fakeStream(false), stderr }, env: { XDG_CONFIG_HOME: home.dir }, now: () => new Date(), signal: new AbortController().signal };
    createRunContext(ctx, runFlagsOf({})).connection();
    assert.equal(reportError(new Error('boom stored-token-abc123'), ctx, []), 1);
    assert.equal(stderr.text, 'hproc: internal error: boom •••••••• (re-run with --debug and report this)\n');
  });
});

describe('--token-stdin for a command that makes requests', () => {
  test('apps lists with a token read from stdin, with --debug, and never shows it', async () => {
    const env = { XDG_CONFIG_HOME: home.dir, HATHORA_CLOUD_ENDPOINT: emulator.url };
    const r = await runSecret(['apps', '--json', '--debug', '--token-stdin'], { env, stdin: fakeStdin(`${TOKEN}\n`) });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 3);
    assert.match(r.stderr, /^debug: /m);
  });
});

describe('auth login and logout', () => {
  test('login checks the token with one request, then stores it (and --endpoint) in the profile', async () => {
    const env = { XDG_CONFIG_HOME: home.dir };
    const stdin = fakeStdin(`${TOKEN}\n`, true);
    const r = await runSecret(['auth', 'login', '--profile', 'local', '--endpoint', emulator.url], { env, stdin, stderrTTY: true });
    assert.deepEqual(r, { code: 0, stdout: '', stderr: `hproc: token and endpoint set in profile local (${home.file})\n` });
    assert.deepEqual(stdin.reads, ['secret:Paste the token (it is not shown): ']);
    assert.deepEqual(JSON.parse((await home.read()) ?? ''), { profiles: { local: { endpoint: emulator.url, token: TOKEN } } });
    const status = await runSecret(['auth', 'status', '--check', '--profile', 'local'], { env });
    assert.equal(status.code, 0, status.stderr);
  });

  test('a rejected token is not stored: exit 4', async () => {
    const env = { XDG_CONFIG_HOME: home.dir, HATHORA_CLOUD_ENDPOINT: emulator.url };
    const r = await runSecret(['auth', 'login'], { env, stdin: fakeStdin('revoked-token-xyz') }, 'revoked-token-xyz');
    assert.equal(r.code, 4);
    assert.match(r.stderr, /^hproc: token rejected \(401\).*; nothing was stored\nhint: create a token in the Hathora console and run 'hproc auth login' again, or store this one unchecked with --no-check\n$/);
    assert.doesNotMatch(r.stderr, /HATHORA_TOKEN/, 'the hint is about the token just given');
    assert.equal(await home.read(), null);
  });

  test('--no-check stores without a request; logout removes the token and keeps the rest', async () => {
    const env = { XDG_CONFIG_HOME: home.dir, HATHORA_CLOUD_ENDPOINT: 'http://127.0.0.1:9' };
    await home.write({ profiles: { default: { app: 'app-1' } } });
    assert.equal((await runSecret(['auth', 'login', '--no-check'], { env, stdin: fakeStdin('unchecked-token-1') }, 'unchecked-token-1')).code, 0);
    assert.deepEqual(JSON.parse((await home.read()) ?? ''), { profiles: { default: { app: 'app-1', token: 'unchecked-token-1' } } });
    assert.deepEqual(await runWithConfig(['auth', 'logout'], { env, stderrTTY: true }), {
      code: 0,
      stdout: '',
      stderr: `hproc: token removed from profile default (${home.file})\n`,
    });
    assert.deepEqual(JSON.parse((await home.read()) ?? ''), { profiles: { default: { app: 'app-1' } } });
  });
});

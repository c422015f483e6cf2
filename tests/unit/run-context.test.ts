// The run context decides each run-wide thing once: terminal, width and colour per stream, prompting,
// the rule for notes, settings with their sources, the config file, the client and the secrets.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_RUN_FLAGS, runFlagsOf, type RunFlags } from '../../src/cli/run-flags.js';
import type { Ctx, InputStream } from '../../src/context.js';
import { createRunContext } from '../../src/run-context.js';
import { createSecretRegistry } from '../../src/secrets.js';
import { fakeStream } from '../helpers/cli.js';
import { makeConfigHome, type ConfigHome } from '../helpers/config-home.js';

interface WorldOptions {
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
  stdinTTY?: boolean;
  env?: Record<string, string>;
}

function world(options: WorldOptions = {}): Ctx & { stderrText: () => string } {
  const stderr = fakeStream(options.stderrTTY ?? false, 90);
  const stdin: InputStream = { isTTY: options.stdinTTY ?? false, readLine: () => Promise.resolve(null) };
  return {
    io: { stdout: fakeStream(options.stdoutTTY ?? false, 120), stderr, stdin },
    env: options.env ?? {},
    now: () => new Date('2026-11-01T12:00:00.000Z'),
    signal: new AbortController().signal,
    stderrText: () => stderr.text,
  };
}

const flags = (over: Partial<RunFlags> = {}): RunFlags => ({ ...NO_RUN_FLAGS, ...over });

describe('streams', () => {
  test('each stream has its own terminal, width and colour decision', () => {
    const ctx = createRunContext(world({ stdoutTTY: true, stderrTTY: false, env: { TERM: 'xterm-256color' } }), flags());
    assert.deepEqual(ctx.stdout, { isTTY: true, width: 120, height: undefined, colourLevel: 2, colour: true });
    assert.deepEqual(ctx.stderr, { isTTY: false, width: undefined, height: undefined, colourLevel: 0, colour: false });
  });
  test('--no-color turns colour off on both streams, even when forced by the environment', () => {
    const ctx = createRunContext(world({ stdoutTTY: true, stderrTTY: true, env: { FORCE_COLOR: '1' } }), runFlagsOf({ color: false }));
    assert.equal(ctx.stdout.colour, false);
    assert.equal(ctx.stderr.colour, false);
  });
  test('hproc may prompt only when stdin and stderr are terminals', () => {
    assert.equal(createRunContext(world({ stdinTTY: true, stderrTTY: true }), flags()).mayPrompt, true);
    assert.equal(createRunContext(world({ stdinTTY: true, stderrTTY: false }), flags()).mayPrompt, false);
    assert.equal(createRunContext(world({ stdinTTY: false, stderrTTY: true }), flags()).mayPrompt, false);
  });
});

describe('notes and warnings', () => {
  test('a note is for a person: on a terminal, never under --quiet, never into a pipe', () => {
    const tty = world({ stderrTTY: true });
    createRunContext(tty, flags()).note('found process p in app a');
    assert.equal(tty.stderrText(), 'hproc: found process p in app a\n');
    const quiet = world({ stderrTTY: true });
    createRunContext(quiet, flags({ quiet: true })).note('found process p in app a');
    assert.equal(quiet.stderrText(), '');
    const pipe = world({ stderrTTY: false });
    createRunContext(pipe, flags()).note('found process p in app a');
    assert.equal(pipe.stderrText(), '');
  });
  test('a warning always shows, sanitised', () => {
    const pipe = world({ stderrTTY: false });
    createRunContext(pipe, flags({ quiet: true })).warn('server said \u001b[2Jhi');
    assert.equal(pipe.stderrText(), 'hproc: warning: server said \\x1b[2Jhi\n');
  });
});

describe('settings, config and client', () => {
  let home: ConfigHome;
  beforeEach(async () => {
    home = await makeConfigHome();
  });
  afterEach(async () => {
    await home.remove();
  });

  test('each setting is typed and knows where it came from', async () => {
    await home.write({ profiles: { default: { app: 'app-33333333-3333-3333-3333-333333333333', timeout: '2m' } } });
    const ctx = createRunContext(world({ env: { XDG_CONFIG_HOME: home.dir, HATHORA_CLOUD_ENDPOINT: 'http://127.0.0.1:4000' } }), runFlagsOf({ timeout: '5s' }));
    assert.deepEqual(ctx.settings.app, { value: 'app-33333333-3333-3333-3333-333333333333', source: { kind: 'profile', profile: 'default', file: home.file } });
    assert.equal(ctx.settings.endpoint.value.href, 'http://127.0.0.1:4000/');
    assert.deepEqual(ctx.settings.endpoint.source, { kind: 'environment', variable: 'HATHORA_CLOUD_ENDPOINT' });
    assert.deepEqual(ctx.settings.timeoutMs, { value: 5000, source: { kind: 'flag', flag: '--timeout' } });
    assert.deepEqual(ctx.settings.defaultOutput, { value: 'table', source: { kind: 'default' } });
  });

  test('the config file is read at most once, and its warnings said once', async () => {
    await home.write({ profiles: { default: { app: 'app-33333333-3333-3333-3333-333333333333' } }, unknownKey: true });
    const w = world({ env: { XDG_CONFIG_HOME: home.dir } });
    const ctx = createRunContext(w, flags());
    const first = ctx.config();
    assert.ok(first !== undefined);
    assert.equal(ctx.config(), first);
    void ctx.settings.app;
    void ctx.settings.profile;
    const warnings = w.stderrText().split('\n').filter((line) => line.startsWith('hproc: warning:'));
    assert.equal(warnings.length, first.warnings.length);
    assert.ok(warnings.length > 0, 'the unknown key is warned about');
  });

  test('nothing reads the config file until a setting is asked for', async () => {
    await home.write('{ not json');
    const ctx = createRunContext(world({ env: { XDG_CONFIG_HOME: home.dir } }), flags());
    assert.equal(ctx.stdout.isTTY, false);
    assert.throws(() => ctx.settings.app, /config/);
  });

  test('the connection is validated once, and a token from a flag joins the secrets', () => {
    const w = world({ stderrTTY: true });
    const ctx = createRunContext(w, runFlagsOf({ token: 'flag-token-1234', endpoint: 'http://127.0.0.1:4000' }));
    const first = ctx.connection();
    assert.equal(ctx.connection(), first);
    assert.equal(first.token, 'flag-token-1234');
    assert.ok(ctx.secrets.all.includes('flag-token-1234'));
    // Said once however often the connection is asked for.
    assert.equal(w.stderrText().match(/visible to other users/g)?.length, 1);
  });

  test('the API client is made on first use, once', async () => {
    const ctx = createRunContext(world(), runFlagsOf({ token: 'flag-token-1234', endpoint: 'http://127.0.0.1:4000' }));
    const client = ctx.client();
    assert.equal(ctx.client(), client);
    await (await client).close();
  });
});

describe('secrets', () => {
  test('the world\'s registry is the run\'s: the error printer after the run masks what the run learnt', () => {
    const secrets = createSecretRegistry();
    const w: Ctx = { ...world(), secrets };
    createRunContext(w, runFlagsOf({ token: 'late-token-5678' })).connection();
    assert.equal(secrets.redact('x late-token-5678 y'), 'x •••••••• y');
    assert.equal(secrets.mask('late-token-5678'), '••••••••');
  });
  test('a world without a registry gets one, kept on it', () => {
    const w = world();
    const ctx = createRunContext(w, flags());
    assert.equal(w.secrets, ctx.secrets);
  });
});

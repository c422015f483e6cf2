// The built binary with a config home: tokens through real stdin pipes, profiles against the
// emulator, and a broken file that must not break --help.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runBinary } from '../helpers/cli.js';
import { makeConfigHome, type ConfigHome } from '../helpers/config-home.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
let emulator: RunningEmulator;
let home: ConfigHome;

before(async () => {
  emulator = await startEmulator({ port: 0 });
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

describe('config through the binary', () => {
  test('config set token from a pipe, then list uses the profile; the token is never printed', async () => {
    const env = { XDG_CONFIG_HOME: home.dir };
    const set = await runBinary(['config', 'set', 'token'], env, `${emulator.token}\n`);
    assert.deepEqual(set, { code: 0, stdout: '', stderr: '' });
    assert.equal((await stat(home.file)).mode & 0o777, 0o600);
    assert.equal((await runBinary(['config', 'set', 'endpoint', emulator.url], env)).code, 0);
    assert.equal((await runBinary(['config', 'set', 'app', APP], env)).code, 0);
    const list = await runBinary(['list', '-l', '3', '--json'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.equal((JSON.parse(list.stdout) as unknown[]).length, 3);
    const status = await runBinary(['auth', 'status', '--check'], env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^token {5}•••••••• +profile default \(/);
    assert.match(status.stdout, /^accepted {2}yes \(3 apps visible\)$/m);
    for (const r of [set, list, status]) assert.ok(!(r.stdout + r.stderr).includes(emulator.token));
  });

  test('--token-stdin reads the token from a real pipe', async () => {
    const r = await runBinary(['apps', '--json', '--token-stdin'], { HATHORA_CLOUD_ENDPOINT: emulator.url }, `${emulator.token}\r\n`);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 3);
    const empty = await runBinary(['apps', '--token-stdin'], { HATHORA_CLOUD_ENDPOINT: emulator.url }, '');
    assert.equal(empty.code, 4);
    assert.equal(empty.stdout, '');
  });

  test('a corrupt config file fails commands with exit 2 but not --help, --version or the emulator help', async () => {
    await home.write('{"profiles": {"default": {"token": "abc",}}}');
    const env = { XDG_CONFIG_HOME: home.dir };
    const list = await runBinary(['list'], env);
    assert.deepEqual(list, {
      code: 2,
      stdout: '',
      stderr: `hproc: config file ${home.file} is not valid JSON: syntax error at line 1, column 42\nhint: fix the file, or delete it and set the values again with 'hproc config set'\n`,
    });
    for (const argv of [['--help'], ['--version'], ['emulator', '--help'], ['config', 'path']]) {
      const r = await runBinary(argv, env);
      assert.equal(r.code, 0, `${argv.join(' ')}: ${r.stderr}`);
    }
  });
});

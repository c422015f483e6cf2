// The config file store: location, strict reading (catalogue cases 13 and 14), atomic owner-only writes.
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  configFilePath,
  emptyDocument,
  parseConfigText,
  readConfigFile,
  writeConfigFile,
} from '../../../src/config/config-file.js';
import { UsageError } from '../../../src/errors.js';
import { makeConfigHome, runWithConfig, type ConfigHome } from '../../helpers/config-home.js';

const SECRET = 'hathora_org_st_s3cr3tT0ken';
let home: ConfigHome;

beforeEach(async () => {
  home = await makeConfigHome();
});
afterEach(async () => {
  await home.remove();
});

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof UsageError, `expected a UsageError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected an error');
}

describe('configFilePath', () => {
  test('XDG_CONFIG_HOME, else HOME/.config, else none; a relative XDG_CONFIG_HOME is ignored', () => {
    assert.equal(configFilePath({ XDG_CONFIG_HOME: '/x/cfg', HOME: '/home/u' }), '/x/cfg/hproc/config.json');
    assert.equal(configFilePath({ HOME: '/home/u' }), '/home/u/.config/hproc/config.json');
    assert.equal(configFilePath({ XDG_CONFIG_HOME: 'rel/cfg', HOME: '/home/u' }), '/home/u/.config/hproc/config.json');
    assert.equal(configFilePath({ XDG_CONFIG_HOME: '', HOME: '/home/u' }), '/home/u/.config/hproc/config.json');
    assert.equal(configFilePath({}), undefined);
  });
});

describe('writeConfigFile', () => {
  test('creates the directory 0700 and the file 0600, and leaves no temporary file', async () => {
    await writeConfigFile(home.file, { ...emptyDocument(), profiles: { default: { token: SECRET } } });
    assert.equal((await stat(join(home.dir, 'hproc'))).mode & 0o777, 0o700);
    assert.equal((await stat(home.file)).mode & 0o777, 0o600);
    assert.deepEqual(await home.entries(), ['config.json']);
    assert.equal(await home.read(), `{\n  "profiles": {\n    "default": {\n      "token": "${SECRET}"\n    }\n  }\n}\n`);
  });

  test('#14 rewriting a 0644 file makes it 0600 (a mode given to open applies only to new files)', async () => {
    await home.write({ profiles: {} }, 0o644);
    await writeConfigFile(home.file, { ...emptyDocument(), currentProfile: 'x', profiles: { x: {} } });
    assert.equal((await stat(home.file)).mode & 0o777, 0o600);
    assert.deepEqual(await home.entries(), ['config.json']);
  });

  test('a failed write names the file and leaves no temporary file', async () => {
    // A directory where the file should be: the rename fails, for root too.
    await mkdir(join(home.file, 'inside'), { recursive: true });
    await assert.rejects(writeConfigFile(home.file, emptyDocument()), { message: `cannot write config file ${home.file}: it is a directory` });
    assert.deepEqual(await home.entries(), ['config.json']);
    assert.deepEqual(await readdir(home.file), ['inside']);
  });

  test('unknown keys survive a rewrite', async () => {
    await home.write({ future: { a: 1 }, profiles: { default: { app: 'app-1', colour: 'always' } } });
    const loaded = readConfigFile(home.file);
    loaded.document.profiles.default = { ...loaded.document.profiles.default, endpoint: 'http://127.0.0.1:4000' };
    await writeConfigFile(home.file, loaded.document);
    assert.deepEqual(JSON.parse((await home.read()) ?? ''), {
      profiles: { default: { app: 'app-1', endpoint: 'http://127.0.0.1:4000', colour: 'always' } },
      future: { a: 1 },
    });
  });
});

describe('reading (catalogue 13, 14)', () => {
  const F = '/c/hproc/config.json';

  test('a missing file is an empty document', () => {
    assert.deepEqual(readConfigFile(home.file), { path: home.file, exists: false, document: emptyDocument(), warnings: [] });
  });

  test('#13 a UTF-8 byte order mark is accepted', () => {
    const { document } = parseConfigText('\ufeff{"currentProfile":"a","profiles":{"a":{"app":"app-1"}}}', F);
    assert.deepEqual(document, { currentProfile: 'a', profiles: { a: { app: 'app-1' } }, extra: {}, profileExtra: {} });
  });

  test('#13 a syntax error names the file, line and column, and never the text (it may hold the token)', () => {
    const text = `{\n  "profiles": {\n    "default": { "token": "${SECRET}", }\n  }\n}\n`;
    const message = usageMessage(() => parseConfigText(text, F));
    assert.equal(message, `config file ${F} is not valid JSON: syntax error at line 3, column 57`);
    assert.ok(!message.includes(SECRET));
    assert.equal(usageMessage(() => parseConfigText('{"profiles": {', F)), `config file ${F} is not valid JSON: syntax error at line 1, column 15`);
  });

  test('#13 wrong types name the key and its line', () => {
    const cases: [string, string][] = [
      ['[]', ': the top level must be an object, got an array'],
      ['{"currentProfile": 3}', ', line 1: currentProfile must be a string, got a number'],
      ['{"profiles": []}', ', line 1: profiles must be an object, got an array'],
      ['{"profiles": {"prod": "x"}}', ', line 1: profiles.prod must be an object, got a string'],
      ['{"profiles": {"prod": {"app": null}}}', ', line 1: profiles.prod.app must be a string, got null'],
      ['{\n "profiles": {\n  "app": {"app": "x"},\n  "prod": {\n   "app": "app-1",\n   "token": {"v": 1}}}}', ', line 6: profiles.prod.token must be a string, got an object'],
    ];
    for (const [text, expected] of cases) assert.equal(usageMessage(() => parseConfigText(text, F)), `config file ${F}${expected}`);
  });

  test('a bad profile name is refused', () => {
    assert.equal(usageMessage(() => parseConfigText('{"profiles": {"a b": {}}}', F)), `config file ${F}: "a b" in profiles is not a valid profile name`);
  });

  test('#13 unknown keys are warnings; __proto__ keys change no prototype', () => {
    const { document, warnings } = parseConfigText('{"__proto__": {"polluted": 1}, "profiles": {"p": {"app": "app-1", "colour": "x"}}, "zz\\u001b": 1}', F);
    assert.deepEqual(warnings, [
      `config file ${F}, line 1: unknown key __proto__ (ignored)`,
      `config file ${F}, line 1: unknown key profiles.p.colour (ignored)`,
      `config file ${F}, line 1: unknown key "zz\\u001b" (ignored)`,
    ]);
    assert.equal(Object.getPrototypeOf(document.extra), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(document.profiles, { p: { app: 'app-1' } });
  });

  test('#13 a file that is not a regular file, or is huge, is an error', async () => {
    await mkdir(home.file, { recursive: true });
    assert.equal(usageMessage(() => readConfigFile(home.file)), `config file ${home.file} is a directory, not a regular file`);
    await rm(home.file, { recursive: true });
    await home.write(' '.repeat(1024 * 1024 + 1));
    assert.equal(usageMessage(() => readConfigFile(home.file)), `config file ${home.file} is too large (1048577 B; at most 1 MiB)`);
  });

  test('#14 a file readable by others is a warning with the fix; 0600 is not', async () => {
    await home.write({ profiles: {} }, 0o644);
    assert.deepEqual(readConfigFile(home.file).warnings, [
      `config file ${home.file} is accessible by other users (mode 0644); fix it with: chmod 600 ${home.file}`,
    ]);
    await chmod(home.file, 0o600);
    assert.deepEqual(readConfigFile(home.file).warnings, []);
  });

  test('#14 a directory others may write in is a warning with the fix (they could replace the file)', async () => {
    await home.write({ profiles: {} });
    const dir = join(home.dir, 'hproc');
    await chmod(dir, 0o777);
    assert.deepEqual(readConfigFile(home.file).warnings, [`config directory ${dir} is writable by other users (mode 0777); fix it with: chmod 700 ${dir}`]);
    await chmod(dir, 0o755);
    assert.deepEqual(readConfigFile(home.file).warnings, []);
  });
});

describe('special files and symbolic links (catalogue 71-73)', () => {
  test('#71 a FIFO, a socket or a device as the config file is refused at once, without opening it for a blocking read', async () => {
    await mkdir(join(home.dir, 'hproc'), { recursive: true, mode: 0o700 });
    execFileSync('mkfifo', [home.file]);
    // Without the check before the open, this read would block the test process for good.
    assert.equal(usageMessage(() => readConfigFile(home.file)), `config file ${home.file} is a named pipe (FIFO), not a regular file`);
    await rm(home.file);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(home.file, resolve));
    try {
      assert.equal(usageMessage(() => readConfigFile(home.file)), `config file ${home.file} is a socket, not a regular file`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await rm(home.file, { force: true });
    await symlink('/dev/null', home.file);
    assert.equal(usageMessage(() => readConfigFile(home.file)), `config file ${home.file} is a character device, not a regular file`);
  });

  test('#71 a FIFO config file: the command exits 2 naming it, with the hint, before any request', async () => {
    await mkdir(join(home.dir, 'hproc'), { recursive: true, mode: 0o700 });
    execFileSync('mkfifo', [home.file]);
    const r = await runWithConfig(['list'], { env: { XDG_CONFIG_HOME: home.dir } });
    assert.deepEqual(r, {
      code: 2,
      stdout: '',
      stderr: `hproc: config file ${home.file} is a named pipe (FIFO), not a regular file\nhint: hproc reads its settings only from a regular file; remove or rename ${home.file}\n`,
    });
  });

  test('#72 a symlinked config is checked where it points: the target and its directories up to the home', async () => {
    const elsewhere = join(home.dir, 'dotfiles', 'shared');
    await mkdir(elsewhere, { recursive: true, mode: 0o700 });
    await chmod(join(home.dir, 'dotfiles'), 0o700);
    const target = join(elsewhere, 'hproc.json');
    await writeFile(target, '{"profiles":{}}', { mode: 0o600 });
    await mkdir(join(home.dir, 'hproc'), { recursive: true, mode: 0o700 });
    await symlink(target, home.file);
    assert.deepEqual(readConfigFile(home.file, home.dir).warnings, []);
    await chmod(target, 0o620);
    await chmod(join(home.dir, 'dotfiles'), 0o777);
    assert.deepEqual(readConfigFile(home.file, home.dir).warnings, [
      `config file ${home.file} is accessible by other users (mode 0620); fix it with: chmod 600 ${home.file}`,
      `config file ${home.file} points to ${target}, which other users may write (mode 0620); fix it with: chmod 600 ${target}`,
      `config file ${home.file} points into ${join(home.dir, 'dotfiles')}, which other users may write (mode 0777); fix it with: chmod go-w ${join(home.dir, 'dotfiles')}`,
    ]);
    // A sticky directory (like /tmp) lets nobody else replace the file in it.
    await chmod(join(home.dir, 'dotfiles'), 0o1777);
    await chmod(target, 0o600);
    assert.deepEqual(readConfigFile(home.file, home.dir).warnings, []);
  });

  test('#73 config set through a symbolic link rewrites its target and keeps the link', async () => {
    const target = join(home.dir, 'real.json');
    await writeFile(target, '{"profiles":{"default":{"app":"app-old"}}}', { mode: 0o600 });
    await mkdir(join(home.dir, 'hproc'), { recursive: true, mode: 0o700 });
    await symlink(target, home.file);
    const r = await runWithConfig(['config', 'set', 'app', 'app-new'], { env: { XDG_CONFIG_HOME: home.dir } });
    assert.equal(r.code, 0, r.stderr);
    assert.ok((await lstat(home.file)).isSymbolicLink(), 'the link is still a link');
    assert.deepEqual(JSON.parse(await readFile(target, 'utf8')), { profiles: { default: { app: 'app-new' } } });
    assert.deepEqual(await home.entries(), ['config.json']);
  });

  test('#73 config set through a link to nothing is refused, the link left alone', async () => {
    const target = join(home.dir, 'missing', 'real.json');
    await mkdir(join(home.dir, 'hproc'), { recursive: true, mode: 0o700 });
    await symlink(target, home.file);
    const r = await runWithConfig(['config', 'set', 'app', 'app-new'], { env: { XDG_CONFIG_HOME: home.dir } });
    assert.deepEqual(r, {
      code: 2,
      stdout: '',
      stderr: `hproc: config file ${home.file} is a symbolic link to ${target}, which does not exist\nhint: create the file it points to, or remove the link\n`,
    });
    await assert.rejects(writeConfigFile(home.file, emptyDocument()), {
      message: `not writing config file ${home.file}: it is a symbolic link to ${target}, which does not exist`,
    });
    assert.ok((await lstat(home.file)).isSymbolicLink());
    assert.deepEqual(await home.entries(), ['config.json']);
  });
});

describe('through commands', () => {
  test('#13 a corrupt file: exit 2 naming file and line, before any request; --help still works', async () => {
    await home.write(`{\n  "profiles": {\n`);
    const env = { XDG_CONFIG_HOME: home.dir, HATHORA_TOKEN: 't0ken-value', HATHORA_APP_ID: 'app-1' };
    assert.deepEqual(await runWithConfig(['list'], { env }), {
      code: 2,
      stdout: '',
      stderr: `hproc: config file ${home.file} is not valid JSON: syntax error at line 3, column 1\nhint: fix the file, or delete it and set the values again with 'hproc config set'\n`,
    });
    const help = await runWithConfig(['list', '--help'], { env });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: hproc list/);
    assert.equal((await runWithConfig(['--version'], { env })).code, 0);
    assert.equal((await runWithConfig(['explain', 'ProcessV3'], { env })).code, 0);
  });

  test('warnings go to stderr once per run and do not fail the command', async () => {
    await home.write({ profiles: { default: { app: 'app-af469a92-5b45-4565-b3c4-b79878de67d2', colour: 'x' } } }, 0o640);
    const r = await runWithConfig(['config', 'get', 'app'], { env: { XDG_CONFIG_HOME: home.dir } });
    assert.deepEqual(r, {
      code: 0,
      stdout: 'app-af469a92-5b45-4565-b3c4-b79878de67d2\n',
      stderr:
        `hproc: warning: config file ${home.file} is accessible by other users (mode 0640); fix it with: chmod 600 ${home.file}\n` +
        `hproc: warning: config file ${home.file}, line 5: unknown key profiles.default.colour (ignored)\n`,
    });
  });
});

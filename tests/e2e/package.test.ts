// The packed tarball, as a new user gets it: it holds only what it needs, installs into an empty
// prefix without dev dependencies (from the npm cache, no network), and the installed `hproc` runs:
// --version, the emulator, and a listing against that emulator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  man: unknown;
};
let dir: string;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let tarball: string;
let prefix: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hproc-package-'));
  // --ignore-scripts: dist/ is already built by `npm test`; rebuilding it here would pull it from
  // under the other end-to-end tests running at the same time.
  const packed = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir]);
  assert.equal(packed.code, 0, packed.stderr);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  assert.ok(info !== undefined);
  tarball = join(dir, info.filename);
  prefix = join(dir, 'prefix');
  const args = ['install', '--prefix', prefix, tarball, '--omit=dev', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts'];
  let installed = await run(npm, [...args, '--offline'], { cwd: dir });
  // A cache without one of the packages (never after `npm ci`) falls back to the registry.
  if (installed.code !== 0 && /ENOTCACHED/.test(installed.stderr)) installed = await run(npm, [...args, '--prefer-offline'], { cwd: dir });
  assert.equal(installed.code, 0, installed.stderr);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the tarball holds the executable, the bundle, the man page and the docs, and nothing else', async () => {
  const listed = await run('tar', ['-tzf', tarball]);
  const files = listed.stdout.split('\n').filter((f) => f !== '').map((f) => f.replace(/^package\//, ''));
  const top = [...new Set(files.map((f) => f.split('/')[0]))].sort();
  assert.deepEqual(top, ['CHANGELOG.md', 'README.md', 'THIRD-PARTY-NOTICES.txt', 'bin', 'dist', 'man', 'package.json']);
  for (const file of ['bin/hproc.js', 'dist/main.js', 'man/hproc.1']) assert.ok(files.includes(file), file);
  assert.ok(!files.some((f) => f.endsWith('.ts') || f.endsWith('.map')), 'no sources or maps');
});

test('the package depends on nothing: the bundle holds its libraries, whose licences ship in the notices', () => {
  assert.equal(pkg.dependencies, undefined);
  // npm links a man page on a global install only when `man` is an array.
  assert.deepEqual(pkg.man, ['./man/hproc.1']);
  const notices = readFileSync(join(prefix, 'node_modules', pkg.name, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  const libraries = JSON.parse(readFileSync(join(ROOT, 'scripts', 'runtime-libraries.json'), 'utf8')) as string[];
  for (const name of libraries) {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
    assert.match(notices, new RegExp(`^  ${name} ${version.replace(/\./g, '\\.')} \\(`, 'm'), name);
  }
  assert.match(notices, /Permission is hereby granted/);
});

test('installed with --omit=dev: hproc alone, no package beside it, and `hproc --version` runs', async () => {
  const modules = join(prefix, 'node_modules');
  assert.ok(existsSync(join(modules, pkg.name, 'dist', 'main.js')));
  assert.deepEqual((await readdir(modules)).filter((name) => !name.startsWith('.')), [pkg.name]);
  assert.ok(!existsSync(join(modules, pkg.name, 'node_modules')), 'nothing installed under hproc');
  const bin = join(modules, '.bin', 'hproc');
  const version = await run(bin, ['--version'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.deepEqual(version, { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
});

test('the installed hproc serves the emulator and lists its processes', async () => {
  const bin = join(prefix, 'node_modules', '.bin', 'hproc');
  const emulator = spawn(bin, ['emulator', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let text = '';
      emulator.stdout.setEncoding('utf8').on('data', (d: string) => {
        text += d;
        if (text.includes('\n')) resolve(text.split('\n')[0] as string);
      });
      emulator.on('error', reject);
      emulator.on('close', (code) => reject(new Error(`emulator ended with ${code}`)));
    });
    const match = /on (http:\/\/127\.0\.0\.1:\d+) \(token: (\S+)\)$/.exec(line);
    assert.ok(match !== null, line);
    const env = { PATH: process.env.PATH, HATHORA_CLOUD_ENDPOINT: match[1], HATHORA_TOKEN: match[2], HATHORA_APP_ID: 'app-af469a92-5b45-4565-b3c4-b79878de67d2' };
    const listed = await run(bin, ['list', '--all', '-l', '15', '-q'], { cwd: dir, env });
    assert.equal(listed.stderr, '');
    assert.equal(listed.code, 0);
    assert.equal(listed.stdout.trimEnd().split('\n').length, 15);
    const shown = await run(bin, ['show', 'cbfcddd2-0006-43ae-996c-995fff7bed2e', '--jq', '.processId'], { cwd: dir, env });
    assert.deepEqual(shown, { code: 0, stdout: 'cbfcddd2-0006-43ae-996c-995fff7bed2e\n', stderr: '' });
  } finally {
    emulator.kill('SIGINT');
  }
});

test('the bundle needs no package from node_modules at run time', async () => {
  // dist/ is self-contained (esbuild bundles the runtime libraries); only Node built-ins are loaded.
  const dist = join(prefix, 'node_modules', pkg.name, 'dist');
  const files = (await readdir(dist, { recursive: true })).filter((f) => f.endsWith('.js'));
  assert.ok(files.length > 5);
  const loaded = files.flatMap((file) =>
    [...readFileSync(join(dist, file), 'utf8').matchAll(/(?:\bfrom\s*|\bimport\(\s*|\brequire\(\s*)(["'])([@A-Za-z0-9][\w@./:-]*)\1/g)].map((m) => m[2] as string),
  );
  assert.ok(loaded.length > 0);
  assert.deepEqual([...new Set(loaded.filter((name) => !builtinModules.includes(name.replace(/^node:/, ''))))], []);
});

test('npm install -g puts hproc on the PATH and its man page where man finds it', async () => {
  const global = join(dir, 'global');
  const installed = await run(npm, ['install', '-g', '--prefix', global, tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir });
  assert.equal(installed.code, 0, installed.stderr);
  assert.ok(existsSync(join(global, 'share', 'man', 'man1', 'hproc.1')), 'man page linked into share/man/man1');
  const version = await run(join(global, 'bin', 'hproc'), ['--version'], { cwd: dir, env: { PATH: process.env.PATH } });
  assert.deepEqual(version, { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
});

// Shell completion, tested for real: bash sources the generated script and calls the function with
// COMP_WORDS/COMP_CWORD set, as bash does on Tab. zsh and fish scripts are syntax-checked where
// those shells are installed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { idCachePath, rememberIds } from '../../../src/io/id-cache.js';
import { runInProcess } from '../../helpers/cli.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
let dir: string;
let emulator: RunningEmulator;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hproc-completion-'));
  emulator = await startEmulator({ port: 0 });
});
after(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});

function runShell(shell: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(shell, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function script(shell: string): Promise<string> {
  const r = await runInProcess(['completion', shell]);
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  const file = join(dir, `hproc.${shell}`);
  await writeFile(file, r.stdout);
  return file;
}

/** What bash's COMPREPLY holds for these words, the last being the one under the cursor. */
async function complete(file: string, words: string[], env: Record<string, string> = {}): Promise<string[]> {
  const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const program = `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _hproc; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = await runShell('bash', ['--norc', '--noprofile', '-c', program], env);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  return r.stdout.split('\n').filter((line) => line !== '');
}

test('bash: commands, subcommands, flags and enum values complete', async () => {
  const file = await script('bash');
  const registry = (await import('../../../src/commands/index.js')).commandRegistry.map((c) => c.name);
  assert.deepEqual(await complete(file, ['hproc', '']), [...registry, 'help']);
  assert.deepEqual(await complete(file, ['hproc', 'sh']), ['show']);
  assert.deepEqual(await complete(file, ['hproc', 'list', '--st']), ['--status']);
  assert.deepEqual(await complete(file, ['hproc', 'list', '--status', 'r']), ['running']);
  assert.deepEqual(await complete(file, ['hproc', 'list', '--status', 'running,st']), ['running,starting', 'running,stopping', 'running,stopped']);
  assert.deepEqual(await complete(file, ['hproc', 'list', '--status', '=', 'dr']), ['draining']);
  assert.deepEqual(await complete(file, ['hproc', 'list', '--region', 'S']), ['Seattle', 'Singapore', 'Sydney', 'Sao_Paulo']);
  assert.deepEqual(await complete(file, ['hproc', 'list', '-o', '']), ['table', 'wide', 'json', 'ndjson', 'csv', 'tsv']);
  assert.deepEqual(await complete(file, ['hproc', 'show', 'x', '--api', '']), ['v1', 'v2', 'v3']);
  assert.deepEqual(await complete(file, ['hproc', 'list', '--fields', 'processId,roomsP']), ['processId,roomsPerProcess']);
  assert.deepEqual(await complete(file, ['hproc', 'help', 'exit']), ['exit-codes']);
  assert.deepEqual(await complete(file, ['hproc', 'completion', '']), ['bash', 'zsh', 'fish']);
  // A flag's value is not mistaken for a command: `list` here is the app id.
  assert.deepEqual(await complete(file, ['hproc', 'list', '-a', 'list', '--re']), ['--region']);
});

test('hproc list remembers the ids it printed (0600, ids only) and bash offers them after show', async () => {
  const cache = join(dir, 'cache');
  const env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP, XDG_CACHE_HOME: cache };
  const listed = await runInProcess(['list', '--all', '-l', '4', '-q'], { env });
  assert.equal(listed.code, 0);
  const path = idCachePath(env) as string;
  assert.equal(path, join(cache, 'hproc', 'process-ids'));
  const saved = await readFile(path, 'utf8');
  assert.equal(saved, listed.stdout);
  assert.ok(!saved.includes(emulator.token));
  assert.equal((await stat(path)).mode & 0o777, 0o600);
  const ids = saved.trimEnd().split('\n');
  const file = await script('bash');
  assert.deepEqual(await complete(file, ['hproc', 'show', ''], { XDG_CACHE_HOME: cache }), ids);
  const first = ids[0] as string;
  assert.deepEqual(await complete(file, ['hproc', 'logs', first.slice(0, 12)], { XDG_CACHE_HOME: cache }), ids.filter((id) => id.startsWith(first.slice(0, 12))));
});

test('the id cache keeps only well-formed ids and needs an absolute directory', async () => {
  assert.equal(idCachePath({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' }), '/home/u/.cache/hproc/process-ids');
  assert.equal(idCachePath({}), undefined);
  const cache = join(dir, 'cache2');
  await rememberIds({ XDG_CACHE_HOME: cache }, ['good-1', '$(rm -rf ~)', 'good-1', 'a b', 'good_2']);
  assert.equal(await readFile(join(cache, 'hproc', 'process-ids'), 'utf8'), 'good-1\ngood_2\n');
});

test('zsh and fish scripts parse (where those shells are installed)', async (t) => {
  for (const [shell, args] of [['zsh', ['-n']], ['fish', ['--no-execute']]] as const) {
    const probe = await runShell(shell, ['-c', 'exit 0']).catch(() => null);
    if (probe === null || probe.code !== 0) {
      t.diagnostic(`${shell} not installed: skipped`);
      continue;
    }
    const file = await script(shell);
    const r = await runShell(shell, [...args, file]);
    assert.deepEqual({ code: r.code, stderr: r.stderr }, { code: 0, stderr: '' }, shell);
  }
});

async function installed(shell: string): Promise<boolean> {
  const probe = await runShell(shell, ['-c', 'exit 0']).catch(() => null);
  return probe !== null && probe.code === 0;
}

test('zsh: the function offers the same candidates (compadd stubbed to print them)', async (t) => {
  if (!(await installed('zsh'))) return t.skip('zsh not installed');
  const file = await script('zsh');
  const driver = [
    'compdef() { :; }',
    `source '${file}'`,
    'compadd() { shift $(( ${@[(i)--]} )); print -r -- "$*"; }',
    'compset() { :; }',
    't() { words=("$@"); CURRENT=$#words; _hproc; }',
    "t hproc list --status 'running,dr'",
    "t hproc list -o ''",
    "t hproc show ''",
  ].join('\n');
  const cache = join(dir, 'zcache');
  await rememberIds({ XDG_CACHE_HOME: cache }, ['id-one', 'id-two']);
  const r = await runShell('zsh', ['-f', '-c', driver], { XDG_CACHE_HOME: cache });
  assert.deepEqual(r, { code: 0, stderr: '', stdout: 'starting running draining stopping stopped failed\ntable wide json ndjson csv tsv\nid-one id-two\n' });
});

test('fish: complete -C gives commands, values and cached ids', async (t) => {
  if (!(await installed('fish'))) return t.skip('fish not installed');
  const file = await script('fish');
  const cache = join(dir, 'fcache');
  await rememberIds({ XDG_CACHE_HOME: cache }, ['id-one']);
  const r = await runShell('fish', ['--no-config', '-c', `source '${file}'; complete -C 'hproc sh'; complete -C 'hproc list --status ru'; complete -C 'hproc show '`], { XDG_CACHE_HOME: cache });
  assert.equal(r.stderr, '');
  assert.deepEqual(r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t')[0]), ['show', 'running', 'id-one']);
});

test('an unknown shell is a usage error', async () => {
  assert.deepEqual(await runInProcess(['completion', 'tcsh']), { code: 2, stdout: '', stderr: "hproc: unknown shell 'tcsh'\nhint: use one of bash, zsh, fish\n" });
  assert.deepEqual(await runInProcess(['completion']), { code: 2, stdout: '', stderr: 'hproc: name a shell: bash, zsh, fish\nhint: for example: source <(hproc completion bash)\n' });
});

// Start-up guard: a quick, loose version of `npm run bench` so a slow import cannot land unnoticed.
// Which bundle files a command loads is checked exactly; time only with wide bounds, as medians of
// runs alternating with the floor (`node -e 0`) in the same test, so a busy machine slows both.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { BIG_APP_ID } from '../../src/emulator/data.js';
import { BIN } from '../helpers/cli.js';

const RECORD_LOADS = fileURLToPath(new URL('./record-loads.mjs', import.meta.url));
const CHUNKS = new URL('../../dist/chunks/', import.meta.url);
// esbuild heads each bundled file with a `// node_modules/<package>/...` comment, relative to the
// directory it ran in: a node_modules that is a symbolic link shows as the path it points to.
const bundled = (name: string): RegExp => new RegExp(`^// (?:\\S*/)?node_modules/${name}/`, 'm');
const HEAVY = { zod: bundled('zod'), undici: bundled('undici'), 'cli-table3': bundled('cli-table3') } as const;
type Heavy = keyof typeof HEAVY;

// NODE_EXTRA_CA_CERTS makes every Node 20 start ~78 ms slower, NODE_OPTIONS could preload anything.
const ENV: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
delete ENV.NODE_EXTRA_CA_CERTS;
delete ENV.NODE_OPTIONS;

interface Run {
  code: number | null;
  ms: number;
  stderr: string;
}

function run(args: string[], env: Record<string, string | undefined> = ENV): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // stdout is a pipe that is read and dropped: /dev/null opened read-write (what 'ignore' gives)
    // is how a closed stdout looks, and hproc refuses to lose output there (catalogue #60).
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: performance.now() - started, stderr }));
  });
}

/** The text of the bundle files that `hproc <args>` loads. */
async function loadedBundle(args: string[], env: Record<string, string | undefined> = ENV): Promise<string> {
  const result = await run(['--import', RECORD_LOADS, BIN, ...args], env);
  assert.equal(result.code, 0, result.stderr);
  const files = [...result.stderr.matchAll(/^hproc-load (file:\S+\/dist\/\S+)$/gm)].map((m) => fileURLToPath(m[1] as string));
  assert.ok(files.some((file) => basename(file) === 'main.js'), 'the loader hook saw the bundle');
  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}

/** The heavy packages inside the bundle files that `hproc <args>` loads. */
async function heavyLoaded(args: string[], env: Record<string, string | undefined> = ENV): Promise<Heavy[]> {
  const text = await loadedBundle(args, env);
  return (Object.keys(HEAVY) as Heavy[]).filter((name) => HEAVY[name].test(text));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

describe('start-up', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  it('the bundle holds zod, undici and cli-table3 with the markers this test looks for', () => {
    const all = readdirSync(CHUNKS).map((name) => readFileSync(new URL(name, CHUNKS), 'utf8')).join('\n');
    for (const marker of Object.values(HEAVY)) assert.match(all, marker);
    // `import * as z from 'zod'` lets esbuild drop all of zod's locales but English.
    assert.deepEqual([...all.matchAll(/^\/\/ (?:\S*\/)?node_modules\/zod\/v4\/locales\/(\S+)/gm)].map((m) => m[1]), ['en.js']);
  });

  for (const args of [['--version'], ['--help'], ['list', '--help'], ['show', '--help']]) {
    it(`hproc ${args.join(' ')} loads neither zod, undici nor cli-table3`, async () => {
      assert.deepEqual(await heavyLoaded(args), []);
    });
  }

  it('hproc list loads zod and undici (so the checks above can see them) but not cli-table3, even for a table', async () => {
    const env = { ...ENV, HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID };
    assert.deepEqual(await heavyLoaded(['list', '--limit', '5'], env), ['zod', 'undici']);
  });

  it('a request loads neither node:http2, tls nor crypto: the build leaves out the HTTP/2 code of undici', async () => {
    const env = { ...ENV, HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID };
    const result = await run(['--import', RECORD_LOADS, BIN, 'list', '--limit', '5', '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    const builtins = [...result.stderr.matchAll(/^hproc-builtin (\S+)$/gm)].map((m) => m[1]);
    assert.ok(builtins.includes('net'), 'the hook saw the request');
    assert.deepEqual(builtins.filter((name) => ['http2', 'tls', 'crypto'].includes(name as string)), []);
  });

  it('hproc list sends its request before zod and the schemas load, so loading them overlaps the round trip', async () => {
    const env = { ...ENV, HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID };
    const result = await run(['--import', RECORD_LOADS, BIN, 'list', '--limit', '5', '--json'], env);
    assert.equal(result.code, 0, result.stderr);
    const events = [...result.stderr.matchAll(/^hproc-(request|load (file:\S+\/dist\/\S+))$/gm)].map((m) =>
      m[1] === 'request' ? 'request' : HEAVY.zod.test(readFileSync(fileURLToPath(m[2] as string), 'utf8')) ? 'zod' : 'other',
    );
    assert.deepEqual(events.filter((event) => event !== 'other'), ['request', 'zod']);
  });

  it('hproc --version and --help stay within 4× of `node -e 0`, a one-page listing within 8× (medians of alternating runs)', async (t) => {
    const env = { ...ENV, HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID };
    const variants = [['-e', '0'], [BIN, '--version'], [BIN, '--help'], [BIN, 'list', '--all', '--limit', '10', '--json']];
    const samples: number[][] = variants.map(() => []);
    for (const args of variants) await run(args, env);
    for (let round = 0; round < 4; round += 1) {
      for (let i = 0; i < variants.length; i += 1) {
        const k = (i + round) % variants.length;
        const result = await run(variants[k] as string[], env);
        assert.equal(result.code, 0, result.stderr);
        (samples[k] as number[]).push(result.ms);
      }
    }
    const [floor, version, help, list] = samples.map(median) as [number, number, number, number];
    const report = `node -e 0 ${floor.toFixed(0)} ms, --version ${version.toFixed(0)} ms, --help ${help.toFixed(0)} ms, list ${list.toFixed(0)} ms`;
    t.diagnostic(report);
    assert.ok(version < 4 * floor, report);
    assert.ok(help < 4 * floor, report);
    // About 3.6× on an idle machine and 4.5× on a busy one (bench/results.md): loose enough not to
    // flake, tight enough to catch a gross regression, such as some 250 ms more on the way to the
    // request. The bench gives the exact figures.
    assert.ok(list < 8 * floor, report);
  });
});

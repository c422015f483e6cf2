#!/usr/bin/env node
// npm run bench: measures hproc against the emulator, side by side with baselines, and writes
// bench/results.md. Every comparison alternates its variants run by run in one go (this kind of
// machine drifts by ±15 % over minutes, so only ratios measured together mean anything), after a
// warm-up, and reports medians with min–max.
//
//   npm run bench                      every scenario (a few minutes)
//   npm run bench -- --quick           fewer runs, for a first look
//   npm run bench -- --only startup,scale
//   npm run bench -- --only summary
//   npm run bench -- --no-write        print only
//
// Adding a scenario: write an async function that returns { title, rows, notes } (rows from
// `compare`), and add it to SCENARIOS. `hproc(...)` and `emulator(...)` do the plumbing.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const WRITE = !argv.includes('--no-write');
const ONLY = (() => {
  const at = argv.indexOf('--only');
  return at === -1 ? null : new Set((argv[at + 1] ?? '').split(','));
})();
const RUNS = QUICK ? 5 : 15;
const SLOW_RUNS = QUICK ? 3 : 5;

const BIG_APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const RUNNING_PROCESS = '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15';

// This machine's environment sets NODE_EXTRA_CA_CERTS, which adds ~78 ms to every Node 20 start;
// it is unset for every measured run (and NODE_OPTIONS, which could preload anything).
const BASE_ENV = { ...process.env, NO_COLOR: '1' };
delete BASE_ENV.NODE_EXTRA_CA_CERTS;
delete BASE_ENV.NODE_OPTIONS;
delete BASE_ENV.FORCE_COLOR;

const NODE = process.execPath;
// A snapshot of the build: a rebuild in the working tree (dist/ is emptied first) cannot break a
// run half-way, and every scenario measures the same bytes.
const SNAPSHOT = await mkdtemp(path.join(os.tmpdir(), 'hproc-bench-build-'));
await Promise.all(['bin', 'dist', 'package.json'].map((name) => cp(path.join(ROOT, name), path.join(SNAPSHOT, name), { recursive: true })));
const HPROC = path.join(SNAPSHOT, 'bin', 'hproc.js');
// Emulators started by this run, so Ctrl-C leaves none behind.
const CHILDREN = new Set();
process.on('SIGINT', () => {
  for (const child of CHILDREN) child.kill('SIGINT');
  rmSync(SNAPSHOT, { recursive: true, force: true });
  process.exit(130);
});

// ---------------------------------------------------------------------------------------------
// Running and timing

/** Runs a command once; resolves with wall time (spawn to exit), exit code, stdout digest and stderr. */
function runOnce(variant) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(variant.cmd, variant.args, { cwd: ROOT, env: variant.env ?? BASE_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    const hash = createHash('sha256');
    let bytes = 0;
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
      if (variant.hash !== false) hash.update(chunk);
      if (variant.keepStdout) stdout += chunk;
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== (variant.expectCode ?? 0)) {
        reject(new Error(`${variant.label}: exit ${code}\n${stderr.slice(0, 2000)}`));
        return;
      }
      const rss = /hproc-bench-max-rss (\d+)/.exec(stderr);
      // On a pseudo-terminal, the wrapper times the command itself, without its own start-up.
      const pty = /hproc-bench-pty-ms ([\d.]+)/.exec(stderr);
      resolve({ ms: pty ? Number(pty[1]) : ms, bytes, digest: hash.digest('hex'), stdout, stderr, maxRssKiB: rss ? Number(rss[1]) : undefined });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs every variant `runs` times, interleaved (the order rotates each round so no variant always
 * follows the same neighbour), after `warmup` untimed rounds. Returns per-variant samples.
 */
async function compare(variants, { runs = RUNS, warmup = 2 } = {}) {
  for (let i = 0; i < warmup; i += 1) for (const v of variants) await runOnce(v);
  const samples = new Map(variants.map((v) => [v, []]));
  const last = new Map();
  for (let round = 0; round < runs; round += 1) {
    const order = variants.map((_, i) => variants[(i + round) % variants.length]);
    for (const v of order) {
      const result = await runOnce(v);
      samples.get(v).push(result);
      last.set(v, result);
    }
  }
  return variants.map((v) => {
    const results = samples.get(v);
    const ms = results.map((r) => r.ms);
    const rss = results.map((r) => r.maxRssKiB).filter((x) => x !== undefined);
    return {
      variant: v,
      median: median(ms),
      min: Math.min(...ms),
      max: Math.max(...ms),
      maxRssKiB: rss.length > 0 ? Math.max(...rss) : undefined,
      digest: last.get(v).digest,
      bytes: last.get(v).bytes,
      stderr: last.get(v).stderr,
      runs: results.length,
    };
  });
}

/** A node command with the bench environment plus `env`. */
function nodeVariant(label, args, env = {}, extra = {}) {
  return { label, cmd: NODE, args, env: { ...BASE_ENV, ...env }, ...extra };
}

/** `hproc <args>` through the built binary, against `emu` when given. */
function hproc(label, args, emu, extra = {}) {
  const env = emu === undefined ? {} : { HATHORA_CLOUD_ENDPOINT: emu.url, HATHORA_TOKEN: emu.token, HATHORA_APP_ID: BIG_APP };
  return nodeVariant(label, [...(extra.nodeArgs ?? []), HPROC, ...args], env, extra);
}

// Help is measured where people read it, on a terminal: bench/pty-time.py runs a command on a
// pseudo-terminal of a given width and times it from inside, so Python's start-up is not counted.
const PTY_TIME = path.join(ROOT, 'bench', 'pty-time.py');
const HAVE_PYTHON = spawnSync('python3', ['-c', '0'], { stdio: 'ignore' }).status === 0;

/** The same variant run on a pseudo-terminal `columns` wide (stdin, stdout and stderr the terminal, COLUMNS set). */
function onTerminal(variant, columns) {
  return { ...variant, label: `${variant.label} on a terminal, ${columns} columns`, cmd: 'python3', args: [PTY_TIME, String(columns), variant.cmd, ...variant.args] };
}

/** A script under bench/ against `emu`. */
function script(label, file, args, emu, extra = {}) {
  const env = { HATHORA_CLOUD_ENDPOINT: emu.url, HATHORA_TOKEN: emu.token, HATHORA_APP_ID: BIG_APP };
  return nodeVariant(label, [...(extra.nodeArgs ?? []), path.join(ROOT, 'bench', file), ...args], env, extra);
}

/** Starts `hproc emulator` in its own process (as a user would), resolves with its URL and token. */
function emulator({ processes = 73, latency = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [HPROC, 'emulator', '--port', '0', '--processes', String(processes), '--latency', String(latency)], {
      cwd: ROOT,
      env: BASE_ENV,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    CHILDREN.add(child);
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code}) before it listened`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /on (http:\/\/\S+) \(token: (\S+)\)/.exec(out);
      if (match) {
        child.removeAllListeners('exit');
        resolve({
          url: match[1],
          token: match[2],
          stop: () => new Promise((done) => {
            child.once('exit', () => {
              CHILDREN.delete(child);
              done();
            });
            child.kill('SIGINT');
          }),
        });
      }
    });
  });
}

async function withEmulator(options, body) {
  const emu = await emulator(options);
  try {
    return await body(emu);
  } finally {
    await emu.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Reporting

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const fmtRange = (s) => `${fmtMs(s.min)} – ${fmtMs(s.max)}`;
const fmtX = (x) => `${x.toFixed(2)}×`;

/** A table row for one measured variant, with its ratio to `base` and an optional target check. */
function row(stat, base, target) {
  const ratio = base === undefined ? '' : fmtX(stat.median / base.median);
  return [stat.variant.label, fmtMs(stat.median), fmtRange(stat), ratio, target ?? ''];
}

function verdict(ok, text) {
  return `${ok ? 'met' : '**missed**'}: ${text}`;
}

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

const TIMING_HEADER = ['command', 'median', 'min – max', 'vs baseline', 'target'];

// ---------------------------------------------------------------------------------------------
// Scenarios

const HELP_COLUMNS = [80, 120];

async function startup() {
  const floorVariant = nodeVariant('`node -e 0` (the floor)', ['-e', '0']);
  const helpVariant = hproc('`hproc --help`', ['--help']);
  // Every variant in one interleaved comparison: the floor on a pipe and --version, then, at each
  // width, the floor and --help on a terminal of that width, each measured the same way.
  const terminal = HAVE_PYTHON ? HELP_COLUMNS.flatMap((columns) => [onTerminal(floorVariant, columns), onTerminal(helpVariant, columns)]) : [];
  const [floor, version, ...onTty] = await compare([floorVariant, hproc('`hproc --version`', ['--version']), ...terminal]);
  const v = version.median / floor.median;
  const rows = [row(floor, floor), row(version, floor, verdict(v <= 1.7, '≤ 1.7× the floor'))];
  const helpDigests = new Set();
  for (let i = 0; i < onTty.length; i += 2) {
    const [ttyFloor, help] = [onTty[i], onTty[i + 1]];
    helpDigests.add(help.digest);
    rows.push(row(ttyFloor, ttyFloor), row(help, ttyFloor, verdict(help.median / ttyFloor.median <= 1.7, '≤ 1.7× the floor on the same terminal')));
  }
  // Commander lays help out at the terminal's width: one text for two widths would mean no terminal.
  if (HAVE_PYTHON && helpDigests.size !== HELP_COLUMNS.length) throw new Error('startup: --help printed the same text at every terminal width');
  return {
    title: 'Start-up',
    text: table(TIMING_HEADER, rows),
    notes: [
      HAVE_PYTHON
        ? `\`--help\` runs on a pseudo-terminal (\`bench/pty-time.py\`: stdin, stdout and stderr the terminal, its width set and \`COLUMNS\` too), timed from inside the wrapper; its ratio is to \`node -e 0\` run the same way at the same width, interleaved with it.`
        : '**`--help` on a terminal not measured: no python3 for `bench/pty-time.py`.**',
    ],
  };
}

async function onePage() {
  return withEmulator({}, async (emu) => {
    const [floor, list, undici, undiciLiftoff, sdk] = await compare([
      nodeVariant('`node -e 0` (the floor)', ['-e', '0']),
      hproc('`hproc list --all --limit 10 --json`', ['list', '--all', '--limit', '10', '--json'], emu),
      script('minimal undici script, one request (`bench/undici-list.mjs`)', 'undici-list.mjs', [], emu),
      script('the same with `node --liftoff-only`', 'undici-list.mjs', [], emu, { nodeArgs: ['--liftoff-only'] }),
      script('official SDK script, one page (`bench/sdk-list.mjs 10`)', 'sdk-list.mjs', ['10'], emu),
    ]);
    const vsFloor = list.median / floor.median;
    const sdkRatio = sdk.median / list.median;
    const rows = [
      row(floor, floor),
      row(list, floor, verdict(vsFloor <= 5, '≤ 5× the floor')),
      row(undici, floor),
      row(undiciLiftoff, floor),
      row(sdk, floor, verdict(sdkRatio >= 3, `hproc ≥ 3× faster (it is ${fmtX(sdkRatio)})`)),
    ];
    return {
      title: 'One page (10 processes), emulator without latency',
      text: table(TIMING_HEADER, rows),
      notes: [
        `The two undici rows show Node 20's exit stall after an undici request (${fmtMs(undici.median - undiciLiftoff.median)} here); hproc sets \`--liftoff-only\` with \`v8.setFlagsFromString\` before it loads undici, so it does not pay it.`,
      ],
    };
  });
}

async function scale() {
  return withEmulator({ processes: 5000, latency: 25 }, async (emu) => {
    const args = ['list', '--all', '--limit', '1000', '--json'];
    const [partitioned, single, sdk] = await compare(
      [
        hproc('`hproc list --all --limit 1000 --json`', args, emu),
        hproc('the same, one cursor paged sequentially (`--paging single`)', [...args, '--paging', 'single'], emu),
        script('official SDK script paging with `before` (`bench/sdk-list.mjs 1000`)', 'sdk-list.mjs', ['1000'], emu),
      ],
      { runs: SLOW_RUNS, warmup: 1 },
    );
    const speedup = single.median / partitioned.median;
    const sdkRatio = sdk.median / partitioned.median;
    const same = partitioned.digest === single.digest;
    return {
      title: 'Listing at scale: 1,000 of 5,000 processes, 25 ms latency per request',
      text: table(TIMING_HEADER, [
        row(partitioned, partitioned),
        row(single, partitioned, verdict(speedup >= 5, `partitioned ≥ 5× faster (it is ${fmtX(speedup)})`)),
        row(sdk, partitioned, verdict(sdkRatio > 1, `hproc faster (${fmtX(sdkRatio)})`)),
      ]),
      notes: [
        `Both hproc listings printed ${same ? 'byte-identical output' : '**different output**'} (${partitioned.bytes} bytes).`,
      ],
    };
  });
}

/** Bytes of every file under `dir`, as installed (apparent sizes). */
async function treeBytes(dir) {
  const { stat } = await import('node:fs/promises');
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath ?? entry.path, entry.name))).size;
  }
  return total;
}

// What a user's `npm install -g` costs: the packed tarball into an empty prefix, from npm's cache.
async function install() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hproc-bench-install-'));
  try {
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
    if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
    const tarball = path.join(dir, JSON.parse(packed.stdout)[0].filename);
    const times = [];
    let prefix = '';
    for (let i = 0; i < SLOW_RUNS + 1; i += 1) {
      prefix = path.join(dir, `prefix-${i}`);
      const started = performance.now();
      const done = spawnSync('npm', ['install', '-g', '--prefix', prefix, tarball, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, encoding: 'utf8' });
      if (done.status !== 0) throw new Error(`npm install -g failed: ${done.stderr}`);
      // The first run warms npm's cache and is not counted.
      if (i > 0) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    const installed = await treeBytes(prefix);
    const modules = await readdir(path.join(prefix, 'lib', 'node_modules', 'hproc'));
    const man = spawnSync('find', [prefix, '-path', '*/share/man/man1/hproc.1'], { encoding: 'utf8' }).stdout.trim() !== '';
    const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
    return {
      title: '`npm install -g` of the packed tarball into an empty prefix',
      text: table(['what', 'before (0.1.0 with 6 dependencies)', 'now', 'target'], [
        ['installed size (bytes of files)', '15.9 MB (11.6 MB of it in node_modules: 12 packages); 20.0 MB on disk', mb(installed), verdict(!modules.includes('node_modules'), 'no node_modules under hproc')],
        ['install time (median, warm npm cache)', '1.27 s', fmtMs(median), ''],
        ['man page linked (`share/man/man1/hproc.1`)', 'no (`man` was a string)', man ? 'yes' : '**no**', verdict(man, '`man -w hproc` finds it')],
      ]),
      notes: [`${times.length} installs after one warm-up; the "before" column was measured the same way on the package as it was, with its dependencies fetched from npm's cache.`],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// summary needs every live process, every failed one up to --failed-limit and 34 counts; it must
// still cost about what one long listing does.
async function summaryAtScale() {
  return withEmulator({ processes: 5000, latency: 150 }, async (emu) => {
    const [list, summary] = await compare(
      [
        hproc('`hproc list --all --limit 1000 --json`', ['list', '--all', '--limit', '1000', '--json'], emu),
        hproc('`hproc summary --json`', ['summary', '--json'], emu),
      ],
      { runs: SLOW_RUNS, warmup: 1 },
    );
    const ratio = summary.median / list.median;
    return {
      title: 'summary at scale: 5,000 processes, 150 ms latency per request',
      text: table(TIMING_HEADER, [row(list, list), row(summary, list, verdict(ratio <= 1.5, `summary within 1.5× of the listing (it is ${fmtX(ratio)})`))]),
      notes: ['Before partitioning its listings by region, summary took 8.1 s here (282 requests) against 1.3 s for the listing.'],
    };
  });
}

/**
 * A proxy in front of `target` that holds every request for `latencyMs` and records when each
 * arrived and when its answer was complete, so the bench can see which calls overlapped.
 */
async function recordingProxy(target, latencyMs) {
  const { createServer, request, Agent } = await import('node:http');
  const agent = new Agent({ keepAlive: true });
  const log = [];
  const server = createServer((req, res) => {
    const entry = { path: new URL(req.url ?? '/', target).pathname, start: performance.now(), end: Number.NaN };
    log.push(entry);
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        const upstream = request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers, agent }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', () => (entry.end = performance.now()));
        });
        upstream.on('error', () => res.destroy());
        upstream.end();
      }, latencyMs);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    token: undefined,
    log,
    close: () => new Promise((resolve) => {
      agent.destroy();
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

async function show() {
  const latency = 100;
  return withEmulator({}, async (emu) => {
    const proxy = await recordingProxy(emu.url, latency);
    try {
      const via = { ...emu, url: proxy.url };
      const runs = QUICK ? 3 : 7;
      const samples = [];
      for (let i = 0; i < runs + 1; i += 1) {
        proxy.log.length = 0;
        const whole = await runOnce(hproc('show', ['show', RUNNING_PROCESS, '--app', BIG_APP], via));
        const calls = [...proxy.log];
        const first = Math.min(...calls.map((c) => c.start));
        const last = Math.max(...calls.map((c) => c.end));
        const slowest = Math.max(...calls.map((c) => c.end - c.start));
        if (i > 0) samples.push({ whole: whole.ms, wall: last - first, slowest, calls });
      }
      const [one] = await compare([hproc('one request: `hproc list --all --limit 10 --json`', ['list', '--all', '--limit', '10', '--json'], via)], { runs, warmup: 1 });
      const wall = median(samples.map((s) => s.wall));
      const slowest = median(samples.map((s) => s.slowest));
      const whole = median(samples.map((s) => s.whole));
      const ratio = wall / slowest;
      const calls = samples[samples.length - 1].calls;
      return {
        title: `\`hproc show\`: its requests overlap (${latency} ms added to every request)`,
        text: table(
          ['measure (median of ' + runs + ' runs)', 'value', 'target'],
          [
            ['requests per show', String(calls.length), ''],
            ['slowest single request (arrival to last byte, at the proxy)', fmtMs(slowest), ''],
            ['all of show\'s requests, first arrival to last byte', fmtMs(wall), verdict(ratio <= 1.2, `≤ 1.2× the slowest request (it is ${fmtX(ratio)})`)],
            ['`hproc show <running process> --app <app>`, whole process', fmtMs(whole), ''],
            ['one request, whole process: `hproc list --all --limit 10 --json`', fmtMs(one.median), `show is ${fmtX(whole / one.median)} of it`],
          ],
        ),
        notes: [
          `A recording proxy in the bench holds each request ${latency} ms before passing it to the emulator. The requests of the last run: ${calls.map((c) => `\`${c.path.replace(/\/[0-9a-f-]{36}|\/app-[0-9a-f-]{36}|\/dep-[0-9a-f-]{36}/g, '/…')}\` at +${(c.start - calls[0].start).toFixed(0)} ms`).join(', ')}.`,
        ],
      };
    } finally {
      await proxy.close();
    }
  });
}

async function bigList() {
  return withEmulator({ processes: 10000 }, async (emu) => {
    const rss = { nodeArgs: ['--import', path.join(ROOT, 'bench', 'rss-probe.mjs')] };
    const [json, tableOut] = await compare(
      [
        hproc('`hproc list --all --limit 10000 --json`', ['list', '--all', '--limit', '10000', '--json'], emu, rss),
        hproc('`hproc list --all --limit 10000` (table, piped)', ['list', '--all', '--limit', '10000'], emu, rss),
      ],
      { runs: SLOW_RUNS, warmup: 1 },
    );
    const mib = (kib) => kib / 1024;
    const memRow = (s) => [s.variant.label, fmtMs(s.median), fmtRange(s), `${mib(s.maxRssKiB).toFixed(1)} MiB`, verdict(mib(s.maxRssKiB) < 128, '< 128 MiB peak RSS')];
    return {
      title: 'Listing 10,000 processes (no latency): time and peak memory',
      text: table(['command', 'median', 'min – max', 'peak RSS (max of runs)', 'target'], [memRow(json), memRow(tableOut)]),
      notes: ['Peak RSS is `process.resourceUsage().maxRSS`, reported at exit by `bench/rss-probe.mjs` (preloaded with `--import`).'],
    };
  });
}

async function render() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hproc-bench-'));
  try {
    const { build } = await import('esbuild');
    const probe = path.join(dir, 'render-probe.mjs');
    await build({
      entryPoints: [path.join(ROOT, 'bench', 'render-probe.ts')],
      outfile: probe,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
    });
    // Several processes, alternating sizes and formats; in each, a warm-up and then several timed
    // calls (see render-probe.ts). Rendering is deterministic work: whatever else runs on the
    // machine can only add to a call's time, so each process reports its fastest call, and the
    // table shows the median of those over processes.
    const runs = QUICK ? 3 : 9;
    const calls = QUICK ? 3 : 7;
    const samples = new Map();
    const cases = [];
    for (const format of ['table', 'wide', 'json']) for (const n of [1000, 10000]) cases.push({ format, n });
    for (let round = 0; round < runs; round += 1) {
      for (const c of round % 2 === 0 ? cases : [...cases].reverse()) {
        const result = await runOnce(nodeVariant(`${c.format} ${c.n}`, ['--expose-gc', probe, String(c.n), c.format, path.join(ROOT, 'tests', 'fixtures', 'process-v3.json'), String(calls)], {}, { keepStdout: true }));
        const { min } = JSON.parse(result.stdout);
        const key = `${c.format}/${c.n}`;
        if (!samples.has(key)) samples.set(key, []);
        samples.get(key).push(min);
      }
    }
    const rows = [];
    const range = (values) => `${fmtMs(Math.min(...values))} – ${fmtMs(Math.max(...values))}`;
    for (const format of ['table', 'wide', 'json']) {
      const smallRuns = samples.get(`${format}/1000`);
      const bigRuns = samples.get(`${format}/10000`);
      const small = median(smallRuns);
      const big = median(bigRuns);
      const growth = big / small;
      rows.push([
        `\`${format}\`${format === 'json' ? '' : ' (piped)'}`,
        `${fmtMs(small)} (${range(smallRuns)})`,
        `${fmtMs(big)} (${range(bigRuns)})`,
        fmtX(growth),
        `${verdict(growth <= 12, '10× rows ≤ 12× time')}; ${verdict(big < 500, '10,000 rows < 0.5 s')}`,
      ]);
    }
    return {
      title: 'Rendering 1,000 and 10,000 processes (in-process, renderer only)',
      text: table(['format', '1,000 rows: median (range)', '10,000 rows: median (range)', 'growth', 'targets'], rows),
      notes: [
        `Each number is over ${runs} fresh processes (\`bench/render-probe.ts\`, bundled with esbuild), sizes and formats alternating: v3 processes decoded with the real schema, untimed calls of \`streamProcessList\` (what \`hproc list\` renders with) until 20,000 rows were rendered, then ${calls} timed calls, each making every piece of the output and dropping it, each after a full garbage collection; a process reports its fastest call, and each cell is the median (and range) of those over processes. Tables are hproc's own padEnd layout; cli-table3 is not used for lists.`,
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function bundleChecks() {
  const chunks = path.join(SNAPSHOT, 'dist', 'chunks');
  const files = await readdir(chunks);
  // esbuild's `// node_modules/<package>/` comments are relative to where it ran: a node_modules that
  // is a symbolic link shows as the path it points to.
  const bundled = (name) => new RegExp(`^// (?:\\S*/)?node_modules/${name}/`, 'm');
  const heavy = { zod: bundled('zod'), undici: bundled('undici'), 'cli-table3': bundled('cli-table3') };
  const contents = new Map(await Promise.all(files.map(async (f) => [f, await readFile(path.join(chunks, f), 'utf8')])));
  const locales = [...contents.values()].flatMap((text) => [...text.matchAll(/^\/\/ (?:\S*\/)?node_modules\/zod\/v4\/locales\/(\S+)/gm)].map((m) => m[1]));
  const loads = async (args) => {
    const result = await runOnce(nodeVariant(args.join(' '), ['--import', path.join(ROOT, 'tests', 'perf', 'record-loads.mjs'), HPROC, ...args]));
    return [...result.stderr.matchAll(/^hproc-load (\S+)/gm)].map((m) => m[1]).filter((u) => u.includes('/dist/'));
  };
  const lines = [];
  for (const args of [['--version'], ['--help'], ['list', '--help']]) {
    const loaded = await loads(args);
    const found = Object.entries(heavy)
      .filter(([, marker]) => loaded.some((url) => marker.test(contents.get(path.basename(url)) ?? '')))
      .map(([name]) => name);
    lines.push(`- \`hproc ${args.join(' ')}\` loads ${loaded.length} bundle files, ${found.length === 0 ? 'none of zod, undici or cli-table3 (met)' : `**${found.join(', ')}**`}.`);
  }
  lines.push(`- zod locale files in the bundle: ${locales.length} (${locales.join(', ') || 'none'}); the other 63 are tree-shaken away.`);
  return { title: 'What start-up loads (deterministic)', text: lines.join('\n') };
}

/** A bench-local API that serves one stopped process and a log of `megabytes` MB for its download. */
async function logServer(megabytes) {
  const { createServer } = await import('node:http');
  const fixture = JSON.parse(await readFile(path.join(ROOT, 'tests', 'fixtures', 'process-v3.json'), 'utf8'));
  const stopped = { ...fixture, status: 'stopped', stoppingAt: fixture.startedAt, terminatedAt: fixture.startedAt };
  const line = Buffer.from('2026-11-01T00:00:00.000Z [match 7f3a] tick 1234567: 16 players, 3 rooms, frame 16.6 ms, ok\n');
  const chunk = Buffer.concat(Array.from({ length: Math.floor((256 * 1024) / line.length) }, () => line));
  const total = megabytes * 1024 * 1024;
  const server = createServer((req, res) => {
    req.resume();
    if (req.url?.endsWith('/download')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      let sent = 0;
      const pump = () => {
        while (sent < total) {
          const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
          sent += piece.length;
          if (!res.write(piece)) return res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (req.url?.includes('/processes/')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(stopped));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"not found"}');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, process: stopped, total, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

async function logsRaw() {
  // The same size in a quick run: a smaller download would be mostly start-up, and read as slow.
  const megabytes = 100;
  const api = await logServer(megabytes);
  try {
    const env = { HATHORA_CLOUD_ENDPOINT: api.url, HATHORA_TOKEN: 'bench-token' };
    const [raw, plain, curl] = await compare(
      [
        hproc(`\`hproc logs <id> --raw\` (${megabytes} MB download)`, ['logs', api.process.processId, '--app', api.process.appId, '--raw'], undefined, { env: { ...BASE_ENV, ...env }, hash: false }),
        hproc(`\`hproc logs <id>\` (sanitised lines)`, ['logs', api.process.processId, '--app', api.process.appId], undefined, { env: { ...BASE_ENV, ...env }, hash: false }),
        { label: '`curl -s` of the same download', cmd: 'curl', args: ['-s', '-H', 'Authorization: Bearer bench-token', `${api.url}/logs/v1/${api.process.appId}/process/${api.process.processId}/download`], env: BASE_ENV, hash: false },
      ],
      { runs: SLOW_RUNS, warmup: 1 },
    );
    const rate = (s) => api.total / 1e6 / (s.median / 1000);
    const rateRow = (s, target) => [s.variant.label, fmtMs(s.median), fmtRange(s), `${rate(s).toFixed(0)} MB/s`, target ?? ''];
    const complete = raw.bytes === api.total;
    return {
      title: '`hproc logs --raw` throughput to a pipe',
      text: table(['command', 'median', 'min – max', 'throughput (whole process)', 'target'], [
        rateRow(raw, verdict(rate(raw) >= 50 && complete, '≥ 50 MB/s, every byte through')),
        rateRow(plain),
        rateRow(curl),
      ]),
      notes: [
        `A bench-local server answers the process lookup and streams ${megabytes} MiB of log lines for the download; the bench reads hproc's stdout through a pipe. Throughput counts the whole process, start-up included. --raw passed ${raw.bytes} of ${api.total} bytes.`,
      ],
    };
  } finally {
    await api.close();
  }
}

const SCENARIOS = { bundle: bundleChecks, startup, 'one-page': onePage, scale, summary: summaryAtScale, install, show, 'big-list': bigList, render, logs: logsRaw };

// ---------------------------------------------------------------------------------------------

function machine() {
  const cpus = os.cpus();
  return [
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}`,
    `- Node ${process.version}; load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`,
    `- \`NODE_EXTRA_CA_CERTS\` and \`NODE_OPTIONS\` unset in every measured run (this machine sets NODE_EXTRA_CA_CERTS, which adds ~78 ms to each Node 20 start); \`NO_COLOR=1\`.`,
    `- ${QUICK ? 'Quick run' : 'Full run'}: ${RUNS} runs per variant for start-up comparisons, ${SLOW_RUNS} for the slow listings, after a warm-up; variants alternate run by run.`,
  ].join('\n');
}

const sections = [];
const header = machine();
console.log(header);
for (const [id, scenario] of Object.entries(SCENARIOS)) {
  if (ONLY !== null && !ONLY.has(id)) continue;
  process.stderr.write(`bench: ${id}…\n`);
  const result = await scenario();
  const section = [`## ${result.title}`, '', result.text, ...(result.notes ?? []).flatMap((n) => ['', n])].join('\n');
  console.log(`\n${section}`);
  sections.push(section);
}
await rm(SNAPSHOT, { recursive: true, force: true });
if (WRITE && ONLY === null) {
  const doc = [
    '# hproc benchmark results',
    '',
    'Written by `npm run bench` (`bench/run.mjs`); every ratio compares runs interleaved in the same session.',
    '',
    header,
    `- Load average at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`,
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n');
  await writeFile(path.join(ROOT, 'bench', 'results.md'), doc);
  process.stderr.write('bench: wrote bench/results.md\n');
}

// Catalogue cases 74-83 (docs/bad-input-catalogue.md): durations and numbers in range, retries that
// survive concurrency and time, one memory budget for the run, and the smaller edges of answers
// (a stop whose answer is unreadable, compressed bodies, a 410's message). The built binary runs
// against the fault-injecting emulator or a small server that answers in exactly the wrong way.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { BIG_APP_ID, RUNNING_PROCESS_ID } from '../../src/emulator/data.js';
import { BIN, runBinary, type CliResult } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/servers.js';

const fixtureV3 = JSON.parse(readFileSync(new URL('../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const PROCESS = fixtureV3.processId as string;
const APP = fixtureV3.appId as string;
const PROCESS_PATH = `/processes/v3/apps/${APP}/processes/${PROCESS}`;

const emulators: RunningEmulator[] = [];
const servers: TestServer[] = [];
after(async () => {
  await Promise.all([...emulators.map((e) => e.close()), ...servers.map((s) => s.close())]);
});

async function server(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const started = await startTestServer(handler);
  servers.push(started);
  return started;
}

function against(target: TestServer, argv: string[], extra: Record<string, string> = {}): Promise<CliResult> {
  return runBinary(argv, { HATHORA_CLOUD_ENDPOINT: target.url, HATHORA_TOKEN: 'tok-edges-0001', HATHORA_APP_ID: APP, ...extra });
}

function processAnswer(res: ServerResponse, status: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ...fixtureV3, status }));
}

const NO_SERVER = { HATHORA_CLOUD_ENDPOINT: 'http://127.0.0.1:9', HATHORA_TOKEN: 'tok-edges-0001', HATHORA_APP_ID: APP };

describe('durations and numbers in range', { concurrency: true }, () => {
  test('#74 a duration past what a timer holds (24 days) is a usage error, from a flag or the profile', async () => {
    const timeout = await runBinary(['list', '--timeout', '25d'], NO_SERVER);
    assert.deepEqual(timeout, { code: 2, stdout: '', stderr: "hproc: --timeout must be at most 24d, got '25d' (from flag --timeout)\n" });
    const interval = await runBinary(['list', '--watch', '--interval', '25d'], NO_SERVER);
    assert.deepEqual(interval, { code: 2, stdout: '', stderr: "hproc: --interval must be at most 24d, got '25d'\n" });
    const quiet = await runBinary(['logs', PROCESS, '-f', '--quiet-check', '9999999999d'], NO_SERVER);
    assert.deepEqual(quiet, { code: 2, stdout: '', stderr: "hproc: --quiet-check must be at most 24d, got '9999999999d'\n" });
    const home = mkdtempSync(join(tmpdir(), 'hproc-edges-'));
    try {
      mkdirSync(join(home, 'hproc'), { mode: 0o700 });
      const file = join(home, 'hproc', 'config.json');
      writeFileSync(file, JSON.stringify({ profiles: { default: { timeout: '30d' } } }), { mode: 0o600 });
      const profile = await runBinary(['list'], { ...NO_SERVER, XDG_CONFIG_HOME: home });
      assert.deepEqual(profile, { code: 2, stdout: '', stderr: `hproc: --timeout must be at most 24d, got '30d' (from profile default (${file}))\n` });
      const set = await runBinary(['config', 'set', 'timeout', '25d'], { XDG_CONFIG_HOME: home });
      assert.equal(set.code, 2, set.stderr);
      assert.match(set.stderr, /^hproc: .*at most 24d, got '25d'/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('#75 --since beyond what a date can hold is a usage error, not an internal error', async () => {
    const r = await runBinary(['metrics', RUNNING_PROCESS_ID, '--since', '100000000000d', '--step', '10000000000d'], NO_SERVER);
    assert.deepEqual(r, { code: 2, stdout: '', stderr: "hproc: --since must be at most 36500d, got '100000000000d'\n" });
  });

  test('#76 a Retry-After of centuries, in seconds or as a date: exit 7 with a sensible message, at once', async () => {
    for (const value of ['99999999999999999999', 'Fri, 01 Jan 275000 00:00:00 GMT']) {
      const target = await server((_req, res) => {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': value });
        res.end('{"message":"slow down"}');
      });
      const t0 = performance.now();
      const r = await against(target, ['show', PROCESS]);
      assert.equal(r.code, 7, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.split('\n')[0], `hproc: rate limited by ${new URL(target.url).host} (429): it asks to wait more than a year (Retry-After: ${value})`);
      assert.doesNotMatch(r.stderr, /NaN/);
      assert.ok(performance.now() - t0 < 5000, 'no wait');
    }
  });
});

describe('retries that survive concurrency and time', { concurrency: true }, () => {
  test('#77 show and summary with one 429 + Retry-After: 10 on each request wait about 10 s and succeed', { timeout: 60_000 }, async () => {
    for (const argv of [['show', RUNNING_PROCESS_ID], ['summary']]) {
      // The first requests of the run, as many as run side by side, each meet one 429.
      const emulator = await startEmulator({ faults: 'status=429;retry-after=10;first=4' });
      emulators.push(emulator);
      const t0 = performance.now();
      const r = await runBinary(argv, { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID });
      const ms = performance.now() - t0;
      assert.equal(r.code, 0, `${argv[0]}: ${r.stderr}`);
      assert.notEqual(r.stdout, '');
      assert.ok(ms >= 9_500 && ms < 25_000, `${argv[0]} took ${Math.round(ms)} ms`);
    }
  });

  test('#78 stop --wait rides out polls that fail for a while, with a warning per failure, and reports the stop', async () => {
    let gets = 0;
    const target = await server((req, res) => {
      if (req.method === 'POST') {
        res.writeHead(204);
        return res.end();
      }
      gets += 1;
      // The first two reads (before and after the stop) answer; then three polls fail (507: a
      // server error the client does not retry itself, so each is one failed poll); then the
      // process has stopped.
      if (gets <= 2) return processAnswer(res, gets === 1 ? 'running' : 'stopping');
      if (gets <= 5) {
        res.writeHead(507, { 'content-type': 'application/json' });
        return res.end('{"message":"busy"}');
      }
      processAnswer(res, 'stopped');
    });
    const r = await against(target, ['stop', PROCESS, '--yes', '--wait', '--timeout', '20s']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /stopped/);
    const warnings = r.stderr.split('\n').filter((line) => line !== '');
    assert.equal(warnings.length, 3, r.stderr);
    for (const line of warnings) {
      assert.match(line, new RegExp(`^hproc: warning: checking process ${PROCESS} failed: HTTP 507 from 127\\.0\\.0\\.1:\\d+: busy; checking again in \\d+m?s$`));
    }
    assert.equal(gets, 6);
  });

  test('#78 list --watch survives a failing first poll; #79 it ends on a persistent failure (5 in a row over --timeout)', { timeout: 60_000 }, async () => {
    // Six 503s: one poll's request with all its retries; the watch goes on and the next poll answers.
    const emulator = await startEmulator({ faults: 'status=503x6@/processes/v3' });
    emulators.push(emulator);
    const child = spawn(process.execPath, [BIN, 'list', '--watch', '--interval', '250ms'], {
      env: { PATH: process.env.PATH, HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 40_000;
    while (!stdout.includes('"type":"ADDED"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    assert.equal(await closed, 130, stderr);
    assert.match(stdout, /^\{"type":"ADDED"/);
    assert.match(stderr, /^hproc: refresh failed: HTTP 503 from 127\.0\.0\.1:\d+(: .*)?; retrying\n/);

    const down = await startEmulator({ faults: 'status=503@/processes/v3' });
    emulators.push(down);
    const t0 = performance.now();
    const r = await runBinary(['list', '--watch', '--interval', '250ms', '--timeout', '1s'], {
      HATHORA_CLOUD_ENDPOINT: down.url,
      HATHORA_TOKEN: down.token,
      HATHORA_APP_ID: BIG_APP_ID,
    });
    assert.equal(r.code, 6, r.stderr);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.equal(lines.filter((line) => /^hproc: refresh failed: /.test(line)).length, 4, r.stderr);
    assert.match(lines[lines.length - 1] ?? '', /^hproc: HTTP 503 from /);
    assert.ok(performance.now() - t0 >= 1000, 'at least --timeout of failures');
  });
});

describe('memory bounded by one budget for the run', () => {
  test('#80 hostile pages of thousands of processes: exit 1 naming the budget, nothing on stdout', { timeout: 60_000 }, async () => {
    let serial = 0;
    let at = Date.parse('2026-11-01T00:00:00.000Z');
    const target = await server((req, res) => {
      if (!(req.url ?? '').includes('/processes/latest')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end('{"message":"not here"}');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      const items: string[] = [];
      for (let i = 0; i < 5000; i += 1) {
        serial += 1;
        at -= 1;
        items.push(JSON.stringify({ ...fixtureV3, processId: `5a8c1e02-7d3b-4f96-a0e4-${serial.toString(16).padStart(12, '0')}`, createdAt: new Date(at).toISOString() }));
      }
      res.end(`[${items.join(',')}]`);
    });
    const r = await against(target, ['list', '--limit', '100000', '--json', '--timeout', '1m']);
    assert.deepEqual(r, {
      code: 1,
      stdout: '',
      stderr:
        "hproc: the API's answers passed hproc's memory budget of 48 MiB for one run\n" +
        "hint: list fewer processes (--limit) or narrow the listing (--status, --region); a server whose pages hold far more than the API's 10 processes is misbehaving\n",
    });
  });
});

describe('smaller edges of answers', { concurrency: true }, () => {
  test('#81 a stop answered 200 with a body that is not JSON: accepted, with a warning that the answer was unreadable', async () => {
    let gets = 0;
    const target = await server((req, res) => {
      if (req.method === 'POST') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('<html>ok</html>');
      }
      gets += 1;
      processAnswer(res, gets === 1 ? 'running' : 'stopping');
    });
    const r = await against(target, ['stop', PROCESS, '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stderr,
      `hproc: warning: the stop of process ${PROCESS} was accepted, but its answer could not be read (invalid JSON in response from POST ${PROCESS_PATH}/stop at byte 0)\n`,
    );
    assert.match(r.stdout, /stopping/);
  });

  test('#82 a gzip or br body is named as such, not reported as broken JSON', async () => {
    const gzip = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify(fixtureV3)));
    });
    const zipped = await against(gzip, ['show', PROCESS, '--json']);
    assert.equal(zipped.code, 1);
    assert.equal(zipped.stdout, '');
    assert.match(zipped.stderr, new RegExp(`^hproc: expected JSON from GET ${PROCESS_PATH}, got a gzip-compressed body \\(\\d+ bytes\\), which hproc did not ask for\\nhint: a proxy between hproc and the API may be compressing answers\\n$`));
    const brotli = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
      res.end(Buffer.from([0x8b, 0x02, 0x80, 0x7b, 0x7d, 0x03]));
    });
    const br = await against(brotli, ['show', PROCESS, '--json']);
    assert.equal(br.code, 1);
    assert.match(br.stderr, /^hproc: expected JSON from GET \S+, got a br-compressed body \(6 bytes\), which hproc did not ask for\n/);
  });

  test("#83 a 410's message adds to hproc's own text instead of replacing it", async () => {
    const target = await server((req, res) => {
      if ((req.url ?? '').startsWith('/processes/')) return processAnswer(res, 'stopped');
      res.writeHead(410, { 'content-type': 'application/json' });
      res.end('{"message":"past retention"}');
    });
    const r = await against(target, ['logs', PROCESS]);
    assert.deepEqual({ code: r.code, stdout: r.stdout }, { code: 3, stdout: '' });
    const [message, hint, rest] = r.stderr.split('\n');
    assert.equal(message, `hproc: logs for process ${PROCESS} are no longer available (410): past retention`);
    // This server answers 410 to the organisations list too, so the retention cannot be read.
    assert.match(hint ?? '', /^hint: Hathora keeps process logs for the organisation's retention period \(72 hours unless it sets another\); hproc could not read it: .*past retention$/);
    assert.equal(rest, '');
  });
});

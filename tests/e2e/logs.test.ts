// `hproc logs` as a user runs it: the built binary against the emulator, and against tiny servers
// that misbehave on purpose (a dropped stream, hostile bytes).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import {
  DRAINING_PROCESS_ID,
  EXPIRED_PROCESS_ID,
  RUNNING_PROCESS_ID,
  SECOND_APP_ID,
  SECOND_APP_RUNNING_PROCESS_ID,
  STOPPED_PROCESS_ID,
} from '../../src/emulator/data.js';
import { BIN, runBinary } from '../helpers/cli.js';
import { startTestServer } from '../helpers/servers.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const PROCESS = '5a8c1e02-7d3b-4f96-a0e4-3c9b2d17f8a1';
const processV3 = JSON.parse(readFileSync(new URL('../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** A running hproc whose output can be read while it runs. */
interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function start(argv: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [BIN, ...argv], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor(predicate: () => boolean, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.ok(predicate(), `timed out waiting for ${what}`);
}

async function emulatorText(emulator: RunningEmulator, path: string, method = 'GET'): Promise<string> {
  const response = await fetch(`${emulator.url}${path}`, { method, headers: { authorization: `Bearer ${emulator.token}` } });
  return response.text();
}

function lineCount(text: string): number {
  return text.split('\n').length - 1;
}

describe('hproc logs against a quiet emulator', () => {
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({ logIntervalMs: 3_600_000, stopDelayMs: 200 });
    env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
  });
  after(async () => {
    await emulator.close();
  });

  test('--tail n prints exactly the last n lines the API sends', async () => {
    const r = await runBinary(['logs', RUNNING_PROCESS_ID, '--tail', '3'], env);
    const expected = await emulatorText(emulator, `/logs/v1/${APP}/process/${RUNNING_PROCESS_ID}?tailLines=3`);
    assert.equal(lineCount(expected), 3);
    assert.deepEqual(r, { code: 0, stdout: expected, stderr: '' });
  });

  test('a stopped process shows its whole log, from the download endpoint', async () => {
    const r = await runBinary(['logs', STOPPED_PROCESS_ID], env);
    const download = await emulatorText(emulator, `/logs/v1/${APP}/process/${STOPPED_PROCESS_ID}/download`);
    assert.ok(lineCount(download) > 100, 'more than the default tail of 100');
    assert.deepEqual(r, { code: 0, stdout: download, stderr: '' });
  });

  test('logs that are gone (410) exit 3', async () => {
    const r = await runBinary(['logs', EXPIRED_PROCESS_ID], env);
    assert.deepEqual(r, {
      code: 3,
      stdout: '',
      stderr: `hproc: logs for process ${EXPIRED_PROCESS_ID} are no longer available (410): Logs for process ${EXPIRED_PROCESS_ID} have expired\nhint: this organisation keeps process logs for 72 hours\n`,
    });
  });

  test('a quiet followed stream stays open, and ends (exit 0) once a quiet check finds the process stopped', async () => {
    const running = start(['logs', RUNNING_PROCESS_ID, '-f', '--tail', '2', '--quiet-check', '300ms'], env);
    await waitFor(() => lineCount(running.stdout()) === 2, 'the tail');
    // Several quiet checks pass while nothing is written.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(running.child.exitCode, null, 'still following');
    await emulatorText(emulator, `/processes/v3/apps/${APP}/processes/${RUNNING_PROCESS_ID}/stop`, 'POST');
    const code = await running.exited;
    assert.equal(code, 0);
    assert.equal(running.stderr(), '');
    assert.equal(lineCount(running.stdout()), 2, 'the emulator writes no new line: it is quiet');
  });

  test('Ctrl-C while following exits 130', async () => {
    const running = start(['logs', SECOND_APP_RUNNING_PROCESS_ID, '--app', SECOND_APP_ID, '-f', '--tail', '1'], env);
    await waitFor(() => lineCount(running.stdout()) === 1, 'the first line');
    running.child.kill('SIGINT');
    assert.equal(await running.exited, 130);
    assert.equal(running.stderr(), 'hproc: interrupted\n');
  });
});

describe('hproc logs against a lively emulator', () => {
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({ logIntervalMs: 100, stopDelayMs: 300 });
    env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
  });
  after(async () => {
    await emulator.close();
  });

  test('--follow prints new lines as they are written and exits 0 when the process stops', async () => {
    const running = start(['logs', RUNNING_PROCESS_ID, '-f', '--tail', '1'], env);
    await waitFor(() => lineCount(running.stdout()) >= 4, 'new lines');
    await emulatorText(emulator, `/processes/v3/apps/${APP}/processes/${RUNNING_PROCESS_ID}/stop`, 'POST');
    assert.equal(await running.exited, 0);
    assert.equal(running.stderr(), '');
    const lines = running.stdout().trimEnd().split('\n');
    assert.match(lines.at(-1) ?? '', / INFO {2}shutdown complete, exiting with code 0$/);
    assert.ok(lines.some((line) => /received SIGTERM/.test(line)));
    assert.equal(new Set(lines).size, lines.length, 'no line twice');
    // The whole followed log is the end of the process's full log.
    const download = await emulatorText(emulator, `/logs/v1/${APP}/process/${RUNNING_PROCESS_ID}/download`);
    assert.ok(download.endsWith(running.stdout()));
  });

  test('| head -3 exits 0 at once, with nothing on stderr', async () => {
    const child = spawn('bash', ['-c', `node "${BIN}" logs ${DRAINING_PROCESS_ID} -f --tail 2 | head -3; exit \${PIPESTATUS[0]}`], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let thirdLineAt = 0;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (thirdLineAt === 0 && lineCount(stdout) >= 3) thirdLineAt = Date.now();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.equal(lineCount(stdout), 3);
    assert.equal(stderr, '');
    // Once head has its lines, the next log line (every 100 ms) meets the closed pipe and hproc
    // ends; generous for a busy machine, where without the EPIPE handling it would never end.
    assert.ok(Date.now() - thirdLineAt < 5000, `ended ${Date.now() - thirdLineAt} ms after the third line`);
  });
});

describe('hproc logs against servers that misbehave', () => {
  function processAnswer(res: ServerResponse, status: string): void {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...processV3, appId: APP, processId: PROCESS, status }));
  }

  test('a dropped stream is reopened with a marker on stderr, repeated lines are skipped, and it ends when the process stops', async () => {
    let logRequests = 0;
    let status = 'running';
    const server = await startTestServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === `/processes/v3/apps/${APP}/processes/${PROCESS}`) return processAnswer(res, status);
      if (url.pathname !== `/logs/v1/${APP}/process/${PROCESS}`) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end('{"message":"no"}');
      }
      logRequests += 1;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      if (logRequests === 1) {
        // Two lines and a half, then the connection dies.
        res.write('line 1\nline 2\nline 3 is cut', () => setTimeout(() => res.destroy(), 100));
      } else {
        // The API has no cursor: the reconnect repeats the tail, then brings a new line and ends.
        status = 'stopped';
        res.end('line 1\nline 2\nline 3 is complete\nline 4\n');
      }
    });
    try {
      const r = await runBinary(['logs', PROCESS, '--app', APP, '-f'], { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' });
      assert.deepEqual(r, {
        code: 0,
        stdout: 'line 1\nline 2\nline 3 is cut\nline 3 is complete\nline 4\n',
        stderr: 'hproc: reconnected: lines may be missing or repeated\n',
      });
      const logUrls = server.requests.filter((q) => q.url.startsWith('/logs/')).map((q) => q.url);
      assert.deepEqual(logUrls, [`/logs/v1/${APP}/process/${PROCESS}?follow=true&tailLines=100`, `/logs/v1/${APP}/process/${PROCESS}?follow=true&tailLines=200`]);
    } finally {
      await server.close();
    }
  });

  test('a stream that drops as the process stops ends with exit 0 and a warning that lines may be missing', async () => {
    let statusCalls = 0;
    const server = await startTestServer((req, res) => {
      if ((req.url ?? '').startsWith('/processes/')) return processAnswer(res, ++statusCalls === 1 ? 'running' : 'stopped');
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write('last words\n', () => setTimeout(() => res.destroy(), 50));
    });
    try {
      const r = await runBinary(['logs', PROCESS, '--app', APP, '-f'], { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' });
      assert.deepEqual(r, {
        code: 0,
        stdout: 'last words\n',
        stderr: `hproc: the log stream dropped as process ${PROCESS} stopped: its last lines may be missing (hproc logs ${PROCESS} --download has them all)\n`,
      });
    } finally {
      await server.close();
    }
  });

  test('a tail cut off mid-stream: everything received is printed, then exit 5 saying so', async () => {
    const server = await startTestServer((req, res) => {
      if ((req.url ?? '').startsWith('/processes/')) return processAnswer(res, 'running');
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      // Destroyed only once every byte has left the process: what was sent must all arrive.
      res.write(`${'x'.repeat(99)}\n`.repeat(20_000) + 'half a li', () => setTimeout(() => res.destroy(), 50));
    });
    try {
      const r = await runBinary(['logs', PROCESS, '--app', APP, '--tail', '5000'], { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' });
      assert.equal(r.code, 5);
      assert.equal(r.stdout, `${'x'.repeat(99)}\n`.repeat(20_000) + 'half a li\n');
      assert.match(r.stderr, new RegExp(`^hproc: the log of process ${PROCESS} was cut off: .+\n`));
    } finally {
      await server.close();
    }
  });

  test('--follow gives up with exit 5 when it cannot reconnect within --timeout', async () => {
    let logRequests = 0;
    const server = await startTestServer((req, res) => {
      if ((req.url ?? '').startsWith('/processes/')) return processAnswer(res, 'running');
      logRequests += 1;
      if (logRequests > 1) return res.destroy();
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write('only line\n', () => setTimeout(() => res.destroy(), 50));
    });
    try {
      const r = await runBinary(['logs', PROCESS, '--app', APP, '-f', '--timeout', '1s'], { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' });
      assert.equal(r.code, 5, r.stderr);
      assert.equal(r.stdout, 'only line\n');
      // Every failed reconnect is a warning (a person and a script both learn of it); the end comes
      // after at least five failures in a row over at least --timeout.
      const lines = r.stderr.trimEnd().split('\n');
      const warnings = lines.slice(0, -2);
      assert.ok(warnings.length >= 3, r.stderr);
      for (const line of warnings) assert.match(line, new RegExp(`^hproc: warning: reconnecting to the log stream of process ${PROCESS} failed: .+; trying again in \\d+m?s$`));
      assert.match(lines.slice(-2).join('\n'), new RegExp(`^hproc: lost the log stream of process ${PROCESS} and could not reconnect in \\d+s( \\d+ms)? \\(\\d+ attempts\\): .+\nhint: the process is still running; run the command again, or raise --timeout$`));
      assert.ok(logRequests >= 6, 'it tried five times after the first stream dropped');
    } finally {
      await server.close();
    }
  });

  test('a server that does not follow: old lines are not repeated, reconnects slow down, then exit 5', async () => {
    let logRequests = 0;
    const server = await startTestServer((req, res) => {
      if ((req.url ?? '').startsWith('/processes/')) return processAnswer(res, 'running');
      logRequests += 1;
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end('one\ntwo\nthree\n');
    });
    try {
      const r = await runBinary(['logs', PROCESS, '--app', APP, '-f', '--timeout', '2s'], { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' });
      assert.equal(r.code, 5, r.stderr);
      assert.equal(r.stdout, 'one\ntwo\nthree\n');
      const markers = r.stderr.split('\n').filter((line) => line === 'hproc: reconnected: lines may be missing or repeated').length;
      assert.equal(markers, logRequests - 1);
      // Backoff doubles from about 0.25 s: a handful of attempts in 2 s, not a busy loop.
      assert.ok(logRequests >= 2 && logRequests <= 7, `${logRequests} requests`);
      assert.match(r.stderr, /\nhproc: lost the log stream of process .+ and could not reconnect in \d+s( \d+ms)? \(\d+ attempts\): .+\n/);
    } finally {
      await server.close();
    }
  });

  test('sanitised by default, bytes untouched with --raw', async () => {
    const body = Buffer.concat([Buffer.from('ok \u001b[31mred\u001b[0m\n\u001b]0;pwned\u0007title \u009b2J\u202eevil\r\nbad '), Buffer.from([0xff, 0x0a])]);
    const server = await startTestServer((req, res) => {
      if ((req.url ?? '').startsWith('/processes/')) return processAnswer(res, 'running');
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(body);
    });
    try {
      const env = { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' };
      const sanitised = await runBinary(['logs', PROCESS, '--app', APP], env);
      assert.deepEqual(sanitised, {
        code: 0,
        stdout: 'ok \\x1b[31mred\\x1b[0m\n\\x1b]0;pwned\\x07title \\u009b2J\\u202eevil\nbad \ufffd\n',
        stderr: '',
      });
      const raw = spawn(process.execPath, [BIN, 'logs', PROCESS, '--app', APP, '--raw'], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      raw.stdout.on('data', (d: Buffer) => chunks.push(d));
      assert.equal(await new Promise((resolve) => raw.on('close', resolve)), 0);
      assert.deepEqual(Buffer.concat(chunks), body);
    } finally {
      await server.close();
    }
  });
});

// The bad-input catalogue (docs/bad-input-catalogue.md) as tests: each is named after its case
// number and runs the built binary against the fault-injecting emulator or a deliberately broken
// server, asserting the exit code, the stderr line and that stdout stays empty on failure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { BIG_APP_ID, RUNNING_PROCESS_ID, SEED_PROCESS_ID } from '../../src/emulator/data.js';
import { BIN, runBinary, type CliResult } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/servers.js';

const APP = BIG_APP_ID;
const ANSI = /\u001b\[/;
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const fixtureV3 = JSON.parse(readFileSync(new URL('../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const FIXTURE_ID = fixtureV3.processId as string;
const FIXTURE_APP = fixtureV3.appId as string;
const SHOW_FIXTURE = ['show', FIXTURE_ID, '--app', FIXTURE_APP];

/** One run of the binary against an emulator with the given faults, timed. */
interface FaultRun extends CliResult {
  ms: number;
  emulator: RunningEmulator;
  requests: number;
}

const emulators: RunningEmulator[] = [];
const servers: TestServer[] = [];
after(async () => {
  await Promise.all([...emulators.map((e) => e.close()), ...servers.map((s) => s.close())]);
});

async function faulty(faults: string | undefined, argv: string[], extraEnv: Record<string, string | undefined> = {}): Promise<FaultRun> {
  // A fault that changes nothing still logs every request, so the tests can count them.
  const emulator = await startEmulator({ faults: faults ?? 'latency=0ms' });
  emulators.push(emulator);
  const env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP, ...extraEnv };
  const t0 = performance.now();
  const r = await runBinary(argv, env);
  return { ...r, ms: performance.now() - t0, emulator, requests: emulator.faultLog.length };
}

/** Answers every request with `body` (bytes as given), for payload cases the emulator cannot produce. */
async function serving(body: string | Buffer, status = 200, contentType = 'application/json'): Promise<TestServer> {
  const server = await startTestServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  servers.push(server);
  return server;
}

async function against(server: TestServer, argv: string[]): Promise<CliResult> {
  return runBinary(argv, { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 'tok-catalogue-0001', HATHORA_APP_ID: FIXTURE_APP });
}

function assertFailed(r: CliResult, code: number, stderr: RegExp): void {
  assert.equal(r.code, code, `exit ${r.code}: ${r.stderr}`);
  assert.equal(r.stdout, '', 'stdout stays empty on failure');
  assert.match(r.stderr, stderr);
  assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
}

describe('usage and credentials: no request is sent', { concurrency: true }, () => {
  test('#1 unknown subcommand or flag exits 2 with a suggestion, and sends nothing', async () => {
    const cmd = await faulty(undefined, ['lsit']);
    assert.deepEqual([cmd.code, cmd.stdout, cmd.stderr], [2, '', "hproc: unknown command 'lsit'\nhint: did you mean list?\n"]);
    const flag = await faulty(undefined, ['list', '--jsno']);
    assert.deepEqual([flag.code, flag.stdout, flag.stderr], [2, '', "hproc: unknown option '--jsno'\nhint: did you mean --json?\n"]);
    assert.equal(cmd.requests + flag.requests, 0);
  });

  test('#2 a missing required argument exits 2 naming it', async () => {
    const r = await faulty(undefined, ['show']);
    assertFailed(r, 2, /^hproc: missing required argument 'processId'\n/);
    assert.equal(r.requests, 0);
  });

  test('#3 hostile ids exit 2 before any request, echoed sanitised', async () => {
    const emulator = await startEmulator({ faults: 'latency=1ms' });
    emulators.push(emulator);
    const env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
    const ids = ['..', '', 'a/b', '%2e%2e', 'a?x=1', 'x'.repeat(300), '\u001b[2J'];
    const runs = await Promise.all([
      ...['metrics', 'rooms', 'logs', 'stop'].map((cmd) => runBinary([cmd, '../x', '--yes'], env)),
      ...ids.map((id) => runBinary(['show', id], env)),
    ]);
    for (const r of runs) {
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.ok(!RAW_CONTROL.test(r.stderr), r.stderr);
    }
    assert.match(runs.at(-1)?.stderr ?? '', /\\(x1b|u001b)\[2J/);
    assert.equal(emulator.faultLog.length, 0);
  });

  test('#4 conflicting flags exit 2 naming both', async () => {
    const r = await faulty(undefined, ['list', '--json', '-o', 'table']);
    assertFailed(r, 2, /^hproc: --json conflicts with --output table\n/);
    assert.equal(r.requests, 0);
  });

  test('#5 numeric flags out of range or malformed exit 2 with the allowed range', async () => {
    const runs = await Promise.all([
      ...['0', '1e9', '2.5'].map((n) => faulty(undefined, ['list', '--limit', n])),
      ...['5001'].map((n) => faulty(undefined, ['logs', RUNNING_PROCESS_ID, '--tail', n])),
    ]);
    for (const r of runs) {
      assertFailed(r, 2, /^hproc: --(limit|tail) must be .*\d+.*\d+/);
      assert.equal(r.requests, 0);
    }
  });

  test('#6 an unknown or malformed region exits 2 before any request, naming the known ones', async () => {
    const unknown = await faulty(undefined, ['list', '--region', 'Mars_Base']);
    assertFailed(unknown, 2, /^hproc: --region: unknown value 'Mars_Base'\nhint: known values: Seattle, /);
    assert.equal(unknown.requests, 0);
    const malformed = await faulty(undefined, ['list', '--region', '$(x)']);
    assertFailed(malformed, 2, /^hproc: --region/);
    assert.equal(malformed.requests, 0);
  });

  test('#7 no token anywhere exits 4 and sends nothing', async () => {
    const r = await faulty(undefined, ['list'], { HATHORA_TOKEN: undefined, XDG_CONFIG_HOME: tmpdir() + '/hproc-no-config', HOME: tmpdir() + '/hproc-no-home' });
    assertFailed(r, 4, /^hproc: no Hathora token\nhint: /);
    assert.equal(r.requests, 0);
  });

  test('#8 a token with a trailing newline is trimmed and works', async () => {
    const emulator = await startEmulator({ token: 'tok-trailing-newline-8' });
    emulators.push(emulator);
    const r = await runBinary(['list', '--limit', '1', '--json'], { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: 'tok-trailing-newline-8\n', HATHORA_APP_ID: APP });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 1);
  });

  test('#9 a token with a control character or space inside is refused without being echoed', async () => {
    // (A NUL cannot be passed in the environment at all.)
    for (const token of ['tok-secret\nInjected: 1', 'tok-secret with-space', 'tok-secret\u0007bell']) {
      const r = await faulty(undefined, ['list'], { HATHORA_TOKEN: token });
      assert.ok(r.code === 4 || r.code === 2, `exit ${r.code}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /token/);
      assert.ok(!r.stderr.includes('tok-secret'), r.stderr);
      assert.equal(r.requests, 0);
    }
  });

  test('#17 a plain-http endpoint that is not loopback exits 2 before any request', async () => {
    const r = await runBinary(['list', '--endpoint', 'http://evil.example'], { HATHORA_TOKEN: 'tok-17-secret', HATHORA_APP_ID: APP });
    assertFailed(r, 2, /^hproc: .*http/);
    assert.ok(!r.stderr.includes('tok-17-secret'));
  });
});

describe('auth and status answers', { concurrency: true }, () => {
  test('#10 a rejected token (401) exits 4 at once, without a retry', async () => {
    const r = await faulty(undefined, ['list', '--paging', 'single'], { HATHORA_TOKEN: 'tok-revoked-10' });
    assertFailed(r, 4, /^hproc: token rejected \(401\).*\nhint: /);
    assert.equal(r.requests, 1);
    assert.ok(!r.stderr.includes('tok-revoked-10'));
  });

  test('#11 403 exits 4 and an unknown process 404 exits 3, neither retried', async () => {
    const forbidden = await faulty('status=403', ['list', '--paging', 'single']);
    assertFailed(forbidden, 4, /^hproc: token not allowed \(403\)/);
    assert.equal(forbidden.requests, 1);
    const missing = await faulty(undefined, ['show', '00000000-0000-4000-8000-000000000000', '--app', APP]);
    assertFailed(missing, 3, new RegExp(`^hproc: process 00000000-0000-4000-8000-000000000000 not found in app ${APP}`));
    // show asks for the process (and its extras) side by side; none of them is asked twice.
    const paths = missing.emulator.faultLog.map((e) => e.path);
    assert.equal(new Set(paths).size, paths.length, paths.join('\n'));
    assert.ok(paths.includes(`/processes/v3/apps/${APP}/processes/00000000-0000-4000-8000-000000000000`));
  });

  test('#18 a redirect to another host is not followed and the token goes nowhere else', async () => {
    const elsewhere = await startTestServer((_req, res) => res.end('{}'));
    servers.push(elsewhere);
    const r = await faulty(`redirect=${elsewhere.url}/steal`, ['list', '--paging', 'single']);
    assertFailed(r, 1, new RegExp(`^hproc: unexpected redirect to ${elsewhere.url.replace('http://', '').replace(/\./g, '\\.')}\nhint: `));
    assert.equal(r.requests, 1);
    assert.equal(elsewhere.requests.length, 0);
  });

  test('#27 a 502 burst with an HTML body is retried, then exits 6 naming status, type and size', async () => {
    const r = await faulty('status=502;html', ['list', '--timeout', '3s']);
    assertFailed(r, 6, /^hproc: HTTP 502 from 127\.0\.0\.1:\d+ \(text\/html, 150 bytes\)\n$/);
    assert.ok(r.requests >= 2, `requests: ${r.requests}`);
    const debug = await faulty('status=502;html', ['list', '--timeout', '1s', '--debug']);
    assert.match(debug.stderr, /debug: response body: "<html>\\r\\n<head><title>502 Bad Gateway/);
    assert.ok(!RAW_CONTROL.test(debug.stderr.replace(/\n/g, '')));
  });

  test('#27 a burst of 500, 502, 503 and 504 is ridden out by retries', async () => {
    const r = await faulty('status=500,502,503,504x4@/processes', ['list', '--paging', 'single', '--json', '--limit', '3']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as unknown[]).length, 3);
    assert.deepEqual(r.emulator.faultLog.slice(0, 5).map((e) => e.faults), [['status'], ['status'], ['status'], ['status'], []]);
  });

  test('#27 a page that fails after the first succeeded: exit 6 and nothing partial on stdout', async () => {
    const runs = await Promise.all(
      [['--json'], ['-o', 'ndjson'], []].map((format) => faulty('status=503;after=1', ['list', '--all', '--limit', '40', '--paging', 'single', '--timeout', '2s', ...format])),
    );
    for (const r of runs) {
      assertFailed(r, 6, /^hproc: HTTP 503 from 127\.0\.0\.1:\d+: injected fault: 503 Service Unavailable\n$/);
      assert.deepEqual(r.emulator.faultLog[0]?.faults, []);
      assert.ok(r.requests >= 3);
    }
  });

  test('#28 408 is retried for a GET, then exits 5', async () => {
    const r = await faulty('status=408', ['list', '--timeout', '2s']);
    assertFailed(r, 5, /^hproc: request to 127\.0\.0\.1:\d+ timed out \(408\)/);
    assert.ok(r.requests >= 2);
  });

  test('#40 a huge response stops at the size cap and exits 1', async () => {
    const r = await faulty('huge=40MB', ['list', '--paging', 'single']);
    assertFailed(r, 1, /^hproc: response larger than 32 MiB\n$/);
    assert.equal(r.requests, 1);
  });
});

describe('rate limits', { concurrency: true }, () => {
  test('#26 429 with Retry-After: 2 waits about 2 s, then succeeds', async () => {
    const r = await faulty('retry-after=2;first=1', ['list', '--paging', 'single', '--limit', '1', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.requests, 2);
    assert.ok(r.ms >= 2000, `${r.ms} ms`);
  });

  test('#26 429 with Retry-After: 3600 beyond the budget exits 7 at once, saying when', async () => {
    const r = await faulty('retry-after=3600', ['list', '--paging', 'single']);
    assertFailed(r, 7, /^hproc: rate limited; retry after (\d{4}-\d\d-\d\d )?\d\d:\d\d\n$/);
    // At once: one request, no wait.
    assert.equal(r.requests, 1);
  });

  test('#26 429 with Retry-After as an HTTP date within the budget is honoured', async () => {
    const r = await faulty('retry-after-date=+2s;first=1', ['list', '--paging', 'single', '--limit', '1', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.requests, 2);
    assert.ok(r.ms >= 900, `${r.ms} ms`);
  });

  test('#26 429 with a past date or garbage Retry-After falls back to the usual backoff', async () => {
    const past = await faulty('retry-after-date=Wed, 21 Oct 2015 07:28:00 GMT;first=1', ['list', '--paging', 'single', '--limit', '1', '--json']);
    const garbage = await faulty('retry-after=soon;first=1', ['list', '--paging', 'single', '--limit', '1', '--json']);
    for (const r of [past, garbage]) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.requests, 2);
    }
    const always = await faulty('retry-after=soon', ['list', '--timeout', '2s']);
    assertFailed(always, 7, /^hproc: rate limited by 127\.0\.0\.1:\d+ \(429\): injected fault: 429 Too Many Requests\n/);
    assert.ok(always.requests >= 2);
  });
});

/**
 * An address whose connects never complete, staged without a firewall: a listener whose process
 * never accepts (its event loop is blocked), with its accept queue filled. Linux then drops new
 * SYNs, so a connect waits until it times out. Undefined when a probe connect completes anyway.
 */
async function stageBlackhole(): Promise<{ url: string; close(): void } | undefined> {
  const listener = spawn(
    process.execPath,
    ['-e', "const s = require('net').createServer(); s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => { process.stdout.write(s.address().port + '\\n'); setImmediate(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)); });"],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    listener.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
    listener.once('error', reject);
  });
  const sockets: Socket[] = [];
  const close = (): void => {
    for (const socket of sockets) socket.destroy();
    listener.kill('SIGKILL');
  };
  const connectWithin = (ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      sockets.push(socket);
      socket.on('error', () => resolve(false));
      socket.once('connect', () => resolve(true));
      setTimeout(() => resolve(false), ms);
    });
  // Fill the queue (a backlog of 1 holds two), then check that one more connect hangs.
  await Promise.all([connectWithin(300), connectWithin(300), connectWithin(300)]);
  if (await connectWithin(500)) {
    close();
    return undefined;
  }
  return { url: `http://127.0.0.1:${port}`, close };
}

describe('transport faults on GET', { concurrency: true }, () => {
  test('#19 a name that does not resolve exits 5 naming the host', async () => {
    const r = await runBinary(['list', '--endpoint', 'https://hproc-catalogue.invalid', '--timeout', '5s'], { HATHORA_TOKEN: 'tok-19', HATHORA_APP_ID: APP });
    assertFailed(r, 5, /^hproc: cannot resolve hproc-catalogue\.invalid\nhint: /);
  });

  test('#20 a reset before the response is retried, then exits 5 naming the cause', async () => {
    const r = await faulty('reset', ['list', '--timeout', '2s']);
    assertFailed(r, 5, /^hproc: connection to 127\.0\.0\.1:\d+ was reset\n$/);
    assert.ok(r.requests >= 2, `requests: ${r.requests}`);
    const recovered = await faulty('resetx2', ['list', '--paging', 'single', '--limit', '2', '--json']);
    assert.equal(recovered.code, 0, recovered.stderr);
    assert.equal(recovered.requests, 3);
  });

  test('#20 a refused connection exits 5', async () => {
    const server = await startTestServer(() => undefined);
    const url = server.url;
    await server.close();
    const r = await runBinary(['list', '--timeout', '2s'], { HATHORA_CLOUD_ENDPOINT: url, HATHORA_TOKEN: 'tok-20', HATHORA_APP_ID: APP });
    assertFailed(r, 5, /^hproc: cannot connect to 127\.0\.0\.1:\d+: connection refused\n$/);
  });

  test('#22 a connect that never completes: exit 5 "timed out connecting", within the --timeout budget', async (t) => {
    const blackhole = await stageBlackhole();
    if (blackhole === undefined) return t.skip('this machine answers connects to a full accept queue, so no blackhole can be staged');
    try {
      const r = await runBinary(['list', '--timeout', '3s', '--debug'], { HATHORA_CLOUD_ENDPOINT: blackhole.url, HATHORA_TOKEN: 'tok-22', HATHORA_APP_ID: APP });
      assert.equal(r.code, 5, r.stderr);
      assert.equal(r.stdout, '');
      // The connect timeout is 80% of the budget (2.4 s) and its retry is cut by the deadline; either says what never completed.
      assert.match(r.stderr, /\nhproc: timed out connecting to 127\.0\.0\.1:\d+ after (3s|2s 400ms)\n/);
      // Timed inside hproc (a busy machine only slows start-up): attempts and waits fit the 3 s budget.
      const spent = [...r.stderr.matchAll(/(?:→ .*\((\d+) ms\)|retrying in (\d+) ms)$/gm)].reduce((sum, m) => sum + Number(m[1] ?? m[2]), 0);
      assert.ok(spent > 2_000 && spent <= 3_200, `${spent} ms: ${r.stderr}`);
    } finally {
      blackhole.close();
    }
  });

  test('#23 a server that never sends headers: exit 5 within the --timeout budget', async () => {
    const r = await faulty('hang-headers', ['list', '--timeout', '1s', '--debug']);
    assert.equal(r.code, 5);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /\nhproc: timed out waiting for a response from 127\.0\.0\.1:\d+ after 1s\nhint: /);
    // Timed inside hproc (a busy machine only slows start-up): the attempt ends at the 1 s budget, not the 15 s headers timeout.
    const attempt = Number(/→ out of time \((\d+) ms\)/.exec(r.stderr)?.[1]);
    assert.ok(attempt >= 950 && attempt < 10_000, r.stderr);
    assert.equal(r.requests, 1);
  });

  test('#24 a body that stalls mid-response: exit 5 "stalled", nothing on stdout', async () => {
    const r = await faulty('stall-body', ['list', '--json', '--timeout', '3s']);
    // "stalled" once the body has been silent for a second; a machine too busy to deliver the first half in time gets the deadline's words.
    assertFailed(r, 5, /^hproc: response from 127\.0\.0\.1:\d+ (stalled for [1-3]s|not complete after 3s)\n/);
  });

  test('#25 a truncated body, a lying Content-Length and a dropped connection: retried, then exit 5 "truncated"', async () => {
    const runs = await Promise.all(['truncate', 'bad-length', 'drop-after=100b', 'reset-after=100b'].map((f) => faulty(f, ['list', '--json', '--timeout', '3s'])));
    for (const r of runs) {
      assertFailed(r, 5, /^hproc: response from 127\.0\.0\.1:\d+ truncated(: connection reset)?\n$/);
      assert.ok(r.requests >= 2, `requests: ${r.requests}`);
    }
    const recovered = await faulty('truncatex1', ['list', '--paging', 'single', '--limit', '2', '--json']);
    assert.equal(recovered.code, 0, recovered.stderr);
    assert.equal((JSON.parse(recovered.stdout) as unknown[]).length, 2);
  });

  test('#21 a reset on POST stop is not retried and says it may have been applied', async () => {
    const stopPath = `/processes/v3/apps/${APP}/processes/${RUNNING_PROCESS_ID}/stop`;
    const r = await faulty(`reset@${stopPath}`, ['stop', RUNNING_PROCESS_ID, '--yes']);
    assert.equal(r.code, 5, r.stderr);
    assert.match(r.stderr, /may or may not have been applied/);
    assert.equal(r.emulator.faultLog.filter((e) => e.path === stopPath).length, 1);
    assert.ok(!/\n\s+at /.test(r.stderr));
  });
});

describe('TLS', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hproc-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('#30 a self-signed certificate exits 5 naming the TLS error, with no insecure fallback', async () => {
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => res.end('[]'));
    let requests = 0;
    server.on('request', () => requests++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const r = await runBinary(['list', '--endpoint', `https://127.0.0.1:${port}`], { HATHORA_TOKEN: 'tok-30', HATHORA_APP_ID: APP });
      assertFailed(r, 5, new RegExp(`^hproc: TLS error connecting to 127\\.0\\.0\\.1:${port}: self-signed certificate\\nhint: .*NODE_EXTRA_CA_CERTS`));
      assert.equal(requests, 0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('payloads', { concurrency: true }, () => {
  test('#31 a 200 with HTML (captive portal) or an empty body exits 1 saying what arrived', async () => {
    const portal = await faulty('html', ['list']);
    assertFailed(portal, 1, /^hproc: expected JSON from GET \/processes\/v3\/apps\/[^ ]+\/processes\/latest, got text\/html \(157 bytes\)\nhint: /);
    const empty = await against(await serving(''), SHOW_FIXTURE);
    assertFailed(empty, 1, /^hproc: expected JSON from GET \/processes\/v3\/apps\/[^ ]+, got an empty response\n$/);
  });

  test('#32 invalid JSON exits 1 naming the byte', async () => {
    const r = await faulty('invalid-json', ['list', '--json']);
    assertFailed(r, 1, /^hproc: invalid JSON in response from GET \/processes\/v3\/apps\/[^ ]+ at byte 65\n$/);
    const trailing = await against(await serving(`${JSON.stringify(fixtureV3)} garbage`), SHOW_FIXTURE);
    assertFailed(trailing, 1, /^hproc: invalid JSON in response from GET .* at byte \d+\n$/);
  });

  test('#33 a BOM is accepted; invalid UTF-8 becomes U+FFFD and --debug says so', async () => {
    const bom = await against(await serving(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(fixtureV3))])), [...SHOW_FIXTURE, '--json']);
    assert.equal(bom.code, 0, bom.stderr);
    assert.deepEqual(JSON.parse(bom.stdout), fixtureV3);
    const text = JSON.stringify({ ...fixtureV3, region: 'REGION' });
    const [head, tail] = text.split('REGION') as [string, string];
    const broken = await against(await serving(Buffer.concat([Buffer.from(head), Buffer.from([0x4c, 0xff, 0xfe, 0x6e]), Buffer.from(tail)])), [...SHOW_FIXTURE, '--json', '--debug']);
    assert.equal(broken.code, 0, broken.stderr);
    assert.equal((JSON.parse(broken.stdout) as { region: string }).region, 'L\ufffd\ufffdn');
    assert.match(broken.stderr, /invalid UTF-8, replaced with U\+FFFD/);
  });

  test('#34 an unknown status is shown as is, uncoloured, and passed through in JSON', async () => {
    const server = await serving(JSON.stringify({ ...fixtureV3, status: 'hibernating' }));
    const table = await against(server, SHOW_FIXTURE);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /\bhibernating\b/);
    assert.ok(!ANSI.test(table.stdout));
    const json = await against(server, [...SHOW_FIXTURE, '--json']);
    assert.equal((JSON.parse(json.stdout) as { status: string }).status, 'hibernating');
  });

  test('#35 unknown fields are kept in JSON output', async () => {
    const r = await against(await serving(JSON.stringify({ ...fixtureV3, futureField: { nested: [1, 2] } })), [...SHOW_FIXTURE, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { ...fixtureV3, futureField: { nested: [1, 2] } });
  });

  test('#36 a missing or mistyped required field exits 1 naming the path', async () => {
    const runs = await Promise.all([
      against(await serving(JSON.stringify({ ...fixtureV3, roomsAllocated: '3' })), SHOW_FIXTURE),
      against(await serving(JSON.stringify({ ...fixtureV3, createdAt: null })), SHOW_FIXTURE),
      against(await serving(JSON.stringify({ ...fixtureV3, exposedPort: {} })), SHOW_FIXTURE),
    ]);
    const paths = ['roomsAllocated: expected integer, got "3"', 'createdAt: expected ISO-8601 timestamp, got null', 'exposedPort.transportType: expected'];
    runs.forEach((r, i) => assertFailed(r, 1, new RegExp(`^hproc: unexpected API response from GET [^ ]+: ${paths[i]?.replace(/[.()"]/g, (c) => `\\${c}`)}.*\\nhint: hproc may be older than the API`)));
  });

  test('#37 huge and unsafe numbers are refused, not printed as null; a negative count is shown as sent, flagged', async () => {
    const text = JSON.stringify(fixtureV3);
    const bodies = [text.replace('"roomsAllocated":2', '"roomsAllocated":1e400'), text.replace('"roomsAllocated":2', '"roomsAllocated":9007199254740993')];
    assert.ok(bodies.every((body) => body !== text));
    const runs = await Promise.all(bodies.map(async (body) => against(await serving(body), [...SHOW_FIXTURE, '--json'])));
    for (const r of runs) assertFailed(r, 1, /^hproc: unexpected API response from GET [^ ]+: roomsAllocated: expected /);
    // The SDK accepts any integer in a count: a negative one is kept, and marked where a person reads it.
    const negative = text.replace('"roomsAllocated":2', '"roomsAllocated":-1');
    const json = await against(await serving(negative), [...SHOW_FIXTURE, '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal((JSON.parse(json.stdout) as { roomsAllocated: number }).roomsAllocated, -1);
    const table = await against(await serving(negative), SHOW_FIXTURE);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /rooms +-1 of \d+ allocated\n +⚠ roomsAllocated: negative count: the API should never send one; shown as sent\n/);
  });

  test('#38 duplicate keys: the last value wins', async () => {
    const text = JSON.stringify(fixtureV3).replace('"status":"running"', '"status":"starting","status":"running"');
    assert.ok(text.includes('"status":"starting","status":"running"'));
    const r = await against(await serving(text), [...SHOW_FIXTURE, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { status: string }).status, 'running');
  });

  test('#39 deep nesting and __proto__ keys: no crash, no prototype change, the value passes through', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const text = JSON.stringify(fixtureV3).replace(/}$/, `,"__proto__":{"polluted":true},"roomConfig":${deep}}`);
    const r = await against(await serving(text), [...SHOW_FIXTURE, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.ok(Object.hasOwn(out, '__proto__'));
    assert.deepEqual(Object.keys(out.__proto__ as object), ['polluted']);
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.ok(/\[{10000}\]{10000}/.test(r.stdout.replace(/\s/g, '')), 'the deep value comes out whole');
    const table = await against(await serving(text), SHOW_FIXTURE);
    assert.equal(table.code, 0, table.stderr);
    assert.ok(!table.stdout.includes('polluted'));
  });

  test('#41 escape payloads stay visible escapes: one row per record, and in error messages', async () => {
    const evil = { ...fixtureV3, region: 'Evil\u001b[2J\u001b]0;pwned\u0007\rREAL\u009b31m\u202eX\u007f\nFAKE ROW' };
    const list = await against(await serving(JSON.stringify([evil, fixtureV3])), ['list', '--all']);
    assert.equal(list.code, 0, list.stderr);
    assert.ok(!RAW_CONTROL.test(list.stdout));
    assert.equal(list.stdout.trimEnd().split('\n').length, 3, list.stdout);
    assert.match(list.stdout, /Evil\\x1b\[2J\\x1b\]0;pwned\\x07\\rREAL\\u009b31m\\u202eX\\x7f\\nFAKE/);
    const json = await against(await serving(JSON.stringify([evil])), ['list', '--all', '--json']);
    assert.deepEqual(JSON.parse(json.stdout), [evil]);
    const error = await against(await serving(JSON.stringify({ message: 'no such app \u001b[31mRED\u001b]8;;http://x\u0007link\r\nFAKE' }), 400), ['list']);
    assertFailed(error, 1, /^hproc: request rejected \(400\): no such app \\x1b\[31mRED\\x1b\]8;;http:\/\/x\\x07link\\r\\nFAKE/);
    assert.ok(!RAW_CONTROL.test(error.stderr.replace(/\n/g, '')));
  });
});

describe('process hygiene', { concurrency: true }, () => {
  test('#44 | head -1 exits 0 with nothing on stderr', async () => {
    const emulator = await startEmulator({});
    emulators.push(emulator);
    const child = spawn('bash', ['-c', `node "${BIN}" list --all --limit 60 | head -1; exit \${PIPESTATUS[0]}`], {
      env: { PATH: process.env.PATH, HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.equal(stdout.split('\n').length, 2);
    assert.equal(stderr, '');
  });

  async function interrupt(
    faults: string,
    argv: string[],
    afterMs: number,
    inFlight: (log: RunningEmulator['faultLog']) => boolean = (log) => log.length > 0,
  ): Promise<CliResult & { requests: RunningEmulator['faultLog'] }> {
    const emulator = await startEmulator({ faults });
    emulators.push(emulator);
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { PATH: process.env.PATH, HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Interrupt once the request is in flight.
    for (let waited = 0; !inFlight(emulator.faultLog) && waited < 15_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, afterMs));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code: code ?? -1, stdout, stderr, requests: emulator.faultLog };
  }

  test('#46 Ctrl-C during a list exits 130 with nothing on stdout', async () => {
    const r = await interrupt('hang-headers', ['list', '--json'], 100);
    assert.deepEqual([r.code, r.stdout, r.stderr], [130, '', 'hproc: interrupted\n']);
  });

  test('#46 Ctrl-C during a stop says the stop may have been sent', async () => {
    const stopPath = `/processes/v3/apps/${APP}/processes/${RUNNING_PROCESS_ID}/stop`;
    const r = await interrupt(`hang-headers@${stopPath}`, ['stop', RUNNING_PROCESS_ID, '--yes'], 100, (log) => log.some((e) => e.path === stopPath));
    assert.equal(r.code, 130);
    assert.equal(r.stdout, '');
    assert.deepEqual(r.requests.filter((e) => e.path === stopPath).map((e) => e.method), ['POST']);
    assert.match(r.stderr, /^hproc: interrupted; the stop may have been sent: check with `hproc show 7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15`\n$/);
  });

  test('#48 a followed log stream dropped by the fault layer is reopened with a marker; Ctrl-C then exits 130', async () => {
    const logs = `/logs/v1/${APP}/process/${RUNNING_PROCESS_ID}`;
    const r = await interrupt(`drop-after=300b@${logs};first=1`, ['logs', RUNNING_PROCESS_ID, '--follow', '--tail', '20'], 300, (log) => log.filter((e) => e.path === logs).length >= 2);
    assert.equal(r.code, 130);
    assert.match(r.stderr, /^hproc: reconnected: lines may be missing or repeated$/m);
    assert.deepEqual(r.requests.filter((e) => e.path === logs).map((e) => e.faults).slice(0, 2), [['drop-after'], []]);
    assert.ok(r.stdout.split('\n').length > 3, r.stdout);
  });

  test('#50 an unhandled rejection prints one internal-error line and exits 1; the stack only with --debug', async () => {
    const emulator = await startEmulator({ faults: 'latency=1500ms' });
    emulators.push(emulator);
    const env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
    // Rejects a promise nobody awaits once hproc is running (its handlers are installed), while the list waits on the slow emulator.
    const preload =
      'data:text/javascript,const t=setInterval(()=>{if(process.listenerCount("unhandledRejection")>0){clearInterval(t);Promise.reject(new TypeError("boom"))}},5);t.unref()';
    const run = (extra: string[]): Promise<CliResult> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['--import', preload, BIN, 'list', '--limit', '1', ...extra], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      });
    const [plain, debug] = await Promise.all([run([]), run(['--debug'])]);
    assert.equal(plain.code, 1);
    assert.equal(plain.stderr, 'hproc: internal error: boom (re-run with --debug and report this)\n');
    assert.equal(debug.code, 1);
    assert.match(debug.stderr, /hproc: internal error: boom \(re-run with --debug and report this\)\nTypeError: boom\n\s+at /);
  });

  test('#49 NO_COLOR, TERM=dumb and a pipe give no ANSI; FORCE_COLOR gives colour', async () => {
    const emulator = await startEmulator({});
    emulators.push(emulator);
    const env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
    const [piped, noColor, dumb, forced] = await Promise.all([
      runBinary(['list', '--all', '--limit', '5'], env),
      runBinary(['list', '--all', '--limit', '5'], { ...env, NO_COLOR: '1', FORCE_COLOR: '1' }),
      runBinary(['list', '--all', '--limit', '5'], { ...env, TERM: 'dumb' }),
      runBinary(['list', '--all', '--limit', '5'], { ...env, FORCE_COLOR: '1' }),
    ]);
    for (const r of [piped, noColor, dumb]) {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!ANSI.test(r.stdout) && !ANSI.test(r.stderr));
    }
    assert.equal(forced.code, 0);
    assert.ok(ANSI.test(forced.stdout));
  });
});

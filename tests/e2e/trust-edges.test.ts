// The second round of hostile input and faults (docs/bad-input-catalogue.md, cases 51–70): every
// byte that reaches a terminal sanitised (--debug included), invisible characters, the token in any
// form and split or cut, signals, interrupted documents, and stdout that cannot be written. The
// built binary, spawned; terminal cases run under `script`, which gives it a pseudo-terminal.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { BIG_APP_ID, RUNNING_PROCESS_ID } from '../../src/emulator/data.js';
import { MASK } from '../../src/redact.js';
import { BIN, runBinary, type CliResult } from '../helpers/cli.js';
import { makeConfigHome } from '../helpers/config-home.js';
import { startTestServer, type TestServer } from '../helpers/servers.js';

const fixtureV3 = JSON.parse(readFileSync(new URL('../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const FIXTURE_ID = fixtureV3.processId as string;
const FIXTURE_APP = fixtureV3.appId as string;
// What a terminal acts on or hides: C0 but tab and newline, DEL, C1, line separators, Cf, the tag block.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\u{e0000}-\u{e007f}]/u;
const HAVE_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

const servers: TestServer[] = [];
const rawServers: Server[] = [];
const emulators: RunningEmulator[] = [];
after(async () => {
  await Promise.all([...servers.map((s) => s.close()), ...emulators.map((e) => e.close())]);
  for (const server of rawServers) server.close();
});

async function serving(status: number, body: string, headers: Record<string, string> = {}): Promise<TestServer> {
  const server = await startTestServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  });
  servers.push(server);
  return server;
}

/** A server that writes `head` (status line and headers, as bytes) and `body` to every request: headers Node's own server refuses. */
async function rawServing(head: string, body: string): Promise<string> {
  const server = createServer((socket: Socket) => {
    socket.once('data', () => {
      const bodyBytes = Buffer.from(body);
      socket.end(Buffer.concat([Buffer.from(`${head}\r\ncontent-length: ${bodyBytes.length}\r\nconnection: close\r\n\r\n`, 'latin1'), bodyBytes]));
    });
  });
  rawServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function envFor(url: string, token = 'tok-trust-edges-0001'): Record<string, string> {
  return { HATHORA_CLOUD_ENDPOINT: url, HATHORA_TOKEN: token, HATHORA_APP_ID: FIXTURE_APP };
}

/** Runs a shell command line (with $HPROC set to the binary), giving its exit code and both streams. */
function shell(line: string, env: Record<string, string>): Promise<CliResult & { ms: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', line], { env: { PATH: process.env.PATH ?? '', HPROC: `node ${BIN}`, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - started }));
  });
}

/** Runs hproc on a pseudo-terminal `columns` wide; the terminal's output (both streams) with its line ends as `\n`. */
function onTerminal(args: string, env: Record<string, string>, columns = 100, then = ''): Promise<{ output: string; code: number }> {
  return shell(`script -qec "stty cols ${columns} rows 40; $HPROC ${args}${then}; echo EXIT=\\$?" /dev/null`, env).then((r) => {
    const output = r.stdout.replace(/\r\n/g, '\n');
    const exit = /EXIT=(\d+)\n?$/.exec(output);
    return { output: output.replace(/EXIT=\d+\n?$/, ''), code: exit === null ? -1 : Number(exit[1]) };
  });
}

const HOSTILE = 'gone\u001b]52;c;ZXZpbA==\u0007\u001b[2J\u009b31m\u202eevil\u200b\r\nhproc: forged line';

describe('every byte that reaches a terminal passes the sanitiser, --debug included', { concurrency: true }, () => {
  test('#51 --debug: the stack, whose first line is the server\'s message, is sanitised line by line', async () => {
    const server = await serving(400, JSON.stringify({ message: HOSTILE }));
    const r = await runBinary(['list', '--debug'], envFor(server.url));
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.ok(!UNSAFE.test(r.stderr.replace(/\n/g, '')), JSON.stringify(r.stderr));
    // One hproc: line; the forged one stays inside the line that carries it.
    assert.deepEqual(r.stderr.split('\n').filter((line) => line.startsWith('hproc:')).length, 1, r.stderr);
    assert.match(r.stderr, /^\w+Error: request rejected \(400\): gone\\x1b\]52;c;ZXZpbA==\\x07\\x1b\[2J\\u009b31m\\u202eevil\\u200b\\r\\nhproc: forged line$/m);
    assert.match(r.stderr, /\n {4}at /, 'the frames follow');
  });

  test('#51 --debug: header values and a schema error\'s "got" value are server text too', async () => {
    const evilProcess = { ...fixtureV3, roomsPerProcess: 'x\u001b[2J\u009b\u202e\u200b\r\nhproc: forged' };
    const schema = await serving(200, JSON.stringify(evilProcess));
    const bad = await runBinary(['show', FIXTURE_ID, '--app', FIXTURE_APP, '--debug'], envFor(schema.url));
    assert.equal(bad.code, 1, bad.stderr);
    assert.ok(!UNSAFE.test(bad.stderr.replace(/\n/g, '')), JSON.stringify(bad.stderr));
    assert.equal(bad.stderr.split('\n').filter((line) => line.startsWith('hproc:')).length, 1, bad.stderr);
    assert.match(bad.stderr, /got "x\\u001b\[2J\\u009b\\u202e\\u200b\\r\\nhproc: forged"\n/);
    // A content type the client names in its message, with a C1 CSI and a soft hyphen in it (latin1 bytes).
    const url = await rawServing('HTTP/1.1 200 OK\r\ncontent-type: text/html\x9bm\xad', '<html></html>');
    const header = await runBinary(['show', FIXTURE_ID, '--app', FIXTURE_APP, '--debug'], envFor(url));
    assert.equal(header.code, 1, header.stderr);
    assert.ok(!UNSAFE.test(header.stderr.replace(/\n/g, '')), JSON.stringify(header.stderr));
    assert.match(header.stderr, /text\/html\\u009bm\\u00ad/);
  });
});

describe('invisible and format characters', { concurrency: true }, () => {
  const ZW = 'p\u200bq\u200c\u200d\u2060\ufeff\u00ad\u180e\u{e0041}';
  const evil = { ...fixtureV3, region: ZW };
  const escaped = 'p\\u200bq\\u200c\\u200d\\u2060\\ufeff\\u00ad\\u180e\\u{e0041}';

  test('#52 a table, a tsv line, an error and terminal JSON show them as escapes', async () => {
    const list = await serving(200, JSON.stringify([evil, fixtureV3]));
    const [table, quiet, error] = await Promise.all([
      runBinary(['list', '--all', '-o', 'wide'], envFor(list.url)),
      runBinary(['list', '--all', '-o', 'tsv', '--fields', 'region', '--no-headers'], envFor(list.url)),
      runBinary(['list'], envFor((await serving(400, JSON.stringify({ message: `bad ${ZW}` }))).url)),
    ]);
    for (const r of [table, quiet]) {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!UNSAFE.test(r.stdout), JSON.stringify(r.stdout));
      assert.ok(r.stdout.includes(escaped), r.stdout);
    }
    assert.equal(error.code, 1);
    assert.equal(error.stderr, `hproc: request rejected (400): bad ${escaped}\n`);
    if (!HAVE_SCRIPT) return;
    const json = await onTerminal(`list --all --json`, envFor(list.url));
    assert.equal(json.code, 0, json.output);
    assert.ok(!UNSAFE.test(json.output), JSON.stringify(json.output));
    assert.deepEqual(JSON.parse(json.output)[0].region, ZW, 'the same value, \\u-escaped');
  });

  test('#52 two ids that differ by an invisible character do not look the same', async () => {
    const twins = [{ ...fixtureV3 }, { ...fixtureV3, processId: `${FIXTURE_ID}\u200b` }];
    const list = await serving(200, JSON.stringify(twins));
    const r = await runBinary(['list', '--all', '-q'], envFor(list.url));
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.stdout.split('\n').filter(Boolean).sort(), [FIXTURE_ID, `${FIXTURE_ID}\\u200b`]);
  });
});

describe('the token, whatever the path', { concurrency: true }, () => {
  const TOKEN = 'tok-Split-Secret-0001';

  test('#54 a token split between two chunks of a log stream is masked, with --raw and without', async () => {
    const server = await startTestServer((req, res) => {
      if (!req.url?.startsWith('/logs/')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...fixtureV3, status: 'stopped' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(`line with ${TOKEN.slice(0, 9)}`);
      setTimeout(() => res.end(`${TOKEN.slice(9)} end\n`), 150);
    });
    servers.push(server);
    const [raw, lines] = await Promise.all([
      runBinary(['logs', FIXTURE_ID, '--app', FIXTURE_APP, '--raw'], envFor(server.url, TOKEN)),
      runBinary(['logs', FIXTURE_ID, '--app', FIXTURE_APP], envFor(server.url, TOKEN)),
    ]);
    assert.deepEqual([raw.code, raw.stdout, raw.stderr], [0, `line with ${MASK} end\n`, '']);
    assert.deepEqual([lines.code, lines.stdout, lines.stderr], [0, `line with ${MASK} end\n`, '']);
  });

  test('#55 the token in a host an error message lower-cases, upper-cased or URL-encoded is masked', async () => {
    const token = 'AbCdEf-Host-Secret9';
    const dns = await runBinary(['list', '--app', FIXTURE_APP], { HATHORA_TOKEN: token, HATHORA_CLOUD_ENDPOINT: `https://${token}.invalid` });
    assert.equal(dns.code, 5, dns.stderr);
    assert.ok(!dns.stderr.toLowerCase().includes(token.toLowerCase()), dns.stderr);
    assert.match(dns.stderr, new RegExp(`^hproc: cannot resolve ${MASK}\\.invalid`));
    const server = await serving(400, JSON.stringify({ message: `echo ${token.toUpperCase()} ${encodeURIComponent(`${token}/x`)} ${token.toLowerCase()}` }));
    const echoed = await runBinary(['list'], envFor(server.url, token));
    assert.equal(echoed.code, 1);
    assert.equal(echoed.stderr, `hproc: request rejected (400): echo ${MASK} ${MASK}%2Fx ${MASK}\n`);
  });

  test('#56 a table cell cut to the terminal width never shows the token\'s beginning', { skip: !HAVE_SCRIPT && 'needs script(1)' }, async () => {
    const token = 'tok-cut-abcdefghi';
    const server = await serving(200, JSON.stringify([{ ...fixtureV3, exitReason: `failed: ${token}` }, { ...fixtureV3, region: `${token}` }]));
    for (const columns of [60, 80, 120]) {
      const r = await onTerminal('list --all -o wide --no-color', envFor(server.url, token), columns);
      assert.equal(r.code, 0, r.output);
      for (let k = 4; k <= token.length; k += 1) assert.ok(!r.output.includes(`${token.slice(0, k)}…`), `${columns} columns: ${k} characters shown\n${r.output}`);
      assert.ok(!r.output.includes(token), r.output);
    }
  });
});

describe('signals', { concurrency: true }, () => {
  async function signalled(signal: NodeJS.Signals, faults: string, argv: string[], inFlight: (log: RunningEmulator['faultLog']) => boolean = (log) => log.length > 0): Promise<CliResult & { requests: RunningEmulator['faultLog'] }> {
    const emulator = await startEmulator({ faults });
    emulators.push(emulator);
    const child = spawn(process.execPath, [BIN, ...argv], {
      env: { PATH: process.env.PATH, HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    for (let waited = 0; !inFlight(emulator.faultLog) && waited < 15_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 100));
    child.kill(signal);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code: code ?? -1, stdout, stderr, requests: emulator.faultLog };
  }

  test('#53 SIGTERM and SIGHUP during a list end it like Ctrl-C, with exit 143 and 129', async () => {
    const [term, hup] = await Promise.all([signalled('SIGTERM', 'hang-headers', ['list', '--json']), signalled('SIGHUP', 'hang-headers', ['list', '--json'])]);
    assert.deepEqual([term.code, term.stdout, term.stderr], [143, '', 'hproc: interrupted by SIGTERM\n']);
    assert.deepEqual([hup.code, hup.stdout, hup.stderr], [129, '', 'hproc: interrupted by SIGHUP\n']);
  });

  test('#53 SIGTERM during a stop says the stop may have been sent', async () => {
    const stopPath = `/processes/v3/apps/${BIG_APP_ID}/processes/${RUNNING_PROCESS_ID}/stop`;
    const r = await signalled('SIGTERM', `hang-headers@${stopPath}`, ['stop', RUNNING_PROCESS_ID, '--yes'], (log) => log.some((e) => e.path === stopPath));
    assert.equal(r.code, 143);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `hproc: interrupted by SIGTERM; the stop may have been sent: check with \`hproc show ${RUNNING_PROCESS_ID}\`\n`);
  });

  test('#58 a spinner hides the cursor and SIGTERM shows it again', { skip: !HAVE_SCRIPT && 'needs script(1)' }, async () => {
    const emulator = await startEmulator({ faults: 'hang-headers' });
    emulators.push(emulator);
    const env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID };
    const r = await shell(`script -qec "$HPROC list & sleep 1.2; kill -TERM \\$!; wait \\$!; echo EXIT=\\$?" /dev/null`, env);
    const output = r.stdout.replace(/\r\n/g, '\n');
    assert.match(output, /EXIT=143/);
    const hidden = output.indexOf('\u001b[?25l');
    assert.ok(hidden >= 0, `the spinner hid the cursor: ${JSON.stringify(output)}`);
    assert.ok(output.lastIndexOf('\u001b[?25h') > hidden, `the cursor is shown again: ${JSON.stringify(output)}`);
    assert.match(output, /hproc: interrupted by SIGTERM/);
  });

  test('#57 interrupted while writing a large document to a slow reader: whole pieces, then exit 130 saying so', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...fixtureV3, processId: `${FIXTURE_ID.slice(0, -4)}${String(i).padStart(4, '0')}` }));
    const server = await serving(200, JSON.stringify(many));
    const argv = ['list', '--all', '--json', '--limit', '3000'];
    const full = await runBinary(argv, envFor(server.url));
    assert.equal(full.code, 0, full.stderr);
    assert.equal(JSON.parse(full.stdout).length, 3000);
    const child = spawn(process.execPath, [BIN, ...argv], { env: { PATH: process.env.PATH, ...envFor(server.url) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // The reader takes one chunk, then stops reading while the signal arrives. One listener holds
    // everything read, so no chunk can fall between two listeners.
    const firstChunk = new Promise<void>((resolve) => {
      let first = true;
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (!first) return;
        first = false;
        child.stdout.pause();
        resolve();
      });
    });
    await firstChunk;
    child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    child.stdout.resume();
    const code = await closed;
    assert.equal(code, 130);
    assert.equal(stderr, 'hproc: interrupted while writing the output: stdout holds only its beginning\n');
    assert.ok(stdout.length > 0 && stdout.length < full.stdout.length, `${stdout.length} of ${full.stdout.length}`);
    assert.ok(full.stdout.startsWith(stdout), 'what was written is the beginning of the document');
    assert.ok(stdout.endsWith('},\n'), `it ends after a whole item, not in ${JSON.stringify(stdout.slice(-80))} (${stdout.length} bytes)`);
  });
});

describe('output that cannot be written', { concurrency: true }, () => {
  test('#59 stdout on a full disk: one line naming stdout and the cause, exit 8', async () => {
    const server = await serving(200, JSON.stringify([fixtureV3]));
    // A file's write fails as it is flushed, after everything else: at the very end of --version and help.
    const runs = await Promise.all(['list --all', '--version', 'help', 'list --all --json'].map((args) => shell(`$HPROC ${args} >/dev/full`, envFor(server.url))));
    for (const r of runs) assert.deepEqual([r.code, r.stderr], [8, 'hproc: cannot write to stdout: no space left on device (ENOSPC)\nhint: the output is lost or incomplete\n']);
  });

  test('#60 stdout closed (>&-) reads as /dev/null: a discard, exit 0, like a parent\'s /dev/null', async () => {
    const server = await serving(200, JSON.stringify([fixtureV3]));
    const [closed, devnull] = await Promise.all([shell('$HPROC list --all >&-', envFor(server.url)), shell('$HPROC list --all >/dev/null', envFor(server.url))]);
    assert.deepEqual([closed.code, closed.stderr], [0, '']);
    assert.deepEqual([devnull.code, devnull.stderr], [0, ''], '>/dev/null is a choice, not a failure');
  });

  test('#62 a warning that cannot be written to stderr does not fail a successful listing', async () => {
    const server = await serving(200, JSON.stringify([fixtureV3]));
    // An unknown key in the config file is a warning on stderr (always, not only on a terminal).
    const home = await makeConfigHome();
    await home.write({ bogusKey: 1 });
    const env = { ...envFor(server.url), XDG_CONFIG_HOME: home.dir };
    const [shown, full, closed] = await Promise.all([
      shell('$HPROC list --all', env),
      shell('$HPROC list --all 2>/dev/full', env),
      shell('$HPROC list --all 2>&-', env),
    ]);
    await home.remove();
    assert.match(shown.stderr, /^hproc: warning: config file .* unknown key bogusKey \(ignored\)\n$/);
    for (const r of [shown, full, closed]) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.split('\n')[1]?.startsWith(FIXTURE_ID), true, r.stdout);
    }
  });

  test('#64 list --watch into a reader that goes away ends at once, even while nothing changes', async () => {
    const server = await serving(200, JSON.stringify([fixtureV3]));
    const r = await shell('$HPROC list --watch --interval 1m | head -1; exit ${PIPESTATUS[0]}', envFor(server.url));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(JSON.parse(r.stdout).type, 'ADDED');
    assert.ok(r.ms < 5000, `ended after ${Math.round(r.ms)} ms`);
  });
});

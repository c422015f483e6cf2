// The built binary, spawned as a user runs it, against the emulator and a few deliberately broken servers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { BIN, runBinary } from '../helpers/cli.js';
import { answer, startTestServer } from '../helpers/servers.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const SEED = 'cbfcddd2-0006-43ae-996c-995fff7bed2e';
const seedFixture: unknown = JSON.parse(readFileSync(new URL('../fixtures/seed-process-v1.json', import.meta.url), 'utf8'));
const ANSI = /\u001b\[/;

let emulator: RunningEmulator;
let env: Record<string, string>;

before(async () => {
  emulator = await startEmulator({ port: 0 });
  env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
});
after(async () => {
  await emulator.close();
});

function lines(text: string): string[] {
  return text.trimEnd().split('\n');
}

describe('start-up', () => {
  test('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = await runBinary(['--version']);
    assert.deepEqual(r, { code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  test('--help lists the commands and exits 0', async () => {
    const r = await runBinary(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: hproc \[options\] \[command\]/);
    for (const name of ['list', 'show', 'emulator']) assert.match(r.stdout, new RegExp(`^  ${name}\\b`, 'm'));
    assert.equal(r.stderr, '');
  });

  test('each command has pasteable examples in its help', async () => {
    for (const name of ['list', 'show', 'emulator']) {
      const r = await runBinary([name, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, /\nExamples:\n {2}# .+\n {2}\$ hproc /);
    }
  });
});

describe('usage errors exit 2 before any request', () => {
  test('unknown command, with a suggestion', async () => {
    const r = await runBinary(['lst'], env);
    assert.deepEqual(r, { code: 2, stdout: '', stderr: "hproc: unknown command 'lst'\nhint: did you mean list?\n" });
  });

  test('unknown flag, with a suggestion', async () => {
    const r = await runBinary(['list', '--jsno'], env);
    assert.deepEqual(r, { code: 2, stdout: '', stderr: "hproc: unknown option '--jsno'\nhint: did you mean --json?\n" });
  });

  test('no command at all', async () => {
    const r = await runBinary([], env);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /hproc: no command given\nhint: run 'hproc --help' to see the commands\n$/);
  });

  test('hostile ids never reach a URL', async () => {
    const server = await startTestServer(answer(200, '[]'));
    try {
      for (const id of ['..', 'a/b', '%2e%2e', 'a?x=1', 'x'.repeat(300), '\u001b[2J']) {
        const r = await runBinary(['show', id, '--app', APP], { ...env, HATHORA_CLOUD_ENDPOINT: server.url });
        assert.equal(r.code, 2, id);
        assert.equal(r.stdout, '');
        assert.ok(!ANSI.test(r.stderr), 'the id is echoed sanitised');
      }
      assert.equal(server.requests.length, 0);
    } finally {
      await server.close();
    }
  });

  test('no app', async () => {
    const r = await runBinary(['list'], { ...env, HATHORA_APP_ID: undefined });
    assert.deepEqual(r, { code: 2, stdout: '', stderr: "hproc: no app given\nhint: pass --app <appId>, set HATHORA_APP_ID, or store one with 'hproc config set app <appId>'\n" });
  });

  test('bad flag values', async () => {
    assert.equal((await runBinary(['list', '--limit', '0'], env)).code, 2);
    assert.equal((await runBinary(['list', '--limit', 'abc'], env)).code, 2);
    assert.equal((await runBinary(['list', '--api', 'v4'], env)).code, 2);
    assert.equal((await runBinary(['list', '--json', '-o', 'table'], env)).code, 2);
    assert.equal((await runBinary(['list', '--all', '--status', 'running'], env)).code, 2);
    assert.equal((await runBinary(['list', '--region', '$(x)'], env)).code, 2);
    assert.equal((await runBinary(['list', '--timeout', 'soon'], env)).code, 2);
    assert.equal((await runBinary(['list', '--endpoint', 'http://example.com'], env)).code, 2);
  });
});

describe('list', () => {
  test('piped table: header, active processes only, newest first, no ANSI', async () => {
    const r = await runBinary(['list'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.ok(!ANSI.test(r.stdout));
    const [header, ...rows] = lines(r.stdout);
    assert.match(header ?? '', /^PROCESS ID +STATUS +REGION +ROOMS +ADDRESS +CREATED$/);
    assert.ok(rows.length > 0);
    for (const row of rows) assert.match(row, /^\S+ +(starting|running|draining|stopping) /);
    const created = rows.map((row) => Date.parse(row.split(/ +/).at(-1) ?? ''));
    assert.deepEqual([...created].sort((a, b) => b - a), created);
  });

  test('--all --region filters, and pages past 10', async () => {
    const r = await runBinary(['list', '--all', '--region', 'London,Tokyo', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const items = JSON.parse(r.stdout) as { region: string; processId: string }[];
    assert.ok(items.length > 0);
    assert.ok(items.every((p) => p.region === 'London' || p.region === 'Tokyo'));
    const all = JSON.parse((await runBinary(['list', '--all', '--json', '--limit', '1000'], env)).stdout) as { processId: string; status: string }[];
    assert.ok(all.length >= 60, `paged ${all.length}`);
    assert.equal(new Set(all.map((p) => p.processId)).size, all.length, 'no duplicates');
    assert.deepEqual(new Set(all.map((p) => p.status)), new Set(['starting', 'running', 'draining', 'stopping', 'stopped', 'failed']));
  });

  test('--limit is respected across pages', async () => {
    const r = await runBinary(['list', '--all', '--limit', '25', '-o', 'ndjson'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(lines(r.stdout).length, 25);
  });

  test('--status failed --json, through jq when it is installed', async (t) => {
    const r = await runBinary(['list', '--status', 'failed', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const items = JSON.parse(r.stdout) as { status: string; processId: string }[];
    assert.ok(items.length > 0 && items.every((p) => p.status === 'failed'));
    const jq = spawnSync('jq', ['-r', '.[].processId'], { input: r.stdout, encoding: 'utf8' });
    if (jq.error !== undefined) {
      t.skip('jq is not installed');
      return;
    }
    assert.deepEqual(lines(jq.stdout), items.map((p) => p.processId));
  });

  test('v1 and v2 listings', async () => {
    const v2 = await runBinary(['list', '--api', 'v2', '--all', '--json'], env);
    assert.equal(v2.code, 0, v2.stderr);
    assert.ok((JSON.parse(v2.stdout) as unknown[]).length <= 10);
    const v1 = await runBinary(['list', '--api', 'v1', '--all', '-o', 'wide'], env);
    assert.equal(v1.code, 0, v1.stderr);
    assert.match(lines(v1.stdout)[0] ?? '', /EGRESS +CONNECTIONS \(DEPRECATED\)$/);
    assert.ok(lines(v1.stdout).length <= 21);
  });

  test('an empty app is an empty list, not an error', async () => {
    const apps = JSON.parse((await fetch(`${emulator.url}/apps/v2/apps`, { headers: { authorization: `Bearer ${emulator.token}` } }).then((r) => r.text()))) as { applications: { appId: string }[] };
    const counts = await Promise.all(apps.applications.map(async (a) => {
      const r = await runBinary(['list', '--all', '--json', '--app', a.appId], env);
      return (JSON.parse(r.stdout) as unknown[]).length;
    }));
    assert.ok(counts.includes(0));
    const empty = apps.applications[counts.indexOf(0)]?.appId ?? '';
    assert.deepEqual(await runBinary(['list', '--app', empty], env), { code: 0, stdout: '', stderr: '' });
    assert.deepEqual(await runBinary(['list', '--app', empty, '--json'], env), { code: 0, stdout: '[]\n', stderr: '' });
  });
});

describe('show', () => {
  test('finds the app by itself; the note saying so is for a person, so a pipe gets none', async () => {
    const r = await runBinary(['show', SEED], { ...env, HATHORA_APP_ID: undefined });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Process\n {2}process +cbfcddd2-0006-43ae-996c-995fff7bed2e\n/);
  });

  test('the seed process comes back out of --json as the same value', async () => {
    for (const api of ['v1']) {
      const r = await runBinary(['show', SEED, '--api', api, '--json'], env);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout), seedFixture);
    }
  });

  test('--api v1 flags all seven deprecated fields with their replacements', async () => {
    const r = await runBinary(['show', SEED, '--api', 'v1'], env);
    assert.equal(r.code, 0, r.stderr);
    for (const field of ['idleSince', 'roomSlotsAvailable', 'roomSlotsAvailableUpdatedAt', 'host', 'port', 'activeConnections', 'activeConnectionsUpdatedAt']) {
      assert.match(r.stdout, new RegExp(`\\n {2}${field} +.*\\n {4,}⚠ deprecated; hproc (suggests .+|knows no replacement)\\n`), field);
    }
  });

  test('unknown process and unknown app exit 3', async () => {
    const r = await runBinary(['show', '00000000-0000-0000-0000-000000000000'], env);
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^hproc: process 00000000-0000-0000-0000-000000000000 not found in app app-af469a92/);
    const a = await runBinary(['list', '--app', 'app-00000000-0000-0000-0000-000000000000'], env);
    assert.equal(a.code, 3);
    assert.equal(a.stderr, "hproc: app app-00000000-0000-0000-0000-000000000000 not found\nhint: run 'hproc apps' to see the apps your token can reach\n");
  });
});

describe('exit codes for failures', () => {
  test('no token: 4, nothing sent', async () => {
    const r = await runBinary(['list'], { ...env, HATHORA_TOKEN: undefined });
    assert.deepEqual(r, { code: 4, stdout: '', stderr: "hproc: no Hathora token\nhint: set HATHORA_TOKEN, pass --token-stdin, or run 'hproc auth login'\n" });
  });

  test('a wrong token: 4, and the token is never printed', async () => {
    const r = await runBinary(['list', '--debug'], { ...env, HATHORA_TOKEN: 'hathora_org_st_wrongwrongwrong' });
    assert.equal(r.code, 4);
    assert.equal(r.stdout, '');
    assert.ok(!r.stderr.includes('wrongwrongwrong'));
  });

  test('nothing listening: 5', async () => {
    const server = await startTestServer(answer(200, '[]'));
    const url = server.url;
    await server.close();
    const r = await runBinary(['list', '--timeout', '2s'], { ...env, HATHORA_CLOUD_ENDPOINT: url });
    assert.equal(r.code, 5);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^hproc: .*(refused|connect)/);
  });

  test('a server error: 6', async () => {
    const server = await startTestServer(answer(503, '<html>busy</html>', 'text/html'));
    try {
      const r = await runBinary(['list', '--timeout', '1s'], { ...env, HATHORA_CLOUD_ENDPOINT: server.url });
      assert.equal(r.code, 6);
      assert.equal(r.stdout, '');
    } finally {
      await server.close();
    }
  });

  test('rate limited: 7', async () => {
    const server = await startTestServer((_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3600' });
      res.end('{"message":"slow down"}');
    });
    try {
      const r = await runBinary(['list'], { ...env, HATHORA_CLOUD_ENDPOINT: server.url });
      assert.equal(r.code, 7);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^hproc: rate limited/);
    } finally {
      await server.close();
    }
  });

  test('an answer that breaks the schema: 1, naming the path', async () => {
    const server = await startTestServer(answer(200, '[{"processId": 7}]'));
    try {
      const r = await runBinary(['list'], { ...env, HATHORA_CLOUD_ENDPOINT: server.url });
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^hproc: unexpected API response from GET \/processes\/v3\/apps\/app-af469a92-5b45-4565-b3c4-b79878de67d2\/processes\/latest: \[0\]\.status: expected string, got missing; .*; and 5 more\nhint: hproc may be older than the API; please report this\n$/);
    } finally {
      await server.close();
    }
  });

  test('hostile strings from the server never reach the terminal raw', async () => {
    const evil = {
      ...JSON.parse(JSON.stringify(seedFixture)) as Record<string, unknown>,
      host: 'evil\u001b]0;pwned\u0007\u001b[2J',
      exposedPort: { transportType: 'tcp\u009b31m', port: 1, host: 'x\nFAKE ROW', name: 'default' },
    };
    const server = await startTestServer(answer(200, JSON.stringify(evil)));
    try {
      const r = await runBinary(['show', SEED, '--api', 'v1'], { ...env, HATHORA_CLOUD_ENDPOINT: server.url });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(r.stdout));
      assert.match(r.stdout, /evil\\x1b\]0;pwned\\x07\\x1b\[2J/);
      assert.match(r.stdout, /x\\nFAKE ROW:1\/tcp\\u009b31m/);
      const json = await runBinary(['show', SEED, '--api', 'v1', '--json'], { ...env, HATHORA_CLOUD_ENDPOINT: server.url });
      assert.deepEqual(JSON.parse(json.stdout), evil);
    } finally {
      await server.close();
    }
  });

  test('Ctrl-C: 130, nothing on stdout', async () => {
    const server = await startTestServer(() => undefined); // never answers
    try {
      const child = spawn(process.execPath, [BIN, 'list', '--json'], { env: { PATH: process.env.PATH, ...env, HATHORA_CLOUD_ENDPOINT: server.url } });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      // Interrupt only once the request is in flight (a slow start must not beat the signal handler).
      for (let i = 0; i < 200 && server.requests.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      assert.equal(server.requests.length, 1);
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(code, 130);
      assert.equal(stdout, '');
    } finally {
      await server.close();
    }
  });

  test('a closed pipe ends quietly with 0', async () => {
    // Asynchronous: the emulator runs in this process and must keep answering.
    const child = spawn('bash', ['-c', `node "${BIN}" list --all --limit 60 | head -1; exit \${PIPESTATUS[0]}`], {
      env: { PATH: process.env.PATH, ...env },
      // A socket on stdin would make bash read ~/.bashrc (it thinks it runs under rshd).
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 0);
    assert.match(stdout, /^PROCESS ID +STATUS/);
    assert.equal(stderr, '');
  });
});

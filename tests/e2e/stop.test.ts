// `hproc stop`: the confirmation rules (nothing is sent without one), the outcome, --wait, and the
// question itself. The built binary where the process matters (no terminal, signals); in-process
// with fake streams where only the logic does (a fake terminal, the timeout, statuses).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { InputStream } from '../../src/context.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { DRAINING_PROCESS_ID, RUNNING_PROCESS_ID, SECOND_APP_ID, SECOND_APP_RUNNING_PROCESS_ID, STARTING_PROCESS_ID, STOPPED_PROCESS_ID } from '../../src/emulator/data.js';
import { run } from '../../src/main.js';
import { spawn } from 'node:child_process';
import { BIN, fakeStream, runBinary, runInProcess } from '../helpers/cli.js';
import { startTestServer } from '../helpers/servers.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const processV3 = JSON.parse(readFileSync(new URL('../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;

let emulator: RunningEmulator;
// Its processes stay in stopping for a minute, so a test can see that state whatever the machine's speed.
let slow: RunningEmulator;
let env: Record<string, string>;
before(async () => {
  emulator = await startEmulator({ stopDelayMs: 400, logIntervalMs: 3_600_000 });
  slow = await startEmulator({ stopDelayMs: 60_000, logIntervalMs: 3_600_000 });
  env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
});
after(async () => {
  await emulator.close();
  await slow.close();
});

async function statusOf(appId: string, processId: string, server = emulator): Promise<string> {
  const response = await fetch(`${server.url}/processes/v3/apps/${appId}/processes/${processId}`, { headers: { authorization: `Bearer ${emulator.token}` } });
  return ((await response.json()) as { status: string }).status;
}

/** Runs hproc in-process as if at a terminal, answering the question with `answer`. */
async function atTerminal(argv: string[], answer: string | null, server = emulator): Promise<{ code: number; stdout: string; stderr: string; prompts: string[] }> {
  const stdout = fakeStream(true, 120);
  const stderr = fakeStream(true, 120);
  const prompts: string[] = [];
  const stdin: InputStream = {
    isTTY: true,
    readLine: async (prompt) => {
      prompts.push(prompt);
      return answer;
    },
  };
  const code = await run(argv, {
    io: { stdout, stderr, stdin },
    env: { ...env, HATHORA_CLOUD_ENDPOINT: server.url, NO_COLOR: '1' },
    now: () => new Date('2026-11-01T12:00:00.000Z'),
    signal: new AbortController().signal,
  });
  return { code, stdout: stdout.text, stderr: stderr.text, prompts };
}

describe('hproc stop', () => {
  test('not on a terminal, it refuses without --yes and sends nothing', async () => {
    const server = await startTestServer((_req, res) => res.end());
    try {
      const r = await runBinary(['stop', RUNNING_PROCESS_ID, '--app', APP], { ...env, HATHORA_CLOUD_ENDPOINT: server.url });
      assert.deepEqual(r, {
        code: 2,
        stdout: '',
        stderr: `hproc: not stopping process ${RUNNING_PROCESS_ID} without confirmation: not a terminal\nhint: pass --yes to stop it without asking\n`,
      });
      assert.equal(server.requests.length, 0);
    } finally {
      await server.close();
    }
  });

  test('--yes stops it and prints the new status', async () => {
    const r = await runBinary(['stop', STARTING_PROCESS_ID, '--yes'], { ...env, HATHORA_CLOUD_ENDPOINT: slow.url });
    assert.deepEqual(r, { code: 0, stdout: `process ${STARTING_PROCESS_ID} is stopping (stop requested)\n`, stderr: '' });
    assert.equal(await statusOf(APP, STARTING_PROCESS_ID, slow), 'stopping');
  });

  test('--wait waits until it has stopped; --json prints the process as the API answers', async () => {
    const r = await runBinary(['stop', DRAINING_PROCESS_ID, '--yes', '--wait', '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const process = JSON.parse(r.stdout) as { processId: string; status: string; terminatedAt: string | null };
    assert.equal(process.processId, DRAINING_PROCESS_ID);
    assert.equal(process.status, 'stopped');
    assert.notEqual(process.terminatedAt, null);
  });

  test('--wait gives up at --timeout with exit 5 and says how to check', async () => {
    const r = await runInProcess(['stop', RUNNING_PROCESS_ID, '--yes', '--wait', '--timeout', '1s'], { env: { ...env, HATHORA_CLOUD_ENDPOINT: slow.url } });
    assert.equal(r.code, 5, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^hproc: process ${RUNNING_PROCESS_ID} is still stopping \\ds after the stop request\\nhint: wait longer with --timeout \\(e\\.g\\. --timeout 5m\\), or check later with \`hproc show ${RUNNING_PROCESS_ID}\`\\n$`));
  });

  test('--wait looks once more at the deadline instead of giving up a whole pause before it', async () => {
    // Polls at 0.25, 0.75 and 1.75 s; the next full pause would end at 3.75 s, past a 3 s deadline,
    // so only a check on the deadline itself sees the stop that completed at 2.5 s.
    const late = await startEmulator({ stopDelayMs: 2500, logIntervalMs: 3_600_000 });
    try {
      const r = await runInProcess(['stop', RUNNING_PROCESS_ID, '--yes', '--wait', '--timeout', '3s', '--json'], { env: { ...env, HATHORA_CLOUD_ENDPOINT: late.url } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal((JSON.parse(r.stdout) as { status: string }).status, 'stopped');
    } finally {
      await late.close();
    }
  });

  for (const status of ['stopped', 'failed', 'stopping']) {
    test(`a process already ${status} is left alone: no POST`, async () => {
      const server = await startTestServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...processV3, appId: APP, processId: STOPPED_PROCESS_ID, status }));
      });
      try {
        const r = await runInProcess(['stop', STOPPED_PROCESS_ID, '--yes', '--app', APP], { env: { ...env, HATHORA_CLOUD_ENDPOINT: server.url } });
        assert.deepEqual(r, { code: 0, stdout: `process ${STOPPED_PROCESS_ID} is already ${status}; no stop was sent\n`, stderr: '' });
        assert.ok(server.requests.every((q) => q.method === 'GET'));
      } finally {
        await server.close();
      }
    });
  }

  test('Ctrl-C while the stop request is in flight exits 130 and says it may have been sent', async () => {
    let child: ReturnType<typeof spawn> | undefined;
    const server = await startTestServer((req, res) => {
      if (req.method === 'POST') {
        // Never answered: the user gives up.
        child?.kill('SIGINT');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...processV3, appId: APP, processId: RUNNING_PROCESS_ID, status: 'running' }));
    });
    try {
      child = spawn(process.execPath, [BIN, 'stop', RUNNING_PROCESS_ID, '--yes', '--app', APP], {
        env: { PATH: process.env.PATH, ...env, HATHORA_CLOUD_ENDPOINT: server.url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise((resolve) => child?.on('close', resolve));
      assert.equal(code, 130, stderr);
      assert.equal(stdout, '');
      assert.equal(stderr, `hproc: interrupted; the stop may have been sent: check with \`hproc show ${RUNNING_PROCESS_ID}\`\n`);
      assert.deepEqual(server.requests.map((q) => q.method), ['GET', 'POST']);
    } finally {
      await server.close();
    }
  });

  test('on a terminal it shows what will be stopped and asks; "y" stops it', async () => {
    const r = await atTerminal(['stop', SECOND_APP_RUNNING_PROCESS_ID, '--app', SECOND_APP_ID], 'y', slow);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.prompts, ['Stop it? [y/N] ']);
    const lines = r.stderr.split('\n');
    assert.equal(lines[0], `Stop process ${SECOND_APP_RUNNING_PROCESS_ID}?`);
    assert.equal(lines[1], `  app          ${SECOND_APP_ID}`);
    assert.match(lines[2] ?? '', /^ {2}region {7}[A-Z][A-Za-z_]+$/);
    assert.match(lines[3] ?? '', /^ {2}status {7}running, started \d+[smhdy] ago$/);
    assert.match(lines[4] ?? '', /^ {2}rooms {8}\d+ allocated of \d+ per process$/);
    assert.match(lines[5] ?? '', /^ {2}connections {2}\d+ \(deprecated v1 field activeConnections, updated (\d+[smhdy] ago|just now|in \d+[smhdy])\)$/);
    assert.equal(r.stdout, `process ${SECOND_APP_RUNNING_PROCESS_ID} is stopping (stop requested)\n`);
    assert.equal(await statusOf(SECOND_APP_ID, SECOND_APP_RUNNING_PROCESS_ID, slow), 'stopping');
  });

  test('several ids: one question for all of them, then one stop each, the outcomes in the order given', async (t) => {
    // A world of its own: other tests stop processes of the shared ones.
    const fresh = await startEmulator({ stopDelayMs: 60_000, logIntervalMs: 3_600_000 });
    t.after(() => fresh.close());
    const ids = [RUNNING_PROCESS_ID, DRAINING_PROCESS_ID];
    const no = await atTerminal(['stop', ...ids], 'n', fresh);
    assert.equal(no.code, 1);
    assert.deepEqual(no.prompts, ["Stop these 2 processes? [y/N] "], no.stderr);
    assert.equal(no.stderr.split('\n').filter((line) => line.startsWith('Stop process ')).length, 2);
    assert.match(no.stderr, new RegExp(`\\nhproc: not stopping processes ${ids.join(', ')}: not confirmed\\n$`));
    assert.deepEqual([await statusOf(APP, ids[0] ?? '', fresh), await statusOf(APP, ids[1] ?? '', fresh)], ['running', 'draining']);
    const yes = await atTerminal(['stop', ...ids, STOPPED_PROCESS_ID], 'y', fresh);
    assert.equal(yes.code, 0, yes.stderr);
    assert.deepEqual(yes.prompts, ['Stop these 2 processes? [y/N] '], 'the stopped one is not asked about');
    assert.equal(
      yes.stdout,
      `process ${RUNNING_PROCESS_ID} is stopping (stop requested)\nprocess ${DRAINING_PROCESS_ID} is stopping (stop requested)\nprocess ${STOPPED_PROCESS_ID} is already stopped; no stop was sent\n`,
    );
  });

  test('on a terminal, any answer but yes (or end of input) sends nothing and exits 1', async () => {
    for (const answer of ['n', '', 'maybe', null]) {
      const r = await atTerminal(['stop', RUNNING_PROCESS_ID], answer);
      assert.equal(r.code, 1, String(answer));
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`\\nhproc: not stopping process ${RUNNING_PROCESS_ID}: not confirmed\\n$`));
    }
    assert.equal(await statusOf(APP, RUNNING_PROCESS_ID), 'running');
  });
});

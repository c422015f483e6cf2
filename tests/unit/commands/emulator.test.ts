// `hproc emulator`: a world anchored to the moment it starts and living, unless --clock and
// --still say otherwise; bad clocks are usage errors.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIG_APP_ID, FIXED_EPOCH_MS, RUNNING_PROCESS_ID } from '../../../src/emulator/data.js';
import { startEmulator } from '../../../src/emulator/server.js';
import { run } from '../../../src/main.js';
import { fakeStream, runInProcess } from '../../helpers/cli.js';

const NOW = new Date('2026-11-01T12:00:00.000Z');
const ACTIVE = 'status=starting&status=running&status=draining&status=stopping';

interface WireProcess {
  processId: string;
  status: string;
  createdAt: string;
}

/** Runs `hproc emulator` in-process; resolves with its URL once it has printed its banner, and a way to stop it. */
async function emulatorCommand(args: string[]): Promise<{ url: string; token: string; stop(): Promise<number> }> {
  const stdout = fakeStream(false);
  const stderr = fakeStream(false);
  const controller = new AbortController();
  const running = run(['emulator', '--port', '0', ...args], { io: { stdout, stderr }, env: {}, now: () => NOW, signal: controller.signal });
  for (let waited = 0; !stdout.text.includes('\n'); waited += 10) {
    if (waited > 10_000) throw new Error(`no banner: ${stderr.text}`);
    await sleep(10);
  }
  const match = /(http:\/\/\S+) \(token: (\S+)\)/.exec(stdout.text);
  assert.ok(match !== null, stdout.text);
  return { url: match[1] ?? '', token: match[2] ?? '', stop: () => (controller.abort(), running) };
}

async function list(url: string, token: string, query = ''): Promise<WireProcess[]> {
  const response = await fetch(`${url}/processes/v3/apps/${BIG_APP_ID}/processes/latest?${query}`, { headers: { Authorization: `Bearer ${token}` } });
  return (await response.json()) as WireProcess[];
}

describe('hproc emulator', () => {
  for (const [clock, message] of [
    ['yesterday', "--clock must be an ISO-8601 instant with a time zone, e.g. 2026-11-01T00:00:00Z; got 'yesterday'"],
    ['2026-11-01T00:00:00', "--clock must be an ISO-8601 instant with a time zone, e.g. 2026-11-01T00:00:00Z; got '2026-11-01T00:00:00'"],
    ['2025-06-01T00:00:00Z', "--clock must be 2026-01-01T00:00:00Z or later (the emulated apps have deployments from 2025); got '2025-06-01T00:00:00Z'"],
  ] as const) {
    it(`refuses --clock ${clock} before listening`, async () => {
      const result = await runInProcess(['emulator', '--port', '0', '--clock', clock], { now: NOW });
      assert.deepEqual(result, { code: 2, stdout: '', stderr: `hproc: ${message}\n` });
    });
  }

  it('anchors its world to the moment it starts, and the world moves within seconds', async () => {
    const emulator = await emulatorCommand([]);
    const pinned = await startEmulator();
    try {
      const runningAt = async (url: string, token: string): Promise<number> => Date.parse((await fetchOne(url, token)).createdAt);
      // The same history as the pinned world, twelve hours later: the command's now.
      assert.equal((await runningAt(emulator.url, emulator.token)) - (await runningAt(pinned.url, pinned.token)), NOW.getTime() - FIXED_EPOCH_MS);
      const first = await list(emulator.url, emulator.token, ACTIVE);
      let moved = false;
      for (let waited = 0; waited < 10_000 && !moved; waited += 500) {
        await sleep(500);
        moved = JSON.stringify(await list(emulator.url, emulator.token, ACTIVE)) !== JSON.stringify(first);
      }
      assert.ok(moved, 'the newest active processes changed within 10 s');
    } finally {
      await pinned.close();
      await emulator.stop();
    }
  });

  it('serves the pinned world of the tests with --clock 2026-11-01T00:00:00Z --still', async () => {
    const emulator = await emulatorCommand(['--clock', '2026-11-01T00:00:00Z', '--still']);
    const pinned = await startEmulator();
    try {
      await sleep(3000);
      for (const query of ['', ACTIVE, 'status=stopped', 'status=starting']) {
        assert.deepEqual(await list(emulator.url, emulator.token, query), await list(pinned.url, pinned.token, query), query);
      }
    } finally {
      await pinned.close();
      await emulator.stop();
    }
  });
});

async function fetchOne(url: string, token: string): Promise<WireProcess> {
  const response = await fetch(`${url}/processes/v3/apps/${BIG_APP_ID}/processes/${RUNNING_PROCESS_ID}`, { headers: { Authorization: `Bearer ${token}` } });
  return (await response.json()) as WireProcess;
}

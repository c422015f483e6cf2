// `hproc top` run in-process against the emulator, with a fake terminal: what it refuses, how a
// failing API shows, and that the terminal is handed back on every way out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ctx, InputStream } from '../../../src/context.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { SECOND_APP_ID } from '../../../src/emulator/data.js';
import { run } from '../../../src/main.js';
import { LEAVE_SCREEN } from '../../../src/render/top-screen.js';
import { fakeStream, runInProcess } from '../../helpers/cli.js';

const PLAIN = (text: string): string => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '\n');

/** A terminal: stdout and stderr that are TTYs of 80×24, and a keyboard the test types on. */
function fakeTerminal(env: Record<string, string>) {
  const stdout = Object.assign(fakeStream(true, 80, 24), { onResize: () => () => undefined });
  const stderr = fakeStream(true, 80);
  let type: (text: string) => void = () => undefined;
  let reading = false;
  const stdin: InputStream = {
    isTTY: true,
    readLine: async () => null,
    readKeys: (onKeys) => {
      type = onKeys;
      reading = true;
      return () => {
        reading = false;
      };
    },
  };
  const controller = new AbortController();
  const ctx: Ctx = { io: { stdout, stderr, stdin }, env: { NO_COLOR: '1', ...env }, now: () => new Date(), signal: controller.signal };
  return { ctx, stdout, stderr, type: (text: string) => type(text), reading: () => reading, abort: () => controller.abort() };
}

async function until(what: string, ok: () => boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('hproc top, in-process', () => {
  let emulator: RunningEmulator;
  let failing: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ clock: new Date() });
    // The first listing answers; every listing after it fails with 503.
    failing = await startEmulator({ clock: new Date(), faults: `status=503@/processes/v3/apps/${SECOND_APP_ID}/processes/latest;after=1` });
  });
  after(async () => {
    await emulator.close();
    await failing.close();
  });

  test('not on a terminal it is a usage error that points to list --watch, before any request', async () => {
    const result = await runInProcess(['top', '--app', SECOND_APP_ID], { env: { HATHORA_TOKEN: emulator.token, HATHORA_CLOUD_ENDPOINT: emulator.url } });
    assert.deepEqual(result, {
      code: 2,
      stdout: '',
      stderr:
        'hproc: hproc top needs a terminal: its output and its input must both be one\n' +
        'hint: in a script or a pipe, hproc list --watch prints a refreshing list (NDJSON events when piped)\n',
    });
  });

  test('a refresh that fails keeps the rows and says so; q then leaves with the terminal restored and exit 0', async () => {
    const t = fakeTerminal({ HATHORA_TOKEN: failing.token, HATHORA_CLOUD_ENDPOINT: failing.url });
    const running = run(['top', '--app', SECOND_APP_ID, '--interval', '1s', '--timeout', '1s'], t.ctx);
    await until('the first listing', () => PLAIN(t.stdout.text).includes('updated'));
    await until('the failed refresh', () => PLAIN(t.stdout.text).includes('refresh failed: 503, retrying · stale: data from'));
    // The rows of the first answer are still on screen (a full frame redraws them, no clear since).
    assert.match(PLAIN(t.stdout.text), /8 processes · rooms/);
    t.type('q');
    assert.equal(await running, 0);
    assert.ok(t.stdout.text.endsWith(LEAVE_SCREEN), 'the alternate screen is left last');
    assert.equal(t.reading(), false, 'raw mode ended');
    assert.equal(t.stderr.text, '');
  });

  test('a failure retrying cannot mend ends top with its message, after the terminal is restored', async () => {
    const t = fakeTerminal({ HATHORA_TOKEN: emulator.token, HATHORA_CLOUD_ENDPOINT: emulator.url });
    const code = await run(['top', '--app', 'app-00000000-0000-4000-8000-000000000000'], t.ctx);
    assert.equal(code, 3);
    assert.ok(t.stdout.text.endsWith(LEAVE_SCREEN));
    assert.equal(t.reading(), false);
    assert.match(t.stderr.text, /^hproc: app app-00000000-0000-4000-8000-000000000000 not found/);
  });

  test('an abort of the run (a signal) restores the terminal at once', async () => {
    const t = fakeTerminal({ HATHORA_TOKEN: emulator.token, HATHORA_CLOUD_ENDPOINT: emulator.url });
    const running = run(['top', '--app', SECOND_APP_ID], t.ctx);
    await until('the first listing', () => PLAIN(t.stdout.text).includes('updated'));
    t.abort();
    assert.ok(t.stdout.text.endsWith(LEAVE_SCREEN), 'restored before the run has even unwound');
    assert.equal(t.reading(), false);
    assert.equal(await running, 130);
  });
});

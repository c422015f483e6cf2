// hproc logs in-process: which endpoint answers, and the notes a person sees on a terminal (and a
// script never does).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { RUNNING_PROCESS_ID, SECOND_APP_ID, SECOND_APP_RUNNING_PROCESS_ID, STOPPED_PROCESS_ID } from '../../../src/emulator/data.js';
import { runInProcess } from '../../helpers/cli.js';
import { startTestServer } from '../../helpers/servers.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';

describe('hproc logs in-process', () => {
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({ logIntervalMs: 3_600_000 });
    env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
  });
  after(async () => {
    await emulator.close();
  });

  async function api(path: string): Promise<string> {
    return (await fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${emulator.token}` } })).text();
  }

  test('a stopped process: its whole log, and on a terminal a note saying where it came from', async () => {
    const download = await api(`/logs/v1/${APP}/process/${STOPPED_PROCESS_ID}/download`);
    const piped = await runInProcess(['logs', STOPPED_PROCESS_ID], { env });
    assert.deepEqual(piped, { code: 0, stdout: download, stderr: '' });
    const tty = await runInProcess(['logs', STOPPED_PROCESS_ID, '-f'], { env, tty: true });
    assert.equal(tty.code, 0);
    assert.equal(tty.stdout, download);
    assert.equal(tty.stderr, `hproc: process ${STOPPED_PROCESS_ID} is stopped: its whole log, from the download endpoint; there is nothing to follow\n`);
  });

  test('--tail on a stopped process asks the stream endpoint for just those lines', async () => {
    const tail = await api(`/logs/v1/${APP}/process/${STOPPED_PROCESS_ID}?tailLines=2`);
    assert.deepEqual(await runInProcess(['logs', STOPPED_PROCESS_ID, '--tail', '2'], { env }), { code: 0, stdout: tail, stderr: '' });
  });

  test('without an app, the process is found among the apps (said on a terminal only)', async () => {
    const tail = await api(`/logs/v1/${SECOND_APP_ID}/process/${SECOND_APP_RUNNING_PROCESS_ID}?tailLines=1`);
    const noApp = { ...env, HATHORA_APP_ID: undefined };
    assert.deepEqual(await runInProcess(['logs', SECOND_APP_RUNNING_PROCESS_ID, '--tail', '1'], { env: noApp }), { code: 0, stdout: tail, stderr: '' });
    const tty = await runInProcess(['logs', SECOND_APP_RUNNING_PROCESS_ID, '--tail', '1'], { env: noApp, tty: true });
    assert.equal(tty.stderr, `hproc: found process ${SECOND_APP_RUNNING_PROCESS_ID} in app ${SECOND_APP_ID}\n`);
  });

  test('--timestamps prefixes each line with the receive time', async () => {
    const r = await runInProcess(['logs', RUNNING_PROCESS_ID, '--tail', '2', '--timestamps'], { env, now: new Date(2026, 10, 1, 13, 0, 0, 250) });
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    for (const line of lines) assert.match(line, /^2026-11-01T13:00:00\.250[+-]\d\d:\d\d \d{4}-\d\d-\d\dT[\d:.]+Z INFO /);
  });

  test('--tail out of range and conflicting flags are refused before any request', async () => {
    const server = await startTestServer((_req, res) => res.end());
    try {
      const at = { ...env, HATHORA_CLOUD_ENDPOINT: server.url };
      for (const tail of ['0', '5001', '-5', '2.5', '1e3', 'abc']) {
        const r = await runInProcess(['logs', RUNNING_PROCESS_ID, `--tail=${tail}`], { env: at });
        assert.deepEqual(r, { code: 2, stdout: '', stderr: `hproc: --tail must be a whole number from 1 to 5000, got '${tail}'\n` });
      }
      assert.deepEqual(await runInProcess(['logs', RUNNING_PROCESS_ID, '--download', '-f'], { env: at }), {
        code: 2,
        stdout: '',
        stderr: 'hproc: --download conflicts with --follow\nhint: a download is the whole log of a stopped process\n',
      });
      assert.equal((await runInProcess(['logs', RUNNING_PROCESS_ID, '--download', '--tail', '5'], { env: at })).code, 2);
      assert.equal((await runInProcess(['logs', 'a/b'], { env: at })).code, 2);
      assert.equal(server.requests.length, 0);
    } finally {
      await server.close();
    }
  });

  test('--download of a running process is refused', async () => {
    const r = await runInProcess(['logs', RUNNING_PROCESS_ID, '--download'], { env });
    assert.deepEqual(r, {
      code: 1,
      stdout: '',
      stderr: `hproc: process ${RUNNING_PROCESS_ID} is running: only the log of a stopped process can be downloaded\nhint: follow it instead: hproc logs ${RUNNING_PROCESS_ID} --follow\n`,
    });
  });

  test('an unknown process is exit 3', async () => {
    const r = await runInProcess(['logs', '00000000-0000-4000-8000-000000000000'], { env });
    assert.deepEqual(r, { code: 3, stdout: '', stderr: `hproc: process 00000000-0000-4000-8000-000000000000 not found in app ${APP}\n` });
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../../src/emulator/server.js';
import { runInProcess } from '../../helpers/cli.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const RUNNING = '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15';

test('show without an app asks for the process once per app searched, never again after finding it', async () => {
  // A fault spec that changes nothing, so the emulator records every request.
  const emulator = await startEmulator({ faults: 'latency=0ms' });
  try {
    const env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token };
    const r = await runInProcess(['show', RUNNING, '--json'], { env, stderrTTY: true });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `hproc: found process ${RUNNING} in app ${APP}\n`);
    assert.equal((JSON.parse(r.stdout) as { processId: string }).processId, RUNNING);
    const lookups = emulator.faultLog.filter((entry) => entry.path === `/processes/v3/apps/${APP}/processes/${RUNNING}`);
    assert.equal(lookups.length, 1);
  } finally {
    await emulator.close();
  }
});

// `hproc logs --raw` passes a download through chunk by chunk; what it prints must be exactly the
// bytes the API sent, escape sequences and a last line without its newline included.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { BIG_APP_ID, FAILED_PROCESS_ID, STOPPED_PROCESS_ID } from '../../../src/emulator/data.js';
import { runInProcess } from '../../helpers/cli.js';

describe('logs --raw of a stopped process', () => {
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator();
    env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID };
  });
  after(async () => {
    await emulator.close();
  });

  for (const id of [STOPPED_PROCESS_ID, FAILED_PROCESS_ID]) {
    it(`prints exactly the downloaded bytes (${id})`, async () => {
      const response = await fetch(`${emulator.url}/logs/v1/${BIG_APP_ID}/process/${id}/download`, { headers: { Authorization: `Bearer ${emulator.token}` } });
      const expected = await response.text();
      assert.ok(expected.length > 0);
      const raw = await runInProcess(['logs', id, '--raw'], { env });
      assert.equal(raw.code, 0, raw.stderr);
      assert.equal(raw.stdout, expected);
      // Without --raw the same lines come through the sanitiser, one line each.
      const plain = await runInProcess(['logs', id], { env });
      assert.equal(plain.stdout.split('\n').length, expected.replace(/\n$/, '').split('\n').length + 1);
    });
  }
});

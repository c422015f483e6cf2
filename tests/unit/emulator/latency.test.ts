import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../../src/emulator/server.js';
import { BIG_APP_ID, RUNNING_PROCESS_ID, STOPPED_PROCESS_ID } from '../../../src/emulator/data.js';

describe('artificial latency', () => {
  it('delays every endpoint, errors included, by latencyMs', async () => {
    const latencyMs = 150;
    const emulator = await startEmulator({ latencyMs });
    try {
      const app = BIG_APP_ID;
      const id = RUNNING_PROCESS_ID;
      const requests: [string, string, boolean][] = [
        ['GET', `/processes/v1/${app}/list/running`, true],
        ['GET', `/processes/v1/${app}/list/stopped`, true],
        ['GET', `/processes/v1/${app}/info/${id}`, true],
        ['GET', `/processes/v2/${app}/list/latest`, true],
        ['GET', `/processes/v2/${app}/info/${id}`, true],
        ['GET', `/processes/v2/${app}/count`, true],
        ['GET', `/processes/v3/apps/${app}/processes/latest`, true],
        ['GET', `/processes/v3/apps/${app}/processes/count`, true],
        ['GET', `/processes/v3/apps/${app}/processes/${id}`, true],
        ['GET', `/processes/v3/apps/${app}/processes/process/${id}/metrics`, true],
        ['GET', `/metrics/v1/${app}/process/${id}`, true],
        ['GET', `/logs/v1/${app}/process/${id}`, true],
        ['GET', `/logs/v1/${app}/process/${STOPPED_PROCESS_ID}/download`, true],
        ['GET', `/rooms/v2/${app}/list/${id}/active`, true],
        ['GET', `/rooms/v2/${app}/list/${id}/inactive`, true],
        ['GET', '/apps/v2/apps', true],
        ['GET', `/apps/v2/apps/${app}`, true],
        ['GET', `/deployments/v3/apps/${app}/deployments/latest`, true],
        ['POST', `/processes/v2/${app}/stop/${STOPPED_PROCESS_ID}`, true],
        ['POST', `/processes/v3/apps/${app}/processes/${STOPPED_PROCESS_ID}/stop`, true],
        ['GET', '/no/such/endpoint', true],
        ['GET', `/processes/v3/apps/${app}/processes/latest`, false],
      ];
      const timings = await Promise.all(
        requests.map(async ([method, path, auth]) => {
          const started = performance.now();
          const response = await fetch(`${emulator.url}${path}`, { method, headers: auth ? { Authorization: `Bearer ${emulator.token}` } : {} });
          await response.arrayBuffer();
          return { path, status: response.status, elapsed: performance.now() - started };
        }),
      );
      for (const timing of timings) {
        assert.ok(timing.elapsed >= latencyMs - 5, `${timing.path} (${timing.status}) took ${timing.elapsed.toFixed(0)} ms`);
      }
      assert.deepEqual(
        timings.map((timing) => timing.status),
        [...Array<number>(18).fill(200), 204, 204, 404, 401],
      );
    } finally {
      await emulator.close();
    }
  });
});

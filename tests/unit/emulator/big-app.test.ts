import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../../src/emulator/server.js';
import { generateWorld } from '../../../src/emulator/generate-world.js';
import { BIG_APP_ID } from '../../../src/emulator/data.js';
import { PROCESS_STATUSES, REGIONS } from '../../../src/emulator/enums.js';
import { call } from './emulator-fetch.js';

describe('a big app (bigAppProcesses)', () => {
  it('grows the big app to the given size and leaves its usual processes and the other apps as they were', () => {
    const usual = generateWorld(1);
    const big = generateWorld(1, { bigAppProcesses: 3000 });
    const [usualBig, ...usualOthers] = usual.apps;
    const [bigBig, ...bigOthers] = big.apps;
    assert.equal(bigBig?.processes.length, 3000);
    assert.deepEqual(bigBig?.processes.slice(0, usualBig?.processes.length), usualBig?.processes);
    assert.deepEqual(bigOthers, usualOthers);
    assert.equal(bigBig?.appSecret, usualBig?.appSecret);
  });

  it('gives every process its own createdAt millisecond, spreads them over every status and region, and is deterministic', () => {
    const processes = generateWorld(7, { bigAppProcesses: 2000 }).apps[0]?.processes ?? [];
    assert.equal(new Set(processes.map((p) => p.createdAt)).size, 2000);
    assert.equal(new Set(processes.map((p) => p.processId)).size, 2000);
    assert.deepEqual(new Set(processes.map((p) => p.status)), new Set(PROCESS_STATUSES));
    assert.deepEqual(new Set(processes.map((p) => p.region)), new Set(REGIONS));
    const again = generateWorld(7, { bigAppProcesses: 2000 }).apps[0]?.processes ?? [];
    assert.deepEqual(again.map((p) => p.processId), processes.map((p) => p.processId));
  });

  it('serves the big app through the count and latest endpoints, newest first', async () => {
    const emulator = await startEmulator({ bigAppProcesses: 2000 });
    try {
      const count = await call(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/count`);
      assert.deepEqual(count.json, { count: 2000 });
      const world = generateWorld(1, { bigAppProcesses: 2000 });
      const expected = [...(world.apps[0]?.processes ?? [])]
        .filter((p) => p.region === 'London')
        .sort((a, b) => b.createdAt - a.createdAt)
        .slice(10, 20)
        .map((p) => p.processId);
      const first = await call(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/latest?region=London`);
      const oldest = Math.min(...(first.json as { createdAt: string }[]).map((p) => Date.parse(p.createdAt)));
      const second = await call(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/latest?region=London&before=${oldest}`);
      assert.deepEqual((second.json as { processId: string }[]).map((p) => p.processId), expected);
    } finally {
      await emulator.close();
    }
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { BIG_APP_ID, EMPTY_APP_ID, RUNNING_PROCESS_ID, SECOND_APP_ID, STOPPED_PROCESS_ID } from '../../../src/emulator/data.js';
import { allProcessesV3, call } from './emulator-fetch.js';

/** Everything a client can read without changing state (the tests set a log interval long enough that no live line appears). */
async function snapshot(emulator: RunningEmulator): Promise<string[]> {
  const texts: string[] = [];
  for (const appId of [BIG_APP_ID, SECOND_APP_ID, EMPTY_APP_ID]) {
    const processes = await allProcessesV3(emulator, appId);
    // The v3 pages carry every generated field; v1 adds the counters, R2 the room history.
    texts.push(JSON.stringify(processes));
    for (const [index, p] of processes.entries()) {
      texts.push((await call(emulator, `/processes/v1/${appId}/info/${p.processId}`)).text);
      texts.push((await call(emulator, `/rooms/v2/${appId}/list/${p.processId}/inactive`)).text);
      if (index % 10 === 0) {
        texts.push((await call(emulator, `/processes/v3/apps/${appId}/processes/process/${p.processId}/metrics?start=1793300000&end=1793491200&step=600`)).text);
      }
    }
    texts.push((await call(emulator, `/processes/v1/${appId}/list/running`)).text);
    texts.push((await call(emulator, `/processes/v1/${appId}/list/stopped`)).text);
    texts.push((await call(emulator, `/apps/v2/apps/${appId}`)).text);
  }
  texts.push((await call(emulator, '/apps/v2/apps')).text);
  texts.push((await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?tailLines=5000`)).text);
  texts.push((await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${STOPPED_PROCESS_ID}/download`)).text);
  return texts;
}

describe('emulator determinism', () => {
  it('gives identical answers for the same seed and different ones for another seed', async () => {
    const quiet = { logIntervalMs: 3_600_000 };
    const servers = await Promise.all([startEmulator({ seed: 7, ...quiet }), startEmulator({ seed: 7, ...quiet }), startEmulator({ seed: 8, ...quiet })]);
    try {
      const [a, b, c] = await Promise.all(servers.map(snapshot));
      assert.ok(a !== undefined && b !== undefined && c !== undefined);
      assert.ok(a.length > 150);
      assert.equal(a.length, b.length);
      // One answer at a time, so a failure shows the first difference rather than every answer.
      a.forEach((text, i) => assert.equal(text, b[i], `answer ${i} differs`));
      const differing = a.filter((text, i) => text !== c[i]).length;
      assert.ok(differing > a.length / 2, `only ${differing} of ${a.length} answers differ between seeds`);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });

  it('gives identical answers for the same seed and clock at every moment of a living world', async () => {
    const living = { live: true, frozenClock: true, clock: '2027-01-15T08:00:00.000Z', logIntervalMs: 60_000 };
    const servers = await Promise.all([startEmulator({ seed: 7, ...living }), startEmulator({ seed: 7, ...living }), startEmulator({ seed: 8, ...living })]);
    try {
      // Looked at more often, one world still gets to the same place: events apply in time order.
      servers[0]?.advance(4_000);
      await snapshot(servers[0] as RunningEmulator);
      servers[0]?.advance(6_000);
      servers[1]?.advance(10_000);
      servers[2]?.advance(10_000);
      for (const step of [0, 50_000, 540_000]) {
        for (const server of servers) server.advance(step);
        const [a, b, c] = await Promise.all(servers.map(snapshot));
        assert.ok(a !== undefined && b !== undefined && c !== undefined);
        assert.equal(a.length, b.length, `after ${step} ms`);
        a.forEach((text, i) => assert.equal(text, b[i], `answer ${i} differs after ${step} ms`));
        assert.ok(a.filter((text, i) => text !== c[i]).length > a.length / 2);
      }
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });

  it('uses seed 1 by default', async () => {
    const servers = await Promise.all([startEmulator(), startEmulator({ seed: 1 })]);
    try {
      const [a, b] = await Promise.all(servers.map((server) => call(server, `/processes/v3/apps/${BIG_APP_ID}/processes/latest?status=stopped`)));
      assert.equal(a?.text, b?.text);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });
});

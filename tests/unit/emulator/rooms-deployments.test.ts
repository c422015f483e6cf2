import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { BIG_APP_ID, SECOND_APP_ID } from '../../../src/emulator/data.js';
import { allProcessesV3, getJson, type WireProcessV3 } from './emulator-fetch.js';

type Json = Record<string, unknown>;
interface Room {
  currentAllocation: { unscheduledAt: string | null; scheduledAt: string; processId: string; roomAllocationId: string } | null;
  status: string;
  roomConfig?: string | null;
  roomId: string;
  appId: string;
}

describe('rooms and deployments', () => {
  let emulator: RunningEmulator;
  const processes = new Map<string, WireProcessV3[]>();
  before(async () => {
    emulator = await startEmulator();
    for (const appId of [BIG_APP_ID, SECOND_APP_ID]) processes.set(appId, await allProcessesV3(emulator, appId));
  });
  after(async () => {
    await emulator.close();
  });

  it('R1 lists as many active rooms as the process has allocated, R2 the rooms that left', async () => {
    const seenRooms = new Set<string>();
    for (const [appId, list] of processes) {
      for (const p of list) {
        const active = await getJson<Room[]>(emulator, `/rooms/v2/${appId}/list/${p.processId}/active`);
        const inactive = await getJson<Room[]>(emulator, `/rooms/v2/${appId}/list/${p.processId}/inactive`);
        assert.equal(active.length, p.roomsAllocated, p.processId);
        for (const room of active) {
          assert.equal(room.status, 'active');
          assert.equal(room.currentAllocation?.unscheduledAt, null);
          assert.ok(Date.parse(room.currentAllocation?.scheduledAt ?? '') >= Date.parse(p.startedAt ?? ''));
        }
        for (const room of inactive) {
          assert.equal(room.status, 'destroyed');
          const allocation = room.currentAllocation;
          assert.ok(allocation !== null && allocation.unscheduledAt !== null);
          assert.ok(Date.parse(allocation.unscheduledAt) >= Date.parse(allocation.scheduledAt));
        }
        for (const room of [...active, ...inactive]) {
          assert.equal(room.appId, appId);
          assert.equal(room.currentAllocation?.processId, p.processId);
          assert.ok(!seenRooms.has(room.roomId), 'room ids are unique');
          seenRooms.add(room.roomId);
          assert.ok(room.roomConfig === undefined || room.roomConfig === null || typeof room.roomConfig === 'string');
        }
        if (p.startedAt === null) assert.deepEqual([active, inactive], [[], []]);
      }
    }
    assert.ok(seenRooms.size > 100);
    // The v1 running list embeds the same active rooms.
    for (const p of await getJson<Json[]>(emulator, `/processes/v1/${BIG_APP_ID}/list/running`)) {
      assert.deepEqual(p['rooms'], await getJson(emulator, `/rooms/v2/${BIG_APP_ID}/list/${String(p['processId'])}/active`));
    }
  });

  it('D1 resolves every deployment a process references, consistent with the process', async () => {
    for (const [appId, list] of processes) {
      const byId = new Map<string, Json>();
      const versionOf = new Map<string, number>();
      for (const p of list) {
        let deployment = byId.get(p.deploymentId);
        if (deployment === undefined) {
          deployment = await getJson<Json>(emulator, `/deployments/v3/apps/${appId}/deployments/${p.deploymentId}`);
          byId.set(p.deploymentId, deployment);
        }
        assert.equal(deployment['deploymentId'], p.deploymentId);
        assert.equal(deployment['appId'], appId);
        assert.equal(deployment['roomsPerProcess'], p.roomsPerProcess);
        assert.equal(deployment['fleetId'], p.fleetId);
        assert.ok(Date.parse(String(deployment['createdAt'])) <= Date.parse(p.createdAt), 'deployed before the process was created');
        const v1 = await getJson<Json>(emulator, `/processes/v1/${appId}/info/${p.processId}`);
        const version = v1['deploymentId'] as number;
        assert.equal(versionOf.get(p.deploymentId) ?? version, version, 'one integer id per v3 deployment id');
        versionOf.set(p.deploymentId, version);
      }
      assert.ok(byId.size >= 2, `${appId} processes use several deployments`);
      // The integer ids count deployments in creation order.
      const byVersion = [...versionOf.entries()].sort((a, b) => a[1] - b[1]);
      assert.equal(new Set(byVersion.map(([, version]) => version)).size, byVersion.length);
      const created = byVersion.map(([id]) => Date.parse(String(byId.get(id)?.['createdAt'])));
      assert.deepEqual(created, [...created].sort((a, b) => a - b));
    }
  });

  it('D2 answers the newest deployment, the one A1 embeds', async () => {
    const apps = await getJson<{ applications: Json[] }>(emulator, '/apps/v2/apps');
    for (const appId of [BIG_APP_ID, SECOND_APP_ID]) {
      const latest = await getJson<Json>(emulator, `/deployments/v3/apps/${appId}/deployments/latest`);
      const embedded = apps.applications.find((app) => app['appId'] === appId)?.['deployment'] as Json | undefined;
      assert.ok(embedded !== undefined);
      const { build, ...withoutBuild } = embedded;
      assert.deepEqual(withoutBuild, latest);
      assert.equal((build as Json)['buildId'], latest['buildId']);
      const newest = (processes.get(appId) ?? [])[0];
      assert.equal(newest?.deploymentId, latest['deploymentId'], 'the newest process runs the newest deployment');
    }
  });
});

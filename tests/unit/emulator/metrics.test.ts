import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { BIG_APP_ID, FIXED_EPOCH_MS, RUNNING_PROCESS_ID, STARTING_PROCESS_ID, STOPPED_PROCESS_ID } from '../../../src/emulator/data.js';
import { getJson, type WireProcessV3 } from './emulator-fetch.js';

type Series = { value: number; timestamp: number }[];
type Metrics = Record<string, Series>;

const EPOCH_S = FIXED_EPOCH_MS / 1000;
const v3Path = (processId: string, query: string): string => `/processes/v3/apps/${BIG_APP_ID}/processes/process/${processId}/metrics?${query}`;

describe('process metrics', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  it('P14 answers only the metrics asked for, at multiples of step inside the window', async () => {
    const start = EPOCH_S - 7200;
    const end = EPOCH_S - 3600;
    const body = await getJson<Metrics>(emulator, v3Path(RUNNING_PROCESS_ID, `metrics=cpu&metrics=activeConnections&start=${start}&end=${end}&step=300`));
    assert.deepEqual(Object.keys(body), ['cpu', 'activeConnections']);
    const expectedTimes = Array.from({ length: 13 }, (_, i) => start + i * 300);
    for (const series of Object.values(body)) assert.deepEqual(series.map((sample) => sample.timestamp), expectedTimes);
    for (const sample of body['cpu'] ?? []) assert.ok(sample.value > 0 && sample.value <= 2, 'cpu within the 2 requested cores');
    for (const sample of body['activeConnections'] ?? []) assert.ok(Number.isInteger(sample.value) && sample.value >= 0);
  });

  it('answers the same query the same way, and overlapping windows agree', async () => {
    const query = `start=${EPOCH_S - 3600}&end=${EPOCH_S}&step=60`;
    const a = await getJson<Metrics>(emulator, v3Path(RUNNING_PROCESS_ID, query));
    const b = await getJson<Metrics>(emulator, v3Path(RUNNING_PROCESS_ID, query));
    assert.deepEqual(a, b);
    assert.deepEqual(Object.keys(a), ['cpu', 'memory', 'rateEgress', 'totalEgress', 'activeConnections']);
    const shifted = await getJson<Metrics>(emulator, v3Path(RUNNING_PROCESS_ID, `start=${EPOCH_S - 1800}&end=${EPOCH_S + 600}&step=60`));
    for (const [name, series] of Object.entries(shifted)) {
      const shared = series.filter((sample) => sample.timestamp <= EPOCH_S);
      assert.deepEqual(shared, (a[name] ?? []).filter((sample) => sample.timestamp >= EPOCH_S - 1800), name);
    }
    const total = a['totalEgress'] ?? [];
    for (let i = 1; i < total.length; i += 1) assert.ok((total[i]?.value ?? 0) >= (total[i - 1]?.value ?? 0), 'totalEgress never decreases');
    for (const sample of a['rateEgress'] ?? []) assert.ok(sample.value > 0);
  });

  it('only has samples while the process ran', async () => {
    const stopped = await getJson<WireProcessV3>(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/${STOPPED_PROCESS_ID}`);
    const from = Date.parse(stopped.startedAt ?? '') / 1000;
    const to = Date.parse(stopped.terminatedAt ?? '') / 1000;
    const body = await getJson<Metrics>(emulator, v3Path(STOPPED_PROCESS_ID, `metrics=memory&start=${Math.floor(from) - 3600}&end=${Math.ceil(to) + 3600}&step=60`));
    const times = (body['memory'] ?? []).map((sample) => sample.timestamp);
    assert.ok(times.length > 10);
    assert.ok(times.every((t) => t >= from && t <= to));
    const starting = await getJson<Metrics>(emulator, v3Path(STARTING_PROCESS_ID, 'metrics=cpu&metrics=memory'));
    assert.deepEqual(starting, { cpu: [], memory: [] });
    const gpu = await getJson<Metrics>(emulator, v3Path(RUNNING_PROCESS_ID, 'metrics=gpuMemory&metrics=gpuUtilization'));
    assert.deepEqual(gpu, { gpuMemory: [], gpuUtilization: [] });
  });

  it('defaults to the last hour at a 60 second step for a running process', async () => {
    const body = await getJson<Metrics>(emulator, v3Path(RUNNING_PROCESS_ID, 'metrics=cpu'));
    const length = body['cpu']?.length ?? 0;
    assert.ok(length >= 60 && length <= 61, `got ${length} samples`);
  });

  it('M1 uses snake_case names and keys and reads the same series', async () => {
    const window = `start=${EPOCH_S - 1200}&end=${EPOCH_S}&step=120`;
    const v1 = await getJson<Metrics>(emulator, `/metrics/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?metrics=rate_egress&metrics=total_egress&metrics=active_connections&${window}`);
    assert.deepEqual(Object.keys(v1), ['rate_egress', 'total_egress', 'active_connections']);
    const v3 = await getJson<Metrics>(emulator, v3Path(RUNNING_PROCESS_ID, `metrics=rateEgress&metrics=totalEgress&metrics=activeConnections&${window}`));
    assert.deepEqual(v1['rate_egress'], v3['rateEgress']);
    assert.deepEqual(v1['total_egress'], v3['totalEgress']);
    assert.deepEqual(v1['active_connections'], v3['activeConnections']);
    const byDefault = await getJson<Metrics>(emulator, `/metrics/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?${window}`);
    assert.deepEqual(Object.keys(byDefault), ['cpu', 'memory', 'rate_egress']);
  });
});

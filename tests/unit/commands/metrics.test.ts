// hproc metrics in-process: a known series from a local server (exact output), the emulator's
// series (figures recomputed here from the raw answer), flags checked before any request.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { readFileSync } from 'node:fs';
import { runInProcess } from '../../helpers/cli.js';
import { startTestServer, type TestServer } from '../../helpers/servers.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const PROCESS = '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15';
const NOW = new Date('2026-11-01T00:00:00.000Z');
const END = 1793491200;
const ANSI = /\u001b\[[0-9;]*m/g;

// A known series: cpu 0.5, 1, 0.25, 0.75 (out of order on the wire), memory in MB, totalEgress
// missing from the answer, activeConnections empty.
const KNOWN = {
  cpu: [
    { value: 1, timestamp: END - 120 },
    { value: 0.5, timestamp: END - 180 },
    { value: 0.25, timestamp: END - 60 },
    { value: 0.75, timestamp: END },
  ],
  memory: [
    { value: 1024, timestamp: END - 60 },
    { value: 2048, timestamp: END },
  ],
  rateEgress: [
    { value: 1024, timestamp: END - 60 },
    { value: 3072, timestamp: END },
  ],
  activeConnections: [],
};
const KNOWN_V1 = { cpu: KNOWN.cpu, rate_egress: KNOWN.rateEgress, active_connections: [{ value: 3, timestamp: END }] };

let server: TestServer;
let env: Record<string, string>;

before(async () => {
  server = await startTestServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify((req.url ?? '').startsWith('/metrics/v1/') ? KNOWN_V1 : KNOWN));
  });
  env = { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 'test-token', HATHORA_APP_ID: APP };
});
after(() => server.close());

describe('a known series', () => {
  test('piped: window and step stated, one row per metric in human units, no sparkline, no ANSI', async () => {
    server.requests.length = 0;
    const r = await runInProcess(['metrics', PROCESS], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        `process ${PROCESS}`,
        'window 2026-10-31T23:00:00Z to 2026-11-01T00:00:00Z (1h), step 60s',
        '',
        'METRIC                   LATEST        MIN        AVG        MAX  SAMPLES',
        'cpu (cores)                0.75       0.25      0.625          1        4',
        'memory (MB)             2.0 GiB    1.0 GiB    1.5 GiB    2.0 GiB        2',
        'rateEgress            3.0 KiB/s  1.0 KiB/s  2.0 KiB/s  3.0 KiB/s        2',
        'totalEgress        not returned          -          -          -        0',
        'activeConnections    no samples          -          -          -        0',
        '',
      ].join('\n'),
    );
    assert.equal(server.requests.length, 1);
    const url = new URL(server.requests[0]?.url ?? '', server.url);
    assert.equal(url.pathname, `/processes/v3/apps/${APP}/processes/process/${PROCESS}/metrics`);
    assert.deepEqual(url.searchParams.getAll('metrics'), ['cpu', 'memory', 'rateEgress', 'totalEgress', 'activeConnections']);
    assert.deepEqual([url.searchParams.get('start'), url.searchParams.get('end'), url.searchParams.get('step')], [String(END - 3600), String(END), '60']);
  });

  test('on a terminal: the same figures and a sparkline of the window in time order, instead of the count', async () => {
    const r = await runInProcess(['metrics', PROCESS], { env, now: NOW, tty: true });
    assert.equal(r.code, 0, r.stderr);
    const plain = r.stdout.replace(ANSI, '');
    assert.notEqual(plain, r.stdout, 'coloured on a terminal');
    const lines = plain.split('\n');
    assert.match(lines[3] ?? '', /^METRIC +LATEST +MIN +AVG +MAX +TREND$/);
    // cpu in time order is 0.5, 1, 0.25, 0.75 over min 0.25 .. max 1.
    assert.match(lines[4] ?? '', /^cpu \(cores\) +0\.75 +0\.25 +0\.625 +1  ▃█▁▆$/);
    assert.match(lines[5] ?? '', /^memory \(MB\) .*2\.0 GiB  ▁█$/);
    assert.match(lines[6] ?? '', /^rateEgress .*3\.0 KiB\/s  ▁█$/);
    assert.match(lines[7] ?? '', /^totalEgress +not returned +- +- +- +-$/);
    assert.match(lines[8] ?? '', /^activeConnections +no samples +- +- +- +-$/);
  });

  test('the sparkline takes what the terminal leaves, from 10 to 40 characters', async () => {
    const series = { cpu: Array.from({ length: 100 }, (_, i) => ({ value: i, timestamp: END - 6000 + i * 60 })) };
    const wide = (await import('../../../src/render/metrics.js')).renderMetrics(series, { processId: PROCESS, appId: APP, generation: 'v3', metrics: ['cpu'], start: END - 6000, end: END, step: 60 }, {
      format: 'table', colour: false, stdoutIsTTY: true, stderrIsTTY: true, width: 200, now: NOW,
    });
    const trend = (text: string) => (text.split('\n')[4] ?? '').split('  ').at(-1) ?? '';
    assert.equal(trend(wide.stdout).length, 40);
    assert.equal(trend(wide.stdout), '▁▁▁▂▂▂▂▂▂▃▃▃▃▃▄▄▄▄▄▄▅▅▅▅▅▅▆▆▆▆▆▇▇▇▇▇▇███', 'a rising line, averaged down');
    const narrow = (await import('../../../src/render/metrics.js')).renderMetrics(series, { processId: PROCESS, appId: APP, generation: 'v3', metrics: ['cpu'], start: END - 6000, end: END, step: 60 }, {
      format: 'table', colour: false, stdoutIsTTY: true, stderrIsTTY: true, width: 60, now: NOW,
    });
    const line = narrow.stdout.split('\n')[4] ?? '';
    assert.equal(line.length, 60, 'fits a 60-column terminal exactly');
  });

  test('--json prints the payload as sent', async () => {
    const r = await runInProcess(['metrics', PROCESS, '--json'], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), KNOWN);
  });

  test('--metric, --since and --step (seconds or a duration) shape the query', async () => {
    server.requests.length = 0;
    await runInProcess(['metrics', PROCESS, '--metric', 'activeConnections,gpuMemory', '--since', '1d', '--step', '10m'], { env, now: NOW });
    await runInProcess(['metrics', PROCESS, '--since', '2h'], { env, now: NOW });
    await runInProcess(['metrics', PROCESS, '--since', '15m', '--step', '30'], { env, now: NOW });
    // An empty window also asks whether the process has ended (a courtesy request): skip it.
    const queries = server.requests.filter((req) => req.url.includes('/metrics')).map((req) => new URL(req.url, server.url).searchParams);
    assert.deepEqual(queries[0]?.getAll('metrics'), ['activeConnections', 'gpuMemory']);
    assert.deepEqual([queries[0]?.get('start'), queries[0]?.get('step')], [String(END - 86400), '600']);
    // Default step: about 60 samples, whole minutes.
    assert.deepEqual([queries[1]?.get('start'), queries[1]?.get('step')], [String(END - 7200), '120']);
    assert.deepEqual([queries[2]?.get('start'), queries[2]?.get('step')], [String(END - 900), '30']);
  });

  test('--metric forgives case and separators, and merges when repeated', async () => {
    server.requests.length = 0;
    const r = await runInProcess(['metrics', PROCESS, '--metric', 'CPU,rate-egress', '-m', 'active_connections', '--metric', 'cpu'], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    const query = new URL(server.requests[0]?.url ?? '', server.url).searchParams;
    assert.deepEqual(query.getAll('metrics'), ['cpu', 'rateEgress', 'activeConnections']);
  });

  test('--api v1: the deprecated endpoint with snake_case names, flagged in the output and on stderr', async () => {
    server.requests.length = 0;
    const r = await runInProcess(['metrics', PROCESS, '--api', 'v1', '--metric', 'cpu,rateEgress,active_connections'], { env, now: NOW, stderrTTY: true });
    assert.equal(r.code, 0, r.stderr);
    const url = new URL(server.requests[0]?.url ?? '', server.url);
    assert.equal(url.pathname, `/metrics/v1/${APP}/process/${PROCESS}`);
    assert.deepEqual(url.searchParams.getAll('metrics'), ['cpu', 'rate_egress', 'active_connections']);
    assert.equal(r.stderr, 'hproc: note: the v1 metrics endpoint is deprecated (snake_case names); drop --api v1 to use the current v3 endpoint\n');
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], `process ${PROCESS} (deprecated v1 metrics endpoint)`);
    assert.match(lines[5] ?? '', /^rate_egress +3\.0 KiB\/s +1\.0 KiB\/s +2\.0 KiB\/s +3\.0 KiB\/s +2$/);
    assert.match(lines[6] ?? '', /^active_connections +3 +3 +3 +3 +1$/);
  });
});

describe('flags are checked before any request (exit 2)', () => {
  for (const [argv, message] of [
    [['--since', 'soon'], /--since must be a duration/],
    [['--since', '1.5s'], /--since must be a whole number of seconds/],
    [['--step', '0'], /--step must be greater than zero/],
    [['--since', '30d', '--step', '60'], /more than 10000 samples/],
    [['--api', 'v1', '--metric', 'gpuMemory'], /the v1 metrics endpoint has no gpuMemory/],
    [['--api', 'v2'], /argument 'v2' is invalid/],
    [['--metric', 'cpu,,memory'], /--metric takes a comma-separated list/],
    [['--metric', 'cpu;rm'], /^hproc: --metric: unknown value 'cpu;rm'\nhint: known values: cpu, /],
    [['--metric', 'cpus'], /^hproc: --metric: unknown value 'cpus'\nhint: did you mean cpu\? \(known values: cpu, memory, rateEgress, totalEgress, activeConnections, gpuMemory, gpuUtilization\)\n$/],
    [['--metric', 'bandwidth'], /^hproc: --metric: unknown value 'bandwidth'\nhint: known values: cpu, /],
  ] as const) {
    test(argv.join(' '), async () => {
      server.requests.length = 0;
      const r = await runInProcess(['metrics', PROCESS, ...argv], { env, now: NOW });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
      assert.equal(server.requests.length, 0);
    });
  }
});

describe('against the emulator', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(() => emulator.close());

  test('the table agrees with stats recomputed from the JSON of the same window', async () => {
    const emuEnv = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
    const json = await runInProcess(['metrics', PROCESS, '--metric', 'activeConnections,totalEgress', '--json'], { env: emuEnv, now: NOW });
    const table = await runInProcess(['metrics', PROCESS, '--metric', 'activeConnections,totalEgress'], { env: emuEnv, now: NOW });
    assert.equal(json.code, 0, json.stderr);
    assert.equal(table.code, 0, table.stderr);
    const series = JSON.parse(json.stdout) as Record<string, { value: number; timestamp: number }[]>;
    const connections = series['activeConnections'] ?? [];
    assert.equal(connections.length, 61, 'one sample a minute, both ends included');
    const values = connections.map((s) => s.value);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const expected = [String(values.at(-1)), String(Math.min(...values)), String(Number(mean.toFixed(1))), String(Math.max(...values)), '61'];
    const row = table.stdout.split('\n').find((line) => line.startsWith('activeConnections')) ?? '';
    assert.deepEqual(row.split(/ +/).slice(1), expected);
    const egress = table.stdout.split('\n').find((line) => line.startsWith('totalEgress')) ?? '';
    const last = series['totalEgress']?.at(-1)?.value ?? -1;
    assert.match(egress, new RegExp(`^totalEgress +${(last / 1024 ** 3).toFixed(1)} GiB `));
  });

  test("a client whose clock is weeks past the emulator's epoch still sees a running process's metrics", async () => {
    const emuEnv = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
    const later = new Date('2026-11-29T09:00:00.000Z');
    const running = await runInProcess(['metrics', PROCESS, '--metric', 'cpu', '--since', '15m', '--json'], { env: emuEnv, now: later });
    const cpu = (JSON.parse(running.stdout) as { cpu: { timestamp: number }[] }).cpu;
    assert.equal(cpu.length, 16);
    assert.equal(cpu.at(-1)?.timestamp, later.getTime() / 1000);
    const stopped = await runInProcess(['metrics', '2f9e7b30-6a1d-4c58-b0e4-7d3c9a2f1b86', '--metric', 'cpu', '--json'], { env: emuEnv, now: later });
    assert.deepEqual(JSON.parse(stopped.stdout), { cpu: [] }, 'a stopped process has no samples after it ended');
  });

  test('unknown process: exit 3, nothing on stdout', async () => {
    const emuEnv = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
    const r = await runInProcess(['metrics', '00000000-0000-0000-0000-000000000000'], { env: emuEnv, now: NOW });
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^hproc: process 00000000-0000-0000-0000-000000000000 not found in app app-af469a92/);
  });
});

describe('a process that has ended', () => {
  test('empty series: a note says when it stopped, that its samples ended then, and how far back to look', async () => {
    const stopped = { ...(JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>), processId: PROCESS, status: 'stopped', stoppingAt: '2026-10-31T20:59:00.000Z', terminatedAt: '2026-10-31T21:00:00.000Z' };
    const ended = await startTestServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify((req.url ?? '').includes('/metrics') ? { cpu: [], memory: [], rateEgress: [], totalEgress: [], activeConnections: [] } : stopped));
    });
    try {
      const endedEnv = { ...env, HATHORA_CLOUD_ENDPOINT: ended.url };
      const r = await runInProcess(['metrics', PROCESS], { env: endedEnv, now: NOW, stderrTTY: true });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, `hproc: note: process ${PROCESS} stopped 3h ago (2026-10-31T21:00:00.000Z): its samples ended then; widen the window to see them, e.g. --since 4h\n`);
      assert.equal(ended.requests.length, 2);
      // With samples, no second request and no note.
      ended.requests.length = 0;
      const quiet = await runInProcess(['metrics', PROCESS], { env, now: NOW, stderrTTY: true });
      assert.equal(quiet.stderr, '');
    } finally {
      await ended.close();
    }
  });
});

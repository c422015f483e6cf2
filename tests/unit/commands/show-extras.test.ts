// hproc show in-process: the extra calls (rooms, metrics, deployment), what happens when one fails,
// and that JSON output neither makes them nor changes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateWorld } from '../../../src/emulator/generate-world.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { runInProcess } from '../../helpers/cli.js';
import { startTestServer, type TestServer } from '../../helpers/servers.js';

const NOW = new Date('2026-11-01T00:00:00.000Z');
const END = 1793491200;
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as { processId: string; appId: string; deploymentId: string };
const APP = fixture.appId;
const PROCESS = fixture.processId;

let server: TestServer;
let env: Record<string, string>;

before(async () => {
  server = await startTestServer((req, res) => {
    const path = new URL(req.url ?? '', 'http://x').pathname;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === `/processes/v3/apps/${APP}/processes/${PROCESS}`) return send(200, fixture);
    if (path.endsWith('/metrics')) return send(200, { cpu: [{ value: 0.5, timestamp: END }], activeConnections: [{ value: 7, timestamp: END }] });
    if (path.startsWith('/rooms/')) return send(503, { message: 'rooms are \u001b[31mdown' });
    return send(404, { message: 'Deployment not found' });
  });
  env = { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 'test-token', HATHORA_APP_ID: APP };
});
after(() => server.close());

describe('when extra calls fail', () => {
  test('the process still shows, with what could be fetched; stderr says what could not (sanitised); exit 0', async () => {
    server.requests.length = 0;
    const r = await runInProcess(['show', PROCESS, '--timeout', '1s'], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    const warnings = r.stderr.trimEnd().split('\n');
    assert.equal(warnings.length, 3, r.stderr);
    assert.match(warnings[0] ?? '', /^hproc: warning: could not fetch its active rooms: .*rooms are \\x1b\[31mdown/);
    assert.match(warnings[1] ?? '', new RegExp(`^hproc: warning: could not fetch its deployment ${fixture.deploymentId}: deployment ${fixture.deploymentId} not found in app ${APP}`));
    // This server knows no fleets: the early list answers 404, and so does the fleet asked by id.
    assert.equal(warnings[2], 'hproc: warning: could not fetch its fleet fleet-0b8e2c4d-1a3f-4e5b-8c7d-9f0a1b2c3d4e: fleet fleet-0b8e2c4d-1a3f-4e5b-8c7d-9f0a1b2c3d4e not found');
    assert.match(r.stdout, /^Process\n {2}process +5a8c1e02-7d3b-4f96-a0e4-3c9b2d17f8a1\n/);
    assert.match(r.stdout, /\nMetrics\n {2}cpu +0\.5 cores\n {2}connections +7\n {2}sampled +2026-11-01T00:00:00\.000Z\n/);
    assert.doesNotMatch(r.stdout, /\nRooms\n|\nDeployment\n|\nFleet\n/);
    const paths = server.requests.map((req) => new URL(req.url, server.url).pathname);
    assert.ok(paths.includes(`/deployments/v3/apps/${APP}/deployments/${fixture.deploymentId}`));
    const metrics = server.requests.find((req) => req.url.includes('/metrics'));
    const query = new URL(metrics?.url ?? '', server.url).searchParams;
    assert.deepEqual([query.get('start'), query.get('end'), query.get('step')], [String(END - 900), String(END), '60']);
  });

  test('--json: the process payload only, and no extra call', async () => {
    server.requests.length = 0;
    const r = await runInProcess(['show', PROCESS, '--json'], { env, now: NOW });
    assert.deepEqual({ code: r.code, stderr: r.stderr }, { code: 0, stderr: '' });
    assert.deepEqual(JSON.parse(r.stdout), fixture);
    assert.deepEqual(server.requests.map((req) => req.url), [`/processes/v3/apps/${APP}/processes/${PROCESS}`]);
  });
});

describe('against the emulator', () => {
  let emulator: RunningEmulator;
  let emuEnv: Record<string, string>;
  const app = generateWorld(1).apps[0];
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    emuEnv = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: app?.appId ?? '' };
  });
  after(() => emulator.close());

  test('a running process: its rooms, metrics and deployment, all agreeing with the emulator', async () => {
    const process = app?.processes.find((p) => p.processId === '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15');
    assert.ok(process);
    const r = await runInProcess(['show', process.processId], { env: emuEnv, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const active = process.rooms.filter((room) => room.unscheduledAt === null);
    assert.match(r.stdout, new RegExp(`\\nRooms\\n {2}active +${active.length}\\n`));
    for (const room of active) assert.match(r.stdout, new RegExp(`\\n {2}${room.roomId} +active, scheduled ${new Date(room.scheduledAt).toISOString()}\\n`));
    const d = process.deployment;
    assert.match(r.stdout, new RegExp(`\\nDeployment\\n {2}id +${d.deploymentId}\\n {2}build tag +${d.build.buildTag ?? ''}\\n {2}requested cpu +${d.requestedCPU} cores\\n {2}requested memory +${d.requestedMemoryMB} MB`));
    assert.match(r.stdout, new RegExp(`\\n {2}idle timeout +${d.idleTimeoutEnabled ? 'enabled' : 'disabled'}`));
    assert.match(r.stdout, /\nMetrics\n {2}cpu +[\d.]+ cores \(\d+% of \d+\)\n {2}memory +[\d.]+ [KMG]iB \(\d+% of [\d.]+ GiB\)\n {2}connections +\d+\n {2}egress rate +[\d.]+ [KMG]?i?B\/s\n {2}egress total +[\d.]+ [KMG]iB\n {2}sampled +2026-11-01T00:00:00\.000Z\n/);
  });

  test('a running process with no rooms for the whole window is marked idle', async () => {
    // The first running process whose rooms all ended before the metrics window began.
    const idle = app?.processes.find((p) => p.status === 'running' && p.rooms.every((room) => room.unscheduledAt !== null && room.unscheduledAt < (END - 900) * 1000));
    assert.ok(idle);
    const r = await runInProcess(['show', idle.processId], { env: emuEnv, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    const note = idle.deployment.idleTimeoutEnabled
      ? '⚠ past the 5m idle timeout its deployment enables: Hathora stops idle processes'
      : 'past 5m, but its deployment disables the idle timeout';
    assert.match(r.stdout, new RegExp(`\\n {2}idle +yes, for at least 15m: no active rooms, no connections\\n +${note.replace(/[()]/g, '\\$&')}\\n`));
  });

  test('a stopped process: no rooms or metrics are asked for, the deployment still is', async () => {
    const stopped = '2f9e7b30-6a1d-4c58-b0e4-7d3c9a2f1b86';
    const r = await runInProcess(['show', stopped], { env: emuEnv, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /\nRooms\n|\nMetrics\n/);
    assert.match(r.stdout, /\nDeployment\n {2}id +dep-/);
  });

  test('--api v1: rooms and metrics, but no v3 deployment for the numeric id', async () => {
    const r = await runInProcess(['show', '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15', '--api', 'v1'], { env: emuEnv, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /\nRooms\n[\s\S]*\nMetrics\n/);
    assert.doesNotMatch(r.stdout, /\nDeployment\n/);
  });
});

// hproc rooms in-process: known rooms from a local server (exact output, shortened and sanitised
// configs, open statuses) and the emulator's rooms.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { runInProcess } from '../../helpers/cli.js';
import { startTestServer, type TestServer } from '../../helpers/servers.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const PROCESS = '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15';
const NOW = new Date('2026-11-01T00:00:00.000Z');

const LONG_CONFIG = '{"mode":"ranked","map":"harbor","players":["alice","bob","carol","dave"]}';
const allocation = (scheduledAt: string, unscheduledAt: string | null, id: string) => ({ unscheduledAt, scheduledAt, processId: PROCESS, roomAllocationId: id });
const ACTIVE = [
  { currentAllocation: allocation('2026-10-31T23:56:00.000Z', null, 'alloc-1'), status: 'active', roomConfig: LONG_CONFIG, roomId: 'room-one', appId: APP },
  { currentAllocation: allocation('2026-10-31T22:00:00.000Z', null, 'alloc-2'), status: 'scheduling', roomConfig: 'evil\u001b[2J\nFAKE ROW', roomId: 'room-two', appId: APP },
  { currentAllocation: null, status: 'suspended', roomId: 'room-three', appId: APP },
];
const INACTIVE = [
  { currentAllocation: allocation('2026-10-30T10:00:00.000Z', '2026-10-30T11:30:00.000Z', 'alloc-4'), status: 'destroyed', roomConfig: null, roomId: 'room-four', appId: APP },
];

let server: TestServer;
let env: Record<string, string>;

before(async () => {
  server = await startTestServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify((req.url ?? '').endsWith('/inactive') ? INACTIVE : ACTIVE));
  });
  env = { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 'test-token', HATHORA_APP_ID: APP };
});
after(() => server.close());

describe('known rooms', () => {
  test('piped: one line per room, times in RFC 3339, configs whole and sanitised', async () => {
    server.requests.length = 0;
    const r = await runInProcess(['rooms', PROCESS], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        'ROOM ID     STATUS      SCHEDULED                 UNSCHEDULED  CONFIG',
        `room-one    active      2026-10-31T23:56:00.000Z  -            ${LONG_CONFIG}`,
        'room-two    scheduling  2026-10-31T22:00:00.000Z  -            evil\\x1b[2J\\nFAKE ROW',
        'room-three  suspended   -                         -            -',
        '',
      ].join('\n'),
    );
    assert.deepEqual(server.requests.map((req) => req.url), [`/rooms/v2/${APP}/list/${PROCESS}/active`]);
  });

  test('on a terminal: relative times, known statuses coloured, an unknown one not', async () => {
    const r = await runInProcess(['rooms', PROCESS], { env, now: NOW, tty: true });
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[1] ?? '', /^room-one +\u001b\[32mactive\u001b\[39m +4m ago /);
    assert.match(lines[2] ?? '', /^room-two +\u001b\[36mscheduling\u001b\[39m +2h ago /);
    assert.match(lines[3] ?? '', /^room-three +suspended +- +- +-$/);
  });

  test('on a terminal the config takes at most 40 cells, and gives way to the times at 80 columns; -o wide keeps it whole', async () => {
    const at = async (columns: number, ...flags: string[]) =>
      (await runInProcess(['rooms', PROCESS, '--all', '--no-color', ...flags], { env, now: NOW, tty: true, columns })).stdout;
    assert.equal(
      await at(120),
      [
        'ROOM ID     STATUS      SCHEDULED  UNSCHEDULED  CONFIG',
        'room-one    active      4m ago     -            {"mode":"ranked","map":"harbor","player…',
        'room-two    scheduling  2h ago     -            evil\\x1b[2J\\nFAKE ROW',
        'room-three  suspended   -          -            -',
        'room-four   destroyed   1d ago     1d ago       -',
        '',
      ].join('\n'),
    );
    assert.equal(
      await at(50),
      [
        'ROOM ID     STATUS      SCHEDULED  CONFIG',
        'room-one    active      4m ago     {"mode":"ranke…',
        'room-two    scheduling  2h ago     evil\\x1b[2J\\nF…',
        'room-three  suspended   -          -',
        'room-four   destroyed   1d ago     -',
        '',
      ].join('\n'),
    );
    const wide = (await at(80, '-o', 'wide')).split('\n');
    assert.equal(wide[1], `room-one    active      4m ago     -            alloc-1        ${LONG_CONFIG}`);
  });

  test('--all: active then inactive, two calls; -o wide adds the allocation id', async () => {
    server.requests.length = 0;
    const r = await runInProcess(['rooms', PROCESS, '--all', '-o', 'wide'], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(server.requests.map((req) => req.url).sort(), [`/rooms/v2/${APP}/list/${PROCESS}/active`, `/rooms/v2/${APP}/list/${PROCESS}/inactive`]);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ROOM ID +STATUS +SCHEDULED +UNSCHEDULED +ALLOCATION ID +CONFIG$/);
    assert.deepEqual(lines.slice(1).map((line) => line.split(/ +/)[0]), ['room-one', 'room-two', 'room-three', 'room-four']);
    assert.equal(lines[4], 'room-four   destroyed   2026-10-30T10:00:00.000Z  2026-10-30T11:30:00.000Z  alloc-4        -');
  });

  test('--inactive alone, and --json with the configs whole', async () => {
    const inactive = await runInProcess(['rooms', PROCESS, '--inactive', '--json'], { env, now: NOW });
    assert.equal(inactive.code, 0, inactive.stderr);
    assert.deepEqual(JSON.parse(inactive.stdout), INACTIVE);
    const active = await runInProcess(['rooms', PROCESS, '--json'], { env, now: NOW });
    assert.deepEqual(JSON.parse(active.stdout), ACTIVE);
    const ndjson = await runInProcess(['rooms', PROCESS, '-o', 'ndjson'], { env, now: NOW });
    assert.deepEqual(ndjson.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown), ACTIVE);
  });

  test('--all with --inactive is a usage error before any request', async () => {
    server.requests.length = 0;
    const r = await runInProcess(['rooms', PROCESS, '--all', '--inactive'], { env, now: NOW });
    assert.deepEqual(r, { code: 2, stdout: '', stderr: 'hproc: --all conflicts with --inactive\n' });
    assert.equal(server.requests.length, 0);
  });
});

describe('against the emulator', () => {
  let emulator: RunningEmulator;
  let emuEnv: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    emuEnv = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
  });
  after(() => emulator.close());

  test('as many active rooms as the process has allocated, found without --app', async () => {
    const show = await runInProcess(['show', PROCESS, '--json'], { env: emuEnv, now: NOW });
    const allocated = (JSON.parse(show.stdout) as { roomsAllocated: number }).roomsAllocated;
    const r = await runInProcess(['rooms', PROCESS], { env: { ...emuEnv, HATHORA_APP_ID: undefined }, now: NOW, stderrTTY: true });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `hproc: found process ${PROCESS} in app ${APP}\n`);
    const rows = r.stdout.trimEnd().split('\n').slice(1);
    assert.equal(rows.length, allocated);
    for (const row of rows) assert.match(row, /^[0-9a-z]{13} +active +\S+ +- +\S/);
  });

  test('a process with no rooms: empty stdout, a note only for a person', async () => {
    const starting = '4a8c6e10-2d9b-4f57-b3e1-6c0d5a7f9e28';
    assert.deepEqual(await runInProcess(['rooms', starting], { env: emuEnv, now: NOW }), { code: 0, stdout: '', stderr: '' });
    const tty = await runInProcess(['rooms', starting], { env: emuEnv, now: NOW, tty: true });
    assert.deepEqual(tty, { code: 0, stdout: '', stderr: `hproc: no active rooms on process ${starting}\n` });
    assert.deepEqual(await runInProcess(['rooms', starting, '--json'], { env: emuEnv, now: NOW }), { code: 0, stdout: '[]\n', stderr: '' });
  });

  test('unknown process: exit 3', async () => {
    const r = await runInProcess(['rooms', '00000000-0000-0000-0000-000000000000'], { env: emuEnv, now: NOW });
    assert.equal(r.code, 3);
    assert.equal(r.stdout, '');
  });
});

// The commands that explain a process, against the emulator: `hproc fleets`, `hproc deployments`,
// the fleet section of `hproc show`, and a token without the scope a command needs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BIG_APP_ID, EMPTY_APP_ID, FAILED_PROCESS_ID, RUNNING_PROCESS_ID } from '../../../src/emulator/data.js';
import { generateWorld } from '../../../src/emulator/generate-world.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { runInProcess } from '../../helpers/cli.js';

const NOW = new Date('2026-11-01T00:00:00.000Z');
const world = generateWorld(1);
const big = world.apps[0];
const plain = (text: string): string => text.replace(/\u001b\[[0-9;]*m/g, '');
const widest = (text: string): number => Math.max(...plain(text).split('\n').map((line) => [...line].length));

let emulator: RunningEmulator;
let env: Record<string, string>;
let fleetId = '';

before(async () => {
  emulator = await startEmulator({ port: 0 });
  env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID };
  fleetId = big?.deployments.find((d) => d.fleetId !== undefined)?.fleetId ?? '';
});
after(() => emulator.close());

describe('hproc fleets', () => {
  test('piped: one line per fleet and region, in-error regions first, the times in RFC 3339', async () => {
    const r = await runInProcess(['fleets'], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const rows = r.stdout.trimEnd().split('\n').map((line) => line.split(/ {2,}/));
    assert.deepEqual(rows[0], ['FLEET', 'NODE SHAPE', 'SCALE UP', 'REGION', 'STATE', 'LAST ERROR', 'WHEN']);
    assert.deepEqual(rows.slice(1).map((row) => row.slice(0, 5)), [
      ['arena-production', 'cpu-8-16', '80%', 'London', '⚠ in error'],
      ['arena-production', 'cpu-8-16', '80%', 'Frankfurt', 'ok'],
      ['arena-production', 'cpu-8-16', '80%', 'Tokyo', 'ok'],
      ['tidepool-staging', 'cpu-4-8', '-', '-', 'not reported'],
    ]);
    assert.equal(rows[1]?.[5], 'not enough capacity: could not provision a node of shape cpu-8-16 in London');
    assert.match(rows[1]?.[6] ?? '', /^2026-10-31T2\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(rows[3]?.slice(5), ['-', '-']);
  });

  test('--json is the fleets array as sent; a person is told which regions are in error', async () => {
    const r = await runInProcess(['fleets', '--json'], { env, now: NOW, stderrTTY: true });
    assert.equal(r.code, 0, r.stderr);
    const sent = (await (await fetch(`${emulator.url}/fleets/v1/fleets`, { headers: { Authorization: `Bearer ${emulator.token}` } })).json()) as { fleets: unknown[] };
    assert.deepEqual(JSON.parse(r.stdout), sent.fleets);
    const table = await runInProcess(['fleets'], { env, now: NOW, stderrTTY: true });
    assert.equal(
      table.stderr,
      'hproc: note: in error: arena-production in London; processes there may fail to start\nhproc: note: "not reported": the API sent no errorState for that fleet (older servers do not)\n',
    );
  });

  test('on an 80-column terminal every line fits; -o wide adds the fleet id', async () => {
    const r = await runInProcess(['fleets'], { env, now: NOW, tty: true, columns: 80 });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(widest(r.stdout) <= 80, plain(r.stdout));
    // The threshold gives way first; the error is shortened, and when it happened stays.
    assert.match(plain(r.stdout), /^FLEET +NODE SHAPE +REGION +STATE +LAST ERROR +WHEN\narena-production +cpu-8-16 +London +⚠ in error +not enough c[^ ]*… +\d+h ago\n/);
    const wide = await runInProcess(['fleets', '-o', 'wide'], { env, now: NOW });
    assert.match(wide.stdout, new RegExp(`^FLEET ID +FLEET .*\\n${fleetId} +arena-production `));
  });
});

describe('hproc deployments', () => {
  const newestFirst = [...(big?.deployments ?? [])].sort((a, b) => b.createdAt - a.createdAt);

  test('every page (three a page in the emulator), newest first, piped', async () => {
    const r = await runInProcess(['deployments'], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^DEPLOYMENT ID +TAG +BUILD +CPU +MEMORY +CREATED$/);
    assert.deepEqual(
      lines.slice(1).map((line) => line.split(/ +/)),
      newestFirst.map((d) => [d.deploymentId, d.deploymentTag ?? '-', d.build.buildTag ?? '-', String(d.requestedCPU), String(d.requestedMemoryMB / 1024), 'GiB', new Date(d.createdAt).toISOString()]),
    );
    assert.equal(newestFirst.length, 4, 'more than one page');
  });

  test('--json: the deployments as sent, env values hidden; --limit says what it left out, always', async () => {
    const r = await runInProcess(['deployments', '--json'], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    const listed = JSON.parse(r.stdout) as { deploymentId: string; env: { value: string }[] }[];
    assert.deepEqual(listed.map((d) => d.deploymentId), newestFirst.map((d) => d.deploymentId));
    assert.ok(listed.every((d) => d.env.every((e) => e.value === '(hidden by hproc)')));
    const limited = await runInProcess(['deployments', '--limit', '3', '--json'], { env, now: NOW });
    assert.equal(limited.code, 0, limited.stderr);
    assert.equal((JSON.parse(limited.stdout) as unknown[]).length, 3);
    assert.equal(limited.stderr, 'hproc: warning: listed the newest 3 deployments fetched; more follow (raise --limit)\n');
  });

  test('filters by tag and build tag; an app with none prints nothing, and says so to a person', async () => {
    const tagged = await runInProcess(['deployments', '--tag', 'release-2026.10', '-o', 'ndjson'], { env, now: NOW });
    assert.deepEqual(tagged.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { deploymentTag: string }).deploymentTag), ['release-2026.10']);
    const empty = await runInProcess(['deployments', '--app', EMPTY_APP_ID], { env, now: NOW, stderrTTY: true });
    assert.deepEqual(empty, { code: 0, stdout: '', stderr: 'hproc: no deployments\n' });
    const bad = await runInProcess(['deployments', '--tag', ''], { env, now: NOW });
    assert.deepEqual(bad, { code: 2, stdout: '', stderr: 'hproc: --tag needs a value\n' });
  });

  test('on an 80-column terminal every line fits, the ids whole', async () => {
    const r = await runInProcess(['deployments'], { env, now: NOW, tty: true, columns: 80 });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(widest(r.stdout) <= 80, plain(r.stdout));
    for (const d of newestFirst) assert.ok(plain(r.stdout).includes(d.deploymentId));
    // Every column stays: the deployment tag is the one shortened.
    assert.match(plain(r.stdout), /^DEPLOYMENT ID +TAG +BUILD +CPU +MEMORY +CREATED\n\S+ +release… +v1\.5\.0 +2 +4 GiB +2d ago\n/);
  });
});

describe('hproc show: the fleet', () => {
  test("a failed process in London: its fleet's name and node shape, and the fleet's error there", async () => {
    const r = await runInProcess(['show', FAILED_PROCESS_ID], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`\\n {2}fleet +${fleetId}\\n +arena-production, node shape cpu-8-16\\n`));
    const fleet = r.stdout.slice(r.stdout.indexOf('\nFleet\n') + 1).split('\n');
    assert.deepEqual(fleet.slice(0, 6).map((line) => line.replace(/ {2,}/g, '|')), [
      'Fleet',
      `|name|arena-production`,
      `|id|${fleetId}`,
      '|node shape|cpu-8-16',
      '|autoscaler|adds nodes above 80% vCPU utilisation',
      '|in London|in error',
    ]);
    assert.match(fleet[6] ?? '', /^ +⚠ last error: not enough capacity: could not provision a node of shape cpu-8-16 in London \(2026-10-31T2\d:\d\d:\d\d\.\d{3}Z\)$/);
  });

  test('a process in Frankfurt: the fleet is ok there, its last error kept as a remark', async () => {
    const r = await runInProcess(['show', RUNNING_PROCESS_ID], { env, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\n {2}in Frankfurt +ok\n +last error: node provisioning timed out \(/);
  });
});

describe('a token without the scope a command needs', () => {
  test('the refusal names the scope; show still shows the process, auth status --check says what it cannot read', async () => {
    const limited = await startEmulator({ port: 0, scopes: ['processes:read', 'applications:read', 'deployments:read'] });
    try {
      const limitedEnv = { ...env, HATHORA_CLOUD_ENDPOINT: limited.url };
      const fleets = await runInProcess(['fleets'], { env: limitedEnv, now: NOW });
      assert.deepEqual(fleets, {
        code: 4,
        stdout: '',
        stderr:
          "hproc: token not allowed (403): Forbidden: this token lacks the scope fleets:read\nhint: this request needs the scope fleets:read (hproc's reading: the API does not say which scope each call needs); the token may lack it or belong to another organisation (hproc auth status --check lists its scopes)\n",
      });
      const show = await runInProcess(['show', FAILED_PROCESS_ID], { env: limitedEnv, now: NOW });
      assert.equal(show.code, 0, show.stderr);
      assert.equal(show.stderr, `hproc: warning: could not fetch its fleet ${fleetId}: token not allowed (403): Forbidden: this token lacks the scope fleets:read\n`);
      const status = await runInProcess(['auth', 'status', '--check'], { env: limitedEnv, now: NOW });
      assert.equal(status.code, 0, status.stderr);
      assert.match(status.stdout, /\norg +not readable: token not allowed \(403\): Forbidden: this token lacks the scope orgs:read \(listing organisations needs the scope orgs:read, by hproc's reading\)\n$/);
    } finally {
      await limited.close();
    }
  });
});

// hproc apps in-process against the emulator: the app secret (and deployment environment values)
// never appear, whatever the format.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateWorld } from '../../../src/emulator/generate-world.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { runInProcess } from '../../helpers/cli.js';

const NOW = new Date('2026-11-01T00:00:00.000Z');
const world = generateWorld(1);
const secrets = world.apps.map((app) => app.appSecret);
const envValues = world.apps.flatMap((app) => app.deployments.flatMap((d) => d.env.map((e) => e.value)));

let emulator: RunningEmulator;
let env: Record<string, string>;

before(async () => {
  emulator = await startEmulator({ port: 0 });
  env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token };
});
after(() => emulator.close());

test('the emulator does send secrets, so the checks below can fail', async () => {
  const response = await fetch(`${emulator.url}/apps/v2/apps`, { headers: { Authorization: `Bearer ${emulator.token}` } });
  const text = await response.text();
  assert.equal(secrets.length, 3);
  for (const secret of secrets) assert.ok(text.includes(secret));
  assert.ok(envValues.some((value) => text.includes(value)));
});

for (const [name, argv, tty] of [
  ['table, piped', [], false],
  ['table, terminal', [], true],
  ['wide', ['-o', 'wide'], false],
  ['json', ['--json'], false],
  ['json, terminal', ['-o', 'json'], true],
  ['ndjson', ['-o', 'ndjson'], false],
  ['debug', ['--debug'], false],
] as const) {
  test(`no app secret and no environment value in any output: ${name}`, async () => {
    const r = await runInProcess(['apps', ...argv], { env, now: NOW, tty });
    assert.equal(r.code, 0, r.stderr);
    const all = r.stdout + r.stderr;
    for (const secret of secrets) assert.ok(!all.includes(secret), `${name} printed an app secret`);
    for (const value of envValues) assert.ok(!all.includes(value), `${name} printed an environment value`);
    assert.ok(!all.includes('appSecret'));
  });
}

test('piped table: live apps by name, with the latest deployment and when the app was created; wide adds more', async () => {
  const r = await runInProcess(['apps'], { env, now: NOW });
  const byName = [...world.apps].sort((a, b) => a.appName.localeCompare(b.appName));
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^APP ID +NAME +LATEST DEPLOYMENT +CREATED$/);
  assert.equal(lines.length, 1 + byName.length);
  byName.forEach((app, i) => {
    const latest = app.deployments.at(-1);
    const cells = (lines[i + 1] ?? '').split(/ +/);
    assert.deepEqual(cells, [
      app.appId,
      app.appName,
      latest?.deploymentId ?? '-',
      new Date(app.createdAt).toISOString(),
    ]);
  });
  const wide = await runInProcess(['apps', '-o', 'wide'], { env, now: NOW });
  const big = byName.find((app) => app.appName === 'arena-brawl-prod');
  const latest = big?.deployments.at(-1);
  assert.match(wide.stdout.split('\n')[0] ?? '', /^APP ID +NAME +LATEST DEPLOYMENT +CREATED +DEPLOYED +BUILD TAG +ORG +DELETED$/);
  const row = wide.stdout.split('\n').find((line) => line.startsWith(big?.appId ?? '?'))?.split(/ +/);
  assert.deepEqual(row?.slice(4), [new Date(latest?.createdAt ?? 0).toISOString(), latest?.build.buildTag, big?.orgId, '-']);
});

test('on an 80-column terminal the names stay whole; the deployment id is cut first', async () => {
  const r = await runInProcess(['apps', '--no-color'], { env, now: NOW, tty: true, columns: 80 });
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(Math.max(...lines.map((line) => [...line].length)) <= 80);
  for (const app of world.apps) assert.ok(lines.some((line) => line.includes(`  ${app.appName}  `)), app.appName);
});

test('JSON: the API payload with appSecret removed and environment values hidden, nothing else changed', async () => {
  const r = await runInProcess(['apps', '--json'], { env, now: NOW });
  const printed = JSON.parse(r.stdout) as Record<string, unknown>[];
  const response = await fetch(`${emulator.url}/apps/v2/apps`, { headers: { Authorization: `Bearer ${emulator.token}` } });
  const sent = ((await response.json()) as { applications: Record<string, unknown>[] }).applications;
  const expected = sent.map((app) => {
    const { appSecret: _secret, ...rest } = app;
    const deployment = rest['deployment'] as { env: { name: string; value: string }[] } | undefined;
    if (deployment !== undefined) deployment.env = deployment.env.map((e) => ({ ...e, value: '(hidden by hproc)' }));
    return rest;
  });
  assert.deepEqual(printed, expected);
});

test('no token: exit 4 before any request', async () => {
  const r = await runInProcess(['apps'], { env: { HATHORA_CLOUD_ENDPOINT: emulator.url }, now: NOW });
  assert.equal(r.code, 4);
  assert.equal(r.stdout, '');
});

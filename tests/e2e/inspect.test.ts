// The built binary: metrics, rooms, summary, apps and explain as a user runs them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { runBinary, runInProcess } from '../helpers/cli.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const RUNNING = '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15';
const ANSI = /\u001b\[/;

let emulator: RunningEmulator;
let env: Record<string, string>;

before(async () => {
  emulator = await startEmulator({ port: 0 });
  env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
});
after(() => emulator.close());

describe('help', () => {
  // In-process: the same commander program as the binary, without a spawn per command.
  for (const name of ['metrics', 'rooms', 'summary', 'apps', 'explain']) {
    test(`${name} --help has pasteable examples`, async () => {
      const r = await runInProcess([name, '--help']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^Usage: hproc ${name} `));
      assert.match(r.stdout, /\nExamples:\n {2}# .+\n {2}\$ hproc /);
    });
  }
});

describe('against the emulator, piped', () => {
  test('explain needs no token, endpoint or app', async () => {
    const r = await runBinary(['explain', 'Process.idleSince']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Process\.idleSince\n/);
    assert.match(r.stdout, /\n {2}suggested +none known \(hproc's suggestion: the API names no replacement\)\n/);
    const bad = await runBinary(['explain', 'Nope']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stdout, '');
  });

  test('metrics: the window, a row per metric, no ANSI and no sparkline in a pipe', async () => {
    const r = await runBinary(['metrics', RUNNING, '--since', '15m'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, ANSI);
    assert.doesNotMatch(r.stdout, /[▁▂▃▄▅▆▇█]/);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[1] ?? '', /^window \S+Z to \S+Z \(15m\), step 60s$/);
    assert.deepEqual(lines.slice(4).map((line) => line.split(/ +/)[0]), ['cpu', 'memory', 'rateEgress', 'totalEgress', 'activeConnections']);
    const json = await runBinary(['metrics', RUNNING, '--since', '15m', '--json'], env);
    assert.deepEqual(Object.keys(JSON.parse(json.stdout) as object), ['cpu', 'memory', 'rateEgress', 'totalEgress', 'activeConnections']);
  });

  test('rooms, summary and apps: exit 0, JSON that parses, no secret', async () => {
    const rooms = await runBinary(['rooms', RUNNING, '--json'], env);
    assert.equal(rooms.code, 0, rooms.stderr);
    assert.ok(Array.isArray(JSON.parse(rooms.stdout)));
    const summary = await runBinary(['summary', '--json'], env);
    assert.equal(summary.code, 0, summary.stderr);
    assert.equal((JSON.parse(summary.stdout) as { appId: string }).appId, APP);
    const apps = await runBinary(['apps', '--json'], env);
    assert.equal(apps.code, 0, apps.stderr);
    assert.equal((JSON.parse(apps.stdout) as unknown[]).length, 3);
    assert.doesNotMatch(apps.stdout, /appSecret|secret-[0-9a-f]{8}/);
  });
});

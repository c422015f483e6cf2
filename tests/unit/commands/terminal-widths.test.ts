// Every default table on an 80- and a 120-column terminal, exactly: nothing wraps, no id is cut,
// and what gives way is what the columns' priorities say (README, "What fits"). The expected
// screens are in tests/golden/widths/; HPROC_UPDATE_GOLDEN=1 rewrites them from this run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { displayWidth } from '../../../src/render/width.js';
import { runInProcess } from '../../helpers/cli.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const PROCESS = '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15';
const NOW = new Date('2026-11-01T00:00:00.000Z');

const SCREENS: [name: string, argv: string[]][] = [
  ['list', ['list', '-l', '6']],
  ['apps', ['apps']],
  ['summary', ['summary']],
  ['metrics', ['metrics', PROCESS]],
  ['rooms', ['rooms', PROCESS, '--all']],
];

describe('default tables fit the terminal', () => {
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
  });
  after(() => emulator.close());

  for (const [name, argv] of SCREENS) {
    for (const columns of [80, 120]) {
      test(`${name} at ${columns} columns`, async () => {
        const r = await runInProcess([...argv, '--no-color'], { env, now: NOW, tty: true, columns });
        assert.equal(r.code, 0, r.stderr);
        // Of the summary, the tables fitted to the terminal: the sections before them never need cutting.
        const shown = name === 'summary' ? r.stdout.slice(r.stdout.indexOf('Deployments of live processes\n')) : r.stdout;
        const golden = new URL(`../../golden/widths/${name}-${columns}.txt`, import.meta.url);
        if (process.env.HPROC_UPDATE_GOLDEN === '1') writeFileSync(golden, shown);
        assert.equal(shown, readFileSync(golden, 'utf8'));
        for (const line of r.stdout.split('\n')) assert.ok(displayWidth(line) <= columns, `wider than ${columns}: ${line}`);
      });
    }
  }

  test('-o wide and piped output are never cut or fitted, whatever the terminal', async () => {
    const wide = await runInProcess(['list', '-l', '6', '-o', 'wide', '--no-color'], { env, now: NOW, tty: true, columns: 80 });
    const wider = await runInProcess(['list', '-l', '6', '-o', 'wide', '--no-color'], { env, now: NOW, tty: true, columns: 400 });
    assert.equal(wide.stdout, wider.stdout);
    assert.doesNotMatch(wide.stdout, /…/);
    assert.match(wide.stdout, /dep-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} /);
    const piped = await runInProcess(['list', '-l', '6'], { env, now: NOW });
    assert.match(piped.stdout.split('\n')[0] ?? '', /^PROCESS ID +STATUS +REGION +ROOMS +ADDRESS +CREATED$/);
  });
});

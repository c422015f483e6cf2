// The built binary against the emulator under every reading of what the API leaves undocumented
// (src/emulator/readings.ts): a listing is whole or says loudly that it is not, an unknown filter
// value fares the same whichever way the server treats it, the v1/v2 deployment number is never
// passed off as the deployment, and rooms still scheduling (with or without an allocation) show.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { BIG_APP_ID, RUNNING_PROCESS_ID, SEED_PROCESS_ID } from '../../src/emulator/data.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { BIN, runBinary } from '../helpers/cli.js';

const emulators = new Map<string, RunningEmulator>();
const SPECS = [
  'cursor=ms',
  'cursor=seconds',
  'cursor=ignored',
  'filters=reject',
  'filters=pass',
  'filters=ignore',
  'deployment-id=meaningful',
  'deployment-id=invalid',
  'rooms=placed',
  'rooms=scheduling',
  'rooms=unplaced',
];
// A big app: 300 processes, so that listings need many pages and the partitions more than one each.
const BIG = 300;

before(async () => {
  for (const spec of SPECS) emulators.set(spec, await startEmulator({ readings: spec, bigAppProcesses: BIG }));
});
after(async () => {
  for (const emulator of emulators.values()) await emulator.close();
});

function envOf(spec: string): Record<string, string> {
  const emulator = emulators.get(spec) as RunningEmulator;
  return { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID };
}

async function countOf(spec: string, query = ''): Promise<number> {
  const emulator = emulators.get(spec) as RunningEmulator;
  const response = await fetch(`${emulator.url}/processes/v3/apps/${BIG_APP_ID}/processes/count${query}`, { headers: { Authorization: `Bearer ${emulator.token}` } });
  return ((await response.json()) as { count: number }).count;
}

const INCOMPLETE = /^hproc: listing incomplete: (\d+) processes shown; the server does not page with the v3 `before` cursor: asked for processes created before \S+Z, in epoch milliseconds and then in Unix seconds, it answered newer ones \(or none of the older ones it counts\), so older pages cannot be reached\nhint: each --status and --region value pages on its own cursor: narrower filters may reach the rest\n$/;

describe('the v3 before cursor', () => {
  for (const spec of ['cursor=ms', 'cursor=seconds']) {
    for (const paging of ['partitioned', 'single']) {
      test(`${spec}, ${paging} paging: list --all holds every process, and exits 0`, async () => {
        const r = await runBinary(['list', '--all', '--limit', '1000', '-q', '--paging', paging], envOf(spec));
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stderr, '');
        const ids = r.stdout.trimEnd().split('\n');
        assert.equal(new Set(ids).size, ids.length, 'no duplicates');
        assert.equal(ids.length, await countOf(spec));
      });
    }
    test(`${spec}: the same listing as milliseconds give, and summary exits 0`, async () => {
      const here = await runBinary(['list', '--status', 'stopped', '--limit', '150', '--json'], envOf(spec));
      const there = await runBinary(['list', '--status', 'stopped', '--limit', '150', '--json'], envOf('cursor=ms'));
      assert.equal(here.code, 0, here.stderr);
      assert.deepEqual(
        (JSON.parse(here.stdout) as { processId: string }[]).map((p) => p.processId),
        (JSON.parse(there.stdout) as { processId: string }[]).map((p) => p.processId),
      );
      const summary = await runBinary(['summary', '--json'], envOf(spec));
      assert.equal(summary.code, 0, summary.stderr);
      const { total } = JSON.parse(summary.stdout) as { total: { live: number } };
      assert.equal(total.live, await countOf(spec, '?status=starting&status=running&status=draining&status=stopping'));
    });
  }

  for (const paging of ['partitioned', 'single']) {
    test(`cursor=ignored, ${paging} paging: the listing printed, then why it is incomplete, always, and exit 9`, async () => {
      // JSON for a script, and bare ids (-q): either way the reason is on stderr.
      for (const format of [['--json'], ['-q']]) {
        const r = await runBinary(['list', '--all', '--limit', '1000', '--paging', paging, ...format], envOf('cursor=ignored'));
        assert.equal(r.code, 9);
        const shown = Number(INCOMPLETE.exec(r.stderr)?.[1]);
        assert.match(r.stderr, INCOMPLETE);
        const listed = format[0] === '--json' ? (JSON.parse(r.stdout) as unknown[]) : r.stdout.trimEnd().split('\n');
        assert.equal(listed.length, shown);
        assert.ok(shown < (await countOf('cursor=ignored')), `${shown} is fewer than all`);
        if (paging === 'single') assert.equal(shown, 10);
      }
    });
  }

  test('cursor=ignored: a listing that fits the first page is whole, and exits 0', async () => {
    const r = await runBinary(['list', '--limit', '5', '-q'], envOf('cursor=ignored'));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trimEnd().split('\n').length, 5);
  });

  test('cursor=ignored: summary prints its figures, then says which listing is short, and exits 9', async () => {
    // Big enough that a region holds more live processes than its first page.
    const emulator = await startEmulator({ readings: 'cursor=ignored', bigAppProcesses: 2000 });
    const r = await runBinary(['summary', '--json'], { ...envOf('cursor=ignored'), HATHORA_CLOUD_ENDPOINT: emulator.url }).finally(() => emulator.close());
    assert.equal(r.code, 9);
    const summary = JSON.parse(r.stdout) as { total: { live: number } };
    assert.ok(summary.total.live > 0);
    assert.match(r.stderr, /^hproc: summary incomplete: \d+ of \d+ (live|failed) processes were listed \((per-region figures|exit reasons) cover those\); the server does not page with the v3 `before` cursor: /);
    assert.match(r.stderr, /\nhint: each --status and --region value pages on its own cursor: narrower filters may reach the rest\n$/);
  });

  test('cursor=ignored: list --watch, piped, writes its events and warns once on stderr', async () => {
    const child = spawn(process.execPath, [BIN, 'list', '--watch', '--all', '--limit', '300', '--interval', '250ms', '--paging', 'single'], {
      env: { PATH: process.env.PATH, ...envOf('cursor=ignored') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Three polls at least.
    for (let i = 0; i < 400 && !(stderr.includes('listing incomplete') && stdout.split('\n').length > 10); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    await new Promise((resolve) => setTimeout(resolve, 800));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 130);
    const events = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string });
    assert.equal(events.filter((event) => event.type === 'ADDED').length, 10);
    assert.equal((stderr.match(/^hproc: warning: listing incomplete: 10 processes shown; the server does not page with the v3 `before` cursor: /gm) ?? []).length, 1, stderr);
  });
});

describe('unknown filter values', () => {
  test('a status or region hproc does not know fares the same whether the server refuses it, passes it or drops it', async () => {
    for (const args of [['--status', 'paused'], ['--region', 'Atlantis'], ['--all', '--region', 'London,Atlantis']]) {
      const results = await Promise.all(['filters=reject', 'filters=pass', 'filters=ignore'].map((spec) => runBinary(['list', ...args], envOf(spec))));
      const [first] = results;
      for (const r of results) assert.deepEqual(r, first, args.join(' '));
      // Never a quiet success with nothing in it.
      assert.ok(first !== undefined && !(first.code === 0 && first.stdout === '' && first.stderr === ''), JSON.stringify(first));
    }
  });

  test('known values list the same under every filters reading', async () => {
    const results = await Promise.all(['filters=reject', 'filters=pass', 'filters=ignore'].map((spec) => runBinary(['list', '--all', '--region', 'London,Tokyo', '--limit', '500', '-q'], envOf(spec))));
    for (const r of results) {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, results[0]?.stdout);
    }
  });
});

describe('the v1/v2 deploymentId', () => {
  for (const spec of ['deployment-id=meaningful', 'deployment-id=invalid']) {
    test(`${spec}: shown as a number, never as the deployment, through v1 and v2`, async () => {
      for (const api of ['v1', 'v2']) {
        const wide = await runBinary(['list', '--all', '--api', api, '-o', 'wide'], envOf(spec));
        assert.equal(wide.code, 0, wide.stderr);
        const header = wide.stdout.split('\n')[0] ?? '';
        assert.match(header, / DEPLOY NO\. /);
        assert.doesNotMatch(header, /DEPLOYMENT/);
        const show = await runBinary(['show', SEED_PROCESS_ID, '--api', api], envOf(spec));
        assert.equal(show.code, 0, show.stderr);
        assert.match(show.stdout, /\n {2}deployment no\. +1\n +a v1\/v2 number, not the deployment's id: invalid for apps on v3 deployments, Hathora warns; --api v3 names it\n/);
        assert.doesNotMatch(show.stdout, /\n {2}deployment +\d/);
      }
      const v3 = await runBinary(['show', RUNNING_PROCESS_ID], envOf(spec));
      assert.match(v3.stdout, /\n {2}deployment +dep-/);
    });
  }
});

describe('room shapes', () => {
  for (const spec of ['rooms=placed', 'rooms=scheduling', 'rooms=unplaced']) {
    test(`${spec}: rooms, show and the v1 listing take them`, async () => {
      const rooms = await runBinary(['rooms', RUNNING_PROCESS_ID], envOf(spec));
      assert.equal(rooms.code, 0, rooms.stderr);
      const last = rooms.stdout.trimEnd().split('\n').at(-1) ?? '';
      if (spec === 'rooms=placed') assert.match(last, /^\S+ +active +\d{4}-/);
      if (spec === 'rooms=scheduling') assert.match(last, /^\S+ +scheduling +\d{4}-/);
      // No allocation, so no time: the cell is empty.
      if (spec === 'rooms=unplaced') assert.match(last, /^\S+ +scheduling +- +- /);
      const json = await runBinary(['rooms', RUNNING_PROCESS_ID, '--json'], envOf(spec));
      const newest = (JSON.parse(json.stdout) as { currentAllocation: unknown }[]).at(-1);
      assert.equal(newest?.currentAllocation === null, spec === 'rooms=unplaced');
      const show = await runBinary(['show', RUNNING_PROCESS_ID], envOf(spec));
      assert.equal(show.code, 0, show.stderr);
      assert.match(show.stdout, spec === 'rooms=placed' ? /\n {2}\S+ +active, scheduled / : /\n {2}\S+ +scheduling\S*/);
      const v1 = await runBinary(['list', '--api', 'v1', '--region', 'Frankfurt', '--json'], envOf(spec));
      assert.equal(v1.code, 0, v1.stderr);
    });
  }
});

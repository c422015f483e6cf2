// `hproc list` pages partitions concurrently; whatever the filters, it must print exactly what one
// cursor paged from newest to oldest prints, against the emulator's big app, and as many processes
// as the emulator itself counts for those filters (up to --limit): two strategies that lose the
// same processes would still agree with each other.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { BIG_APP_ID } from '../../../src/emulator/data.js';
import { ACTIVE_PROCESS_STATUSES } from '../../../src/models/enums.js';
import { runInProcess } from '../../helpers/cli.js';
import { getJson } from '../emulator/emulator-fetch.js';

/** The value of a flag in a case, split at commas; undefined when the case does not give it. */
function flagValues(flags: readonly string[], name: string): string[] | undefined {
  const at = flags.indexOf(name);
  return at < 0 ? undefined : String(flags[at + 1]).split(',');
}

describe('list: partitioned paging equals one sequential cursor (big app of 1,500 processes)', () => {
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({ bigAppProcesses: 1500 });
    env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP_ID };
  });
  after(async () => {
    await emulator.close();
  });

  const cases: string[][] = [
    ['--all', '--limit', '400'],
    ['--all', '--region', 'London,Tokyo', '--limit', '1000'],
    ['--limit', '250'],
    ['--status', 'stopped,failed', '--region', 'London,Tokyo,Dubai', '--limit', '300'],
    ['--all', '--region', 'Frankfurt', '--limit', '150'],
    ['--all', '--limit', '37'],
  ];
  for (const flags of cases) {
    it(`hproc list ${flags.join(' ')} --json`, async () => {
      const partitioned = await runInProcess(['list', ...flags, '--json'], { env });
      const single = await runInProcess(['list', ...flags, '--json', '--paging', 'single'], { env });
      assert.equal(partitioned.code, 0, partitioned.stderr);
      assert.equal(single.code, 0, single.stderr);
      const items = JSON.parse(partitioned.stdout) as { processId: string; createdAt: string }[];
      assert.equal(partitioned.stdout, single.stdout);
      assert.equal(new Set(items.map((p) => p.processId)).size, items.length);
      const times = items.map((p) => Date.parse(p.createdAt));
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
      // The filters list applies: --status, or every status with --all, or the active ones by default.
      const statuses = flags.includes('--all') ? [] : (flagValues(flags, '--status') ?? [...ACTIVE_PROCESS_STATUSES]);
      const regions = flagValues(flags, '--region') ?? [];
      const query = new URLSearchParams([...statuses.map((s): [string, string] => ['status', s]), ...regions.map((r): [string, string] => ['region', r])]).toString();
      const { count } = await getJson<{ count: number }>(emulator, `/processes/v3/apps/${BIG_APP_ID}/processes/count${query === '' ? '' : `?${query}`}`);
      assert.ok(count > 0, `the emulator has no process matching ${query}`);
      const limit = Number(flagValues(flags, '--limit')?.[0]);
      assert.equal(items.length, Math.min(limit, count), `the emulator counts ${count} processes for ${query || 'no filter'}; --limit ${limit}`);
      const wire = items as unknown as { status: string; region: string }[];
      for (const p of wire) {
        if (statuses.length > 0) assert.ok(statuses.includes(p.status), `status ${p.status} is not among ${statuses.join(',')}`);
        if (regions.length > 0) assert.ok(regions.includes(p.region), `region ${p.region} is not among ${regions.join(',')}`);
      }
    });
  }
});

// `hproc list` pages partitions concurrently; whatever the filters, it must print exactly what one
// cursor paged from newest to oldest prints, against the emulator's big app.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { BIG_APP_ID } from '../../../src/emulator/data.js';
import { runInProcess } from '../../helpers/cli.js';

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
      const limit = Number(flags[flags.indexOf('--limit') + 1]);
      if (flags.includes('--all') && !flags.includes('--region')) assert.equal(items.length, Math.min(limit, 1500));
    });
  }
});

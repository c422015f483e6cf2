// hproc summary pages its listings the way `hproc list` does: partitioned by region (the known
// values), not by status alone, so a big app costs a few rounds of concurrent pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { runInProcess } from '../../helpers/cli.js';

const BIG_APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
let emulator: RunningEmulator;

before(async () => {
  emulator = await startEmulator({ port: 0, bigAppProcesses: 1500 });
});
after(() => emulator.close());

test('the live and failed listings page per region beyond their first page', async () => {
  const env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: BIG_APP };
  const r = await runInProcess(['summary', '--json', '--debug'], { env });
  assert.equal(r.code, 0, r.stderr);
  const listings = [...r.stderr.matchAll(/^debug: GET \S+\/processes\/latest(\?\S*)? /gm)].map((m) => new URLSearchParams(m[1] ?? ''));
  const live = listings.filter((q) => q.getAll('status').includes('running'));
  const failed = listings.filter((q) => q.getAll('status').join() === 'failed');
  // Paged by status alone, no listing would name a region.
  assert.ok(live.filter((q) => q.has('region')).length >= 10, `live listings per region: ${live.length}`);
  assert.ok(failed.filter((q) => q.has('region')).length >= 10, `failed listings per region: ${failed.length}`);
  assert.ok(live.every((q) => q.getAll('status').length === 4), 'the active statuses travel together');
});

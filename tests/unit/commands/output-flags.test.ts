// The record output flags of list and show, in-process against the emulator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { resolveOutputSettings } from '../../../src/commands/output-flags.js';
import { UsageError } from '../../../src/errors.js';
import { runInProcess } from '../../helpers/cli.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const SEED = 'cbfcddd2-0006-43ae-996c-995fff7bed2e';
let emulator: RunningEmulator;
let env: Record<string, string>;

before(async () => {
  emulator = await startEmulator({ port: 0 });
  env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
});
after(async () => {
  await emulator.close();
});

describe('resolveOutputSettings', () => {
  const valid = ['a', 'b', 'c'];
  test('defaults', () => {
    assert.deepEqual(resolveOutputSettings({}, valid, () => 'table'), { format: 'table', fields: null, sort: [], headers: true, quiet: false, jq: null });
  });
  test('--fields alone asks for the list', () => {
    assert.deepEqual(resolveOutputSettings({ fields: true }, valid, () => 'table'), { fieldListing: valid });
  });
  test('--jq implies JSON; --no-headers; sort keys', () => {
    const s = resolveOutputSettings({ jq: '.[]', headers: false, sort: 'b,-a' }, valid, () => 'table');
    assert.deepEqual(s, { format: 'json', fields: null, sort: [{ field: 'b', descending: false }, { field: 'a', descending: true }], headers: false, quiet: false, jq: '.[]' });
  });
  test('conflicts and unknown names are usage errors', () => {
    assert.throws(() => resolveOutputSettings({ quiet: true, output: 'csv' }, valid, () => 'table'), UsageError);
    assert.throws(() => resolveOutputSettings({ quiet: true, json: true }, valid, () => 'table'), UsageError);
    assert.throws(() => resolveOutputSettings({ jq: '.', output: 'csv' }, valid, () => 'table'), UsageError);
    assert.throws(() => resolveOutputSettings({ json: true, output: 'tsv' }, valid, () => 'table'), UsageError);
    assert.throws(() => resolveOutputSettings({ sort: '-z' }, valid, () => 'table'), /--sort: unknown field 'z'/);
    assert.throws(() => resolveOutputSettings({ fields: 'a,,b' }, valid, () => 'table'), UsageError);
  });
});

describe('hproc list and show with output flags', () => {
  test('-q prints bare ids, as many as --limit, newest first', async () => {
    const json = await runInProcess(['list', '--all', '-l', '5', '--json'], { env });
    const ids = (JSON.parse(json.stdout) as { processId: string }[]).map((p) => p.processId);
    const r = await runInProcess(['list', '--all', '-l', '5', '-q'], { env, tty: true });
    assert.deepEqual(r, { code: 0, stdout: ids.map((id) => `${id}\n`).join(''), stderr: '' });
  });

  test('--fields projects JSON to the named keys in that order', async () => {
    const r = await runInProcess(['list', '--all', '-l', '3', '--fields', 'region,processId', '--json'], { env });
    assert.equal(r.code, 0);
    const items = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.equal(items.length, 3);
    for (const item of items) assert.deepEqual(Object.keys(item), ['region', 'processId']);
  });

  test('--fields alone lists the fields of the generation and sends no request', async () => {
    const r = await runInProcess(['list', '--api', 'v2', '--fields'], { env: {} });
    assert.deepEqual(r, {
      code: 0,
      stdout: 'additionalExposedPorts\nappId\ncreatedAt\ndeploymentId\nexposedPort\nprocessId\nregion\nroomsAllocated\nroomsPerProcess\nstartedAt\nstatus\nstoppingAt\nterminatedAt\n',
      stderr: '',
    });
  });

  test('an unknown field exits 2 and names the valid ones', async () => {
    const r = await runInProcess(['list', '--fields', 'processId,bogus'], { env });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^hproc: --fields: unknown field 'bogus'\nhint: valid fields: additionalExposedPorts, appId, bootedAt, /);
  });

  test('--sort orders by several keys; CSV with --no-headers', async () => {
    const r = await runInProcess(['list', '--all', '-l', '40', '-o', 'csv', '--fields', 'region,createdAt', '--sort', 'region,-createdAt', '--no-headers'], { env });
    assert.equal(r.code, 0);
    const rows = r.stdout.split('\r\n').filter((l) => l !== '').map((l) => l.split(','));
    assert.equal(rows.length, 40);
    const sorted = [...rows].sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : (a[0] ?? '') > (b[0] ?? '') ? 1 : (b[1] ?? '').localeCompare(a[1] ?? '')));
    assert.deepEqual(rows, sorted);
    assert.ok(rows.every((row) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(row[1] ?? '')));
  });

  test('--jq filters in-process and implies JSON', async () => {
    const r = await runInProcess(['show', SEED, '--jq', '.exposedPort.host'], { env });
    assert.deepEqual(r, { code: 0, stdout: '1.proxy.hathora.dev\n', stderr: '' });
    const count = await runInProcess(['list', '--all', '-l', '12', '--jq', 'length'], { env });
    assert.deepEqual(count, { code: 0, stdout: '12\n', stderr: '' });
  });

  test('a --jq program that does not compile exits 2 before any request', async () => {
    const r = await runInProcess(['list', '--jq', '.['], { env: { ...env, HATHORA_CLOUD_ENDPOINT: 'http://127.0.0.1:9' } });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^hproc: --jq: syntax error/);
  });

  test('a --jq program that fails on the data exits 1 with nothing on stdout', async () => {
    const r = await runInProcess(['show', SEED, '--jq', 'error("boom")'], { env });
    assert.deepEqual(r, { code: 1, stdout: '', stderr: 'hproc: --jq: boom\n' });
  });

  test('show with --fields prints a one-row table; -q its id; -o tsv its default fields', async () => {
    const table = await runInProcess(['show', SEED, '--api', 'v1', '--fields', 'processId,egressedBytes,activeConnections'], { env });
    assert.deepEqual(table, {
      code: 0,
      stdout: 'PROCESS ID                            EGRESSED BYTES  ACTIVE CONNECTIONS (DEPRECATED)\ncbfcddd2-0006-43ae-996c-995fff7bed2e           435 B  10\n',
      stderr: '',
    });
    const quiet = await runInProcess(['show', SEED, '-q'], { env });
    assert.deepEqual(quiet, { code: 0, stdout: `${SEED}\n`, stderr: '' });
    const tsv = await runInProcess(['show', SEED, '-o', 'tsv'], { env });
    assert.deepEqual(tsv, {
      code: 0,
      stdout: `processId\tstatus\tregion\troomsAllocated\troomsPerProcess\texposedPort\tcreatedAt\n${SEED}\tstopped\tMumbai\t1\t3\t1.proxy.hathora.dev:34567/tcp\t2022-07-24T05:17:09.567Z\n`,
      stderr: '',
    });
  });

  test('on a terminal the list shows times absolute and relative', async () => {
    const r = await runInProcess(['list', '--all', '-l', '1', '--fields', 'processId,createdAt'], { env, tty: true, now: new Date('2026-11-01T00:03:00Z') });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /\n\S+ {2}2026-10-31T23:5\dZ \(\d+m ago\)\n$/);
  });
});

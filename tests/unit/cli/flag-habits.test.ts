// Habits from gh and kubectl, in-process against a local server that records every request:
// repeated list flags merge, enum values forgive case and separators but an unknown one stops the
// run before any request, v1 refuses a failed filter, and --json takes a field list.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInProcess } from '../../helpers/cli.js';
import { startTestServer, type TestServer } from '../../helpers/servers.js';
import { resolveEnumValues } from '../../../src/commands/flags.js';
import { REGIONS } from '../../../src/models/enums.js';

const APP = 'app-7c1d4a2e-93b5-4f0e-8d61-2a9f4e6b3c10';
const LIST = readFileSync(new URL('../../fixtures/process-v3-list.json', import.meta.url), 'utf8');
const ONE = JSON.parse(LIST) as { processId: string; status: string }[];
const [FIRST, SECOND] = [ONE[0]?.processId ?? '', ONE[1]?.processId ?? ''];

let server: TestServer;
let env: Record<string, string>;

before(async () => {
  server = await startTestServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const url = req.url ?? '';
    const single = /\/processes\/v3\/apps\/[^/]+\/processes\/([^/?]+)$/.exec(url);
    if (single !== null) {
      res.end(JSON.stringify(ONE.find((p) => p.processId === single[1])));
      return;
    }
    res.end(/\/processes\/v3\/apps\/[^/]+\/processes\/latest(\?|$)/.test(url) ? LIST : '[]');
  });
  env = { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 'test-token', HATHORA_APP_ID: APP };
});
after(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const queryOf = (i = 0): URLSearchParams => new URL(server.requests[i]?.url ?? '', server.url).searchParams;

describe('repeated list flags merge', () => {
  test('--status failed --status stopped is --status failed,stopped; regions too', async () => {
    const r = await runInProcess(['list', '--status', 'failed', '--status', 'stopped', '-r', 'London', '--region', 'Tokyo,London', '--json'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(queryOf().getAll('status'), ['failed', 'stopped']);
    assert.deepEqual(queryOf().getAll('region'), ['London', 'Tokyo']);
  });

  test('--fields and --sort repeated add up', async () => {
    const r = await runInProcess(['list', '--fields', 'processId', '--fields', 'status', '--sort', 'status', '--sort', '-processId', '-o', 'tsv'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `processId\tstatus\n${FIRST}\trunning\ne7d2a915-4b6c-4e03-8a1f-d90c3b5e7a42\tstarting\n${SECOND}\tstopped\n`);
  });
});

describe('enum values: forgiving, then strict', () => {
  test('london, FAILED and sao paulo match their canonical spelling', async () => {
    const r = await runInProcess(['list', '--status', 'FAILED,Running', '--region', 'london,sao paulo,los-angeles', '--json'], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(queryOf().getAll('status'), ['failed', 'running']);
    assert.deepEqual(queryOf().getAll('region'), ['London', 'Sao_Paulo', 'Los_Angeles']);
    assert.deepEqual(resolveEnumValues('--region', ['SAO-PAULO', 'Sao_Paulo', 'washington dc'], REGIONS), ['Sao_Paulo', 'Washington_DC']);
  });

  test('an unknown value is a usage error before any request, with the near one', async () => {
    const status = await runInProcess(['list', '--status', 'runing'], { env });
    assert.deepEqual(status, {
      code: 2,
      stdout: '',
      stderr: "hproc: --status: unknown value 'runing'\nhint: did you mean running? (known values: starting, running, draining, stopping, stopped, failed)\n",
    });
    const region = await runInProcess(['list', '--region', 'Mars_Base'], { env });
    assert.equal(region.code, 2);
    assert.match(region.stderr, /^hproc: --region: unknown value 'Mars_Base'\nhint: known values: Seattle, Los_Angeles, /);
    const near = await runInProcess(['list', '--region', 'Frankfort'], { env });
    assert.match(near.stderr, /^hproc: --region: unknown value 'Frankfort'\nhint: did you mean Frankfurt\? /);
    assert.equal(server.requests.length, 0);
  });
});

describe('v1 cannot tell failed from stopped', () => {
  test('--api v1 --status failed is refused with a hint to v3, before any request', async () => {
    const r = await runInProcess(['list', '--api', 'v1', '--status', 'stopped,failed'], { env });
    assert.deepEqual(r, {
      code: 2,
      stdout: '',
      stderr: 'hproc: --status failed needs --api v2 or v3: the v1 API cannot tell failed processes from stopped ones\nhint: drop --api v1 (v3 is the default)\n',
    });
    assert.equal(server.requests.length, 0);
    assert.equal((await runInProcess(['list', '--api', 'v1', '--status', 'stopped', '--json'], { env })).code, 0);
  });
});

describe('--json takes a field list, as in gh', () => {
  test('--json processId,status prints only those fields; bare --json all of them', async () => {
    const some = await runInProcess(['list', '--json', 'processId,status'], { env });
    assert.equal(some.code, 0, some.stderr);
    assert.deepEqual(
      (JSON.parse(some.stdout) as object[]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      ONE.map((p) => ({ processId: p.processId, status: p.status })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    const all = await runInProcess(['list', '--json'], { env });
    assert.deepEqual((JSON.parse(all.stdout) as { processId: string }[]).find((p) => p.processId === FIRST), ONE[0]);
  });

  test('an unknown field in --json is a usage error naming --json', async () => {
    const r = await runInProcess(['list', '--json', 'processId,stauts'], { env });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^hproc: --json: unknown field 'stauts'\nhint: did you mean status\? /);
    assert.equal(server.requests.length, 0);
  });

  test('show --json <processId> keeps the id as the argument, before or after it', async () => {
    for (const argv of [['show', '--json', FIRST], ['show', FIRST, '--json']]) {
      const r = await runInProcess(argv, { env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal((JSON.parse(r.stdout) as { processId: string }).processId, FIRST);
    }
  });
});

describe('show and stop take several ids', () => {
  test('show a b --json prints an array in the order given; --json fields between the ids', async () => {
    const r = await runInProcess(['show', SECOND, '--json', 'processId,status', FIRST], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [
      { processId: SECOND, status: 'stopped' },
      { processId: FIRST, status: 'running' },
    ]);
  });

  test('show with no id is a usage error', async () => {
    assert.deepEqual(await runInProcess(['show', '--json'], { env }), { code: 2, stdout: '', stderr: "hproc: missing required argument 'processId'\n" });
  });

  test('stop refuses several ids off a terminal without --yes, naming how many', async () => {
    const r = await runInProcess(['stop', FIRST, SECOND], { env });
    assert.deepEqual(r, { code: 2, stdout: '', stderr: 'hproc: not stopping 2 processes without confirmation: not a terminal\nhint: pass --yes to stop them without asking\n' });
    assert.equal(server.requests.length, 0);
  });
});

describe('--watch names what conflicts', () => {
  test('a flag by its name, a profile setting as such', async () => {
    for (const [flag, named] of [[['-q'], '--quiet'], [['--jq', '.[]'], '--jq'], [['--fields', 'status'], '--fields'], [['-o', 'csv'], '--output csv'], [['--json', 'status'], '--json status']] as const) {
      const r = await runInProcess(['list', '--watch', ...flag], { env });
      assert.equal(r.code, 2, flag.join(' '));
      assert.equal(r.stderr.split('\n')[0], `hproc: --watch conflicts with ${named}: it shows a table on a terminal and NDJSON events otherwise`);
    }
    assert.equal(server.requests.length, 0);
  });
});

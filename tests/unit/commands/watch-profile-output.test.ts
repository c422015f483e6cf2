// `list --watch` under a profile whose output is csv: the watch cannot show csv, and the error
// names the profile's setting (not a flag the user never typed), before any request.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeConfigHome, runWithConfig, type ConfigHome } from '../../helpers/config-home.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
let home: ConfigHome;

beforeEach(async () => {
  home = await makeConfigHome();
});
afterEach(async () => {
  await home.remove();
});

test("#89 a profile with output csv: list --watch exits 2 naming the profile's setting and how to change it", async () => {
  // Port 9 answers nothing: a request would fail with another message and exit code.
  await home.write({ profiles: { default: { app: APP, endpoint: 'http://127.0.0.1:9', token: 'abcd-token', output: 'csv' } } });
  const r = await runWithConfig(['list', '--watch'], { env: { XDG_CONFIG_HOME: home.dir } });
  assert.deepEqual(r, {
    code: 2,
    stdout: '',
    stderr:
      "hproc: --watch conflicts with the profile's output csv: it shows a table on a terminal and NDJSON events otherwise\n" +
      "hint: pass --output table, or change the profile's with 'hproc config set output table'\n",
  });
});

test('#90 the same profile with an --output flag the watch can show: the flag wins; a csv flag is named as the flag', async () => {
  await home.write({ profiles: { default: { app: APP, endpoint: 'http://127.0.0.1:9', token: 'abcd-token', output: 'csv' } } });
  const flag = await runWithConfig(['list', '--watch', '--output', 'csv'], { env: { XDG_CONFIG_HOME: home.dir } });
  assert.deepEqual(flag, {
    code: 2,
    stdout: '',
    stderr: 'hproc: --watch conflicts with --output csv: it shows a table on a terminal and NDJSON events otherwise\nhint: use --watch alone, or --watch --json for events on a terminal\n',
  });
  // With a format the watch can show, the profile's csv is not in the way: the run gets as far as
  // the server, which answers 401 (not retried): a usage error would have stopped it before.
  const server = createServer((_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"no"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    await home.write({ profiles: { default: { app: APP, endpoint: `http://127.0.0.1:${port}`, token: 'abcd-token', output: 'csv' } } });
    const table = await runWithConfig(['list', '--watch', '--output', 'table'], { env: { XDG_CONFIG_HOME: home.dir } });
    assert.deepEqual(table, {
      code: 4,
      stdout: '',
      stderr: 'hproc: token rejected (401): no\nhint: the token is invalid, expired or revoked; create a new one and set HATHORA_TOKEN\n',
    });
  } finally {
    server.close();
  }
});

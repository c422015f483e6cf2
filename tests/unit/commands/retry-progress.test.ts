// A retry in progress shows on the progress line: the client tells the run context of each retry,
// and the spinner of the command that waits says what failed and which retry this is.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInProcess } from '../../helpers/cli.js';
import { startTestServer, type TestServer } from '../../helpers/servers.js';
import { retryText } from '../../../src/render/progress.js';

const APP = 'app-7c1d4a2e-93b5-4f0e-8d61-2a9f4e6b3c10';
const LIST = readFileSync(new URL('../../fixtures/process-v3-list.json', import.meta.url), 'utf8');
let server: TestServer;
let failures = 0;

before(async () => {
  server = await startTestServer((_req, res) => {
    if (failures > 0) {
      failures -= 1;
      // A stated wait, not a jittered one: the spinner (shown after 150 ms) is sure to be up.
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end('{"message":"try again"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(LIST);
  });
});
after(() => server.close());

test('two 503s: the spinner says "retrying after 503, 1 of 5", then "2 of 5", and the listing follows', async () => {
  failures = 2;
  const env = { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 'test-token', HATHORA_APP_ID: APP };
  const r = await runInProcess(['list', '--all', '-q'], { env, tty: true, keepProgress: true });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trimEnd().split('\n').length, 3);
  assert.match(r.stderr, new RegExp(`listing processes of ${APP}… \\(retrying after 503, 1 of 5\\)`));
  assert.match(r.stderr, new RegExp(`listing processes of ${APP}… \\(retrying after 503, 2 of 5\\)`));
  assert.equal(server.requests.length, 3);
});

test('the words of a retry', () => {
  assert.equal(retryText({ cause: 'ECONNRESET', retry: 3, maxRetries: 5 }), 'retrying after ECONNRESET, 3 of 5');
});

// hproc show with a known app sends its extra requests (rooms, metrics, the newest deployment)
// beside the process request instead of after it: one round trip instead of two.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { runInProcess } from '../../helpers/cli.js';
import { startTestServer, type TestServer } from '../../helpers/servers.js';

const NOW = new Date('2026-11-01T00:00:00.000Z');
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as { processId: string; appId: string; deploymentId: string };
const deployment = JSON.parse(readFileSync(new URL('../../fixtures/deployment-v3.json', import.meta.url), 'utf8')) as { deploymentId: string; buildTag?: string };
const APP = fixture.appId;
const PROCESS = fixture.processId;
const BY_ID = `/deployments/v3/apps/${APP}/deployments/${fixture.deploymentId}`;
const LATEST = `/deployments/v3/apps/${APP}/deployments/latest`;

let server: TestServer;
let latestId = fixture.deploymentId;
let held: (() => void) | undefined;
let arrivedBeforeProcessAnswer: string[] = [];

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

before(async () => {
  server = await startTestServer((req, res) => {
    const path = new URL(req.url ?? '', 'http://x').pathname;
    if (path === `/processes/v3/apps/${APP}/processes/${PROCESS}`) {
      // Hold the process until the extras have arrived too (or give up after a second), so the
      // test sees whether they were sent without waiting for it.
      const answer = (): void => {
        held = undefined;
        arrivedBeforeProcessAnswer = server.requests.map((r) => new URL(r.url, 'http://x').pathname);
        send(res, 200, fixture);
      };
      held = answer;
      setTimeout(() => held === answer && answer(), 1000);
      return;
    }
    if (path === LATEST) send(res, 200, { ...deployment, deploymentId: latestId, buildTag: 'latest-tag' });
    else if (path === BY_ID) send(res, 200, { ...deployment, deploymentId: fixture.deploymentId, buildTag: 'by-id-tag' });
    else if (path.endsWith('/metrics')) send(res, 200, {});
    else if (path.startsWith('/rooms/')) send(res, 200, []);
    else send(res, 404, { message: 'not found' });
    if (server.requests.length >= 4) held?.();
  });
});
after(() => server.close());

describe('show with a known app', () => {
  test('sends rooms, metrics and the newest deployment beside the process, and uses that deployment when it is the process’s', async () => {
    server.requests.length = 0;
    latestId = fixture.deploymentId;
    const r = await runInProcess(['show', PROCESS, '--app', APP], { env: { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' }, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      [...arrivedBeforeProcessAnswer].sort(),
      [
        LATEST,
        `/processes/v3/apps/${APP}/processes/${PROCESS}`,
        `/processes/v3/apps/${APP}/processes/process/${PROCESS}/metrics`,
        `/rooms/v2/${APP}/list/${PROCESS}/active`,
      ].sort(),
    );
    assert.equal(server.requests.length, 4, 'no second deployment request');
    assert.match(r.stdout, /build tag +latest-tag/);
  });

  test('asks for the process’s own deployment when the newest is another one', async () => {
    server.requests.length = 0;
    latestId = 'dep-00000000-0000-4000-8000-000000000000';
    const r = await runInProcess(['show', PROCESS, '--app', APP], { env: { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' }, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(server.requests.length, 5);
    assert.equal(new URL(server.requests[4]?.url ?? '', 'http://x').pathname, BY_ID);
    assert.match(r.stdout, /build tag +by-id-tag/);
  });

  test('JSON output sends only the process request', async () => {
    server.requests.length = 0;
    const r = await runInProcess(['show', PROCESS, '--app', APP, '--json'], { env: { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' }, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(server.requests.map((q) => new URL(q.url, 'http://x').pathname), [`/processes/v3/apps/${APP}/processes/${PROCESS}`]);
  });
});

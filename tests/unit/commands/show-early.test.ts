// hproc show with a known app sends its extra requests (rooms, metrics, the newest deployment, the fleets)
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

const PROCESS_PATH = `/processes/v3/apps/${APP}/processes/${PROCESS}`;
const FLEETS = '/fleets/v1/fleets';
const EXTRAS = [LATEST, `/processes/v3/apps/${APP}/processes/process/${PROCESS}/metrics`, `/rooms/v2/${APP}/list/${PROCESS}/active`, FLEETS];
/** How long a held process request waits for the extras before the test gives up on them. */
const HOLD_LIMIT_MS = 5000;

let server: TestServer;
let latestId = fixture.deploymentId;
/** Whether the process request is held until the extras have arrived (the early path); off for JSON. */
let holdProcess = true;
let held: (() => void) | undefined;
let arrivedBeforeProcessAnswer: string[] = [];
/** Set when the held process request had to be answered without the extras having arrived. */
let gaveUpWaiting = false;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function pathsSeen(): string[] {
  return server.requests.map((r) => new URL(r.url, 'http://x').pathname);
}

/** Whether the rooms, metrics and newest-deployment requests have all reached the server. */
function extrasArrived(): boolean {
  const seen = new Set(pathsSeen());
  return EXTRAS.every((path) => seen.has(path));
}

function resetServer(options: { hold: boolean; latest: string }): void {
  server.requests.length = 0;
  latestId = options.latest;
  holdProcess = options.hold;
  held = undefined;
  arrivedBeforeProcessAnswer = [];
  gaveUpWaiting = false;
}

before(async () => {
  server = await startTestServer((req, res) => {
    const path = new URL(req.url ?? '', 'http://x').pathname;
    if (path === PROCESS_PATH) {
      const answer = (): void => {
        clearTimeout(limit);
        held = undefined;
        arrivedBeforeProcessAnswer = pathsSeen();
        send(res, 200, fixture);
      };
      // The process is answered only once the extras have reached the server while it is still
      // unanswered: if show waited for the process before sending them, they never would.
      const limit = setTimeout(() => {
        gaveUpWaiting = true;
        answer();
      }, HOLD_LIMIT_MS);
      if (!holdProcess || extrasArrived()) answer();
      else held = answer;
      return;
    }
    if (path === LATEST) send(res, 200, { ...deployment, deploymentId: latestId, buildTag: 'latest-tag' });
    else if (path === BY_ID) send(res, 200, { ...deployment, deploymentId: fixture.deploymentId, buildTag: 'by-id-tag' });
    else if (path.endsWith('/metrics')) send(res, 200, {});
    else if (path.startsWith('/rooms/')) send(res, 200, []);
    else if (path === FLEETS) send(res, 200, { fleets: [{ nodeShape: 'cpu-4-8', name: 'fixture-fleet', orgId: 'org-1', fleetId: (fixture as { fleetId?: string }).fleetId }] });
    else send(res, 404, { message: 'not found' });
    if (held !== undefined && extrasArrived()) held();
  });
});
after(() => server.close());

describe('show with a known app', () => {
  test('sends rooms, metrics and the newest deployment beside the process, and uses that deployment when it is the process’s', async () => {
    resetServer({ hold: true, latest: fixture.deploymentId });
    const r = await runInProcess(['show', PROCESS, '--app', APP], { env: { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' }, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(gaveUpWaiting, false, `the process request was held ${HOLD_LIMIT_MS} ms and the extras never came: show waits for the process before sending them`);
    assert.deepEqual([...arrivedBeforeProcessAnswer].sort(), [PROCESS_PATH, ...EXTRAS].sort());
    assert.equal(server.requests.length, 5, 'no second deployment or fleet request');
    assert.match(r.stdout, /build tag +latest-tag/);
    assert.match(r.stdout, /\nFleet\n {2}name +fixture-fleet\n/);
  });

  test('asks for the process’s own deployment when the newest is another one', async () => {
    resetServer({ hold: true, latest: 'dep-00000000-0000-4000-8000-000000000000' });
    const r = await runInProcess(['show', PROCESS, '--app', APP], { env: { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' }, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(gaveUpWaiting, false, `the process request was held ${HOLD_LIMIT_MS} ms and the extras never came: show waits for the process before sending them`);
    assert.deepEqual([...arrivedBeforeProcessAnswer].sort(), [PROCESS_PATH, ...EXTRAS].sort());
    assert.equal(server.requests.length, 6);
    assert.equal(new URL(server.requests[5]?.url ?? '', 'http://x').pathname, BY_ID);
    assert.match(r.stdout, /build tag +by-id-tag/);
  });

  test('JSON output sends only the process request', async () => {
    // Nothing else is expected, so the process is answered at once.
    resetServer({ hold: false, latest: fixture.deploymentId });
    const r = await runInProcess(['show', PROCESS, '--app', APP, '--json'], { env: { HATHORA_CLOUD_ENDPOINT: server.url, HATHORA_TOKEN: 't' }, now: NOW });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(server.requests.map((q) => new URL(q.url, 'http://x').pathname), [PROCESS_PATH]);
  });
});

// The log and stop endpoint functions against small local servers: the idle policy of followed
// streams, quiet events, 404/410 wording, and a stop that is never retried.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createApiClient, type ApiClient } from '../../../src/api/client.js';
import { downloadProcessLogs, readWithQuietEvents, streamProcessLogs } from '../../../src/api/logs.js';
import { stopProcessV3 } from '../../../src/api/stop.js';
import { InterruptedError, NetworkError, NotFoundError } from '../../../src/errors.js';
import { startTestServer, type TestServer } from '../../helpers/servers.js';

const APP = 'app-1';
const PROCESS = 'proc-1';
const servers: TestServer[] = [];
const clients: ApiClient[] = [];
after(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const server = await startTestServer(handler);
  servers.push(server);
  return server;
}

function clientFor(server: TestServer, options: { bodyTimeoutMs?: number; budgetMs?: number; signal?: AbortSignal } = {}): ApiClient {
  const client = createApiClient({ baseUrl: new URL(server.url), token: 't', userAgent: 'test', budgetMs: 2000, random: () => 0, ...options });
  clients.push(client);
  return client;
}

// Writes one line, stays silent for `quietMs`, then writes another and ends.
function quietBetween(quietMs: number) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.write('first\n');
    setTimeout(() => res.end('second\n'), quietMs);
  };
}

async function collect(body: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of body) text += chunk.toString();
  return text;
}

describe('log streams', () => {
  test('a followed stream has no idle timeout and no deadline: it outlives the body timeout and the time budget', async () => {
    // undici checks its timeouts about once a second: the silence must last longer than that.
    const server = await serve(quietBetween(1500));
    const stream = await streamProcessLogs(clientFor(server, { bodyTimeoutMs: 150, budgetMs: 500 }), APP, PROCESS, { follow: true, tailLines: 5 });
    assert.equal(await collect(stream.body), 'first\nsecond\n');
    assert.deepEqual(server.requests.map((r) => r.url), [`/logs/v1/${APP}/process/${PROCESS}?follow=true&tailLines=5`]);
    assert.equal(server.requests[0]?.headers.accept, 'application/octet-stream');
  });

  test('a tail that stalls past the body timeout fails as a network error', async () => {
    const server = await serve(quietBetween(1500));
    const stream = await streamProcessLogs(clientFor(server, { bodyTimeoutMs: 150 }), APP, PROCESS, { follow: false, tailLines: 5 });
    const began = Date.now();
    await assert.rejects(collect(stream.body), NetworkError);
    assert.ok(Date.now() - began < 1400, 'failed before the server spoke again');
    assert.equal(server.requests[0]?.url, `/logs/v1/${APP}/process/${PROCESS}?tailLines=5`);
  });

  test('quiet events arrive while the stream is silent, and the data after them', async () => {
    const server = await serve(quietBetween(400));
    const stream = await streamProcessLogs(clientFor(server), APP, PROCESS, { follow: true, tailLines: 1 });
    const seen: string[] = [];
    for await (const event of readWithQuietEvents(stream, 120)) seen.push(event.kind === 'quiet' ? 'quiet' : event.chunk.toString());
    assert.equal(seen[0], 'first\n');
    assert.equal(seen.at(-1), 'second\n');
    const quiet = seen.filter((s) => s === 'quiet').length;
    assert.ok(quiet >= 2 && quiet <= 4, `${quiet} quiet events in 400 ms at 120 ms`);
  });

  test('410 means the log is gone; 404 names the process and app', async () => {
    const gone = await serve((_req, res) => {
      res.writeHead(410, { 'content-type': 'application/json' });
      res.end('{"message":"expired"}');
    });
    await assert.rejects(downloadProcessLogs(clientFor(gone), APP, PROCESS), (error: unknown) => {
      assert.ok(error instanceof NotFoundError);
      assert.equal(error.message, `logs for process ${PROCESS} are no longer available (410): expired`);
      assert.equal(error.exitCode, 3);
      return true;
    });
    assert.equal(gone.requests[0]?.url, `/logs/v1/${APP}/process/${PROCESS}/download`);
    const missing = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"nope"}');
    });
    await assert.rejects(streamProcessLogs(clientFor(missing), APP, PROCESS, { follow: false, tailLines: 1 }), {
      message: `no logs for process ${PROCESS} in app ${APP} (404)`,
    });
  });
});

describe('stopProcessV3', () => {
  const stopPath = `/processes/v3/apps/${APP}/processes/${PROCESS}/stop`;

  test('sends one POST with no body and accepts 204', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    await stopProcessV3(clientFor(server), APP, PROCESS);
    assert.deepEqual(server.requests.map((r) => [r.method, r.url]), [['POST', stopPath]]);
  });

  test('a reset after the request went out is never retried and says how to check', async () => {
    const server = await serve((req) => req.socket.destroy());
    await assert.rejects(stopProcessV3(clientFor(server), APP, PROCESS), (error: unknown) => {
      assert.ok(error instanceof NetworkError);
      assert.match(error.message, new RegExp(`; the stop request may or may not have been applied; check with \`hproc show ${PROCESS}\`$`));
      return true;
    });
    assert.equal(server.requests.length, 1, 'exactly one POST');
  });

  test('a 503 is not retried either', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"message":"busy"}');
    });
    await assert.rejects(stopProcessV3(clientFor(server), APP, PROCESS), { exitCode: 6 });
    assert.equal(server.requests.length, 1);
  });

  test('Ctrl-C while the stop is in flight says it may have been sent', async () => {
    const controller = new AbortController();
    const server = await serve(() => {
      // Never answers; the test interrupts.
      setTimeout(() => controller.abort(), 50);
    });
    await assert.rejects(stopProcessV3(clientFor(server, { signal: controller.signal }), APP, PROCESS), (error: unknown) => {
      assert.ok(error instanceof InterruptedError);
      assert.equal(error.message, `interrupted; the stop may have been sent: check with \`hproc show ${PROCESS}\``);
      return true;
    });
  });

  test('a 404 names the process and the app', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"message":"Process not found"}');
    });
    await assert.rejects(stopProcessV3(clientFor(server), APP, PROCESS), { message: `process ${PROCESS} not found in app ${APP}`, exitCode: 3 });
  });
});

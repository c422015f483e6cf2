// Socket-level faults need a real server: a tiny TCP server on 127.0.0.1 that answers each request
// the way a test tells it to (reset, hang, truncate, stall, trickle).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { once } from 'node:events';
import { createApiClient, type ApiClientOptions } from '../../../src/api/client.js';
import { ExitCode, InterruptedError, NetworkError, ResponseError } from '../../../src/errors.js';
import { rejection, TOKEN } from './fake-api.js';
import { MASK } from '../../../src/redact.js';

type Handler = (socket: net.Socket, head: string, index: number) => void;

interface RawServer {
  host: string;
  url: URL;
  requests: string[];
  close(): Promise<void>;
}

const servers: RawServer[] = [];
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function rawServer(handler: Handler): Promise<RawServer> {
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = '';
    socket.on('data', (data) => {
      buffered += data.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = buffered.slice(0, end);
      buffered = buffered.slice(end + 4);
      requests.push(head);
      handler(socket, head, requests.length - 1);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  const raw: RawServer = {
    host: `127.0.0.1:${port}`,
    url: new URL(`http://127.0.0.1:${port}`),
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close').catch(() => undefined);
    },
  };
  servers.push(raw);
  return raw;
}

function reply(socket: net.Socket, status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): void {
  const lines = [`HTTP/1.1 ${status} X`, ...Object.entries({ ...headers, 'content-length': String(Buffer.byteLength(body)), connection: 'close' }).map(([k, v]) => `${k}: ${v}`)];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

function chunkedHead(socket: net.Socket, contentType = 'application/json'): void {
  socket.write(`HTTP/1.1 200 OK\r\ncontent-type: ${contentType}\r\ntransfer-encoding: chunked\r\n\r\n`);
}

function chunk(socket: net.Socket, text: string): void {
  socket.write(`${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`);
}

function client(server: { url: URL }, overrides: Partial<ApiClientOptions> = {}) {
  const debug: string[] = [];
  const sleeps: number[] = [];
  const api = createApiClient({
    baseUrl: server.url,
    token: TOKEN,
    userAgent: 'hproc/test',
    connectTimeoutMs: 500,
    headersTimeoutMs: 100,
    bodyTimeoutMs: 100,
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    debug: (line) => debug.push(line),
    ...overrides,
  });
  return { api, debug, sleeps };
}

const PATH = '/processes/v3/apps/app-1/processes/latest';

// Concurrent: each test has its own server, and the timeout tests spend most of their time waiting.
describe('client over a real socket', { concurrency: true }, () => {
  it('sends the bearer token to the configured host and parses the answer', async () => {
    const server = await rawServer((socket) => reply(socket, 200, '[{"a":1}]'));
    const { api } = client(server);
    assert.deepEqual(await api.getJson(PATH, { status: ['running', 'stopped'] }), [{ a: 1 }]);
    await api.close();
    const head = server.requests[0] ?? '';
    assert.match(head, new RegExp(`^GET ${PATH}\\?status=running&status=stopped HTTP/1.1\r\n`));
    assert.match(head, new RegExp(`\r\nauthorization: Bearer ${TOKEN}(\r\n|$)`));
  });

  it('reports a refused connection after retrying', async () => {
    const probe = net.createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as net.AddressInfo;
    probe.close();
    await once(probe, 'close');
    const { api, sleeps } = client({ url: new URL(`http://127.0.0.1:${port}`) });
    const error = await rejection(api.getJson(PATH));
    await api.close();
    assert.ok(error instanceof NetworkError);
    assert.equal(error.exitCode, ExitCode.network);
    assert.equal(error.message, `cannot connect to 127.0.0.1:${port}: connection refused`);
    assert.equal(sleeps.length, 5);
  });

  it('retries a reset connection and succeeds', async () => {
    const server = await rawServer((socket, _head, index) => (index === 0 ? socket.resetAndDestroy() : reply(socket, 200, '{"ok":true}')));
    const { api, sleeps, debug } = client(server);
    assert.deepEqual(await api.getJson(PATH), { ok: true });
    await api.close();
    assert.equal(server.requests.length, 2);
    assert.deepEqual(sleeps, [0]);
    assert.equal(debug[0], `GET http://${server.host}${PATH} (authorization: ${MASK})`);
    assert.match(debug[1] ?? '', new RegExp(`^GET http://${server.host}${PATH} → ECONNRESET \\(\\d+ ms\\)$`));
    assert.equal(debug[2], 'retrying in 0 ms after ECONNRESET');
  });

  it('reports a connection reset on every attempt', async () => {
    const server = await rawServer((socket) => socket.resetAndDestroy());
    const { api } = client(server);
    const error = await rejection(api.getJson(PATH));
    await api.close();
    assert.ok(error instanceof NetworkError);
    assert.equal(error.message, `connection to ${server.host} was reset`);
    assert.equal(server.requests.length, 6);
  });

  it('times out a server that never sends headers, retrying within the budget', async () => {
    const server = await rawServer(() => undefined);
    // undici checks these timeouts on a coarse (about 500 ms) timer, so an attempt takes 0.5-1 s.
    const { api } = client(server, { budgetMs: 2000 });
    const started = Date.now();
    const error = await rejection(api.getJson(PATH));
    await api.close();
    assert.ok(error instanceof NetworkError);
    // undici's headers timeout, or the call's deadline (exact) when it comes first.
    assert.match(error.message, new RegExp(`^timed out waiting for (response headers from ${server.host} after 100ms|a response from ${server.host} after 2s)$`));
    assert.ok(server.requests.length >= 2 && server.requests.length <= 4, `attempts: ${server.requests.length}`);
    assert.ok(Date.now() - started < 4000);
  });

  it('reports a body shorter than its content-length as truncated, after retrying', async () => {
    const server = await rawServer((socket) =>
      socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n[{"a":'),
    );
    const { api } = client(server);
    const error = await rejection(api.getJson(PATH));
    await api.close();
    assert.ok(error instanceof NetworkError);
    assert.equal(error.message, `response from ${server.host} truncated`);
    assert.equal(server.requests.length, 6);
  });

  it('reports a cut chunked body as truncated', async () => {
    const server = await rawServer((socket) => {
      chunkedHead(socket);
      chunk(socket, '[{"a":');
      socket.end();
    });
    const { api } = client(server, { budgetMs: 0 });
    const error = await rejection(api.getJson(PATH));
    await api.close();
    assert.ok(error instanceof NetworkError);
    assert.equal(error.message, `response from ${server.host} truncated`);
  });

  it('reports a stalled body', async () => {
    const server = await rawServer((socket) => {
      chunkedHead(socket);
      chunk(socket, '[');
    });
    const { api } = client(server, { budgetMs: 0 });
    const error = await rejection(api.getJson(PATH));
    await api.close();
    assert.ok(error instanceof NetworkError);
    assert.equal(error.message, `response from ${server.host} stalled for 100ms`);
  });

  it('stops a chunked body at the size cap', async () => {
    const server = await rawServer((socket) => {
      chunkedHead(socket);
      for (let i = 0; i < 8; i++) chunk(socket, 'x'.repeat(512));
      socket.end('0\r\n\r\n');
    });
    const { api, sleeps } = client(server, { maxResponseBytes: 1024 });
    const error = await rejection(api.getJson(PATH));
    await api.close();
    assert.ok(error instanceof ResponseError);
    assert.equal(error.message, 'response larger than 1 KiB');
    assert.deepEqual(sleeps, []);
  });

  it('does not follow a redirect to another server', async () => {
    const elsewhere = await rawServer((socket) => reply(socket, 200, '[]'));
    const server = await rawServer((socket) => reply(socket, 302, '', { location: `http://${elsewhere.host}/steal` }));
    const { api } = client(server);
    const error = await rejection(api.getJson(PATH));
    await api.close();
    assert.equal(error.message, `unexpected redirect to ${elsewhere.host}`);
    assert.deepEqual(elsewhere.requests, []);
  });

  it('never retries a POST that was reset, and says it may have been applied', async () => {
    const server = await rawServer((socket) => socket.resetAndDestroy());
    const { api, sleeps } = client(server);
    const error = await rejection(api.postEmpty('/processes/v3/apps/app-1/processes/p-1/stop'));
    await api.close();
    assert.ok(error instanceof NetworkError);
    assert.equal(error.message, `connection to ${server.host} was reset; the request may or may not have been applied`);
    assert.equal(server.requests.length, 1);
    assert.deepEqual(sleeps, []);
  });

  it('never retries a POST that timed out', async () => {
    const server = await rawServer(() => undefined);
    const { api } = client(server);
    const error = await rejection(api.postEmpty('/processes/v3/apps/app-1/processes/p-1/stop'));
    await api.close();
    assert.equal(error.message, `timed out waiting for response headers from ${server.host} after 100ms; the request may or may not have been applied`);
    assert.equal(server.requests.length, 1);
  });

  it('turns Ctrl-C during a request into InterruptedError', async () => {
    const server = await rawServer(() => undefined);
    const controller = new AbortController();
    const { api } = client(server, { signal: controller.signal, headersTimeoutMs: 5000 });
    setTimeout(() => controller.abort(), 30);
    const error = await rejection(api.getJson(PATH));
    await api.close();
    assert.ok(error instanceof InterruptedError);
    assert.equal(error.exitCode, ExitCode.interrupted);
  });

  it('keeps the token out of every debug line and error', async () => {
    const server = await rawServer((socket, _head, index) =>
      index === 0 ? reply(socket, 503, `{"message":"echo ${TOKEN}"}`) : reply(socket, 401, `{"message":"bad token ${TOKEN}"}`),
    );
    const { api, debug } = client(server);
    const error = await rejection(api.getJson(PATH));
    await api.close();
    assert.equal(error.message, 'token rejected (401): bad token ••••••••');
    for (const text of [error.message, error.hint ?? '', ...debug]) assert.ok(!text.includes(TOKEN), text);
    assert.ok(debug.some((line) => line.includes('echo ••••••••')));
  });
});

describe('stream', { concurrency: true }, () => {
  const LOGS = '/logs/v1/app-1/process/p-1';

  async function collect(body: AsyncIterable<Buffer>): Promise<string> {
    let text = '';
    for await (const piece of body) text += piece.toString('utf8');
    return text;
  }

  it('hands out the body as it arrives and asks for a byte stream', async () => {
    const server = await rawServer((socket) => {
      chunkedHead(socket, 'application/octet-stream');
      chunk(socket, 'line 1\n');
      setTimeout(() => {
        chunk(socket, 'line 2\n');
        socket.end('0\r\n\r\n');
      }, 20);
    });
    const { api } = client(server);
    const stream = await api.stream(LOGS, { follow: true, tailLines: 100 });
    assert.equal(stream.contentType, 'application/octet-stream');
    assert.equal(await collect(stream.body), 'line 1\nline 2\n');
    await api.close();
    assert.match(server.requests[0] ?? '', new RegExp(`^GET ${LOGS}\\?follow=true&tailLines=100 HTTP/1.1\r\n`));
    assert.match(server.requests[0] ?? '', /\r\naccept: application\/octet-stream(\r\n|$)/);
  });

  it('has an idle timeout, not a total deadline', async () => {
    const server = await rawServer((socket) => {
      chunkedHead(socket, 'application/octet-stream');
      let sent = 0;
      const timer = setInterval(() => {
        chunk(socket, `${sent}\n`);
        sent++;
        if (sent === 8) {
          clearInterval(timer);
          socket.end('0\r\n\r\n');
        }
      }, 40);
    });
    const { api } = client(server);
    const stream = await api.stream(LOGS, undefined, { idleTimeoutMs: 150 });
    // About 320 ms in total, more than twice the idle timeout.
    assert.equal(await collect(stream.body), '0\n1\n2\n3\n4\n5\n6\n7\n');
    await api.close();
  });

  it('fails with a NetworkError when the stream goes quiet', async () => {
    const server = await rawServer((socket) => {
      chunkedHead(socket, 'application/octet-stream');
      chunk(socket, 'hello\n');
    });
    const { api } = client(server);
    const stream = await api.stream(LOGS, undefined, { idleTimeoutMs: 120 });
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const piece of stream.body) seen.push(piece.toString());
      })(),
    );
    await api.close();
    assert.deepEqual(seen, ['hello\n']);
    assert.ok(error instanceof NetworkError);
    assert.equal(error.message, `response from ${server.host} stalled for 120ms`);
  });

  it('maps a 410 like any other request', async () => {
    const server = await rawServer((socket) => reply(socket, 410, '{"message":"logs expired"}'));
    const { api } = client(server);
    const error = await rejection(api.stream(LOGS));
    await api.close();
    assert.equal(error.exitCode, ExitCode.notFound);
    // The server's message adds to hproc's own words; it does not replace them.
    assert.equal(error.message, 'gone (410): GET /logs/v1/app-1/process/p-1: logs expired');
  });

  it('can be closed early', async () => {
    const server = await rawServer((socket) => {
      chunkedHead(socket, 'application/octet-stream');
      chunk(socket, 'first\n');
    });
    const { api } = client(server, { bodyTimeoutMs: 0 });
    const stream = await api.stream(LOGS);
    for await (const piece of stream.body) {
      assert.equal(piece.toString(), 'first\n');
      stream.close();
      break;
    }
    await api.close();
  });
});

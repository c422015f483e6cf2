// Answers that are not HTTP at all, or whose headers never end: the message names the cause
// instead of a bare "request failed".
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { channel } from 'node:diagnostics_channel';
import { once } from 'node:events';
import { createApiClient } from '../../../src/api/client.js';
import { NetworkError } from '../../../src/errors.js';
import { rejection, TOKEN } from './fake-api.js';

const servers: net.Server[] = [];
after(() => {
  for (const server of servers) server.close();
});

async function replying(reply: string): Promise<{ url: URL; host: string }> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end(reply));
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return { url: new URL(`http://127.0.0.1:${port}`), host: `127.0.0.1:${port}` };
}

describe('protocol errors', { concurrency: true }, () => {
  const cases: [string, string, (host: string) => string][] = [
    ['a status line that is not HTTP', 'garbage\r\n\r\n', (host) => `invalid HTTP response from ${host}`],
    ['broken chunk framing', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', (host) => `invalid HTTP response from ${host}`],
    ['headers over the size limit', `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`, (host) => `response headers from ${host} too large`],
  ];
  for (const [name, reply, message] of cases) {
    it(`${name}: a NetworkError saying so, not retried`, async () => {
      const server = await replying(reply);
      const sleeps: number[] = [];
      const api = createApiClient({ baseUrl: server.url, token: TOKEN, userAgent: 'hproc/test', sleep: async (ms) => void sleeps.push(ms) });
      const error = await rejection(api.getJson('/processes/v3/apps/app-1/processes/latest'));
      await api.close();
      assert.ok(error instanceof NetworkError);
      assert.equal(error.message, message(server.host));
      assert.deepEqual(sleeps, []);
    });
  }
});

describe('a deadline during a connect', () => {
  it('says the connect never completed (the in-flight connect is seen through undici\'s diagnostics channel)', async () => {
    // A server that accepts but never answers stands in for the network; the pending connect is
    // announced on the channel as undici announces one, since a real blackhole cannot be staged here.
    const server = net.createServer((socket) => socket.on('error', () => undefined));
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    const host = `127.0.0.1:${port}`;
    const api = createApiClient({ baseUrl: new URL(`http://${host}`), token: TOKEN, userAgent: 'hproc/test', budgetMs: 300 });
    const pending = api.getJson('/processes/v3/apps/app-1/processes/latest');
    channel('undici:client:beforeConnect').publish({ connectParams: { host: 'elsewhere:1' } });
    channel('undici:client:beforeConnect').publish({ connectParams: { host } });
    const error = await rejection(pending);
    await api.close();
    assert.ok(error instanceof NetworkError);
    assert.equal(error.message, `timed out connecting to ${host} after 300ms`);
  });

  it('without a pending connect, it is the response that never came', async () => {
    const server = net.createServer((socket) => socket.on('error', () => undefined));
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as net.AddressInfo;
    const api = createApiClient({ baseUrl: new URL(`http://127.0.0.1:${port}`), token: TOKEN, userAgent: 'hproc/test', budgetMs: 300 });
    const error = await rejection(api.getJson('/processes/v3/apps/app-1/processes/latest'));
    await api.close();
    assert.equal(error.message, `timed out waiting for a response from 127.0.0.1:${port} after 300ms`);
  });
});

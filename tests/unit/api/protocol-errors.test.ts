// Answers that are not HTTP at all, or whose headers never end: the message names the cause
// instead of a bare "request failed".
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
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

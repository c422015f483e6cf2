// The fault layer: the spec grammar, which requests each fault hits, and what each does on the wire
// (read with a raw socket where fetch would hide the detail).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createFaultSelector, FaultSpecError, parseFaultSpec } from '../../../src/emulator/faults.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { BIG_APP_ID, RUNNING_PROCESS_ID } from '../../../src/emulator/data.js';

const LIST = `/processes/v3/apps/${BIG_APP_ID}/processes/latest`;
const started: RunningEmulator[] = [];
after(async () => {
  await Promise.all(started.map((emulator) => emulator.close()));
});

async function emulatorWith(faults: string): Promise<RunningEmulator> {
  const emulator = await startEmulator({ faults, logIntervalMs: 20 });
  started.push(emulator);
  return emulator;
}

/** Sends one GET over a fresh socket and returns every byte received until the server closes or resets, and how it ended. */
async function rawGet(emulator: RunningEmulator, path: string, waitMs = 10_000): Promise<{ text: string; ending: 'end' | 'reset' | 'timeout' }> {
  const socket = net.connect(emulator.port, '127.0.0.1');
  socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${emulator.token}\r\nConnection: close\r\n\r\n`);
  let text = '';
  socket.on('data', (data: Buffer) => (text += data.toString('latin1')));
  const ending = await new Promise<'end' | 'reset' | 'timeout'>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), waitMs);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code === 'ECONNRESET' ? 'reset' : 'end');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve('end');
    });
  });
  socket.destroy();
  return { text, ending };
}

function split(text: string): { head: string; body: string } {
  const at = text.indexOf('\r\n\r\n');
  return at < 0 ? { head: text, body: '' } : { head: text.slice(0, at), body: text.slice(at + 4) };
}

async function get(emulator: RunningEmulator, path = LIST): Promise<Response> {
  return fetch(`${emulator.url}${path}`, { headers: { authorization: `Bearer ${emulator.token}` }, redirect: 'manual' });
}

describe('fault spec grammar', () => {
  it('reads faults with values, counts, paths and jitter, and scope clauses', () => {
    const spec = parseFaultSpec('latency=200ms±50ms; status=503x3@/processes/v3 ;reset-after=100b;huge=50MB;first=2;path=/apps;p=0.3;seed=7');
    assert.equal(spec.probability, 0.3);
    assert.equal(spec.seed, 7);
    const [latency, status, reset, huge] = spec.faults;
    assert.deepEqual([latency?.amount, latency?.jitter, latency?.count, latency?.pathPrefix], [200, 50, 2, '/apps']);
    assert.deepEqual([status?.statuses, status?.count, status?.pathPrefix], [[503], 3, '/processes/v3']);
    assert.equal(reset?.amount, 100);
    assert.equal(huge?.amount, 50 * 1024 * 1024);
    assert.equal(parseFaultSpec('latency=1s+-250').faults[0]?.jitter, 250);
    assert.equal(parseFaultSpec('hang-headersx2').faults[0]?.count, 2);
    assert.deepEqual(parseFaultSpec('status=500,502,503,504').faults[0]?.statuses, [500, 502, 503, 504]);
    assert.equal(parseFaultSpec('retry-after-date=Wed, 21 Oct 2026 07:28:00 GMT').faults[0]?.text, 'Wed, 21 Oct 2026 07:28:00 GMT');
    assert.equal(parseFaultSpec('retry-after-date=+30s').faults[0]?.amount, 30_000);
    assert.equal(parseFaultSpec('redirect=http://other.invalid/x?a=b').faults[0]?.text, 'http://other.invalid/x?a=b');
  });

  it('refuses bad specs with a message naming the clause', () => {
    const bad: [string, RegExp][] = [
      ['', /empty fault spec/],
      ['first=3', /no fault/],
      ['explode', /unknown fault 'explode'/],
      ['status=99', /status '99' is not an HTTP status/],
      ['status', /fault 'status' needs a value/],
      ['truncate=3', /takes no value/],
      ['latency=fast', /'fast' is not a duration/],
      ['huge=lots', /'lots' is not a size/],
      ['p=1.5;reset', /probability '1.5'/],
      ['redirect=/relative', /not an absolute URL/],
      ['reset@processes', /cannot read|unknown fault/],
      ['retry-after-date=tomorrow', /not a date/],
    ];
    for (const [spec, message] of bad) {
      assert.throws(() => parseFaultSpec(spec), (error: unknown) => error instanceof FaultSpecError && message.test(error.message), spec);
    }
  });

  it('hits the first N matching requests of a path, counting per fault', () => {
    const selector = createFaultSelector(parseFaultSpec('status=503x2@/processes;latency=5ms'));
    const names = (path: string): string[] => selector.select(path).map((hit) => hit.fault.name);
    assert.deepEqual(names('/apps/v2/apps'), ['latency']);
    assert.deepEqual(names('/processes/v3/x'), ['status', 'latency']);
    assert.deepEqual(names('/processes/v3/x'), ['status', 'latency']);
    assert.deepEqual(names('/processes/v3/x'), ['latency']);
  });

  it('after=N lets the first N matching requests through, then counts from there', () => {
    const selector = createFaultSelector(parseFaultSpec('status=503x2;after=1'));
    const hits = Array.from({ length: 5 }, () => selector.select('/x').map((hit) => hit.ordinal));
    assert.deepEqual(hits, [[], [1], [2], [], []]);
  });

  it('draws a probability from the seed: the same seed hits the same requests', () => {
    const pattern = (seed: number): boolean[] => {
      const selector = createFaultSelector(parseFaultSpec(`reset;p=0.5;seed=${seed}`));
      return Array.from({ length: 40 }, () => selector.select('/x').length > 0);
    };
    const first = pattern(7);
    assert.deepEqual(pattern(7), first);
    assert.notDeepEqual(pattern(8), first);
    const hits = first.filter(Boolean).length;
    assert.ok(hits > 8 && hits < 32, `hits: ${hits}`);
  });
});

describe('faults on the wire', { concurrency: true }, () => {
  it('status bursts with an ApiError body, then normal answers; the log records each request', async () => {
    const emulator = await emulatorWith('status=500,502,503,504x4@/processes');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await get(emulator);
      statuses.push(response.status);
      if (i === 0) assert.deepEqual(await response.json(), { message: 'injected fault: 500 Internal Server Error' });
      else await response.arrayBuffer();
    }
    assert.deepEqual(statuses, [500, 502, 503, 504, 200]);
    assert.deepEqual(emulator.faultLog.map((entry) => entry.faults), [['status'], ['status'], ['status'], ['status'], []]);
    assert.equal(emulator.faultLog[0]?.path, LIST);
  });

  it('429 with Retry-After in seconds or as an HTTP date; HTML from a proxy; a captive portal', async () => {
    const seconds = await get(await emulatorWith('retry-after=2'));
    assert.deepEqual([seconds.status, seconds.headers.get('retry-after')], [429, '2']);
    const date = await get(await emulatorWith('retry-after-date=+30s'));
    const at = Date.parse(date.headers.get('retry-after') ?? '');
    assert.equal(date.status, 429);
    assert.ok(Math.abs(at - (Date.now() + 30_000)) < 2000, date.headers.get('retry-after') ?? '');
    const proxy = await get(await emulatorWith('status=502;html'));
    assert.deepEqual([proxy.status, proxy.headers.get('content-type')], [502, 'text/html']);
    assert.match(await proxy.text(), /<h1>502 Bad Gateway<\/h1>/);
    const portal = await get(await emulatorWith('html'));
    assert.deepEqual([portal.status, portal.headers.get('content-type')], [200, 'text/html; charset=utf-8']);
  });

  it('invalid JSON, a redirect to another host, and 408', async () => {
    const broken = await get(await emulatorWith('invalid-json'));
    assert.equal(broken.headers.get('content-type'), 'application/json');
    await assert.rejects(broken.json(), SyntaxError);
    const moved = await get(await emulatorWith('redirect=http://other.invalid/steal;status=307'));
    assert.deepEqual([moved.status, moved.headers.get('location')], [307, 'http://other.invalid/steal']);
    assert.equal((await get(await emulatorWith('status=408'))).status, 408);
  });

  it('a huge body is streamed to the size asked', async () => {
    const response = await get(await emulatorWith('huge=1MB'));
    assert.equal(response.headers.get('content-length'), null);
    const body = await response.text();
    assert.ok(body.length <= 1024 * 1024 && body.length > 1024 * 1024 - 64 * 1024, `${body.length}`);
    assert.ok(Array.isArray(JSON.parse(body)));
  });

  it('reset before a response, and close before a response', async () => {
    assert.deepEqual(await rawGet(await emulatorWith('reset'), LIST), { text: '', ending: 'reset' });
    assert.deepEqual(await rawGet(await emulatorWith('close'), LIST), { text: '', ending: 'end' });
  });

  it('truncate sends half the declared body; bad-length promises more than it sends', async () => {
    const truncated = split((await rawGet(await emulatorWith('truncate'), LIST)).text);
    const declared = Number(/content-length: (\d+)/i.exec(truncated.head)?.[1]);
    assert.equal(truncated.body.length, Math.floor(declared / 2));
    const lying = await rawGet(await emulatorWith('bad-length'), LIST);
    const parts = split(lying.text);
    const promised = Number(/content-length: (\d+)/i.exec(parts.head)?.[1]);
    assert.equal(lying.ending, 'end');
    assert.ok(promised > parts.body.length && parts.body.length > 0, `${promised} vs ${parts.body.length}`);
    assert.doesNotThrow(() => JSON.parse(parts.body));
  });

  it('reset-after sends exactly N body bytes, then resets', async () => {
    const emulator = await emulatorWith('reset-after=100b');
    const result = await rawGet(emulator, LIST);
    assert.equal(split(result.text).body.length, 100);
    // The body never completes: a client fails reading it (ECONNRESET, or on a loaded machine, where
    // the reset can overtake the last bytes, a socket error).
    const failure = await get(emulator).then((response) => response.text()).then(
      () => 'no error',
      (error: unknown) => String((error as { cause?: { code?: unknown } }).cause?.code),
    );
    assert.match(failure, /^(ECONNRESET|UND_ERR_SOCKET)$/);
  });

  it('stall-body sends half and stops; hang-headers sends nothing', async () => {
    const stalled = await rawGet(await emulatorWith('stall-body'), LIST, 3000);
    assert.equal(stalled.ending, 'timeout');
    assert.match(stalled.text, /^HTTP\/1.1 200 OK/);
    const hung = await rawGet(await emulatorWith('hang-headers'), LIST, 3000);
    assert.deepEqual(hung, { text: '', ending: 'timeout' });
    const late = await emulatorWith('hang-headers=100ms');
    const response = await get(late);
    assert.equal(response.status, 200);
  });

  it('latency with jitter stays within its bounds', async () => {
    const emulator = await emulatorWith('latency=120ms±40ms');
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await (await get(emulator)).arrayBuffer();
      const ms = performance.now() - t0;
      // The lower bound is exact (120 - 40 ms, less timer slack); a busy machine only adds to it.
      assert.ok(ms >= 75, `${ms}`);
    }
  });

  it('log streams: quiet keeps the connection silent, slow drips, drop-after closes mid-stream', async () => {
    const logs = `/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?follow=true&tailLines=5`;
    const quiet = await rawGet(await emulatorWith('quiet@/logs'), logs, 3000);
    assert.equal(quiet.ending, 'timeout');
    assert.equal(split(quiet.text).body, '');
    assert.match(quiet.text, /^HTTP\/1.1 200 OK/);
    const dropped = await rawGet(await emulatorWith('drop-after=40b@/logs'), logs);
    assert.equal(dropped.ending, 'end');
    // Chunked framing: the first chunk's size line, then at most 40 bytes of log in all.
    assert.ok(split(dropped.text).body.replace(/^[0-9a-f]+\r\n/gm, '').replace(/\r\n/g, '').length <= 40);
    const slow = await emulatorWith('slow=30ms@/logs');
    const t0 = performance.now();
    const response = await fetch(`${slow.url}/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?tailLines=3`, { headers: { authorization: `Bearer ${slow.token}` } });
    const text = await response.text();
    const expectedMs = Math.floor((Buffer.byteLength(text) - 1) / 16) * 30;
    assert.ok(performance.now() - t0 >= expectedMs * 0.8, `${performance.now() - t0} < ${expectedMs}`);
  });
});

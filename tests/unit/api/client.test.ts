import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApiClient, encodeQuery } from '../../../src/api/client.js';
import { httpStatusOf } from '../../../src/api/http-errors.js';
import { MASK } from '../../../src/redact.js';
import { formatClock } from '../../../src/units.js';
import {
  AuthError,
  ExitCode,
  InterruptedError,
  NetworkError,
  NotFoundError,
  RateLimitError,
  ResponseError,
  ServerError,
} from '../../../src/errors.js';
import { fakeApi, JSON_HEADERS, ORIGIN, rejection, START, TOKEN, type FakeApi } from './fake-api.js';

const PATH = '/processes/v3/apps/app-1/processes/latest';
const ANY = { path: /.*/, method: 'GET' } as const;

let api: FakeApi | undefined;
function setup(...args: Parameters<typeof fakeApi>): FakeApi {
  api = fakeApi(...args);
  return api;
}
afterEach(async () => {
  // Every reply a test set up must have been asked for.
  api?.agent.assertNoPendingInterceptors();
  await api?.agent.close();
  api = undefined;
});

describe('getJson: requests', () => {
  it('sends the path under the base URL with auth, accept and user-agent headers', async () => {
    const { pool, client, urls, headers, agent } = setup();
    pool.intercept({ path: PATH, method: 'GET' }).reply(200, [{ a: 1 }], { headers: JSON_HEADERS });
    assert.deepEqual(await client.getJson(PATH), [{ a: 1 }]);
    assert.deepEqual(urls(), [`${ORIGIN}${PATH}`]);
    const sent = headers(0);
    assert.equal(sent['authorization'], `Bearer ${TOKEN}`);
    assert.equal(sent['accept'], 'application/json');
    assert.equal(sent['user-agent'], 'hproc/0.0.0-test');
    agent.assertNoPendingInterceptors();
  });

  it('keeps a path prefix of the base URL', async () => {
    const { pool, client, urls } = setup({ baseUrl: new URL('http://127.0.0.1:8080/mock/') });
    pool.intercept({ path: `/mock${PATH}`, method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    await client.getJson(PATH);
    assert.deepEqual(urls(), [`http://127.0.0.1:8080/mock${PATH}`]);
  });

  it('encodes query arrays as repeated keys and leaves undefined out', async () => {
    const { pool, client, urls } = setup();
    pool.intercept(ANY).reply(200, [], { headers: JSON_HEADERS });
    await client.getJson(PATH, {
      status: ['running', 'draining'],
      region: ['Los_Angeles'],
      before: 1748779200000,
      follow: true,
      none: [],
      skipped: undefined,
      odd: 'a b&c=d/é',
    });
    assert.deepEqual(urls(), [
      `${ORIGIN}${PATH}?status=running&status=draining&region=Los_Angeles&before=1748779200000&follow=true&odd=a%20b%26c%3Dd%2F%C3%A9`,
    ]);
  });

  it('sends a token that already names its scheme unchanged', async () => {
    const { pool, client, headers } = setup({ token: `bearer ${TOKEN}` });
    pool.intercept(ANY).reply(200, {}, { headers: JSON_HEADERS });
    await client.getJson(PATH);
    assert.equal(headers(0)['authorization'], `bearer ${TOKEN}`);
  });

  it('refuses a token with invalid characters before sending anything', () => {
    assert.throws(
      () => createApiClient({ baseUrl: new URL(ORIGIN), token: `${TOKEN}\nX-Evil: 1`, userAgent: 'x' }),
      (error: unknown) => error instanceof AuthError && error.message === 'token contains invalid characters',
    );
  });

  it('refuses paths that could reach another endpoint', async () => {
    const { client } = setup();
    for (const path of ['/apps/../x', '/apps//x', 'apps', '/apps/a?b', '/apps/a b', '/apps/.']) {
      await assert.rejects(client.getJson(path), TypeError);
    }
    assert.deepEqual(api?.urls(), []);
  });

  it('encodes queries on their own', () => {
    assert.equal(encodeQuery(undefined), '');
    assert.equal(encodeQuery({ a: false, b: 0, c: ['x y'] }), 'a=false&b=0&c=x%20y');
    assert.throws(() => encodeQuery({ before: Number.NaN }), TypeError);
  });
});

describe('getJson: bodies', () => {
  it('strips a UTF-8 byte order mark', async () => {
    const { pool, client } = setup();
    pool.intercept(ANY).reply(200, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"ok":true}')]), { headers: JSON_HEADERS });
    assert.deepEqual(await client.getJson(PATH), { ok: true });
  });

  it('replaces invalid UTF-8 with U+FFFD and says so in the debug log', async () => {
    const { pool, client, debug } = setup();
    pool.intercept(ANY).reply(200, Buffer.concat([Buffer.from('{"host":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('b"}')]), { headers: JSON_HEADERS });
    assert.deepEqual(await client.getJson(PATH), { host: 'a\ufffd\ufffdb' });
    assert.deepEqual(debug, [
      `GET ${ORIGIN}${PATH} (authorization: ${MASK})`,
      `GET ${ORIGIN}${PATH} → 200 (0 ms)`,
      `GET ${PATH}: response contains invalid UTF-8, replaced with U+FFFD`,
    ]);
  });

  it('parses a body without a content type', async () => {
    const { pool, client } = setup();
    pool.intercept(ANY).reply(200, '[1,2]');
    assert.deepEqual(await client.getJson(PATH), [1, 2]);
  });

  it('accepts JSON content types with parameters and +json suffixes', async () => {
    const { pool, client } = setup();
    pool.intercept(ANY).reply(200, '1', { headers: { 'content-type': 'application/json; charset=utf-8' } });
    pool.intercept(ANY).reply(200, '2', { headers: { 'content-type': 'application/problem+json' } });
    assert.equal(await client.getJson(PATH), 1);
    assert.equal(await client.getJson(PATH), 2);
  });

  it('refuses a 200 that is not JSON, naming the content type and size', async () => {
    const { pool, client } = setup();
    pool.intercept(ANY).reply(200, `<html>${'x'.repeat(1228)}</html>`, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof ResponseError);
    assert.equal(error.exitCode, ExitCode.failure);
    assert.equal(error.message, `expected JSON from GET ${PATH}, got text/html (1241 bytes)`);
    assert.equal(error.hint, 'a proxy or captive portal may be answering instead of the Hathora API');
  });

  it('refuses an empty 200', async () => {
    const { pool, client } = setup();
    pool.intercept(ANY).reply(200, '', { headers: JSON_HEADERS });
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof ResponseError);
    assert.equal(error.message, `expected JSON from GET ${PATH}, got an empty response`);
  });

  const invalid: [string, Buffer, number][] = [
    ['truncated', Buffer.from('[{"a":1}'), 8],
    ['trailing garbage', Buffer.from('{"a":1} x'), 8],
    ['single quotes', Buffer.from("{'a':1}"), 1],
    ['a bad token after multi-byte text', Buffer.from('["é€",x]'), 9],
    ['after a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[1,]')]), 6],
  ];
  for (const [name, body, offset] of invalid) {
    it(`reports invalid JSON (${name}) with the byte offset`, async () => {
      const { pool, client } = setup();
      pool.intercept(ANY).reply(200, body, { headers: JSON_HEADERS });
      const error = await rejection(client.getJson(PATH));
      assert.ok(error instanceof ResponseError);
      assert.equal(error.message, `invalid JSON in response from GET ${PATH} at byte ${offset}`);
    });
  }

  it('stops reading at the size cap, with or without a content-length', async () => {
    const { pool, client } = setup({ maxResponseBytes: 1024 });
    pool.intercept(ANY).reply(200, `[${'1,'.repeat(600)}1]`, { headers: JSON_HEADERS });
    pool.intercept(ANY).reply(200, `[${'1,'.repeat(600)}1]`, { headers: { ...JSON_HEADERS, 'content-length': '1203' } });
    for (let i = 0; i < 2; i++) {
      const error = await rejection(client.getJson(PATH));
      assert.ok(error instanceof ResponseError);
      assert.equal(error.message, 'response larger than 1 KiB');
    }
    assert.deepEqual(api?.sleeps, []);
  });

  it('names the default cap in MiB', async () => {
    const { pool, client } = setup();
    pool.intercept(ANY).reply(200, '[]', { headers: { ...JSON_HEADERS, 'content-length': String(33 * 1024 * 1024) } });
    assert.equal((await rejection(client.getJson(PATH))).message, 'response larger than 32 MiB');
  });

  it('keeps duplicate keys last-wins and __proto__ as plain data', async () => {
    const { pool, client } = setup();
    pool.intercept(ANY).reply(200, '{"a":1,"a":2,"__proto__":{"polluted":true}}', { headers: JSON_HEADERS });
    const value = (await client.getJson(PATH)) as Record<string, unknown>;
    assert.equal(value['a'], 2);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});

describe('getJson: status → error', () => {
  const apiError = (message: string): string => JSON.stringify({ message });
  const cases: {
    status: number;
    body: string;
    headers?: Record<string, string>;
    type: new (...args: never[]) => Error;
    exitCode: number;
    message: string;
  }[] = [
    { status: 401, body: apiError('Invalid token'), type: AuthError, exitCode: ExitCode.auth, message: 'token rejected (401): Invalid token' },
    { status: 401, body: '', type: AuthError, exitCode: ExitCode.auth, message: 'token rejected (401)' },
    { status: 403, body: apiError('Forbidden for app-1'), type: AuthError, exitCode: ExitCode.auth, message: 'token not allowed (403): Forbidden for app-1' },
    { status: 404, body: apiError('Process not found'), type: NotFoundError, exitCode: ExitCode.notFound, message: 'Process not found' },
    { status: 404, body: 'nope', headers: { 'content-type': 'text/plain' }, type: NotFoundError, exitCode: ExitCode.notFound, message: `not found (404): GET ${PATH}` },
    { status: 410, body: apiError('Logs expired'), type: NotFoundError, exitCode: ExitCode.notFound, message: `gone (410): GET ${PATH}: Logs expired` },
    { status: 400, body: apiError('bad before'), type: ResponseError, exitCode: ExitCode.failure, message: 'request rejected (400): bad before' },
    { status: 422, body: apiError('invalid region Mars'), type: ResponseError, exitCode: ExitCode.failure, message: 'request rejected (422): invalid region Mars' },
    { status: 418, body: '', type: ResponseError, exitCode: ExitCode.failure, message: `unexpected HTTP 418 from GET ${PATH}` },
    { status: 204, body: '', type: ResponseError, exitCode: ExitCode.failure, message: `unexpected HTTP 204 from GET ${PATH}` },
    { status: 501, body: apiError('not implemented'), type: ServerError, exitCode: ExitCode.server, message: 'HTTP 501 from api.hathora.dev: not implemented' },
    { status: 505, body: '<h1>x</h1>', headers: { 'content-type': 'text/html' }, type: ServerError, exitCode: ExitCode.server, message: 'HTTP 505 from api.hathora.dev (text/html, 10 bytes)' },
  ];
  for (const c of cases) {
    it(`${c.status} ${c.body === '' ? 'without a body' : c.body.slice(0, 30)} → ${c.type.name} "${c.message}" with no retry`, async () => {
      const { pool, client, sleeps, urls } = setup();
      pool.intercept(ANY).reply(c.status, c.body, { headers: c.headers ?? JSON_HEADERS });
      const error = await rejection(client.getJson(PATH));
      assert.ok(error instanceof c.type, `${error.name} is not ${c.type.name}`);
      assert.equal(error.exitCode, c.exitCode);
      assert.equal(error.message, c.message);
      assert.equal(httpStatusOf(error), c.status);
      assert.deepEqual(sleeps, []);
      assert.equal(urls().length, 1);
    });
  }

  it('keeps the server message apart so callers can word their own', async () => {
    const { pool, client } = setup();
    pool.intercept(ANY).reply(404, apiError('App not found'), { headers: JSON_HEADERS });
    const error = (await rejection(client.getJson(PATH))) as Error & { status?: number; serverMessage?: string };
    assert.equal(error.status, 404);
    assert.equal(error.serverMessage, 'App not found');
  });

  it('gives auth errors a hint', async () => {
    const { pool, client } = setup();
    pool.intercept(ANY).reply(401, '', { headers: JSON_HEADERS });
    pool.intercept(ANY).reply(403, '', { headers: JSON_HEADERS });
    assert.equal((await rejection(client.getJson(PATH))).hint, 'the token is invalid, expired or revoked; create a new one and set HATHORA_TOKEN');
    assert.equal(
      (await rejection(client.getJson(PATH))).hint,
      "this request needs the scope processes:read (hproc's reading: the API does not say which scope each call needs); the token may lack it or belong to another organisation (hproc auth status --check lists its scopes)",
    );
  });

  it('names the scope a refused request needs, by the area of its path; none for a path outside every area', async () => {
    const cases: [string, string | null][] = [
      ['/apps/v2/apps', 'applications:read'],
      ['/deployments/v3/apps/app-1/deployments', 'deployments:read'],
      ['/fleets/v1/fleets', 'fleets:read'],
      ['/orgs/v1', 'orgs:read'],
      ['/logs/v1/app-1/process/p/download', 'processes:read'],
      ['/somewhere/else', null],
    ];
    for (const [path, scope] of cases) {
      const { pool, client } = setup();
      pool.intercept(ANY).reply(403, apiError('Forbidden'), { headers: JSON_HEADERS });
      const error = await rejection(client.getJson(path));
      assert.equal(error.message, 'token not allowed (403): Forbidden');
      if (scope === null) assert.equal(error.hint, 'the token may belong to another organisation or lack the needed scope');
      else assert.match(error.hint ?? '', new RegExp(`^this request needs the scope ${scope} \\(`), path);
    }
  });

  it('never follows a redirect, so the token never reaches the Location', async () => {
    for (const status of [301, 302, 307, 308]) {
      const { pool, client, urls, agent } = fakeApi();
      pool.intercept(ANY).reply(status, '', { headers: { location: 'https://evil.example/steal' } });
      const error = await rejection(client.getJson(PATH));
      assert.ok(error instanceof ResponseError);
      assert.equal(error.exitCode, ExitCode.failure);
      assert.equal(error.message, 'unexpected redirect to evil.example');
      assert.equal(error.hint, 'hproc does not follow redirects; check the API endpoint');
      assert.deepEqual(urls(), [`${ORIGIN}${PATH}`]);
      await agent.close();
    }
  });

  it('names our own host for a relative redirect', async () => {
    const { pool, client } = setup();
    pool.intercept(ANY).reply(302, '', { headers: { location: '/elsewhere' } });
    assert.equal((await rejection(client.getJson(PATH))).message, 'unexpected redirect to api.hathora.dev');
  });
});

describe('getJson: retries', () => {
  it('retries 500, 502, 503 and 504 with full-jitter backoff, logging each attempt', async () => {
    const { pool, client, sleeps, debug } = setup();
    pool.intercept(ANY).reply(500, '', { headers: JSON_HEADERS });
    pool.intercept(ANY).reply(502, '', { headers: JSON_HEADERS });
    pool.intercept(ANY).reply(503, '', { headers: JSON_HEADERS });
    pool.intercept(ANY).reply(504, '', { headers: JSON_HEADERS });
    pool.intercept(ANY).reply(200, '{"ok":1}', { headers: JSON_HEADERS });
    assert.deepEqual(await client.getJson(PATH), { ok: 1 });
    // random() = 0.5 of a ceiling that doubles from 250 ms.
    assert.deepEqual(sleeps, [125, 250, 500, 1000]);
    const url = `${ORIGIN}${PATH}`;
    const sent = `GET ${url} (authorization: ${MASK})`;
    assert.deepEqual(debug, [
      sent,
      `GET ${url} → 500 (0 ms)`,
      'retrying in 125 ms after HTTP 500',
      sent,
      `GET ${url} → 502 (0 ms)`,
      'retrying in 250 ms after HTTP 502',
      sent,
      `GET ${url} → 503 (0 ms)`,
      'retrying in 500 ms after HTTP 503',
      sent,
      `GET ${url} → 504 (0 ms)`,
      'retrying in 1000 ms after HTTP 504',
      sent,
      `GET ${url} → 200 (0 ms)`,
    ]);
  });

  it('gives up after 5 retries with the last error', async () => {
    const { pool, client, sleeps, urls } = setup({ random: () => 1 });
    const page = `<html>${'x'.repeat(1221)}</html>`;
    pool.intercept(ANY).reply(502, page, { headers: { 'content-type': 'text/html' } }).times(6);
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof ServerError);
    assert.equal(error.exitCode, ExitCode.server);
    assert.equal(error.message, 'HTTP 502 from api.hathora.dev (text/html, 1234 bytes)');
    // The ceiling is capped at 4 s.
    assert.deepEqual(sleeps, [250, 500, 1000, 2000, 4000]);
    assert.equal(urls().length, 6);
  });

  it('uses the ApiError message of a 5xx', async () => {
    const { pool, client } = setup({ budgetMs: 0 });
    pool.intercept(ANY).reply(500, '{"message":"database unavailable"}', { headers: JSON_HEADERS });
    assert.equal((await rejection(client.getJson(PATH))).message, 'HTTP 500 from api.hathora.dev: database unavailable');
  });

  it('stops when the next wait would exceed the budget', async () => {
    const { pool, client, sleeps, debug } = setup({ random: () => 1, budgetMs: 1000 });
    pool.intercept(ANY).reply(503, '', { headers: JSON_HEADERS }).times(3);
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof ServerError);
    assert.equal(error.message, 'HTTP 503 from api.hathora.dev (application/json, 0 bytes)');
    // 250 + 500 spent; 1000 more would pass the 1000 ms budget.
    assert.deepEqual(sleeps, [250, 500]);
    assert.equal(debug.at(-1), 'not retrying after HTTP 503: the time budget is spent');
  });

  it('counts time spent in attempts against the budget', async () => {
    const { pool, client, sleeps, clock } = setup({ random: () => 1, budgetMs: 1000 });
    pool.intercept(ANY).reply(() => {
      clock.now += 800;
      return { statusCode: 503, data: '' };
    });
    await rejection(client.getJson(PATH));
    assert.deepEqual(sleeps, []);
  });

  it('gives each call its own budget: the waits of an earlier call do not count', async () => {
    const { pool, client, sleeps } = setup({ random: () => 1, budgetMs: 1000 });
    pool.intercept(ANY).reply(503, '', { headers: JSON_HEADERS }).times(2);
    pool.intercept(ANY).reply(200, '1', { headers: JSON_HEADERS });
    pool.intercept(ANY).reply(503, '', { headers: JSON_HEADERS }).times(3);
    assert.equal(await client.getJson(PATH), 1);
    await rejection(client.getJson(PATH));
    // Each call waits 250 + 500 ms; 1000 more would pass its own 1000 ms budget.
    assert.deepEqual(sleeps, [250, 500, 250, 500]);
  });

  it('lets concurrent calls each ride out a 429 with Retry-After (a budget per call, not per client)', async () => {
    // The calls wait side by side: the fake clock moves to the end of the longest wait, not the sum.
    const clock = { now: START };
    const sleeps: number[] = [];
    const { pool, client, debug } = setup({
      random: () => 0.5,
      now: () => clock.now,
      sleep: async (ms) => {
        const end = clock.now + ms;
        sleeps.push(ms);
        await Promise.resolve();
        clock.now = Math.max(clock.now, end);
      },
    });
    const paths = [1, 2, 3, 4].map((n) => `/processes/v3/apps/app-1/processes/p-${n}`);
    for (const path of paths) {
      pool.intercept({ path, method: 'GET' }).reply(429, '{"message":"slow down"}', { headers: { ...JSON_HEADERS, 'retry-after': '10' } });
      pool.intercept({ path, method: 'GET' }).reply(200, JSON.stringify({ path }), { headers: JSON_HEADERS });
    }
    // Before, the four 10 s waits were summed against one 30 s budget and the fourth call failed with exit 7.
    const results = await Promise.all(paths.map((path) => client.getJson(path)));
    assert.deepEqual(results, paths.map((path) => ({ path })));
    assert.deepEqual(sleeps, [10_000, 10_000, 10_000, 10_000]);
    assert.equal(debug.filter((line) => line === 'retrying in 10000 ms after HTTP 429').length, 4);
    assert.equal(clock.now, START + 10_000);
  });

  it('honours Retry-After in seconds', async () => {
    const { pool, client, sleeps } = setup();
    pool.intercept(ANY).reply(429, '', { headers: { 'retry-after': '2' } });
    pool.intercept(ANY).reply(200, '[]', { headers: JSON_HEADERS });
    assert.deepEqual(await client.getJson(PATH), []);
    assert.deepEqual(sleeps, [2000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const { pool, client, sleeps } = setup();
    pool.intercept(ANY).reply(503, '', { headers: { 'retry-after': new Date(START + 3000).toUTCString() } });
    pool.intercept(ANY).reply(200, '[]', { headers: JSON_HEADERS });
    await client.getJson(PATH);
    assert.deepEqual(sleeps, [3000]);
  });

  it('falls back to backoff for a garbage, zero or past Retry-After', async () => {
    const { pool, client, sleeps } = setup();
    pool.intercept(ANY).reply(429, '', { headers: { 'retry-after': 'soon' } });
    pool.intercept(ANY).reply(429, '', { headers: { 'retry-after': '0' } });
    pool.intercept(ANY).reply(429, '', { headers: { 'retry-after': new Date(START - 60_000).toUTCString() } });
    pool.intercept(ANY).reply(429, '', { headers: { 'retry-after': '-5' } });
    pool.intercept(ANY).reply(200, '[]', { headers: JSON_HEADERS });
    await client.getJson(PATH);
    assert.deepEqual(sleeps, [125, 250, 500, 1000]);
  });

  it('caps a Retry-After within the budget at 10 s', async () => {
    const { pool, client, sleeps } = setup();
    pool.intercept(ANY).reply(429, '', { headers: { 'retry-after': '20' } });
    pool.intercept(ANY).reply(200, '[]', { headers: JSON_HEADERS });
    await client.getJson(PATH);
    assert.deepEqual(sleeps, [10_000]);
  });

  it('fails at once when a 429 asks for a wait beyond the budget, naming the time', async () => {
    const { pool, client, sleeps, urls } = setup();
    pool.intercept(ANY).reply(429, '{"message":"slow down"}', { headers: { ...JSON_HEADERS, 'retry-after': '3600' } });
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.exitCode, ExitCode.rateLimited);
    assert.equal(error.message, `rate limited; retry after ${formatClock(new Date(START + 3600_000), START)}`);
    assert.deepEqual((error as RateLimitError & { retryAt?: Date }).retryAt, new Date(START + 3600_000));
    assert.deepEqual(sleeps, []);
    assert.equal(urls().length, 1);
  });

  it('reports a 429 that outlives the retries', async () => {
    const { pool, client, sleeps } = setup();
    pool.intercept(ANY).reply(429, '{"message":"Too many requests"}', { headers: JSON_HEADERS }).times(6);
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof RateLimitError);
    assert.equal(error.message, 'rate limited by api.hathora.dev (429): Too many requests');
    assert.equal(error.hint, 'wait a minute and try again');
    assert.equal(sleeps.length, 5);
  });

  it('retries 408 and then reports a network timeout', async () => {
    const { pool, client, sleeps } = setup();
    pool.intercept(ANY).reply(408, '', { headers: JSON_HEADERS }).times(6);
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof NetworkError);
    assert.equal(error.exitCode, ExitCode.network);
    assert.equal(error.message, 'request to api.hathora.dev timed out (408)');
    assert.equal(sleeps.length, 5);
  });

  const transport: [string, string][] = [
    ['ECONNRESET', 'connection to api.hathora.dev was reset'],
    ['ECONNREFUSED', 'cannot connect to api.hathora.dev: connection refused'],
    ['UND_ERR_SOCKET', 'connection to api.hathora.dev closed before a response'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timed out connecting to api.hathora.dev after 10s'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timed out waiting for response headers from api.hathora.dev after 15s'],
  ];
  for (const [code, message] of transport) {
    it(`retries ${code} and then reports "${message}"`, async () => {
      const { pool, client, sleeps, debug } = setup();
      pool.intercept(ANY).replyWithError(Object.assign(new Error('boom'), { code })).times(6);
      const error = await rejection(client.getJson(PATH));
      assert.ok(error instanceof NetworkError);
      assert.equal(error.exitCode, ExitCode.network);
      assert.equal(error.message, message);
      assert.equal(sleeps.length, 5);
      assert.equal(debug[1], `GET ${ORIGIN}${PATH} → ${code} (0 ms)`);
    });
  }

  it('retries an unresolvable host only once', async () => {
    const { pool, client, sleeps } = setup();
    pool.intercept(ANY).replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })).times(2);
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof NetworkError);
    assert.equal(error.message, 'cannot resolve api.hathora.dev');
    assert.equal(error.hint, 'check your network connection, DNS or proxy settings');
    assert.deepEqual(sleeps, [125]);
  });

  it('does not retry TLS certificate errors', async () => {
    const { pool, client, sleeps } = setup();
    pool.intercept(ANY).replyWithError(Object.assign(new Error('cert'), { code: 'CERT_HAS_EXPIRED' }));
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof NetworkError);
    assert.equal(error.message, 'TLS error connecting to api.hathora.dev: certificate has expired');
    assert.deepEqual(sleeps, []);
  });
});

describe('postEmpty', () => {
  const STOP = '/processes/v3/apps/app-1/processes/proc-1/stop';

  it('returns undefined for 204 and the parsed body for 201', async () => {
    const { pool, client, urls } = setup();
    pool.intercept({ path: STOP, method: 'POST' }).reply(204, '');
    pool.intercept({ path: '/processes/v3/apps/app-1/processes/regions/London', method: 'POST' }).reply(201, '{"processId":"p"}', { headers: JSON_HEADERS });
    assert.equal(await client.postEmpty(STOP), undefined);
    assert.deepEqual(await client.postEmpty('/processes/v3/apps/app-1/processes/regions/London'), { processId: 'p' });
    assert.equal(urls().length, 2);
  });

  it('never retries a 5xx', async () => {
    const { pool, client, sleeps, urls } = setup();
    pool.intercept({ path: STOP, method: 'POST' }).reply(503, '', { headers: JSON_HEADERS });
    const error = await rejection(client.postEmpty(STOP));
    assert.ok(error instanceof ServerError);
    assert.deepEqual(sleeps, []);
    assert.equal(urls().length, 1);
  });

  it('says a reset request may or may not have been applied, and does not retry', async () => {
    const { pool, client, sleeps, urls } = setup();
    pool.intercept({ path: STOP, method: 'POST' }).replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    const error = await rejection(client.postEmpty(STOP));
    assert.ok(error instanceof NetworkError);
    assert.equal(error.message, 'connection to api.hathora.dev was reset; the request may or may not have been applied');
    assert.deepEqual(sleeps, []);
    assert.equal(urls().length, 1);
  });

  it('says so after a headers timeout too, but not when the connection was refused', async () => {
    const { pool, client } = setup();
    pool.intercept({ path: STOP, method: 'POST' }).replyWithError(Object.assign(new Error('t'), { code: 'UND_ERR_HEADERS_TIMEOUT' }));
    pool.intercept({ path: STOP, method: 'POST' }).replyWithError(Object.assign(new Error('r'), { code: 'ECONNREFUSED' }));
    assert.equal(
      (await rejection(client.postEmpty(STOP))).message,
      'timed out waiting for response headers from api.hathora.dev after 15s; the request may or may not have been applied',
    );
    assert.equal((await rejection(client.postEmpty(STOP))).message, 'cannot connect to api.hathora.dev: connection refused');
  });
});

describe('interruption', () => {
  it('refuses to start once the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { client, urls } = setup({ signal: controller.signal });
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof InterruptedError);
    assert.equal(error.exitCode, ExitCode.interrupted);
    assert.deepEqual(urls(), []);
  });

  it('turns an abort during a retry wait into InterruptedError', async () => {
    const controller = new AbortController();
    const { pool, client } = setup({
      signal: controller.signal,
      sleep: async () => {
        controller.abort();
        throw new DOMException('aborted', 'AbortError');
      },
    });
    pool.intercept(ANY).reply(503, '', { headers: JSON_HEADERS });
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof InterruptedError);
    assert.equal(error.message, 'interrupted');
  });

  it('turns an abort during the request into InterruptedError', async () => {
    const controller = new AbortController();
    const { pool, client } = setup({ signal: controller.signal });
    pool.intercept(ANY).reply(200, '[]', { headers: JSON_HEADERS }).delay(1000);
    setTimeout(() => controller.abort(), 5);
    const error = await rejection(client.getJson(PATH));
    assert.ok(error instanceof InterruptedError);
  });
});

describe('many requests at once', () => {
  it('share one listener on the caller signal and print no leak warning', async () => {
    const controller = new AbortController();
    const { pool, client } = setup({ signal: controller.signal });
    pool.intercept(ANY).reply(200, '[]', { headers: JSON_HEADERS }).delay(10).times(15);
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => {
      warnings.push(warning.name);
    };
    process.on('warning', onWarning);
    try {
      await Promise.all(Array.from({ length: 15 }, () => client.getJson(PATH)));
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    assert.deepEqual(warnings, []);
  });
});

describe('the token stays secret', () => {
  it('never appears in any error message, hint or debug line', async () => {
    const echo = JSON.stringify({ message: `bad token ${TOKEN} (authorization: Bearer ${TOKEN})` });
    const replies: [number, string][] = [
      [401, echo],
      [403, echo],
      [404, echo],
      [410, echo],
      [422, echo],
      [429, echo],
      [500, echo],
      [502, `<pre>authorization: Bearer ${TOKEN}</pre>`],
      [418, echo],
    ];
    const texts: string[] = [];
    // Each status on a fresh client, so persisted interceptors do not mix.
    for (const [status, body] of replies) {
      const fresh = fakeApi({ budgetMs: 500 });
      fresh.pool.intercept(ANY).reply(status, body, { headers: status === 502 ? { 'content-type': 'text/html' } : JSON_HEADERS }).persist();
      const error = await rejection(fresh.client.getJson(PATH));
      texts.push(error.message, error.hint ?? '', ...fresh.debug);
      await fresh.agent.close();
    }
    assert.ok(texts.some((text) => text.includes('bad token ••••••••')), 'the server message is still shown, masked');
    for (const text of texts) {
      assert.ok(!text.includes(TOKEN), `token leaked in: ${text}`);
      assert.ok(!text.includes('T0kenValue'), `token leaked in: ${text}`);
    }
  });
});

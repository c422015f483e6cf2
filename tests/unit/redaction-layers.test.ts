// The token is masked by several layers, and the output mask of a real run (main.ts) masks it again
// in everything written. Each layer is tested here on its own, with nothing masking after it, so a
// layer that stops redacting fails its own test instead of hiding behind the output mask.
// The tokens are plain ones: a hathora_org_st_ token would be masked by its prefix alone.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ctx } from '../../src/context.js';
import { HprocError } from '../../src/errors.js';
import { reportError } from '../../src/main.js';
import { createRedactor, MASK } from '../../src/redact.js';
import { createSecretRegistry } from '../../src/secrets.js';
import { fakeApi, JSON_HEADERS, ORIGIN, rejection, type FakeApi } from './api/fake-api.js';

/** The token, and a distinctive tail of it: a leak of part of the token is still a leak. */
function assertNoToken(texts: readonly string[], token: string): void {
  for (const text of texts) {
    for (const needle of [token, token.slice(-10)]) assert.ok(!text.includes(needle), `token leaked in: ${text}`);
  }
}

describe('the redactor (createRedactor)', () => {
  const TOKEN = 'tok-Zq81xvREDACTORsecret';
  const redact = createRedactor([TOKEN]);

  test('masks a known token wherever it stands: alone, in a URL, in JSON, in a stack frame', () => {
    assert.equal(redact(TOKEN), MASK);
    assert.equal(redact(`GET https://api.hathora.dev/x?cursor=${TOKEN}&n=1`), `GET https://api.hathora.dev/x?cursor=${MASK}&n=1`);
    assert.equal(redact(JSON.stringify({ message: `bad ${TOKEN}` })), JSON.stringify({ message: `bad ${MASK}` }));
    assert.equal(redact(`Error: ${TOKEN}\n    at f (file.js:1:2)`), `Error: ${MASK}\n    at f (file.js:1:2)`);
    assert.equal(redact(`${TOKEN}${TOKEN}`), `${MASK}${MASK}`);
  });

  test('masks a Hathora org token it was not told about, and credential header values', () => {
    const plain = createRedactor([]);
    assert.equal(plain('got hathora_org_st_AbCdEf0123456789_xyz here'), `got ${MASK} here`);
    assert.equal(plain('authorization: Bearer anything'), `authorization: ${MASK}`);
    assert.equal(plain('{"authorization":"Bearer anything"}'), `{"authorization":"${MASK}"}`);
  });

  test('leaves text without secrets unchanged', () => {
    for (const text of ['GET https://api.hathora.dev/apps/v2/apps → 200 (12 ms)', 'tok-Zq81xv', '']) assert.equal(redact(text), text);
  });
});

describe('the API client (createApiClient)', () => {
  const TOKEN = 'tok-Zq81xvCLIENTsecret';
  const PATH = '/processes/v3/apps/app-1/processes';
  let api: FakeApi | undefined;
  after(async () => {
    await api?.agent.close();
  });

  test('every line handed to the debug callback is redacted, the request line with the token in its query included', async () => {
    api = fakeApi({ token: TOKEN });
    // A server could hand the token back in a paging cursor, which is then sent and logged.
    api.pool.intercept({ path: (p) => p.startsWith(PATH), method: 'GET' }).reply(200, [], { headers: JSON_HEADERS });
    await api.client.getJson(PATH, { nextPageToken: `cursor-${TOKEN}` });
    assert.ok(api.urls()[0]?.includes(TOKEN), 'the token was really sent in the query');
    assert.deepEqual(api.debug, [
      `GET ${ORIGIN}${PATH}?nextPageToken=cursor-${MASK} (authorization: ${MASK})`,
      `GET ${ORIGIN}${PATH}?nextPageToken=cursor-${MASK} → 200 (0 ms)`,
    ]);
    assertNoToken(api.debug, TOKEN);
    await api.agent.close();
    api = undefined;
  });

  test('a server message that echoes the token is masked in the error thrown and in the debug lines', async () => {
    api = fakeApi({ token: TOKEN });
    api.pool.intercept({ path: PATH, method: 'GET' }).reply(400, JSON.stringify({ message: `bad request with Bearer ${TOKEN}` }), { headers: JSON_HEADERS });
    const error = await rejection(api.client.getJson(PATH));
    assert.equal(error.message, `request rejected (400): bad request with Bearer ${MASK}`);
    assert.equal((error as { serverMessage?: string }).serverMessage, `bad request with Bearer ${MASK}`);
    assert.ok(api.debug.some((line) => line.startsWith('response body: ') && line.includes(MASK)), api.debug.join('\n'));
    assertNoToken([error.message, error.hint ?? '', ...api.debug], TOKEN);
    await api.agent.close();
    api = undefined;
  });
});

describe('the error printer (reportError)', () => {
  /** A stream that keeps what is written exactly as it is: no output mask. */
  function keptStream(): { text: string; isTTY: boolean; columns: undefined; write(chunk: string): void } {
    const stream = { text: '', isTTY: false, columns: undefined, write: (chunk: string) => void (stream.text += chunk) };
    return stream;
  }

  /** A context whose streams do no masking. */
  function unmaskedCtx(env: Record<string, string>): { ctx: Ctx; stderr: ReturnType<typeof keptStream>; stdout: ReturnType<typeof keptStream> } {
    const stdout = keptStream();
    const stderr = keptStream();
    const ctx: Ctx = { io: { stdout, stderr }, env, now: () => new Date('2026-11-01T00:00:00.000Z'), signal: new AbortController().signal };
    return { ctx, stdout, stderr };
  }

  test('an unexpected error carrying the token from HATHORA_TOKEN is printed masked, its --debug stack too', () => {
    const token = 'tok-Zq81xvPRINTERenv';
    const { ctx, stdout, stderr } = unmaskedCtx({ HATHORA_TOKEN: token });
    const error = new Error(`could not parse ${token}`);
    assert.ok(error.stack?.includes(token), 'the stack carries the token');
    const code = reportError(error, ctx, ['list', '--debug']);
    assert.equal(code, 1);
    const lines = stderr.text.split('\n');
    assert.equal(lines[0], `hproc: internal error: could not parse ${MASK} (re-run with --debug and report this)`);
    // The stack follows, its first line naming the error again.
    assert.equal(lines[1], `Error: could not parse ${MASK}`);
    assert.match(lines[2] ?? '', /^ {4}at /);
    assertNoToken([stderr.text, stdout.text], token);
  });

  test('an hproc error with the token from --token in its message and hint is printed masked, its --debug stack too', () => {
    const token = 'tok-Zq81xvPRINTERflag';
    const { ctx, stdout, stderr } = unmaskedCtx({});
    const error = new HprocError(`the server said ${token}`, { hint: `try again without ${token}` });
    const code = reportError(error, ctx, ['list', '--token', token, '--debug']);
    assert.equal(code, 1);
    const lines = stderr.text.split('\n');
    assert.equal(lines[0], `hproc: the server said ${MASK}`);
    assert.equal(lines[1], `hint: try again without ${MASK}`);
    assert.equal(lines[2], `HprocError: the server said ${MASK}`);
    assertNoToken([stderr.text, stdout.text], token);
  });

  test('a token the run learnt late (kept in its secret registry, not in argv or the environment) is printed masked', () => {
    const token = 'tok-Zq81xvPRINTERlate';
    const { ctx, stdout, stderr } = unmaskedCtx({});
    ctx.secrets = createSecretRegistry();
    ctx.secrets.add(token);
    const code = reportError(new HprocError(`config file token ${token} rejected`), ctx, ['list', '--debug']);
    assert.equal(code, 1);
    assert.equal(stderr.text.split('\n')[0], `hproc: config file token ${MASK} rejected`);
    assertNoToken([stderr.text, stdout.text], token);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as z from 'zod';
import { decodeOnArrival, loadOnce } from '../../../src/api/decode-on-arrival.js';
import { AuthError, ResponseError } from '../../../src/errors.js';

const schema = z.object({ n: z.number() });

describe('decodeOnArrival', () => {
  it('validates the JSON once both the response and the schema are there, and keeps the raw value', async () => {
    const raw = { n: 3, extra: true };
    const fetched = await decodeOnArrival(Promise.resolve(raw), async () => schema, 'GET /x');
    assert.deepEqual(fetched.data, { n: 3 });
    assert.equal(fetched.raw, raw);
  });

  it('starts loading the schema before the response arrives', async () => {
    let answer!: (value: unknown) => void;
    const request = new Promise((resolve) => (answer = resolve));
    let loadedBeforeAnswer = false;
    const pending = decodeOnArrival(request, async () => {
      loadedBeforeAnswer = true;
      return schema;
    }, 'GET /x');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(loadedBeforeAnswer, true);
    answer({ n: 1 });
    assert.deepEqual((await pending).data, { n: 1 });
  });

  it('reports a failed request at once, without waiting for the schema', async () => {
    const never = new Promise<typeof schema>(() => undefined);
    const error = await decodeOnArrival(Promise.reject(new AuthError('no')), () => never, 'GET /x').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error instanceof AuthError);
  });

  it('turns a schema mismatch into a ResponseError naming the endpoint', async () => {
    await assert.rejects(decodeOnArrival(Promise.resolve({ n: 'three' }), async () => schema, 'GET /x'), (e: unknown) => e instanceof ResponseError && /GET \/x: n: expected/.test(e.message));
  });
});

describe('loadOnce', () => {
  it('loads once and hands every caller the same promise', async () => {
    let loads = 0;
    const load = loadOnce(async () => ++loads);
    assert.equal(load(), load());
    assert.equal(await load(), 1);
    assert.equal(loads, 1);
  });
});

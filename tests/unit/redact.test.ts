import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRedactor, MASK } from '../../src/redact.js';

describe('createRedactor', () => {
  const redact = createRedactor(['my-secret-token', 'abc', 'my-secret']);

  it('masks every occurrence of each secret with a fixed mask', () => {
    assert.equal(MASK, '••••••••');
    assert.equal(redact('a my-secret-token b my-secret-token'), `a ${MASK} b ${MASK}`);
    // The longer secret wins over the one it contains.
    assert.equal(redact('my-secret-token / my-secret'), `${MASK} / ${MASK}`);
  });

  it('ignores secrets shorter than 4 characters', () => {
    assert.equal(redact('abc abcd'), 'abc abcd');
  });

  it('masks any Hathora org token', () => {
    assert.equal(createRedactor([])('token hathora_org_st_AbC-12_x9! ok'), `token ${MASK}! ok`);
  });

  it('masks credential header values in header lines', () => {
    const plain = createRedactor([]);
    assert.equal(plain('authorization: Bearer xyz\nx-next: 1'), `authorization: ${MASK}\nx-next: 1`);
    assert.equal(plain('> Authorization:Bearer xyz'), `> Authorization:${MASK}`);
    assert.equal(plain('Cookie: a=1; b=2'), `Cookie: ${MASK}`);
    assert.equal(plain('set-cookie: sid=9; Path=/'), `set-cookie: ${MASK}`);
    assert.equal(plain('proxy-authorization: Basic Zm9v'), `proxy-authorization: ${MASK}`);
    assert.equal(plain('authorization: "Bearer unterminated'), `authorization: ${MASK}`);
  });

  it('masks credential header values in JSON and object dumps', () => {
    const plain = createRedactor([]);
    assert.equal(plain('{"authorization":"Bearer q\\"x","a":1}'), `{"authorization":"${MASK}","a":1}`);
    assert.equal(plain("{ authorization: 'Bearer x', accept: 'application/json' }"), `{ authorization: '${MASK}', accept: 'application/json' }`);
  });

  it('leaves ordinary text alone', () => {
    const plain = createRedactor([]);
    for (const text of ['the authorization header was missing', 'GET https://api.hathora.dev/apps/v2/apps → 200 (12 ms)', '']) {
      assert.equal(plain(text), text);
    }
  });
});

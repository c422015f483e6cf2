import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRedactor, MASK, secretForms } from '../../src/redact.js';
import { createSecretRegistry } from '../../src/secrets.js';
import { renderTable } from '../../src/render/table.js';
import { createTheme } from '../../src/render/theme.js';

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

describe('every form of a secret (#55)', () => {
  const token = 'Tok/En+Secret_17c';
  const redact = createRedactor([token]);

  it('masks the secret as given, lower-cased, upper-cased, URL-encoded, JSON-escaped and sanitised', () => {
    for (const form of [token, token.toLowerCase(), token.toUpperCase(), encodeURIComponent(token), encodeURIComponent(token).toLowerCase(), encodeURIComponent(token.toLowerCase())]) {
      assert.equal(redact(`at https://${form}.example/x`), `at https://${MASK}.example/x`, form);
    }
    assert.equal(createRedactor(['quo"te\\tok'])('{"t":"quo\\"te\\\\tok"}'), `{"t":"${MASK}"}`);
    assert.equal(createRedactor(['zero\u200bwidth'])('zero\\u200bwidth'), MASK);
    assert.deepEqual(secretForms('abc'), []);
  });

  it('the registry masks every form in data too', () => {
    const registry = createSecretRegistry([token]);
    assert.equal(registry.mask(`host ${token.toLowerCase()}`), `host ${MASK}`);
    assert.equal(Buffer.from(registry.maskBytes(Buffer.from(`h ${token.toUpperCase()}`))).toString(), `h ${MASK}`);
  });
});

describe('a secret split between two writes (#54)', () => {
  const token = 'tok-stream-0123456789';
  const text = `line one ${token} and ${token.toLowerCase()}X${token}\n`;

  it('is masked wherever text is cut, and what is held back goes out at the end', () => {
    for (let cut = 0; cut <= text.length; cut += 1) {
      const mask = createSecretRegistry([token]).streamMask();
      const out = mask.text(text.slice(0, cut)) + mask.text(text.slice(cut)) + mask.flush().text;
      assert.equal(out, `line one ${MASK} and ${MASK}X${MASK}\n`, `cut at ${cut}`);
    }
  });

  it('is masked wherever bytes are cut, one byte at a time included', () => {
    const bytes = Buffer.from(text);
    for (let cut = 0; cut <= bytes.length; cut += 1) {
      const mask = createSecretRegistry([token]).streamMask();
      const out = Buffer.concat([mask.bytes(bytes.subarray(0, cut)), mask.bytes(bytes.subarray(cut)), mask.flush().bytes]);
      assert.equal(out.toString(), `line one ${MASK} and ${MASK}X${MASK}\n`, `cut at ${cut}`);
    }
    const mask = createSecretRegistry([token]).streamMask();
    const pieces = [...bytes].map((byte) => Buffer.from(mask.bytes(Uint8Array.of(byte))));
    assert.equal(Buffer.concat([...pieces, mask.flush().bytes]).toString(), `line one ${MASK} and ${MASK}X${MASK}\n`);
  });

  it('holds back only an end that may begin a secret', () => {
    const mask = createSecretRegistry([token]).streamMask();
    assert.equal(mask.text('Stop it? [y/N] '), 'Stop it? [y/N] ');
    assert.equal(mask.text('see tok-str'), 'see ');
    assert.equal(mask.text('ange'), 'tok-strange');
    assert.equal(mask.text('end tok'), 'end ');
    assert.deepEqual(mask.flush().text, 'tok');
  });
});

describe('a secret cut to fit, before the mask saw it whole (#56)', () => {
  const token = 'tok-cut-abcdefghi';

  it('masks what is left of it beside an ellipsis, at either end', () => {
    const redact = createRedactor([token]);
    assert.equal(redact(`id ${token.slice(0, 16)}…  running`), `id ${MASK}…  running`);
    assert.equal(redact(`id ${token.slice(0, 5)}…`), `id ${MASK}…`);
    assert.equal(redact(`…${token.slice(-9)} end`), `…${MASK} end`);
    assert.equal(redact(`"${token.slice(0, 12)}..."`), `"${MASK}..."`);
    assert.equal(redact(`${token.toUpperCase().slice(0, 10)}…`), `${MASK}…`);
  });

  it('leaves other cut text and short beginnings alone', () => {
    const redact = createRedactor([token]);
    assert.equal(redact('tok…'), 'tok…');
    assert.equal(redact('some other cell…'), 'some other cell…');
    assert.equal(redact('wait...'), 'wait...');
  });

  it('in a table cut to the terminal width, none of the token shows', () => {
    const registry = createSecretRegistry([token]);
    const cell = `${token.slice(0, 16)}…`;
    assert.equal(registry.mask(`ID                 STATUS\n${cell}  running\n`), `ID                 STATUS\n${MASK}…  running\n`);
  });
});

describe('a table masks before it cuts (#56)', () => {
  it('the run\'s mask runs on each value before the cell is measured and cut', () => {
    const token = 'tok-cut-abcdefghi';
    const registry = createSecretRegistry([token]);
    const columns = [
      { header: 'ID', value: (r: { id: string; note: string }) => r.id },
      { header: 'NOTE', value: (r: { id: string; note: string }) => r.note, shorten: true, priority: 1 },
    ];
    const rows = [{ id: 'p-1', note: `failed: ${token} while starting` }];
    const masked = renderTable(columns, rows, { theme: createTheme(false), width: 24, headers: true, mask: registry.mask });
    assert.equal(masked, `ID   NOTE\np-1  failed: ${MASK} w…\n`);
    // Without the mask the cell is cut first and keeps the token's beginning.
    const unmasked = renderTable(columns, rows, { theme: createTheme(false), width: 24, headers: true });
    assert.equal(unmasked, `ID   NOTE\np-1  failed: tok-cut-ab…\n`);
  });
});

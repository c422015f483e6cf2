// --jq runs the real jq (jq-web): output as `jq -r` prints it, failures split by phase, big inputs fine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyJq, checkJqProgram, JqFailure } from '../../../src/render/jq.js';

const doc = JSON.stringify([{ id: 'a', name: '  padded', n: 1 }, { id: 'b', name: 'esc\u001b[31m', n: 2 }]);

test('strings print raw, other values as jq prints them, empty output stays empty', async () => {
  const exitCodeBefore = process.exitCode;
  assert.deepEqual(await applyJq(doc, '.[].id', false), { stdout: 'a\nb\n', messages: [] });
  assert.deepEqual(await applyJq(doc, '.[0].name', false), { stdout: '  padded\n', messages: [] });
  assert.deepEqual(await applyJq(doc, 'map(.n) | add', false), { stdout: '3\n', messages: [] });
  assert.deepEqual(await applyJq(doc, '.[0] | {id}', false), { stdout: '{\n  "id": "a"\n}\n', messages: [] });
  assert.deepEqual(await applyJq(doc, 'empty', false), { stdout: '', messages: [] });
  process.exitCode = exitCodeBefore;
});

test('on a terminal a raw string from the server is sanitised; piped it is not', async () => {
  const exitCodeBefore = process.exitCode;
  assert.equal((await applyJq(doc, '.[1].name', true)).stdout, 'esc\\x1b[31m\n');
  assert.equal((await applyJq(doc, '.[1].name', false)).stdout, 'esc\u001b[31m\n');
  process.exitCode = exitCodeBefore;
});

test('debug output is collected for hproc to print, not written behind its back', async () => {
  const exitCodeBefore = process.exitCode;
  const out = await applyJq(doc, '.[0].n | debug', false);
  assert.equal(out.stdout, '1\n');
  assert.deepEqual(out.messages, ['["DEBUG:",1]']);
  process.exitCode = exitCodeBefore;
});

test('a program that does not compile is a compile failure; one that fails on the data a runtime one', async () => {
  const exitCodeBefore = process.exitCode;
  await assert.rejects(checkJqProgram('.['), (e: unknown) => e instanceof JqFailure && e.phase === 'compile' && /^syntax error/.test(e.message));
  await assert.rejects(checkJqProgram('nosuchfunction'), (e: unknown) => e instanceof JqFailure && e.message === 'nosuchfunction/0 is not defined at <top-level>, line 1: nosuchfunction');
  await checkJqProgram('.[] | .id');
  await assert.rejects(applyJq(doc, '.[] | error("boom")', false), (e: unknown) => e instanceof JqFailure && e.phase === 'runtime' && e.message === 'boom');
  process.exitCode = exitCodeBefore;
});

test('a large document is filtered in linear time (a few MB in seconds, not minutes)', async () => {
  const exitCodeBefore = process.exitCode;
  const big = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ processId: `p-${i}`, region: i % 2 === 0 ? 'London' : 'Tokyo' })), null, 2);
  assert.ok(big.length > 1_000_000);
  const started = Date.now();
  const out = await applyJq(big, '[.[] | select(.region == "Tokyo")] | length', false);
  assert.equal(out.stdout, '10000\n');
  assert.ok(Date.now() - started < 30_000, `took ${Date.now() - started} ms`);
  process.exitCode = exitCodeBefore;
});

test('#63 a NUL in a string printed raw is kept in a pipe and escaped on a terminal', async () => {
  const json = JSON.stringify([{ name: 'a\u0000b\u0000' }, { name: 'plain' }]);
  assert.deepEqual(await applyJq(json, '.[].name', false), { stdout: 'a\u0000b\u0000\nplain\n', messages: [] });
  assert.deepEqual(await applyJq(json, '.[].name', true), { stdout: 'a\\x00b\\x00\nplain\n', messages: [] });
  // Inside JSON text jq spells it \u0000 itself; a program ending in a comment still works.
  assert.equal((await applyJq(json, '.[0] # the first', false)).stdout, '{\n  "name": "a\\u0000b\\u0000"\n}\n');
});

// main.ts's stream wrapper: a stream that fails (at once, or later by an 'error' event) is one
// plain error for the run, never an exception; a reader that went away is a quiet end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { outputStreamOf, type StreamHandlers } from '../../src/main.js';
import type { OutputError } from '../../src/errors.js';
import { MASK } from '../../src/redact.js';
import { createSecretRegistry } from '../../src/secrets.js';

function harness(write: (chunk: Buffer) => void, name: StreamHandlers['name'] = 'stdout') {
  const failures: OutputError[] = [];
  let closed = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      try {
        write(chunk);
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
  const wrapped = outputStreamOf(sink, {
    name,
    mask: createSecretRegistry(['tok-output-0001']).streamMask(),
    onClosed: () => (closed += 1),
    onFailed: (error) => failures.push(error),
  });
  return { wrapped, failures, closed: () => closed };
}

test('#61 an I/O error on stdout (EIO) is one line naming the stream and the cause, exit 8', async () => {
  const { wrapped, failures } = harness(() => {
    throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
  });
  wrapped.stream.write('a listing\n');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(failures.length, 1);
  assert.equal(failures[0]?.message, 'cannot write to stdout: input/output error (EIO)');
  assert.equal(failures[0]?.exitCode, 8);
  assert.equal(wrapped.stream.closed, true);
  assert.equal(wrapped.healthy, false);
  // Later writes are dropped, not thrown.
  wrapped.stream.write('more\n');
  assert.equal(failures.length, 1);
});

test('#61 a write that throws at once (a file on a full disk) is the same plain failure', () => {
  const failures: OutputError[] = [];
  const throwing = Object.assign(new Writable(), {
    write: () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  });
  const wrapped = outputStreamOf(throwing, { name: 'stdout', mask: createSecretRegistry().streamMask(), onClosed: () => undefined, onFailed: (e) => failures.push(e) });
  assert.doesNotThrow(() => wrapped.stream.write('x\n'));
  assert.deepEqual(failures.map((f) => f.message), ['cannot write to stdout: no space left on device (ENOSPC)']);
});

test('#44 EPIPE stays a quiet end: closed, no failure', async () => {
  const { wrapped, failures, closed } = harness(() => {
    throw Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' });
  });
  wrapped.stream.write('x\n');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual([failures.length, closed(), wrapped.stream.closed, wrapped.healthy], [0, 1, true, true]);
});

test('#54 the wrapper masks a token split between two writes, and flushes what it held at the end', () => {
  const seen: string[] = [];
  const { wrapped } = harness((chunk) => seen.push(chunk.toString()));
  wrapped.stream.writeBytes?.(Buffer.from('token tok-out'));
  wrapped.stream.writeBytes?.(Buffer.from('put-0001 ok tok'));
  wrapped.finish();
  assert.equal(seen.join(''), `token ${MASK} ok tok`);
});

test('text is written whole and held back never; bytes held back are released before the other stream writes', async () => {
  const order: string[] = [];
  const secrets = createSecretRegistry(['hproc-emulator-token']);
  const sinkOf = (name: string) => new Writable({ write: (chunk: Buffer, _e, done) => (order.push(`${name}:${chunk.toString()}`), done()) });
  let errRef: ReturnType<typeof outputStreamOf> | undefined;
  const out = outputStreamOf(sinkOf('out'), { name: 'stdout', mask: secrets.streamMask(), onClosed: () => undefined, onFailed: () => undefined, beforeWrite: () => errRef?.release() });
  const err = outputStreamOf(sinkOf('err'), { name: 'stderr', mask: secrets.streamMask(), onClosed: () => undefined, onFailed: () => undefined, beforeWrite: () => out.release() });
  errRef = err;
  // A frame ending in a cursor sequence (whose `h` could begin the token) goes out whole, at once.
  out.stream.write('frame\u001b[?25h');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, ['out:frame\u001b[?25h']);
  // Raw bytes that may begin the token are held, then released before stderr writes.
  order.length = 0;
  out.stream.writeBytes?.(Buffer.from('raw h'));
  err.stream.write('hproc: reconnected\n');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, ['out:raw ', 'out:h', 'err:hproc: reconnected\n']);
  // A token split across two byte chunks is masked whole, however long the second one takes.
  order.length = 0;
  out.stream.writeBytes?.(Buffer.from('x hproc-emul'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  out.stream.writeBytes?.(Buffer.from('ator-token y\n'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(order.map((o) => o.slice(4)).join(''), `x ${MASK} y\n`);
});

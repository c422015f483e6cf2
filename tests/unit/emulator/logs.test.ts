import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { BIG_APP_ID, FAILED_PROCESS_ID, RUNNING_PROCESS_ID, STOPPED_PROCESS_ID } from '../../../src/emulator/data.js';
import { call } from './emulator-fetch.js';

const LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO |WARN |ERROR|FATAL) \S/;

function linesOf(text: string): string[] {
  assert.ok(text === '' || text.endsWith('\n'), 'every line ends with a newline');
  return text === '' ? [] : text.slice(0, -1).split('\n');
}

function assertOrdered(lines: string[]): void {
  for (const line of lines) assert.match(line, LINE);
  const times = lines.map((line) => Date.parse(line.slice(0, 24)));
  for (let i = 1; i < times.length; i += 1) assert.ok((times[i - 1] ?? 0) <= (times[i] ?? 0), `line ${i} is in order`);
}

describe('process logs', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ logIntervalMs: 3_600_000 });
  });
  after(async () => {
    await emulator.close();
  });

  it('L1 returns the last tailLines lines (100 by default) as an octet stream', async () => {
    const all = await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?tailLines=5000`);
    assert.equal(all.status, 200);
    assert.equal(all.contentType, 'application/octet-stream');
    const lines = linesOf(all.text);
    assert.equal(lines.length, 5000, 'the running process has more than 5000 lines');
    assertOrdered(lines);
    const byDefault = linesOf((await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}`)).text);
    assert.deepEqual(byDefault, lines.slice(-100));
    const five = linesOf((await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?tailLines=5&follow=false`)).text);
    assert.deepEqual(five, lines.slice(-5));
    assert.match(five.at(-1) ?? '', /INFO  tick rooms=\d+ players=\d+ frame=[\d.]+ms$/);
  });

  it('L2 downloads the whole log of a stopped process, from boot to shutdown', async () => {
    const download = await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${STOPPED_PROCESS_ID}/download`);
    assert.equal(download.status, 200);
    assert.equal(download.contentType, 'application/octet-stream');
    const lines = linesOf(download.text);
    assertOrdered(lines);
    assert.match(lines[0] ?? '', /INFO  game server v1\.5\.0 booting in Sao_Paulo/);
    assert.ok(lines.some((line) => / INFO  listening on tcp port 7777$/.test(line)));
    assert.match(lines.at(-2) ?? '', /received SIGTERM/);
    assert.match(lines.at(-1) ?? '', /shutdown complete, exiting with code 0$/);
    const tail = linesOf((await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${STOPPED_PROCESS_ID}?tailLines=5000`)).text);
    assert.deepEqual(tail, lines.slice(-5000));
  });

  it('ends the log of a process killed for memory with its last warning', async () => {
    const lines = linesOf((await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${FAILED_PROCESS_ID}/download`)).text);
    assert.match(lines.at(-1) ?? '', /WARN  memory usage at 97% of the 4096 MB limit$/);
  });

  it('ends a followed stream at once for a stopped process', async () => {
    const answer = await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${STOPPED_PROCESS_ID}?follow=true&tailLines=3`);
    assert.equal(linesOf(answer.text).length, 3);
  });
});

describe('following a log', () => {
  it('sends a live line per interval and ends the stream when the process stops', async () => {
    const emulator = await startEmulator({ logIntervalMs: 40, stopDelayMs: 250 });
    try {
      const response = await fetch(`${emulator.url}/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?follow=true&tailLines=1`, {
        headers: { Authorization: `Bearer ${emulator.token}` },
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/octet-stream');
      const reader = response.body?.getReader();
      assert.ok(reader !== undefined);
      const decoder = new TextDecoder();
      let text = '';
      let stopSent = false;
      const started = Date.now();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        if (!stopSent && text.split('\n').length > 4) {
          stopSent = true;
          const stop = await fetch(`${emulator.url}/processes/v3/apps/${BIG_APP_ID}/processes/${RUNNING_PROCESS_ID}/stop`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${emulator.token}` },
          });
          assert.equal(stop.status, 204);
        }
        assert.ok(Date.now() - started < 5000, 'the stream ends on its own');
      }
      const lines = linesOf(text);
      assertOrdered(lines);
      assert.ok(lines.length >= 6, `got ${lines.length} lines`);
      // The stop reads as: SIGTERM, then the rooms still open are destroyed, then the exit.
      const sigterm = lines.findIndex((line) => / INFO  received SIGTERM, draining \d+ room\(s\)$/.test(line));
      assert.ok(sigterm > 0, 'the SIGTERM line was streamed');
      for (const line of lines.slice(sigterm + 1, -1)) assert.match(line, / INFO  room \w+ destroyed after \d+m\d\ds$/);
      assert.match(lines.at(-1) ?? '', /shutdown complete, exiting with code 0$/);
      // After the stop, the download has everything the follower saw.
      const download = linesOf((await call(emulator, `/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}/download`)).text);
      assert.deepEqual(download.slice(-(lines.length - 1)), lines.slice(1));
    } finally {
      await emulator.close();
    }
  });

  it('closes quickly while a follower is still connected', async () => {
    const emulator = await startEmulator({ logIntervalMs: 50 });
    const response = await fetch(`${emulator.url}/logs/v1/${BIG_APP_ID}/process/${RUNNING_PROCESS_ID}?follow=true&tailLines=1`, {
      headers: { Authorization: `Bearer ${emulator.token}` },
    });
    const reader = response.body?.getReader();
    await reader?.read();
    const started = Date.now();
    await emulator.close();
    assert.ok(Date.now() - started < 500, 'close does not wait for the stream');
    // The stream ends (cleanly or not) instead of hanging.
    await reader?.read().then(
      () => undefined,
      () => undefined,
    );
  });
});

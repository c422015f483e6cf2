import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startProgress, type ProgressTimers } from '../../../src/render/progress.js';
import { progressWanted } from '../../../src/io/terminal.js';
import { fakeStream, runInProcess } from '../../helpers/cli.js';

/** Timers driven by hand: `advance(ms)` fires what is due, in order. */
function manualTimers(): ProgressTimers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let nextId = 1;
  const jobs = new Map<number, { at: number; every: number | null; callback: () => void }>();
  return {
    setTimeout: (callback, ms) => (jobs.set(nextId, { at: now + ms, every: null, callback }), nextId++),
    setInterval: (callback, ms) => (jobs.set(nextId, { at: now + ms, every: ms, callback }), nextId++),
    clearTimeout: (id) => void jobs.delete(id as number),
    clearInterval: (id) => void jobs.delete(id as number),
    pending: () => jobs.size,
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...jobs.entries()].filter(([, j]) => j.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        const [id, job] = due;
        now = job.at;
        if (job.every === null) jobs.delete(id);
        else job.at += job.every;
        job.callback();
      }
      now = end;
    },
  };
}

test('nothing is written when the work ends before the delay', () => {
  const stream = fakeStream(true);
  const timers = manualTimers();
  const progress = startProgress(stream, 'listing…', { enabled: true, timers });
  timers.advance(149);
  progress.done();
  timers.advance(1000);
  assert.equal(stream.text, '');
  assert.equal(timers.pending(), 0);
});

test('after the delay it spins, and done() erases the line and stops the timers', () => {
  const stream = fakeStream(true);
  const timers = manualTimers();
  const progress = startProgress(stream, 'listing…', { enabled: true, timers, delayMs: 150, intervalMs: 80 });
  timers.advance(150);
  assert.equal(stream.text, '\r\u001b[2K⠋ listing…');
  progress.update('20 so far');
  timers.advance(80);
  assert.equal(stream.text, '\r\u001b[2K⠋ listing…\r\u001b[2K⠙ listing… 20 so far');
  const before = (stream as { text: string }).text.length;
  progress.done();
  progress.done();
  assert.equal((stream as { text: string }).text.slice(before), '\r\u001b[2K');
  assert.equal(timers.pending(), 0);
});

test('disabled: no output and no timers at all', () => {
  const stream = fakeStream(true);
  const timers = manualTimers();
  const progress = startProgress(stream, 'x', { enabled: false, timers });
  timers.advance(10_000);
  progress.done();
  assert.equal(stream.text, '');
  assert.equal(timers.pending(), 0);
});

test('wanted only when stdout and stderr are terminals, not dumb, not CI', () => {
  const io = (out: boolean, err: boolean) => ({ stdout: { isTTY: out }, stderr: { isTTY: err } });
  assert.equal(progressWanted(io(true, true), {}), true);
  assert.equal(progressWanted(io(false, true), {}), false);
  assert.equal(progressWanted(io(true, false), {}), false);
  assert.equal(progressWanted(io(true, true), { TERM: 'dumb' }), false);
  assert.equal(progressWanted(io(true, true), { CI: 'true' }), false);
});

test('a slow listing on a terminal shows the spinner on stderr and clears it before any output', async () => {
  const { startEmulator } = await import('../../../src/emulator/server.js');
  const emulator = await startEmulator({ port: 0, latencyMs: 250 });
  try {
    const env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: 'app-af469a92-5b45-4565-b3c4-b79878de67d2' };
    const tty = await runInProcess(['list', '--all', '-l', '5'], { env, tty: true, keepProgress: true });
    assert.equal(tty.code, 0);
    assert.match(tty.stderr, /^\r\u001b\[2K⠋ listing processes of app-af469a92-5b45-4565-b3c4-b79878de67d2…/);
    assert.ok(tty.stderr.endsWith('\r\u001b[2K'), JSON.stringify(tty.stderr.slice(-40)));
    const piped = await runInProcess(['list', '--all', '-l', '5', '--json'], { env, tty: false, stderrTTY: true, keepProgress: true });
    assert.equal(piped.stderr, '');
    const summary = await runInProcess(['summary'], { env, tty: true, keepProgress: true });
    assert.equal(summary.code, 0);
    assert.match(summary.stderr, /^\r\u001b\[2K⠋ summarising app-af469a92-5b45-4565-b3c4-b79878de67d2…/);
    assert.ok(summary.stderr.includes('\r\u001b[2K') && !summary.stdout.includes('⠋'));
  } finally {
    await emulator.close();
  }
});

test('#58 with a restore registry the cursor is hidden while the spinner turns, and shown again however the run ends', () => {
  const timers = manualTimers();
  const restores = new Set<() => void>();
  const onExit = (restore: () => void): (() => void) => {
    restores.add(restore);
    return () => void restores.delete(restore);
  };
  const stream = fakeStream(true);
  const progress = startProgress(stream, 'listing…', { enabled: true, timers, onExit });
  timers.advance(150);
  assert.equal(stream.text, '\u001b[?25l\r\u001b[2K⠋ listing…');
  assert.equal(restores.size, 1);
  progress.done();
  assert.equal(stream.text, '\u001b[?25l\r\u001b[2K⠋ listing…\r\u001b[2K\u001b[?25h');
  assert.equal(restores.size, 0, 'done() removes its restore');

  // A run ended from outside (a second Ctrl-C, SIGTERM) runs the registry instead of done().
  const killed = fakeStream(true);
  startProgress(killed, 'listing…', { enabled: true, timers, onExit });
  timers.advance(150);
  for (const restore of restores) restore();
  assert.ok(killed.text.endsWith('\r\u001b[2K\u001b[?25h'), JSON.stringify(killed.text));
});

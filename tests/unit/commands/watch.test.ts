import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { diffPolls, indexPoll, type PolledProcess } from '../../../src/commands/watch-diff.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server.js';
import { toProcessView } from '../../../src/models/normalise.js';
import { ProcessV3Schema } from '../../../src/models/process-v3.js';
import { createTheme } from '../../../src/render/theme.js';
import { redrawSequence, renderWatchEvents, renderWatchFrame } from '../../../src/render/watch.js';
import { run } from '../../../src/main.js';
import { fakeStream, runInProcess } from '../../helpers/cli.js';
import { startTestServer } from '../../helpers/servers.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';

function polled(processId: string, status: string, extra: Record<string, unknown> = {}): PolledProcess {
  return { processId, status, raw: { processId, status, ...extra } };
}

describe('diffPolls', () => {
  test('the first poll adds every process, in list order', () => {
    const changes = diffPolls(new Map(), [polled('b', 'running'), polled('a', 'starting')]);
    assert.deepEqual(
      changes.map((c) => c.event),
      [
        { type: 'ADDED', object: { processId: 'b', status: 'running' } },
        { type: 'ADDED', object: { processId: 'a', status: 'starting' } },
      ],
    );
  });

  test('reports changed records as MODIFIED with the previous status, unchanged ones not at all, missing ones as DELETED', () => {
    const first = indexPoll([polled('a', 'starting'), polled('b', 'running', { roomsAllocated: 1 }), polled('c', 'running'), polled('gone', 'stopping')]);
    const changes = diffPolls(first, [polled('new', 'starting'), polled('a', 'running'), polled('b', 'running', { roomsAllocated: 2 }), polled('c', 'running')]);
    assert.deepEqual(
      changes.map((c) => [c.event.type, c.processId, c.previousStatus, c.status]),
      [
        ['ADDED', 'new', null, 'starting'],
        ['MODIFIED', 'a', 'starting', 'running'],
        ['MODIFIED', 'b', 'running', 'running'],
        ['DELETED', 'gone', null, 'stopping'],
      ],
    );
    // A deleted process is reported with the last record seen.
    assert.deepEqual(changes[3]?.event.object, { processId: 'gone', status: 'stopping' });
  });

  test('a process listed twice in one poll is reported once', () => {
    assert.equal(diffPolls(new Map(), [polled('a', 'running'), polled('a', 'running')]).length, 1);
  });
});

describe('watch rendering', () => {
  test('events are one compact JSON object per line; C1 and bidi escaped for a terminal only', () => {
    const events = [{ type: 'ADDED', object: { host: 'a\u009bb\u202ec' } }];
    assert.equal(renderWatchEvents(events, false), '{"type":"ADDED","object":{"host":"a\u009bb\u202ec"}}\n');
    assert.equal(renderWatchEvents(events, true), '{"type":"ADDED","object":{"host":"a\\u009bb\\u202ec"}}\n');
    assert.equal(renderWatchEvents([], false), '');
  });

  test('a frame marks changed rows, shows the last transition and who left', () => {
    const now = new Date('2026-11-01T12:00:30.000Z');
    const view = (processId: string, status: string) =>
      toProcessView('v3', 'ProcessV3', ProcessV3Schema.parse({ ...fixture, processId, status }));
    const lines = renderWatchFrame(
      {
        title: `processes of ${APP} (running)`,
        rows: [
          { view: view('11111111-aaaa', 'running'), mark: '*', transition: { kind: 'status', from: 'starting', to: 'running', at: new Date('2026-11-01T12:00:18.000Z') } },
          { view: view('22222222-bbbb', 'running'), mark: '+', transition: { kind: 'added', at: new Date('2026-11-01T12:00:00.000Z') } },
          { view: view('33333333-cccc', 'running'), mark: '', transition: undefined },
        ],
        gone: [{ processId: '44444444-dddd', status: 'stopping' }],
        error: 'request to 127.0.0.1 timed out',
        now,
        intervalText: '2s',
      },
      createTheme(false),
      undefined,
    );
    const clock = `${String(now.getHours()).padStart(2, '0')}:00:30`;
    assert.equal(lines[0], `processes of ${APP} (running)   every 2s, ${clock}`);
    assert.equal(lines[1], '');
    assert.match(lines[2] ?? '', /^ {3}PROCESS ID {5}STATUS {3}REGION .* LAST CHANGE$/);
    assert.match(lines[3] ?? '', /^\* {2}11111111-aaaa {2}running .*starting → running 12s ago$/);
    assert.match(lines[4] ?? '', /^\+ {2}22222222-bbbb {2}running .*appeared 30s ago$/);
    assert.match(lines[5] ?? '', /^ {3}33333333-cccc {2}running .*[^ ]$/);
    assert.doesNotMatch(lines[5] ?? '', /ago.*ago/, 'an unchanged row has no transition');
    assert.deepEqual(lines.slice(6), [
      '',
      '3 processes · 1 new (+) · 1 changed (*)',
      'gone: 44444444-dddd (stopping)',
      'refresh failed: request to 127.0.0.1 timed out; showing the last answer, retrying',
      'Ctrl-C to quit',
    ]);
  });

  test('-o wide shows the wide columns of the generation', () => {
    const now = new Date('2026-11-01T12:00:30.000Z');
    const view = toProcessView('v3', 'ProcessV3', ProcessV3Schema.parse(fixture));
    const frame = { title: 't', rows: [{ view, mark: '' as const, transition: undefined }], gone: [], error: undefined, now, intervalText: '2s' };
    const narrow = renderWatchFrame(frame, createTheme(false), undefined)[2] ?? '';
    const wide = renderWatchFrame({ ...frame, wide: { generation: 'v3' } }, createTheme(false), undefined)[2] ?? '';
    assert.doesNotMatch(narrow, /DEPLOYMENT/);
    assert.match(wide, /CREATED +DEPLOYMENT +STARTED +TERMINATED +FLEET +HOSTING +EXIT REASON +LAST CHANGE$/);
  });

  test('a redraw goes home, clears each line\'s rest and everything below', () => {
    assert.equal(redrawSequence(['a', 'b']), '\u001b[Ha\u001b[K\nb\u001b[K\n\u001b[J');
    // A line as wide as the terminal is not cleared (that would erase its last cell), and a frame
    // as tall as the screen ends without the newline that would scroll it.
    assert.equal(redrawSequence(['abc', '\u001b[1mab\u001b[22m'], 3, 2), '\u001b[Habc\n\u001b[1mab\u001b[22m\u001b[K');
  });

  const screenNow = new Date('2026-11-01T12:00:30.000Z');
  const screenView = (i: number, status = 'running') =>
    toProcessView('v3', 'ProcessV3', ProcessV3Schema.parse({ ...fixture, processId: `5a8c1e02-7d3b-4f96-a0e4-3c9b2d17f8${String(i).padStart(2, '0')}`, status, region: i % 2 === 0 ? 'Washington_DC' : 'Frankfurt' }));
  const screenFrame = (count: number) => ({
    title: `processes of ${APP} (starting, running, draining, stopping)`,
    rows: Array.from({ length: count }, (_, i) => ({
      view: screenView(i),
      mark: i === 1 ? ('*' as const) : ('' as const),
      transition: i === 1 ? { kind: 'status' as const, from: 'starting', to: 'running', at: new Date('2026-11-01T12:00:18.000Z') } : undefined,
    })),
    gone: [
      { processId: '44444444-dddd-4d7a-9e08-b1c2d3e4f5a6', status: 'stopping' },
      { processId: '55555555-eeee-4d7a-9e08-b1c2d3e4f5a6', status: 'stopped' },
    ],
    error: undefined,
    now: screenNow,
    intervalText: '2s',
  });
  const clock = `${String(screenNow.getHours()).padStart(2, '0')}:00:30`;

  test('at 80x24: id, status and last change; rows beyond the screen counted; no line wider than 80', () => {
    const lines = renderWatchFrame(screenFrame(30), createTheme(false), 80, 24);
    assert.deepEqual(lines, [
      `processes of ${APP} (starting, running, drain…`,
      `every 2s, ${clock}`,
      '   PROCESS ID                            STATUS   LAST CHANGE',
      ...Array.from({ length: 16 }, (_, i) => `${i === 1 ? '*' : ' '}  5a8c1e02-7d3b-4f96-a0e4-3c9b2d17f8${String(i).padStart(2, '0')}  running  ${i === 1 ? 'starting → running 12s ago' : '-'}`),
      '… 14 more; a taller terminal shows them',
      '',
      '30 processes · 1 changed (*)',
      'gone: 44444444-dddd-4d7a-9e08-b1c2d3e4f5a6 (stopping) +1 more',
      'Ctrl-C to quit',
    ]);
  });

  test('at 120x40: region, rooms and age join in, the gone list whole, and a short list is not clipped', () => {
    const lines = renderWatchFrame(screenFrame(3), createTheme(false), 120, 40);
    assert.deepEqual(lines, [
      `processes of ${APP} (starting, running, draining, stopping)   every 2s, ${clock}`,
      '',
      '   PROCESS ID                            STATUS   REGION         ROOMS  AGE       LAST CHANGE',
      '   5a8c1e02-7d3b-4f96-a0e4-3c9b2d17f800  running  Washington_DC    2/4  345d ago  -',
      '*  5a8c1e02-7d3b-4f96-a0e4-3c9b2d17f801  running  Frankfurt        2/4  345d ago  starting → running 12s ago',
      '   5a8c1e02-7d3b-4f96-a0e4-3c9b2d17f802  running  Washington_DC    2/4  345d ago  -',
      '',
      '3 processes · 1 changed (*)',
      'gone: 44444444-dddd-4d7a-9e08-b1c2d3e4f5a6 (stopping), 55555555-eeee-4d7a-9e08-b1c2d3e4f5a6 (stopped)',
      'Ctrl-C to quit',
    ]);
  });
});

describe('hproc list --watch against the emulator', () => {
  let emulator: RunningEmulator;
  let env: Record<string, string>;
  before(async () => {
    emulator = await startEmulator({ stopDelayMs: 1500, logIntervalMs: 3_600_000 });
    env = { HATHORA_CLOUD_ENDPOINT: emulator.url, HATHORA_TOKEN: emulator.token, HATHORA_APP_ID: APP };
  });
  after(async () => {
    await emulator.close();
  });

  test('--interval and --watch are checked before any request', async () => {
    const cases: [string[], string][] = [
      [['--interval', '2s'], 'hproc: --interval needs --watch\n'],
      [['--watch', '--interval', '100ms'], "hproc: --interval must be at least 250ms, got '100ms'\n"],
      [['--watch', '--interval', 'soon'], "hproc: --interval must be a duration such as 10s, 2m or 1h, got 'soon'\n"],
    ];
    for (const [flags, stderr] of cases) {
      const r = await runInProcess(['list', ...flags], { env: { ...env, HATHORA_CLOUD_ENDPOINT: 'http://127.0.0.1:9' } });
      assert.deepEqual(r, { code: 2, stdout: '', stderr }, flags.join(' '));
    }
  });

  test('piped: ADDED for every process, then MODIFIED and DELETED as one stops; Ctrl-C ends it with whole lines', async () => {
    const listed = await runInProcess(['list', '--json'], { env });
    const active = (JSON.parse(listed.stdout) as { processId: string; status: string }[]).filter((p) => p.status === 'running');
    const target = active[0]?.processId as string;

    // Run in-process with streams this test can read while the watch goes on.
    const controller = new AbortController();
    const out = fakeStream(false);
    const err = fakeStream(false);
    const watching = run(['list', '--watch', '--interval', '250ms'], {
      io: { stdout: out, stderr: err },
      env,
      now: () => new Date('2026-11-01T12:00:00.000Z'),
      signal: controller.signal,
    });
    const waitFor = async (predicate: () => boolean, what: string): Promise<void> => {
      for (let i = 0; i < 100 && !predicate(); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(predicate(), `timed out waiting for ${what}`);
    };
    const events = (): { type: string; object: { processId: string; status: string } }[] =>
      out.text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
    await waitFor(() => events().length >= JSON.parse(listed.stdout).length, 'the first poll');
    const stop = await runInProcess(['stop', target, '--yes'], { env });
    assert.equal(stop.code, 0, stop.stderr);
    await waitFor(() => events().some((e) => e.type === 'DELETED'), 'the stopped process to leave the list');
    controller.abort();
    const code = await watching;

    assert.equal(code, 130);
    assert.equal(err.text, 'hproc: interrupted\n');
    assert.ok(out.text.endsWith('\n'), 'stdout holds only whole lines');
    const all = events();
    const initial = JSON.parse(listed.stdout) as { processId: string }[];
    assert.deepEqual(
      all.slice(0, initial.length).map((e) => [e.type, e.object.processId]),
      initial.map((p) => ['ADDED', p.processId]),
    );
    const later = all.slice(initial.length).map((e) => [e.type, e.object.processId, e.object.status]);
    assert.deepEqual(later, [
      ['MODIFIED', target, 'stopping'],
      // Stopped is outside the default status filter: it leaves the list with its last record.
      ['DELETED', target, 'stopping'],
    ]);
  });

  test('on a terminal: clears once, redraws the table in place each refresh, and shows the cursor again on Ctrl-C', async () => {
    const controller = new AbortController();
    const out = fakeStream(true, 200);
    const err = fakeStream(true, 200);
    const watching = run(['list', '--watch', '--interval', '250ms', '--no-color'], {
      io: { stdout: out, stderr: err },
      env,
      now: () => new Date('2026-11-01T12:00:00.000Z'),
      signal: controller.signal,
    });
    const frames = (): string[] => out.text.split('\u001b[H').slice(2);
    for (let i = 0; i < 100 && frames().length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    assert.equal(await watching, 130);
    assert.ok(out.text.startsWith('\u001b[?25l\u001b[?1049h\u001b[?7l\u001b[2J\u001b[H\u001b[H'), 'hides the cursor, enters the alternate screen and clears it once');
    assert.ok(out.text.endsWith('\u001b[?7h\u001b[?1049l\u001b[?25h'), 'leaves the alternate screen and shows the cursor again');
    assert.ok(frames().length >= 2, 'redrew at least twice');
    for (const frame of frames()) {
      const lines = frame.split('\u001b[K\n');
      assert.match(lines[0] ?? '', new RegExp(`^processes of ${APP} \\(starting, running, draining, stopping\\) {3}every 250ms, \\d\\d:\\d\\d:\\d\\d$`));
      assert.match(lines[2] ?? '', /^ {3}PROCESS ID +STATUS/);
      assert.equal(lines.at(-2), 'Ctrl-C to quit');
    }
    // Nothing changed between the first two refreshes: no row is marked.
    assert.doesNotMatch(frames()[1] ?? '', /\n[*+] /);
    assert.equal(err.text, '\nhproc: interrupted\n');
  });

  test('on a terminal: a process that left stays named in the footer for several polls, and a tall list is clipped to the screen', async () => {
    const listed = await runInProcess(['list', '--json'], { env });
    const target = (JSON.parse(listed.stdout) as { processId: string; status: string }[]).find((p) => p.status === 'running')?.processId as string;
    const controller = new AbortController();
    const out = fakeStream(true, 120, 24);
    const watching = run(['list', '--watch', '--interval', '250ms', '--no-color'], {
      io: { stdout: out, stderr: fakeStream(true, 120, 24) },
      env,
      now: () => new Date('2026-11-01T12:00:00.000Z'),
      signal: controller.signal,
    });
    const frames = (): string[] => out.text.split('\u001b[H').slice(2);
    const named = (frame: string): boolean => frame.includes(`gone: ${target} (stopping)`);
    for (let i = 0; i < 100 && frames().length < 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    const stop = await runInProcess(['stop', target, '--yes'], { env });
    assert.equal(stop.code, 0, stop.stderr);
    const firstNamed = async (): Promise<number> => {
      for (let i = 0; i < 200; i += 1) {
        const at = frames().findIndex(named);
        if (at >= 0) return at;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return -1;
    };
    const first = await firstNamed();
    assert.ok(first >= 0, 'the stopped process is named as gone');
    for (let i = 0; i < 200 && frames().length < first + 4; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    controller.abort();
    assert.equal(await watching, 130);
    const all = frames();
    // Still named three polls later (it stays about ten seconds).
    assert.ok(all.slice(first, first + 4).every(named), 'named in four frames in a row');
    for (const frame of all) {
      const lines = frame.replace(/\u001b\[(K|J|\?7h|\?1049l|\?25h)/g, '').split('\n');
      assert.equal(lines.length, 24, 'every frame is exactly the screen tall');
      assert.ok(lines.every((line) => [...line].length <= 120), 'no line wider than the terminal');
      assert.match(lines.at(-1) ?? '', /^Ctrl-C to quit$/);
      assert.ok(lines.some((line) => /^… \d+ more/.test(line)), 'says how many rows are below the screen');
    }
  });

  test('piped: a failed refresh is said on stderr and the watch goes on', async () => {
    const processId = '5a8c1e02-7d3b-4f96-a0e4-3c9b2d17f8a1';
    let calls = 0;
    let failingUntil = 0;
    const server = await startTestServer((_req, res) => {
      calls += 1;
      if (calls === 2) failingUntil = Date.now() + 700;
      if (Date.now() < failingUntil) {
        res.writeHead(503, { 'content-type': 'application/json' });
        return res.end('{"message":"try later"}');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify([{ ...fixture, processId, appId: APP, roomsAllocated: calls === 1 ? 1 : 2 }]));
    });
    const controller = new AbortController();
    const out = fakeStream(false);
    const err = fakeStream(false);
    try {
      const watching = run(['list', '--watch', '--interval', '250ms', '--paging', 'single', '--timeout', '500ms'], {
        io: { stdout: out, stderr: err },
        env: { ...env, HATHORA_CLOUD_ENDPOINT: server.url },
        now: () => new Date('2026-11-01T12:00:00.000Z'),
        signal: controller.signal,
      });
      for (let i = 0; i < 200 && !out.text.includes('"MODIFIED"'); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
      controller.abort();
      assert.equal(await watching, 130);
      const events = out.text.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string; object: { roomsAllocated: number } });
      assert.deepEqual(events.map((e) => [e.type, e.object.roomsAllocated]), [['ADDED', 1], ['MODIFIED', 2]]);
      assert.match(err.text, /^(hproc: refresh failed: HTTP 503 from 127\.0\.0\.1:\d+: try later; retrying\n)+hproc: interrupted\n$/);
    } finally {
      await server.close();
    }
  });
});

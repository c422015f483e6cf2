// `hproc top` in a real pseudo-terminal: the built binary runs inside tmux (a private server, so
// no one else's sessions are touched) against the living emulator, driven by keys as a person
// would, read back from the screen tmux keeps. Skipped with a message when tmux is missing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { startEmulator, type RunningEmulator } from '../../src/emulator/server.js';
import { BIN } from '../helpers/cli.js';

const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const SOCKET = `hproc-top-test-${process.pid}`;
const hasTmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status === 0;
const skip = hasTmux ? false : 'tmux is not installed: the end-to-end test of hproc top needs it (.ci/run installs it)';

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

/** The visible screen, one string per row, trailing spaces dropped. */
function screen(session: string): string[] {
  return tmux('capture-pane', '-p', '-t', session).replace(/\n$/, '').split('\n').map((line) => line.trimEnd());
}

/** Waits until the screen satisfies `ok`; fails with the last screen. */
async function waitFor(session: string, what: string, ok: (lines: string[]) => boolean, timeoutMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = screen(session);
    if (ok(lines)) return lines;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; the screen:\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const has = (text: string | RegExp) => (lines: string[]) => lines.some((line) => (typeof text === 'string' ? line.includes(text) : text.test(line)));
const keys = (session: string, ...k: string[]): void => void tmux('send-keys', '-t', session, ...k);
const typed = (session: string, text: string): void => void tmux('send-keys', '-t', session, '-l', text);
const selectedRow = (lines: string[]): string => lines.find((line) => line.startsWith('>')) ?? '';
const paneFlag = (session: string, flag: string): string => tmux('display-message', '-p', '-t', session, `#{${flag}}`).trim();

let emulator: RunningEmulator;
let sessions = 0;

/** Opens a tmux session whose shell prints a line, waits for Enter, runs top, then prints its exit code. */
function openSession(width: number, height: number, extraArgs = ''): string {
  const session = `top${++sessions}`;
  const env = `HATHORA_CLOUD_ENDPOINT=${emulator.url} HATHORA_TOKEN=${emulator.token} HATHORA_APP_ID=${APP} NO_COLOR=1 TERM=xterm-256color`;
  // Enter starts top; with echo off it leaves the screen as it is, so what top must restore is known exactly.
  const script = `printf 'the screen before top\\n'; stty -echo; read _; stty echo; env ${env} ${process.execPath} ${BIN} top ${extraArgs}; echo "top exited with $?"; sleep 600`;
  tmux('new-session', '-d', '-s', session, '-x', String(width), '-y', String(height), 'sh', '-c', script);
  return session;
}

async function startTop(session: string): Promise<string[]> {
  await waitFor(session, 'the shell', has('the screen before top'));
  keys(session, 'Enter');
  return waitFor(session, 'the first frame with processes', (lines) => has(/^\s+ID\s+STATUS\s+REGION/)(lines) && has('updated')(lines) && selectedRow(lines) !== '');
}

/** After top has gone: the shell's screen is back as it was, the cursor shows, the alternate screen is off. */
async function assertRestored(session: string, ...after: string[]): Promise<void> {
  const exitLine = after[after.length - 1] as string;
  await waitFor(session, exitLine, has(exitLine));
  // The scrollback too: nothing of top may have leaked into it.
  const lines = tmux('capture-pane', '-p', '-S', '-', '-t', session).replace(/\n+$/, '').split('\n').map((line) => line.trimEnd());
  assert.deepEqual(lines, ['the screen before top', ...after]);
  assert.equal(paneFlag(session, 'alternate_on'), '0');
  assert.equal(paneFlag(session, 'cursor_flag'), '1');
}

async function statusOf(processId: string): Promise<string> {
  const response = await fetch(`${emulator.url}/processes/v3/apps/${APP}/processes/${processId}`, { headers: { authorization: `Bearer ${emulator.token}` } });
  return ((await response.json()) as { status: string }).status;
}

describe('hproc top in a terminal', { skip }, () => {
  before(async () => {
    emulator = await startEmulator({ live: true, clock: new Date(), logIntervalMs: 200, stopDelayMs: 2000 });
  });
  after(async () => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    await emulator?.close();
  });

  test('80×24: open, move, filter, sort, the detail, logs and metrics panes, stop with confirmation, quit; the screen is restored', async () => {
    const session = openSession(80, 24);
    let lines = await startTop(session);
    assert.match(lines[0] as string, new RegExp(`^${APP} · \\d+ processes · rooms \\d+/\\d+`));
    assert.ok(lines.every((line) => line.length <= 80));
    const firstRow = selectedRow(lines);

    // Move.
    keys(session, 'Down');
    lines = await waitFor(session, 'the selection one row down', (l) => selectedRow(l) !== firstRow && selectedRow(l) !== '');
    const rows = lines.slice(4, 22);
    assert.equal(rows.indexOf(selectedRow(lines)), 1, 'the second row is selected');

    // Filter by region: every row left is in London.
    keys(session, '/');
    typed(session, 'london');
    keys(session, 'Enter');
    lines = await waitFor(session, 'the filter', has('filter: london'));
    const shown = lines.slice(4, 22).filter((line) => /^[ >][ *+] [0-9a-f]{5}/.test(line));
    assert.ok(shown.length > 0 && shown.every((line) => line.includes('London')), lines.join('\n'));
    keys(session, 'Escape');
    await waitFor(session, 'the filter cleared', (l) => !has('filter:')(l));

    // Sort by the next column: CPU.
    keys(session, 's');
    await waitFor(session, 'the CPU sort', has('sort cpu ↓'));

    // Only running processes from here: they have logs, metrics and rooms.
    keys(session, '/');
    typed(session, 'running');
    keys(session, 'Enter');
    lines = await waitFor(session, 'running rows', (l) => has('filter: running')(l) && / running /.test(selectedRow(l)));
    const prefix = (/^>[ *+] ([0-9a-f]+)/.exec(selectedRow(lines)) as RegExpExecArray)[1] as string;

    // The detail pane: show's view of the selected process.
    keys(session, 'Enter');
    lines = await waitFor(session, 'the detail pane', (l) => has(new RegExp(`^detail · ${prefix}`))(l) && has('Lifecycle')(l));
    const processId = (new RegExp(`^detail · (${prefix}[0-9a-f-]+)`).exec(lines[3] as string) as RegExpExecArray)[1] as string;
    keys(session, 'q');
    await waitFor(session, 'the table again', has(/^\s+ID\s+STATUS/));

    // The logs pane follows new lines.
    keys(session, 'l');
    lines = await waitFor(session, 'log lines', (l) => has(`logs · ${processId} · following`)(l) && l.slice(4, 22).some((line) => /\S/.test(line) && !line.includes('waiting')));
    const before = lines.slice(4, 22).join('\n');
    await waitFor(session, 'a new log line', (l) => l.slice(4, 22).join('\n') !== before);
    keys(session, 'Escape');

    // The metrics pane has sparklines.
    keys(session, 'm');
    await waitFor(session, 'the metrics pane', (l) => has(`metrics · ${processId}`)(l) && has(/^cpu\s+[▁▂▃▄▅▆▇█]+\s+now \d+%/)(l));
    keys(session, 'q');

    // Stop, with a confirmation that names the rooms and the players; only y sends it.
    keys(session, 'C-k');
    lines = await waitFor(session, 'the confirmation', (l) => has(`Stop process ${processId}?`)(l) && has(/^ {2}players: (\d+ connected|unknown)/)(l));
    assert.ok(has(/^ {2}rooms: (none active|\d+ active: )/)(lines), lines.join('\n'));
    keys(session, 'n');
    await waitFor(session, 'the refusal', has(`not stopped: ${processId}`));
    assert.equal(await statusOf(processId), 'running');
    keys(session, 'C-k');
    await waitFor(session, 'the confirmation again', has(`Stop process ${processId}?`));
    keys(session, 'y');
    await waitFor(session, 'the stop sent', has(`stop sent: ${processId}`));
    assert.match(await statusOf(processId), /^(stopping|stopped)$/);

    // Quit: the shell's screen is back.
    keys(session, 'q');
    await assertRestored(session, 'top exited with 0');
  });

  test('resizing redraws to the new size', async () => {
    const session = openSession(80, 24);
    await startTop(session);
    tmux('resize-window', '-t', session, '-x', '120', '-y', '40');
    const lines = await waitFor(session, 'a 120×40 frame', (l) => l.length === 40 && has(/ADDRESS/)(l) && has('updated')(l));
    assert.ok(lines.some((line) => line.length > 80), 'rows use the new width');
    keys(session, 'q');
    await assertRestored(session, 'top exited with 0');
  });

  test('Ctrl-C leaves from inside a pane, and the screen is restored', async () => {
    const session = openSession(80, 24);
    await startTop(session);
    keys(session, '?');
    await waitFor(session, 'the help pane', has('requests to the API in the last minute'));
    keys(session, 'C-c');
    await assertRestored(session, 'top exited with 0');
  });

  test('SIGTERM ends top with the screen restored', async () => {
    const session = openSession(80, 24);
    await startTop(session);
    const shell = paneFlag(session, 'pane_pid');
    const node = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim().split('\n')[0] as string;
    process.kill(Number(node), 'SIGTERM');
    await assertRestored(session, '', 'hproc: interrupted by SIGTERM', 'top exited with 143');
  });
});

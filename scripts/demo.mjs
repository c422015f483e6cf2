// `npm run demo`: starts the bundled emulator and runs a tour of hproc against it.
// No account, no network: everything talks to 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/hproc.js', import.meta.url));
const emulator = spawn(process.execPath, [bin, 'emulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const firstLine = await new Promise((resolve, reject) => {
  createInterface({ input: emulator.stdout }).once('line', resolve);
  emulator.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
});
const match = /(http:\/\/\S+) \(token: (\S+)\)/.exec(firstLine);
if (match === null) throw new Error(`unexpected emulator banner: ${firstLine}`);
const [, url, token] = match;

const env = { ...process.env, HATHORA_CLOUD_ENDPOINT: url, HATHORA_TOKEN: token };
delete env.HATHORA_APP_ID;
const app = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const seed = 'cbfcddd2-0006-43ae-996c-995fff7bed2e';
const running = '7d3f1c2a-58e4-4b0d-9a61-3e2f8c4b7a15';
const draining = '9b5e2f71-0c4a-4d83-a6f9-2e7b1d8c3a40';
const tour = [
  ['the active processes of an app, newest first', ['list', '--app', app]],
  ['the world moves on by itself: 8 seconds of watch events, one line per change', 'watch'],
  ['every process in two regions', ['list', '--app', app, '--all', '--region', 'London,Tokyo']],
  ['failed processes as JSON (pipe it to jq)', ['list', '--app', app, '--status', 'failed', '--json', '--limit', '2']],
  ['one process in depth; hproc finds its app', ['show', seed]],
  ['the same process through the deprecated v1 API, deprecated fields flagged', ['show', seed, '--api', 'v1']],
  ['a running process: rooms, latest metrics, deployment', ['show', running]],
  ['its metrics over the last hour', ['metrics', running, '--app', app]],
  ['the last lines of its log', ['logs', running, '--app', app, '--tail', '5']],
  ['stop a draining process without asking, and wait until it has stopped', ['stop', draining, '--app', app, '--yes', '--wait']],
  ['the end of its log: SIGTERM, rooms closing, shutdown', ['logs', draining, '--app', app, '--tail', '5']],
  ['the app at a glance, per region', ['summary', '--app', app]],
  ['what a deprecated field meant, and what replaces it', ['explain', 'Process.activeConnections']],
];

console.log(`# ${firstLine}`);
console.log(`# export HATHORA_CLOUD_ENDPOINT=${url} HATHORA_TOKEN=${token}\n`);
let failed = false;
for (const [title, args] of tour) {
  if (args === 'watch') {
    console.log(`# ${title}\n$ hproc list --app ${app} --watch --json   # (summarised)`);
    if (!(await watchBriefly(8000))) failed = true;
    console.log('');
    continue;
  }
  console.log(`# ${title}\n$ hproc ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [bin, ...args], { env, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
  console.log('');
}
emulator.kill('SIGINT');

/**
 * Runs `list --watch --json` for `ms` and prints one line per change after the first poll (whose
 * ADDED events only describe the start). Resolves whether it saw any change.
 */
async function watchBriefly(ms) {
  const started = Date.now();
  const child = spawn(process.execPath, [bin, 'list', '--app', app, '--watch', '--json'], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const known = new Map();
  let firstPollAt;
  let changes = 0;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const { type, object: p } = JSON.parse(line);
    const now = Date.now();
    firstPollAt ??= now;
    const before = known.get(p.processId);
    if (type === 'DELETED') known.delete(p.processId);
    else known.set(p.processId, p);
    // Events of the first poll arrive together, well inside one interval.
    if (now - firstPollAt < 1000) return;
    const what =
      type === 'ADDED' ? `new, ${p.status}`
        : type === 'DELETED' ? `gone (${p.status})`
          : before !== undefined && before.status !== p.status ? `${before.status} -> ${p.status}`
            : before !== undefined && before.roomsAllocated !== p.roomsAllocated ? `rooms ${before.roomsAllocated} -> ${p.roomsAllocated}`
              : p.bootedAt !== before?.bootedAt ? 'booted'
                : p.scheduledAt !== before?.scheduledAt ? 'scheduled on a node'
                  : 'updated';
    changes += 1;
    console.log(`  +${((now - started) / 1000).toFixed(1)}s  ${p.processId}  ${p.region.padEnd(13)} ${what}`);
  });
  await new Promise((resolve) => setTimeout(resolve, ms));
  child.kill('SIGINT');
  await new Promise((resolve) => child.once('exit', resolve));
  return changes > 0;
}

process.exitCode = failed ? 1 : 0;

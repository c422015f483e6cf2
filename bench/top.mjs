#!/usr/bin/env node
// Measures `hproc top` as a person runs it: the built binary in a pseudo-terminal (util-linux
// `script`, 120×40) against the emulator grown to N processes, behind a small proxy that notes
// when the first answer went out and counts requests. Prints, one line each:
//   - first frame with data, in ms after the first answer left the server;
//   - CPU (% of one core) and resident memory over a window once all N processes are listed,
//     at --interval 2s (refreshing the whole time) and at --interval 60s (between refreshes);
//   - requests per minute over that window.
//
//   npm run build && node bench/top.mjs [processes=1000] [window seconds=20]
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/hproc.js', import.meta.url));
const PROCESSES = Number(process.argv[2] ?? 1000);
const WINDOW_S = Number(process.argv[3] ?? 20);
const APP = 'app-af469a92-5b45-4565-b3c4-b79878de67d2';
const TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function startEmulator() {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', '--processes', String(PROCESSES)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /(http:\/\/\S+)/.exec(text);
      if (match) resolve(match[1]);
    });
    child.on('exit', () => reject(new Error('the emulator ended')));
  });
  return { url: new URL(url), close: () => child.kill('SIGTERM') };
}

/** A proxy that records when each answer finished and how many requests it saw. */
async function startProxy(target) {
  const seen = { firstAnswerAt: undefined, requests: [] };
  const server = http.createServer((req, res) => {
    seen.requests.push(performance.now());
    const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on('end', () => (seen.firstAnswerAt ??= performance.now()));
    });
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, seen, close: () => server.close() };
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function rssMiB(pid) {
  const kib = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  return kib / 1024;
}

async function runTop(proxy, interval) {
  proxy.seen.firstAnswerAt = undefined;
  proxy.seen.requests.length = 0;
  const env = { ...process.env, HATHORA_CLOUD_ENDPOINT: proxy.url, HATHORA_TOKEN: 'hproc-emulator-token', HATHORA_APP_ID: APP, TERM: 'xterm-256color' };
  // Every status, so that all N processes are listed and held.
  const command = `stty cols 120 rows 40; exec ${process.execPath} ${BIN} top --interval ${interval} --status starting,running,draining,stopping,stopped,failed`;
  const script = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  let firstDataAt;
  let listedAll = false;
  let shown = 0;
  let output = '';
  script.stdout.on('data', (chunk) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-4000);
    if (firstDataAt === undefined && /\d+ process(es)? · rooms/.test(text)) firstDataAt = performance.now();
    // The footer says "updated" once a whole listing is on screen (before: "loading the rest").
    const count = /(\d+) processes · rooms/.exec(output);
    if (count !== null && output.includes('updated')) {
      listedAll = true;
      shown = Number(count[1]);
    }
  });
  while (!listedAll) await sleep(50);
  const pid = Number(execFileSync('pgrep', ['-P', String(script.pid)], { encoding: 'utf8' }).trim().split('\n')[0]);
  await sleep(3000);
  const ticks0 = cpuTicks(pid);
  const requests0 = proxy.seen.requests.length;
  const t0 = performance.now();
  let peakRss = 0;
  while (performance.now() - t0 < WINDOW_S * 1000) {
    peakRss = Math.max(peakRss, rssMiB(pid));
    await sleep(500);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = ((cpuTicks(pid) - ticks0) / TICKS_PER_S / seconds) * 100;
  const perMinute = ((proxy.seen.requests.length - requests0) / seconds) * 60;
  script.stdin.write('q');
  await new Promise((resolve) => script.on('exit', resolve));
  return { firstFrameMs: firstDataAt - proxy.seen.firstAnswerAt, cpu, peakRss, perMinute, shown };
}

const emulator = await startEmulator();
const proxy = await startProxy(emulator.url);
try {
  for (const interval of ['2s', '60s']) {
    const r = await runTop(proxy, interval);
    console.log(
      `top --interval ${interval}, ${r.shown} processes listed, 120×40: first frame ${r.firstFrameMs.toFixed(0)} ms after the first answer; ` +
        `over ${WINDOW_S} s: CPU ${r.cpu.toFixed(1)} % of a core, RSS peak ${r.peakRss.toFixed(0)} MiB, ${r.perMinute.toFixed(0)} requests/min`,
    );
  }
} finally {
  proxy.close();
  emulator.close();
}

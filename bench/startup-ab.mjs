#!/usr/bin/env node
// Start-up of this build beside another build and `node -e 0`, alternating run by run (one variant
// after the other, rotating the order each round), so that a machine's drift slows all of them alike.
// For a change's before/after: copy bin/ and dist/ of the build before it into a directory, then
//
//   node bench/startup-ab.mjs <that directory> [rounds (default 30)] [hproc arguments (default --help)]
//
// Prints each variant's median and minimum wall time (spawn to exit) and its median over the floor's.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const [other, roundsArg, ...hprocArgs] = process.argv.slice(2);
if (other === undefined) {
  process.stderr.write('usage: node bench/startup-ab.mjs <other build: a directory with bin/ and dist/> [rounds] [hproc arguments]\n');
  process.exit(2);
}
const rounds = Number(roundsArg ?? 30);
const args = hprocArgs.length > 0 ? hprocArgs : ['--help'];
const ROOT = fileURLToPath(new URL('..', import.meta.url));
// As in bench/run.mjs: NODE_EXTRA_CA_CERTS adds ~78 ms to every Node 20 start, NODE_OPTIONS could preload anything.
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NODE_OPTIONS;

const variants = [
  { label: 'node -e 0', argv: ['-e', '0'] },
  { label: `other ${args.join(' ')}`, argv: [path.resolve(other, 'bin', 'hproc.js'), ...args] },
  { label: `this ${args.join(' ')}`, argv: [path.join(ROOT, 'bin', 'hproc.js'), ...args] },
];

function once(argv) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${argv.join(' ')}: exit ${code}`))));
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const samples = variants.map(() => []);
for (const variant of variants) await once(variant.argv); // warm the file cache
for (let round = 0; round < rounds; round += 1) {
  for (let i = 0; i < variants.length; i += 1) {
    const k = (i + round) % variants.length;
    samples[k].push(await once(variants[k].argv));
  }
}
const floor = median(samples[0]);
for (const [i, variant] of variants.entries()) {
  const m = median(samples[i]);
  console.log(`${variant.label.padEnd(24)} median ${m.toFixed(1).padStart(6)} ms   min ${Math.min(...samples[i]).toFixed(1).padStart(6)} ms   ${(m / floor).toFixed(2)}×`);
}

// Times hproc's list renderer alone, in a fresh process: N v3 processes (the shared fixture with
// varied ids, times, statuses and regions, decoded through the real schema), rendered once as a
// piped table or as JSON after a full garbage collection, so the number is the renderer's own.
// Bundled and run by bench/run.mjs: `node --expose-gc render-probe.js <n> <table|wide|json> <fixture>`;
// prints one JSON line.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ProcessV3ListSchema } from '../src/models/process-v3.js';
import { toProcessView } from '../src/models/normalise.js';
import { renderProcessList, type RenderTarget } from '../src/render/process-list.js';

const n = Number(process.argv[2] ?? 1000);
const format = (process.argv[3] ?? 'table') as RenderTarget['format'];
const fixture = JSON.parse(readFileSync(process.argv[4] ?? 'tests/fixtures/process-v3.json', 'utf8')) as Record<string, unknown>;
const statuses = ['running', 'stopped', 'failed', 'draining', 'starting', 'stopping'];
const regions = ['London', 'Tokyo', 'Frankfurt', 'Seattle', 'Sao_Paulo', 'Sydney', 'Mumbai'];
const epoch = Date.UTC(2026, 9, 1);
const wire = Array.from({ length: n }, (_, i) => ({
  ...fixture,
  processId: `${String(i).padStart(8, '0')}-7d3b-4f96-a0e4-3c9b2d17f8a1`,
  status: statuses[i % statuses.length],
  region: regions[i % regions.length],
  createdAt: new Date(epoch - i * 61_000).toISOString(),
  roomsAllocated: i % 4,
}));
const parsed = ProcessV3ListSchema.parse(wire);
const views = parsed.map((p) => toProcessView('v3', 'ProcessV3', p));
const target: RenderTarget = { format, colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now: new Date(Date.UTC(2026, 10, 1)) };
(globalThis as { gc?: () => void }).gc?.();
const started = performance.now();
const rendered = renderProcessList(views, wire, 'v3', target);
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ n: views.length, format, ms, bytes: rendered.stdout.length, lines: rendered.stdout.split('\n').length - 1 })}\n`);

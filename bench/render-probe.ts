// Times hproc's list renderer alone, in a fresh process: N generated v3 processes (the emulator's
// generator, decoded through the real schema), rendered once as a piped table or as JSON.
// Bundled and run by bench/run.mjs: `node render-probe.js <n> <table|wide|json>`; prints one JSON line.
import { performance } from 'node:perf_hooks';
import { generateWorld } from '../src/emulator/generate-world.js';
import { processV3View } from '../src/emulator/process-views.js';
import { ProcessV3ListSchema } from '../src/models/process-v3.js';
import { toProcessView } from '../src/models/normalise.js';
import { renderProcessList, type RenderTarget } from '../src/render/process-list.js';

const n = Number(process.argv[2] ?? 1000);
const format = (process.argv[3] ?? 'table') as RenderTarget['format'];
const wire = JSON.parse(JSON.stringify((generateWorld(1, { bigAppProcesses: n }).apps[0]?.processes ?? []).slice(0, n).map(processV3View))) as unknown[];
const parsed = ProcessV3ListSchema.parse(wire);
const views = parsed.map((p) => toProcessView('v3', 'ProcessV3', p));
const target: RenderTarget = { format, colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now: new Date(Date.UTC(2026, 10, 1)) };
const started = performance.now();
const rendered = renderProcessList(views, wire, 'v3', target);
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ n: views.length, format, ms, bytes: rendered.stdout.length, lines: rendered.stdout.split('\n').length - 1 })}\n`);

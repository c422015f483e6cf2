// Times hproc's list renderer alone: N v3 processes (the shared fixture with varied ids, times,
// statuses and regions, decoded through the real schema) rendered end to end by
// `streamProcessList`, as a piped table or as JSON, exactly as `hproc list` renders them: every
// piece is made and then dropped (hproc writes each to stdout and keeps none).
// Bundled and run by bench/run.mjs:
//   node --expose-gc render-probe.js <n> <table|wide|json> <fixture> [timed calls]
// prints one JSON line.
//
// One cold call is dominated by compiling the renderer, which weighs far more in 1,000 rows than
// in 10,000 and makes their ratio say little about how rendering grows. So: untimed calls first,
// as many as it takes to render 20,000 rows whatever N is (the JIT sees the same amount of work
// for every size), then several timed calls, each after a full garbage collection (so none pays
// for the previous one's garbage), with the same input and the same method for every size.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ProcessV3ListSchema } from '../src/models/process-v3.js';
import { toProcessView } from '../src/models/normalise.js';
import { streamProcessList, type RenderTarget } from '../src/render/process-list.js';

const n = Number(process.argv[2] ?? 1000);
const format = (process.argv[3] ?? 'table') as RenderTarget['format'];
const fixture = JSON.parse(readFileSync(process.argv[4] ?? 'tests/fixtures/process-v3.json', 'utf8')) as Record<string, unknown>;
const calls = Math.max(1, Number(process.argv[5] ?? 5));
const WARM_UP_ROWS = 20_000;
const statuses = ['running', 'stopped', 'failed', 'draining', 'starting', 'stopping'];
const regions = ['London', 'Tokyo', 'Frankfurt', 'Seattle', 'Sao_Paulo', 'Sydney', 'Mumbai'];
const epoch = Date.UTC(2026, 9, 1);
// Through a JSON round trip, like an API answer: every record its own objects, as JSON.parse makes them.
const wire = JSON.parse(
  JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      ...fixture,
      processId: `${String(i).padStart(8, '0')}-7d3b-4f96-a0e4-3c9b2d17f8a1`,
      status: statuses[i % statuses.length],
      region: regions[i % regions.length],
      createdAt: new Date(epoch - i * 61_000).toISOString(),
      roomsAllocated: i % 4,
    })),
  ),
) as unknown[];
const parsed = ProcessV3ListSchema.parse(wire);
const views = parsed.map((p) => toProcessView('v3', 'ProcessV3', p));
const target: RenderTarget = { format, colour: false, stdoutIsTTY: false, stderrIsTTY: false, width: undefined, now: new Date(Date.UTC(2026, 10, 1)) };
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('render-probe needs node --expose-gc');

/**
 * One rendering, end to end: every piece made, flattened into one string (lastIndexOf does that,
 * as writing it to stdout would), dropped. Lines are counted only when asked, outside the timing.
 */
function render(countLines: boolean): { bytes: number; lines: number } {
  let bytes = 0;
  let lines = 0;
  for (const piece of streamProcessList(views, wire, 'v3', target).chunks) {
    bytes += piece.length;
    if (piece.lastIndexOf('\n') !== piece.length - 1) throw new Error('a piece does not end a line');
    if (countLines) for (let at = piece.indexOf('\n'); at !== -1; at = piece.indexOf('\n', at + 1)) lines += 1;
  }
  return { bytes, lines };
}

const output = render(true);
for (let rows = n; rows < WARM_UP_ROWS; rows += n) render(false);
const samples: number[] = [];
for (let i = 0; i < calls; i += 1) {
  gc();
  const started = performance.now();
  render(false);
  samples.push(performance.now() - started);
}
const sorted = [...samples].sort((a, b) => a - b);
const mid = sorted.length >> 1;
const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
process.stdout.write(
  `${JSON.stringify({ n: views.length, format, ms: median, min: sorted[0], samples, ...output })}\n`,
);

// Extra processes for a big app, so listings can be measured at the scale of a busy production app
// (thousands of processes, mostly ended, spread over a month and every region).
import { REGIONS, type ProcessStatus } from './enums.js';
import { generateProcess, type ProcessPlan } from './generate-process.js';
import type { DeploymentState, FailureMode, ProcessState } from './model.js';
import type { Rng } from './prng.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Roughly what a long-lived app accumulates: most processes have ended.
const STATUS_WEIGHTS: [ProcessStatus, number][] = [
  ['starting', 2],
  ['running', 10],
  ['draining', 3],
  ['stopping', 2],
  ['stopped', 75],
  ['failed', 8],
];
const FAILURES: FailureMode[] = ['oom', 'segfault', 'error', 'no-port', 'image-pull'];

function drawStatus(rng: Rng): ProcessStatus {
  let roll = rng.int(0, 99);
  for (const [status, weight] of STATUS_WEIGHTS) {
    if (roll < weight) return status;
    roll -= weight;
  }
  return 'stopped';
}

/**
 * Generates `count` more processes for an app, none sharing a `createdAt` millisecond with
 * `existing` or each other (so `before` paging never ties); ended ones reach back 30 days.
 */
export function generateBulkProcesses(rng: Rng, appId: string, deployments: DeploymentState[], existing: readonly ProcessState[], count: number, now: number): ProcessState[] {
  const seen = new Set(existing.map((p) => p.createdAt));
  const out: ProcessState[] = [];
  for (let i = 0; i < count; i += 1) {
    const status = drawStatus(rng);
    const plan: ProcessPlan = { processId: rng.uuid(), status, region: rng.pick(REGIONS) };
    if (status === 'stopped') plan.ageMs = [2 * HOUR, 30 * DAY];
    if (status === 'failed') {
      plan.ageMs = [HOUR, 30 * DAY];
      plan.failure = rng.pick(FAILURES);
    }
    let process = generateProcess(rng, appId, deployments, plan, now);
    while (seen.has(process.createdAt)) process = generateProcess(rng, appId, deployments, plan, now);
    seen.add(process.createdAt);
    out.push(process);
  }
  return out;
}

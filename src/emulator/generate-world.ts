// Builds the whole emulated world from one seed: three apps (a big one, a small one, an empty one),
// their deployments and their processes. Each app draws from its own stream, so changing one app's
// recipe does not reshuffle the others.
import {
  BIG_APP_ID,
  DRAINING_PROCESS_ID,
  EMPTY_APP_ID,
  EMULATOR_ORG_ID,
  EXPIRED_PROCESS_ID,
  FAILED_PROCESS_ID,
  FIXED_EPOCH_MS,
  RUNNING_PROCESS_ID,
  SECOND_APP_ID,
  SECOND_APP_RUNNING_PROCESS_ID,
  STARTING_PROCESS_ID,
  STOPPED_PROCESS_ID,
  STOPPING_PROCESS_ID,
} from './data.js';
import { REGIONS, type ProcessStatus, type Region } from './enums.js';
import { generateBulkProcesses } from './generate-bulk.js';
import { generateProcess, type ProcessPlan } from './generate-process.js';
import type { AppState, ContainerPortState, DeploymentState, FailureMode, ProcessState, World } from './model.js';
import { createRng, hashString, mix, type Rng } from './prng.js';
import { seedProcessState } from './seed-state.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CREATOR = 'dev@example.com';

/** Options of generateWorld. */
export interface WorldOptions {
  /** Grow the big app to this many processes in all (extra ones drawn from their own stream); default: its usual 73. */
  bigAppProcesses?: number;
  /** The instant the world is generated as of: its history counts back from here; default FIXED_EPOCH_MS. */
  anchor?: number;
}

/** Generates every app, deployment and process for `seed`; the same seed always gives the same world. */
export function generateWorld(seed: number, options: WorldOptions = {}): World {
  // Only the date moves with the anchor: every draw is an offset from it, so one seed gives the
  // same world, shifted, whenever it is generated.
  const anchor = options.anchor ?? FIXED_EPOCH_MS;
  const big = bigApp(seed, anchor);
  const extra = (options.bigAppProcesses ?? 0) - big.processes.length;
  if (extra > 0) {
    big.processes.push(...generateBulkProcesses(appRng(seed, `${BIG_APP_ID}/bulk`), BIG_APP_ID, big.deployments, big.processes, extra, anchor));
  }
  return { seed, anchor, apps: [big, secondApp(seed, anchor), emptyApp(seed, anchor)] };
}

function appRng(seed: number, appId: string): Rng {
  return createRng(mix(seed, hashString(appId)));
}

interface DeploymentRecipe {
  createdAt: number;
  roomsPerProcess: number;
  requestedCPU: number;
  requestedMemoryMB: number;
  defaultContainerPort: ContainerPortState;
  additionalContainerPorts: ContainerPortState[];
  withFleet: boolean;
  deploymentTag?: string;
  buildTag: string;
}

function deployments(rng: Rng, appId: string, recipes: DeploymentRecipe[]): DeploymentState[] {
  const fleetId = `fleet-${rng.uuid()}`;
  return recipes.map((recipe, index) => {
    const buildCreatedAt = recipe.createdAt - rng.int(5, 60) * 60_000;
    const buildStartedAt = buildCreatedAt + rng.int(2, 20) * 1000;
    const deployment: DeploymentState = {
      appId,
      version: index + 1,
      deploymentId: `dep-${rng.uuid()}`,
      roomsPerProcess: recipe.roomsPerProcess,
      requestedCPU: recipe.requestedCPU,
      requestedMemoryMB: recipe.requestedMemoryMB,
      idleTimeoutEnabled: index % 2 === 0,
      defaultContainerPort: recipe.defaultContainerPort,
      additionalContainerPorts: recipe.additionalContainerPorts,
      env: [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'MATCH_SECRET', value: `not-a-real-secret-${rng.hex(8)}` },
      ],
      createdAt: recipe.createdAt,
      createdBy: CREATOR,
      build: {
        buildId: `bld-${rng.uuid()}`,
        buildTag: recipe.buildTag,
        imageSize: rng.int(80, 900) * 1_048_576,
        createdAt: buildCreatedAt,
        startedAt: buildStartedAt,
        finishedAt: buildStartedAt + rng.int(40, 480) * 1000,
        createdBy: CREATOR,
      },
    };
    if (recipe.withFleet) deployment.fleetId = fleetId;
    if (recipe.deploymentTag !== undefined) deployment.deploymentTag = recipe.deploymentTag;
    return deployment;
  });
}

/** Generates processes for the plans, re-drawing any whose createdAt collides, so `before` paging never ties. */
function processes(rng: Rng, appId: string, deps: DeploymentState[], plans: ProcessPlan[], anchor: number): ProcessState[] {
  const seen = new Set<number>();
  return plans.map((plan) => {
    let process = generateProcess(rng, appId, deps, plan, anchor);
    while (seen.has(process.createdAt)) process = generateProcess(rng, appId, deps, plan, anchor);
    seen.add(process.createdAt);
    return process;
  });
}

const tcp = (port: number, name: string): ContainerPortState => ({ transportType: 'tcp', port, name });
const udp = (port: number, name: string): ContainerPortState => ({ transportType: 'udp', port, name });

function bigApp(seed: number, anchor: number): AppState {
  const rng = appRng(seed, BIG_APP_ID);
  const deps = deployments(rng, BIG_APP_ID, [
    // Version 1 is the seed process's deployment (its v1 deploymentId is 1, roomsPerProcess 3).
    { createdAt: Date.UTC(2022, 6, 1, 12), roomsPerProcess: 3, requestedCPU: 0.5, requestedMemoryMB: 1024, defaultContainerPort: tcp(7777, 'default'), additionalContainerPorts: [tcp(9000, 'debug')], withFleet: false, buildTag: 'v0.9.0' },
    { createdAt: Date.UTC(2025, 2, 10, 9), roomsPerProcess: 4, requestedCPU: 1, requestedMemoryMB: 2048, defaultContainerPort: tcp(7777, 'default'), additionalContainerPorts: [tcp(9000, 'debug')], withFleet: false, buildTag: 'v1.2.0' },
    { createdAt: anchor - 20 * DAY, roomsPerProcess: 8, requestedCPU: 1, requestedMemoryMB: 2048, defaultContainerPort: tcp(7777, 'default'), additionalContainerPorts: [tcp(9000, 'debug')], withFleet: false, buildTag: 'v1.4.0' },
    { createdAt: anchor - 50 * HOUR, roomsPerProcess: 6, requestedCPU: 2, requestedMemoryMB: 4096, defaultContainerPort: tcp(7777, 'default'), additionalContainerPorts: [tcp(9000, 'debug')], withFleet: true, deploymentTag: 'release-2026.10', buildTag: 'v1.5.0' },
  ]);

  const notable: ProcessPlan[] = [
    { processId: RUNNING_PROCESS_ID, status: 'running', region: 'Frankfurt', ageMs: [44 * HOUR, 46 * HOUR] },
    { processId: FAILED_PROCESS_ID, status: 'failed', region: 'London', failure: 'oom', ageMs: [10 * HOUR, 20 * HOUR] },
    { processId: STARTING_PROCESS_ID, status: 'starting', region: 'Tokyo' },
    { processId: DRAINING_PROCESS_ID, status: 'draining', region: 'Seattle' },
    { processId: STOPPING_PROCESS_ID, status: 'stopping', region: 'Chicago' },
    { processId: STOPPED_PROCESS_ID, status: 'stopped', region: 'Sao_Paulo', ageMs: [6 * HOUR, 8 * HOUR], runMs: [30 * 60_000, 2 * HOUR] },
    { processId: EXPIRED_PROCESS_ID, status: 'stopped', region: 'Dubai', ageMs: [100 * HOUR, 110 * HOUR], runMs: [10 * 60_000, HOUR] },
  ];
  // Totals over the 72 generated processes: 5 starting, 24 running, 6 draining, 4 stopping, 24 stopped, 9 failed.
  const rest = statusList({ starting: 4, running: 23, draining: 5, stopping: 3, stopped: 22, failed: 8 });
  const plans = [...notable, ...randomPlans(rng, rng.shuffle(rest), [...REGIONS])];
  const generated = processes(rng, BIG_APP_ID, deps, plans, anchor);
  const first = deps[0];
  if (first === undefined) throw new Error('the big app has deployments');

  return {
    appId: BIG_APP_ID,
    appName: 'arena-brawl-prod',
    orgId: EMULATOR_ORG_ID,
    createdAt: Date.UTC(2022, 5, 20, 15, 4, 11, 302),
    createdBy: CREATOR,
    appSecret: `secret-${rng.hex(32)}`,
    serviceConfig: {
      staticProcessAllocation: [
        { region: 'Frankfurt', minProcesses: 1, targetProcesses: 2, maxProcesses: 6, autoscalingEnabled: false },
        { region: 'Tokyo', minProcesses: 0, targetProcesses: 1, maxProcesses: 4 },
        // Short of its target: the fleet is in error in London (fleets.ts), so processes fail to start there.
        { region: 'London', minProcesses: 2, targetProcesses: 4, maxProcesses: 8, autoscalingEnabled: false },
      ],
      loadBalancer: { enabled: false },
    },
    deployments: deps,
    processes: [seedProcessState(first), ...generated],
  };
}

function secondApp(seed: number, anchor: number): AppState {
  const rng = appRng(seed, SECOND_APP_ID);
  const deps = deployments(rng, SECOND_APP_ID, [
    { createdAt: anchor - 40 * DAY, roomsPerProcess: 1, requestedCPU: 0.25, requestedMemoryMB: 512, defaultContainerPort: udp(4000, 'default'), additionalContainerPorts: [], withFleet: true, buildTag: 'build-311' },
    { createdAt: anchor - 30 * HOUR, roomsPerProcess: 1, requestedCPU: 0.25, requestedMemoryMB: 512, defaultContainerPort: udp(4000, 'default'), additionalContainerPorts: [], withFleet: true, deploymentTag: 'staging', buildTag: 'build-318' },
  ]);
  const rest = statusList({ starting: 1, running: 4, draining: 1, stopping: 1, stopped: 3, failed: 1 });
  const regions: Region[] = ['London', 'Frankfurt', 'Washington_DC', 'Singapore'];
  const plans: ProcessPlan[] = [
    { processId: SECOND_APP_RUNNING_PROCESS_ID, status: 'running', region: 'London' },
    ...randomPlans(rng, rng.shuffle(rest), regions),
  ];
  return {
    appId: SECOND_APP_ID,
    appName: 'tidepool-staging',
    orgId: EMULATOR_ORG_ID,
    createdAt: anchor - 200 * DAY + 7_211_042,
    createdBy: CREATOR,
    appSecret: `secret-${rng.hex(32)}`,
    serviceConfig: null,
    deployments: deps,
    processes: processes(rng, SECOND_APP_ID, deps, plans, anchor),
  };
}

function emptyApp(seed: number, anchor: number): AppState {
  const rng = appRng(seed, EMPTY_APP_ID);
  return {
    appId: EMPTY_APP_ID,
    appName: 'sandbox-empty',
    orgId: EMULATOR_ORG_ID,
    createdAt: anchor - 3 * DAY + 4_519_877,
    createdBy: CREATOR,
    appSecret: `secret-${rng.hex(32)}`,
    serviceConfig: null,
    deployments: [],
    processes: [],
  };
}

function statusList(counts: Record<ProcessStatus, number>): ProcessStatus[] {
  return Object.entries(counts).flatMap(([status, count]) => Array<ProcessStatus>(count).fill(status as ProcessStatus));
}

const FAILURE_CYCLE: FailureMode[] = ['oom', 'segfault', 'error', 'no-port', 'image-pull'];

/** Pairs statuses with regions, using each region at least once before repeating any. */
function randomPlans(rng: Rng, statuses: ProcessStatus[], regions: Region[]): ProcessPlan[] {
  const regionOrder = rng.shuffle(regions);
  let failures = 0;
  return statuses.map((status, index) => {
    const region = regionOrder[index] ?? rng.pick(regions);
    const plan: ProcessPlan = { processId: rng.uuid(), status, region };
    if (status === 'failed') plan.failure = FAILURE_CYCLE[failures++ % FAILURE_CYCLE.length] ?? 'oom';
    return plan;
  });
}

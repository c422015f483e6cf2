// The fleets of the emulated organisation, and their wire views (F1, F2, F4, F8). A fleet exists
// for every fleetId the apps' deployments name, so processes, deployments and fleets always agree.
// Fleets are derived from the world, not stored in it: nothing a request does changes them, and the
// world's generator needs no knowledge of them.
import { createRng, hashString, mix } from './prng.js';
import type { Region } from './enums.js';
import type { World } from './model.js';

const HOUR = 3_600_000;

/** What the emulator knows of one region's error state (v1 `FleetErrorState`). */
export interface FleetErrorStateRecord {
  inError: boolean;
  lastErrorMessage: string | null;
  lastErrorLogId: string | null;
  /** Epoch milliseconds, or null. */
  lastErrorTimestamp: number | null;
}

/** One fleet as the emulator keeps it. */
export interface FleetRecord {
  fleetId: string;
  orgId: string;
  name: string;
  /** The v1 shape name (`cpu-…`). */
  nodeShape: string;
  /** The v2 shape id (`shape-…`); the two vocabularies have no mapping, so each fleet names both. */
  nodeShapeId: string;
  scaleUpThreshold: number | undefined;
  /** Absent from the v1 wire object when undefined (the pre-2.26.6 shape). */
  errorState: Partial<Record<Region, FleetErrorStateRecord>> | undefined;
}

interface FleetRecipe {
  name: string;
  nodeShape: string;
  nodeShapeId: string;
  scaleUpThreshold: number | undefined;
  /** Per region: whether it is in error, its last message, and how many hours after the fleet's newest deployment that error happened. */
  errors: { region: Region; inError: boolean; message: string | null; hoursAfterDeployment: number | null }[] | undefined;
}

// The first fleet is the big app's: London is in error (it explains the processes that fail to
// start there), Frankfurt recovered from an earlier error, Tokyo never had one. The second fleet
// sends no errorState at all, as SDKs before 2.26.6 know it.
const RECIPES: FleetRecipe[] = [
  {
    name: 'arena-production',
    nodeShape: 'cpu-8-16',
    nodeShapeId: 'shape-amd64-8-16',
    scaleUpThreshold: 80,
    errors: [
      { region: 'London', inError: true, message: 'not enough capacity: could not provision a node of shape cpu-8-16 in London', hoursAfterDeployment: 46 },
      { region: 'Frankfurt', inError: false, message: 'node provisioning timed out', hoursAfterDeployment: 20 },
      { region: 'Tokyo', inError: false, message: null, hoursAfterDeployment: null },
    ],
  },
  { name: 'tidepool-staging', nodeShape: 'cpu-4-8', nodeShapeId: 'shape-amd64-4-8', scaleUpThreshold: undefined, errors: undefined },
];

const cache = new WeakMap<World, FleetRecord[]>();

/** Every fleet of the world, in the order their ids first appear among the apps' deployments. */
export function fleetsOf(world: World): FleetRecord[] {
  const cached = cache.get(world);
  if (cached !== undefined) return cached;
  const seen = new Map<string, { orgId: string; newestDeployment: number }>();
  for (const app of world.apps) {
    for (const deployment of app.deployments) {
      if (deployment.fleetId === undefined) continue;
      const known = seen.get(deployment.fleetId);
      seen.set(deployment.fleetId, { orgId: app.orgId, newestDeployment: Math.max(known?.newestDeployment ?? 0, deployment.createdAt) });
    }
  }
  const fleets = [...seen.entries()].map(([fleetId, { orgId, newestDeployment }], index): FleetRecord => {
    const recipe = RECIPES[index] ?? { name: `fleet-${index + 1}`, nodeShape: 'cpu-4-8', nodeShapeId: 'shape-amd64-4-8', scaleUpThreshold: undefined, errors: undefined };
    const rng = createRng(mix(world.seed, hashString(fleetId)));
    let errorState: FleetRecord['errorState'];
    if (recipe.errors !== undefined) {
      errorState = {};
      for (const error of recipe.errors) {
        const at = error.hoursAfterDeployment === null ? null : newestDeployment + error.hoursAfterDeployment * HOUR + rng.int(0, 3_599_000);
        errorState[error.region] = {
          inError: error.inError,
          lastErrorMessage: error.message,
          lastErrorLogId: at === null ? null : `log-${rng.uuid()}`,
          lastErrorTimestamp: at,
        };
      }
    }
    return { fleetId, orgId, name: recipe.name, nodeShape: recipe.nodeShape, nodeShapeId: recipe.nodeShapeId, scaleUpThreshold: recipe.scaleUpThreshold, errorState };
  });
  cache.set(world, fleets);
  return fleets;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function autoscaler(fleet: FleetRecord): Record<string, unknown> {
  return fleet.scaleUpThreshold === undefined ? {} : { autoscalerConfig: { scaleUpThreshold: fleet.scaleUpThreshold } };
}

/** The v1 `Fleet` wire object (F4, F8 items): string nodeShape, and errorState keyed by wire region names. */
export function fleetV1View(fleet: FleetRecord): Record<string, unknown> {
  const view: Record<string, unknown> = { nodeShape: fleet.nodeShape, ...autoscaler(fleet), name: fleet.name, orgId: fleet.orgId, fleetId: fleet.fleetId };
  if (fleet.errorState !== undefined) {
    view['errorState'] = Object.fromEntries(
      Object.entries(fleet.errorState).map(([region, state]) => [
        region,
        { inError: state.inError, lastErrorMessage: state.lastErrorMessage, lastErrorLogId: state.lastErrorLogId, lastErrorTimestamp: iso(state.lastErrorTimestamp) },
      ]),
    );
  }
  return view;
}

/** The v2 `FleetV2` wire object (F1, F2 items): nodeShapeId, no errorState. */
export function fleetV2View(fleet: FleetRecord): Record<string, unknown> {
  return { nodeShapeId: fleet.nodeShapeId, ...autoscaler(fleet), name: fleet.name, orgId: fleet.orgId, fleetId: fleet.fleetId };
}

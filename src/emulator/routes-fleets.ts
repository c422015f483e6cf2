// Fleet endpoints: v1 list and get (F8, F4: string nodeShape and errorState) and v2 list and get
// (F2, F1: nodeShapeId). `orgId` is optional; an organisation other than the emulated one is a 404,
// like the apps list answers it.
import type { RequestContext } from './context.js';
import { fleetsOf, fleetV1View, fleetV2View, type FleetRecord } from './fleets.js';
import { ApiHttpError, sendJson } from './http-io.js';
import type { Route } from './router.js';

function fleetsOfOrg(ctx: RequestContext): FleetRecord[] {
  const orgIds = ctx.query.getAll('orgId');
  const fleets = fleetsOf(ctx.runtime.world);
  if (orgIds.length === 0) return fleets;
  const known = new Set(ctx.runtime.world.apps.map((app) => app.orgId));
  const unknown = orgIds.filter((orgId) => !known.has(orgId));
  if (unknown.length > 0) throw new ApiHttpError(404, `Org not found: ${unknown.join(',')}`);
  return fleets.filter((fleet) => orgIds.includes(fleet.orgId));
}

function findFleet(ctx: RequestContext): FleetRecord {
  const fleetId = ctx.params['fleetId'] ?? '';
  const fleet = fleetsOfOrg(ctx).find((candidate) => candidate.fleetId === fleetId);
  if (fleet === undefined) throw new ApiHttpError(404, `Fleet not found: ${fleetId}`);
  return fleet;
}

/** The fleet routes. */
export const fleetRoutes: Route[] = [
  { method: 'GET', pattern: '/fleets/v1/fleets', handle: (ctx) => sendJson(ctx.res, 200, { fleets: fleetsOfOrg(ctx).map(fleetV1View) }) },
  { method: 'GET', pattern: '/fleets/v1/fleets/:fleetId', handle: (ctx) => sendJson(ctx.res, 200, fleetV1View(findFleet(ctx))) },
  { method: 'GET', pattern: '/fleets/v2/fleets', handle: (ctx) => sendJson(ctx.res, 200, { fleets: fleetsOfOrg(ctx).map(fleetV2View) }) },
  { method: 'GET', pattern: '/fleets/v2/fleets/:fleetId', handle: (ctx) => sendJson(ctx.res, 200, fleetV2View(findFleet(ctx))) },
];

// The organisations endpoint (O1): the one emulated organisation, with the scopes the emulator's
// token holds and the log retention the emulator itself applies.
import type { RequestContext } from './context.js';
import { LOG_RETENTION_MS } from './data.js';
import { fleetsOf } from './fleets.js';
import { sendJson } from './http-io.js';
import type { Route } from './router.js';

const HOUR = 3_600_000;

function organisationView(ctx: RequestContext): Record<string, unknown> {
  const { world, scopes } = ctx.runtime;
  const orgId = world.apps[0]?.orgId ?? '';
  const defaultFleet = fleetsOf(world)[0];
  return {
    maxCloudBaseline: 10,
    maxProcessConnections: 1024,
    logRetentionPeriodHours: LOG_RETENTION_MS / HOUR,
    enabledFeatureFlags: [],
    maxRequestedMemoryMB: 8192,
    scopes: [...scopes],
    isSingleTenant: false,
    defaultFleetId: defaultFleet === undefined ? null : defaultFleet.fleetId,
    stripeCustomerId: 'cus_emulated0000000',
    name: 'Emulated Games',
    orgId,
  };
}

/** The organisation routes. */
export const orgRoutes: Route[] = [{ method: 'GET', pattern: '/orgs/v1', handle: (ctx) => sendJson(ctx.res, 200, { orgs: [organisationView(ctx)] }) }];

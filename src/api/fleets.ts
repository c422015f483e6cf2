// Fleets (hathora-api.md §9.1), through the v1 operations: only they carry `errorState`, which is
// what explains processes that fail to start. Their SDK methods are named "…Deprecated", but the
// API flags none of them deprecated. `orgId` is sent only when given; the API then reads the
// token's organisation (inferred).
import type { ApiClient } from './client.js';
import { decodeOnArrival, loadOnce } from './decode-on-arrival.js';
import { rewordNotFound, type Fetched } from './fetched.js';
import { encodePathSegment } from './ids.js';
import type { Fleet } from '../models/fleet.js';

const schemas = loadOnce(() => import('../models/fleet.js'));

/** Options of the fleet calls. */
export interface FleetOptions {
  /** The organisation whose fleets to read; default: the API's (the token's). */
  orgId?: string | undefined;
}

/** F8: every fleet of the organisation; `raw` is the fleets array. */
export async function listFleets(client: ApiClient, options: FleetOptions = {}): Promise<Fetched<Fleet[], unknown[]>> {
  const path = '/fleets/v1/fleets';
  const { data, raw } = await decodeOnArrival(client.getJson(path, { orgId: options.orgId }), () => schemas().then((m) => m.FleetsPageSchema), `GET ${path}`);
  // The schema has just checked the shape.
  return { data: data.fleets, raw: (raw as { fleets: unknown[] }).fleets };
}

/** F4: one fleet by id. */
export async function getFleet(client: ApiClient, fleetId: string, options: FleetOptions = {}): Promise<Fetched<Fleet>> {
  const path = `/fleets/v1/fleets/${encodePathSegment('fleet id', fleetId)}`;
  return decodeOnArrival(rewordNotFound(`fleet ${fleetId} not found`, () => client.getJson(path, { orgId: options.orgId })), () => schemas().then((m) => m.FleetSchema), `GET ${path}`);
}

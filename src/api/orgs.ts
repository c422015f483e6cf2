// Organisations (hathora-api.md §9.5): the ones the token belongs to (O1), with the scopes it holds
// in each and the log retention that explains a 410 from the logs endpoints.
import type { ApiClient } from './client.js';
import { decodeOnArrival, loadOnce } from './decode-on-arrival.js';
import type { Fetched } from './fetched.js';
import type { Organization } from '../models/organization.js';

const schema = loadOnce(() => import('../models/organization.js').then((m) => m.OrgsPageSchema));

/** O1: the organisations of the token (no paging); `raw` is the orgs array. */
export async function listOrgs(client: ApiClient): Promise<Fetched<Organization[], unknown[]>> {
  const path = '/orgs/v1';
  const { data, raw } = await decodeOnArrival(client.getJson(path), schema, `GET ${path}`);
  return { data: data.orgs, raw: (raw as { orgs: unknown[] }).orgs };
}

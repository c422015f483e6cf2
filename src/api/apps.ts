// The apps endpoints (hathora-api.md §2.7), used to find app ids. Both answers carry `appSecret`;
// it is removed here, from the model and the raw payload alike, so no output or log can show it
// (and so are the environment values of the embedded latest deployment).
import type { ApiClient } from './client.js';
import { decodeOnArrival, loadOnce } from './decode-on-arrival.js';
import { hideEnvValues } from './deployments.js';
import { appNotFound, rewordNotFound, type Fetched } from './fetched.js';
import { encodePathSegment } from './ids.js';
import type { Application, StaticProcessAllocation } from '../models/application.js';

const schemas = loadOnce(() => import('../models/application.js'));

/** Options of listApps. */
export interface ListAppsOptions {
  /** Only the apps of this organisation; the API's default is the token's organisation. */
  orgId?: string | undefined;
}

/** A1: the apps the token can see (no paging), without their secrets; `raw` is the applications array. */
export async function listApps(client: ApiClient, options: ListAppsOptions = {}): Promise<Fetched<Application[], unknown[]>> {
  const path = '/apps/v2/apps';
  const { data: page, raw } = await decodeOnArrival(client.getJson(path, { orgId: options.orgId }), () => schemas().then((m) => m.ApplicationsPageSchema), `GET ${path}`);
  // The schema has just checked the shape.
  const rawApps = (raw as { applications: unknown[] }).applications;
  for (const item of [...page.applications, ...rawApps]) dropSecret(item);
  return { data: page.applications, raw: rawApps };
}

/** A2: one app, without its secret. */
export async function getApp(client: ApiClient, appId: string): Promise<Fetched<Application>> {
  const path = `/apps/v2/apps/${encodePathSegment('app id', appId)}`;
  const { data, raw } = await decodeOnArrival(rewordNotFound(appNotFound(appId), () => client.getJson(path)), () => schemas().then((m) => m.ApplicationSchema), `GET ${path}`);
  dropSecret(data);
  dropSecret(raw);
  return { data, raw };
}

/**
 * A2, for the app's static process allocation (its `serviceConfig`); null when the app has none.
 * Validated apart from the app, so a service config hproc cannot read fails only this.
 */
export async function getStaticAllocation(client: ApiClient, appId: string): Promise<StaticProcessAllocation[] | null> {
  const { raw } = await getApp(client, appId);
  const config = (raw as { serviceConfig?: unknown }).serviceConfig;
  // Required in the API; an older server without the key has no config to read either.
  if (config === undefined || config === null) return null;
  // Loaded here, not at the top: the validator (and zod) stays off the path of the app list request.
  const [{ ServiceConfigSchema }, { decodeResponse }] = await Promise.all([schemas(), import('./decode-response.js')]);
  return decodeResponse(ServiceConfigSchema, config, `GET /apps/v2/apps/${appId} (serviceConfig)`).staticProcessAllocation;
}

function dropSecret(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  delete (value as { appSecret?: unknown }).appSecret;
  // The embedded latest deployment carries environment values, which may be secrets too.
  hideEnvValues((value as { deployment?: unknown }).deployment);
}

// The apps endpoints (hathora-api.md §2.7), used to find app ids. Both answers carry `appSecret`;
// it is removed here, from the model and the raw payload alike, so no output or log can show it
// (and so are the environment values of the embedded latest deployment).
import type { ApiClient } from './client.js';
import { decodeOnArrival, loadOnce } from './decode-on-arrival.js';
import { hideEnvValues } from './deployments.js';
import { appNotFound, rewordNotFound, type Fetched } from './fetched.js';
import { encodePathSegment } from './ids.js';
import type { Application } from '../models/application.js';

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

function dropSecret(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  delete (value as { appSecret?: unknown }).appSecret;
  // The embedded latest deployment carries environment values, which may be secrets too.
  hideEnvValues((value as { deployment?: unknown }).deployment);
}

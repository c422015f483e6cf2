// v3 deployments (hathora-api.md §2.8). A deployment's `env` values may be secrets: they are
// replaced here, in the model and the raw payload alike, so no output or log can show them.
import type { ApiClient } from './client.js';
import { decodeOnArrival, loadOnce } from './decode-on-arrival.js';
import { rewordNotFound, type Fetched } from './fetched.js';
import { encodePathSegment } from './ids.js';
import type { DeploymentV3 } from '../models/deployment.js';

const deploymentSchema = loadOnce(() => import('../models/deployment.js').then((m) => m.DeploymentV3Schema));

/** What replaces each environment variable value of a deployment. */
export const HIDDEN_ENV_VALUE = '(hidden by hproc)';

/** D1: one v3 deployment by its `dep-…` id, environment values hidden. */
export async function getDeploymentV3(client: ApiClient, appId: string, deploymentId: string): Promise<Fetched<DeploymentV3>> {
  const path = `/deployments/v3/apps/${encodePathSegment('app id', appId)}/deployments/${encodePathSegment('deployment id', deploymentId)}`;
  return getDeployment(client, path, `deployment ${deploymentId} not found in app ${appId}`);
}

/** D2: the newest v3 deployment of an app, environment values hidden. */
export async function getLatestDeploymentV3(client: ApiClient, appId: string): Promise<Fetched<DeploymentV3>> {
  const path = `/deployments/v3/apps/${encodePathSegment('app id', appId)}/deployments/latest`;
  return getDeployment(client, path, `no deployment found in app ${appId}`);
}

async function getDeployment(client: ApiClient, path: string, notFound: string): Promise<Fetched<DeploymentV3>> {
  const { data, raw } = await decodeOnArrival(rewordNotFound(notFound, () => client.getJson(path)), deploymentSchema, `GET ${path}`);
  hideEnvValues(data);
  hideEnvValues(raw);
  return { data, raw };
}

/** Replaces the values of a deployment object's `env` entries in place (keeps the names, which are not secret). */
export function hideEnvValues(deployment: unknown): void {
  if (typeof deployment !== 'object' || deployment === null) return;
  const env = (deployment as { env?: unknown }).env;
  if (!Array.isArray(env)) return;
  for (const entry of env) {
    if (typeof entry === 'object' && entry !== null && Object.hasOwn(entry, 'value')) (entry as { value: unknown }).value = HIDDEN_ENV_VALUE;
  }
}


const pageSchema = loadOnce(() => import('../models/deployment.js').then((m) => m.DeploymentsV3PageSchema));

/** Options of listDeploymentsV3. */
export interface ListDeploymentsOptions {
  deploymentTag?: string | undefined;
  buildTag?: string | undefined;
  /** Most deployments fetched; paging stops once this many are in hand. */
  limit: number;
}

/** A deployment listing, newest first, and why it may hold fewer than the API has. */
export interface DeploymentListing extends Fetched<DeploymentV3[], unknown[]> {
  /** Null when every page was read; else why paging stopped early (a repeated token, or the limit). */
  incomplete: string | null;
}

/**
 * D3: an app's v3 deployments, every page followed through `nextPageToken` (keeping the filters),
 * newest first by createdAt (the API documents no order), environment values hidden. Paging stops
 * when a page has no token, when the limit is reached, or when a token repeats (it would loop).
 */
export async function listDeploymentsV3(client: ApiClient, appId: string, options: ListDeploymentsOptions): Promise<DeploymentListing> {
  const path = `/deployments/v3/apps/${encodePathSegment('app id', appId)}/deployments`;
  const rows: { data: DeploymentV3; raw: unknown }[] = [];
  const seenTokens = new Set<string>();
  let token: string | undefined;
  let incomplete: string | null = null;
  for (;;) {
    const query = { deploymentTag: options.deploymentTag, buildTag: options.buildTag, nextPageToken: token };
    const { data, raw } = await decodeOnArrival(rewordNotFound(`app ${appId} not found`, () => client.getJson(path, query)), pageSchema, `GET ${path}`);
    const rawItems = (raw as { deployments: unknown[] }).deployments;
    data.deployments.forEach((deployment, i) => rows.push({ data: deployment, raw: rawItems[i] }));
    const next = data.nextPageToken;
    if (rows.length > options.limit || (rows.length === options.limit && next !== undefined && next !== '')) {
      incomplete = `listed the newest ${options.limit} deployments fetched; more follow (raise --limit)`;
      break;
    }
    if (next === undefined || next === '') break;
    if (seenTokens.has(next) || next === token) {
      incomplete = `the API sent the same nextPageToken twice; stopped after ${rows.length} deployments rather than loop`;
      break;
    }
    seenTokens.add(next);
    token = next;
  }
  const sorted = rows.sort((a, b) => Date.parse(b.data.createdAt) - Date.parse(a.data.createdAt)).slice(0, options.limit);
  for (const row of sorted) {
    hideEnvValues(row.data);
    hideEnvValues(row.raw);
  }
  return { data: sorted.map((row) => row.data), raw: sorted.map((row) => row.raw), incomplete };
}

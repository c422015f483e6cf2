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


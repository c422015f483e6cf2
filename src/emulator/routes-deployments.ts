// The v3 deployment list (D3): an app's deployments, newest first, DEPLOYMENTS_PAGE_SIZE a page,
// narrowed by exact `deploymentTag` and `buildTag` (both when both are given), and paged with an
// opaque `nextPageToken` that the next request sends back. Page size, order and how the filters
// combine are undocumented; these are the emulator's readings.
import { deploymentV3View } from './app-views.js';
import type { RequestContext } from './context.js';
import { ApiHttpError, sendJson } from './http-io.js';
import { findApp } from './lookup.js';
import type { AppState } from './model.js';
import type { Route } from './router.js';

/** Deployments per page of D3. Small, so that even the emulated apps need more than one page. */
export const DEPLOYMENTS_PAGE_SIZE = 3;

function tokenFor(app: AppState, offset: number): string {
  return Buffer.from(`${app.appId}:${offset}`, 'utf8').toString('base64url');
}

function offsetOf(app: AppState, token: string | null): number {
  if (token === null) return 0;
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  const prefix = `${app.appId}:`;
  const offset = decoded.startsWith(prefix) ? Number(decoded.slice(prefix.length)) : Number.NaN;
  if (!Number.isInteger(offset) || offset <= 0) throw new ApiHttpError(422, `Invalid nextPageToken: ${token}`);
  return offset;
}

function listDeployments(ctx: RequestContext): void {
  const app = findApp(ctx);
  const deploymentTag = ctx.query.get('deploymentTag');
  const buildTag = ctx.query.get('buildTag');
  const offset = offsetOf(app, ctx.query.get('nextPageToken'));
  const matching = app.deployments
    .filter((d) => (deploymentTag === null || d.deploymentTag === deploymentTag) && (buildTag === null || d.build.buildTag === buildTag))
    .sort((a, b) => b.createdAt - a.createdAt);
  const page = matching.slice(offset, offset + DEPLOYMENTS_PAGE_SIZE);
  const next = offset + DEPLOYMENTS_PAGE_SIZE;
  sendJson(ctx.res, 200, { deployments: page.map(deploymentV3View), ...(next < matching.length ? { nextPageToken: tokenFor(app, next) } : {}) });
}

/** The deployment list route. */
export const deploymentRoutes: Route[] = [{ method: 'GET', pattern: '/deployments/v3/apps/:appId/deployments', handle: listDeployments }];

// App endpoints (A1, A2) and v3 deployment endpoints (D1, D2).
import type { RequestContext } from './context.js';
import { ApiHttpError, sendJson } from './http-io.js';
import { applicationView, applicationWithLatestDeploymentView, deploymentV3View } from './app-views.js';
import { findApp } from './lookup.js';
import type { Route } from './router.js';

function listApps(ctx: RequestContext): void {
  const orgIds = ctx.query.getAll('orgId');
  const apps = ctx.runtime.world.apps.filter((app) => orgIds.length === 0 || orgIds.includes(app.orgId));
  if (orgIds.length > 0 && apps.length === 0) throw new ApiHttpError(404, `Org not found: ${orgIds.join(',')}`);
  sendJson(ctx.res, 200, { applications: apps.map(applicationWithLatestDeploymentView) });
}

/** The app and deployment routes. */
export const appRoutes: Route[] = [
  { method: 'GET', pattern: '/apps/v2/apps', handle: listApps },
  { method: 'GET', pattern: '/apps/v2/apps/:appId', handle: (ctx) => sendJson(ctx.res, 200, applicationView(findApp(ctx))) },
  {
    method: 'GET',
    pattern: '/deployments/v3/apps/:appId/deployments/latest',
    handle: (ctx) => {
      const app = findApp(ctx);
      const latest = app.deployments.at(-1);
      if (latest === undefined) throw new ApiHttpError(404, `No deployments found for app ${app.appId}`);
      sendJson(ctx.res, 200, deploymentV3View(latest));
    },
  },
  {
    method: 'GET',
    pattern: '/deployments/v3/apps/:appId/deployments/:deploymentId',
    handle: (ctx) => {
      const app = findApp(ctx);
      const deploymentId = ctx.params['deploymentId'] ?? '';
      const deployment = app.deployments.find((candidate) => candidate.deploymentId === deploymentId);
      if (deployment === undefined) throw new ApiHttpError(404, `Deployment not found: ${deploymentId}`);
      sendJson(ctx.res, 200, deploymentV3View(deployment));
    },
  },
];

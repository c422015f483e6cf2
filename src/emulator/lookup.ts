// Finding apps and processes by path parameters, answering 404 the way the API does, and applying
// pending stops first so the caller always sees the current state.
import type { RequestContext } from './context.js';
import { ApiHttpError } from './http-io.js';
import { settleApp, settleProcess } from './lifecycle.js';
import type { AppState, ProcessState } from './model.js';

/** The app named by the `appId` path parameter, with pending stops applied; 404 when unknown. */
export function findApp(ctx: RequestContext): AppState {
  const appId = ctx.params['appId'] ?? '';
  const app = ctx.runtime.world.apps.find((candidate) => candidate.appId === appId);
  if (app === undefined) throw new ApiHttpError(404, `App not found: ${appId}`);
  settleApp(app, ctx.runtime.clock.now());
  return app;
}

/** The process named by the `processId` path parameter within the app; 404 when unknown. */
export function findProcess(ctx: RequestContext): { app: AppState; process: ProcessState } {
  const app = findApp(ctx);
  const processId = ctx.params['processId'] ?? '';
  const process = app.processes.find((candidate) => candidate.processId === processId);
  if (process === undefined) throw new ApiHttpError(404, `Process not found: ${processId}`);
  settleProcess(process, ctx.runtime.clock.now());
  return { app, process };
}

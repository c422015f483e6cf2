// Process endpoints of all three generations (P1-P6, P8-P11, P13), all reading the same records.
import type { RequestContext } from './context.js';
import { sendJson, sendNoContent } from './http-io.js';
import { requestStop } from './lifecycle.js';
import { findApp, findProcess } from './lookup.js';
import { processV1View, processV2View, processV3View, processWithRoomsView } from './process-views.js';
import { readBefore, readRegions, readSingleRegion, readStatuses } from './query.js';
import type { Route } from './router.js';
import { filterProcesses, latestProcesses, runningProcessesV1, stoppedProcessesV1, type ProcessFilter } from './selection.js';

function v2Filter(ctx: RequestContext): ProcessFilter {
  const { filters } = ctx.runtime.settings.readings;
  return { statuses: readStatuses(ctx.query, filters), regions: readRegions(ctx.query, filters) };
}

function v3Filter(ctx: RequestContext): ProcessFilter {
  const before = readBefore(ctx.query, ctx.runtime.settings.readings.cursor);
  const filter = v2Filter(ctx);
  if (before !== undefined) filter.before = before;
  return filter;
}

function stop(ctx: RequestContext): void {
  const { app, process } = findProcess(ctx);
  requestStop(app, process, ctx.runtime.clock.now(), ctx.runtime.settings.stopDelayMs);
  sendNoContent(ctx.res);
}

/** The process routes. */
export const processRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/processes/v1/:appId/list/running',
    handle: (ctx) => {
      const region = readSingleRegion(ctx.query, ctx.runtime.settings.readings.filters);
      sendJson(ctx.res, 200, runningProcessesV1(findApp(ctx).processes, region).map((p) => processWithRoomsView(p, ctx.runtime.settings.readings)));
    },
  },
  {
    method: 'GET',
    pattern: '/processes/v1/:appId/list/stopped',
    handle: (ctx) => {
      const region = readSingleRegion(ctx.query, ctx.runtime.settings.readings.filters);
      sendJson(ctx.res, 200, stoppedProcessesV1(findApp(ctx).processes, region).map((p) => processV1View(p, ctx.runtime.settings.readings)));
    },
  },
  {
    method: 'GET',
    pattern: '/processes/v1/:appId/info/:processId',
    handle: (ctx) => sendJson(ctx.res, 200, processV1View(findProcess(ctx).process, ctx.runtime.settings.readings)),
  },
  {
    method: 'GET',
    pattern: '/processes/v2/:appId/list/latest',
    handle: (ctx) => {
      const filter = v2Filter(ctx);
      sendJson(ctx.res, 200, latestProcesses(findApp(ctx).processes, filter).map((p) => processV2View(p, ctx.runtime.settings.readings)));
    },
  },
  {
    method: 'GET',
    pattern: '/processes/v2/:appId/info/:processId',
    handle: (ctx) => sendJson(ctx.res, 200, processV2View(findProcess(ctx).process, ctx.runtime.settings.readings)),
  },
  {
    method: 'GET',
    pattern: '/processes/v2/:appId/count',
    handle: (ctx) => {
      const filter = v2Filter(ctx);
      sendJson(ctx.res, 200, { count: filterProcesses(findApp(ctx).processes, filter).length });
    },
  },
  { method: 'POST', pattern: '/processes/v2/:appId/stop/:processId', handle: stop },
  {
    method: 'GET',
    pattern: '/processes/v3/apps/:appId/processes/latest',
    handle: (ctx) => {
      const filter = v3Filter(ctx);
      sendJson(ctx.res, 200, latestProcesses(findApp(ctx).processes, filter).map(processV3View));
    },
  },
  {
    method: 'GET',
    pattern: '/processes/v3/apps/:appId/processes/count',
    handle: (ctx) => {
      const filter = v3Filter(ctx);
      sendJson(ctx.res, 200, { count: filterProcesses(findApp(ctx).processes, filter).length });
    },
  },
  {
    method: 'GET',
    pattern: '/processes/v3/apps/:appId/processes/:processId',
    handle: (ctx) => sendJson(ctx.res, 200, processV3View(findProcess(ctx).process)),
  },
  { method: 'POST', pattern: '/processes/v3/apps/:appId/processes/:processId/stop', handle: stop },
];

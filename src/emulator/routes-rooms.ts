// Rooms of a process (R1 active, R2 inactive).
import { sendJson } from './http-io.js';
import { findProcess } from './lookup.js';
import { activeRooms, inactiveRooms } from './room-views.js';
import type { Route } from './router.js';

/** The rooms v2 routes. */
export const roomRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/rooms/v2/:appId/list/:processId/active',
    handle: (ctx) => sendJson(ctx.res, 200, activeRooms(findProcess(ctx).process, ctx.runtime.settings.readings)),
  },
  {
    method: 'GET',
    pattern: '/rooms/v2/:appId/list/:processId/inactive',
    handle: (ctx) => sendJson(ctx.res, 200, inactiveRooms(findProcess(ctx).process)),
  },
];

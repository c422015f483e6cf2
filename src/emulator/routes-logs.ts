// Log endpoints (L1 stream with tail and follow, L2 download). Bodies are raw bytes with an
// octet-stream content type, which is what the SDK's stream handler matches.
import type { RequestContext } from './context.js';
import { isTerminal } from './enums.js';
import { ApiHttpError } from './http-io.js';
import { settleProcess } from './lifecycle.js';
import { findProcess } from './lookup.js';
import { isLogExpired, processLog, renderLogLines, type LogLine } from './logs.js';
import type { ProcessState } from './model.js';
import { readFollow, readTailLines } from './query.js';
import type { Route } from './router.js';

function currentLog(ctx: RequestContext, process: ProcessState): LogLine[] {
  const { runtime } = ctx;
  return processLog(process, runtime.world.seed, {
    liveOrigin: runtime.liveOrigin,
    now: runtime.clock.now(),
    intervalMs: runtime.settings.logIntervalMs,
  });
}

function findLoggedProcess(ctx: RequestContext): ProcessState {
  const { process } = findProcess(ctx);
  if (isLogExpired(process, ctx.runtime.clock.now())) throw new ApiHttpError(410, `Logs for process ${process.processId} have expired`);
  return process;
}

function streamLogs(ctx: RequestContext): void {
  const tailLines = readTailLines(ctx.query);
  const follow = readFollow(ctx.query);
  const process = findLoggedProcess(ctx);
  const { res, runtime } = ctx;
  const lines = currentLog(ctx, process);
  res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
  res.write(renderLogLines(lines.slice(-tailLines)));
  if (!follow || isTerminal(process.status)) {
    res.end();
    return;
  }
  // Following: each tick sends what the log gained since the last one, and the stream ends once
  // the process has stopped.
  let sent = lines.length;
  const timer = setInterval(() => {
    const at = runtime.clock.now();
    runtime.life.advanceTo(at);
    settleProcess(process, at);
    const now = currentLog(ctx, process);
    if (now.length > sent) res.write(renderLogLines(now.slice(sent)));
    sent = now.length;
    if (isTerminal(process.status)) finish();
  }, runtime.settings.logIntervalMs);
  const finish = (): void => {
    clearInterval(timer);
    runtime.openStreams.delete(finish);
    if (!res.writableEnded) res.end();
  };
  runtime.openStreams.add(finish);
  res.on('close', finish);
}

function downloadLog(ctx: RequestContext): void {
  const process = findLoggedProcess(ctx);
  if (!isTerminal(process.status)) {
    throw new ApiHttpError(400, `Process ${process.processId} is still ${process.status}; only the log of a stopped process can be downloaded`);
  }
  const body = renderLogLines(currentLog(ctx, process));
  ctx.res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': Buffer.byteLength(body) });
  ctx.res.end(body);
}

/** The logs v1 routes. */
export const logRoutes: Route[] = [
  { method: 'GET', pattern: '/logs/v1/:appId/process/:processId', handle: streamLogs },
  { method: 'GET', pattern: '/logs/v1/:appId/process/:processId/download', handle: downloadLog },
];

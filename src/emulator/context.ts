// What every request handler gets: the world, the clock, the run's settings and the request itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from './clock.js';
import type { Life } from './life.js';
import type { World } from './model.js';
import type { Readings } from './readings.js';

/** Settings of one emulator run that change how handlers behave. */
export interface EmulatorSettings {
  /** Milliseconds between live log lines of a followed process. */
  logIntervalMs: number;
  /** Milliseconds from a stop request until the process is stopped. */
  stopDelayMs: number;
  /** How the emulator reads what the API leaves undocumented (readings.ts). */
  readings: Readings;
}

/** State shared by all requests of one emulator run. */
export interface EmulatorRuntime {
  world: World;
  clock: Clock;
  /** The world's own events; applied before each request is handled. */
  life: Life;
  settings: EmulatorSettings;
  /** The clock's reading when the run began: live log lines count from here. */
  liveOrigin: number;
  /** Cleanup functions of open log streams, run when the emulator closes. */
  openStreams: Set<() => void>;
  /** The scopes the token holds; a request that needs another is refused (scopes.ts). */
  scopes: readonly string[];
}

/** One request as a handler sees it. */
export interface RequestContext {
  runtime: EmulatorRuntime;
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
}

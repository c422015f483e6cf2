// Small fetch helpers shared by the emulator's unit tests.
import type { RunningEmulator } from '../../../src/emulator/server.js';

/** A response with its body read once. */
export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: unknown;
}

/** Calls the emulator with its token (or the given headers) and reads the whole answer. */
export async function call(
  emulator: RunningEmulator,
  path: string,
  init: { method?: string; headers?: Record<string, string>; auth?: boolean } = {},
): Promise<Answer> {
  const headers: Record<string, string> = init.auth === false ? {} : { Authorization: `Bearer ${emulator.token}` };
  const response = await fetch(`${emulator.url}${path}`, { method: init.method ?? 'GET', headers: { ...headers, ...init.headers } });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json };
}

/** Calls a JSON endpoint, insisting on 200 with a JSON content type, and returns the parsed body. */
export async function getJson<T = unknown>(emulator: RunningEmulator, path: string): Promise<T> {
  const answer = await call(emulator, path);
  if (answer.status !== 200 || answer.contentType !== 'application/json') {
    throw new Error(`GET ${path} answered ${answer.status} ${answer.contentType ?? ''}: ${answer.text.slice(0, 200)}`);
  }
  return answer.json as T;
}

/** A v3 process as the tests read it. */
export interface WireProcessV3 {
  processId: string;
  appId: string;
  status: string;
  region: string;
  createdAt: string;
  scheduledAt: string | null;
  bootedAt: string | null;
  startedAt: string | null;
  stoppingAt: string | null;
  terminatedAt: string | null;
  roomsAllocated: number;
  roomsPerProcess: number;
  deploymentId: string;
  exposedPort: { transportType: string; port: number; host: string; name: string } | null;
  additionalExposedPorts: { transportType: string; port: number; host: string; name: string }[];
  hosting?: string;
  fleetId?: string;
  summaryExitReason?: string;
}

/** Every process of an app, newest first, read through v3 `latest` pages chained with `before`. */
export async function allProcessesV3(emulator: RunningEmulator, appId: string, filter = ''): Promise<WireProcessV3[]> {
  const all: WireProcessV3[] = [];
  let before: number | undefined;
  for (let page = 0; page < 100; page += 1) {
    const cursor = before === undefined ? '' : `before=${before}`;
    const query = [filter, cursor].filter((part) => part !== '').join('&');
    const items = await getJson<WireProcessV3[]>(emulator, `/processes/v3/apps/${appId}/processes/latest${query === '' ? '' : `?${query}`}`);
    all.push(...items);
    if (items.length < 10) return all;
    const last = items.at(-1);
    if (last === undefined) return all;
    before = Date.parse(last.createdAt);
  }
  throw new Error('paging did not end');
}

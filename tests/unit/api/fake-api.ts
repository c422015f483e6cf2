// Shared set-up for the api tests: a MockAgent-backed client with a fake clock, recorded sleeps
// and recorded debug lines, so retry timings are exact and tests take no real time.
import { MockAgent, type MockPool } from 'undici';
import { createApiClient, type ApiClient, type ApiClientOptions } from '../../../src/api/client.js';

export const TOKEN = 'hathora_org_st_T0kenValue-for_tests';
export const ORIGIN = 'https://api.hathora.dev';
export const START = Date.UTC(2025, 5, 1, 12, 0, 0);
export const JSON_HEADERS = { 'content-type': 'application/json' };

export interface FakeApi {
  agent: MockAgent;
  pool: MockPool;
  client: ApiClient;
  debug: string[];
  sleeps: number[];
  clock: { now: number };
  /** The full URLs requested, in order. */
  urls(): string[];
  headers(index: number): Record<string, string | string[] | undefined>;
}

/** Creates a client on a MockAgent with no real network, a fixed clock and instant sleeps. */
export function fakeApi(overrides: Partial<ApiClientOptions> = {}): FakeApi {
  const agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
  const baseUrl = overrides.baseUrl ?? new URL(ORIGIN);
  const pool = agent.get(baseUrl.origin) as MockPool;
  const debug: string[] = [];
  const sleeps: number[] = [];
  const clock = { now: START };
  const client = createApiClient({
    baseUrl,
    token: TOKEN,
    userAgent: 'hproc/0.0.0-test',
    dispatcher: agent,
    debug: (line) => debug.push(line),
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
    now: () => clock.now,
    ...overrides,
  });
  return {
    agent,
    pool,
    client,
    debug,
    sleeps,
    clock,
    urls: () => agent.getCallHistory()?.calls().map((call) => call.fullUrl) ?? [],
    headers: (index) => (agent.getCallHistory()?.calls()[index]?.headers ?? {}) as Record<string, string | string[] | undefined>,
  };
}

/** Runs a promise that must reject and returns the rejection. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { exitCode?: number; hint?: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { exitCode?: number; hint?: string };
  }
  throw new Error('expected a rejection');
}

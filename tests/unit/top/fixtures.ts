// Processes for the tests of `hproc top`: deterministic, built through the real schema and normaliser.
import { readFileSync } from 'node:fs';
import { toProcessView, type ProcessView } from '../../../src/models/normalise.js';
import { ProcessV3Schema } from '../../../src/models/process-v3.js';
import { initialState, update, type TopEvent, type TopState } from '../../../src/top/state.js';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/process-v3.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The app of every test process. */
export const APP = 'app-7c1d4a2e-93b5-4f0e-8d61-2a9f4e6b3c10';

/** The clock of the tests: 2026-11-01T12:00:00Z. */
export const NOW = Date.parse('2026-11-01T12:00:00.000Z');

const REGIONS = ['London', 'Frankfurt', 'Tokyo', 'Washington_DC', 'Sao_Paulo'];
const STATUSES = ['running', 'running', 'draining', 'starting', 'running', 'stopping'];

/** A process view; `overrides` are wire fields. */
export function processView(overrides: Record<string, unknown>): ProcessView {
  return toProcessView('v3', 'ProcessV3', ProcessV3Schema.parse({ ...fixture, appId: APP, ...overrides }));
}

/** The i-th of a family of processes: ids differ in their first characters, newest first by i. */
export function nthProcess(i: number, overrides: Record<string, unknown> = {}): ProcessView {
  const hex = ((i * 2654435761) >>> 0).toString(16).padStart(8, '0');
  return processView({
    processId: `${hex}-${String(i).padStart(4, '0')}-4f96-a0e4-3c9b2d17f8a1`,
    region: REGIONS[i % REGIONS.length],
    status: STATUSES[i % STATUSES.length],
    roomsAllocated: i % 5,
    roomsPerProcess: 4 + (i % 3),
    createdAt: new Date(NOW - (i + 1) * 37 * 60_000).toISOString(),
    ...overrides,
  });
}

/** A state at the tests' clock and size. */
export function freshState(width = 80, height = 24, statuses: readonly string[] | null = null): TopState {
  return initialState({ appId: APP, intervalMs: 2000, statuses, width, height, now: NOW });
}

/** Applies events in order. */
export function apply(state: TopState, ...events: TopEvent[]): TopState {
  return events.reduce(update, state);
}

/** A key event for a printable character. */
export function char(c: string): TopEvent {
  return { type: 'key', key: { name: 'char', char: c } };
}

/** A key event for a named key. */
export function key(name: Exclude<import('../../../src/io/keys.js').Key['name'], 'char'>): TopEvent {
  return { type: 'key', key: { name } as import('../../../src/io/keys.js').Key };
}

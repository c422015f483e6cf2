// Loads the JSON fixtures of tests/fixtures/ for the model tests.
import { existsSync, readFileSync } from 'node:fs';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const SHARED_SEED = new URL('../../../../shared/fixtures/seed-process-v1.json', import.meta.url);

/** The raw text of a fixture file. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

/** A fixture parsed as JSON. */
export function fixture(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

/** A fixture parsed as a JSON object (throws when it is not one). */
export function objectFixture(name: string): Record<string, unknown> {
  const value = fixture(name);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${name} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** The shared seed process, when the shared folder sits next to the repository; undefined otherwise. */
export function sharedSeedText(): string | undefined {
  return existsSync(SHARED_SEED) ? readFileSync(SHARED_SEED, 'utf8') : undefined;
}

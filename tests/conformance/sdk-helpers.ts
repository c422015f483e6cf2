// Shared pieces of the SDK conformance tests: a client per emulator and checks that go beyond
// "did not throw".
import assert from 'node:assert/strict';
import { HathoraCloud } from '@hathora/cloud-sdk-typescript';
import { ApiError } from '@hathora/cloud-sdk-typescript/models/errors/index.js';
import type { RunningEmulator } from '../../src/emulator/server.js';

/** An SDK client pointed at the emulator, with its token (or another one). */
export function sdkFor(emulator: RunningEmulator, token: string = emulator.token, appId?: string): HathoraCloud {
  return new HathoraCloud({ hathoraDevToken: token, serverURL: emulator.url, ...(appId === undefined ? {} : { appId }) });
}

/** Asserts that `call` fails with the SDK's ApiError (so status and body were what the SDK expects). */
export async function expectApiError(call: Promise<unknown>, status: number): Promise<ApiError> {
  let caught: unknown;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ApiError, `expected ApiError ${status}, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`);
  assert.equal(caught.statusCode, status);
  assert.equal(typeof caught.data$.message, 'string');
  assert.notEqual(caught.data$.message, '');
  assert.match(caught.contentType, /^application\/json/);
  return caught;
}

/** Reads the raw JSON the emulator sends for `path`, to compare with what the SDK made of it. */
export async function rawJson(emulator: RunningEmulator, path: string): Promise<unknown> {
  const response = await fetch(`${emulator.url}${path}`, { headers: { Authorization: `Bearer ${emulator.token}` } });
  assert.equal(response.status, 200, path);
  return response.json();
}

/**
 * Asserts that the SDK kept every key the emulator sent. The SDK's models silently drop keys they
 * do not know, so a key that vanished means the emulator sent a field the API does not have.
 */
export function assertSameKeys(raw: unknown, parsed: unknown, where: string): void {
  if (Array.isArray(raw)) {
    assert.ok(Array.isArray(parsed), where);
    assert.equal(parsed.length, raw.length, where);
    raw.forEach((item, i) => assertSameKeys(item, parsed[i], `${where}[${i}]`));
    return;
  }
  if (raw === null || typeof raw !== 'object') return;
  assert.ok(parsed !== null && typeof parsed === 'object', where);
  const rawKeys = Object.keys(raw).sort();
  assert.deepEqual(Object.keys(parsed).sort(), rawKeys, where);
  for (const key of rawKeys) {
    const value = (parsed as Record<string, unknown>)[key];
    if (value instanceof Date) continue;
    assertSameKeys((raw as Record<string, unknown>)[key], value, `${where}.${key}`);
  }
}

/** Converts an SDK-parsed value back to wire form (Dates to ISO strings) for exact comparisons. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toWire(item)]));
  }
  return value;
}

/** Reads a byte stream to the end as UTF-8 text. */
export async function readStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

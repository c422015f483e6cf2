// Loaded by commands to validate flags before anything heavy: keep this file free of imports
// other than the error classes.
import { UsageError } from '../errors.js';

// Lenient about the real shapes (app-<uuid>, bare UUIDs) but strict about the alphabet, so that no
// value can change the meaning of a URL: no `/`, `?`, `#`, `%`, whitespace or control characters.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Checks that an id may be used as one URL path segment and returns it unchanged; throws UsageError otherwise. */
export function validatePathSegment(kind: string, value: string): string {
  // `.`/`..` cannot pass the first-character rule; the explicit check keeps that true if the
  // pattern is ever loosened.
  if (typeof value !== 'string' || value === '.' || value === '..' || !SEGMENT.test(value)) {
    throw new UsageError(`invalid ${kind} ${JSON.stringify(shorten(String(value)))}`, {
      hint: `a ${kind} is 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    });
  }
  return value;
}

/** Tells whether a value would pass validatePathSegment, without throwing (for ids that come from the server). */
export function isValidPathSegment(value: unknown): value is string {
  return typeof value === 'string' && value !== '.' && value !== '..' && SEGMENT.test(value);
}

/** Validates an application id such as `app-af469a92-5b45-4565-b3c4-b79878de67d2`. */
export function validateAppId(value: string): string {
  return validatePathSegment('app id', value);
}

/** Validates a process id such as `cbfcddd2-0006-43ae-996c-995fff7bed2e`. */
export function validateProcessId(value: string): string {
  return validatePathSegment('process id', value);
}

/** Encodes a validated id for a URL path; encoding is a no-op for the allowed alphabet, and kept so that a looser pattern stays safe. */
export function encodePathSegment(kind: string, value: string): string {
  return encodeURIComponent(validatePathSegment(kind, value));
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

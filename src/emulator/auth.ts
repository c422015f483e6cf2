// Bearer-token check. The scheme name is case-insensitive (as in HTTP); the token is compared in
// constant time so the emulator does not teach clients to rely on timing.
import { timingSafeEqual } from 'node:crypto';

/** Tells whether an `Authorization` header carries exactly `Bearer <token>`. */
export function isAuthorized(header: string | undefined, token: string): boolean {
  if (header === undefined) return false;
  const match = /^bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) return false;
  const given = Buffer.from(match[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

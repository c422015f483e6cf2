// Loaded by commands before any request is built: keep this file free of heavy imports.
import { AuthError, UsageError } from '../errors.js';

/** The production API base URL, used when neither a flag nor the environment names one. */
export const DEFAULT_ENDPOINT = 'https://api.hathora.dev';

/** The hint shown whenever no usable token was found. */
export const TOKEN_HINT = 'set HATHORA_TOKEN or pass --token';

/** Picks the API base URL (flag, then environment, then the default) and checks it is safe to send a token to. */
export function resolveEndpoint(flag?: string, env?: string): URL {
  const value = firstNonEmpty(flag, env) ?? DEFAULT_ENDPOINT;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`invalid API endpoint ${JSON.stringify(shorten(value))}`, {
      hint: 'use a URL such as https://api.hathora.dev',
    });
  }
  if (url.username !== '' || url.password !== '') {
    // Not echoed: the user part may be a password.
    throw new UsageError('the API endpoint must not contain a user name or password');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`unsupported API endpoint scheme ${JSON.stringify(url.protocol.slice(0, -1))}`, {
      hint: 'use an https:// URL',
    });
  }
  if (url.search !== '' || url.hash !== '') {
    throw new UsageError('the API endpoint must not contain a query or fragment');
  }
  // The token must never travel in clear text over a real network; loopback is allowed for local
  // servers and tests.
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new UsageError(`refusing to send the token over plain http to ${url.host}`, {
      hint: 'use https://, or http:// only for localhost or 127.0.0.1',
    });
  }
  // The SDK strips trailing slashes from the base before appending an operation path; do the same
  // so that `http://host/mock/` + `/processes/...` has no `//`.
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/** Tells whether a URL host name (as `URL.hostname` spells it) is a loopback address. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]') return true;
  // WHATWG URL parsing has already normalised IPv4 literals (e.g. `127.1`) to dotted quads.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Picks the token (flag, then environment, then a stored one), trims one trailing line break and
 * rejects anything that could not be sent as a header; never echoes the token.
 */
export function resolveToken(flag?: string, env?: string, stored?: string): string {
  const raw = firstNonEmpty(flag, env, stored);
  if (raw === undefined) {
    throw new AuthError('no Hathora token', { hint: TOKEN_HINT });
  }
  const token = raw.replace(/\r?\n$/, '');
  if (token === '') {
    throw new AuthError('no Hathora token', { hint: TOKEN_HINT });
  }
  checkTokenCharacters(token);
  return token;
}

/** Throws AuthError when a token holds anything but printable ASCII (a `Bearer ` prefix is allowed); the message never contains the token. */
export function checkTokenCharacters(token: string): void {
  // A token that already carries its scheme is sent unchanged, like the SDK does.
  const credential = /^bearer /i.test(token) ? token.slice(7) : token;
  // Printable ASCII without space: anything else is a copy-paste accident, and Node's own header
  // errors would echo the value.
  if (credential === '' || !/^[\x21-\x7e]+$/.test(credential)) {
    throw new AuthError('token contains invalid characters', {
      hint: 'check the token for spaces, line breaks or other stray characters',
    });
  }
}

function firstNonEmpty(...values: (string | undefined)[]): string | undefined {
  return values.find((value) => value !== undefined && value !== '');
}

function shorten(text: string): string {
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

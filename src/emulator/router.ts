// A minimal router: exact paths with `:name` segments. Literal segments win over parameters, so
// `/processes/latest` is never read as a process called "latest".
import type { RequestContext } from './context.js';

/** An HTTP method the emulator serves. */
export type Method = 'GET' | 'POST';

/** One endpoint: a method, a path pattern and its handler. */
export interface Route {
  method: Method;
  pattern: string;
  handle(ctx: RequestContext): void | Promise<void>;
}

/** The outcome of matching a request path. */
export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: Method[] }
  | { kind: 'not-found' };

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/').slice(1);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i] ?? '';
    const segment = segments[i] ?? '';
    if (part.startsWith(':')) {
      if (segment === '') return undefined;
      params[part.slice(1)] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

function literalCount(pattern: string): number {
  return pattern.split('/').filter((part) => part !== '' && !part.startsWith(':')).length;
}

/** Finds the route for `method` and `pathname`; path segments are percent-decoded. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  let segments: string[];
  try {
    segments = pathname.split('/').slice(1).map((segment) => decodeURIComponent(segment));
  } catch {
    return { kind: 'not-found' };
  }
  const candidates = routes
    .map((route) => ({ route, params: matchPattern(route.pattern, segments) }))
    .filter((candidate): candidate is { route: Route; params: Record<string, string> } => candidate.params !== undefined)
    .sort((a, b) => literalCount(b.route.pattern) - literalCount(a.route.pattern));
  const best = candidates[0];
  if (best === undefined) return { kind: 'not-found' };
  // Only routes as specific as the best one count: GET /processes/latest must not be answered as a
  // wrong-method call of some `:processId` route, and vice versa.
  const specific = candidates.filter((candidate) => literalCount(candidate.route.pattern) === literalCount(best.route.pattern));
  const exact = specific.find((candidate) => candidate.route.method === method);
  if (exact !== undefined) return { kind: 'found', route: exact.route, params: exact.params };
  return { kind: 'wrong-method', allowed: [...new Set(specific.map((candidate) => candidate.route.method))] };
}

// Token scopes. The API says which scopes exist (the SDK's Scope enum) and that an organisation
// lists the scopes its caller holds, but not which scope each endpoint needs; the emulator reads
// the natural one from the path's first segment. With `hproc emulator --scopes`, a request that
// needs a scope the token lacks is refused with 403, so hproc's message for it can be seen.

/** Every scope the API knows (the SDK's Scope enum), in its order. */
export const ALL_SCOPES = [
  'billing:read-write',
  'builds:read',
  'builds:read-write',
  'deployments:read',
  'deployments:read-write',
  'applications:read',
  'applications:read-write',
  'processes:read',
  'processes:read-write',
  'fleets:read',
  'fleets:read-write',
  'orgs:read',
  'orgs:read-write',
  'tokens:read',
  'tokens:read-write',
  'tickets:read',
  'tickets:read-write',
  'load-balancer:access',
] as const;

const AREA_OF_SEGMENT: Readonly<Record<string, string>> = {
  processes: 'processes',
  logs: 'processes',
  metrics: 'processes',
  rooms: 'processes',
  apps: 'applications',
  deployments: 'deployments',
  fleets: 'fleets',
  nodes: 'fleets',
  orgs: 'orgs',
  tokens: 'tokens',
};

/** The scope a request needs (reads `…:read`, writes `…:read-write`), or null for paths no scope covers. */
export function scopeNeeded(method: string, pathname: string): string | null {
  const area = AREA_OF_SEGMENT[pathname.split('/')[1] ?? ''];
  if (area === undefined) return null;
  return `${area}:${method === 'GET' ? 'read' : 'read-write'}`;
}

/** Whether `held` covers `needed`: a read-write scope covers the read of the same area. */
export function holdsScope(held: readonly string[], needed: string): boolean {
  if (held.includes(needed)) return true;
  return needed.endsWith(':read') && held.includes(`${needed}-write`);
}

/** Parses the `--scopes` value: a comma-separated list of known scopes; throws on an unknown one. */
export function parseScopes(text: string): string[] {
  const scopes = text.split(',').map((scope) => scope.trim()).filter((scope) => scope !== '');
  for (const scope of scopes) {
    if (!(ALL_SCOPES as readonly string[]).includes(scope)) throw new Error(`unknown scope '${scope}'; known: ${ALL_SCOPES.join(', ')}`);
  }
  return scopes;
}

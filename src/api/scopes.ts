// Which token scope a request needs. The API lists the scopes (the SDK's Scope enum) but says for no
// endpoint which one it needs; hproc's reading follows the path's first segment, reads needing
// `…:read` and writes `…:read-write` (hathora-api.md §9.5). Used only to word a refusal.

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

/** The scope hproc reads a request as needing, or null for a path outside every known area. */
export function scopeFor(method: string, apiPath: string): string | null {
  const area = AREA_OF_SEGMENT[apiPath.split('/')[1] ?? ''];
  if (area === undefined) return null;
  return `${area}:${method === 'GET' ? 'read' : 'read-write'}`;
}

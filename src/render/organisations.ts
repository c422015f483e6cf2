// The organisation lines of `hproc auth status --check`: which organisation the token belongs to
// and the scopes it holds there, as the API tells them.
import type { Organization } from '../models/organization.js';

/** A line of `auth status`: label, value and, optionally, where the value came from. */
export type FieldRow = [string, string, string?];

/** One `org` line per organisation of the token (its name and id), each followed by its `scopes` line. */
export function organisationRows(orgs: readonly Organization[]): FieldRow[] {
  if (orgs.length === 0) return [['org', 'none: the API lists no organisation for this token']];
  return orgs.flatMap((org): FieldRow[] => [
    ['org', org.name === undefined ? org.orgId : `${org.name} (${org.orgId})`],
    ['scopes', org.scopes.length === 0 ? 'none listed' : org.scopes.join(', ')],
  ]);
}

// The deprecation registry as plain data. Schemas (lenient parsing), renderers (markers), warnings
// and the field explainer all read it, so which fields are deprecated is decided here only.
// No zod here: renderers import this on paths that never validate anything.

/** The process models whose fields the registry describes. */
export type ProcessModelName = 'Process' | 'ProcessWithRooms' | 'ProcessV2' | 'ProcessV3';

/** Every model the registry describes: the process models and the deprecated v1 metrics answer. */
export type DeprecationModelName = ProcessModelName | 'DeprecatedProcessMetricsData';

/** What hproc knows about one field's deprecation or supersession. */
export interface Deprecation {
  /** True when the API flags the field deprecated; false for fields that are merely superseded. */
  readonly deprecated: boolean;
  /** What to use instead, in words; null when nothing replaces it. */
  readonly replacement: string | null;
  /** One sentence for help texts and the field explainer. */
  readonly note: string;
}

const host = {
  deprecated: true,
  replacement: 'exposedPort.host',
  note: 'Old copy of the main host; exposedPort may be null, in which case there is no host yet.',
} as const satisfies Deprecation;
const port = {
  deprecated: true,
  replacement: 'exposedPort.port',
  note: 'Old copy of the main port, typed as a fractional number; exposedPort.port is an integer.',
} as const satisfies Deprecation;
const activeConnections = {
  deprecated: true,
  replacement: 'activeConnections metric (v3 metrics)',
  note: 'Take the most recent sample of the v3 activeConnections metric; the v1 metric active_connections is deprecated too.',
} as const satisfies Deprecation;
const activeConnectionsUpdatedAt = {
  deprecated: true,
  replacement: 'timestamp of the latest activeConnections metric sample',
  note: 'Only approximate: metric samples are bucketed by the requested step.',
} as const satisfies Deprecation;
const roomSlotsAvailable = {
  deprecated: true,
  replacement: 'roomsPerProcess − roomsAllocated',
  note: 'Both operands exist in every generation and are not deprecated.',
} as const satisfies Deprecation;
const roomSlotsAvailableUpdatedAt = {
  deprecated: true,
  replacement: 'roomsAllocatedUpdatedAt',
  note: 'Available in v1 only; v2 and v3 have no replacement.',
} as const satisfies Deprecation;
const idleSince = {
  deprecated: true,
  replacement: null,
  note: 'No replacement: a process with no rooms allocated and no active connections is idle, and is stopped after 5 idle minutes when the deployment enables the idle timeout.',
} as const satisfies Deprecation;

const draining = {
  deprecated: false,
  replacement: 'status == "draining" (v2/v3)',
  note: 'Not deprecated, but v2 and v3 express it as a process status.',
} as const satisfies Deprecation;
const startingAt = {
  deprecated: false,
  replacement: 'createdAt (v2/v3)',
  note: 'Not deprecated; the same instant is called createdAt in v2 and v3.',
} as const satisfies Deprecation;
const egressedBytes = {
  deprecated: false,
  replacement: 'totalEgress / rateEgress metrics (v3 metrics)',
  note: 'Not deprecated, but v2 and v3 processes carry no egress field; use the metrics endpoint.',
} as const satisfies Deprecation;
const intDeploymentId = {
  deprecated: false,
  replacement: 'deploymentId of ProcessV3 (string)',
  note: 'Not deprecated, but the numeric id is invalid once the app uses v3 deployments.',
} as const satisfies Deprecation;
const rooms = {
  deprecated: false,
  replacement: 'active/inactive rooms of the process (rooms v2)',
  note: 'Not deprecated; only the deprecated v1 running list embeds rooms.',
} as const satisfies Deprecation;
const totalRooms = {
  deprecated: false,
  replacement: 'active/inactive rooms of the process (rooms v2)',
  note: 'Not deprecated and undocumented; it need not equal the number of embedded rooms.',
} as const satisfies Deprecation;

// Deprecated fields first, in the order of the API reference's replacement table, so that
// deprecatedFieldsPresent() lists them in a stable, documented order.
const processV1 = {
  host,
  port,
  activeConnections,
  activeConnectionsUpdatedAt,
  roomSlotsAvailable,
  roomSlotsAvailableUpdatedAt,
  idleSince,
  draining,
  startingAt,
  egressedBytes,
  deploymentId: intDeploymentId,
} as const;

// The whole v1 metrics endpoint is deprecated; each of its series has a v3 twin under a camelCase name.
const v1Metric = (replacement: string) =>
  ({
    deprecated: true,
    replacement: `${replacement} of the v3 metrics (ProcessMetricsData)`,
    note: 'The v1 metrics endpoint is deprecated and sends snake_case keys; the v3 endpoint has the same series.',
  }) as const satisfies Deprecation;
const deprecatedProcessMetricsData = {
  active_connections: v1Metric('activeConnections'),
  total_egress: v1Metric('totalEgress'),
  rate_egress: v1Metric('rateEgress'),
  memory: v1Metric('memory'),
  cpu: v1Metric('cpu'),
} as const;

/** Per model, the fields that are deprecated or superseded; fields not listed need no hint. */
// Literal types are kept (no widening annotation) so that schemas can derive, at the type level,
// which keys they parse leniently.
export const DEPRECATIONS = {
  Process: processV1,
  ProcessWithRooms: { ...processV1, rooms, totalRooms },
  ProcessV2: { deploymentId: intDeploymentId },
  ProcessV3: {},
  DeprecatedProcessMetricsData: deprecatedProcessMetricsData,
} as const satisfies Readonly<Record<DeprecationModelName, Readonly<Record<string, Deprecation>>>>;

/** The names of the fields of model `M` that the API flags deprecated, as a type. */
export type DeprecatedField<M extends DeprecationModelName> = {
  [F in keyof (typeof DEPRECATIONS)[M]]: (typeof DEPRECATIONS)[M][F] extends { deprecated: true } ? F : never;
}[keyof (typeof DEPRECATIONS)[M]] &
  string;

/** The registry entry of `field` in `model`, or null when the field needs no deprecation hint. */
export function deprecationOf(model: DeprecationModelName, field: string): Deprecation | null {
  const entries: Readonly<Record<string, Deprecation>> = DEPRECATIONS[model];
  return Object.hasOwn(entries, field) ? (entries[field] ?? null) : null;
}

/** The fields of `model` that the API flags deprecated, in registry order. */
export function deprecatedFieldsOf(model: DeprecationModelName): string[] {
  const entries: Readonly<Record<string, Deprecation>> = DEPRECATIONS[model];
  return Object.entries(entries)
    .filter(([, entry]) => entry.deprecated)
    .map(([field]) => field);
}

/** Which deprecated fields of `model` appear as keys of a raw JSON object, in registry order. */
export function deprecatedFieldsPresent(model: DeprecationModelName, raw: unknown): string[] {
  // Raw JSON, not parsed models: the deprecation notes must reflect what the server actually sent.
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  return deprecatedFieldsOf(model).filter((field) => Object.hasOwn(raw, field));
}

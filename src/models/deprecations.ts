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
  /** What hproc suggests using instead, in words; null when it knows nothing. The API names no replacement for any field. */
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
  note: 'Take the most recent sample of the v3 activeConnections metric; the v1 series active_connections is no alternative: the v1 metrics operation is deprecated, though the series carries no flag of its own.',
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

// The API flags the v1 metrics *operation* deprecated (see DEPRECATED_OPERATIONS), not its series:
// each series is merely superseded by its v3 twin under a camelCase name.
const v1Metric = (replacement: string) =>
  ({
    deprecated: false,
    replacement: `${replacement} of the v3 metrics (ProcessMetricsData)`,
    note: 'Not flagged itself; the v1 metrics operation that sends it is deprecated, and the v3 operation has the same series.',
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

/** An API operation hproc calls that the API flags deprecated, with what hproc suggests instead. */
export interface OperationDeprecation {
  /** The operation (or group of operations) in words. */
  readonly operation: string;
  /** hproc's suggestion (the API names none), in words. */
  readonly suggestion: string;
}

/**
 * The operations hproc calls that the API flags deprecated (the SDK marks them; whole groups
 * processesV1, processesV2, metricsV1). hproc's other operations (processes v3, logs v1, rooms v2,
 * apps v2, deployments v3, fleets, organisations) carry no flag.
 */
export const DEPRECATED_OPERATIONS = {
  metricsV1: { operation: 'the v1 metrics operation', suggestion: 'the v3 metrics operation (the default of hproc metrics)' },
  processesV1: { operation: 'the v1 process operations', suggestion: 'the v3 process operations (the default --api v3)' },
  processesV2: { operation: 'the v2 process operations', suggestion: 'the v3 process operations (the default --api v3)' },
} as const satisfies Readonly<Record<string, OperationDeprecation>>;

/** The words every shown replacement carries: the API names none, so each is hproc's. */
export function suggestionWords(replacement: string | null): string {
  return replacement === null ? 'hproc knows no replacement' : `hproc suggests ${replacement}`;
}

const OPERATION_OF_MODEL: Readonly<Partial<Record<DeprecationModelName, keyof typeof DEPRECATED_OPERATIONS>>> = {
  Process: 'processesV1',
  ProcessWithRooms: 'processesV1',
  ProcessV2: 'processesV2',
  DeprecatedProcessMetricsData: 'metricsV1',
};

/** The deprecated operation that returns `model`, or null when the operations returning it carry no flag. */
export function operationDeprecationOf(model: string): OperationDeprecation | null {
  const key = Object.hasOwn(OPERATION_OF_MODEL, model) ? OPERATION_OF_MODEL[model as DeprecationModelName] : undefined;
  return key === undefined ? null : DEPRECATED_OPERATIONS[key];
}

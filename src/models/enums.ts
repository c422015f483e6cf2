// Known values of the API's string enums. The API treats every enum as open (any string may arrive),
// so these lists describe what we know, never what we accept. No zod here: flag validation and
// field metadata import this file on the start-up path.

/** Regions the API knows today, spelled exactly as on the wire. */
export const REGIONS = [
  'Seattle',
  'Los_Angeles',
  'Washington_DC',
  'Chicago',
  'London',
  'Frankfurt',
  'Mumbai',
  'Singapore',
  'Tokyo',
  'Sydney',
  'Sao_Paulo',
  'Dallas',
  'Johannesburg',
  'Dubai',
] as const;

/** Lifecycle states of a v2/v3 process. */
export const PROCESS_STATUSES = ['starting', 'running', 'draining', 'stopping', 'stopped', 'failed'] as const;

/** The process states in which a process still holds capacity (everything before it has ended). */
export const ACTIVE_PROCESS_STATUSES = ['starting', 'running', 'draining', 'stopping'] as const;

/** Transport protocols of an exposed or container port. */
export const TRANSPORT_TYPES = ['tcp', 'udp', 'tls'] as const;

/** Kinds of capacity a v3 process can run on. */
export const HOSTINGS = ['metal', 'cloud', 'shared'] as const;

/** Room states (the older `suspended` may still arrive as an unknown value). */
export const ROOM_STATUSES = ['scheduling', 'active', 'destroyed'] as const;

/** Metric names of the current (v3) metrics endpoint, camelCase as on the wire. */
export const PROCESS_METRIC_NAMES = [
  'cpu',
  'memory',
  'rateEgress',
  'totalEgress',
  'activeConnections',
  'gpuMemory',
  'gpuUtilization',
] as const;

/** Metric names of the deprecated v1 metrics endpoint, snake_case as on the wire. */
export const DEPRECATED_PROCESS_METRIC_NAMES = [
  'cpu',
  'memory',
  'rate_egress',
  'total_egress',
  'active_connections',
] as const;

/** A known region name. */
export type Region = (typeof REGIONS)[number];
/** A known process status. */
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];
/** A known status of a process that has not ended. */
export type ActiveProcessStatus = (typeof ACTIVE_PROCESS_STATUSES)[number];
/** A known transport type. */
export type TransportType = (typeof TRANSPORT_TYPES)[number];
/** A known hosting kind. */
export type Hosting = (typeof HOSTINGS)[number];
/** A known room status. */
export type RoomStatus = (typeof ROOM_STATUSES)[number];
/** A known v3 metric name. */
export type ProcessMetricName = (typeof PROCESS_METRIC_NAMES)[number];
/** A known v1 (deprecated) metric name. */
export type DeprecatedProcessMetricName = (typeof DEPRECATED_PROCESS_METRIC_NAMES)[number];

/** A value of an open enum: one of the known values or any other string the API may send. */
// `string & {}` keeps editor completion for the known values while still admitting any string.
export type OpenEnum<T extends string> = T | (string & {});

/** Whether `value` is one of the known values in `list` (exact, case-sensitive match). */
export function isKnown<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** The v1 fleet node shapes the API knows (`Fleet.nodeShape`); read as `cpu-<vCPUs>-<GB>`, `gpu-<model>-<GPUs>-<vCPUs>-<GB>`. */
export const NODE_SHAPES = [
  'cpu-4-8', 'cpu-8-16', 'cpu-16-32', 'cpu-32-64', 'cpu-64-128', 'cpu-4-16', 'cpu-8-32', 'cpu-16-64', 'cpu-32-128',
  'gpu-l4-1-4-16', 'gpu-l4-1-12-48', 'gpu-l4-2-24-96', 'gpu-l4-4-48-192', 'gpu-l4-8-96-384',
  'gpu-h100-1-26-234', 'gpu-h100-2-52-468', 'gpu-h100-4-104-936', 'gpu-h100-8-208-1872', 'gpu-h100-1-28-180', 'gpu-h100-2-60-360',
  'gpu-h100-4-124-720', 'gpu-h100-8-252-1440', 'gpu-h100-8-192-1800', 'gpu-h100-8-192-960', 'gpu-h100-1-16-200', 'gpu-h100-8-128-1600',
  'gpu-h200-1-16-200', 'gpu-h200-8-128-1600',
] as const;

/** Token scopes the API knows (the SDK's Scope enum). */
export const SCOPES = [
  'billing:read-write', 'builds:read', 'builds:read-write', 'deployments:read', 'deployments:read-write', 'applications:read',
  'applications:read-write', 'processes:read', 'processes:read-write', 'fleets:read', 'fleets:read-write', 'orgs:read',
  'orgs:read-write', 'tokens:read', 'tokens:read-write', 'tickets:read', 'tickets:read-write', 'load-balancer:access',
] as const;

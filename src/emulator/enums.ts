// The emulator keeps its own copy of the API's enums on purpose: sharing the client's list would let
// one mistake pass on both sides of the wire unnoticed.

/** Every region the API knows, spelled exactly as on the wire. */
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

/** A region name as the API spells it. */
export type Region = (typeof REGIONS)[number];

/** Lifecycle states of a process as v2 and v3 report them. */
export const PROCESS_STATUSES = ['starting', 'running', 'draining', 'stopping', 'stopped', 'failed'] as const;

/** A v2/v3 process status. */
export type ProcessStatus = (typeof PROCESS_STATUSES)[number];

/** Kinds of capacity a v3 process may run on. */
export const HOSTINGS = ['metal', 'cloud', 'shared'] as const;

/** A v3 hosting kind. */
export type Hosting = (typeof HOSTINGS)[number];

/** Metric names accepted by the v3 metrics endpoint (camelCase). */
export const PROCESS_METRIC_NAMES = [
  'cpu',
  'memory',
  'rateEgress',
  'totalEgress',
  'activeConnections',
  'gpuMemory',
  'gpuUtilization',
] as const;

/** A v3 metric name. */
export type ProcessMetricName = (typeof PROCESS_METRIC_NAMES)[number];

/** Metric names accepted by the deprecated v1 metrics endpoint (snake_case). */
export const DEPRECATED_METRIC_NAMES = ['cpu', 'memory', 'rate_egress', 'total_egress', 'active_connections'] as const;

/** A v1 metric name. */
export type DeprecatedMetricName = (typeof DEPRECATED_METRIC_NAMES)[number];

/** Tells whether a process has ended (the v1 stopped list holds exactly these). */
export function isTerminal(status: ProcessStatus): boolean {
  return status === 'stopped' || status === 'failed';
}

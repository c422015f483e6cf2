// What each wire field means, for the field explainer. Presence and nullability describe the API's
// declaration (not hproc's leniency); deprecation lives in deprecations.ts. No zod here: explaining
// a field must not pay for loading the validator. A unit test keeps these field lists equal to the
// schemas' keys.
import type { ApiGeneration } from './normalise.js';

/** Documentation of one wire field. */
export interface FieldDoc {
  /** The wire type in short form: `timestamp`, `int`, `number`, `string`, `boolean`, an enum or model name, `T[]`. */
  readonly type: string;
  /** Whether the API may send `null`. */
  readonly nullable: boolean;
  /** Whether the API always sends the key. */
  readonly required: boolean;
  /** The process API generations in which this field (by this name and type) exists. */
  readonly generations: readonly ApiGeneration[];
  /** What the field means, in one or two sentences. */
  readonly meaning: string;
}

/** The models the explainer knows about. */
export type DocumentedModel =
  | 'Process'
  | 'ProcessWithRooms'
  | 'ProcessV2'
  | 'ProcessV3'
  | 'ExposedPort'
  | 'RoomWithoutAllocations'
  | 'RoomAllocation'
  | 'MetricValue'
  | 'ProcessMetricsData'
  | 'DeprecatedProcessMetricsData'
  | 'DeploymentV3'
  | 'ContainerPort';

const ALL: readonly ApiGeneration[] = ['v1', 'v2', 'v3'];
const V1: readonly ApiGeneration[] = ['v1'];
const V1_V2: readonly ApiGeneration[] = ['v1', 'v2'];
const V2_V3: readonly ApiGeneration[] = ['v2', 'v3'];
const V3: readonly ApiGeneration[] = ['v3'];
const V1_V3: readonly ApiGeneration[] = ['v1', 'v3'];

function field(type: string, nullable: boolean, required: boolean, generations: readonly ApiGeneration[], meaning: string): FieldDoc {
  return { type, nullable, required, generations, meaning };
}

// Fields with the same meaning in several models are written once.
const processId = field('string', false, true, ALL, 'Unique id of the process (UUID-like).');
const appId = field('string', false, true, ALL, 'Id of the application the process belongs to (`app-…`).');
const region = field('Region', false, true, ALL, 'Region the process runs in. An unknown region name is shown as sent.');
const intDeploymentId = field(
  'int',
  false,
  true,
  V1_V2,
  'Numeric deployment version, one higher for each new deployment; no longer valid once the app uses v3 deployments.',
);
const roomsAllocated = field('int', false, true, ALL, 'Number of rooms currently placed on the process.');
const roomsPerProcess = field('int', false, true, ALL, 'How many rooms the process can hold, set by its deployment.');
const startedAt = field(
  'timestamp',
  true,
  true,
  ALL,
  'When the game server bound its port and became reachable; null until then. v1/v2 say billing starts here.',
);
const stoppingAt = field('timestamp', true, true, ALL, 'When a stop was requested; null while no stop is pending. v1/v2 say billing stops here.');
const terminatedAt = field('timestamp', true, true, ALL, 'When the process ended; null while it is still alive.');
const exposedPort = field('ExposedPort', true, true, ALL, 'Main public endpoint players connect to; null while the process is not reachable.');
const additionalExposedPorts = field('ExposedPort[]', false, true, ALL, 'Extra public endpoints (often empty).');
const createdAt = field('timestamp', false, true, V2_V3, 'When provisioning of the process began (v1 calls it startingAt).');
const status = field(
  'ProcessStatus',
  false,
  true,
  V2_V3,
  'Lifecycle state: starting, running, draining, stopping, stopped or failed. An unknown state is shown as sent.',
);

const processV1: Readonly<Record<string, FieldDoc>> = {
  egressedBytes: field('int', false, true, V1, 'Bytes the process has sent out so far.'),
  idleSince: field('timestamp', true, true, V1, 'Since when the process has had nothing to do; null when it is busy.'),
  activeConnectionsUpdatedAt: field('timestamp', false, true, V1, 'When activeConnections was last refreshed.'),
  activeConnections: field('int', false, true, V1, 'Number of active connections to the process (it counts connections, not players).'),
  roomsAllocatedUpdatedAt: field('timestamp', false, true, V1, 'When roomsAllocated was last refreshed.'),
  roomsAllocated,
  roomSlotsAvailableUpdatedAt: field('timestamp', false, true, V1, 'When roomSlotsAvailable was last refreshed.'),
  roomSlotsAvailable: field('number', false, true, V1, 'How many more rooms the process could take (sent as a fractional number).'),
  draining: field('boolean', false, true, V1, 'True when the process accepts no new rooms and will stop once its rooms end.'),
  terminatedAt,
  stoppingAt,
  startedAt,
  startingAt: field('timestamp', false, true, V1, 'When provisioning of the process began (v2/v3 call it createdAt).'),
  roomsPerProcess,
  additionalExposedPorts,
  exposedPort,
  port: field('number', false, true, V1, 'Main public port, an older copy of exposedPort.port (sent as a fractional number).'),
  host: field('string', false, true, V1, 'Main public host, an older copy of exposedPort.host.'),
  region,
  processId,
  deploymentId: intDeploymentId,
  appId,
};

/** Field documentation per model, in wire order. */
export const FIELD_DOCS: Readonly<Record<DocumentedModel, Readonly<Record<string, FieldDoc>>>> = {
  Process: processV1,
  ProcessWithRooms: {
    ...processV1,
    rooms: field('RoomWithoutAllocations[]', false, true, V1, 'Rooms on the process, embedded only in the v1 running list.'),
    totalRooms: field('int', false, true, V1, 'A room count the API does not document; it need not equal the number of embedded rooms.'),
  },
  ProcessV2: {
    status,
    roomsAllocated,
    terminatedAt,
    stoppingAt,
    startedAt,
    createdAt,
    roomsPerProcess,
    additionalExposedPorts,
    exposedPort,
    region,
    processId,
    deploymentId: intDeploymentId,
    appId,
  },
  ProcessV3: {
    hosting: field('Hosting', false, false, V3, 'Kind of capacity the process runs on: metal, cloud or shared.'),
    status,
    roomsAllocated,
    summaryExitReason: field('string', false, false, V3, 'Short explanation of why the process exited, once it has.'),
    terminatedAt,
    stoppingAt,
    startedAt: field(
      'timestamp',
      true,
      true,
      ALL,
      'When the game server bound its port; from then on the load balancer routes to it. Null until then.',
    ),
    bootedAt: field('timestamp', true, true, V3, 'When the container image was fully pulled and the server began to boot; null before that.'),
    scheduledAt: field('timestamp', true, true, V3, 'When the process was placed on a node; null before that.'),
    createdAt,
    roomsPerProcess,
    additionalExposedPorts,
    exposedPort,
    region,
    processId,
    fleetId: field('string', false, false, V3, 'Fleet whose nodes run the process.'),
    deploymentId: field('string', false, true, V3, 'Id of the v3 deployment the process runs (`dep-…`).'),
    appId,
  },
  ExposedPort: {
    transportType: field('TransportType', false, true, ALL, 'Protocol of the endpoint: tcp, udp or tls.'),
    port: field('int', false, true, ALL, 'Public port number.'),
    host: field('string', false, true, ALL, 'Public host name.'),
    name: field('string', false, true, ALL, 'Name of the port; the main one is usually `default`.'),
  },
  // Rooms belong to processes of every generation: the rooms endpoints take any process id, and the
  // v1 running list embeds them.
  RoomWithoutAllocations: {
    currentAllocation: field('RoomAllocation', true, true, ALL, 'Where the room is placed now; null while it waits for a process.'),
    status: field('RoomStatus', false, true, ALL, 'Room state: scheduling, active or destroyed. An unknown state (such as the retired suspended) is shown as sent.'),
    roomConfig: field('string', true, false, ALL, 'Free-form configuration the room was created with, often JSON text (up to 10 000 characters).'),
    roomId: field('string', false, true, ALL, 'Unique id of the room; may be chosen by the game.'),
    appId,
  },
  RoomAllocation: {
    unscheduledAt: field('timestamp', true, true, ALL, 'When the room left the process; null while it is still there.'),
    scheduledAt: field('timestamp', false, true, ALL, 'When the room was placed on the process.'),
    processId: field('string', false, true, ALL, 'The process the room is placed on.'),
    roomAllocationId: field('string', false, true, ALL, 'Id of this placement of the room.'),
  },
  MetricValue: {
    value: field('number', false, true, V1_V3, 'The sample; the API does not document units (see hproc metrics --help for the reading hproc uses).'),
    timestamp: field('number', false, true, V1_V3, 'When the sample was taken, in Unix seconds, bucketed by the requested step.'),
  },
  ProcessMetricsData: {
    gpuMemory: field('MetricValue[]', false, false, V3, 'GPU memory in use; only on GPU processes, and only when asked for.'),
    gpuUtilization: field('MetricValue[]', false, false, V3, 'How busy the GPU is; only on GPU processes, and only when asked for.'),
    activeConnections: field('MetricValue[]', false, false, V3, 'Active connections to the process, per sample.'),
    totalEgress: field('MetricValue[]', false, false, V3, 'Bytes sent since the process started (cumulative).'),
    rateEgress: field('MetricValue[]', false, false, V3, 'Bytes sent per second.'),
    memory: field('MetricValue[]', false, false, V3, 'Memory in use.'),
    cpu: field('MetricValue[]', false, false, V3, 'CPU in use.'),
  },
  DeprecatedProcessMetricsData: {
    active_connections: field('MetricValue[]', false, false, V1, 'Active connections to the process, per sample (snake_case on the wire).'),
    total_egress: field('MetricValue[]', false, false, V1, 'Bytes sent since the process started (snake_case on the wire).'),
    rate_egress: field('MetricValue[]', false, false, V1, 'Bytes sent per second (snake_case on the wire).'),
    memory: field('MetricValue[]', false, false, V1, 'Memory in use.'),
    cpu: field('MetricValue[]', false, false, V1, 'CPU in use.'),
  },
  DeploymentV3: {
    fleetId: field('string', false, false, V3, 'Fleet whose nodes run the deployment\'s processes.'),
    deploymentTag: field('string', false, false, V3, 'Free-form label of the deployment.'),
    idleTimeoutEnabled: field('boolean', false, true, V3, 'When true, a process with no new connections or rooms for 5 minutes is stopped.'),
    env: field('DeploymentEnvVar[]', false, true, V3, 'Environment variables of the processes; hproc hides their values, which may be secrets.'),
    roomsPerProcess: field('int', false, true, V3, 'How many rooms each process can hold.'),
    additionalContainerPorts: field('ContainerPort[]', false, true, V3, 'Extra ports the game server listens on.'),
    defaultContainerPort: field('ContainerPort', false, true, V3, 'The main port the game server listens on.'),
    createdAt: field('timestamp', false, true, V3, 'When the deployment was created.'),
    createdBy: field('string', false, true, V3, 'Who created it, as an opaque string: the API does not describe its format.'),
    requestedGPU: field('number', false, false, V3, 'GPUs per process; absent means none.'),
    experimentalRequestedGPU: field('number', false, false, V3, 'The beta copy of requestedGPU.'),
    requestedMemoryMB: field('number', false, true, V3, 'Memory per process, in MB.'),
    requestedCPU: field('number', false, true, V3, 'vCPU cores per process, e.g. 0.5.'),
    deploymentId: field('string', false, true, V3, 'Id of the deployment (`dep-…`), as v3 processes carry it.'),
    buildTag: field('string', false, false, V3, 'Free-form label of the build.'),
    buildId: field('string', false, true, V3, 'Id of the build the processes run: generated by Hathora (e.g. `bld-…`) or chosen by the user when the build was created, so it has no fixed format.'),
    appId: field('string', false, true, V3, 'Id of the application (`app-…`).'),
  },
  ContainerPort: {
    transportType: field('TransportType', false, true, V3, 'Protocol: tcp, udp or tls.'),
    port: field('int', false, true, V3, 'Port number inside the container.'),
    name: field('string', false, true, V3, 'Name of the port; the main one is usually `default`.'),
  },
};

/** The documentation of field `name` in `model`, or null when the model has no such field. */
export function fieldDocOf(model: DocumentedModel, name: string): FieldDoc | null {
  const docs = FIELD_DOCS[model];
  return Object.hasOwn(docs, name) ? (docs[name] ?? null) : null;
}

/** The documented fields of `model`, in wire order. */
export function fieldsOf(model: DocumentedModel): string[] {
  return Object.keys(FIELD_DOCS[model]);
}

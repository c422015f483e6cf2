// The v3 process model (current endpoints). Field order follows the API reference.
import type * as z from 'zod';
import { HOSTINGS, PROCESS_STATUSES, REGIONS } from './enums.js';
import { ExposedPortSchema } from './exposed-port.js';
import { int, list, nullableTimestamp, object, openEnum, str, timestamp } from './wire.js';

/** A v3 `ProcessV3`, 18 fields. */
export const ProcessV3Schema = object({
  // Optional but not nullable, exactly as the API declares: a null here is a server bug worth reporting.
  hosting: openEnum(HOSTINGS).optional(),
  status: openEnum(PROCESS_STATUSES),
  roomsAllocated: int,
  summaryExitReason: str.optional(),
  terminatedAt: nullableTimestamp,
  stoppingAt: nullableTimestamp,
  startedAt: nullableTimestamp,
  bootedAt: nullableTimestamp,
  scheduledAt: nullableTimestamp,
  createdAt: timestamp,
  roomsPerProcess: int,
  additionalExposedPorts: list(ExposedPortSchema),
  exposedPort: ExposedPortSchema.nullable(),
  region: openEnum(REGIONS),
  processId: str,
  fleetId: str.optional(),
  // A string in v3 (`dep-…`), unlike the integer of v1/v2.
  deploymentId: str,
  appId: str,
});

/** The v3 latest-process list. */
export const ProcessV3ListSchema = list(ProcessV3Schema);

/** A v3 process, as parsed. */
export type ProcessV3 = z.output<typeof ProcessV3Schema>;

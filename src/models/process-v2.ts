// The v2 process model (deprecated endpoints). Field order follows the API reference.
import type * as z from 'zod';
import { PROCESS_STATUSES, REGIONS } from './enums.js';
import { ExposedPortSchema } from './exposed-port.js';
import { int, list, nullableTimestamp, object, openEnum, str, timestamp } from './wire.js';

/** A v2 `ProcessV2`, 13 fields. */
export const ProcessV2Schema = object({
  status: openEnum(PROCESS_STATUSES),
  roomsAllocated: int,
  terminatedAt: nullableTimestamp,
  stoppingAt: nullableTimestamp,
  startedAt: nullableTimestamp,
  createdAt: timestamp,
  roomsPerProcess: int,
  additionalExposedPorts: list(ExposedPortSchema),
  exposedPort: ExposedPortSchema.nullable(),
  region: openEnum(REGIONS),
  processId: str,
  deploymentId: int,
  appId: str,
});

/** The v2 latest-process list. */
export const ProcessV2ListSchema = list(ProcessV2Schema);

/** A v2 process, as parsed. */
export type ProcessV2 = z.output<typeof ProcessV2Schema>;

// The v1 process models (deprecated endpoints, but the richest record). Field order follows the
// API reference so that a parsed object serialises in the order the server sends.
import type * as z from 'zod';
import { REGIONS } from './enums.js';
import { ExposedPortSchema } from './exposed-port.js';
import { RoomWithoutAllocationsSchema } from './room.js';
import {
  bool,
  int,
  lenientDeprecated,
  list,
  nullableTimestamp,
  num,
  object,
  openEnum,
  str,
  timestamp,
} from './wire.js';

// Written as the API declares it; lenientDeprecated() then relaxes whatever the registry marks deprecated.
const processFields = {
  egressedBytes: int,
  idleSince: nullableTimestamp,
  activeConnectionsUpdatedAt: timestamp,
  activeConnections: int,
  roomsAllocatedUpdatedAt: timestamp,
  roomsAllocated: int,
  roomSlotsAvailableUpdatedAt: timestamp,
  roomSlotsAvailable: num,
  draining: bool,
  terminatedAt: nullableTimestamp,
  stoppingAt: nullableTimestamp,
  startedAt: nullableTimestamp,
  startingAt: timestamp,
  roomsPerProcess: int,
  additionalExposedPorts: list(ExposedPortSchema),
  exposedPort: ExposedPortSchema.nullable(),
  port: num,
  host: str,
  region: openEnum(REGIONS),
  processId: str,
  deploymentId: int,
  appId: str,
};

/** A v1 `Process` (stopped list and info endpoints), 22 fields. */
export const ProcessV1Schema = object(lenientDeprecated('Process', processFields));

/** A v1 `ProcessWithRooms` (running list): a `Process` plus its embedded rooms. */
export const ProcessWithRoomsSchema = object(
  lenientDeprecated('ProcessWithRooms', {
    ...processFields,
    rooms: list(RoomWithoutAllocationsSchema),
    totalRooms: int,
  }),
);

/** The v1 stopped-process list. */
export const ProcessV1ListSchema = list(ProcessV1Schema);

/** The v1 running-process list. */
export const ProcessWithRoomsListSchema = list(ProcessWithRoomsSchema);

/** A v1 process, as parsed. */
export type ProcessV1 = z.output<typeof ProcessV1Schema>;
/** A v1 process with its rooms, as parsed. */
export type ProcessWithRooms = z.output<typeof ProcessWithRoomsSchema>;

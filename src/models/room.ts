// Rooms as the rooms endpoints and the v1 running list return them.
import type * as z from 'zod';
import { ROOM_STATUSES } from './enums.js';
import { list, nullableTimestamp, object, openEnum, str, timestamp } from './wire.js';

/** Where a room is currently placed. */
export const RoomAllocationSchema = object({
  unscheduledAt: nullableTimestamp,
  scheduledAt: timestamp,
  processId: str,
  roomAllocationId: str,
});

/** A room without its allocation history (rooms v1/v2 lists, v1 running list). */
export const RoomWithoutAllocationsSchema = object({
  currentAllocation: RoomAllocationSchema.nullable(),
  status: openEnum(ROOM_STATUSES),
  roomConfig: str.nullish(),
  roomId: str,
  appId: str,
});

/** A list of rooms, as the active/inactive room endpoints return it. */
export const RoomWithoutAllocationsListSchema = list(RoomWithoutAllocationsSchema);

/** A room's current placement, as parsed. */
export type RoomAllocation = z.output<typeof RoomAllocationSchema>;
/** A room without its allocation history, as parsed. */
export type RoomWithoutAllocations = z.output<typeof RoomWithoutAllocationsSchema>;

// Rooms as the API shows them (`RoomWithoutAllocations`), for P1's embedded list and R1/R2.
import type { ProcessState, RoomState } from './model.js';
import { DEFAULT_READINGS, type Readings } from './readings.js';

/** The `RoomWithoutAllocations` wire object. */
export interface RoomWire {
  currentAllocation: {
    unscheduledAt: string | null;
    scheduledAt: string;
    processId: string;
    roomAllocationId: string;
  } | null;
  status: 'scheduling' | 'active' | 'destroyed';
  roomConfig?: string | null;
  roomId: string;
  appId: string;
}

/**
 * The wire view of one room of `process`; a room that has left the process is `destroyed`. Under
 * the `rooms` reading, a room marked `newest` (the newest active one) is still `scheduling`, with
 * its allocation (`scheduling`) or without one (`unplaced`).
 */
export function roomView(process: ProcessState, room: RoomState, rooms: Readings['rooms'] = 'placed', newest = false): RoomWire {
  const shaped = newest && rooms !== 'placed';
  const view: RoomWire = {
    currentAllocation: shaped && rooms === 'unplaced' ? null : {
      unscheduledAt: room.unscheduledAt === null ? null : new Date(room.unscheduledAt).toISOString(),
      scheduledAt: new Date(room.scheduledAt).toISOString(),
      processId: process.processId,
      roomAllocationId: room.roomAllocationId,
    },
    status: shaped ? 'scheduling' : room.unscheduledAt === null ? 'active' : 'destroyed',
    roomId: room.roomId,
    appId: process.appId,
  };
  if (room.roomConfig !== undefined) view.roomConfig = room.roomConfig;
  return view;
}

/** The active rooms of a process (R1, and P1's embedded list), oldest first; their number equals `roomsAllocated`. */
export function activeRooms(process: ProcessState, readings: Readings = DEFAULT_READINGS): RoomWire[] {
  const active = process.rooms.filter((room) => room.unscheduledAt === null);
  return active.map((room, i) => roomView(process, room, readings.rooms, i === active.length - 1));
}

/** The rooms that have left a process (R2), oldest first. */
export function inactiveRooms(process: ProcessState): RoomWire[] {
  return process.rooms.filter((room) => room.unscheduledAt !== null).map((room) => roomView(process, room));
}

// Rooms as the API shows them (`RoomWithoutAllocations`), for P1's embedded list and R1/R2.
import type { ProcessState, RoomState } from './model.js';

/** The `RoomWithoutAllocations` wire object. */
export interface RoomWire {
  currentAllocation: {
    unscheduledAt: string | null;
    scheduledAt: string;
    processId: string;
    roomAllocationId: string;
  } | null;
  status: 'active' | 'destroyed';
  roomConfig?: string | null;
  roomId: string;
  appId: string;
}

/** The wire view of one room of `process`; a room that has left the process is `destroyed`. */
export function roomView(process: ProcessState, room: RoomState): RoomWire {
  const view: RoomWire = {
    currentAllocation: {
      unscheduledAt: room.unscheduledAt === null ? null : new Date(room.unscheduledAt).toISOString(),
      scheduledAt: new Date(room.scheduledAt).toISOString(),
      processId: process.processId,
      roomAllocationId: room.roomAllocationId,
    },
    status: room.unscheduledAt === null ? 'active' : 'destroyed',
    roomId: room.roomId,
    appId: process.appId,
  };
  if (room.roomConfig !== undefined) view.roomConfig = room.roomConfig;
  return view;
}

/** The active rooms of a process (R1), oldest first; their number equals `roomsAllocated`. */
export function activeRooms(process: ProcessState): RoomWire[] {
  return process.rooms.filter((room) => room.unscheduledAt === null).map((room) => roomView(process, room));
}

/** The rooms that have left a process (R2), oldest first. */
export function inactiveRooms(process: ProcessState): RoomWire[] {
  return process.rooms.filter((room) => room.unscheduledAt !== null).map((room) => roomView(process, room));
}

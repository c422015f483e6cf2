// The rooms of one process (rooms v2, hathora-api.md §2.6).
import type { ApiClient } from './client.js';
import { decodeOnArrival, loadOnce } from './decode-on-arrival.js';
import { rewordNotFound, type Fetched } from './fetched.js';
import { encodePathSegment } from './ids.js';
import type { RoomWithoutAllocations } from '../models/room.js';

const roomsSchema = loadOnce(() => import('../models/room.js').then((m) => m.RoomWithoutAllocationsListSchema));

/** Which rooms of a process to list. */
export type RoomState = 'active' | 'inactive';

/** R1/R2: the active or inactive rooms of one process; `raw` is the array as sent. */
export async function listProcessRooms(
  client: ApiClient,
  appId: string,
  processId: string,
  state: RoomState,
): Promise<Fetched<RoomWithoutAllocations[], unknown[]>> {
  const path = `/rooms/v2/${encodePathSegment('app id', appId)}/list/${encodePathSegment('process id', processId)}/${state}`;
  const request = rewordNotFound(`process ${processId} not found in app ${appId}`, () => client.getJson(path));
  const { data, raw } = await decodeOnArrival(request, roomsSchema, `GET ${path}`);
  // The schema has just checked that raw is an array.
  return { data, raw: raw as unknown[] };
}

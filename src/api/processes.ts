// The process endpoints of all three API generations (hathora-api.md §2.1–2.3).
import type { ApiClient } from './client.js';
import { decodeOnArrival, loadOnce, type SchemaLoader } from './decode-on-arrival.js';
import { appNotFound, rewordNotFound, type Fetched, type NotFoundWording } from './fetched.js';
import { encodePathSegment } from './ids.js';
import type { Count } from '../models/common.js';
import type { ProcessV1, ProcessWithRooms } from '../models/process-v1.js';
import type { ProcessV2 } from '../models/process-v2.js';
import type { ProcessV3 } from '../models/process-v3.js';

// The schemas load with the first response that needs them (decode-on-arrival.ts).
const v1 = loadOnce(() => import('../models/process-v1.js'));
const v2 = loadOnce(() => import('../models/process-v2.js'));
const v3 = loadOnce(() => import('../models/process-v3.js'));
const countSchema = loadOnce(() => import('../models/common.js').then((m) => m.CountSchema));

/** Status and region filters of the v2/v3 list and count endpoints (sent as repeated keys). */
export interface ProcessFilters {
  statuses?: readonly string[] | undefined;
  regions?: readonly string[] | undefined;
}

/** Filters of the v3 list and count endpoints: the v2 ones plus the `before` cursor. */
export interface ProcessV3Filters extends ProcessFilters {
  /** Only processes created before this instant; epoch milliseconds (see paging.ts for why). */
  before?: number | undefined;
}

function appSegment(appId: string): string {
  return encodePathSegment('app id', appId);
}

function processSegment(processId: string): string {
  return encodePathSegment('process id', processId);
}

function processNotFound(appId: string, processId: string): string {
  return `process ${processId} not found in app ${appId}`;
}

async function getDecoded<T>(
  client: ApiClient,
  path: string,
  query: Record<string, string | number | readonly string[] | undefined> | undefined,
  schema: SchemaLoader<T>,
  notFound: NotFoundWording,
): Promise<Fetched<T>> {
  return decodeOnArrival(rewordNotFound(notFound, () => client.getJson(path, query)), schema, `GET ${path}`);
}

async function getDecodedList<T>(
  client: ApiClient,
  path: string,
  query: Record<string, string | number | readonly string[] | undefined> | undefined,
  schema: SchemaLoader<T[]>,
  notFound: NotFoundWording,
): Promise<Fetched<T[], unknown[]>> {
  const { data, raw } = await getDecoded(client, path, query, schema, notFound);
  // The schema has just checked that raw is an array.
  return { data, raw: raw as unknown[] };
}

function filterQuery(filters: ProcessV3Filters): Record<string, readonly string[] | number | undefined> {
  return { status: filters.statuses, region: filters.regions, before: filters.before };
}

/** P9: the (at most 10) most recent v3 processes of an app, newest first, optionally filtered and bounded by `before`. */
export async function listLatestProcessesV3(client: ApiClient, appId: string, filters: ProcessV3Filters = {}): Promise<Fetched<ProcessV3[], unknown[]>> {
  const path = `/processes/v3/apps/${appSegment(appId)}/processes/latest`;
  return getDecodedList(client, path, filterQuery(filters), () => v3().then((m) => m.ProcessV3ListSchema), appNotFound(appId));
}

/** P10: one v3 process. */
export async function getProcessV3(client: ApiClient, appId: string, processId: string): Promise<Fetched<ProcessV3>> {
  const path = `/processes/v3/apps/${appSegment(appId)}/processes/${processSegment(processId)}`;
  return getDecoded(client, path, undefined, () => v3().then((m) => m.ProcessV3Schema), processNotFound(appId, processId));
}

/** P11: how many v3 processes match the filters. */
export async function countProcessesV3(client: ApiClient, appId: string, filters: ProcessV3Filters = {}): Promise<Fetched<Count>> {
  const path = `/processes/v3/apps/${appSegment(appId)}/processes/count`;
  return getDecoded(client, path, filterQuery(filters), countSchema, appNotFound(appId));
}

/** P4 (deprecated): the (at most 10) most recent v2 processes of an app. */
export async function listLatestProcessesV2(client: ApiClient, appId: string, filters: ProcessFilters = {}): Promise<Fetched<ProcessV2[], unknown[]>> {
  const path = `/processes/v2/${appSegment(appId)}/list/latest`;
  return getDecodedList(client, path, { status: filters.statuses, region: filters.regions }, () => v2().then((m) => m.ProcessV2ListSchema), appNotFound(appId));
}

/** P5 (deprecated): one v2 process. */
export async function getProcessV2(client: ApiClient, appId: string, processId: string): Promise<Fetched<ProcessV2>> {
  const path = `/processes/v2/${appSegment(appId)}/info/${processSegment(processId)}`;
  return getDecoded(client, path, undefined, () => v2().then((m) => m.ProcessV2Schema), processNotFound(appId, processId));
}

/** P6 (deprecated): how many v2 processes match the filters. */
export async function countProcessesV2(client: ApiClient, appId: string, filters: ProcessFilters = {}): Promise<Fetched<Count>> {
  const path = `/processes/v2/${appSegment(appId)}/count`;
  return getDecoded(client, path, { status: filters.statuses, region: filters.regions }, countSchema, appNotFound(appId));
}

/** P1 (deprecated): the (at most 10) most recently started running v1 processes, with their rooms; one region at most. */
export async function listRunningProcessesV1(client: ApiClient, appId: string, region?: string): Promise<Fetched<ProcessWithRooms[], unknown[]>> {
  const path = `/processes/v1/${appSegment(appId)}/list/running`;
  return getDecodedList(client, path, { region }, () => v1().then((m) => m.ProcessWithRoomsListSchema), appNotFound(appId));
}

/** P2 (deprecated): the (at most 10) most recently stopped v1 processes; one region at most. */
export async function listStoppedProcessesV1(client: ApiClient, appId: string, region?: string): Promise<Fetched<ProcessV1[], unknown[]>> {
  const path = `/processes/v1/${appSegment(appId)}/list/stopped`;
  return getDecodedList(client, path, { region }, () => v1().then((m) => m.ProcessV1ListSchema), appNotFound(appId));
}

/** P3 (deprecated): one v1 process, the richest record. */
export async function getProcessV1(client: ApiClient, appId: string, processId: string): Promise<Fetched<ProcessV1>> {
  const path = `/processes/v1/${appSegment(appId)}/info/${processSegment(processId)}`;
  return getDecoded(client, path, undefined, () => v1().then((m) => m.ProcessV1Schema), processNotFound(appId, processId));
}

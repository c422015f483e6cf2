// Finding which of the token's apps holds a process, for commands given a process id without
// --app: the apps list, then a v3 lookup per app with bounded concurrency.
import type { ApiClient } from './client.js';
import type { Fetched } from './fetched.js';
import { listApps } from './apps.js';
import { mapBounded } from './bounded.js';
import { isValidPathSegment, validateProcessId } from './ids.js';
import { getProcessV3 } from './processes.js';
import { NotFoundError } from '../errors.js';
import type { ProcessV3 } from '../models/process-v3.js';

/** Options of findProcessApp. */
export interface FindProcessAppOptions {
  /** How many apps to ask at once. */
  concurrency?: number;
}

/** Finds which of the token's apps holds a process (apps list, then a v3 lookup per app with bounded concurrency); returns its app id. */
export async function findProcessApp(client: ApiClient, processId: string, options: FindProcessAppOptions = {}): Promise<string> {
  return (await findProcess(client, processId, options)).appId;
}

/** The app a process was found in, with the v3 record that found it (callers that want v3 need not ask again). */
export interface FoundProcess {
  appId: string;
  process: Fetched<ProcessV3>;
}

/**
 * Like findProcessApp, but also returns the v3 record the lookup fetched. Nothing new is asked once
 * an app holds the process or a lookup fails; lookups in flight still finish, and a find among them
 * wins over a failure (the earliest app in the search order, if two answer).
 */
export async function findProcess(client: ApiClient, processId: string, options: FindProcessAppOptions = {}): Promise<FoundProcess> {
  validateProcessId(processId);
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const { data: apps } = await listApps(client);
  // Live apps first: a process is far more likely there. An id we could not put in a URL cannot
  // be asked about.
  const candidates = [...apps.filter((app) => app.deletedAt === null), ...apps.filter((app) => app.deletedAt !== null)]
    .map((app) => app.appId)
    .filter(isValidPathSegment);
  // The first failure in time is the one reported; a 404 only means "not in this app".
  let failure: { error: unknown } | undefined;
  const lookups = await mapBounded(
    candidates,
    concurrency,
    async (appId): Promise<Fetched<ProcessV3> | 'absent' | 'failed'> => {
      try {
        return await getProcessV3(client, appId, processId);
      } catch (error) {
        if (error instanceof NotFoundError) return 'absent';
        failure ??= { error };
        return 'failed';
      }
    },
    { stopWhen: (lookup) => lookup !== 'absent' },
  );
  const foundIndex = lookups.findIndex((lookup) => typeof lookup === 'object');
  const found = lookups[foundIndex];
  if (typeof found === 'object') return { appId: candidates[foundIndex] as string, process: found };
  if (failure !== undefined) throw failure.error;
  const n = apps.length;
  throw new NotFoundError(
    n === 0 ? `process ${processId} not found: the token sees no apps` : `process ${processId} not found in any of your ${n} app${n === 1 ? '' : 's'}`,
    { hint: 'check the process id, or pass --app <appId>' },
  );
}

// The requests behind `hproc show`; loaded only when it runs.
import type { ApiClient } from '../api/client.js';
import { findProcessApp } from '../api/paging.js';
import { getProcessV1, getProcessV2, getProcessV3 } from '../api/processes.js';
import { toProcessView, type ProcessView } from '../models/normalise.js';
import type { ShowOptions } from './show.js';

/** One process as a view for people and as the raw payload for JSON. */
export interface FetchedProcess {
  view: ProcessView;
  raw: unknown;
}

/** Fetches the process through the chosen generation, finding its app first when none was given. */
export async function fetchProcess(client: ApiClient, options: ShowOptions, onFound: (appId: string) => void): Promise<FetchedProcess> {
  let appId = options.appId;
  if (appId === undefined) {
    appId = await findProcessApp(client, options.processId);
    onFound(appId);
  }
  if (options.generation === 'v1') {
    const { data, raw } = await getProcessV1(client, appId, options.processId);
    return { view: toProcessView('v1', 'Process', data), raw };
  }
  if (options.generation === 'v2') {
    const { data, raw } = await getProcessV2(client, appId, options.processId);
    return { view: toProcessView('v2', 'ProcessV2', data), raw };
  }
  const { data, raw } = await getProcessV3(client, appId, options.processId);
  return { view: toProcessView('v3', 'ProcessV3', data), raw };
}

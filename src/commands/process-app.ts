// Commands about one process accept no --app: the process is then looked for in each of the
// caller's apps, as `show` does. Loaded only when such a command runs.
import type { ApiClient } from '../api/client.js';
import { findProcessApp } from '../api/app-discovery.js';
import type { RunContext } from '../run-context.js';

/** The app given, or the app that holds the process (said on stderr, so a person learns the id to pass next time). */
export async function appOfProcess(client: ApiClient, appId: string | undefined, processId: string, ctx: RunContext): Promise<string> {
  if (appId !== undefined) return appId;
  const found = await findProcessApp(client, processId);
  ctx.note(`found process ${processId} in app ${found}`);
  return found;
}

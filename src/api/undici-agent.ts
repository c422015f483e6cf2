// undici's Agent with its request API, without the rest of undici. Its index loads everything it
// offers (fetch, WebSocket, EventSource, caches, cookies, mocks, proxies): 1.1 MB of bundle, and
// about 70 ms of every command that makes a request (bench/results.md). hproc needs an Agent and
// `dispatcher.request`, which are these three modules; they are CommonJS files that undici's own
// index requires, so a missing one fails the build rather than a run.
import AgentClass from 'undici/lib/dispatcher/agent.js';
import DispatcherClass from 'undici/lib/dispatcher/dispatcher.js';
import api from 'undici/lib/api/index.js';

let installed = false;

/** undici's Agent class, with `request`, `stream` and the rest of its API attached as undici's index does. */
export function loadAgentClass(): typeof AgentClass {
  if (!installed) {
    installed = true;
    // What undici's index does on load: the API functions become Dispatcher methods.
    Object.assign(DispatcherClass.prototype, api);
  }
  return AgentClass;
}

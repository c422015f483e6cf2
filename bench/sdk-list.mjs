// What a user would write instead of `hproc list --all --limit N --json`: the official SDK, paging
// the v3 latest endpoint with `before` one page after another, printing the processes as JSON.
// Usage: node bench/sdk-list.mjs [limit]   (HATHORA_CLOUD_ENDPOINT, HATHORA_TOKEN, HATHORA_APP_ID)
import { HathoraCloud } from '@hathora/cloud-sdk-typescript';

const limit = Number(process.argv[2] ?? 10);
const sdk = new HathoraCloud({
  hathoraDevToken: process.env.HATHORA_TOKEN,
  serverURL: process.env.HATHORA_CLOUD_ENDPOINT,
  appId: process.env.HATHORA_APP_ID,
});
const processes = [];
let before;
while (processes.length < limit) {
  const page = await sdk.processesV3.getLatestProcesses(undefined, undefined, undefined, before);
  processes.push(...page);
  if (page.length < 10) break;
  before = Math.min(...page.map((p) => p.createdAt.getTime()));
}
process.stdout.write(JSON.stringify(processes.slice(0, limit)) + '\n');

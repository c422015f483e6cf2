// The least a Node program can do for one page: one undici request, JSON.parse, print. A reference
// point between `node -e 0` and `hproc list --json` (no validation, no paging, no error handling).
// Usage: node bench/undici-list.mjs   (HATHORA_CLOUD_ENDPOINT, HATHORA_TOKEN, HATHORA_APP_ID)
import { request } from 'undici';

const { HATHORA_CLOUD_ENDPOINT: endpoint, HATHORA_TOKEN: token, HATHORA_APP_ID: appId } = process.env;
const { body } = await request(`${endpoint}/processes/v3/apps/${appId}/processes/latest`, {
  headers: { authorization: `Bearer ${token}` },
});
process.stdout.write(JSON.stringify(await body.json()) + '\n');

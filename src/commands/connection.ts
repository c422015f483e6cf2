import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { resolveEndpoint, resolveToken } from '../api/endpoint.js';
import { validateAppId } from '../api/ids.js';
import type { ApiClient } from '../api/client.js';
import { createRedactor } from '../redact.js';
import { sanitizeCell } from '../render/sanitize.js';
import { VERSION } from '../version.js';
import { parseDuration } from './flags.js';
import { avoidWasmTierUpStall } from './liftoff.js';

/** Where and how to talk to the API, validated before any request. */
export interface Connection {
  baseUrl: URL;
  token: string;
  budgetMs: number;
  debug: boolean;
}

/** Resolves --endpoint, --token, --timeout and --debug against the environment (flag > environment > default). */
export function resolveConnection(opts: Readonly<Record<string, unknown>>, ctx: Ctx): Connection {
  const endpointFlag = (opts.endpoint ?? opts.hathoraCloudEndpoint) as string | undefined;
  return {
    baseUrl: resolveEndpoint(endpointFlag, ctx.env.HATHORA_CLOUD_ENDPOINT),
    token: resolveToken(opts.token as string | undefined, ctx.env.HATHORA_TOKEN),
    budgetMs: parseDuration('--timeout', String(opts.timeout ?? '30s')),
    debug: opts.debug === true,
  };
}

/** Resolves the app id: --app, then HATHORA_APP_ID; `required` makes its absence a usage error. */
export function resolveAppId(opts: Readonly<Record<string, unknown>>, ctx: Ctx, required: true): string;
export function resolveAppId(opts: Readonly<Record<string, unknown>>, ctx: Ctx, required: false): string | undefined;
export function resolveAppId(opts: Readonly<Record<string, unknown>>, ctx: Ctx, required: boolean): string | undefined {
  const value = (opts.app ?? opts.appId ?? ctx.env.HATHORA_APP_ID) as string | undefined;
  if (value === undefined || value === '') {
    if (required) throw new UsageError('no app given', { hint: 'pass --app <appId> or set HATHORA_APP_ID' });
    return undefined;
  }
  return validateAppId(value);
}

/** Opens an API client; undici loads here, on the first command that needs the network. */
export async function connect(connection: Connection, ctx: Ctx): Promise<ApiClient> {
  avoidWasmTierUpStall();
  const { createApiClient } = await import('../api/client.js');
  const redact = createRedactor([connection.token]);
  return createApiClient({
    baseUrl: connection.baseUrl,
    token: connection.token,
    userAgent: `hproc/${VERSION}`,
    signal: ctx.signal,
    budgetMs: connection.budgetMs,
    ...(connection.debug ? { debug: (line: string) => ctx.io.stderr.write(`debug: ${sanitizeCell(redact(line))}\n`) } : {}),
  });
}

import type { Ctx } from '../context.js';
import { AuthError, InterruptedError, UsageError } from '../errors.js';
import { resolveEndpoint, resolveToken } from '../api/endpoint.js';
import { validateAppId } from '../api/ids.js';
import type { ApiClient } from '../api/client.js';
import { createRedactor, rememberSecret } from '../redact.js';
import { sanitizeCell } from '../render/sanitize.js';
import { VERSION } from '../version.js';
import { checkSetting, resolveSetting, selectProfile, type SettingSource } from '../config/settings.js';
import { parseDuration } from './flags.js';
import { avoidWasmTierUpStall } from './liftoff.js';

/** Where and how to talk to the API, validated before any request. */
export interface Connection {
  baseUrl: URL;
  /** The token; null when --token-stdin reads it as the command starts. */
  token: string | null;
  /** Where the token came from (`hproc auth status` names it). */
  tokenSource: SettingSource;
  budgetMs: number;
  debug: boolean;
}

/** What to do when no token is found anywhere. */
export const NO_TOKEN_HINT = "set HATHORA_TOKEN, pass --token-stdin, or run 'hproc auth login'";

// The --token warning is said once per run, however many times options are resolved.
const warnedAboutArgv = new WeakSet<Ctx>();

/**
 * Resolves --endpoint, the token, --timeout and --debug: flag > environment > profile > default.
 * Token sources: --token, --token-stdin, HATHORA_TOKEN, then the profile's stored token.
 */
export function resolveConnection(opts: Readonly<Record<string, unknown>>, ctx: Ctx): Connection {
  const profile = selectProfile(opts, ctx);
  const endpoint = resolveSetting('endpoint', opts, ctx, profile);
  const timeout = resolveSetting('timeout', opts, ctx, profile);
  return {
    baseUrl: checkSetting(endpoint, (value) => resolveEndpoint(value)),
    ...resolveTokenSource(opts, ctx, profile),
    budgetMs: checkSetting(timeout, (value) => parseDuration('--timeout', value)),
    debug: opts.debug === true,
  };
}

function resolveTokenSource(
  opts: Readonly<Record<string, unknown>>,
  ctx: Ctx,
  profile: ReturnType<typeof selectProfile>,
): { token: string | null; tokenSource: SettingSource } {
  if (opts.tokenStdin === true) {
    if (typeof opts.token === 'string') throw new UsageError('--token conflicts with --token-stdin');
    return { token: null, tokenSource: { kind: 'stdin' } };
  }
  const setting = resolveSetting('token', opts, ctx, profile);
  if (setting.value === undefined) throw new AuthError('no Hathora token', { hint: NO_TOKEN_HINT });
  if (setting.source.kind === 'flag' && ctx.io.stderr.isTTY && !warnedAboutArgv.has(ctx)) {
    warnedAboutArgv.add(ctx);
    ctx.io.stderr.write('hproc: warning: a token on the command line is visible to other users (ps, shell history); use --token-stdin or HATHORA_TOKEN\n');
  }
  rememberSecret(ctx, setting.value);
  const token = checkSetting(setting, (value) => checkedToken(value));
  rememberSecret(ctx, token);
  return { token, tokenSource: setting.source };
}

// A value that is only a line break (`$(cat empty-file)`) counts as no token.
function checkedToken(value: string): string {
  try {
    return resolveToken(value);
  } catch (error) {
    if (error instanceof AuthError && error.message === 'no Hathora token') throw new AuthError('the token is empty', { hint: NO_TOKEN_HINT });
    throw error;
  }
}

/** Drops one trailing line break (`\n`, `\r\n` or `\r`) from a line read from stdin. */
export function withoutLineBreak(line: string): string {
  return line.replace(/\r?\n$|\r$/, '');
}

/** Reads the token for --token-stdin: one line, a trailing line break dropped, checked like any token. */
export async function readTokenFromStdin(ctx: Ctx): Promise<string> {
  const stdin = ctx.io.stdin;
  if (stdin === undefined) throw new UsageError('--token-stdin: there is no standard input to read the token from');
  const line = stdin.isTTY && stdin.readSecret !== undefined ? await stdin.readSecret('Token: ') : await stdin.readLine('');
  if (ctx.signal.aborted) throw new InterruptedError('interrupted while reading the token');
  const token = withoutLineBreak(line ?? '');
  rememberSecret(ctx, token);
  if (token === '') throw new AuthError('no token on standard input (--token-stdin)', { hint: 'pipe the token in, e.g. printenv HATHORA_TOKEN | hproc ... --token-stdin' });
  return resolveToken(token);
}

/** Resolves the app id: --app, then HATHORA_APP_ID, then the profile's app; `required` makes its absence a usage error. */
export function resolveAppId(opts: Readonly<Record<string, unknown>>, ctx: Ctx, required: true): string;
export function resolveAppId(opts: Readonly<Record<string, unknown>>, ctx: Ctx, required: false): string | undefined;
export function resolveAppId(opts: Readonly<Record<string, unknown>>, ctx: Ctx, required: boolean): string | undefined {
  const setting = resolveSetting('app', opts, ctx);
  if (setting.value === undefined) {
    if (required) {
      throw new UsageError('no app given', { hint: "pass --app <appId>, set HATHORA_APP_ID, or store one with 'hproc config set app <appId>'" });
    }
    return undefined;
  }
  return checkSetting(setting, validateAppId);
}

/** Opens an API client; undici loads here, on the first command that needs the network. */
export async function connect(connection: Connection, ctx: Ctx): Promise<ApiClient> {
  const token = connection.token ?? (await readTokenFromStdin(ctx));
  await avoidWasmTierUpStall();
  const { createApiClient } = await import('../api/client.js');
  const redact = createRedactor([token]);
  return createApiClient({
    baseUrl: connection.baseUrl,
    token,
    userAgent: `hproc/${VERSION}`,
    signal: ctx.signal,
    budgetMs: connection.budgetMs,
    ...(connection.debug ? { debug: (line: string) => ctx.io.stderr.write(`debug: ${sanitizeCell(redact(line))}\n`) } : {}),
  });
}

// Applies a fault spec (see faults.ts for the grammar) to live requests: it sits in front of the
// emulator's handler and either answers in its place (status, redirect, HTML, broken JSON, a huge
// body), delays it, drops the connection, or reshapes the bytes the handler writes (truncated,
// lying about its length, reset, stalled, quiet, slow, dropped). It works on the raw socket where
// HTTP itself cannot express the fault, since those are exactly the failures a client must survive.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createFaultSelector, type Fault, type FaultHit, type FaultName, type FaultSpec } from './faults.js';
import { createRng } from './prng.js';

/** One request as the fault layer saw it. */
export interface FaultLogEntry {
  method: string;
  path: string;
  /** The faults that hit it, in spec order. */
  faults: FaultName[];
}

/** The fault layer of one emulator run. */
export interface FaultInjector {
  /** Every request seen, in arrival order (tests count retries with it). */
  readonly log: FaultLogEntry[];
  /** Handles a request, calling `next` for the emulator's own answer when no fault replaces it. */
  handle(req: IncomingMessage, res: ServerResponse, next: () => Promise<void>): Promise<void>;
}

const REPLACING: ReadonlySet<FaultName> = new Set(['status', 'redirect', 'invalid-json', 'huge']);
const SHAPING: ReadonlySet<FaultName> = new Set(['truncate', 'bad-length', 'reset-after', 'stall-body', 'quiet', 'slow', 'drop-after']);
const SLOW_PIECE_BYTES = 16;
// Long enough for bytes already written to reach the client before the connection goes.
const SETTLE_MS = 20;

const PROXY_PAGE = (status: number): string =>
  `<html>\r\n<head><title>${status} ${reasonOf(status)}</title></head>\r\n<body>\r\n<center><h1>${status} ${reasonOf(status)}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
const PORTAL_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in to the network</title></head><body><form action="/login"><p>Accept the terms to continue.</p></form></body></html>\n';
// A list response cut off and quoted the wrong way: not JSON, though it looks like it.
const INVALID_JSON = `[{"processId": "e788d8bd-b7b4-43a3-ae2c-8f09e8bf06a9", "status": 'running', "roomsAllocated": 1,`;

/** Creates the fault layer for a parsed spec. */
export function createFaultInjector(spec: FaultSpec): FaultInjector {
  const selector = createFaultSelector(spec);
  const log: FaultLogEntry[] = [];
  // Jitter draws come from their own generator so they never shift which requests a fault hits.
  const jitterDraw = createRng(spec.seed ^ 0x5bd1e995).next;

  async function handle(req: IncomingMessage, res: ServerResponse, next: () => Promise<void>): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://emulator.invalid').pathname;
    const hits = selector.select(path);
    log.push({ method: req.method ?? 'GET', path, faults: hits.map((hit) => hit.fault.name) });
    if (hits.length === 0) return next();
    const find = (name: FaultName): FaultHit | undefined => hits.find((hit) => hit.fault.name === name);
    const gone = closed(res);

    const latency = find('latency')?.fault;
    if (latency !== undefined) {
      const ms = Math.max(0, Math.round((latency.amount ?? 0) + (jitterDraw() * 2 - 1) * latency.jitter));
      await Promise.race([sleep(ms), gone]);
    }
    if (res.destroyed) return;
    if (find('reset') !== undefined) {
      req.socket.resetAndDestroy();
      return;
    }
    if (find('close') !== undefined) {
      req.socket.destroy();
      return;
    }
    const hang = find('hang-headers')?.fault;
    if (hang !== undefined) {
      await pause(hang.amount, gone);
      if (res.destroyed) return;
    }

    const shaping = hits.filter((hit) => SHAPING.has(hit.fault.name)).map((hit) => hit.fault);
    const sink = shaping.length === 0 ? plainSink(res, gone) : shapedSink(res, shaping, gone);
    const replacement = replacementOf(hits, spec);
    if (replacement !== undefined) {
      req.resume();
      await replacement(sink, res, gone);
      return;
    }
    if (shaping.length > 0) patchResponse(res, sink);
    return next();
  }

  return { log, handle };
}

/** Where a response's head and bytes go: straight to the response, or through a shaper. */
interface Sink {
  head(status: number, headers: OutgoingHttpHeaders): void;
  write(chunk: Buffer): Promise<void>;
  end(): Promise<void>;
}

type Replacement = (sink: Sink, res: ServerResponse, gone: Promise<void>) => Promise<void>;

function replacementOf(hits: readonly FaultHit[], spec: FaultSpec): Replacement | undefined {
  const find = (name: FaultName): FaultHit | undefined => hits.find((hit) => hit.fault.name === name);
  const specHas = (name: FaultName): boolean => spec.faults.some((fault) => fault.name === name);
  const statusHit = find('status');
  const redirect = find('redirect');
  const html = find('html') !== undefined;
  const retryAfter = find('retry-after')?.fault;
  const retryAfterDate = find('retry-after-date')?.fault;
  const answersAlone = !specHas('status') && !specHas('redirect');

  if (find('huge') !== undefined) return hugeBody(find('huge')?.fault.amount ?? 0);
  if (find('invalid-json') !== undefined) return fixed(200, 'application/json', INVALID_JSON, {});
  if (redirect !== undefined) {
    const status = statusHit !== undefined && statusOf(statusHit) >= 300 && statusOf(statusHit) < 400 ? statusOf(statusHit) : 302;
    return fixed(status, undefined, '', { Location: redirect.fault.text ?? '' });
  }
  const extra: Record<string, string> = {};
  if (retryAfter !== undefined) extra['Retry-After'] = retryAfter.text ?? '';
  if (retryAfterDate !== undefined) extra['Retry-After'] = retryAfterDateOf(retryAfterDate);
  let status: number | undefined;
  if (statusHit !== undefined) status = statusOf(statusHit);
  else if (answersAlone && (retryAfter !== undefined || retryAfterDate !== undefined)) status = 429;
  if (status === undefined) {
    return html && answersAlone ? fixed(200, 'text/html; charset=utf-8', PORTAL_PAGE, {}) : undefined;
  }
  if (html) return fixed(status, 'text/html', PROXY_PAGE(status), extra);
  return fixed(status, 'application/json', JSON.stringify({ message: `injected fault: ${status} ${reasonOf(status)}` }), extra);
}

function statusOf(hit: FaultHit): number {
  const { statuses } = hit.fault;
  return statuses[(hit.ordinal - 1) % statuses.length] ?? 500;
}

function retryAfterDateOf(fault: Fault): string {
  if (fault.amount !== undefined) return new Date(Date.now() + fault.amount).toUTCString();
  return fault.text ?? '';
}

function fixed(status: number, contentType: string | undefined, body: string, headers: Record<string, string>): Replacement {
  return async (sink) => {
    const bytes = Buffer.from(body);
    const all: OutgoingHttpHeaders = { ...headers, 'Content-Length': bytes.length };
    if (contentType !== undefined) all['Content-Type'] = contentType;
    sink.head(status, all);
    if (bytes.length > 0) await sink.write(bytes);
    await sink.end();
  };
}

function hugeBody(size: number): Replacement {
  return async (sink, res) => {
    sink.head(200, { 'Content-Type': 'application/json' });
    const piece = Buffer.from(`"${'x'.repeat(64 * 1024 - 4)}",`);
    let sent = 0;
    await sink.write(Buffer.from('['));
    sent += 1;
    while (sent + piece.length + 3 <= size && !res.destroyed) {
      await sink.write(piece);
      sent += piece.length;
    }
    if (res.destroyed) return;
    await sink.write(Buffer.from('""]'));
    await sink.end();
  };
}

/** Resolves when the response is closed: finished, or the client went away, or the emulator closed. */
function closed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed || res.writableFinished) resolve();
    else res.once('close', () => resolve());
  });
}

function pause(ms: number | undefined, gone: Promise<void>): Promise<void> {
  return ms === undefined ? gone : Promise.race([sleep(ms), gone]);
}

function plainSink(res: ServerResponse, gone: Promise<void>): Sink {
  return {
    head: (status, headers) => {
      res.writeHead(status, headers);
    },
    write: (chunk) =>
      new Promise<void>((resolve) => {
        if (res.destroyed) return resolve();
        if (res.write(chunk)) resolve();
        else void Promise.race([new Promise<void>((r) => res.once('drain', () => r())), gone]).then(() => resolve());
      }),
    end: () =>
      new Promise<void>((resolve) => {
        if (res.destroyed) resolve();
        else res.end(() => resolve());
      }),
  };
}

/**
 * A sink that reshapes the body on the wire. Operations run one after another on a chain, so a
 * handler that writes without waiting (the log stream) still has its bytes cut, paused or
 * dripped in order.
 */
function shapedSink(res: ServerResponse, faults: readonly Fault[], gone: Promise<void>): Sink {
  const has = (name: FaultName): Fault | undefined => faults.find((fault) => fault.name === name);
  const truncate = has('truncate');
  const badLength = has('bad-length');
  const resetAfter = has('reset-after');
  const dropAfter = has('drop-after');
  const stall = has('stall-body');
  const quiet = has('quiet');
  const slow = has('slow');
  // The response's own methods, taken before patchResponse replaces them on the instance.
  const writeHead = res.writeHead.bind(res) as (status: number, headers: OutgoingHttpHeaders) => ServerResponse;
  const write = res.write.bind(res) as (chunk: Buffer, callback: () => void) => boolean;
  const end = res.end.bind(res) as (callback: () => void) => ServerResponse;
  let chain: Promise<void> = Promise.resolve();
  let declared: number | undefined;
  let sent = 0;
  let ended = false;
  let dead = false;
  // Where the body is interrupted and how; `half` is resolved once the body's size is known.
  let cut: { at: number | 'half'; action: 'close' | 'reset' | 'pause'; pauseMs?: number | undefined } | undefined;
  if (quiet !== undefined) cut = { at: 0, action: 'pause', pauseMs: quiet.amount };
  else if (resetAfter !== undefined) cut = { at: resetAfter.amount ?? 0, action: 'reset' };
  else if (dropAfter !== undefined) cut = { at: dropAfter.amount ?? 0, action: 'close' };
  else if (truncate !== undefined) cut = { at: 'half', action: 'close' };
  else if (stall !== undefined) cut = { at: 'half', action: 'pause', pauseMs: stall.amount };

  const enqueue = (op: () => Promise<void>): Promise<void> => {
    chain = chain.then(() => (dead || res.destroyed ? undefined : op())).catch(() => undefined);
    return chain;
  };
  const rawWrite = (bytes: Buffer): Promise<void> =>
    new Promise<void>((resolve) => {
      if (res.destroyed) return resolve();
      if (bytes.length === 0) {
        res.flushHeaders();
        return resolve();
      }
      // The callback fires once the bytes are handed to the socket; `gone` covers a client that left.
      write(bytes, () => resolve());
      void gone.then(() => resolve());
    });
  const kill = async (action: 'close' | 'reset'): Promise<void> => {
    dead = true;
    await sleep(SETTLE_MS);
    if (action === 'reset') res.socket?.resetAndDestroy();
    else res.socket?.destroy();
  };
  const reachCut = async (): Promise<void> => {
    if (cut === undefined) return;
    const { action, pauseMs } = cut;
    cut = undefined;
    if (action === 'pause') await pause(pauseMs, gone);
    else await kill(action);
  };
  const emit = async (input: Buffer): Promise<void> => {
    let bytes = input;
    if (cut !== undefined && cut.at === 'half') cut.at = Math.floor((declared ?? bytes.length) / 2);
    while (!dead && !res.destroyed) {
      if (cut !== undefined && typeof cut.at === 'number' && sent + bytes.length >= cut.at) {
        const part = bytes.subarray(0, cut.at - sent);
        await rawWrite(part);
        sent += part.length;
        bytes = bytes.subarray(part.length);
        await reachCut();
        continue;
      }
      if (bytes.length === 0) return;
      if (slow !== undefined) {
        const piece = bytes.subarray(0, SLOW_PIECE_BYTES);
        await rawWrite(piece);
        sent += piece.length;
        bytes = bytes.subarray(piece.length);
        if (bytes.length > 0) await pause(slow.amount, gone);
        continue;
      }
      await rawWrite(bytes);
      sent += bytes.length;
      return;
    }
  };

  return {
    head: (status, headers) => {
      const out: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(headers)) {
        if (name.toLowerCase() === 'content-length') declared = Number(value);
        else out[name] = value;
      }
      if (declared !== undefined) {
        // The lie: more bytes promised than will come.
        out['Content-Length'] = badLength === undefined ? declared : declared + Math.max(1, Math.ceil(declared / 2));
      }
      writeHead(status, out);
    },
    write: (chunk) => enqueue(() => emit(chunk)),
    end: () => {
      if (ended) return chain;
      ended = true;
      return enqueue(async () => {
        // A cut not reached by the body (a quiet stream that never wrote) still happens.
        if (cut !== undefined) await emit(Buffer.alloc(0));
        if (dead || res.destroyed) return;
        if (badLength !== undefined && declared !== undefined) {
          await kill('close');
          return;
        }
        await new Promise<void>((resolve) => end(() => resolve()));
      });
    },
  };
}

/** Routes a handler's writeHead/write/end through a sink (instance methods only; the prototype is untouched). */
function patchResponse(res: ServerResponse, sink: Sink): void {
  const target = res as unknown as {
    writeHead: (status: number, ...rest: unknown[]) => ServerResponse;
    write: (chunk: unknown, ...rest: unknown[]) => boolean;
    end: (...rest: unknown[]) => ServerResponse;
  };
  target.writeHead = (status, ...rest) => {
    const headers = rest.find((arg): arg is OutgoingHttpHeaders => typeof arg === 'object' && arg !== null && !Array.isArray(arg)) ?? {};
    sink.head(status, headers);
    return res;
  };
  target.write = (chunk, ...rest) => {
    void sink.write(toBuffer(chunk, rest[0])).then(() => {
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
    });
    return true;
  };
  target.end = (...rest) => {
    const first = rest[0];
    if (first !== undefined && typeof first !== 'function') void sink.write(toBuffer(first, rest[1]));
    void sink.end();
    return res;
  };
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
}

function reasonOf(status: number): string {
  const reasons: Record<number, string> = {
    200: 'OK',
    301: 'Moved Permanently',
    302: 'Found',
    307: 'Temporary Redirect',
    308: 'Permanent Redirect',
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    408: 'Request Timeout',
    410: 'Gone',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return reasons[status] ?? 'Error';
}

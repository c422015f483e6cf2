/**
 * Fault specs for the emulator: the grammar of `hproc emulator --faults <spec>` (and of the
 * `faults` option of startEmulator), and the decision which faults hit which request.
 *
 * A spec is a list of clauses separated by `;`. A clause is either a fault or a scope:
 *
 *     spec    = clause *( ";" clause )
 *     clause  = fault | scope
 *     fault   = name [ "=" value ] [ "x" count ] [ "@" path-prefix ]
 *     scope   = "path=" path-prefix | "first=" count | "after=" count | "p=" probability | "seed=" integer
 *
 * Faults, in the order a request meets them:
 *
 *     latency=200ms±50ms   delay before answering, with uniform jitter (`+-` or `~` also work for ±)
 *     reset                reset the connection (RST) before any response
 *     close                close the connection (FIN) before any response
 *     hang-headers[=d]     accept the request and send nothing for d (default: until the client leaves)
 *     status=503[,502..]   answer with this status and an ApiError body; a list cycles per request
 *     retry-after=2        add `Retry-After: 2` (any text is sent as is) to the status answer; alone it means status=429
 *     retry-after-date=D   add `Retry-After` as an HTTP date: D as written, or `+30s` from now; alone it means status=429
 *     html                 the answer is an HTML page from a "proxy": the status's body, or alone a 200 captive portal
 *     invalid-json         200 with a JSON content type and a body that is not JSON
 *     huge=50MB            200 with a JSON array of that size, chunked (no Content-Length)
 *     redirect=URL         302 (or the status= given, if 3xx) with `Location: URL`
 *     truncate             send the headers and half the body, then close the connection
 *     bad-length           declare a Content-Length longer than the body, send the body, then close
 *     reset-after=100b     send the headers and 100 body bytes, then reset the connection
 *     stall-body[=d]       send the headers and half the body, then nothing for d (default: until the client leaves)
 *     quiet[=d]            (log streams) send the headers, then nothing for d (default: until the client leaves)
 *     slow=50ms            (log streams) send the body 16 bytes at a time, 50ms apart
 *     drop-after=100b      (log streams) send the headers and 100 body bytes, then close without ending the body
 *
 * Durations are `250ms`, `2s`, `1m` or a bare number of milliseconds; sizes are `100b`, `4kb`, `50MB`
 * or a bare number of bytes (kb and mb are powers of 1024).
 *
 * Scope: a fault hits a request whose path starts with its path prefix (`@/processes/v3`, else the
 * spec's `path=`, else every path), among the first `count` such requests (`x3`, else the spec's
 * `first=`, else all) once the spec's `after=` matching requests have passed untouched (so
 * `status=503;after=1` lets a first page through and fails the next), and, when the spec has `p=`,
 * only if that request's draw is below p. The draw
 * is made once per request from a generator seeded by `seed=` (default 1), so every p-scoped fault
 * hits the same requests and a test replays exactly. `status`, `redirect`, `invalid-json`, `huge`
 * and a lone `html` replace the emulator's answer; `retry-after`, `retry-after-date` and `html` only
 * dress a status answer when the spec has one.
 *
 * Examples: `status=503x3@/processes/v3` (three 503s, then normal answers),
 * `status=429;retry-after=2;first=1`, `latency=200ms±50ms;p=0.3;seed=7`, `reset-after=100b@/logs`.
 */

import { createRng } from './prng.js';

/** A syntax error in a fault spec; its message names the clause. */
export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

/** Names of the faults a spec can contain. */
export const FAULT_NAMES = [
  'latency',
  'reset',
  'close',
  'hang-headers',
  'status',
  'retry-after',
  'retry-after-date',
  'html',
  'invalid-json',
  'huge',
  'redirect',
  'truncate',
  'bad-length',
  'reset-after',
  'stall-body',
  'quiet',
  'slow',
  'drop-after',
] as const;

/** One of FAULT_NAMES. */
export type FaultName = (typeof FAULT_NAMES)[number];

/** One fault with its parsed value and its own scope. */
export interface Fault {
  name: FaultName;
  /** The value as written (for status lists and Retry-After text). */
  text: string | undefined;
  /** Milliseconds (latency base, hang, stall, quiet, slow), bytes (sizes), or a status. */
  amount: number | undefined;
  /** Jitter of a latency, in milliseconds. */
  jitter: number;
  /** Statuses of `status=` (a list cycles). */
  statuses: number[];
  /** Only the first `count` matching requests; undefined for all. */
  count: number | undefined;
  /** Only paths starting with this; undefined for every path. */
  pathPrefix: string | undefined;
  /** How many matching requests pass untouched before the fault starts. */
  skip: number;
}

/** A parsed spec. */
export interface FaultSpec {
  faults: Fault[];
  /** Probability that a request is eligible at all; undefined means always. */
  probability: number | undefined;
  seed: number;
}

const NO_VALUE = new Set<FaultName>(['reset', 'close', 'html', 'invalid-json', 'truncate', 'bad-length']);
const OPTIONAL_DURATION = new Set<FaultName>(['hang-headers', 'stall-body', 'quiet']);
const DURATION = new Set<FaultName>(['slow']);
const SIZE = new Set<FaultName>(['huge', 'reset-after', 'drop-after']);
const MAX_DURATION_MS = 3_600_000;
const MAX_SIZE = 4 * 1024 * 1024 * 1024;

/** Parses a fault spec; throws FaultSpecError naming the first bad clause. */
export function parseFaultSpec(spec: string): FaultSpec {
  const result: FaultSpec = { faults: [], probability: undefined, seed: 1 };
  let defaultCount: number | undefined;
  let defaultPath: string | undefined;
  let defaultSkip = 0;
  const clauses = spec
    .split(';')
    .map((clause) => clause.trim())
    .filter((clause) => clause !== '');
  if (clauses.length === 0) throw new FaultSpecError('empty fault spec');
  for (const clause of clauses) {
    const scope = /^(path|first|after|p|seed)=(.*)$/.exec(clause);
    if (scope !== null) {
      const [, key, value = ''] = scope;
      if (key === 'path') defaultPath = parsePath(value, clause);
      else if (key === 'first') defaultCount = parseCount(value, clause);
      else if (key === 'after') defaultSkip = parseCount(value, clause);
      else if (key === 'p') result.probability = parseProbability(value, clause);
      else result.seed = parseSeed(value, clause);
      continue;
    }
    result.faults.push(parseFault(clause));
  }
  if (result.faults.length === 0) throw new FaultSpecError(`no fault in '${spec}' (only scope clauses)`);
  for (const fault of result.faults) {
    fault.count ??= defaultCount;
    fault.pathPrefix ??= defaultPath;
    fault.skip = defaultSkip;
  }
  return result;
}

function parseFault(clause: string): Fault {
  // The count and path suffixes are read from the end, so a value may contain `=`, `,` and spaces.
  const match = /^([a-z][a-z-]*?)(?:=(.*?))?(?:\s*x(\d+))?(?:\s*@(\/\S*))?$/.exec(clause);
  if (match === null) throw new FaultSpecError(`cannot read fault clause '${clause}'`);
  const [, rawName = '', value, countText, pathText] = match;
  if (!(FAULT_NAMES as readonly string[]).includes(rawName)) {
    throw new FaultSpecError(`unknown fault '${rawName}' in '${clause}'; known: ${FAULT_NAMES.join(', ')}`);
  }
  const name = rawName as FaultName;
  const fault: Fault = {
    name,
    text: value,
    amount: undefined,
    jitter: 0,
    statuses: [],
    count: countText === undefined ? undefined : parseCount(countText, clause),
    pathPrefix: pathText === undefined ? undefined : parsePath(pathText, clause),
    skip: 0,
  };
  if (NO_VALUE.has(name)) {
    if (value !== undefined) throw new FaultSpecError(`fault '${name}' takes no value, in '${clause}'`);
  } else if (OPTIONAL_DURATION.has(name)) {
    if (value !== undefined) fault.amount = parseDuration(value, clause);
  } else if (value === undefined || value === '') {
    throw new FaultSpecError(`fault '${name}' needs a value, in '${clause}'`);
  } else if (DURATION.has(name)) {
    fault.amount = parseDuration(value, clause);
  } else if (SIZE.has(name)) {
    fault.amount = parseSize(value, clause);
  } else if (name === 'latency') {
    const parts = value.split(/±|\+-|~/);
    if (parts.length > 2) throw new FaultSpecError(`cannot read latency '${value}' in '${clause}'`);
    fault.amount = parseDuration(parts[0] ?? '', clause);
    fault.jitter = parts[1] === undefined ? 0 : parseDuration(parts[1], clause);
  } else if (name === 'status') {
    fault.statuses = value.split(',').map((part) => {
      const text = part.trim();
      const status = Number(text);
      if (!/^\d{3}$/.test(text) || status < 200 || status > 599) throw new FaultSpecError(`status '${text}' is not an HTTP status 200-599, in '${clause}'`);
      return status;
    });
  } else if (name === 'retry-after') {
    if (/[\r\n]/.test(value)) throw new FaultSpecError(`retry-after must be one line, in '${clause}'`);
  } else if (name === 'retry-after-date') {
    if (value.startsWith('+')) fault.amount = parseDuration(value.slice(1), clause);
    else if (Number.isNaN(Date.parse(value)) || /[\r\n]/.test(value)) throw new FaultSpecError(`retry-after-date '${value}' is not a date or +duration, in '${clause}'`);
  } else if (name === 'redirect') {
    try {
      new URL(value);
    } catch {
      throw new FaultSpecError(`redirect target '${value}' is not an absolute URL, in '${clause}'`);
    }
  }
  return fault;
}

/** Reads `250ms`, `2s`, `1m` or a bare number of milliseconds. */
export function parseDuration(text: string, clause: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/i.exec(text.trim());
  if (match === null) throw new FaultSpecError(`'${text}' is not a duration (like 250ms, 2s or 1m), in '${clause}'`);
  const unit = (match[2] ?? 'ms').toLowerCase();
  const ms = Math.round(Number(match[1]) * (unit === 'm' ? 60_000 : unit === 's' ? 1000 : 1));
  if (ms > MAX_DURATION_MS) throw new FaultSpecError(`duration '${text}' is longer than an hour, in '${clause}'`);
  return ms;
}

/** Reads `100b`, `4kb`, `50MB` or a bare number of bytes (kb and mb are powers of 1024). */
export function parseSize(text: string, clause: string): number {
  const match = /^(\d+(?:\.\d+)?)(b|kb|kib|mb|mib|gb|gib)?$/i.exec(text.trim());
  if (match === null) throw new FaultSpecError(`'${text}' is not a size (like 100b, 4kb or 50MB), in '${clause}'`);
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('g') ? 1024 ** 3 : unit.startsWith('m') ? 1024 ** 2 : unit.startsWith('k') ? 1024 : 1;
  const bytes = Math.floor(Number(match[1]) * factor);
  if (bytes > MAX_SIZE) throw new FaultSpecError(`size '${text}' is larger than 4 GB, in '${clause}'`);
  return bytes;
}

function parseCount(text: string, clause: string): number {
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw new FaultSpecError(`count '${text}' is not a positive integer, in '${clause}'`);
  return Number(text);
}

function parsePath(text: string, clause: string): string {
  if (!text.startsWith('/')) throw new FaultSpecError(`path '${text}' must start with /, in '${clause}'`);
  return text;
}

function parseProbability(text: string, clause: string): number {
  const p = Number(text);
  if (text.trim() === '' || !Number.isFinite(p) || p < 0 || p > 1) throw new FaultSpecError(`probability '${text}' is not between 0 and 1, in '${clause}'`);
  return p;
}

function parseSeed(text: string, clause: string): number {
  if (!/^\d{1,10}$/.test(text)) throw new FaultSpecError(`seed '${text}' is not a non-negative integer, in '${clause}'`);
  return Number(text) >>> 0;
}

/** The faults that hit one request, each with how many matching requests it had seen (1 for the first). */
export interface FaultHit {
  fault: Fault;
  /** 1-based index of this request among the fault's matching requests. */
  ordinal: number;
}

/** Decides, request by request, which faults of a spec apply; deterministic for a given request sequence. */
export interface FaultSelector {
  select(pathname: string): FaultHit[];
}

/** Creates the stateful selector of a spec: counts per fault, one seeded draw per request. */
export function createFaultSelector(spec: FaultSpec): FaultSelector {
  const seen = spec.faults.map(() => 0);
  // The data generator's mulberry32, seeded by the spec: one draw per request.
  const draw = createRng(spec.seed).next;
  return {
    select(pathname) {
      const eligible = spec.probability === undefined || draw() < spec.probability;
      const hits: FaultHit[] = [];
      spec.faults.forEach((fault, i) => {
        if (fault.pathPrefix !== undefined && !pathname.startsWith(fault.pathPrefix)) return;
        seen[i] = (seen[i] ?? 0) + 1;
        const ordinal = (seen[i] ?? 1) - fault.skip;
        if (ordinal < 1) return;
        if (fault.count !== undefined && ordinal > fault.count) return;
        if (eligible) hits.push({ fault, ordinal });
      });
      return hits;
    },
  };
}

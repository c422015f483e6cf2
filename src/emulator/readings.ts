/**
 * Readings: where the Hathora API documents nothing, the emulator's behaviour is one reading of
 * the silence among several, and each can be switched, so hproc is tested against every reading
 * rather than against the one guess both sides happened to share. The grammar of
 * `hproc emulator --reading <spec>` (and of the `readings` option of startEmulator):
 *
 *     spec    = setting *( ( "," | ";" ) setting )
 *     setting = key "=" value
 *
 * Keys, values and defaults (the default comes first):
 *
 *     cursor=ms             v3 `before` (P9, P11) bounds createdAt, exclusively, in epoch milliseconds
 *     cursor=seconds        ... in Unix seconds (the unit of the API's other numeric times)
 *     cursor=ignored        `before` is accepted as a number and has no effect
 *     filters=reject        a status or region filter value outside the enum is a 422
 *     filters=pass          such a value is accepted and compared as sent: it matches no process
 *     filters=ignore        such a value is accepted and dropped, so its filter may match everything
 *     deployment-id=meaningful  v1/v2 `deploymentId` numbers the app's deployments (1 for the first)
 *     deployment-id=invalid     v1/v2 `deploymentId` is the same stale number for every process of
 *                               the app, whatever it runs: Hathora's CLI warns it is invalid for
 *                               apps on v3 deployments, which every app here is
 *     rooms=placed          every room is `active` or `destroyed`, and carries its allocation
 *     rooms=scheduling      the newest active room of each process is `scheduling` (still allocated)
 *     rooms=unplaced        that room is `scheduling` with `currentAllocation: null`
 *
 * A key may appear once. Examples: `cursor=seconds`, `cursor=ignored,filters=pass`,
 * `deployment-id=invalid;rooms=unplaced`.
 */

/** A syntax error in a readings spec; its message names the setting. */
export class ReadingSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadingSpecError';
  }
}

/** Every key and its values, the default first. */
export const READING_CHOICES = {
  cursor: ['ms', 'seconds', 'ignored'],
  filters: ['reject', 'pass', 'ignore'],
  'deployment-id': ['meaningful', 'invalid'],
  rooms: ['placed', 'scheduling', 'unplaced'],
} as const;

/** A readings key. */
export type ReadingKey = keyof typeof READING_CHOICES;

/** One reading per key. */
export type Readings = { -readonly [K in ReadingKey]: (typeof READING_CHOICES)[K][number] };

const KEYS = Object.keys(READING_CHOICES) as ReadingKey[];

/** The readings the emulator takes unless told otherwise. */
export const DEFAULT_READINGS: Readonly<Readings> = Object.freeze(
  Object.fromEntries(KEYS.map((key) => [key, READING_CHOICES[key][0]])) as Readings,
);

/** Parses a readings spec into a full set (unnamed keys keep their defaults); throws ReadingSpecError. */
export function parseReadings(spec: string): Readings {
  const settings = spec
    .split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (settings.length === 0) throw new ReadingSpecError('empty readings spec');
  const readings: Readings = { ...DEFAULT_READINGS };
  const named = new Set<string>();
  for (const setting of settings) {
    const match = /^([a-z-]+)=([a-z]+)$/.exec(setting);
    if (match === null) throw new ReadingSpecError(`cannot read '${setting}': expected key=value`);
    const [, key = '', value = ''] = match;
    if (!(KEYS as string[]).includes(key)) throw new ReadingSpecError(`unknown reading '${key}'; known: ${KEYS.join(', ')}`);
    if (named.has(key)) throw new ReadingSpecError(`reading '${key}' is given twice`);
    named.add(key);
    const choices = READING_CHOICES[key as ReadingKey] as readonly string[];
    if (!choices.includes(value)) throw new ReadingSpecError(`${key}=${value}: expected one of ${choices.join(', ')}`);
    (readings as Record<string, string>)[key] = value;
  }
  return readings;
}

/** A full set of readings from a spec or a partial object (checked like a spec). */
export function resolveReadings(given: string | Partial<Readings> | undefined): Readings {
  if (given === undefined) return { ...DEFAULT_READINGS };
  if (typeof given === 'string') return parseReadings(given);
  const parts = KEYS.filter((key) => given[key] !== undefined).map((key) => `${key}=${String(given[key])}`);
  return parts.length === 0 ? { ...DEFAULT_READINGS } : parseReadings(parts.join(','));
}

/** The readings that differ from the defaults, as a spec (empty when all are the defaults). */
export function describeReadings(readings: Readings): string {
  return KEYS.filter((key) => readings[key] !== DEFAULT_READINGS[key])
    .map((key) => `${key}=${readings[key]}`)
    .join(',');
}

// The record output flags (recordOutputOptions) → OutputSettings, validated before any request.
import { RECORD_FORMATS, type RecordFormat } from '../render/formats.js';
import type { RunContext } from '../run-context.js';
import { HprocError, UsageError } from '../errors.js';
import type { OutputSettings, SortKey } from '../render/records.js';
import { offeredOrTable, parseCommaList } from './flags.js';
import { sanitizeCell } from '../render/sanitize.js';
import { closestFolded } from '../near-names.js';

/** `--fields` given alone: the command prints the valid field names and makes no request. */
export interface FieldListing {
  fieldListing: readonly string[];
}

/** True when a command's options are a field listing rather than work to do. */
export function isFieldListing(options: unknown): options is FieldListing {
  return typeof options === 'object' && options !== null && 'fieldListing' in options;
}

/** Writes the valid field names, one per line, for `--fields` alone. */
export function writeFieldListing(listing: FieldListing, ctx: RunContext): void {
  ctx.io.stdout.write(listing.fieldListing.map((field) => `${field}\n`).join(''));
}

function checkFields(flag: string, names: readonly string[], valid: readonly string[]): void {
  const unknown = names.filter((name) => !valid.includes(name));
  if (unknown.length > 0) {
    const what = unknown.length === 1 ? `unknown field '${unknown[0]}'` : `unknown fields ${unknown.map((n) => `'${n}'`).join(', ')}`;
    const near = unknown.length === 1 ? closestFolded(unknown[0] ?? '', valid) : undefined;
    throw new UsageError(`${flag}: ${what}`, { hint: `${near !== undefined ? `did you mean ${near}? ` : ''}valid fields: ${valid.join(', ')}` });
  }
}

/** Parses `--sort a,-b` against the valid field names. */
export function parseSortKeys(value: string, valid: readonly string[]): SortKey[] {
  const keys = parseCommaList('--sort', value).map((item) =>
    item.startsWith('-') ? { field: item.slice(1), descending: true } : { field: item.replace(/^\+/, ''), descending: false },
  );
  checkFields('--sort', keys.map((k) => k.field), valid);
  return keys;
}

/**
 * Resolves the output flags. `validFields` are the fields of the records this run would print;
 * `--fields` alone returns a FieldListing instead of settings. `profileFormat` gives the profile's
 * format, asked only when no flag names one.
 */
export function resolveOutputSettings(opts: Readonly<Record<string, unknown>>, validFields: readonly string[], profileFormat: () => string): OutputSettings | FieldListing {
  if (opts.fields === true) return { fieldListing: validFields };
  const output = opts.output as string | undefined;
  // `--json a,b` (as in gh) is `--json --fields a,b`.
  const jsonFields = typeof opts.json === 'string' ? parseCommaList('--json', opts.json) : null;
  const json = opts.json === true || jsonFields !== null;
  const named = output !== undefined || json || typeof opts.jq === 'string';
  const fallback = named ? 'table' : offeredOrTable(profileFormat(), RECORD_FORMATS);
  // A profile's wide is a default, not a request: with --fields it gives way to the field list.
  let format: RecordFormat = fallback === 'wide' && opts.fields !== undefined ? 'table' : fallback;
  if (output !== undefined) {
    if (!(RECORD_FORMATS as readonly string[]).includes(output)) throw new UsageError(`unknown output format '${output}'`, { hint: `use one of ${RECORD_FORMATS.join(', ')}` });
    format = output as RecordFormat;
  }
  if (json) {
    if (output !== undefined && output !== 'json') throw new UsageError(`--json conflicts with --output ${output}`);
    format = 'json';
  }
  const jq = typeof opts.jq === 'string' ? opts.jq : null;
  if (jq !== null) {
    if (jq.trim() === '') throw new UsageError('--jq needs a jq program, e.g. --jq \'.[].processId\'');
    if (output !== undefined && output !== 'json') throw new UsageError(`--jq conflicts with --output ${output}: it filters JSON`);
    format = 'json';
  }
  const quiet = opts.quiet === true;
  if (quiet) {
    const clash = output !== undefined ? `--output ${output}` : json ? '--json' : jq !== null ? '--jq' : opts.fields !== undefined ? '--fields' : null;
    if (clash !== null) throw new UsageError(`--quiet conflicts with ${clash}: it prints only ids`);
  }
  let fields: string[] | null = null;
  if (jsonFields !== null) {
    checkFields('--json', jsonFields, validFields);
    fields = jsonFields;
  }
  if (typeof opts.fields === 'string') {
    const named = parseCommaList('--fields', opts.fields);
    checkFields('--fields', named, validFields);
    fields = [...new Set([...(fields ?? []), ...named])];
  }
  const sort = typeof opts.sort === 'string' ? parseSortKeys(opts.sort, validFields) : [];
  if (fields !== null && format === 'wide') throw new UsageError('--fields conflicts with --output wide: name the fields you want');
  return { format, fields, sort, headers: opts.headers !== false, quiet, jq };
}

/** Work an output needs before any request: a --jq program must compile (exit 2 if not, like any bad flag). */
export async function prepareOutput(settings: OutputSettings): Promise<void> {
  if (settings.jq === null) return;
  const { checkJqProgram, JqFailure } = await import('../render/jq.js');
  try {
    await checkJqProgram(settings.jq);
  } catch (error) {
    if (error instanceof JqFailure) throw new UsageError(`--jq: ${error.message}`);
    throw error;
  }
}

/** Applies --jq to rendered JSON, if asked; a failure on the data is an error of the run (exit 1). */
export async function finishOutput(stdout: string, settings: OutputSettings, ctx: RunContext): Promise<string> {
  if (settings.jq === null) return stdout;
  const { applyJq, JqFailure } = await import('../render/jq.js');
  try {
    const output = await applyJq(stdout, settings.jq, ctx.io.stdout.isTTY);
    for (const message of output.messages) ctx.io.stderr.write(`${sanitizeCell(message)}\n`);
    return output.stdout;
  } catch (error) {
    if (error instanceof JqFailure) throw new HprocError(`--jq: ${error.message}`);
    throw error;
  }
}

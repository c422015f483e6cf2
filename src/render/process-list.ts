import { deprecatedFieldsPresent, deprecationOf, suggestionWords } from '../models/deprecations.js';
import { NEGATIVE_COUNT_WORDS, negativeCountsOf } from '../models/counts.js';
import type { ProcessView } from '../models/normalise.js';
import type { RecordFormat } from './formats.js';
import { processResource } from './process-records.js';
import { DEFAULT_OUTPUT_SETTINGS, renderRecordChunks, renderRecords, type OutputSettings, type OutputTarget } from './records.js';

/** Where the rendered text will go, and in which format, decided once by the command from ctx. */
export interface RenderTarget extends OutputTarget {
  format: RecordFormat;
}

/** Rendered output: the text for stdout, and notes for stderr (one line each). */
export interface Rendered {
  stdout: string;
  notes: string[];
}

/** A one-line note naming the deprecated fields present in raw JSON, with what hproc suggests instead of each (the API names nothing). */
export function deprecationNote(model: ProcessView['model'], raws: readonly unknown[]): string | null {
  const found = new Set<string>();
  for (const raw of raws) {
    if (typeof raw === 'object' && raw !== null) for (const field of deprecatedFieldsPresent(model, raw)) found.add(field);
  }
  if (found.size === 0) return null;
  const parts = [...found].map((field) => `${field} (${suggestionWords(deprecationOf(model, field)?.replacement ?? null)})`);
  return `note: deprecated fields in this output, with hproc's suggestions (the API names no replacements): ${parts.join(', ')}`;
}

/** Renders a list of processes in the requested format, with the output flags' settings. */
export function renderProcessList(
  views: readonly ProcessView[],
  raws: readonly unknown[],
  generation: ProcessView['generation'],
  target: RenderTarget,
  settings: OutputSettings = { ...DEFAULT_OUTPUT_SETTINGS, format: target.format },
): Rendered {
  const rows = views.map((view, i) => ({ view, raw: raws[i] }));
  const rendered = renderRecords(rows, processResource(generation, false), settings, target);
  return { stdout: rendered.stdout, notes: listNotes(views, raws, generation, target, settings) };
}

/** A list of processes rendered in pieces as they are asked for (see renderRecordChunks); joined, renderProcessList's text. */
export interface StreamedList {
  chunks: Iterable<string>;
  notes: string[];
}

/** Like renderProcessList, for output written as it is made: a long listing is never one string. */
export function streamProcessList(
  views: readonly ProcessView[],
  raws: readonly unknown[],
  generation: ProcessView['generation'],
  target: RenderTarget,
  settings: OutputSettings = { ...DEFAULT_OUTPUT_SETTINGS, format: target.format },
): StreamedList {
  const rows = views.map((view, i) => ({ view, raw: raws[i] }));
  return { chunks: renderRecordChunks(rows, processResource(generation, false), settings, target), notes: listNotes(views, raws, generation, target, settings) };
}

function listNotes(
  views: readonly ProcessView[],
  raws: readonly unknown[],
  generation: ProcessView['generation'],
  target: RenderTarget,
  settings: OutputSettings,
): string[] {
  const notes: string[] = [];
  const format = settings.jq !== null ? 'json' : settings.format;
  if (settings.quiet) {
    // Ids only: nothing for a person to read.
  } else if (format === 'json' || format === 'ndjson') {
    if (target.stderrIsTTY) {
      const models = new Set(views.map((v) => v.model));
      for (const model of models) {
        const note = deprecationNote(model, raws.filter((_, i) => views[i]?.model === model));
        if (note !== null) notes.push(note);
      }
    }
  } else if (format === 'wide' && generation === 'v1' && target.stderrIsTTY) {
    notes.push(`note: CONNECTIONS is the deprecated v1 field activeConnections; ${suggestionWords(deprecationOf('Process', 'activeConnections')?.replacement ?? null)} (the API names no replacement)`);
  }
  // Tables mark negative counts in their cells; this line says what the mark means (and JSON,
  // which is never altered, gets the same word).
  if (!settings.quiet) {
    const hits = views.map(negativeCountsOf).filter((fields) => fields.length > 0);
    if (hits.length > 0) {
      const fields = [...new Set(hits.flat())].join(', ');
      notes.push(`note: ${hits.length} ${hits.length === 1 ? 'process carries a' : 'processes carry a'} ${NEGATIVE_COUNT_WORDS} (${fields})`);
    }
  }
  return notes;
}

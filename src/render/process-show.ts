import type { ProcessView } from '../models/normalise.js';
import { renderDetailWrapped, renderDetailPlain } from './detail.js';
import { processResource } from './process-records.js';
import { DEFAULT_OUTPUT_SETTINGS, renderRecords, type OutputSettings } from './records.js';
import { processDetailSections } from './process-detail.js';
import { NO_EXTRAS, type ProcessExtras } from './process-extras.js';
import { deprecationNote, type Rendered, type RenderTarget } from './process-list.js';
import { createTheme } from './theme.js';

/** Whether these settings give the sections for a person (the only output that shows extras), rather than records or JSON. */
export function showsDetailView(settings: OutputSettings): boolean {
  return settings.jq === null && !settings.quiet && settings.fields === null && (settings.format === 'table' || settings.format === 'wide');
}

/** Renders one process: JSON as sent, or grouped sections (boxed on a terminal, plain when piped), with `extras` in the sections only. */
export async function renderProcessDetail(
  view: ProcessView,
  raw: unknown,
  target: RenderTarget,
  settings: OutputSettings = { ...DEFAULT_OUTPUT_SETTINGS, format: target.format },
  extras: ProcessExtras = NO_EXTRAS,
): Promise<Rendered> {
  if (!showsDetailView(settings)) {
    const rendered = renderRecords([{ view, raw }], processResource(view.generation, true), settings, target, true);
    const format = settings.jq !== null ? 'json' : settings.format;
    const isJson = format === 'json' || format === 'ndjson';
    const note = isJson && !settings.quiet && target.stderrIsTTY ? deprecationNote(view.model, [raw]) : null;
    return { stdout: rendered.stdout, notes: note === null ? [] : [note] };
  }
  const sections = processDetailSections(view, raw, { relative: target.stdoutIsTTY, now: target.now }, extras);
  const theme = createTheme(target.colour);
  const text = target.stdoutIsTTY
    ? await renderDetailWrapped(sections, theme, target.width ?? 100)
    : renderDetailPlain(sections, theme);
  return { stdout: text, notes: [] };
}

/** One process to show, with its extras when the detail view has them. */
export interface ShownProcess {
  view: ProcessView;
  raw: unknown;
  extras?: ProcessExtras;
}

/**
 * Renders several processes (`hproc show a b`): the detail views one after another, or records
 * (JSON: an array, in the order asked). One process renders exactly as renderProcessDetail.
 */
export async function renderProcessDetails(shown: readonly ShownProcess[], target: RenderTarget, settings: OutputSettings): Promise<Rendered> {
  const [first] = shown;
  if (shown.length === 1 && first !== undefined) return renderProcessDetail(first.view, first.raw, target, settings, first.extras);
  if (!showsDetailView(settings) || first === undefined) {
    const rendered = renderRecords(shown.map(({ view, raw }) => ({ view, raw })), processResource(first?.view.generation ?? 'v3', true), settings, target, false);
    const format = settings.jq !== null ? 'json' : settings.format;
    const isJson = format === 'json' || format === 'ndjson';
    const note = isJson && !settings.quiet && target.stderrIsTTY && first !== undefined ? deprecationNote(first.view.model, shown.map((s) => s.raw)) : null;
    return { stdout: rendered.stdout, notes: note === null ? [] : [note] };
  }
  const parts = await Promise.all(shown.map((s) => renderProcessDetail(s.view, s.raw, target, settings, s.extras)));
  return { stdout: parts.map((p) => p.stdout).join('\n'), notes: parts.flatMap((p) => p.notes) };
}

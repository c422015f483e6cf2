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

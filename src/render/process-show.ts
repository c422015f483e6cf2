import type { ProcessView } from '../models/normalise.js';
import { renderDetailWrapped, renderDetailPlain } from './detail.js';
import { renderJson, renderNdjson } from './json.js';
import { processDetailSections } from './process-detail.js';
import { deprecationNote, type Rendered, type RenderTarget } from './process-list.js';
import { createTheme } from './theme.js';

/** Renders one process: JSON as sent, or grouped sections (boxed on a terminal, plain when piped). */
export async function renderProcessDetail(view: ProcessView, raw: unknown, target: RenderTarget): Promise<Rendered> {
  if (target.format === 'json' || target.format === 'ndjson') {
    const note = target.stderrIsTTY ? deprecationNote(view.model, [raw]) : null;
    const text = target.format === 'json' ? renderJson(raw, target.stdoutIsTTY) : renderNdjson(raw, target.stdoutIsTTY);
    return { stdout: text, notes: note === null ? [] : [note] };
  }
  const sections = processDetailSections(view, raw, { relative: target.stdoutIsTTY, now: target.now });
  const theme = createTheme(target.colour);
  const text = target.stdoutIsTTY
    ? await renderDetailWrapped(sections, theme, target.width ?? 100)
    : renderDetailPlain(sections, theme);
  return { stdout: text, notes: [] };
}

import { deprecatedFieldsPresent, deprecationOf } from '../models/deprecations.js';
import type { ProcessView } from '../models/normalise.js';
import type { OutputFormat } from '../cli/option-groups.js';
import { renderJson, renderNdjson } from './json.js';
import { processColumns, wideProcessColumns } from './process-columns.js';
import { renderTable } from './table.js';
import { createTheme } from './theme.js';

/** Where the rendered text will go, decided once by the command from ctx. */
export interface RenderTarget {
  format: OutputFormat;
  colour: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  width: number | undefined;
  now: Date;
}

/** Rendered output: the text for stdout, and notes for stderr (one line each). */
export interface Rendered {
  stdout: string;
  notes: string[];
}

/** A one-line note naming the deprecated fields present in raw JSON, with what replaces each. */
export function deprecationNote(model: ProcessView['model'], raws: readonly unknown[]): string | null {
  const found = new Set<string>();
  for (const raw of raws) {
    if (typeof raw === 'object' && raw !== null) for (const field of deprecatedFieldsPresent(model, raw)) found.add(field);
  }
  if (found.size === 0) return null;
  const parts = [...found].map((field) => {
    const replacement = deprecationOf(model, field)?.replacement ?? null;
    return replacement === null ? `${field} (no replacement)` : `${field} (use ${replacement})`;
  });
  return `note: deprecated fields in this output: ${parts.join(', ')}`;
}

/** Renders a list of processes in the requested format. */
export function renderProcessList(
  views: readonly ProcessView[],
  raws: readonly unknown[],
  generation: ProcessView['generation'],
  target: RenderTarget,
): Rendered {
  const notes: string[] = [];
  if (target.format === 'json' || target.format === 'ndjson') {
    if (target.stderrIsTTY) {
      const models = new Set(views.map((v) => v.model));
      for (const model of models) {
        const note = deprecationNote(model, raws.filter((_, i) => views[i]?.model === model));
        if (note !== null) notes.push(note);
      }
    }
    const text = target.format === 'json' ? renderJson(raws, target.stdoutIsTTY) : renderNdjson(raws, target.stdoutIsTTY);
    return { stdout: text, notes };
  }
  const style = { relative: target.stdoutIsTTY, now: target.now };
  const columns = target.format === 'wide' ? wideProcessColumns(style, generation) : processColumns(style);
  if (target.format === 'wide' && generation === 'v1' && target.stderrIsTTY) {
    notes.push(`note: CONNECTIONS is the deprecated v1 field activeConnections; use ${deprecationOf('Process', 'activeConnections')?.replacement ?? 'v3 metrics'}`);
  }
  const text = renderTable(columns, views, {
    theme: createTheme(target.colour),
    width: target.stdoutIsTTY ? target.width : undefined,
    headers: true,
  });
  return { stdout: views.length === 0 ? '' : text, notes };
}

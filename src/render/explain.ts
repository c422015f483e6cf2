// `hproc explain`: the field explainer, read from the same field docs and deprecation registry that
// drive rendering. No zod or undici on this path (cli-table3 only to wrap one field on a terminal).
import { DEPRECATIONS, deprecationOf, operationDeprecationOf, suggestionWords, type Deprecation, type DeprecationModelName } from '../models/deprecations.js';
import { FIELD_DOCS, type DocumentedModel, type FieldDoc } from '../models/field-docs.js';
import { DOCUMENTED_MODELS, MODEL_DESCRIPTIONS, MODEL_GENERATIONS } from '../models/model-docs.js';
import { renderDetailPlain, renderDetailWrapped, type DetailRow } from './detail.js';
import { renderTable, type Column } from './table.js';
import { createTheme, type Theme } from './theme.js';

/** The registry entry of a field, for models the registry covers (the others have no deprecated field). */
export function deprecationFor(model: DocumentedModel, field: string): Deprecation | null {
  return Object.hasOwn(DEPRECATIONS, model) ? deprecationOf(model as DeprecationModelName, field) : null;
}

function deprecatedCount(model: DocumentedModel): number {
  return Object.keys(FIELD_DOCS[model]).filter((field) => deprecationFor(model, field)?.deprecated === true).length;
}

/** Words for a field's deprecation state, as the FIELD list and the detail view show it. */
export function deprecationWords(info: Deprecation | null): string {
  if (info === null) return '';
  if (info.deprecated) return `⚠ deprecated; ${suggestionWords(info.replacement)}`;
  return `superseded; ${suggestionWords(info.replacement)}`;
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** `hproc explain`: every documented model, one per line; `width` (a terminal's) cuts the descriptions to fit. */
export function renderModelList(colour: boolean, width?: number): string {
  const theme = createTheme(colour);
  const columns: Column<DocumentedModel>[] = [
    { header: 'MODEL', value: (m) => m },
    { header: 'API', value: (m) => MODEL_GENERATIONS[m].join(' ') },
    { header: 'FIELDS', value: (m) => String(Object.keys(FIELD_DOCS[m]).length), align: 'right' },
    { header: 'DEPRECATED', value: (m) => String(deprecatedCount(m)), align: 'right' },
    { header: 'DESCRIPTION', value: (m) => MODEL_DESCRIPTIONS[m], shorten: true },
  ];
  return renderTable(columns, DOCUMENTED_MODELS, { theme, width, headers: true }) + '\nhproc explain <Model> lists its fields; hproc explain <Model>.<field> explains one.\n';
}

/** `hproc explain Model`: the model's fields with type, nullability, presence and deprecation, then what replaces each deprecated or superseded one. */
export function renderModelFields(model: DocumentedModel, colour: boolean): string {
  const theme = createTheme(colour);
  const fields = Object.keys(FIELD_DOCS[model]);
  const doc = (f: string): FieldDoc => FIELD_DOCS[model][f] as FieldDoc;
  const columns: Column<string>[] = [
    { header: 'FIELD', value: (f) => f },
    { header: 'TYPE', value: (f) => doc(f).type },
    { header: 'NULLABLE', value: (f) => yesNo(doc(f).nullable) },
    { header: 'REQUIRED', value: (f) => yesNo(doc(f).required) },
    { header: 'API', value: (f) => doc(f).generations.join(' ') },
    {
      header: 'DEPRECATED',
      value: (f) => {
        const info = deprecationFor(model, f);
        return info === null ? 'no' : info.deprecated ? '⚠ yes' : 'superseded';
      },
      style: (text, f, t) => (deprecationFor(model, f)?.deprecated === true ? t.warn(text) : text),
    },
  ];
  const out = [`${theme.bold(model)}: ${MODEL_DESCRIPTIONS[model]}`, '', renderTable(columns, fields, { theme, width: undefined, headers: true })];
  // The replacements get lines of their own: in a column they would be cut on any terminal.
  const replaced = (deprecated: boolean): string[] => fields.filter((f) => deprecationFor(model, f)?.deprecated === deprecated);
  const insteadColumns: Column<string>[] = [
    { header: '', value: (f) => `  ${f}` },
    { header: '', value: (f) => deprecationFor(model, f)?.replacement ?? 'none known' },
  ];
  for (const [deprecated, title] of [[true, "Deprecated fields: hproc's suggestions (the API names no replacements)"], [false, "Superseded, not deprecated: hproc's suggestions"]] as const) {
    const list = replaced(deprecated);
    if (list.length > 0) out.push(theme.heading(title), renderTable(insteadColumns, list, { theme, width: undefined, headers: false }));
  }
  out.push(`hproc explain ${model}.<field> explains one field.\n`);
  return out.join('\n');
}

/** `hproc explain Model.field`: everything hproc knows about one field; with a terminal's `width`, wrapped to it. */
export async function renderField(model: DocumentedModel, field: string, doc: FieldDoc, path: string, colour: boolean, width?: number): Promise<string> {
  const theme: Theme = createTheme(colour);
  const info = deprecationFor(model, field);
  const rows: DetailRow[] = [
    { key: 'model', value: model },
    { key: 'type', value: doc.type },
    { key: 'nullable', value: doc.nullable ? 'yes: the API may send null' : 'no' },
    { key: 'required', value: doc.required ? 'yes: the key is always sent' : 'no: the key may be absent' },
    { key: 'generations', value: doc.generations.join(', ') },
    { key: 'meaning', value: doc.meaning },
  ];
  const operation = operationDeprecationOf(model);
  if (operation !== null) {
    rows.push({ key: 'operation', value: `⚠ flagged deprecated by the API: ${operation.operation}; hproc suggests ${operation.suggestion}` });
  }
  if (info === null) rows.push({ key: 'deprecated', value: 'no' });
  else if (info.deprecated) {
    rows.push(
      { key: 'deprecated', value: '⚠ yes, flagged deprecated by the API' },
      { key: 'suggested', value: `${info.replacement ?? 'none known'} (hproc's suggestion: the API names no replacement)` },
      { key: 'note', value: info.note },
    );
  } else {
    rows.push(
      { key: 'deprecated', value: 'no, but superseded' },
      { key: 'suggested', value: `${info.replacement ?? 'none known'} (hproc's suggestion: the API names no replacement)` },
      { key: 'note', value: info.note },
    );
  }
  // On a terminal long meanings and notes wrap within their column.
  return width === undefined ? renderDetailPlain([{ title: path, rows }], theme) : renderDetailWrapped([{ title: path, rows }], theme, width);
}

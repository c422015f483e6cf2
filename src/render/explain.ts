// `hproc explain`: the field explainer, read from the same field docs and deprecation registry that
// drive rendering. No zod, undici or cli-table3 on this path.
import { deprecationOf, type Deprecation, type ProcessModelName } from '../models/deprecations.js';
import { FIELD_DOCS, type DocumentedModel, type FieldDoc } from '../models/field-docs.js';
import { DOCUMENTED_MODELS, MODEL_DESCRIPTIONS, MODEL_GENERATIONS } from '../models/model-docs.js';
import { renderDetailPlain, type DetailRow } from './detail.js';
import { renderTable, type Column } from './table.js';
import { createTheme, type Theme } from './theme.js';

/** The registry entry of a field, for models the registry covers (ExposedPort has no deprecations). */
export function deprecationFor(model: DocumentedModel, field: string): Deprecation | null {
  return model === 'ExposedPort' ? null : deprecationOf(model as ProcessModelName, field);
}

function deprecatedCount(model: DocumentedModel): number {
  return Object.keys(FIELD_DOCS[model]).filter((field) => deprecationFor(model, field)?.deprecated === true).length;
}

/** Words for a field's deprecation state, as the FIELD list and the detail view show it. */
export function deprecationWords(info: Deprecation | null): string {
  if (info === null) return '';
  if (info.deprecated) return info.replacement === null ? '⚠ deprecated; nothing replaces it' : `⚠ deprecated; use ${info.replacement}`;
  return `superseded by ${info.replacement ?? 'nothing'}`;
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** `hproc explain`: every documented model, one per line. */
export function renderModelList(colour: boolean): string {
  const theme = createTheme(colour);
  const columns: Column<DocumentedModel>[] = [
    { header: 'MODEL', value: (m) => m },
    { header: 'API', value: (m) => MODEL_GENERATIONS[m].join(' ') },
    { header: 'FIELDS', value: (m) => String(Object.keys(FIELD_DOCS[m]).length), align: 'right' },
    { header: 'DEPRECATED', value: (m) => String(deprecatedCount(m)), align: 'right' },
    { header: 'DESCRIPTION', value: (m) => MODEL_DESCRIPTIONS[m] },
  ];
  return renderTable(columns, DOCUMENTED_MODELS, { theme, width: undefined, headers: true }) + '\nhproc explain <Model> lists its fields; hproc explain <Model>.<field> explains one.\n';
}

/** `hproc explain Model`: the model's fields with type, nullability, presence and deprecation. */
export function renderModelFields(model: DocumentedModel, colour: boolean): string {
  const theme = createTheme(colour);
  const fields = Object.keys(FIELD_DOCS[model]);
  const columns: Column<string>[] = [
    { header: 'FIELD', value: (f) => f },
    { header: 'TYPE', value: (f) => (FIELD_DOCS[model][f] as FieldDoc).type },
    { header: 'NULLABLE', value: (f) => yesNo((FIELD_DOCS[model][f] as FieldDoc).nullable) },
    { header: 'REQUIRED', value: (f) => yesNo((FIELD_DOCS[model][f] as FieldDoc).required) },
    { header: 'API', value: (f) => (FIELD_DOCS[model][f] as FieldDoc).generations.join(' ') },
    {
      header: 'DEPRECATION',
      value: (f) => deprecationWords(deprecationFor(model, f)),
      style: (text, f, t) => (deprecationFor(model, f)?.deprecated === true ? t.warn(text) : text),
    },
  ];
  const head = `${theme.bold(model)}: ${MODEL_DESCRIPTIONS[model]}\n\n`;
  return head + renderTable(columns, fields, { theme, width: undefined, headers: true }) + `\nhproc explain ${model}.<field> explains one field.\n`;
}

/** `hproc explain Model.field`: everything hproc knows about one field. */
export function renderField(model: DocumentedModel, field: string, doc: FieldDoc, path: string, colour: boolean): string {
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
  if (info === null) rows.push({ key: 'deprecated', value: 'no' });
  else if (info.deprecated) {
    rows.push(
      { key: 'deprecated', value: '⚠ yes, flagged deprecated by the API' },
      { key: 'instead', value: info.replacement ?? 'nothing replaces it' },
      { key: 'note', value: info.note },
    );
  } else {
    rows.push(
      { key: 'deprecated', value: 'no, but superseded' },
      { key: 'instead', value: info.replacement ?? 'nothing' },
      { key: 'note', value: info.note },
    );
  }
  return renderDetailPlain([{ title: path, rows }], theme);
}

// Processes as records for the shared renderer (records.ts): which fields each API generation has,
// how each is shown, and the hand-made default and wide tables.
import { FIELD_DOCS } from '../models/field-docs.js';
import { processFieldNames, processModelsOf } from '../models/process-fields.js';
import { deprecationOf, type ProcessModelName } from '../models/deprecations.js';
import type { ApiGeneration, ProcessView } from '../models/normalise.js';
import { processColumns, wideProcessColumns } from './process-columns.js';
import { headerOfField, type FieldKind, type RecordResource } from './records.js';

function kindOf(type: string): FieldKind {
  if (type === 'timestamp') return 'time';
  if (type === 'ExposedPort') return 'port';
  if (type === 'ExposedPort[]') return 'ports';
  return 'text';
}

/** The record description of processes of a generation (`single`: the `show` model). */
export function processResource(generation: ApiGeneration, single: boolean): RecordResource<ProcessView> {
  const models = processModelsOf(generation, single);
  const fields = processFieldNames(generation, single);
  const kinds: Record<string, FieldKind> = {};
  for (const model of models) {
    for (const [name, doc] of Object.entries(FIELD_DOCS[model])) kinds[name] = kindOf(doc.type);
  }
  kinds.egressedBytes = 'bytes';
  const created = generation === 'v1' ? 'startingAt' : 'createdAt';
  const defaultFields = ['processId', 'status', 'region', 'roomsAllocated', 'roomsPerProcess', 'exposedPort', created].filter((f) => fields.includes(f));
  // The last model has every field of the others (ProcessWithRooms extends Process).
  const model = models[models.length - 1] as ProcessModelName;
  return {
    fields,
    defaultFields,
    idField: 'processId',
    kinds,
    columns: (style, wide) => (wide ? wideProcessColumns(style, generation) : processColumns(style)),
    // Deprecated fields say so in words, wherever they are shown.
    headerOf: (field) => (deprecationOf(model, field)?.deprecated ? `${headerOfField(field)} (DEPRECATED)` : headerOfField(field)),
  };
}

// Which wire fields processes of each API generation have, for --fields and --sort. No zod: flag
// validation runs on the start-up path.
import { FIELD_DOCS, type DocumentedModel } from './field-docs.js';
import type { ApiGeneration } from './normalise.js';

/** The wire models a command's records come from (`single`: one process, as `show` fetches it). */
export function processModelsOf(generation: ApiGeneration, single: boolean): Exclude<DocumentedModel, 'ExposedPort'>[] {
  if (generation === 'v3') return ['ProcessV3'];
  if (generation === 'v2') return ['ProcessV2'];
  // A v1 listing mixes running records (with rooms) and stopped ones; `show` returns the plain model.
  return single ? ['Process'] : ['Process', 'ProcessWithRooms'];
}

/** The fields a user may name in --fields and --sort for processes of a generation, sorted by name. */
export function processFieldNames(generation: ApiGeneration, single: boolean): string[] {
  return [...new Set(processModelsOf(generation, single).flatMap((model) => Object.keys(FIELD_DOCS[model])))].sort();
}

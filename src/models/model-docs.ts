// What each documented model is, and how `Model.field.sub` paths resolve against the field docs.
// No zod here: the field explainer must not pay for loading the validator.
import { FIELD_DOCS, type DocumentedModel, type FieldDoc } from './field-docs.js';
import type { ApiGeneration } from './normalise.js';

/** One sentence per documented model, with where it comes from. */
export const MODEL_DESCRIPTIONS: Readonly<Record<DocumentedModel, string>> = {
  Process: 'A process as the deprecated v1 API returns it (info, stopped list): the richest record, with seven deprecated fields.',
  ProcessWithRooms: 'A v1 Process plus its rooms, as the deprecated v1 running list returns it.',
  ProcessV2: 'A process as the deprecated v2 API returns it: v1 without usage fields, with a status.',
  ProcessV3: 'A process as the current v3 API returns it: lifecycle steps, fleet, hosting and exit reason.',
  ExposedPort: 'A public endpoint of a process (exposedPort and each of additionalExposedPorts).',
  RoomWithoutAllocations: 'A room of a process, as the rooms endpoints (and the v1 running list) return it.',
  RoomAllocation: 'Where a room is placed: its process and when it got there and left.',
  MetricValue: 'One metric sample: a value at a time.',
  ProcessMetricsData: 'The current (v3) metrics of a process: one series per metric asked for.',
  DeprecatedProcessMetricsData: 'The metrics of a process through the deprecated v1 endpoint, snake_case on the wire.',
  DeploymentV3: "A v3 deployment: what each of its processes requests (CPU, memory, rooms) and its idle timeout.",
  ContainerPort: 'A port a game server listens on inside its container.',
};

/** The API generations whose answers use each model (for rooms: processes of every generation). */
export const MODEL_GENERATIONS: Readonly<Record<DocumentedModel, readonly ApiGeneration[]>> = {
  Process: ['v1'],
  ProcessWithRooms: ['v1'],
  ProcessV2: ['v2'],
  ProcessV3: ['v3'],
  ExposedPort: ['v1', 'v2', 'v3'],
  RoomWithoutAllocations: ['v1', 'v2', 'v3'],
  RoomAllocation: ['v1', 'v2', 'v3'],
  MetricValue: ['v1', 'v3'],
  ProcessMetricsData: ['v3'],
  DeprecatedProcessMetricsData: ['v1'],
  DeploymentV3: ['v3'],
  ContainerPort: ['v3'],
};

/** The documented models, in the order the explainer lists them. */
export const DOCUMENTED_MODELS = Object.keys(MODEL_DESCRIPTIONS) as DocumentedModel[];

/** A resolved explainer path: a model, or one field of a model (possibly reached through nested models). */
export type ExplainTarget =
  | { kind: 'model'; model: DocumentedModel }
  | { kind: 'field'; model: DocumentedModel; field: string; doc: FieldDoc; path: string };

/** Why a path did not resolve, with the names that would have. */
export interface ExplainMiss {
  message: string;
  validNames: string[];
  /** The name that matched nothing, for "did you mean". */
  unknown?: string;
}

function matchName(name: string, candidates: readonly string[]): string | undefined {
  if (candidates.includes(name)) return name;
  // Forgiving about case (`process.activeconnections`) as long as only one name matches.
  const folded = candidates.filter((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

/** The model a field's type names (`ExposedPort`, `ExposedPort[]`), if it is a documented one. */
export function modelOfType(type: string): DocumentedModel | undefined {
  const bare = type.endsWith('[]') ? type.slice(0, -2) : type;
  return (DOCUMENTED_MODELS as string[]).includes(bare) ? (bare as DocumentedModel) : undefined;
}

/** Resolves `Model`, `Model.field` or `Model.field.subfield` (through fields whose type is a documented model). */
export function resolveExplainPath(path: string): ExplainTarget | ExplainMiss {
  const [first = '', ...rest] = path.split('.');
  const model = matchName(first, DOCUMENTED_MODELS) as DocumentedModel | undefined;
  if (model === undefined) return { message: `unknown model '${first}'`, validNames: [...DOCUMENTED_MODELS], unknown: first };
  if (rest.length === 0) return { kind: 'model', model };
  let current: DocumentedModel = model;
  const walked: string[] = [model];
  for (let i = 0; i < rest.length; i += 1) {
    const fields = Object.keys(FIELD_DOCS[current]);
    const field = matchName(rest[i] ?? '', fields);
    if (field === undefined) return { message: `${current} has no field '${rest[i] ?? ''}'`, validNames: fields, unknown: rest[i] ?? '' };
    const doc = FIELD_DOCS[current][field] as FieldDoc;
    walked.push(field);
    if (i === rest.length - 1) return { kind: 'field', model: current, field, doc, path: walked.join('.') };
    const inner = modelOfType(doc.type);
    if (inner === undefined) return { message: `${current}.${field} is a ${doc.type}, which has no fields`, validNames: [] };
    current = inner;
  }
  return { kind: 'model', model: current };
}

// What changed between two polls of a process list, as Kubernetes-style watch events. Pure, so the
// rules are tested without a server: a process that appears is ADDED, one whose record changed in
// any field is MODIFIED, and one that left the list (stopped out of a status filter, or past the
// limit) is DELETED with the last record seen.
import { stringifyJson } from '../render/json.js';

/** One process as polled: its id, its status and the raw record the API sent. */
export interface PolledProcess {
  processId: string;
  status: string;
  raw: unknown;
}

/** A watch event, in the shape `--watch` writes as NDJSON. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: unknown;
}

/** A change with what the renderers need besides the event. */
export interface ProcessChange {
  event: WatchEvent;
  processId: string;
  /** The status before a MODIFIED (null for ADDED and DELETED). */
  previousStatus: string | null;
  status: string;
}

/** Compares a poll with the previous one (an empty map for the first poll: everything is ADDED). */
export function diffPolls(previous: ReadonlyMap<string, PolledProcess>, current: readonly PolledProcess[]): ProcessChange[] {
  const changes: ProcessChange[] = [];
  const seen = new Set<string>();
  for (const process of current) {
    if (seen.has(process.processId)) continue;
    seen.add(process.processId);
    const before = previous.get(process.processId);
    if (before === undefined) {
      changes.push({ event: { type: 'ADDED', object: process.raw }, processId: process.processId, previousStatus: null, status: process.status });
    } else if (stringifyJson(before.raw, 0) !== stringifyJson(process.raw, 0)) {
      changes.push({ event: { type: 'MODIFIED', object: process.raw }, processId: process.processId, previousStatus: before.status, status: process.status });
    }
  }
  for (const [processId, before] of previous) {
    if (!seen.has(processId)) changes.push({ event: { type: 'DELETED', object: before.raw }, processId, previousStatus: null, status: before.status });
  }
  return changes;
}

/** Indexes a poll by process id, for the next comparison. */
export function indexPoll(current: readonly PolledProcess[]): Map<string, PolledProcess> {
  return new Map(current.map((process) => [process.processId, process]));
}

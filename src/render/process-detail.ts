import { deprecationOf, suggestionWords } from '../models/deprecations.js';
import { INVALID_MARK, NEGATIVE_COUNT_WORDS, negativeCountsOf } from '../models/counts.js';
import type { ProcessView } from '../models/normalise.js';
import type { DetailRow, DetailSection } from './detail.js';
import { formatBytes, formatDuration, formatRelative, formatTimestamp } from './format.js';
import { formatAddress, type TimeStyle } from './process-columns.js';
import { stringifyJson } from './json.js';
import { extraSections, idleRow, NO_EXTRAS, type ProcessExtras } from './process-extras.js';

type RawRecord = Readonly<Record<string, unknown>>;

const LIFECYCLE: Record<ProcessView['generation'], ReadonlyArray<readonly [string, keyof ProcessView]>> = {
  v3: [['created', 'createdAt'], ['scheduled', 'scheduledAt'], ['booted', 'bootedAt'], ['started', 'startedAt'], ['stopping', 'stoppingAt'], ['terminated', 'terminatedAt']],
  v2: [['created', 'createdAt'], ['started', 'startedAt'], ['stopping', 'stoppingAt'], ['terminated', 'terminatedAt']],
  v1: [['starting', 'createdAt'], ['started', 'startedAt'], ['stopping', 'stoppingAt'], ['terminated', 'terminatedAt']],
};

function when(iso: string, style: TimeStyle): string {
  const absolute = formatTimestamp(iso);
  return style.relative ? `${absolute} (${formatRelative(iso, style.now)})` : absolute;
}

function lifecycleRows(view: ProcessView, style: TimeStyle): DetailRow[] {
  const rows: DetailRow[] = [];
  let previous: { label: string; at: number } | null = null;
  for (const [label, key] of LIFECYCLE[view.generation]) {
    const iso = view[key] as string | null;
    if (iso === null) {
      rows.push({ key: label, value: '' });
      continue;
    }
    const at = Date.parse(iso);
    const row: DetailRow = { key: label, value: when(iso, style) };
    if (previous !== null && !Number.isNaN(at)) {
      const delta = at - previous.at;
      row.note = delta < 0
        ? `${formatDuration(delta)} after ${previous.label}: out of order`
        : `+${formatDuration(delta)} after ${previous.label}`;
      if (delta < 0) row.warn = true;
    }
    if (!Number.isNaN(at)) previous = { label, at };
    rows.push(row);
  }
  return rows;
}

// A deprecated field keeps its wire name, so a reader can find it in the JSON; the note gives hproc's
// suggestion, labelled as such: the API names no replacement.
/** What `show` says of the v1/v2 integer `deploymentId`: a number it cannot vouch for, not the deployment. */
export const LEGACY_DEPLOYMENT_NOTE = "a v1/v2 number, not the deployment's id: invalid for apps on v3 deployments, Hathora warns; --api v3 names it";

function deprecatedRow(view: ProcessView, raw: RawRecord, field: string, style: TimeStyle): DetailRow | null {
  const info = deprecationOf(view.model, field);
  if (info === null || !info.deprecated) return null;
  const note = `deprecated; ${suggestionWords(info.replacement)}`;
  if (!Object.hasOwn(raw, field)) return { key: field, value: '(absent)', note, warn: true };
  const value = raw[field];
  let text: string;
  if (value === null) text = '';
  else if (typeof value === 'string' && field !== 'host') text = when(value, style);
  else text = typeof value === 'string' ? value : stringifyJson(value, 0);
  return { key: field, value: text, note, warn: true };
}

function present(rows: ReadonlyArray<DetailRow | null>): DetailRow[] {
  return rows.filter((row): row is DetailRow => row !== null);
}

/** Groups one process into sections for a person: identity, status, lifecycle, capacity, network, usage, and what `extras` brings. */
export function processDetailSections(view: ProcessView, raw: unknown, style: TimeStyle, extras: ProcessExtras = NO_EXTRAS): DetailSection[] {
  const record: RawRecord = typeof raw === 'object' && raw !== null ? (raw as RawRecord) : {};
  const v1 = view.generation === 'v1';
  const negative = new Set<string>(negativeCountsOf(view));
  const flagged = (...fields: string[]): Partial<DetailRow> => {
    const hit = fields.filter((field) => negative.has(field));
    return hit.length === 0 ? {} : { note: `${hit.join(', ')}: ${NEGATIVE_COUNT_WORDS}`, warn: true };
  };
  const dep = (field: string): DetailRow | null => {
    const row = v1 ? deprecatedRow(view, record, field, style) : null;
    if (row !== null && negative.has(field)) row.note = `${row.note ?? ''}; ${NEGATIVE_COUNT_WORDS}`;
    return row;
  };

  const identity: DetailRow[] = [
    { key: 'process', value: view.processId },
    { key: 'app', value: view.appId },
    { key: 'region', value: view.region },
    view.generation === 'v3'
      ? { key: 'deployment', value: String(view.deploymentId) }
      : { key: 'deployment no.', value: String(view.deploymentId), note: LEGACY_DEPLOYMENT_NOTE },
  ];
  if (view.generation === 'v3') {
    const fleet = extras.fleet ?? null;
    const fleetNote = fleet === null ? {} : { note: `${fleet.name}, node shape ${fleet.nodeShape}` };
    identity.push({ key: 'fleet', value: view.fleetId ?? '', ...fleetNote }, { key: 'hosting', value: view.hosting ?? '' });
  }
  identity.push({ key: 'api', value: `${view.generation} (${view.model})` });

  const status: DetailRow[] = [
    {
      key: 'status',
      value: view.status,
      status: view.status,
      ...(view.statusDerived ? { note: 'derived from the timestamps: the v1 API has no status field' } : {}),
    },
  ];
  if (view.generation === 'v3') status.push({ key: 'exit reason', value: view.summaryExitReason ?? '' });
  if (v1 && view.draining !== null) status.push({ key: 'draining', value: view.draining ? 'yes' : 'no' });
  status.push(...present([dep('idleSince'), idleRow(view, extras, style.now)]));

  const capacity: DetailRow[] = [
    { key: 'rooms', value: `${view.roomsAllocated} of ${view.roomsPerProcess} allocated`, ...flagged('roomsAllocated', 'roomsPerProcess') },
    // Worked out from a negative count, the difference would pass for a real figure: it is marked too.
    negative.has('roomsAllocated') || negative.has('roomsPerProcess')
      ? { key: 'free slots', value: `${view.freeSlots} ${INVALID_MARK}`, note: 'rooms per process − rooms allocated, from a negative count: not a real figure', warn: true }
      : { key: 'free slots', value: String(view.freeSlots), note: 'rooms per process − rooms allocated' },
  ];
  if (view.roomCount !== null) {
    capacity.push({ key: 'room list', value: `${view.roomCount} rooms listed, totalRooms ${view.totalRooms ?? ''}`, ...flagged('totalRooms') });
  }
  capacity.push(...present([dep('roomSlotsAvailable'), dep('roomSlotsAvailableUpdatedAt')]));

  const network: DetailRow[] = [
    { key: 'main', value: view.exposedPort === null ? '' : `${formatAddress(view.exposedPort)} (${view.exposedPort.name})` },
    ...view.additionalExposedPorts.map((port) => ({ key: port.name, value: formatAddress(port) })),
    ...present([dep('host'), dep('port')]),
  ];

  const usage: DetailRow[] = [];
  if (v1) {
    if (view.egressedBytes !== null) usage.push({ key: 'egress', value: formatBytes(view.egressedBytes), note: `${view.egressedBytes} bytes sent`, ...flagged('egressedBytes') });
    usage.push(...present([dep('activeConnections'), dep('activeConnectionsUpdatedAt')]));
  }

  return [
    { title: 'Process', rows: identity },
    { title: 'Status', rows: status },
    { title: 'Lifecycle', rows: lifecycleRows(view, style) },
    { title: 'Capacity', rows: capacity },
    { title: 'Network', rows: network },
    { title: 'Usage', rows: usage },
    ...extraSections(view, extras, style),
  ];
}

// `hproc rooms`: the rooms of one process, one per line.
import type { RoomWithoutAllocations } from '../models/room.js';
import { formatRelative, formatTimestamp } from './format.js';
import { renderJson, renderNdjson } from './json.js';
import type { TimeStyle } from './process-columns.js';
import type { Rendered, RenderTarget } from './process-list.js';
import { fittedWidth, renderTable, type Column } from './table.js';
import { createTheme } from './theme.js';

/** How many characters of a room config a table shows; JSON has it whole. */
export const ROOM_CONFIG_WIDTH = 40;

function time(iso: string | null | undefined, style: TimeStyle): string {
  if (iso === null || iso === undefined) return '';
  return style.relative ? formatRelative(iso, style.now) : formatTimestamp(iso);
}

/** The table columns of a room list; `wide` adds the allocation id. */
export function roomColumns(style: TimeStyle, wide: boolean): Column<RoomWithoutAllocations>[] {
  const columns: Column<RoomWithoutAllocations>[] = [
    { header: 'ROOM ID', value: (r) => r.roomId },
    { header: 'STATUS', value: (r) => r.status, style: (text, r, theme) => theme.status(r.status, text) },
    { header: 'SCHEDULED', value: (r) => time(r.currentAllocation?.scheduledAt, style), priority: 1 },
    { header: 'UNSCHEDULED', value: (r) => time(r.currentAllocation?.unscheduledAt, style), priority: 3 },
  ];
  if (wide) columns.push({ header: 'ALLOCATION ID', value: (r) => r.currentAllocation?.roomAllocationId ?? '' });
  // Free text: on a terminal at most ROOM_CONFIG_WIDTH cells, and it gives way before the times do; piped, whole.
  columns.push({ header: 'CONFIG', value: (r) => r.roomConfig ?? '', priority: 2, shorten: true, maxWidth: ROOM_CONFIG_WIDTH, minWidth: 12 });
  return columns;
}

/** Renders rooms: JSON as sent, or a table (on a terminal room configs are shortened to ROOM_CONFIG_WIDTH; `-o wide` and pipes keep them whole). */
export function renderRooms(rooms: readonly RoomWithoutAllocations[], raws: readonly unknown[], target: RenderTarget): Rendered {
  if (target.format === 'json' || target.format === 'ndjson') {
    const text = target.format === 'json' ? renderJson(raws, target.stdoutIsTTY) : renderNdjson(raws, target.stdoutIsTTY);
    return { stdout: text, notes: [] };
  }
  const style = { relative: target.stdoutIsTTY, now: target.now };
  const columns = roomColumns(style, target.format === 'wide');
  const text = renderTable(columns, rooms, {
    theme: createTheme(target.colour),
    width: fittedWidth(target.format, target),
    mask: target.mask,
    headers: true,
  });
  return { stdout: rooms.length === 0 ? '' : text, notes: [] };
}

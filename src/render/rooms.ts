// `hproc rooms`: the rooms of one process, one per line.
import type { RoomWithoutAllocations } from '../models/room.js';
import { formatRelative, formatTimestamp } from './format.js';
import { renderJson, renderNdjson } from './json.js';
import type { TimeStyle } from './process-columns.js';
import type { Rendered, RenderTarget } from './process-list.js';
import { sanitizeCell } from './sanitize.js';
import { renderTable, type Column } from './table.js';
import { createTheme } from './theme.js';
import { truncateDisplay } from './width.js';

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
    { header: 'SCHEDULED', value: (r) => time(r.currentAllocation?.scheduledAt, style) },
    { header: 'UNSCHEDULED', value: (r) => time(r.currentAllocation?.unscheduledAt, style) },
  ];
  if (wide) columns.push({ header: 'ALLOCATION ID', value: (r) => r.currentAllocation?.roomAllocationId ?? '' });
  // Sanitised before it is cut, so the cut never splits an escape and counts what is shown;
  // renderTable sanitises again, which leaves sanitised text unchanged.
  columns.push({ header: 'CONFIG', value: (r) => truncateDisplay(sanitizeCell(r.roomConfig ?? ''), ROOM_CONFIG_WIDTH), shrinkable: true });
  return columns;
}

/** Renders rooms: JSON as sent, or a table whose room configs are shortened to ROOM_CONFIG_WIDTH. */
export function renderRooms(rooms: readonly RoomWithoutAllocations[], raws: readonly unknown[], target: RenderTarget): Rendered {
  if (target.format === 'json' || target.format === 'ndjson') {
    const text = target.format === 'json' ? renderJson(raws, target.stdoutIsTTY) : renderNdjson(raws, target.stdoutIsTTY);
    return { stdout: text, notes: [] };
  }
  const style = { relative: target.stdoutIsTTY, now: target.now };
  const columns = roomColumns(style, target.format === 'wide');
  const text = renderTable(columns, rooms, {
    theme: createTheme(target.colour),
    width: target.stdoutIsTTY ? target.width : undefined,
    headers: true,
  });
  return { stdout: rooms.length === 0 ? '' : text, notes: [] };
}

// `hproc apps`: the caller's applications, so a user can find an app id. The app secret never
// reaches this module: the API layer removes it.
import type { Application } from '../models/application.js';
import { formatRelative, formatTimestamp } from './format.js';
import { renderJson, renderNdjson } from './json.js';
import type { TimeStyle } from './process-columns.js';
import type { Rendered, RenderTarget } from './process-list.js';
import { fittedWidth, renderTable, type Column } from './table.js';
import { createTheme } from './theme.js';

function time(iso: string | null, style: TimeStyle): string {
  if (iso === null) return '';
  return style.relative ? formatRelative(iso, style.now) : formatTimestamp(iso);
}

/** The table columns of the app list; `wide` adds when the latest deployment was made, its build tag, the org and deletion. */
export function appColumns(style: TimeStyle, wide: boolean): Column<Application>[] {
  // Priorities as in table.ts: on a narrow terminal the latest deployment goes first, then the
  // creation time; a long name is shortened last. The app id is never dropped or cut.
  const columns: Column<Application>[] = [
    { header: 'APP ID', value: (a) => a.appId },
    { header: 'NAME', value: (a) => a.appName, priority: 1, shorten: true, minWidth: 12 },
    { header: 'LATEST DEPLOYMENT', value: (a) => a.deployment?.deploymentId ?? '', priority: 3 },
    { header: 'CREATED', value: (a) => time(a.createdAt, style), priority: 2 },
  ];
  if (wide) {
    columns.push(
      { header: 'DEPLOYED', value: (a) => time(a.deployment?.createdAt ?? null, style) },
      { header: 'BUILD TAG', value: (a) => a.deployment?.buildTag ?? '' },
      { header: 'ORG', value: (a) => a.orgId },
      { header: 'DELETED', value: (a) => time(a.deletedAt, style) },
    );
  }
  return columns;
}

/** Renders apps: JSON as sent minus the secrets the API layer removed, or a table, live apps first. */
export function renderApps(apps: readonly Application[], raws: readonly unknown[], target: RenderTarget): Rendered {
  if (target.format === 'json' || target.format === 'ndjson') {
    const text = target.format === 'json' ? renderJson(raws, target.stdoutIsTTY) : renderNdjson(raws, target.stdoutIsTTY);
    return { stdout: text, notes: [] };
  }
  // The API answers unsorted: by name, so the list reads the same every time.
  const sorted = [...apps].sort((a, b) => Number(a.deletedAt !== null) - Number(b.deletedAt !== null) || a.appName.localeCompare(b.appName) || a.appId.localeCompare(b.appId));
  const style = { relative: target.stdoutIsTTY, now: target.now };
  const text = renderTable(appColumns(style, target.format === 'wide'), sorted, {
    theme: createTheme(target.colour),
    width: fittedWidth(target.format, target),
    mask: target.mask,
    headers: true,
  });
  return { stdout: sorted.length === 0 ? '' : text, notes: [] };
}

// `hproc deployments`: an app's v3 deployments, newest first: id, tags, build, what each process
// requests, and when it was made. Environment values never reach this module (the API layer hides
// them).
import { markedNumber } from '../models/counts.js';
import type { DeploymentV3 } from '../models/deployment.js';
import { formatBytes, formatRelative, formatTimestamp } from './format.js';
import { renderJson, renderNdjson } from './json.js';
import type { TimeStyle } from './process-columns.js';
import type { Rendered, RenderTarget } from './process-list.js';
import { fittedWidth, renderTable, type Column } from './table.js';
import { createTheme } from './theme.js';

function time(iso: string, style: TimeStyle): string {
  return style.relative ? formatRelative(iso, style.now) : formatTimestamp(iso);
}

/** A number as the API sent it, without a trailing `.0` and with at most two decimals. */
function plain(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

// Whole GiB without a decimal (`4 GiB`), so the default table fits 80 columns.
function memory(mb: number): string {
  return Number.isInteger(mb) && mb % 1024 === 0 ? `${mb / 1024} GiB` : formatBytes(mb * 1024 * 1024);
}

/** The columns of the deployment list; `wide` adds the build id, rooms per process, GPUs, fleet, idle timeout and creator. */
export function deploymentColumns(style: TimeStyle, wide: boolean): Column<DeploymentV3>[] {
  // On a narrow terminal the deployment tag is shortened first, then the build tag; the id,
  // resources and creation time stay. BUILD is the build tag; -o wide adds the build id.
  const columns: Column<DeploymentV3>[] = [
    { header: 'DEPLOYMENT ID', value: (d) => d.deploymentId },
    { header: 'TAG', value: (d) => d.deploymentTag ?? '', priority: 2, shorten: true, minWidth: 8 },
    { header: 'BUILD', value: (d) => d.buildTag ?? '', priority: 1, shorten: true, minWidth: 6 },
    // Figures the API should never send below zero are shown as sent, marked.
    { header: 'CPU', value: (d) => markedNumber(d.requestedCPU, 'amount', plain(d.requestedCPU)), align: 'right' },
    { header: 'MEMORY', value: (d) => markedNumber(d.requestedMemoryMB, 'amount', memory(d.requestedMemoryMB)), align: 'right' },
    { header: 'CREATED', value: (d) => time(d.createdAt, style) },
  ];
  if (wide) {
    columns.push(
      { header: 'BUILD ID', value: (d) => d.buildId },
      { header: 'ROOMS', value: (d) => markedNumber(d.roomsPerProcess), align: 'right' },
      { header: 'GPU', value: (d) => (d.requestedGPU === undefined ? '' : plain(d.requestedGPU)), align: 'right' },
      { header: 'FLEET', value: (d) => d.fleetId ?? '' },
      { header: 'IDLE TIMEOUT', value: (d) => (d.idleTimeoutEnabled ? 'on' : 'off') },
      { header: 'CREATED BY', value: (d) => d.createdBy },
    );
  }
  return columns;
}

/** Renders deployments (already newest first): JSON as sent, environment values hidden, or a table. */
export function renderDeployments(deployments: readonly DeploymentV3[], raws: readonly unknown[], target: RenderTarget): Rendered {
  if (target.format === 'json' || target.format === 'ndjson') {
    const text = target.format === 'json' ? renderJson(raws, target.stdoutIsTTY) : renderNdjson(raws, target.stdoutIsTTY);
    return { stdout: text, notes: [] };
  }
  const style = { relative: target.stdoutIsTTY, now: target.now };
  const text = renderTable(deploymentColumns(style, target.format === 'wide'), deployments, {
    theme: createTheme(target.colour),
    width: fittedWidth(target.format, target),
    headers: true,
  });
  return { stdout: deployments.length === 0 ? '' : text, notes: [] };
}

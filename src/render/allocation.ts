// The `hproc summary` section that sets each region's running processes beside the app's static
// process allocation, and says where they differ.
import type { AllocationCheck } from '../models/allocation.js';
import { markedNumber } from '../models/counts.js';
import { renderTable, type Column } from './table.js';
import type { Theme } from './theme.js';

function allocationColumns(): Column<AllocationCheck>[] {
  const differs = (c: AllocationCheck): boolean => c.verdict !== 'at target';
  return [
    { header: 'REGION', value: (c) => c.region },
    { header: 'RUNNING', value: (c) => String(c.running), align: 'right', style: (text, c, theme) => (differs(c) ? theme.warn(text) : text) },
    { header: 'LIVE', value: (c) => String(c.live), align: 'right' },
    // A negative setting is shown as sent, marked: the API should never send one.
    { header: 'MIN', value: (c) => markedNumber(c.minProcesses), align: 'right' },
    { header: 'TARGET', value: (c) => markedNumber(c.targetProcesses), align: 'right' },
    { header: 'MAX', value: (c) => markedNumber(c.maxProcesses), align: 'right' },
    { header: 'AUTOSCALED', value: (c) => (c.autoscalingEnabled === true ? 'yes' : 'no') },
    { header: 'NOTE', value: (c) => (differs(c) ? `⚠ ${c.verdict}` : c.verdict), style: (text, c, theme) => (differs(c) ? theme.warn(text) : text) },
  ];
}

/** The section's lines: a heading, then the table, or why there is none; then one line per difference. */
export function renderAllocationSection(checks: readonly AllocationCheck[] | null | undefined, theme: Theme): string[] {
  if (checks === undefined) return [];
  const heading = theme.heading('Running processes against the static allocation (min, target, max)');
  if (checks === null) return [heading, 'none: the app has no service config\n'];
  if (checks.length === 0) return [heading, 'none: the app allocates no processes statically\n'];
  const differences = checks.map((c) => c.difference).filter((d): d is string => d !== null);
  const table = renderTable(allocationColumns(), checks, { theme, width: undefined, headers: true });
  return [heading, differences.length === 0 ? table : table + differences.map((d) => theme.warn(`⚠ ${d}`)).join('\n') + '\n'];
}

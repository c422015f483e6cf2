// Capacity against intent: a region's live processes set beside the app's static process
// allocation (min, target, max; hathora-api.md §9.4), and where they differ. No zod here.
import type { StaticProcessAllocation } from './application.js';

/** How a region's running processes compare with its allocation. */
export type AllocationVerdict = 'at target' | 'below target' | 'above target' | 'below min' | 'above max';

/** One region of the static allocation, with what runs there. */
export interface AllocationCheck {
  region: string;
  /** Processes in status `running`: the ones the allocation's target counts (our reading). */
  running: number;
  /** Processes not yet ended (starting, running, draining, stopping). */
  live: number;
  minProcesses: number;
  targetProcesses: number;
  maxProcesses: number;
  /** True when the process autoscaler sets the target; null when the API does not say. */
  autoscalingEnabled: boolean | null;
  verdict: AllocationVerdict;
  /** The difference in words, e.g. `London: 3 running, target 4`; null when running equals the target. */
  difference: string | null;
}

/** The verdict for `running` processes against min, target and max (min and max come first: they are the harder limits). */
export function allocationVerdict(running: number, allocation: Pick<StaticProcessAllocation, 'minProcesses' | 'targetProcesses' | 'maxProcesses'>): AllocationVerdict {
  if (running < allocation.minProcesses) return 'below min';
  if (running > allocation.maxProcesses) return 'above max';
  if (running < allocation.targetProcesses) return 'below target';
  if (running > allocation.targetProcesses) return 'above target';
  return 'at target';
}

/** Region names as people read them: `Sao_Paulo` → `Sao Paulo`. */
export function regionWords(region: string): string {
  return region.replaceAll('_', ' ');
}

/**
 * Each region of the allocation beside its running and live processes, in the allocation's order.
 * `counts` holds per region the number of processes in each status.
 */
export function checkAllocation(
  allocations: readonly StaticProcessAllocation[],
  counts: (region: string) => Readonly<Record<string, number>> | undefined,
): AllocationCheck[] {
  return allocations.map((allocation) => {
    const byStatus = counts(allocation.region) ?? {};
    const running = byStatus['running'] ?? 0;
    const live = ['starting', 'running', 'draining', 'stopping'].reduce((sum, status) => sum + (byStatus[status] ?? 0), 0);
    const verdict = allocationVerdict(running, allocation);
    const limit =
      verdict === 'below min' ? `min ${allocation.minProcesses}` : verdict === 'above max' ? `max ${allocation.maxProcesses}` : `target ${allocation.targetProcesses}`;
    return {
      region: allocation.region,
      running,
      live,
      minProcesses: allocation.minProcesses,
      targetProcesses: allocation.targetProcesses,
      maxProcesses: allocation.maxProcesses,
      autoscalingEnabled: allocation.autoscalingEnabled ?? null,
      verdict,
      difference: verdict === 'at target' ? null : `${regionWords(allocation.region)}: ${running} running, ${limit}`,
    };
  });
}

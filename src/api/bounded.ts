// Bounded concurrency for many independent calls (summary, finding a process's app): enough in
// flight to hide latency, few enough not to trip the API's rate limits.

/** Options of {@link mapBounded}. */
export interface MapBoundedOptions<R> {
  /**
   * Once a result satisfies this, nothing new starts (calls in flight still finish and keep their
   * results). Items never started are left as holes in the results.
   */
  stopWhen?: (result: R, index: number) => boolean;
}

/**
 * Runs `work` over `items` with at most `limit` calls in flight; results keep the items' order.
 * A failure fails the whole run and starts nothing new. With `stopWhen`, a result can end the run
 * early too: items not started then have no result.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]>;
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  options: MapBoundedOptions<R>,
): Promise<(R | undefined)[]>;
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  options: MapBoundedOptions<R> = {},
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array<R | undefined>(items.length);
  let next = 0;
  let stopped = false;
  const worker = async (): Promise<void> => {
    // After a failure the whole run fails, and after a stop it is over: start nothing new.
    while (!stopped && next < items.length) {
      const index = next++;
      try {
        const result = await work(items[index] as T, index);
        results[index] = result;
        if (options.stopWhen?.(result, index) === true) stopped = true;
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, Math.floor(limit)), items.length) }, worker));
  return results;
}

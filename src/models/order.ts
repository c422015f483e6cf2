// The order processes are listed in, shared by the API's paging and the list command. Free of zod,
// so importing it loads no schema.

/**
 * Items newest first by a creation time in epoch milliseconds (read once per item). The sort is
 * stable: equal times, and times that are not numbers (an unparsable `createdAt`), keep their
 * given order.
 */
export function newestFirst<T>(items: readonly T[], createdAtMs: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, at: createdAtMs(item) }))
    .sort((a, b) => (b.at - a.at) || (a.index - b.index))
    .map(({ item }) => item);
}

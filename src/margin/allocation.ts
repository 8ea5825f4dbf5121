// How the `isolated` mode splits a cross wallet into per-position margins, on the same capital,
// fairly: each position first gets what keeps it above maintenance at the current marks (its
// floor), then the rest of the wallet is split by the chosen policy.
//
//   floor_i = max(MM_i(mark) − uPnL_i(mark), 0) · (1 + FLOOR_MARGIN)   (settlement asset)
//   When Σ floor_i exceeds the wallet, floors are funded smallest first while the wallet lasts
//   (the most positions kept standing); the others "cannot stand" and are named in the output.
//   rest R = wallet − Σ funded floors, then by policy:
//   leverage   (default): + entry notional_i / leverage_i (row leverage, else the venue default),
//              scaled pro rata when R cannot cover them all; what is left stays free balance,
//              untouched by any liquidation.
//   notional:  + R · notional_i / Σ notional (the whole wallet used).
//   equal-risk: the whole wallet split so every position sits at the same distance d ≥ 0 from its
//              own liquidation price (bisection on d; d = 0 is the floor, so every floor is met).

import { sideSign } from '../domain/position.js';
import type { AllocationPolicy } from './evaluation.js';
import { maintenanceMarginSettlement, notionalSettlement, unrealizedPnlSettlement } from './position-risk.js';
import type { ResolvedPosition } from './resolve-schedules.js';

/** Relative margin above maintenance in a floor, so the pool is strictly above it (not at it). */
export const FLOOR_MARGIN = 1e-9;

interface AllocationResult {
  /** Margin per position, same order as the input, settlement asset. */
  readonly margins: number[];
  /** Pro-rata factor applied to the policy's part (1 = none). */
  readonly scale: number;
  /** Wallet left unallocated. */
  readonly freeBalance: number;
  /** Per position, max(MM − uPnL, 0) at the marks (it is funded a part in a billion above). */
  readonly floors: number[];
  /** Per position, whether the wallet covered its floor (false: liquidatable at once isolated). */
  readonly standing: boolean[];
}

/** Leverage in force for a position: the row's, else its venue schedule's default. */
export function leverageInForce(r: ResolvedPosition): number {
  return r.position.leverage ?? r.isolated.defaultLeverage;
}

/**
 * Margin that places the position's isolated liquidation price at distance `d` from the mark:
 * posted margin M with M + upnl(liq) = MM(liq), so M = MM(liq) - upnl(liq), liq = mark(1 -/+ d).
 */
function marginForDistance(r: ResolvedPosition, distance: number): number {
  const p = r.position;
  const liquidationMark = p.markPrice * (1 - sideSign(p.side) * distance);
  return Math.max(maintenanceMarginSettlement(p, r.isolated, liquidationMark) - unrealizedPnlSettlement(p, liquidationMark), 0);
}

/** The margin at which a position isolated sits exactly at maintenance at its mark: max(MM − uPnL, 0). */
export function maintenanceFloor(r: ResolvedPosition): number {
  return marginForDistance(r, 0);
}

/**
 * Fund floors smallest first (ties in input order) while `available` lasts. When the floors'
 * total (in input order) is below `available` by more than the rounding of any order's sum
 * (floors are ≥ 0: every running sum smallest first is within 2·n units in the last place of it),
 * every floor is funded, and the sort is skipped.
 */
function fundFloors(floors: readonly number[], available: number): boolean[] {
  let total = 0;
  for (const f of floors) total += f;
  if (total * (1 + 4 * floors.length * Number.EPSILON) < available) return floors.map(() => true);
  const standing = floors.map(() => false);
  let used = 0;
  if (!Number.isFinite(total)) {
    // A floor that is not a finite number: the comparator's own order (see sortFloorOrder).
    const order = floors.map((_, i) => i).sort((a, b) => floors[a]! - floors[b]! || a - b);
    for (const i of order) {
      if (used + floors[i]! > available) break;
      used += floors[i]!;
      standing[i] = true;
    }
    return standing;
  }
  const n = floors.length;
  const order = sortFloorOrder(floors);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (used + floors[i]! > available) break;
    used += floors[i]!;
    standing[i] = true;
  }
  return standing;
}

/** fundFloors' sort scratch, reused by every call (arrays only grow). */
const floorSort = { order: new Int32Array(64), buffer: new Int32Array(64) };

/**
 * The indices of `floors` (finite numbers, ≥ 0) smallest first, equal floors in index order: the
 * order `floors[a] − floors[b] || a − b` sorts them in (for finite numbers the difference is
 * negative exactly when a < b, and 0 exactly when equal), by a stable merge sort on the floors
 * (Array.prototype.sort called that comparator about n·log n times; a wallet short of every
 * floor sorts all its former cross positions). Valid until the next call.
 */
function sortFloorOrder(floors: readonly number[]): Int32Array {
  const n = floors.length;
  if (floorSort.order.length < n) {
    const capacity = Math.max(n, 2 * floorSort.order.length);
    floorSort.order = new Int32Array(capacity);
    floorSort.buffer = new Int32Array(capacity);
  }
  const { order, buffer } = floorSort;
  for (let i = 0; i < n; i++) order[i] = i;
  mergeByFloor(order, buffer, floors, 0, n);
  return order;
}

/** Stable merge sort of order[lo, hi) by floors ascending, through `buffer`. */
function mergeByFloor(order: Int32Array, buffer: Int32Array, floors: readonly number[], lo: number, hi: number): void {
  if (hi - lo <= 12) {
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i]!;
      const key = floors[x]!;
      let j = i;
      while (j > lo && key < floors[order[j - 1]!]!) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = x;
    }
    return;
  }
  const mid = (lo + hi) >>> 1;
  mergeByFloor(order, buffer, floors, lo, mid);
  mergeByFloor(order, buffer, floors, mid, hi);
  if (!(floors[order[mid]!]! < floors[order[mid - 1]!]!)) return;
  for (let t = lo; t < mid; t++) buffer[t] = order[t]!;
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) {
    // Take from the right only when strictly smaller: equal floors keep the earlier index first.
    if (floors[order[j]!]! < floors[buffer[i]!]!) order[k++] = order[j++]!;
    else order[k++] = buffer[i++]!;
  }
  while (i < mid) order[k++] = buffer[i++]!;
}

function proRata(weights: readonly number[], amount: number): number[] {
  const total = weights.reduce((s, x) => s + x, 0);
  return total > 0 ? weights.map((w) => (amount * w) / total) : weights.map(() => amount / weights.length);
}

/** Equal-risk split of `available` when every floor is affordable: the common distance d ≥ 0. */
function equalRisk(positions: readonly ResolvedPosition[], available: number): number[] {
  const sumAt = (d: number): number => positions.reduce((s, r) => s + marginForDistance(r, d), 0);
  const dMax = 0.999;
  if (sumAt(dMax) <= available) {
    const base = positions.map((r) => marginForDistance(r, dMax));
    const rest = available - base.reduce((s, x) => s + x, 0);
    const extra = proRata(positions.map((r) => notionalSettlement(r.position, r.position.markPrice)), rest);
    return base.map((m, i) => m + extra[i]!);
  }
  let lo = 0;
  let hi = dMax;
  for (let it = 0; it < 100; it++) {
    const mid = 0.5 * (lo + hi);
    if (sumAt(mid) > available) hi = mid;
    else lo = mid;
  }
  const margins = positions.map((r) => marginForDistance(r, lo));
  const total = margins.reduce((s, x) => s + x, 0);
  // Hand out the bisection's rounding remainder pro rata so the whole wallet is used.
  return total > 0 ? margins.map((m) => (m * available) / total) : margins.map(() => available / positions.length);
}

/** Split `wallet` (settlement asset) among `positions` (all cross, same settlement asset). */
export function allocateWallet(positions: readonly ResolvedPosition[], wallet: number, policy: AllocationPolicy): AllocationResult {
  const n = positions.length;
  if (n === 0) return { margins: [], scale: 1, freeBalance: wallet, floors: [], standing: [] };
  const available = Math.max(wallet, 0);
  const floors = new Array<number>(n);
  const needed = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    floors[i] = maintenanceFloor(positions[i]!);
    needed[i] = floors[i]! * (1 + FLOOR_MARGIN);
  }
  const standing = fundFloors(needed, available);
  // funded_i = needed_i when standing, else 0; their sum in position order.
  let fundedTotal = 0;
  for (let i = 0; i < n; i++) fundedTotal += standing[i] ? needed[i]! : 0;
  const rest = Math.max(available - fundedTotal, 0);
  const allStanding = standing.every(Boolean);
  if (policy === 'leverage') {
    // margins_i = funded_i + wanted_i · scale, wanted_i = entry notional_i / leverage_i (held in
    // `margins` until the scale is known); the sums run in position order, as reduce's do.
    const margins = new Array<number>(n);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const r = positions[i]!;
      const wanted = notionalSettlement(r.position, r.position.entryPrice) / leverageInForce(r);
      margins[i] = wanted;
      total += wanted;
    }
    const scale = total > rest ? rest / total : 1;
    let allocated = 0;
    for (let i = 0; i < n; i++) {
      const margin = (standing[i] ? needed[i]! : 0) + margins[i]! * scale;
      margins[i] = margin;
      allocated += margin;
    }
    return { margins, scale, freeBalance: wallet - allocated, floors, standing };
  }
  if (policy === 'equal-risk' && allStanding) {
    return { margins: equalRisk(positions, available), scale: 1, freeBalance: wallet - available, floors, standing };
  }
  // notional (and equal-risk when some floor cannot be met): the rest pro rata to notional.
  const extra = proRata(positions.map((r) => notionalSettlement(r.position, r.position.markPrice)), rest);
  return { margins: needed.map((f, i) => (standing[i] ? f : 0) + extra[i]!), scale: 1, freeBalance: wallet - available, floors, standing };
}

// The fast twin of margin/health-roots.ts for a barrier pool of the compiled book (every moving
// part on one asset): the exact log-price thresholds on each side of the current price, with the
// members' current quantities. Used after a partial liquidation, when the pool lives on with a
// smaller position and new thresholds; the compiled book's first thresholds come from
// `healthRoots` itself, and a test checks that both agree.
//
// As in healthRoots: with the asset's prices scaled by f from the current point, and no moving
// member changing bracket, h(f) = A + B f + C / f, so h = 0 solves B f² + A f + C = 0 exactly.
// The walk starts in the brackets in force at f = 1 and moves outward one bracket edge at a time,
// stopping at the first root on each side (the same walk, tolerances and quadratic as there: the
// factor range `searchFactorRange` of the members' prices, and a constant term within rounding of
// its magnitude taken as 0).

import { CONSTANT_ROUNDING } from '../margin/health-roots.js';
import { quadraticRootInRange, searchFactorRange } from '../margin/quadratic-root.js';
import { NO_ASSET } from './compiled-book.js';
import type { KernelContext } from './kernel-context-types.js';
import { memberMaintenanceAt } from './pool-health-kernel.js';

/** Does member k's bracket follow its notional as the price moves (healthRoots `followsBrackets`)? */
function followsBrackets(ctx: KernelContext, k: number): boolean {
  const s = ctx.book.memberSchedule[k]!;
  return ctx.book.scheduleEntryBasis[s] === 0 && ctx.book.scheduleBracketCount[s]! > 1;
}

/**
 * Lower (`down`) or upper edge, as a factor f from the current point, of the range where member
 * k stays in bracket b (healthRoots `bracketEdge`). Linear notional grows with f; inverse shrinks.
 */
function bracketEdge(ctx: KernelContext, k: number, b: number, down: boolean, pointFactor: number): number {
  const book = ctx.book;
  const j = book.memberPosition[k]!;
  const s = book.memberSchedule[k]!;
  const start = book.scheduleBracketStart[s]!;
  const count = book.scheduleBracketCount[s]!;
  const q = ctx.state.memberQuantity[k]!;
  const mark = book.positionMark[j]! * pointFactor;
  if (book.positionInverse[j] === 0) {
    if (down) return b === 0 ? 0 : book.bracketFloor[start + b]! / (q * mark);
    return b + 1 < count ? book.bracketFloor[start + b + 1]! / (q * mark) : Infinity;
  }
  if (down) return b + 1 < count ? q / (mark * book.bracketFloor[start + b + 1]!) : 0;
  return b === 0 ? Infinity : q / (mark * book.bracketFloor[start + b]!);
}

/**
 * Coefficients (A, B, C) of h(f) = A + B f + C / f with member k in bracket `walk[k]`, written
 * into `out[0..2]`, and into `out[3]` the magnitude of the terms A sums (its rounding scale); f scales asset `asset`'s prices from the point where its price factor is
 * `pointFactor`. Mirrors the coefficients (a0, b0, c0) of `healthRoots` in health-roots.ts (no
 * floor at zero on the bracketed term, as there); healthRoots then updates them at each bracket
 * step, where this recomputes them.
 */
function coefficientsAt(ctx: KernelContext, pool: number, asset: number, pointFactor: number, walk: Int32Array, out: Float64Array): void {
  const book = ctx.book;
  const st = ctx.state;
  let a = st.poolCash[pool]!;
  let magnitude = Math.abs(a);
  let b = 0;
  let c = 0;
  const scale = st.poolCollateralScale[pool]!;
  for (let e = book.poolCollateralStart[pool]!, eEnd = book.poolCollateralStart[pool + 1]!; e < eEnd; e++) {
    const value = book.collateralValue0[e]! * scale;
    if (book.collateralAsset[e] === asset) b += value * pointFactor;
    else if (book.collateralAsset[e] === NO_ASSET) {
      a += value;
      magnitude += Math.abs(value);
    }
    else throw new Error(`singleAssetBarriers: pool ${book.poolIds[pool]} has collateral moving with another asset`);
  }
  for (let k = book.poolMemberStart[pool]!, kEnd = book.poolMemberStart[pool + 1]!; k < kEnd; k++) {
    const q = st.memberQuantity[k]!;
    if (q === 0) continue;
    const j = book.memberPosition[k]!;
    const s = book.memberSchedule[k]!;
    const sign = book.positionSign[j]!;
    const mark = book.positionMark[j]! * pointFactor;
    const entry = book.positionEntry[j]!;
    const br = book.scheduleBracketStart[s]! + walk[k]!;
    const rate = book.bracketRate[br]! + book.scheduleFeeReserveRate[s]!;
    const entryBasis = book.scheduleEntryBasis[s] === 1;
    if (book.positionInverse[j] === 0) {
      // PnL = s q (mark f − entry); MM = (rate_k + feeRate) q mark f − amount_k + feeAmount
      a -= sign * q * entry;
      magnitude += q * entry;
      b += sign * q * mark;
      if (entryBasis) {
        const mm = memberMaintenanceAt(ctx, k, 1);
        a -= mm;
        magnitude += Math.abs(mm);
      } else {
        b -= rate * q * mark;
        a += book.bracketAmount[br]! - book.scheduleFeeReserveAmount[s]!;
        magnitude += Math.abs(book.bracketAmount[br]!) + Math.abs(book.scheduleFeeReserveAmount[s]!);
      }
    } else {
      // PnL = s q (1/entry − 1/(mark f)); MM = (rate_k + feeRate) q / (mark f) − amount_k + feeAmount
      a += (sign * q) / entry;
      magnitude += q / entry;
      c -= (sign * q) / mark;
      if (entryBasis) {
        const mm = memberMaintenanceAt(ctx, k, 1);
        a -= mm;
        magnitude += Math.abs(mm);
      } else {
        c -= (rate * q) / mark;
        a += book.bracketAmount[br]! - book.scheduleFeeReserveAmount[s]!;
        magnitude += Math.abs(book.bracketAmount[br]!) + Math.abs(book.scheduleFeeReserveAmount[s]!);
      }
    }
  }
  out[0] = Math.abs(a) <= CONSTANT_ROUNDING * magnitude ? 0 : a;
  out[1] = b;
  out[2] = c;
  out[3] = magnitude;
}


/** First root walking down (or up) from f = 1 through the members' brackets; NaN when none. */
function walkRoot(ctx: KernelContext, pool: number, asset: number, pointFactor: number, down: boolean): number {
  const book = ctx.book;
  const st = ctx.state;
  const walk = st.walkBracket;
  const co = st.coefficients;
  const kStart = book.poolMemberStart[pool]!;
  const kEnd = book.poolMemberStart[pool + 1]!;
  // Factors searched: 1e-9 … 1e9 of the members' prices, widened to reach every accepted price.
  let lowest = Infinity;
  let highest = 0;
  for (let k = kStart; k < kEnd; k++) {
    if (st.memberQuantity[k] === 0) continue;
    const price = book.positionMark[book.memberPosition[k]!]! * pointFactor;
    if (price < lowest) lowest = price;
    if (price > highest) highest = price;
  }
  const { min: fMin, max: fMax } = searchFactorRange(lowest, highest);
  // Brackets in force at f = 1 (bracketIndex at the current notional).
  for (let k = kStart; k < kEnd; k++) {
    walk[k] = 0;
    if (st.memberQuantity[k] === 0 || !followsBrackets(ctx, k)) continue;
    const j = book.memberPosition[k]!;
    const s = book.memberSchedule[k]!;
    const q = st.memberQuantity[k]!;
    const mark = book.positionMark[j]! * pointFactor;
    const notional = book.positionInverse[j] === 0 ? q * mark : q / mark;
    const start = book.scheduleBracketStart[s]!;
    const count = book.scheduleBracketCount[s]!;
    let b = 0;
    while (b + 1 < count && notional >= book.bracketFloor[start + b + 1]!) b++;
    walk[k] = b;
  }
  let edge = 1;
  for (;;) {
    let next = down ? fMin : fMax;
    for (let k = kStart; k < kEnd; k++) {
      if (st.memberQuantity[k] === 0 || !followsBrackets(ctx, k)) continue;
      const e = bracketEdge(ctx, k, walk[k]!, down, pointFactor);
      if (down ? e > next : e < next) next = e;
    }
    coefficientsAt(ctx, pool, asset, pointFactor, walk, co);
    const root = down ? quadraticRootInRange(co[0]!, co[1]!, co[2]!, next, edge, true) : quadraticRootInRange(co[0]!, co[1]!, co[2]!, edge, next, false);
    if (!Number.isNaN(root)) return root;
    if (down ? next <= fMin : next >= fMax) return NaN;
    // Step every member sitting on that edge into its neighbouring bracket.
    for (let k = kStart; k < kEnd; k++) {
      if (st.memberQuantity[k] === 0 || !followsBrackets(ctx, k) || bracketEdge(ctx, k, walk[k]!, down, pointFactor) !== next) continue;
      const linearStep = down ? -1 : 1;
      walk[k] = walk[k]! + (book.positionInverse[book.memberPosition[k]!] === 0 ? linearStep : -linearStep);
    }
    edge = next;
  }
}

/**
 * Thresholds of barrier pool `pool` on asset `asset`, from the point where that asset's
 * cumulative log return is `x`: writes into `state.barrierOut` [low, high] as cumulative log
 * returns (x + ln f of the nearest root below and above), -Infinity / +Infinity when none.
 * Exact for linear and inverse members and notional brackets; O(members × brackets crossed).
 */
export function singleAssetBarriers(ctx: KernelContext, pool: number, asset: number, x: number): void {
  const pointFactor = Math.exp(x);
  const below = walkRoot(ctx, pool, asset, pointFactor, true);
  const above = walkRoot(ctx, pool, asset, pointFactor, false);
  ctx.state.barrierOut[0] = Number.isNaN(below) ? -Infinity : x + Math.log(below);
  ctx.state.barrierOut[1] = Number.isNaN(above) ? Infinity : x + Math.log(above);
}

// The fast twin of margin/pool-health.ts for one pool of the compiled book: health
// h = equity − maintenance at given price factors (price = mark × factor of its asset), with
// brackets re-evaluated at the moving notional, and optionally the gradient of h in the log
// prices for the bridge correction of gradient pools. Indexed loops over typed arrays only; when the
// factors are on the kernel's WebAssembly memory (the kernel state's factor buffers are), the same
// loop runs there instead (gradient-scan.ts), to the same bits.

import { NO_ASSET } from './compiled-book.js';
import type { KernelContext } from './kernel-context-types.js';
import { kinkBound, logRatioFloor } from './lazy-bound.js';
import { RADIUS_SHORTCUT, RADIUS_SHORTCUT_RATIO } from './radius-shortcut.js';
import { copyShort } from './short-copy.js';

/**
 * h = cash + Σ collateral + Σ (PnL_j − MM_j) of pool `pool` when asset a's prices are scaled by
 * `factor[a]`, with the members' current quantities. Writes [equity, maintenance] into
 * `state.poolValues`. When `gradient` is not null it receives ∂h/∂ln(S_a) for every asset:
 *   linear:  ∂PnL/∂x = s q p,   ∂N/∂x = N       (N = q p)
 *   inverse: ∂PnL/∂x = s q / p, ∂N/∂x = −N      (N = q / p)
 *   ∂MM/∂x = (rate_b [if N rate_b − amount_b > 0] + feeReserveRate) ∂N/∂x, 0 at entry basis
 *   collateral moving with asset a: ∂v/∂x = v
 * When `slope` is not null it receives D_a = Σ_{members on a} slopeFactor × N + Σ |v|, a bound
 * on |∂h/∂x_a| at these prices (slopeFactor = 1 + highest rate + fee reserve rate), and
 * `state.inverseSlope`, `state.radiusUp`, `state.radiusDown`, `state.kink` the e^−x part of the
 * gradient, the bracket-safe radii and the kinks K_a of the second lazy bound (lazy-bound.ts; an
 * edge at least RADIUS_SHORTCUT_RATIO away from the notional gives RADIUS_SHORTCUT, see
 * radius-shortcut.ts, and no kink).
 * Readable form: `poolEquity(pool, priceOf) − poolMaintenance(pool, priceOf)` (margin/pool-health.ts)
 * with `maintenanceMarginSettlement` per member; the bracket search starts from the member's
 * cached bracket and walks to the same bracket `bracketIndex` finds.
 */
export function poolHealthAt(ctx: KernelContext, pool: number, factor: Float64Array, gradient: Float64Array | null, slope: Float64Array | null = null): number {
  const book = ctx.book;
  const st = ctx.state;
  const nA = book.assetCount;
  const wasm = ctx.gradientScan;
  if (factor.buffer === wasm.buffer) {
    // The same computation in WebAssembly (assembly/gradient-scan.ts `health`), to the same bits.
    const h = wasm.health(pool, factor, gradient !== null || slope !== null, slope !== null, st.poolValues);
    if (gradient !== null) copyShort(gradient, wasm.gradient);
    if (slope !== null) {
      copyShort(slope, wasm.slope);
      copyShort(st.inverseSlope, wasm.inverse);
      copyShort(st.radiusUp, wasm.radiusUp);
      copyShort(st.radiusDown, wasm.radiusDown);
      copyShort(st.kink, wasm.kink);
    }
    return h;
  }
  if (gradient !== null) for (let a = 0; a < nA; a++) gradient[a] = 0;
  if (slope !== null) {
    for (let a = 0; a < nA; a++) slope[a] = 0;
    st.inverseSlope.fill(0);
    st.radiusUp.fill(Infinity);
    st.radiusDown.fill(Infinity);
    st.kink.fill(0);
  }
  let equity = st.poolCash[pool]!;
  const collateralScale = st.poolCollateralScale[pool]!;
  if (collateralScale !== 0) {
    for (let c = book.poolCollateralStart[pool]!, cEnd = book.poolCollateralStart[pool + 1]!; c < cEnd; c++) {
      const a = book.collateralAsset[c]!;
      const value = book.collateralValue0[c]! * collateralScale * (a === NO_ASSET ? 1 : factor[a]!);
      equity += value;
      if (a !== NO_ASSET) {
        if (gradient !== null) gradient[a]! += value;
        if (slope !== null) slope[a]! += value < 0 ? -value : value;
      }
    }
  }
  let maintenance = 0;
  const quantity = st.memberQuantity;
  const bracketCache = st.memberBracket;
  const floors = book.bracketFloor;
  const rates = book.bracketRate;
  const amounts = book.bracketAmount;
  const mt = ctx.members;
  const mAsset = mt.asset;
  const mSign = mt.sign;
  const mEntry = mt.entry;
  const mMark = mt.mark;
  const mInverse = mt.inverse;
  const mEntryBasis = mt.entryBasis;
  const mStart = mt.bracketStart;
  const mCount = mt.bracketCount;
  const mFeeRate = mt.feeRate;
  const mFeeAmount = mt.feeAmount;
  for (let k = book.poolMemberStart[pool]!, kEnd = book.poolMemberStart[pool + 1]!; k < kEnd; k++) {
    const q = quantity[k]!;
    if (q === 0) continue;
    const a = mAsset[k]!;
    const sign = mSign[k]!;
    const entry = mEntry[k]!;
    const price = mMark[k]! * factor[a]!;
    const inverse = mInverse[k] === 1;
    const entryBasis = mEntryBasis[k] === 1;
    let pnl: number;
    let notional: number;
    if (inverse) {
      pnl = sign * q * (1 / entry - 1 / price);
      notional = entryBasis ? q / entry : q / price;
    } else {
      pnl = sign * q * (price - entry);
      notional = entryBasis ? q * entry : q * price;
    }
    // b = bracketIndex(floors, notional), walking from the cached bracket.
    const start = mStart[k]!;
    const count = mCount[k]!;
    let b = bracketCache[k]!;
    if (b >= count) b = count - 1;
    while (b + 1 < count && notional >= floors[start + b + 1]!) b++;
    while (b > 0 && notional < floors[start + b]!) b--;
    bracketCache[k] = b;
    const rate = rates[start + b]!;
    const raw = notional * rate - amounts[start + b]!;
    const feeRate = mFeeRate[k]!;
    const mm = (raw > 0 ? raw : 0) + notional * feeRate + mFeeAmount[k]!;
    equity += pnl;
    maintenance += mm;
    if (gradient !== null) {
      const slopeRate = (raw > 0 ? rate : 0) + feeRate;
      if (inverse) {
        gradient[a]! += (sign * q) / price + (entryBasis ? 0 : slopeRate * notional);
      } else {
        gradient[a]! += sign * q * price - (entryBasis ? 0 : slopeRate * notional);
      }
    }
    if (slope !== null) {
      slope[a]! += mt.slopeFactor[k]! * (inverse ? q / price : q * price);
      if (inverse) st.inverseSlope[a]! -= (sign * q) / price + (entryBasis ? 0 : (raw > 0 ? rate : 0) + feeRate) * notional;
      if (!entryBasis) {
        // The notional's smooth range: its bracket, above the zero of N × rate − amount.
        let above = 0;
        let below = 0;
        // (An edge at least RADIUS_SHORTCUT_RATIO away: RADIUS_SHORTCUT, the same once capped at δ.)
        let near = true;
        if (raw > 0) {
          const upper = b + 1 < count ? floors[start + b + 1]! : Infinity;
          const lower = mt.smoothFloor[start + b]!;
          const farAbove = upper >= RADIUS_SHORTCUT_RATIO * notional;
          const farBelow = !(lower > 0) || notional >= RADIUS_SHORTCUT_RATIO * lower;
          above = farAbove ? RADIUS_SHORTCUT : logRatioFloor(upper / notional);
          below = lower > 0 ? (farBelow ? RADIUS_SHORTCUT : logRatioFloor(notional / lower)) : Infinity;
          near = !(farAbove && farBelow);
        }
        // An end of the smooth range within a factor RADIUS_SHORTCUT_RATIO: the kinks beyond it.
        if (near) st.kink[a]! += kinkBound(floors, rates, amounts, start, count, b, notional, raw > 0 ? rate : 0);
        st.radiusUp[a] = Math.min(st.radiusUp[a]!, inverse ? below : above);
        st.radiusDown[a] = Math.min(st.radiusDown[a]!, inverse ? above : below);
      }
    }
  }
  st.poolValues[0] = equity;
  st.poolValues[1] = maintenance;
  return equity - maintenance;
}

/** Unrealised PnL of member `k` at price factor `f` of its asset, with its current quantity. */
export function memberPnlAt(ctx: KernelContext, k: number, f: number): number {
  const book = ctx.book;
  const q = ctx.state.memberQuantity[k]!;
  if (q === 0) return 0;
  const j = book.memberPosition[k]!;
  const price = book.positionMark[j]! * f;
  const entry = book.positionEntry[j]!;
  return book.positionInverse[j] === 1 ? book.positionSign[j]! * q * (1 / entry - 1 / price) : book.positionSign[j]! * q * (price - entry);
}

/** Maintenance margin of member `k` at price factor `f` of its asset (bracket cache updated). */
export function memberMaintenanceAt(ctx: KernelContext, k: number, f: number): number {
  const book = ctx.book;
  const q = ctx.state.memberQuantity[k]!;
  if (q === 0) return 0;
  const j = book.memberPosition[k]!;
  const s = book.memberSchedule[k]!;
  const price = book.scheduleEntryBasis[s] === 1 ? book.positionEntry[j]! : book.positionMark[j]! * f;
  const notional = book.positionInverse[j] === 1 ? q / price : q * price;
  const start = book.scheduleBracketStart[s]!;
  const count = book.scheduleBracketCount[s]!;
  let b = ctx.state.memberBracket[k]!;
  if (b >= count) b = count - 1;
  while (b + 1 < count && notional >= book.bracketFloor[start + b + 1]!) b++;
  while (b > 0 && notional < book.bracketFloor[start + b]!) b--;
  ctx.state.memberBracket[k] = b;
  const raw = notional * book.bracketRate[start + b]! - book.bracketAmount[start + b]!;
  return (raw > 0 ? raw : 0) + notional * book.scheduleFeeReserveRate[s]! + book.scheduleFeeReserveAmount[s]!;
}

/** Value of pool `pool`'s asset collateral at `factor`, settlement asset (0 once seized). */
export function poolCollateralAt(ctx: KernelContext, pool: number, factor: Float64Array): number {
  const book = ctx.book;
  const scale = ctx.state.poolCollateralScale[pool]!;
  if (scale === 0) return 0;
  let value = 0;
  for (let c = book.poolCollateralStart[pool]!, cEnd = book.poolCollateralStart[pool + 1]!; c < cEnd; c++) {
    const a = book.collateralAsset[c]!;
    value += book.collateralValue0[c]! * scale * (a === NO_ASSET ? 1 : factor[a]!);
  }
  return value;
}

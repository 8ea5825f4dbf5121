// AssemblyScript (see gradient-scan.ts): a gradient pool's health at given price factors, the
// WebAssembly twin of `poolHealthAt` (src/kernel/pool-health-kernel.ts), operation for operation,
// with its gradient, slope bounds and the second lazy bound's inputs (src/kernel/lazy-bound.ts),
// either in the same pass (`health` with slopes) or in a pass of their own (`slopeBounds`: the
// gradient kernel asks for them only at the steps it anchors the lazy bounds at).

import { RADIUS_SHORTCUT, RADIUS_SHORTCUT_RATIO } from '../radius-shortcut';
import { nA, memberStartAt, collateralStartAt, cashAt, collateralScaleAt, collateralAssetAt, collateralValueAt, mAssetAt, mSignAt, mEntryAt, mMarkAt, mInverseAt, mEntryBasisAt, mBracketStartAt, mBracketCountAt, mFeeRateAt, mFeeAmountAt, mSlopeFactorAt, mQuantityAt, mBracketAt, floorAt, smoothFloorAt, rateAt, amountAt, gradientAt, slopeAt, resultAt, inverseAt, upAt, downAt, f64At, setF64, i32At } from './kernel-memory';

/** 2 (r − 1) / (r + 1) <= ln r for r >= 1 (0 below 1, 2 at ∞): a cheap lower bound of a log radius. */
@inline export function logRatioFloor(r: f64): f64 {
  if (!(r > 1)) return 0;
  if (r == Infinity) return 2;
  return (2 * (r - 1)) / (r + 1);
}

/** Zero slope bounds and e^−x parts, infinite radii (before a pool's slope outputs are summed). */
@inline function clearSlopes(): void {
  const n = nA;
  for (let a = 0; a < n; a++) {
    setF64(slopeAt, a, 0);
    setF64(inverseAt, a, 0);
    setF64(upAt, a, Infinity);
    setF64(downAt, a, Infinity);
  }
}

/** Collateral of value v on asset a: D_a += |v|. */
@inline function addCollateralSlope(a: i32, value: f64): void {
  setF64(slopeAt, a, f64At(slopeAt, a) + (value < 0 ? -value : value));
}

/**
 * Member k's slope outputs (on asset a, at `price`, its notional N in bracket b of its table at
 * `start` with `count` brackets, raw = N × rate_b − amount_b): D_a += slopeFactor × N_price; for
 * inverse contracts M_a −= s q / p + (rate_b [raw > 0] + fee rate) × N; and, unless at entry basis,
 * the radii (up, down) of the notional's smooth range: its bracket, above the zero of raw.
 */
@inline function addMemberSlope(k: i32, a: i32, q: f64, sign: f64, price: f64, notional: f64, inverse: bool, entryBasis: bool, b: i32, start: i32, count: i32, raw: f64, rate: f64, feeRate: f64): void {
  setF64(slopeAt, a, f64At(slopeAt, a) + f64At(mSlopeFactorAt, k) * (inverse ? q / price : q * price));
  if (inverse) setF64(inverseAt, a, f64At(inverseAt, a) - ((sign * q) / price + (entryBasis ? 0.0 : (raw > 0 ? rate : 0.0) + feeRate) * notional));
  if (!entryBasis) {
    // The notional's smooth range: its bracket, above the zero of N × rate − amount (lazy-bound.ts).
    let radiusAbove: f64 = 0;
    let radiusBelow: f64 = 0;
    // (An edge at least RADIUS_SHORTCUT_RATIO away: RADIUS_SHORTCUT, the same once capped at δ.)
    if (raw > 0) {
      const upper = b + 1 < count ? f64At(floorAt, start + b + 1) : Infinity;
      const lower = f64At(smoothFloorAt, start + b);
      radiusAbove = upper >= RADIUS_SHORTCUT_RATIO * notional ? RADIUS_SHORTCUT : logRatioFloor(upper / notional);
      radiusBelow = lower > 0 ? (notional >= RADIUS_SHORTCUT_RATIO * lower ? RADIUS_SHORTCUT : logRatioFloor(notional / lower)) : Infinity;
    }
    const up = inverse ? radiusBelow : radiusAbove;
    const down = inverse ? radiusAbove : radiusBelow;
    if (up < f64At(upAt, a)) setF64(upAt, a, up);
    if (down < f64At(downAt, a)) setF64(downAt, a, down);
  }
}

/** The bracket of notional N in the table at `start` (`count` brackets), walking from member k's cached one, which it updates. */
@inline function bracketOf(k: i32, notional: f64, start: i32, count: i32): i32 {
  let b = i32At(mBracketAt, k);
  if (b >= count) b = count - 1;
  while (b + 1 < count && notional >= f64At(floorAt, start + b + 1)) b++;
  while (b > 0 && notional < f64At(floorAt, start + b)) b--;
  store<i32>(mBracketAt + (<usize>k << 2), b);
  return b;
}

/**
 * Health h = equity − maintenance of `pool` at the price factors at `factor` (pool-health-kernel.ts
 * `poolHealthAt`, the same operations in the same order): when `withGradient` the gradient
 * ∂h/∂ln S_a into `gradient`, and when `withSlope` the bound D_a = Σ slopeFactor × N + Σ |v| into `slope`; [equity, maintenance]
 * into result[2, 3].
 */
@inline export function health(pool: i32, factor: usize, withGradient: bool, withSlope: bool): f64 {
  const n = nA;
  if (withGradient) for (let a = 0; a < n; a++) setF64(gradientAt, a, 0);
  if (withSlope) clearSlopes();
  let equity = f64At(cashAt, pool);
  const collateralScale = f64At(collateralScaleAt, pool);
  if (collateralScale != 0) {
    const cEnd = i32At(collateralStartAt, pool + 1);
    for (let c = i32At(collateralStartAt, pool); c < cEnd; c++) {
      const a = i32At(collateralAssetAt, c);
      const value = f64At(collateralValueAt, c) * collateralScale * (a == -1 ? 1.0 : f64At(factor, a));
      equity += value;
      if (a != -1) {
        if (withGradient) setF64(gradientAt, a, f64At(gradientAt, a) + value);
        if (withSlope) addCollateralSlope(a, value);
      }
    }
  }
  let maintenance: f64 = 0;
  const kEnd = i32At(memberStartAt, pool + 1);
  for (let k = i32At(memberStartAt, pool); k < kEnd; k++) {
    const q = f64At(mQuantityAt, k);
    if (q == 0) continue;
    const a = i32At(mAssetAt, k);
    const sign = f64At(mSignAt, k);
    const entry = f64At(mEntryAt, k);
    const price = f64At(mMarkAt, k) * f64At(factor, a);
    const inverse = load<u8>(mInverseAt + <usize>k) == 1;
    const entryBasis = load<u8>(mEntryBasisAt + <usize>k) == 1;
    let pnl: f64;
    let notional: f64;
    if (inverse) {
      pnl = sign * q * (1 / entry - 1 / price);
      notional = entryBasis ? q / entry : q / price;
    } else {
      pnl = sign * q * (price - entry);
      notional = entryBasis ? q * entry : q * price;
    }
    // The bracket of the notional, walking from the cached one.
    const start = i32At(mBracketStartAt, k);
    const count = i32At(mBracketCountAt, k);
    const b = bracketOf(k, notional, start, count);
    const rate = f64At(rateAt, start + b);
    const raw = notional * rate - f64At(amountAt, start + b);
    const feeRate = f64At(mFeeRateAt, k);
    const mm = (raw > 0 ? raw : 0.0) + notional * feeRate + f64At(mFeeAmountAt, k);
    equity += pnl;
    maintenance += mm;
    if (withGradient) {
      const slopeRate = (raw > 0 ? rate : 0.0) + feeRate;
      if (inverse) {
        setF64(gradientAt, a, f64At(gradientAt, a) + ((sign * q) / price + (entryBasis ? 0.0 : slopeRate * notional)));
      } else {
        setF64(gradientAt, a, f64At(gradientAt, a) + (sign * q * price - (entryBasis ? 0.0 : slopeRate * notional)));
      }
    }
    if (withSlope) addMemberSlope(k, a, q, sign, price, notional, inverse, entryBasis, b, start, count, raw, rate, feeRate);
  }
  setF64(resultAt, 2, equity);
  setF64(resultAt, 3, maintenance);
  return equity - maintenance;
}

/**
 * The slope outputs of `health` alone (the same values, summed in the same order: collateral, then
 * members) at the price factors at `factor`: D_a into `slope`, M_a into `inverse`, the radii into
 * `up` and `down`. The bracket of each member is found again (walking from its cache, which may
 * hold another point's bracket meanwhile: the walk ends at the same bracket from any start).
 */
export function slopeBounds(pool: i32, factor: usize): void {
  clearSlopes();
  const collateralScale = f64At(collateralScaleAt, pool);
  if (collateralScale != 0) {
    const cEnd = i32At(collateralStartAt, pool + 1);
    for (let c = i32At(collateralStartAt, pool); c < cEnd; c++) {
      const a = i32At(collateralAssetAt, c);
      if (a != -1) addCollateralSlope(a, f64At(collateralValueAt, c) * collateralScale * f64At(factor, a));
    }
  }
  const kEnd = i32At(memberStartAt, pool + 1);
  for (let k = i32At(memberStartAt, pool); k < kEnd; k++) {
    const q = f64At(mQuantityAt, k);
    if (q == 0) continue;
    const a = i32At(mAssetAt, k);
    const sign = f64At(mSignAt, k);
    const entry = f64At(mEntryAt, k);
    const price = f64At(mMarkAt, k) * f64At(factor, a);
    const inverse = load<u8>(mInverseAt + <usize>k) == 1;
    const entryBasis = load<u8>(mEntryBasisAt + <usize>k) == 1;
    const notional = inverse ? (entryBasis ? q / entry : q / price) : entryBasis ? q * entry : q * price;
    const start = i32At(mBracketStartAt, k);
    const count = i32At(mBracketCountAt, k);
    const b = bracketOf(k, notional, start, count);
    const rate = f64At(rateAt, start + b);
    const raw = notional * rate - f64At(amountAt, start + b);
    addMemberSlope(k, a, q, sign, price, notional, inverse, entryBasis, b, start, count, raw, rate, f64At(mFeeRateAt, k));
  }
}

/**
 * `poolHealthAt` for TypeScript (pool-health-kernel.ts) at the factors at byte address `factor`:
 * h returned; [equity, maintenance] in result[2, 3]; the gradient when `withGradient` is 1 (and the
 * slope bounds when `withSlope` is 1, which implies the gradient) in the scratch rows.
 */
export function poolHealth(pool: i32, factor: usize, withGradient: i32, withSlope: i32): f64 {
  if (withSlope != 0) return health(pool, factor, true, true);
  if (withGradient != 0) return health(pool, factor, true, false);
  return health(pool, factor, false, false);
}


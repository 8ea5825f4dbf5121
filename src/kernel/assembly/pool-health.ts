// AssemblyScript (see gradient-scan.ts): a gradient pool's health at given price factors, the
// WebAssembly twin of `poolHealthAt` (src/kernel/pool-health-kernel.ts), operation for operation,
// with its gradient, slope bounds and the second lazy bound's inputs (src/kernel/lazy-bound.ts),
// either in the same pass (`health` with slopes) or in a pass of their own (`slopeBounds`: the
// gradient kernel asks for them only at the steps it anchors the lazy bounds at). The kinks K_a
// are left out where nothing reads them (the trigger search's bounds, the kernel's own anchors,
// which compute them only once a scan needs them: anchor-kinks.ts); the host's calls always
// include them.

import { RADIUS_SHORTCUT, RADIUS_SHORTCUT_RATIO } from '../radius-shortcut';
import { MEMBER_SIGN, MEMBER_ENTRY, MEMBER_MARK, MEMBER_FEE_RATE, MEMBER_FEE_AMOUNT, MEMBER_SLOPE_FACTOR, MEMBER_ASSET, MEMBER_BRACKETS, MEMBER_BRACKET_COUNT, MEMBER_BRACKET, MEMBER_INVERSE, MEMBER_ENTRY_BASIS, MEMBER_RECORD_BYTES, BRACKET_FLOOR, BRACKET_RATE, BRACKET_AMOUNT, BRACKET_SMOOTH_FLOOR, BRACKET_RECORD_BYTES } from '../member-record';
import { nA, memberStartAt, collateralStartAt, cashAt, collateralScaleAt, collateralAssetAt, collateralValueAt, membersAt, mQuantityAt, gradientAt, slopeAt, resultAt, inverseAt, upAt, downAt, kinkAt, f64At, setF64, i32At } from './kernel-memory';

/** 2 (r − 1) / (r + 1) <= ln r for r >= 1 (0 below 1, 2 at ∞): a cheap lower bound of a log radius. */
@inline export function logRatioFloor(r: f64): f64 {
  if (!(r > 1)) return 0;
  if (r == Infinity) return 2;
  return (2 * (r - 1)) / (r + 1);
}

/** Zero slope bounds, e^−x parts and (`withKinks`) kinks, infinite radii (before a pool's slope outputs are summed). */
@inline function clearSlopes(withKinks: bool): void {
  const n = nA;
  for (let a = 0; a < n; a++) {
    setF64(slopeAt, a, 0);
    setF64(inverseAt, a, 0);
    if (withKinks) setF64(kinkAt, a, 0);
    setF64(upAt, a, Infinity);
    setF64(downAt, a, Infinity);
  }
}

/** Collateral of value v on asset a: D_a += |v|. */
@inline function addCollateralSlope(a: i32, value: f64): void {
  setF64(slopeAt, a, f64At(slopeAt, a) + (value < 0 ? -value : value));
}

/**
 * κ N (lazy-bound.ts `kinkBound`, the same operations): for the member whose bracket `b` (of
 * `count`, records from `brackets`) holds its notional N, the largest change of the maintenance's
 * slope in the notional, |rate_j [N' rate_j − amount_j > 0] − slopeE|, over the notionals N' within a
 * factor RADIUS_SHORTCUT_RATIO of N (every bracket j that range reaches, each with both slopes it
 * may take there), slopeE the slope at N; times N.
 */
export function kinkBound(brackets: usize, count: i32, b: i32, notional: f64, slopeE: f64): f64 {
  const high = notional * RADIUS_SHORTCUT_RATIO;
  const low = notional / RADIUS_SHORTCUT_RATIO;
  let j = b;
  while (j > 0 && load<f64>(brackets + <usize>j * BRACKET_RECORD_BYTES, BRACKET_FLOOR) > low) j--;
  let kappa: f64 = 0;
  for (; j < count; j++) {
    const at = brackets + <usize>j * BRACKET_RECORD_BYTES;
    const floor = load<f64>(at, BRACKET_FLOOR);
    if (j > b && floor > high) break;
    const upper = j + 1 < count ? load<f64>(at, BRACKET_RECORD_BYTES + BRACKET_FLOOR) : Infinity;
    const rate = load<f64>(at, BRACKET_RATE);
    const amount = load<f64>(at, BRACKET_AMOUNT);
    const rawLow = max<f64>(floor, low) * rate - amount;
    const rawHigh = min<f64>(upper, high) * rate - amount;
    if (rawLow > 0 || rawHigh > 0) kappa = max<f64>(kappa, abs<f64>(rate - slopeE));
    if (!(rawLow > 0 && rawHigh > 0)) kappa = max<f64>(kappa, abs<f64>(slopeE));
  }
  return kappa * notional;
}

/**
 * The slope outputs of the member at record `m` (on asset a, at `price`, its notional N in the
 * bracket whose record is at `bracket`, raw = N × rate_b − amount_b):
 * D_a += slopeFactor × N_price; for inverse contracts M_a −= s q / p + (rate_b [raw > 0] + fee
 * rate) × N; and, unless at entry basis, the radii (up, down) of the notional's smooth range: its
 * bracket, above the zero of raw; and when an end of that range lies within a factor
 * RADIUS_SHORTCUT_RATIO of N (a radius other than RADIUS_SHORTCUT), K_a += κ N (`kinkBound`) when
 * `withKinks`.
 */
@inline function addMemberSlope(m: usize, a: i32, q: f64, sign: f64, price: f64, notional: f64, inverse: bool, entryBasis: bool, bracket: usize, raw: f64, rate: f64, feeRate: f64, withKinks: bool): void {
  setF64(slopeAt, a, f64At(slopeAt, a) + load<f64>(m, MEMBER_SLOPE_FACTOR) * (inverse ? q / price : q * price));
  if (inverse) setF64(inverseAt, a, f64At(inverseAt, a) - ((sign * q) / price + (entryBasis ? 0.0 : (raw > 0 ? rate : 0.0) + feeRate) * notional));
  if (!entryBasis) {
    // The notional's smooth range: its bracket, above the zero of N × rate − amount (lazy-bound.ts).
    let radiusAbove: f64 = 0;
    let radiusBelow: f64 = 0;
    // (An edge at least RADIUS_SHORTCUT_RATIO away: RADIUS_SHORTCUT, the same once capped at δ.)
    let near = true;
    if (raw > 0) {
      const upper = inTopBracket(m) ? Infinity : load<f64>(bracket, BRACKET_RECORD_BYTES + BRACKET_FLOOR);
      const lower = load<f64>(bracket, BRACKET_SMOOTH_FLOOR);
      const farAbove = upper >= RADIUS_SHORTCUT_RATIO * notional;
      const farBelow = !(lower > 0) || notional >= RADIUS_SHORTCUT_RATIO * lower;
      radiusAbove = farAbove ? RADIUS_SHORTCUT : logRatioFloor(upper / notional);
      radiusBelow = lower > 0 ? (farBelow ? RADIUS_SHORTCUT : logRatioFloor(notional / lower)) : Infinity;
      near = !(farAbove && farBelow);
    }
    if (withKinks && near) setF64(kinkAt, a, f64At(kinkAt, a) + memberKink(m, bracket, notional, raw, rate));
    const up = inverse ? radiusBelow : radiusAbove;
    const down = inverse ? radiusAbove : radiusBelow;
    if (up < f64At(upAt, a)) setF64(upAt, a, up);
    if (down < f64At(downAt, a)) setF64(downAt, a, down);
  }
}

/** κ N (`kinkBound`) of the member at record `m`, its notional N in the bracket whose record is at `bracket`, raw = N × rate − amount there. */
@inline export function memberKink(m: usize, bracket: usize, notional: f64, raw: f64, rate: f64): f64 {
  const brackets = <usize>load<i32>(m, MEMBER_BRACKETS);
  const b = <i32>((bracket - brackets) / BRACKET_RECORD_BYTES);
  return kinkBound(brackets, load<i32>(m, MEMBER_BRACKET_COUNT), b, notional, raw > 0 ? rate : 0.0);
}

/**
 * Whether the member at record `m` (notional N in the bracket at `bracket`, raw = N × rate −
 * amount there, not on entry basis) has an end of its smooth range within a factor
 * RADIUS_SHORTCUT_RATIO of N, so that `addMemberSlope` adds its κ N to the kinks: raw <= 0, or
 * its bracket's next floor below RADIUS_SHORTCUT_RATIO × N, or its smooth floor above
 * N / RADIUS_SHORTCUT_RATIO (the same tests as there).
 */
@inline export function nearRangeEnd(m: usize, bracket: usize, notional: f64, raw: f64): bool {
  if (!(raw > 0)) return true;
  const upper = inTopBracket(m) ? Infinity : load<f64>(bracket, BRACKET_RECORD_BYTES + BRACKET_FLOOR);
  const lower = load<f64>(bracket, BRACKET_SMOOTH_FLOOR);
  const farAbove = upper >= RADIUS_SHORTCUT_RATIO * notional;
  const farBelow = !(lower > 0) || notional >= RADIUS_SHORTCUT_RATIO * lower;
  return !(farAbove && farBelow);
}

/**
 * The record of the bracket of notional N among the member's bracket records (its schedule),
 * walking from the bracket the member record at `m` holds, which it updates (MEMBER_BRACKET).
 */
@inline export function bracketRecord(m: usize, notional: f64): usize {
  const brackets = <usize>load<i32>(m, MEMBER_BRACKETS);
  const count = load<i32>(m, MEMBER_BRACKET_COUNT);
  let b = load<i32>(m, MEMBER_BRACKET);
  if (b >= count) b = count - 1;
  while (b + 1 < count && notional >= load<f64>(brackets + <usize>b * BRACKET_RECORD_BYTES, BRACKET_RECORD_BYTES + BRACKET_FLOOR)) b++;
  while (b > 0 && notional < load<f64>(brackets + <usize>b * BRACKET_RECORD_BYTES, BRACKET_FLOOR)) b--;
  store<i32>(m, b, MEMBER_BRACKET);
  return brackets + <usize>b * BRACKET_RECORD_BYTES;
}

/** Whether the member at record `m` is in its schedule's top bracket (the one its last `bracketRecord` found). */
@inline function inTopBracket(m: usize): bool {
  return load<i32>(m, MEMBER_BRACKET) + 1 >= load<i32>(m, MEMBER_BRACKET_COUNT);
}

/** The notional N of q at `price`: q / price for an inverse contract, q × price for a linear one; at `entry` instead on entry basis. */
@inline export function memberNotional(q: f64, entry: f64, price: f64, inverse: bool, entryBasis: bool): f64 {
  return inverse ? (entryBasis ? q / entry : q / price) : entryBasis ? q * entry : q * price;
}

/**
 * Health h = equity − maintenance of `pool` at the price factors at `factor` (pool-health-kernel.ts
 * `poolHealthAt`, the same operations in the same order): when `withGradient` the gradient
 * ∂h/∂ln S_a into `gradient`, and when `withSlope` the bound D_a = Σ slopeFactor × N + Σ |v| into `slope`
 * with the rest of the slope outputs (the kinks only `withKinks`); [equity, maintenance] into result[2, 3].
 */
@inline export function health(pool: i32, factor: usize, withGradient: bool, withSlope: bool, withKinks: bool): f64 {
  const n = nA;
  if (withGradient) for (let a = 0; a < n; a++) setF64(gradientAt, a, 0);
  if (withSlope) clearSlopes(withKinks);
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
  // One pointer walks the member records, one the live quantities (kernel-memory.ts).
  const kStart = i32At(memberStartAt, pool);
  let qAt = mQuantityAt + (<usize>kStart << 3);
  const qEnd = mQuantityAt + (<usize>i32At(memberStartAt, pool + 1) << 3);
  let m = membersAt + <usize>kStart * MEMBER_RECORD_BYTES;
  for (; qAt < qEnd; qAt += 8, m += MEMBER_RECORD_BYTES) {
    const q = load<f64>(qAt);
    if (q == 0) continue;
    const a = load<i32>(m, MEMBER_ASSET);
    const sign = load<f64>(m, MEMBER_SIGN);
    const entry = load<f64>(m, MEMBER_ENTRY);
    const price = load<f64>(m, MEMBER_MARK) * f64At(factor, a);
    const inverse = load<u8>(m, MEMBER_INVERSE) == 1;
    const entryBasis = load<u8>(m, MEMBER_ENTRY_BASIS) == 1;
    const pnl = inverse ? sign * q * (1 / entry - 1 / price) : sign * q * (price - entry);
    const notional = memberNotional(q, entry, price, inverse, entryBasis);
    // The bracket of the notional, walking from the cached one.
    const bracket = bracketRecord(m, notional);
    const rate = load<f64>(bracket, BRACKET_RATE);
    const raw = notional * rate - load<f64>(bracket, BRACKET_AMOUNT);
    const feeRate = load<f64>(m, MEMBER_FEE_RATE);
    const mm = (raw > 0 ? raw : 0.0) + notional * feeRate + load<f64>(m, MEMBER_FEE_AMOUNT);
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
    if (withSlope) addMemberSlope(m, a, q, sign, price, notional, inverse, entryBasis, bracket, raw, rate, feeRate, withKinks);
  }
  setF64(resultAt, 2, equity);
  setF64(resultAt, 3, maintenance);
  return equity - maintenance;
}

/**
 * The slope outputs of `health` alone (the same values, summed in the same order: collateral, then
 * members) at the price factors at `factor`: D_a into `slope`, M_a into `inverse`, the radii into
 * `up` and `down`, and (`withKinks`) K_a into `kink`. The bracket of each member is found again
 * (walking from its cache, which may hold another point's bracket meanwhile: the walk ends at the
 * same bracket from any start).
 */
@inline export function slopeOutputs(pool: i32, factor: usize, withKinks: bool): void {
  clearSlopes(withKinks);
  const collateralScale = f64At(collateralScaleAt, pool);
  if (collateralScale != 0) {
    const cEnd = i32At(collateralStartAt, pool + 1);
    for (let c = i32At(collateralStartAt, pool); c < cEnd; c++) {
      const a = i32At(collateralAssetAt, c);
      if (a != -1) addCollateralSlope(a, f64At(collateralValueAt, c) * collateralScale * f64At(factor, a));
    }
  }
  const kStart = i32At(memberStartAt, pool);
  let qAt = mQuantityAt + (<usize>kStart << 3);
  const qEnd = mQuantityAt + (<usize>i32At(memberStartAt, pool + 1) << 3);
  let m = membersAt + <usize>kStart * MEMBER_RECORD_BYTES;
  for (; qAt < qEnd; qAt += 8, m += MEMBER_RECORD_BYTES) {
    const q = load<f64>(qAt);
    if (q == 0) continue;
    const a = load<i32>(m, MEMBER_ASSET);
    const entry = load<f64>(m, MEMBER_ENTRY);
    const price = load<f64>(m, MEMBER_MARK) * f64At(factor, a);
    const inverse = load<u8>(m, MEMBER_INVERSE) == 1;
    const entryBasis = load<u8>(m, MEMBER_ENTRY_BASIS) == 1;
    const notional = memberNotional(q, entry, price, inverse, entryBasis);
    const bracket = bracketRecord(m, notional);
    const rate = load<f64>(bracket, BRACKET_RATE);
    const raw = notional * rate - load<f64>(bracket, BRACKET_AMOUNT);
    addMemberSlope(m, a, q, load<f64>(m, MEMBER_SIGN), price, notional, inverse, entryBasis, bracket, raw, rate, load<f64>(m, MEMBER_FEE_RATE), withKinks);
  }
}

/** `slopeOutputs` with the kinks (the host's `slopeBounds`, for its tests). */
export function slopeBounds(pool: i32, factor: usize): void {
  slopeOutputs(pool, factor, true);
}

/**
 * `poolHealthAt` for TypeScript (pool-health-kernel.ts) at the factors at byte address `factor`:
 * h returned; [equity, maintenance] in result[2, 3]; the gradient when `withGradient` is 1 (and the
 * slope bounds when `withSlope` is 1, which implies the gradient) in the scratch rows.
 */
export function poolHealth(pool: i32, factor: usize, withGradient: i32, withSlope: i32): f64 {
  if (withSlope != 0) return health(pool, factor, true, true, true);
  if (withGradient != 0) return health(pool, factor, true, false, false);
  return health(pool, factor, false, false, false);
}


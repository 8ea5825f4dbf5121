// AssemblyScript (see gradient-scan.ts): a gradient pool's health at given price factors, the
// WebAssembly twin of `poolHealthAt` (src/kernel/pool-health-kernel.ts), operation for operation
// (in a pool of linear members two members at a time, each in a lane of f64x2 operations),
// with its gradient, slope bounds and the second lazy bound's inputs (src/kernel/lazy-bound.ts),
// either in the same pass (`health` with slopes) or in a pass of their own (`slopeBounds`: the
// gradient kernel asks for them only at the steps it anchors the lazy bounds at). The kinks K_a
// are left out where nothing reads them (the trigger search's bounds, the kernel's own anchors,
// which compute them only once a scan needs them: anchor-kinks.ts); the host's calls include
// them (but for its tests' entry without them).

import { RADIUS_SHORTCUT, RADIUS_SHORTCUT_RATIO } from '../radius-shortcut';
import { MEMBER_SIGN, MEMBER_ENTRY, MEMBER_MARK, MEMBER_FEE_RATE, MEMBER_FEE_AMOUNT, MEMBER_SLOPE_FACTOR, MEMBER_ASSET, MEMBER_BRACKETS, MEMBER_BRACKET_COUNT, MEMBER_BRACKET, MEMBER_INVERSE, MEMBER_ENTRY_BASIS, MEMBER_RATE, MEMBER_AMOUNT, MEMBER_LOW_EDGE, MEMBER_HIGH_EDGE, MEMBER_SMOOTH_FLOOR, MEMBER_RECORD_BYTES, BRACKET_FLOOR, BRACKET_RATE, BRACKET_AMOUNT, BRACKET_SMOOTH_FLOOR, BRACKET_RECORD_BYTES } from '../member-record';
import { memberKink } from './bracket-kinks';
import { nA, plainPoolsAt, memberStartAt, collateralStartAt, cashAt, collateralScaleAt, collateralAssetAt, collateralValueAt, membersAt, mQuantityAt, gradientAt, slopeAt, resultAt, inverseAt, upAt, downAt, kinkAt, f64At, setF64, i32At } from './kernel-memory';

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
 * walking from the bracket the member record at `m` holds, which it updates (MEMBER_BRACKET, and
 * when the walk moved the bracket's cached fields: rate, amount, edges and smooth floor).
 */
@inline export function bracketRecord(m: usize, notional: f64): usize {
  const brackets = <usize>load<i32>(m, MEMBER_BRACKETS);
  const count = load<i32>(m, MEMBER_BRACKET_COUNT);
  const found = load<i32>(m, MEMBER_BRACKET);
  let b = found;
  if (b >= count) b = count - 1;
  while (b + 1 < count && notional >= load<f64>(brackets + <usize>b * BRACKET_RECORD_BYTES, BRACKET_RECORD_BYTES + BRACKET_FLOOR)) b++;
  while (b > 0 && notional < load<f64>(brackets + <usize>b * BRACKET_RECORD_BYTES, BRACKET_FLOOR)) b--;
  const bracket = brackets + <usize>b * BRACKET_RECORD_BYTES;
  if (b != found) cacheBracket(m, bracket, b, count);
  return bracket;
}

/** Bracket `b` (of `count`, its record at `bracket`) as the one the member at record `m` found last, with its cached fields (member-record.ts). */
@inline function cacheBracket(m: usize, bracket: usize, b: i32, count: i32): void {
  store<i32>(m, b, MEMBER_BRACKET);
  store<f64>(m, load<f64>(bracket, BRACKET_RATE), MEMBER_RATE);
  store<f64>(m, load<f64>(bracket, BRACKET_AMOUNT), MEMBER_AMOUNT);
  store<f64>(m, b > 0 ? load<f64>(bracket, BRACKET_FLOOR) : -Infinity, MEMBER_LOW_EDGE);
  store<f64>(m, b + 1 < count ? load<f64>(bracket, BRACKET_RECORD_BYTES + BRACKET_FLOOR) : Infinity, MEMBER_HIGH_EDGE);
  store<f64>(m, load<f64>(bracket, BRACKET_SMOOTH_FLOOR), MEMBER_SMOOTH_FLOOR);
}

/** Whether the member at record `m` is in its schedule's top bracket (the one its last `bracketRecord` found). */
@inline function inTopBracket(m: usize): bool {
  return load<i32>(m, MEMBER_BRACKET) + 1 >= load<i32>(m, MEMBER_BRACKET_COUNT);
}

/** The notional N of q at `price`: q / price for an inverse contract, q × price for a linear one; at `entry` instead on entry basis. */
@inline export function memberNotional(q: f64, entry: f64, price: f64, inverse: bool, entryBasis: bool): f64 {
  return inverse ? (entryBasis ? q / entry : q / price) : entryBasis ? q * entry : q * price;
}

/** The maintenance MM of the member `memberTerm` evaluated last (its second result). */
let termMaintenance: f64 = 0;

/**
 * One member's terms of `health` (record `m`, quantity q ≠ 0, at the price factors at `factor`):
 * returns its PnL and leaves its maintenance MM in `termMaintenance`; adds its ∂h/∂x_a to the
 * gradient when `withGradient` and its slope outputs when `withSlope` (`addMemberSlope`).
 *   PnL = s q (p − entry), or s q (1/entry − 1/p) inverse; N = q p, or q / p (at entry basis q × entry, q / entry)
 *   MM = max(N rate_b − amount_b, 0) + N feeRate + feeAmount, b the bracket of N (`bracketRecord`)
 */
@inline function memberTerm(m: usize, q: f64, factor: usize, withGradient: bool, withSlope: bool, withKinks: bool): f64 {
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
  termMaintenance = (raw > 0 ? raw : 0.0) + notional * feeRate + load<f64>(m, MEMBER_FEE_AMOUNT);
  if (withGradient) {
    const slopeRate = (raw > 0 ? rate : 0.0) + feeRate;
    if (inverse) {
      setF64(gradientAt, a, f64At(gradientAt, a) + ((sign * q) / price + (entryBasis ? 0.0 : slopeRate * notional)));
    } else {
      setF64(gradientAt, a, f64At(gradientAt, a) + (sign * q * price - (entryBasis ? 0.0 : slopeRate * notional)));
    }
  }
  if (withSlope) addMemberSlope(m, a, q, sign, price, notional, inverse, entryBasis, bracket, raw, rate, feeRate, withKinks);
  return pnl;
}

/** The record after a member's (its pair's second member, at this offset from the first). */
const NEXT = MEMBER_RECORD_BYTES;

/** `logRatioFloor` of both lanes (the same operations, each lane's division its own). */
@inline function logRatioFloorPair(r: v128): v128 {
  const one = f64x2.splat(1);
  const two = f64x2.splat(2);
  const ratio = f64x2.div(f64x2.mul(two, f64x2.sub(r, one)), f64x2.add(r, one));
  return v128.and(v128.bitselect(two, ratio, f64x2.eq(r, f64x2.splat(Infinity))), f64x2.gt(r, one));
}

/** radius[a] = min(radius[a], r) as `addMemberSlope` lowers a radius (only when r is below). */
@inline function lowerRadius(radii: usize, a: i32, r: f64): void {
  if (r < f64At(radii, a)) setF64(radii, a, r);
}

/**
 * Health h = equity − maintenance of `pool` at the price factors at `factor` (pool-health-kernel.ts
 * `poolHealthAt`, the same operations in the same order): when `withGradient` the gradient
 * ∂h/∂ln S_a into `gradient`, and when `withSlope` the bound D_a = Σ slopeFactor × N + Σ |v| into `slope`
 * with the rest of the slope outputs (the kinks only `withKinks`); [equity, maintenance] into result[2, 3].
 *
 * In a pool whose members are all linear and none at entry basis (`plainPools`), two members at a
 * time: the terms of `memberTerm` as the two lanes of f64x2 operations (each lane the scalar
 * operations, no fused ones; `addMemberSlope`'s radii too: RADIUS_SHORTCUT for an end at least
 * RADIUS_SHORTCUT_RATIO away, else `logRatioFloor` of the ratio, 0 for raw <= 0, +∞ below without
 * a positive smooth floor), the brackets those the records cache (member-record.ts), then added to
 * the sums lane 0 before lane 1, so every sum takes the members in order, as the scalar loop does.
 * A pair is taken member by member instead (`memberTerm`) when a quantity is 0, a notional left
 * its cached bracket (N >= the next floor or N < the floor: where the walk would move), or, with
 * the kinks, a member lies near an end of its smooth range (its κ N walks the brackets).
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
  if (load<u8>(plainPoolsAt + <usize>pool) == 1) {
    const gradient = gradientAt;
    const slope = slopeAt;
    const up = upAt;
    const down = downAt;
    const zero = f64x2.splat(0);
    const ratio = f64x2.splat(RADIUS_SHORTCUT_RATIO);
    const shortcut = f64x2.splat(RADIUS_SHORTCUT);
    const infinite = f64x2.splat(Infinity);
    for (; qAt + 8 < qEnd; qAt += 16, m += 2 * NEXT) {
      const q = v128.load(qAt);
      const a0 = load<i32>(m, MEMBER_ASSET);
      const a1 = load<i32>(m, NEXT + MEMBER_ASSET);
      const price = f64x2.mul(v128.load64_lane(m, v128.load64_zero(m, MEMBER_MARK), 1, NEXT + MEMBER_MARK), v128.load64_lane(factor + (<usize>a1 << 3), v128.load64_zero(factor + (<usize>a0 << 3)), 1));
      const notional = f64x2.mul(q, price);
      const high = v128.load64_lane(m, v128.load64_zero(m, MEMBER_HIGH_EDGE), 1, NEXT + MEMBER_HIGH_EDGE);
      const low = v128.load64_lane(m, v128.load64_zero(m, MEMBER_LOW_EDGE), 1, NEXT + MEMBER_LOW_EDGE);
      let slow = v128.or(f64x2.eq(q, zero), v128.or(f64x2.ge(notional, high), f64x2.lt(notional, low)));
      const rate = v128.load64_lane(m, v128.load64_zero(m, MEMBER_RATE), 1, NEXT + MEMBER_RATE);
      const raw = f64x2.sub(f64x2.mul(notional, rate), v128.load64_lane(m, v128.load64_zero(m, MEMBER_AMOUNT), 1, NEXT + MEMBER_AMOUNT));
      const positive = f64x2.gt(raw, zero);
      // The radii of `addMemberSlope` (up, down: a linear member's above and below), RADIUS_SHORTCUT
      // when both ends are far, else from the ratios, 0 with raw <= 0; with the kinks, a member near
      // an end of its range is taken alone (its κ N is a bracket walk of its own).
      let above = shortcut;
      let below = shortcut;
      if (withSlope) {
        const smooth = v128.load64_lane(m, v128.load64_zero(m, MEMBER_SMOOTH_FLOOR), 1, NEXT + MEMBER_SMOOTH_FLOOR);
        const floored = f64x2.gt(smooth, zero);
        const farAbove = f64x2.ge(high, f64x2.mul(ratio, notional));
        const farBelow = v128.or(v128.not(floored), f64x2.ge(notional, f64x2.mul(ratio, smooth)));
        const far = v128.and(positive, v128.and(farAbove, farBelow));
        below = v128.bitselect(shortcut, infinite, floored);
        if (!v128.all_true<i64>(far)) {
          if (withKinks) {
            slow = v128.or(slow, v128.not(far));
          } else {
            above = v128.and(v128.bitselect(shortcut, logRatioFloorPair(f64x2.div(high, notional)), farAbove), positive);
            below = v128.and(v128.bitselect(v128.bitselect(shortcut, logRatioFloorPair(f64x2.div(notional, smooth)), farBelow), infinite, floored), positive);
          }
        }
      }
      if (v128.any_true(slow)) {
        const q0 = f64x2.extract_lane(q, 0);
        if (q0 != 0) {
          equity += memberTerm(m, q0, factor, withGradient, withSlope, withKinks);
          maintenance += termMaintenance;
        }
        const q1 = f64x2.extract_lane(q, 1);
        if (q1 != 0) {
          equity += memberTerm(m + NEXT, q1, factor, withGradient, withSlope, withKinks);
          maintenance += termMaintenance;
        }
        continue;
      }
      const signedQ = f64x2.mul(v128.load64_lane(m, v128.load64_zero(m, MEMBER_SIGN), 1, NEXT + MEMBER_SIGN), q);
      const pnl = f64x2.mul(signedQ, f64x2.sub(price, v128.load64_lane(m, v128.load64_zero(m, MEMBER_ENTRY), 1, NEXT + MEMBER_ENTRY)));
      const feeRate = v128.load64_lane(m, v128.load64_zero(m, MEMBER_FEE_RATE), 1, NEXT + MEMBER_FEE_RATE);
      const feeAmount = v128.load64_lane(m, v128.load64_zero(m, MEMBER_FEE_AMOUNT), 1, NEXT + MEMBER_FEE_AMOUNT);
      const mm = f64x2.add(f64x2.add(v128.and(raw, positive), f64x2.mul(notional, feeRate)), feeAmount);
      equity += f64x2.extract_lane(pnl, 0);
      maintenance += f64x2.extract_lane(mm, 0);
      equity += f64x2.extract_lane(pnl, 1);
      maintenance += f64x2.extract_lane(mm, 1);
      if (withGradient) {
        const slopeRate = f64x2.add(v128.and(rate, positive), feeRate);
        const g = f64x2.sub(f64x2.mul(signedQ, price), f64x2.mul(slopeRate, notional));
        setF64(gradient, a0, f64At(gradient, a0) + f64x2.extract_lane(g, 0));
        setF64(gradient, a1, f64At(gradient, a1) + f64x2.extract_lane(g, 1));
      }
      if (withSlope) {
        const bound = f64x2.mul(v128.load64_lane(m, v128.load64_zero(m, MEMBER_SLOPE_FACTOR), 1, NEXT + MEMBER_SLOPE_FACTOR), notional);
        setF64(slope, a0, f64At(slope, a0) + f64x2.extract_lane(bound, 0));
        lowerRadius(up, a0, f64x2.extract_lane(above, 0));
        lowerRadius(down, a0, f64x2.extract_lane(below, 0));
        setF64(slope, a1, f64At(slope, a1) + f64x2.extract_lane(bound, 1));
        lowerRadius(up, a1, f64x2.extract_lane(above, 1));
        lowerRadius(down, a1, f64x2.extract_lane(below, 1));
      }
    }
  }
  for (; qAt < qEnd; qAt += 8, m += MEMBER_RECORD_BYTES) {
    const q = load<f64>(qAt);
    if (q == 0) continue;
    equity += memberTerm(m, q, factor, withGradient, withSlope, withKinks);
    maintenance += termMaintenance;
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
 * slope bounds when `withSlope` is 1, which implies the gradient) in the scratch rows. `withSlope`
 * 2, for the host's tests: the slope outputs without the kinks, as the kernel's own anchors take them.
 */
export function poolHealth(pool: i32, factor: usize, withGradient: i32, withSlope: i32): f64 {
  if (withSlope == 2) return health(pool, factor, true, true, false);
  if (withSlope != 0) return health(pool, factor, true, true, true);
  if (withGradient != 0) return health(pool, factor, true, false, false);
  return health(pool, factor, false, false, false);
}

// AssemblyScript (see path-scan.ts): the band scan of the barrier scan (barrier-steps.ts), which
// finds the next step an asset's barrier pools must check (`barrierAssetNeedsCheck` of
// barrier-pools.ts, no bars): steps whose two ends are both inside the asset's safe band are
// passed over several at a time, and a step with an end outside it gets the exact test against
// the nearest live thresholds.

import { CROSSING_EXPONENT_CUTOFF } from '../monitoring-limits';

/** x inside the safe band (low, high), open at both ends (NaN is not inside). */
@inline function inside(x: f64, low: f64, high: f64): bool {
  return x > low && x < high;
}

/**
 * `barrierAssetNeedsCheck` (barrier-pools.ts, no bars) for a step from x0 to x1 against the
 * nearest live thresholds (nearLow, nearHigh), with limit = CUTOFF × (variance × scale):
 * ```
 * x1 <= nearLow || x1 >= nearHigh || bridge && (
 *   nearLow > −∞ && 2 (x0 − nearLow)(x1 − nearLow) < limit ||
 *   nearHigh < ∞ && 2 (nearHigh − x0)(nearHigh − x1) < limit)
 * ```
 */
@inline function needsCheck(x0: f64, x1: f64, nearLow: f64, nearHigh: f64, bridge: bool, limit: f64): bool {
  if (x1 <= nearLow || x1 >= nearHigh) return true;
  if (!bridge) return false;
  if (nearLow > -Infinity && 2 * (x0 - nearLow) * (x1 - nearLow) < limit) return true;
  return nearHigh < Infinity && 2 * (nearHigh - x0) * (nearHigh - x1) < limit;
}

/**
 * Are the four values of the two lane pairs `y01`, `y23` all inside (low, high)? One test for
 * the four: f64x2 comparisons (the same IEEE comparisons as `inside`, NaN outside), their lanes
 * and-ed, and every lane true.
 */
@inline function allInside4(y01: v128, y23: v128, lows: v128, highs: v128): bool {
  const in01 = v128.and(f64x2.gt(y01, lows), f64x2.lt(y01, highs));
  const in23 = v128.and(f64x2.gt(y23, lows), f64x2.lt(y23, highs));
  return i64x2.all_true(v128.and(in01, in23));
}

/**
 * The first step from k0 of asset a its barrier pools must check, or nSteps. A step is flagged
 * when one of its ends x0 = path[k nA + a], x1 = path[(k + 1) nA + a] is outside the safe band
 * (low, high) and `needsCheck` says yes. While the path is inside the band it looks four steps
 * ahead: when all four ends are inside too, none of those steps is flagged and it moves on
 * (otherwise it takes them one by one). With one asset (nA = 1) the four ends are adjacent and
 * read as two f64x2 lanes pairs; otherwise one by one, `row` bytes apart.
 */
@inline export function nextFlagged(path: usize, nA: i32, a: i32, k0: i32, nSteps: i32, low: f64, high: f64, nearLow: f64, nearHigh: f64, variance: f64, scales: usize, bridge: bool): i32 {
  const row = <usize>nA << 3; // one path row, in bytes
  const lows = f64x2.splat(low);
  const highs = f64x2.splat(high);
  let cell = path + (<usize>(k0 * nA + a) << 3); // path[k nA + a]
  let x0 = load<f64>(cell);
  let inside0 = inside(x0, low, high);
  let k = k0;
  while (k < nSteps) {
    if (inside0 && k + 4 <= nSteps) {
      let all: bool;
      let y3: f64;
      if (nA == 1) {
        const y01 = v128.load(cell, 8);
        const y23 = v128.load(cell, 24);
        all = allInside4(y01, y23, lows, highs);
        y3 = f64x2.extract_lane(y23, 1);
      } else {
        // The four ends, `row` bytes apart, two to a lane pair.
        const y01 = v128.load64_lane(cell + 2 * row, v128.load64_zero(cell + row), 1);
        const y23 = v128.load64_lane(cell + 4 * row, v128.load64_zero(cell + 3 * row), 1);
        all = allInside4(y01, y23, lows, highs);
        y3 = f64x2.extract_lane(y23, 1);
      }
      if (all) {
        x0 = y3;
        cell += row << 2;
        k += 4;
        continue;
      }
    }
    cell += row;
    const x1 = load<f64>(cell);
    const inside1 = inside(x1, low, high);
    if (!(inside0 && inside1)) {
      const limit = CROSSING_EXPONENT_CUTOFF * (variance * load<f64>(scales + (<usize>k << 3)));
      if (needsCheck(x0, x1, nearLow, nearHigh, bridge, limit)) return k;
    }
    x0 = x1;
    inside0 = inside1;
    k++;
  }
  return nSteps;
}

// AssemblyScript source of the path-scan kernels (compiled by `npm run build`, see
// scripts/build-kernels.mjs; the host side is src/kernel/path-scan.ts, which lays out the memory). Not TypeScript
// for tsc: `f64`, `i32`, `usize`, `load<T>` and `store<T>` are AssemblyScript's.
//
// The per-step loops of `stepsByAsset` (path-kernel.ts) over one path: this file holds the sum of
// every asset's cumulative log returns (`cumulatePath`) and the scan of one asset's steps for those
// its barrier pools must check (`scanBarrier`); barrier-steps.ts holds `barrierStep` at the steps
// flagged (`barrierSteps`). Their readable twins are
// `barrierAssetNeedsCheck` and `barrierStep` in barrier-pools.ts; the arithmetic is theirs,
// operation for operation and in the same order, so the results are the same bits.
//
// Every address is a byte address on the host's memory: the path (cumulative log returns),
// (nSteps + 1) rows of nA, asset a at path[k nA + a]; the log returns, nSteps rows of `columns`;
// the step variance scales (nSteps); the flagged steps (i32, nSteps).

import { CROSSING_EXPONENT_CUTOFF } from '../monitoring-limits';

export { barrierSteps } from './barrier-steps';

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
 * The steps k0 … nSteps − 1 of asset a that its barrier pools must check, written to
 * flags[0 … count); returns count, stopping at maxFlags (the caller resumes after the last). A step is flagged when one of its ends x0 = path[k nA + a],
 * x1 = path[(k + 1) nA + a] is outside the safe band (low, high) and `needsCheck` says yes.
 * While the path is inside the band it looks four steps ahead: when all four ends are inside too,
 * none of those steps is flagged and it moves on (otherwise it takes them one by one).
 */
@inline function scan(path: usize, nA: i32, a: i32, k0: i32, nSteps: i32, low: f64, high: f64, nearLow: f64, nearHigh: f64, variance: f64, scales: usize, bridge: bool, flags: usize, maxFlags: i32): i32 {
  const row = <usize>nA << 3; // one path row, in bytes
  let cell = path + (<usize>(k0 * nA + a) << 3); // path[k nA + a]
  let x0 = load<f64>(cell);
  let inside0 = inside(x0, low, high);
  let count = 0;
  let k = k0;
  while (k < nSteps) {
    if (inside0 && k + 4 <= nSteps) {
      const y0 = load<f64>(cell + row);
      const y1 = load<f64>(cell + 2 * row);
      const y2 = load<f64>(cell + 3 * row);
      const y3 = load<f64>(cell + 4 * row);
      // One branch for the four (bitwise and of the comparisons, not short-circuit ones).
      const all = (<i32>(y0 > low) & <i32>(y0 < high) & <i32>(y1 > low) & <i32>(y1 < high)) & (<i32>(y2 > low) & <i32>(y2 < high) & <i32>(y3 > low) & <i32>(y3 < high));
      if (all != 0) {
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
      if (needsCheck(x0, x1, nearLow, nearHigh, bridge, limit)) {
        store<i32>(flags + (<usize>count << 2), k);
        count++;
        if (count >= maxFlags) return count;
      }
    }
    x0 = x1;
    inside0 = inside1;
    k++;
  }
  return count;
}

/**
 * `scanBarrier(path, nA, a, k0, nSteps, low, high, nearLow, nearHigh, variance, scales, bridge,
 * flags, maxFlags) -> count`: the first steps from k0 of asset a its barrier pools must check, at
 * most maxFlags of them (see `scan`).
 */
export function scanBarrier(path: usize, nA: i32, a: i32, k0: i32, nSteps: i32, low: f64, high: f64, nearLow: f64, nearHigh: f64, variance: f64, scales: usize, bridge: i32, flags: usize, maxFlags: i32): i32 {
  return scan(path, nA, a, k0, nSteps, low, high, nearLow, nearHigh, variance, scales, bridge != 0, flags, maxFlags);
}

/**
 * `cumulatePath(path, nA, nSteps, returns, columns, assetColumns, identity, scales) -> max
 * scale`: every asset's cumulative log returns, row after row: path[a] = 0, path[(k + 1) nA + a] =
 * path[k nA + a] + returns[k columns + column_a] (column_a = assetColumns[a], i32). The same
 * additions as asset by asset, but the assets' chains of additions run side by side instead of
 * one after the other; when the columns are the assets in order (`identity`), two assets at a
 * time (f64x2: the same IEEE additions). Returns the largest of the step variance scales
 * (scales[0 … nSteps), 0 if none is larger), which the path's safe bands need.
 */
export function cumulatePath(path: usize, nA: i32, nSteps: i32, returns: usize, columns: i32, assetColumns: usize, identity: i32, scales: usize): f64 {
  let maxScale: f64 = 0;
  for (let k = 0; k < nSteps; k++) {
    const scale = load<f64>(scales + (<usize>k << 3));
    if (scale > maxScale) maxScale = scale;
  }
  const row = <usize>nA << 3;
  const returnsRow = <usize>columns << 3;
  for (let a = 0; a < nA; a++) store<f64>(path + (<usize>a << 3), 0);
  let from = path;
  let source = returns;
  for (let k = 0; k < nSteps; k++, from += row, source += returnsRow) {
    const to = from + row;
    if (identity != 0) {
      let a = 0;
      for (; a + 1 < nA; a += 2) {
        const o = <usize>a << 3;
        v128.store(to + o, f64x2.add(v128.load(from + o), v128.load(source + o)));
      }
      if (a < nA) store<f64>(to + (<usize>a << 3), load<f64>(from + (<usize>a << 3)) + load<f64>(source + (<usize>a << 3)));
    } else {
      for (let a = 0; a < nA; a++) {
        const o = <usize>a << 3;
        store<f64>(to + o, load<f64>(from + o) + load<f64>(source + (<usize>load<i32>(assetColumns + (<usize>a << 2)) << 3)));
      }
    }
  }
  return maxScale;
}

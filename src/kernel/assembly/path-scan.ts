// AssemblyScript source of the path-scan kernels (compiled by `npm run build`, see
// scripts/build-kernels.mjs; the host side is src/kernel/path-scan.ts, which lays out the memory). Not TypeScript
// for tsc: `f64`, `i32`, `usize`, `load<T>` and `store<T>` are AssemblyScript's.
//
// The per-step loops of `stepsByAsset` (path-kernel.ts) over one asset of one path: this file holds
// the scan of its steps for those its barrier pools must check (`scanBarrier`), and the same scan
// summing the asset's cumulative log returns on the way (`cumulateScan`); barrier-steps.ts holds
// `barrierStep` at the steps flagged (`barrierSteps`). Their readable twins are
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
 * flags[0 … count); returns count. A step is flagged when one of its ends x0 = path[k nA + a],
 * x1 = path[(k + 1) nA + a] is outside the safe band (low, high) and `needsCheck` says yes.
 * While the path is inside the band it looks four steps ahead: when all four ends are inside too,
 * none of those steps is flagged and it moves on (otherwise it takes them one by one, storing
 * the same path values again).
 *
 * With `cumulate` (k0 = 0) it also sums the path of asset a in the same loop:
 * path[a] = 0, path[(k + 1) nA + a] = path[k nA + a] + returns[k columns + column].
 */
@inline function scan(
  cumulate: bool,
  path: usize,
  nA: i32,
  a: i32,
  k0: i32,
  nSteps: i32,
  low: f64,
  high: f64,
  nearLow: f64,
  nearHigh: f64,
  variance: f64,
  scales: usize,
  bridge: bool,
  flags: usize,
  returns: usize,
  columns: i32,
  column: i32,
): i32 {
  const row = <usize>nA << 3; // one path row, in bytes
  const returnsRow = <usize>columns << 3; // one row of log returns
  let cell = path + (<usize>(k0 * nA + a) << 3); // path[k nA + a]
  let source = returns + (<usize>column << 3); // returns[k columns + column]
  if (cumulate) store<f64>(cell, 0);
  let x0 = load<f64>(cell);
  let inside0 = inside(x0, low, high);
  let count = 0;
  let k = k0;
  while (k < nSteps) {
    if (inside0 && k + 4 <= nSteps) {
      let y0: f64, y1: f64, y2: f64, y3: f64;
      if (cumulate) {
        y0 = x0 + load<f64>(source);
        store<f64>(cell + row, y0);
        y1 = y0 + load<f64>(source + returnsRow);
        store<f64>(cell + 2 * row, y1);
        y2 = y1 + load<f64>(source + 2 * returnsRow);
        store<f64>(cell + 3 * row, y2);
        y3 = y2 + load<f64>(source + 3 * returnsRow);
        store<f64>(cell + 4 * row, y3);
      } else {
        y0 = load<f64>(cell + row);
        y1 = load<f64>(cell + 2 * row);
        y2 = load<f64>(cell + 3 * row);
        y3 = load<f64>(cell + 4 * row);
      }
      if (inside(y0, low, high) && inside(y1, low, high) && inside(y2, low, high) && inside(y3, low, high)) {
        x0 = y3;
        cell += row << 2;
        if (cumulate) source += returnsRow << 2;
        k += 4;
        continue;
      }
    }
    cell += row;
    let x1: f64;
    if (cumulate) {
      x1 = x0 + load<f64>(source);
      store<f64>(cell, x1);
      source += returnsRow;
    } else {
      x1 = load<f64>(cell);
    }
    const inside1 = inside(x1, low, high);
    if (!(inside0 && inside1)) {
      const limit = CROSSING_EXPONENT_CUTOFF * (variance * load<f64>(scales + (<usize>k << 3)));
      if (needsCheck(x0, x1, nearLow, nearHigh, bridge, limit)) {
        store<i32>(flags + (<usize>count << 2), k);
        count++;
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
 * flags) -> count`: the steps from k0 of asset a its barrier pools must check (see `scan`).
 */
export function scanBarrier(path: usize, nA: i32, a: i32, k0: i32, nSteps: i32, low: f64, high: f64, nearLow: f64, nearHigh: f64, variance: f64, scales: usize, bridge: i32, flags: usize): i32 {
  return scan(false, path, nA, a, k0, nSteps, low, high, nearLow, nearHigh, variance, scales, bridge != 0, flags, 0, 0, 0);
}

/**
 * `cumulateScan(…, returns, columns, column)` (k0 = 0): `scanBarrier` that also sums the path of
 * asset a from log-return column `column`, in the same loop (see `scan`).
 */
export function cumulateScan(
  path: usize,
  nA: i32,
  a: i32,
  k0: i32,
  nSteps: i32,
  low: f64,
  high: f64,
  nearLow: f64,
  nearHigh: f64,
  variance: f64,
  scales: usize,
  bridge: i32,
  flags: usize,
  returns: usize,
  columns: i32,
  column: i32,
): i32 {
  return scan(true, path, nA, a, k0, nSteps, low, high, nearLow, nearHigh, variance, scales, bridge != 0, flags, returns, columns, column);
}

// AssemblyScript (see path-scan.ts): the path scan's barrier scan. `barrierScan` runs the assets
// one after the other (`assetScan`) through their steps: the band scan (band-scan.ts) finds the
// next step an asset's barrier pools must check (`barrierAssetNeedsCheck` of barrier-pools.ts),
// and `poolsAtStep` (barrier-steps.ts, `barrierStep`) runs there for the asset's live barrier
// pools (and on the next steps straight away while the path stays near a threshold), until
// TypeScript must take over (a threshold to draw after an event, or a pool hit) or the last
// asset's steps end: one call per path and event instead of one per step (after a liquidation it
// runs the rest of that step and moves the asset's band itself, `refreshBand`).
//
// The buffers it reads are at the byte addresses the host wrote into the memory's header (the
// pools', and per asset its range of the pool list, the end of its live pools, its variance and
// its band, which it moves), and it leaves where it stopped in the result block after it
// (src/kernel/path-scan-memory.ts).

import { CROSSING_EXPONENT_CUTOFF } from '../monitoring-limits';
import { BARRIER_AFTER_EVENT, BARRIER_DONE, H_ALIVE, H_ASSET_DRAWS, H_BAND, H_HIGH, H_LIST, H_LOW, H_PATH, H_POOL_END, H_POOL_START, H_SCALES, H_VARIANCE, RESULT_ASSET_AT } from '../path-scan-memory';
import { nextFlagged } from './band-scan';
import { countedSteps, header, NOT_FLAGGED, poolsAtStep, startScan, stop } from './barrier-steps';
import { KEY_ASSET_LOWER, KEY_ASSET_UPPER, keyedUniforms4 } from './keyed-uniform';

/** x inside the safe band (low, high), open at both ends (NaN is not inside). */
@inline function insideBand(x: f64, low: f64, high: f64): bool {
  return x > low && x < high;
}

/** Asset a's entry of band array `which` (0 nearLow, 1 nearHigh, 2 safeLow, 3 safeHigh; f64, nA each). */
@inline function bandAt(which: i32, a: i32, nA: i32): usize {
  return header(H_BAND) + (<usize>(which * nA + a) << 3);
}

/**
 * `refreshNearest` (barrier-pools.ts) for the live pools of list[poolStart … poolEnd), in list
 * order (the asset's `barrierPools` order, dead pools left out):
 * ```
 * nearLow = max lo (−∞ if none);  nearHigh = min hi (+∞ if none)
 * safeLow = nearLow + margin;  safeHigh = nearHigh − margin
 * ```
 * written into asset a's entries of the bands (H_BAND), the host's state.
 */
@inline function refreshBand(a: i32, nA: i32, poolStart: i32, poolEnd: i32, margin: f64): void {
  const list = header(H_LIST);
  const alive = header(H_ALIVE);
  const low = header(H_LOW);
  const high = header(H_HIGH);
  let nearLow = -Infinity;
  let nearHigh = Infinity;
  for (let p = poolStart; p < poolEnd; p++) {
    const pool = <usize>load<i32>(list + (<usize>p << 2));
    if (load<u8>(alive + pool) == 0) continue;
    const lo = load<f64>(low + (pool << 3));
    const hi = load<f64>(high + (pool << 3));
    if (lo > nearLow) nearLow = lo;
    if (hi < nearHigh) nearHigh = hi;
  }
  store<f64>(bandAt(0, a, nA), nearLow);
  store<f64>(bandAt(1, a, nA), nearHigh);
  store<f64>(bandAt(2, a, nA), nearLow + margin);
  store<f64>(bandAt(3, a, nA), nearHigh - margin);
}

/**
 * Asset a's barrier pools (list[poolStart … poolEnd)) from step k0, with its safe band (low,
 * high) and nearest live thresholds (nearLow, nearHigh) from the bands (H_BAND). resume 0: from
 * the first step from k0 that `nextFlagged` flags; BARRIER_RESUME: step k0 (flagged before) from
 * pool p0, then on; BARRIER_AFTER_EVENT: the same after a liquidation event at step k0 (which
 * moves the band): once step k0 is done, the new band (`refreshBand`, with the margin of
 * `safeMargin` in barrier-pools.ts from the path's largest step variance scale `maxScale`,
 * √(CUTOFF × variance × maxScale / 2), 0 without the bridge), and none left (the whole line)
 * ends the asset's scan.
 * At each flagged step `poolsAtStep`, and on each next step that starts outside the safe band (the
 * path near a threshold: most such steps are flagged) `poolsAtStep` straight away, `tentative`,
 * without the band scan's `needsCheck` before it (it finds the same flag), back to the band scan
 * from a step it leaves (NOT_FLAGGED) or one that starts inside the band; returns its stop
 * (BARRIER_NEEDS_THRESHOLD, BARRIER_HIT or BARRIER_UNDECIDED, at step k, pool index p in the
 * result), or BARRIER_DONE when the asset's steps are done (nothing written).
 */
function assetScan(a: i32, nA: i32, nSteps: i32, k0: i32, p0: i32, poolStart: i32, poolEnd: i32, resume: i32, variance: f64, bridge: i32, word0: i32, word1: i32, maxScale: f64): i32 {
  let low = load<f64>(bandAt(2, a, nA));
  let high = load<f64>(bandAt(3, a, nA));
  let nearLow = load<f64>(bandAt(0, a, nA));
  let nearHigh = load<f64>(bandAt(1, a, nA));
  let k = k0;
  if (resume != 0) {
    const status = poolsAtStep(k, p0, a, nA, poolEnd, variance, bridge, false);
    if (status != BARRIER_DONE) return status;
    if (resume == BARRIER_AFTER_EVENT) {
      // `safeMargin`'s operations, in its order (f64.sqrt is IEEE's square root, as Math.sqrt).
      const margin = bridge != 0 ? Math.sqrt(0.5 * CROSSING_EXPONENT_CUTOFF * variance * maxScale) : 0;
      refreshBand(a, nA, poolStart, poolEnd, margin);
      nearLow = load<f64>(bandAt(0, a, nA));
      nearHigh = load<f64>(bandAt(1, a, nA));
      if (nearLow == -Infinity && nearHigh == Infinity) return BARRIER_DONE;
      low = load<f64>(bandAt(2, a, nA));
      high = load<f64>(bandAt(3, a, nA));
    }
    k++;
  }
  const path = header(H_PATH);
  const scales = header(H_SCALES);
  k = nextFlagged(path, nA, a, k, nSteps, low, high, nearLow, nearHigh, variance, scales, bridge != 0);
  while (k < nSteps) {
    let status = poolsAtStep(k, poolStart, a, nA, poolEnd, variance, bridge, false);
    if (status != BARRIER_DONE) return status;
    k++;
    // While the path stays outside the safe band (near a threshold), each next step straight to
    // its pools (`tentative`: they find the band scan's flag), back to the band scan at a step they leave.
    while (k < nSteps && !insideBand(load<f64>(path + (<usize>(k * nA + a) << 3)), low, high)) {
      status = poolsAtStep(k, poolStart, a, nA, poolEnd, variance, bridge, true);
      if (status == NOT_FLAGGED) break;
      if (status != BARRIER_DONE) return status;
      k++;
    }
    k = nextFlagged(path, nA, a, k, nSteps, low, high, nearLow, nearHigh, variance, scales, bridge != 0);
  }
  return BARRIER_DONE;
}

/**
 * The assets' first thresholds on the path (H_ASSET_DRAWS: asset a's lower at 2a, upper at
 * 2a + 1), `keyedUniform(word0, word1, KEY_ASSET_LOWER | a, 0)` and KEY_ASSET_UPPER | a, two
 * assets to a call of `keyedUniforms4` (an odd last asset with the next, past the last: its slots
 * are there, never read), pairs without barrier pools left out. Keyed, so drawn before they are
 * needed they are the same values: one after the other each draw is a chain of ten dependent
 * mixes, here four run side by side and the pairs overlap.
 */
@inline function drawAssetThresholds(nA: i32, word0: i32, word1: i32): void {
  const starts = header(H_POOL_START);
  const draws = header(H_ASSET_DRAWS);
  for (let a = 0; a < nA; a += 2) {
    const next = a + 2 < nA ? a + 2 : nA;
    if (load<i32>(starts + (<usize>a << 2)) == load<i32>(starts + (<usize>next << 2))) continue;
    // [LOWER | a, UPPER | a, LOWER | (a + 1), UPPER | (a + 1)] (an asset index is below the key kinds' bits).
    const keys = v128.or(i32x4.add(i32x4.splat(a), i32x4(0, 0, 1, 1)), i32x4(KEY_ASSET_LOWER, KEY_ASSET_UPPER, KEY_ASSET_LOWER, KEY_ASSET_UPPER));
    keyedUniforms4(<u32>word0, <u32>word1, keys, draws + (<usize>a << 4));
  }
}

/**
 * `barrierScan(a0, nA, nSteps, k0, p0, resume, bridge, word0, word1, exact, survivalError,
 * maxScale) -> status`: the barrier pools of assets a0 … nA − 1, asset after asset (`assetScan`),
 * until one needs TypeScript. Asset a0 goes on from step k0 as `resume` says (0: a fresh start
 * at step 0; BARRIER_RESUME or BARRIER_AFTER_EVENT: at step k0 from pool index p0, see
 * `assetScan`); every later asset starts fresh: skipped without barrier pools (poolStart[a] =
 * poolStart[a + 1]) or when its band is the whole line (nearLow = −∞, nearHigh = ∞); else its live
 * pools first put first in its range of the list, in their order (pools liquidated at step 0 left
 * out; the end, poolEnd[a], the host lowers when it takes out a pool liquidated on the path), and
 * its steps scanned from step 0. Returns the first stop (BARRIER_NEEDS_THRESHOLD, BARRIER_HIT or
 * BARRIER_UNDECIDED: the asset, step k and pool index p in the result), or BARRIER_DONE once every
 * asset is done; the result also holds how many pool-steps it completed. `exact` 1: exact survival
 * factors; 0: approximate ones with the error bound `survivalError` per step (`crossingStep` of barrier-steps.ts).
 * One call per path and event instead of one per asset and event.
 */
export function barrierScan(a0: i32, nA: i32, nSteps: i32, k0: i32, p0: i32, resume: i32, bridge: i32, word0: i32, word1: i32, exact: i32, survivalError: f64, maxScale: f64): i32 {
  startScan(exact, survivalError);
  // The path's first call: the assets' first thresholds.
  if (a0 == 0 && resume == 0) drawAssetThresholds(nA, word0, word1);
  const starts = header(H_POOL_START);
  const ends = header(H_POOL_END);
  const variances = header(H_VARIANCE);
  const list = header(H_LIST);
  const alive = header(H_ALIVE);
  let k = k0;
  for (let a = a0; a < nA; a++) {
    const poolStart = load<i32>(starts + (<usize>a << 2));
    if (resume == 0) {
      const poolLast = load<i32>(starts + (<usize>(a + 1) << 2));
      // Without live barrier pools the band is the whole line and nothing is flagged.
      if (poolStart == poolLast || (load<f64>(bandAt(0, a, nA)) == -Infinity && load<f64>(bandAt(1, a, nA)) == Infinity)) continue;
      let poolEnd = poolStart;
      for (let q = poolStart; q < poolLast; q++) {
        const pool = load<i32>(list + (<usize>q << 2));
        if (load<u8>(alive + <usize>pool) == 1) store<i32>(list + (<usize>(poolEnd++) << 2), pool);
      }
      store<i32>(ends + (<usize>a << 2), poolEnd);
      k = 0;
    }
    const poolEnd = load<i32>(ends + (<usize>a << 2));
    const status = assetScan(a, nA, nSteps, k, p0, poolStart, poolEnd, resume, load<f64>(variances + (<usize>a << 3)), bridge, word0, word1, maxScale);
    if (status != BARRIER_DONE) {
      store<i32>(RESULT_ASSET_AT, a);
      return status;
    }
    resume = 0;
  }
  return stop(nSteps, 0, countedSteps(), 0, 0, 0, BARRIER_DONE);
}

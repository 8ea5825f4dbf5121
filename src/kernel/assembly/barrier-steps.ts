// AssemblyScript (see path-scan.ts): the path scan's barrier steps. `barrierScan` runs one asset
// through its steps: the band scan (band-scan.ts) finds the next step its barrier pools must
// check (`barrierAssetNeedsCheck` of barrier-pools.ts), and `barrierStep` runs there for the asset's live
// barrier pools (and on the next steps straight away while the path stays near a threshold), until TypeScript must take over (a threshold to draw after an event, or a pool
// hit) or the steps end: one call per asset and event instead of one per step (after a liquidation
// it runs the rest of that step and moves the band itself, `refreshBand`). Its survival
// factors are approximate unless asked for exact ones, with a bound on their error that decides
// every step it can (`crossingStep`); a step it cannot decide stops the scan (BARRIER_UNDECIDED).
//
// The buffers it reads are at the byte addresses the host wrote into the memory's header, and it
// leaves where it stopped in the result block after it, and the band it moved to in the band
// block (src/kernel/path-scan-memory.ts).

import { CROSSING_EXPONENT_CUTOFF } from '../monitoring-limits';
import {
  BAND_AT,
  BARRIER_AFTER_EVENT,
  BARRIER_DONE,
  BARRIER_HIT,
  BARRIER_NEEDS_THRESHOLD,
  BARRIER_UNDECIDED,
  H_ALIVE,
  H_EVENTS,
  H_HIGH,
  H_LIST,
  H_LOW,
  H_PATH,
  H_SCALES,
  H_SURVIVAL_HIGH,
  H_SURVIVAL_LOW,
  H_THRESHOLD_HIGH,
  H_THRESHOLD_LOW,
  RESULT_AT,
} from '../path-scan-memory';
import { nextFlagged } from './band-scan';
import { boundedExp } from './bounded-exp';
import { KEY_ASSET_LOWER, KEY_ASSET_UPPER, keyedUniform } from './keyed-uniform';

/** The host's Math.exp, the very function `barrierStep` calls, its operations inlined (host-exp.ts): the same bits. */
import { hostExp as kernelExp } from '../../scenarios/random/assembly/host-exp';

/** The byte address in header slot `slot`. */
@inline function header(slot: i32): usize {
  return <usize>load<i32>(<usize>slot);
}

/**
 * Leave where it stopped in the result block: [k, p, pool-steps counted, sides] (i32), then
 * [pLow, pHigh] (f64); returns `status`.
 */
@inline function stop(step: i32, p: i32, counted: i32, sides: i32, pLow: f64, pHigh: f64, status: i32): i32 {
  store<i32>(RESULT_AT, step);
  store<i32>(RESULT_AT + 4, p);
  store<i32>(RESULT_AT + 8, counted);
  store<i32>(RESULT_AT + 12, sides);
  store<f64>(RESULT_AT + 16, pLow);
  store<f64>(RESULT_AT + 24, pHigh);
  return status;
}

/**
 * `poolsAtStep`, trying a step on its own (`tentative`), left it to the band scan: a step
 * `needsCheck` (band-scan.ts) does not flag, or one it cannot tell; nothing done, nothing counted.
 */
const NOT_FLAGGED = -1;

/** x inside the safe band (low, high), open at both ends (NaN is not inside). */
@inline function insideBand(x: f64, low: f64, high: f64): bool {
  return x > low && x < high;
}

/** Pool-steps completed in this call of `barrierScan`. */
let counted: i32 = 0;

/** This call's survival factors: exact (1) or approximate (0), and the error bound per step of the approximate ones. */
let exactFactors: i32 = 1;
let errorPerStep: f64 = 0;

/** What `crossingStep` found: not crossed, crossed, or undecided (approximate factors only). */
const NOT_CROSSED = 0;
const CROSSED = 1;
const UNDECIDED = 2;

/** The crossing probability p of the last `crossingStep`. */
let stepProbability: f64 = 0;

/**
 * One side of a pool at step k of the bridge, its survival factor at `survivalAt` and its
 * threshold U (drawn): with y = −2 (x0 − b)(x1 − b) / v,
 * ```
 * p = exp(y);  S ← S (1 − p);  crossed when S <= U
 * ```
 * Exact factors: exp is the host's (`barrierStep`'s; `exactExp`, one copy of its operations
 * called where they are needed, as exact factors are rare: a path run again), so S is the
 * readable form's, bit for bit.
 * Approximate factors: exp is AssemblyScript's own (its Math.exp's operations inlined here,
 * `boundedExp` of bounded-exp.ts; like the host's within one ulp of e^y, and inside WebAssembly:
 * no call out), so p differs from the exact one by under 2^-51 for y <= 0
 * (p <= 1), and a step moves S (a value in [0, 1]) at most |p̃ − p| plus four roundings, 2^-51 +
 * 2^-51, away from the exact S; after steps 0 … k (at most k + 1 of them since the pool's last
 * event) the two differ by at most err = (k + 1) × errorPerStep (SURVIVAL_ERROR_PER_STEP, 2^-39).
 * So S > U + err proves the exact S > U (not crossed), S + err <= U proves the exact S <= U
 * (crossed); between them, or for y > 0 (or NaN), the step is UNDECIDED and the caller must run
 * the path again with exact factors (the U is uniform, so about 2 err of the steps: never, in
 * practice). The survival factors are never read but here, so only these decisions reach the results.
 */
@inline function crossingStep(survivalAt: usize, u: f64, y: f64, k: i32): i32 {
  if (exactFactors != 0) {
    const p = exactExp(y);
    stepProbability = p;
    const survival = load<f64>(survivalAt) * (1 - p);
    store<f64>(survivalAt, survival);
    return survival <= u ? CROSSED : NOT_CROSSED;
  }
  if (!(y <= 0)) return UNDECIDED;
  const p = boundedExp(y);
  stepProbability = p;
  const survival = load<f64>(survivalAt) * (1 - p);
  store<f64>(survivalAt, survival);
  const err = <f64>(k + 1) * errorPerStep;
  if (survival > u + err) return NOT_CROSSED;
  if (survival + err <= u) return CROSSED;
  return UNDECIDED;
}

/**
 * The last asset threshold drawn of each side (0 lower, 1 upper), by its words and key: every
 * barrier pool on an asset without an event shares it, and `keyedUniform` (a chain of twelve
 * dependent hash rounds) is a pure function of them, so the next pool, in this call or the next
 * one on the same path, takes it from here. Key 0 (no key has it) marks an empty entry.
 */
const cachedWord0 = new StaticArray<u32>(2);
const cachedWord1 = new StaticArray<u32>(2);
const cachedKey = new StaticArray<u32>(2);
const cachedThreshold = new StaticArray<f64>(2);

/** `keyedUniform(word0, word1, key, 0)`, from the entry of `side` when it holds that draw. */
@inline function assetThreshold(word0: u32, word1: u32, key: u32, side: i32): f64 {
  if (unchecked(cachedKey[side]) == key && unchecked(cachedWord0[side]) == word0 && unchecked(cachedWord1[side]) == word1) return unchecked(cachedThreshold[side]);
  const u = keyedUniform(word0, word1, key, 0);
  unchecked((cachedWord0[side] = word0));
  unchecked((cachedWord1[side] = word1));
  unchecked((cachedKey[side] = key));
  unchecked((cachedThreshold[side] = u));
  return u;
}

/** The kernels' copy of the host's exp (host-exp.ts) alone, for the kernels' tests. */
export function exactExp(x: f64): f64 {
  return kernelExp(x);
}

/** The approximate factors' exp alone (`boundedExp`, AssemblyScript's `Math.exp` on [−512, 0]), for the kernel's tests. */
export function approximateExp(y: f64): f64 {
  return boundedExp(y);
}

/**
 * `barrierStep` (barrier-pools.ts, no bars) at step k of asset a for its live pools
 * list[p0 … poolEnd). From x0 = path[k nA + a] to x1 = path[(k + 1) nA + a], with
 * v = variance × scales[k], per pool with thresholds (lo, hi):
 * ```
 * hitLow = x1 <= lo;  hitHigh = x1 >= hi;  pLow = hitLow ? 1 : 0;  pHigh = hitHigh ? 1 : 0
 * bridge, !hitLow, lo > −∞, e2 = 2 (x0 − lo)(x1 − lo) < CUTOFF × v:
 *   pLow = exp(−e2 / v);  S_low ← S_low (1 − pLow);  hitLow = S_low <= U_low
 * (and the same above hi, with e2 = 2 (hi − x0)(hi − x1))
 * ```
 * (the survival factor and the test by `crossingStep`, exact or approximate). The tests lo > −∞
 * and hi < ∞ are left to the cutoff: an infinite threshold makes e2 = +∞ (or NaN, for an infinite
 * x0), never below CUTOFF × v, so such a side is never needed either way. A threshold U it
 * needs and not drawn yet (NaN) it draws itself when the pool has had no event
 * (the asset's, `keyedUniform(word0, word1, KEY_ASSET_LOWER | a, 0)` or _UPPER, as
 * `thresholdLow` / `thresholdHigh`); otherwise it stops there, before changing the pool:
 * BARRIER_NEEDS_THRESHOLD, the sides in the result (1 low, 2 high). After a pool is hit it stops:
 * BARRIER_HIT, the sides hit and pLow, pHigh in the result (exact when both sides are hit; with
 * approximate factors, one side's is approximate). At a step `crossingStep` cannot decide it stops
 * there, before the rest of that pool: BARRIER_UNDECIDED. Otherwise BARRIER_DONE, nothing written.
 *
 * `tentative`: a step the band scan has not looked at (its start outside the safe band). With
 * CUTOFF × v > 0 the pools decide its flag themselves: `needsCheck` flags it exactly when one of
 * them is hit or needs the bridge on a side. If it flags the step, the pool whose lo is nearLow
 * (the largest lo of the live pools) is hit or needs its lower side: its tests are the very
 * expressions of `needsCheck` (the same above, with nearHigh). Conversely, a pool with lo <=
 * nearLow hit has x1 <= lo <= nearLow; one that needs its lower side has x1 > lo and
 * 2 (x0 − lo)(x1 − lo) < CUTOFF × v, and then x1 <= nearLow, or x0 >= nearLow, x1 > nearLow and
 * 2 (x0 − nearLow)(x1 − nearLow) <= 2 (x0 − lo)(x1 − lo) (non-negative factors, none larger,
 * rounding being monotone), or x0 < nearLow < x1 and 2 (x0 − nearLow)(x1 − nearLow) <= 0 <
 * CUTOFF × v: flagged each time (the same above). So when no side is needed nothing changed
 * (a side not needed draws nothing and keeps its S): it undoes its count and returns NOT_FLAGGED,
 * as it does at once when CUTOFF × v is not positive (a product rounded to 0 could then tell
 * them apart); the band scan takes the step.
 */
@inline function poolsAtStep(k: i32, p0: i32, a: i32, nA: i32, poolEnd: i32, variance: f64, bridge: i32, word0: i32, word1: i32, tentative: bool): i32 {
  const path = header(H_PATH);
  const scales = header(H_SCALES);
  const list = header(H_LIST);
  const alive = header(H_ALIVE);
  const low = header(H_LOW);
  const high = header(H_HIGH);
  const survivalLow = header(H_SURVIVAL_LOW);
  const survivalHigh = header(H_SURVIVAL_HIGH);
  const thresholdLow = header(H_THRESHOLD_LOW);
  const thresholdHigh = header(H_THRESHOLD_HIGH);
  const events = header(H_EVENTS);
  const x0 = load<f64>(path + (<usize>(k * nA + a) << 3));
  const x1 = load<f64>(path + (<usize>((k + 1) * nA + a) << 3));
  const v = variance * load<f64>(scales + (<usize>k << 3));
  const limit = CROSSING_EXPONENT_CUTOFF * v;
  // Tried on its own, a step is left to the band scan when the cutoff is not positive (see below).
  if (tentative && !(limit > 0)) return NOT_FLAGGED;
  const countedBefore = counted;
  let needed = false;
  for (let p = p0; p < poolEnd; p++) {
    const pool = <usize>load<i32>(list + (<usize>p << 2));
    if (load<u8>(alive + pool) == 0) continue;
    const at = pool << 3; // the pool's f64 slot, in bytes
    const lo = load<f64>(low + at);
    const hi = load<f64>(high + at);
    let hitLow = x1 <= lo;
    let hitHigh = x1 >= hi;
    // The sides the bridge needs, and their probabilities (the others': 1 where hit, else 0).
    let needLow = false;
    let needHigh = false;
    let pLow: f64 = 0;
    let pHigh: f64 = 0;
    if (bridge != 0) {
      const e2Low = 2 * (x0 - lo) * (x1 - lo);
      const e2High = 2 * (hi - x0) * (hi - x1);
      needLow = !hitLow && e2Low < limit;
      needHigh = !hitHigh && e2High < limit;
      // Nothing more for a pool the bridge cannot reach on either side (the far one of the step).
      if (needLow || needHigh) {
        needed = true;
        let uLow = load<f64>(thresholdLow + at);
        let uHigh = load<f64>(thresholdHigh + at);
        if ((needLow && isNaN(uLow)) || (needHigh && isNaN(uHigh))) {
          // A threshold needed but not drawn yet (NaN): before any event it is the asset's, drawn
          // here (`thresholdLow` / `thresholdHigh`); after one, back to TypeScript before changing anything.
          if (load<i32>(events + (pool << 2)) == 0) {
            if (needLow && isNaN(uLow)) store<f64>(thresholdLow + at, (uLow = assetThreshold(<u32>word0, <u32>word1, KEY_ASSET_LOWER | <u32>a, 0)));
            if (needHigh && isNaN(uHigh)) store<f64>(thresholdHigh + at, (uHigh = assetThreshold(<u32>word0, <u32>word1, KEY_ASSET_UPPER | <u32>a, 1)));
          }
          const sides = (needLow && isNaN(uLow) ? 1 : 0) | (needHigh && isNaN(uHigh) ? 2 : 0);
          if (sides != 0) return stop(k, p, counted, sides, hitLow ? 1 : 0, hitHigh ? 1 : 0, BARRIER_NEEDS_THRESHOLD);
        }
        if (needLow) {
          const yLow = -e2Low / v;
          const crossed = crossingStep(survivalLow + at, uLow, yLow, k);
          if (crossed == UNDECIDED) return stop(k, p, counted, 0, 0, 0, BARRIER_UNDECIDED);
          hitLow = crossed == CROSSED;
          pLow = stepProbability;
        }
        if (needHigh) {
          const yHigh = -e2High / v;
          const crossed = crossingStep(survivalHigh + at, uHigh, yHigh, k);
          if (crossed == UNDECIDED) return stop(k, p, counted, 0, 0, 0, BARRIER_UNDECIDED);
          hitHigh = crossed == CROSSED;
          pHigh = stepProbability;
        }
        // Both sides crossed: the caller compares the two probabilities, so they must be the exact ones.
        if (exactFactors == 0 && hitLow && hitHigh) {
          if (needLow) pLow = exactExp(-e2Low / v);
          if (needHigh) pHigh = exactExp(-e2High / v);
        }
      }
    }
    counted++;
    if (hitLow || hitHigh) return stop(k, p, counted, (hitLow ? 1 : 0) | (hitHigh ? 2 : 0), needLow ? pLow : hitLow ? 1 : 0, needHigh ? pHigh : hitHigh ? 1 : 0, BARRIER_HIT);
  }
  if (tentative && !needed) {
    counted = countedBefore;
    return NOT_FLAGGED;
  }
  return BARRIER_DONE;
}

/**
 * `refreshNearest` (barrier-pools.ts) for the live pools of list[poolStart … poolEnd), in list
 * order (the asset's `barrierPools` order, dead pools left out):
 * ```
 * nearLow = max lo (−∞ if none);  nearHigh = min hi (+∞ if none)
 * safeLow = nearLow + margin;  safeHigh = nearHigh − margin
 * ```
 * written into the band block (BAND_AT) for the host's state.
 */
@inline function refreshBand(poolStart: i32, poolEnd: i32, margin: f64): void {
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
  storeBand(nearLow, nearHigh, nearLow + margin, nearHigh - margin);
}

/** The band block: [nearLow, nearHigh, safeLow, safeHigh]. */
@inline function storeBand(nearLow: f64, nearHigh: f64, safeLow: f64, safeHigh: f64): void {
  store<f64>(BAND_AT, nearLow);
  store<f64>(BAND_AT + 8, nearHigh);
  store<f64>(BAND_AT + 16, safeLow);
  store<f64>(BAND_AT + 24, safeHigh);
}

/**
 * `barrierScan(a, nA, nSteps, k0, p0, poolStart, poolEnd, resume, low, high, nearLow, nearHigh,
 * variance, bridge, word0, word1, exact, survivalError, maxScale) -> status`: asset a's barrier pools
 * (list[poolStart … poolEnd)) from step k0, with the safe band (low, high) and nearest live
 * thresholds (nearLow, nearHigh). resume 0: from the first step from k0 that `nextFlagged` flags;
 * BARRIER_RESUME: step k0 (flagged before) from pool p0, then on; BARRIER_AFTER_EVENT: the same
 * after a liquidation event at step k0 (which moves the band): once step k0 is done, the new band
 * (`refreshBand`, with the margin of `safeMargin` in barrier-pools.ts from the path's largest step
 * variance scale `maxScale`, √(CUTOFF × variance × maxScale / 2), 0 without the bridge; the band
 * block holds the band in force when it returns), and none left (the whole line) ends the scan.
 * At each flagged step `poolsAtStep`, and on each next step that starts outside the safe band (the
 * path near a threshold: most such steps are flagged) `poolsAtStep` straight away, `tentative`,
 * without the band scan's `needsCheck` before it (it finds the same flag), back to the band scan
 * from a step it leaves (NOT_FLAGGED) or one that starts inside the band; returns its stop (BARRIER_NEEDS_THRESHOLD, BARRIER_HIT or BARRIER_UNDECIDED, at step k, pool
 * index p in the result), or BARRIER_DONE when the steps are done. The result also holds how many
 * pool-steps it completed. `exact` 1: exact survival factors; 0: approximate ones with the error
 * bound `survivalError` per step (`crossingStep`).
 */
export function barrierScan(a: i32, nA: i32, nSteps: i32, k0: i32, p0: i32, poolStart: i32, poolEnd: i32, resume: i32, low: f64, high: f64, nearLow: f64, nearHigh: f64, variance: f64, bridge: i32, word0: i32, word1: i32, exact: i32, survivalError: f64, maxScale: f64): i32 {
  counted = 0;
  exactFactors = exact;
  errorPerStep = survivalError;
  let k = k0;
  if (resume != 0) {
    if (resume == BARRIER_AFTER_EVENT) storeBand(nearLow, nearHigh, low, high);
    const status = poolsAtStep(k, p0, a, nA, poolEnd, variance, bridge, word0, word1, false);
    if (status != BARRIER_DONE) return status;
    if (resume == BARRIER_AFTER_EVENT) {
      // `safeMargin`'s operations, in its order (f64.sqrt is IEEE's square root, as Math.sqrt).
      const margin = bridge != 0 ? Math.sqrt(0.5 * CROSSING_EXPONENT_CUTOFF * variance * maxScale) : 0;
      refreshBand(poolStart, poolEnd, margin);
      nearLow = load<f64>(BAND_AT);
      nearHigh = load<f64>(BAND_AT + 8);
      if (nearLow == -Infinity && nearHigh == Infinity) return stop(k, poolEnd, counted, 0, 0, 0, BARRIER_DONE);
      low = load<f64>(BAND_AT + 16);
      high = load<f64>(BAND_AT + 24);
    }
    k++;
  }
  const path = header(H_PATH);
  const scales = header(H_SCALES);
  k = nextFlagged(path, nA, a, k, nSteps, low, high, nearLow, nearHigh, variance, scales, bridge != 0);
  while (k < nSteps) {
    let status = poolsAtStep(k, poolStart, a, nA, poolEnd, variance, bridge, word0, word1, false);
    if (status != BARRIER_DONE) return status;
    k++;
    // While the path stays outside the safe band (near a threshold), each next step straight to
    // its pools (`tentative`: they find the band scan's flag), back to the band scan at a step they leave.
    while (k < nSteps && !insideBand(load<f64>(path + (<usize>(k * nA + a) << 3)), low, high)) {
      status = poolsAtStep(k, poolStart, a, nA, poolEnd, variance, bridge, word0, word1, true);
      if (status == NOT_FLAGGED) break;
      if (status != BARRIER_DONE) return status;
      k++;
    }
    k = nextFlagged(path, nA, a, k, nSteps, low, high, nearLow, nearHigh, variance, scales, bridge != 0);
  }
  return stop(nSteps, poolEnd, counted, 0, 0, 0, BARRIER_DONE);
}

// AssemblyScript (see path-scan.ts): the barrier scan's steps (barrier-scan.ts runs the assets
// through them): `poolsAtStep`, `barrierStep` of barrier-pools.ts at one step of an asset for its
// live barrier pools, with the survival factors' test (`crossingStep`: approximate factors unless
// asked for exact ones, with a bound on their error that decides every step it can; a step it
// cannot decide stops the scan, BARRIER_UNDECIDED), the asset's first thresholds taken from
// those the scan drew when the path started, the pool-steps counted, and the stop left in the result block
// (src/kernel/path-scan-memory.ts).

import { CROSSING_EXPONENT_CUTOFF } from '../monitoring-limits';
import {
  BARRIER_DONE,
  BARRIER_HIT,
  BARRIER_NEEDS_THRESHOLD,
  BARRIER_UNDECIDED,
  H_ALIVE,
  H_ASSET_DRAWS,
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
import { boundedExp } from './bounded-exp';

/** The host's Math.exp, the very function `barrierStep` calls, its operations inlined (host-exp.ts): the same bits. */
import { hostExp as kernelExp } from '../../scenarios/random/assembly/host-exp';

/** The byte address in header slot `slot`. */
@inline export function header(slot: i32): usize {
  return <usize>load<i32>(<usize>slot);
}

/**
 * Leave where it stopped in the result block: [k, p, pool-steps counted, sides] (i32), then
 * [pLow, pHigh] (f64); returns `status`.
 */
@inline export function stop(step: i32, p: i32, counted: i32, sides: i32, pLow: f64, pHigh: f64, status: i32): i32 {
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
export const NOT_FLAGGED = -1;

/** Pool-steps completed in this call of `barrierScan` (barrier-scan.ts). */
let counted: i32 = 0;

/** This call's survival factors: exact (1) or approximate (0), and the error bound per step of the approximate ones. */
let exactFactors: i32 = 1;
let errorPerStep: f64 = 0;

/** A call of `barrierScan` starts: nothing counted, its survival factors exact (1) or approximate (0) with `survivalError` per step. */
@inline export function startScan(exact: i32, survivalError: f64): void {
  counted = 0;
  exactFactors = exact;
  errorPerStep = survivalError;
}

/** Pool-steps completed in this call of `barrierScan` so far. */
@inline export function countedSteps(): i32 {
  return counted;
}

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
 * needs and not drawn yet (NaN) it takes itself when the pool has had no event (the asset's,
 * `keyedUniform(word0, word1, KEY_ASSET_LOWER | a, 0)` or _UPPER as `thresholdLow` /
 * `thresholdHigh`, drawn by the scan when the path started, H_ASSET_DRAWS); otherwise it stops
 * there, before changing the pool:
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
@inline export function poolsAtStep(k: i32, p0: i32, a: i32, nA: i32, poolEnd: i32, variance: f64, bridge: i32, tentative: bool): i32 {
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
          // when the path started (`thresholdLow` / `thresholdHigh`); after one, back to TypeScript before changing anything.
          if (load<i32>(events + (pool << 2)) == 0) {
            const draws = header(H_ASSET_DRAWS) + (<usize>a << 4);
            if (needLow && isNaN(uLow)) store<f64>(thresholdLow + at, (uLow = load<f64>(draws)));
            if (needHigh && isNaN(uHigh)) store<f64>(thresholdHigh + at, (uHigh = load<f64>(draws, 8)));
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

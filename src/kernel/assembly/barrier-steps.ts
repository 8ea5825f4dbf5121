// AssemblyScript (see path-scan.ts): the path scan's barrier steps, `barrierStep` of
// barrier-pools.ts for the steps `scanBarrier` flagged and the asset's live barrier pools, stopping
// where TypeScript must take over (a threshold to draw after an event, or a pool hit).
//
// The buffers it reads are at the byte addresses the host wrote into the memory's header, and it
// leaves where it stopped in the result block after it (src/kernel/path-scan-memory.ts).

import { CROSSING_EXPONENT_CUTOFF } from '../monitoring-limits';
import {
  BARRIER_DONE,
  BARRIER_HIT,
  BARRIER_NEEDS_THRESHOLD,
  H_ALIVE,
  H_EVENTS,
  H_FLAGS,
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
import { KEY_ASSET_LOWER, KEY_ASSET_UPPER, keyedUniform } from './keyed-uniform';

/** The host's Math.exp, the very function `barrierStep` calls (so the same bits). */
@external("env", "exp")
declare function kernelExp(x: f64): f64;

/** The byte address in header slot `slot`. */
@inline function header(slot: i32): usize {
  return <usize>load<i32>(<usize>slot);
}

/**
 * Leave where it stopped in the result block: [f, p, pool-steps counted, sides] (i32), then
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
 * `barrierSteps(a, nA, f0, count, p0, poolStart, poolEnd, variance, bridge, word0, word1) ->
 * status`: `barrierStep` (barrier-pools.ts, no bars) for the steps flags[f0 … count) of asset a
 * and its live pools list[poolStart … poolEnd), from pool p0 at the first step. At step k, from
 * x0 = path[k nA + a] to x1 = path[(k + 1) nA + a], with v = variance × scales[k], per pool with
 * thresholds (lo, hi):
 * ```
 * hitLow = x1 <= lo;  hitHigh = x1 >= hi;  pLow = hitLow ? 1 : 0;  pHigh = hitHigh ? 1 : 0
 * bridge, !hitLow, lo > −∞, e2 = 2 (x0 − lo)(x1 − lo) < CUTOFF × v:
 *   pLow = exp(−e2 / v);  S_low ← S_low (1 − pLow);  hitLow = S_low <= U_low
 * (and the same above hi, with e2 = 2 (hi − x0)(hi − x1))
 * ```
 * A threshold U it needs and not drawn yet (NaN) it draws itself when the pool has had no event
 * (the asset's, `keyedUniform(word0, word1, KEY_ASSET_LOWER | a, 0)` or _UPPER, as
 * `thresholdLow` / `thresholdHigh`); otherwise it stops there, before changing the pool:
 * BARRIER_NEEDS_THRESHOLD, the sides in the result (1 low, 2 high). After a pool is hit it stops:
 * BARRIER_HIT, the sides hit and pLow, pHigh in the result; otherwise BARRIER_DONE. The result
 * also holds where it stopped (f, p) and how many pool-steps it completed.
 */
export function barrierSteps(a: i32, nA: i32, f0: i32, count: i32, p0: i32, poolStart: i32, poolEnd: i32, variance: f64, bridge: i32, word0: i32, word1: i32): i32 {
  const path = header(H_PATH);
  const flags = header(H_FLAGS);
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
  let step = f0;
  let p = p0;
  let counted = 0;
  let sides = 0;
  let pLow: f64 = 0;
  let pHigh: f64 = 0;
  for (; step < count; step++, p = poolStart) {
    const k = load<i32>(flags + (<usize>step << 2));
    const x0 = load<f64>(path + (<usize>(k * nA + a) << 3));
    const x1 = load<f64>(path + (<usize>((k + 1) * nA + a) << 3));
    const v = variance * load<f64>(scales + (<usize>k << 3));
    const limit = CROSSING_EXPONENT_CUTOFF * v;
    for (; p < poolEnd; p++) {
      const pool = <usize>load<i32>(list + (<usize>p << 2));
      if (load<u8>(alive + pool) == 0) continue;
      const at = pool << 3; // the pool's f64 slot, in bytes
      const lo = load<f64>(low + at);
      const hi = load<f64>(high + at);
      let hitLow = x1 <= lo;
      let hitHigh = x1 >= hi;
      pLow = hitLow ? 1 : 0;
      pHigh = hitHigh ? 1 : 0;
      if (bridge != 0) {
        const e2Low = 2 * (x0 - lo) * (x1 - lo);
        const e2High = 2 * (hi - x0) * (hi - x1);
        const needLow = !hitLow && lo > -Infinity && e2Low < limit;
        const needHigh = !hitHigh && hi < Infinity && e2High < limit;
        // Nothing more for a pool the bridge cannot reach on either side (the far one of the step).
        if (needLow || needHigh) {
          // A threshold needed but not drawn yet (NaN): before any event it is the asset's, drawn
          // here (`thresholdLow` / `thresholdHigh`); after one, back to TypeScript before changing anything.
          if (load<i32>(events + (pool << 2)) == 0) {
            if (needLow && isNaN(load<f64>(thresholdLow + at))) store<f64>(thresholdLow + at, keyedUniform(<u32>word0, <u32>word1, KEY_ASSET_LOWER | <u32>a));
            if (needHigh && isNaN(load<f64>(thresholdHigh + at))) store<f64>(thresholdHigh + at, keyedUniform(<u32>word0, <u32>word1, KEY_ASSET_UPPER | <u32>a));
          }
          sides = (needLow && isNaN(load<f64>(thresholdLow + at)) ? 1 : 0) | (needHigh && isNaN(load<f64>(thresholdHigh + at)) ? 2 : 0);
          if (sides != 0) return stop(step, p, counted, sides, pLow, pHigh, BARRIER_NEEDS_THRESHOLD);
          if (needLow) {
            pLow = kernelExp(-e2Low / v);
            const survival = load<f64>(survivalLow + at) * (1 - pLow);
            store<f64>(survivalLow + at, survival);
            hitLow = survival <= load<f64>(thresholdLow + at);
          }
          if (needHigh) {
            pHigh = kernelExp(-e2High / v);
            const survival = load<f64>(survivalHigh + at) * (1 - pHigh);
            store<f64>(survivalHigh + at, survival);
            hitHigh = survival <= load<f64>(thresholdHigh + at);
          }
        }
      }
      counted++;
      if (hitLow || hitHigh) {
        sides = (hitLow ? 1 : 0) | (hitHigh ? 2 : 0);
        return stop(step, p, counted, sides, pLow, pHigh, BARRIER_HIT);
      }
    }
  }
  return stop(step, p, counted, sides, pLow, pHigh, BARRIER_DONE);
}

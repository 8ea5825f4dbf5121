// Barrier pools in the path kernel: pools whose every moving part is on one asset, liquidated
// when that asset's cumulative log return leaves (low, high), their exact thresholds. Per step:
// the cheap per-asset test against the nearest live thresholds, the Brownian-bridge (or bar, or
// step-end) crossing test per pool, and execution at the threshold, re-solving the thresholds
// after a partial liquidation (see path-kernel.ts for the monitoring rules).

import { replayBarrierEvent } from './barrier-event-replay.js';
import type { KernelContext } from './kernel-context-types.js';
import { thresholdHigh, thresholdLow } from './monitor-thresholds.js';
import { CROSSING_EXPONENT_CUTOFF, MAX_EVENTS_PER_STEP } from './monitoring-limits.js';

/**
 * Liquidate barrier pool `pool` (asset `asset`) at threshold `barrier`, then, while it survives
 * smaller, solve its new thresholds from there and liquidate again if the step's lowest (highest)
 * point `lowest` (`highest`) is beyond them. Each event is replayed when an earlier path had the
 * same one (barrier-event-replay.ts).
 */
export function executeBarrier(ctx: KernelContext, pool: number, asset: number, barrier: number, lowest: number, highest: number, step: number): void {
  const st = ctx.state;
  let at = barrier;
  for (let events = 0; ; events++) {
    // exp(at), from the pool's last liquidation when it was at the same threshold.
    if (st.barrierFactorAt[pool] !== at) {
      st.barrierFactorAt[pool] = at;
      st.barrierFactor[pool] = Math.exp(at);
    }
    st.triggerFactor[asset] = st.barrierFactor[pool]!;
    if (!replayBarrierEvent(ctx, pool, asset, at, step, events >= MAX_EVENTS_PER_STEP)) return;
    if (lowest <= st.poolBarrierLow[pool]!) at = st.poolBarrierLow[pool]!;
    else if (highest >= st.poolBarrierHigh[pool]!) at = st.poolBarrierHigh[pool]!;
    else return;
  }
}

/** One step of a barrier pool: threshold crossings by bridge, bars or step ends. */
export function barrierStep(ctx: KernelContext, pool: number, step: number, row: number, varianceScale: number, word0: number, word1: number): void {
  const book = ctx.book;
  const st = ctx.state;
  const a = book.poolBarrierAsset[pool]!;
  const x0 = st.cumulativePrev[a]!;
  const x1 = st.cumulative[a]!;
  const lo = st.poolBarrierLow[pool]!;
  const hi = st.poolBarrierHigh[pool]!;
  st.counters[1]! += 1;
  let lowest = x1;
  let highest = x1;
  if (ctx.hasBars) {
    const column = row + ctx.assetColumn[a]!;
    const barLow = x0 + ctx.barLow[column]!;
    const barHigh = x0 + ctx.barHigh[column]!;
    if (barLow < lowest) lowest = barLow;
    if (barHigh > highest) highest = barHigh;
  }
  let hitLow = lowest <= lo;
  let hitHigh = highest >= hi;
  let pLow = hitLow ? 1 : 0;
  let pHigh = hitHigh ? 1 : 0;
  if (ctx.bridge) {
    const variance = ctx.assetVariance[a]! * varianceScale;
    // p = exp(−2 (x0 − b)(x1 − b) / v), skipped while negligible; S ← S (1 − p); crossed when S <= U.
    if (!hitLow && lo > -Infinity) {
      const e2 = 2 * (x0 - lo) * (x1 - lo);
      if (e2 < CROSSING_EXPONENT_CUTOFF * variance) {
        pLow = Math.exp(-e2 / variance);
        st.poolSurvivalLow[pool] = st.poolSurvivalLow[pool]! * (1 - pLow);
        hitLow = st.poolSurvivalLow[pool]! <= thresholdLow(ctx, pool, word0, word1);
      }
    }
    if (!hitHigh && hi < Infinity) {
      const e2 = 2 * (hi - x0) * (hi - x1);
      if (e2 < CROSSING_EXPONENT_CUTOFF * variance) {
        pHigh = Math.exp(-e2 / variance);
        st.poolSurvivalHigh[pool] = st.poolSurvivalHigh[pool]! * (1 - pHigh);
        hitHigh = st.poolSurvivalHigh[pool]! <= thresholdHigh(ctx, pool, word0, word1);
      }
    }
  }
  if (!hitLow && !hitHigh) return;
  // Both sides in one step: the more likely one (bars: the side the bar closed towards).
  const useLow = hitLow && (!hitHigh || (ctx.hasBars ? x1 <= x0 : pLow >= pHigh));
  executeBarrier(ctx, pool, a, useLow ? lo : hi, lowest, highest, step);
}

/**
 * How far inside the nearest thresholds the safe band of asset a ends: both step ends at least
 * margin = √(cutoff × v × s_max / 2) inside make 2 d0 d1 >= cutoff × v × s for every step of the
 * path (0 without the bridge).
 */
export function safeMargin(ctx: KernelContext, a: number): number {
  return ctx.bridge ? Math.sqrt(0.5 * CROSSING_EXPONENT_CUTOFF * ctx.assetVariance[a]! * ctx.state.maxVarianceScale[0]!) : 0;
}

/** Nearest live thresholds of the barrier pools on asset a. */
export function refreshNearest(ctx: KernelContext, a: number): void {
  const st = ctx.state;
  let low = -Infinity;
  let high = Infinity;
  for (let p = ctx.barrierPoolStart[a]!; p < ctx.barrierPoolStart[a + 1]!; p++) {
    const i = ctx.barrierPools[p]!;
    if (st.poolAlive[i] === 0) continue;
    if (st.poolBarrierLow[i]! > low) low = st.poolBarrierLow[i]!;
    if (st.poolBarrierHigh[i]! < high) high = st.poolBarrierHigh[i]!;
  }
  st.assetNearestLow[a] = low;
  st.assetNearestHigh[a] = high;
  const margin = safeMargin(ctx, a);
  st.assetSafeLow[a] = low + margin;
  st.assetSafeHigh[a] = high - margin;
}

/**
 * Can this step cross the nearest live threshold on asset a (at the ends, within the bar, or by
 * the bridge with an exponent below the cutoff)? If not, no barrier pool on a can be liquidated.
 */
export function barrierAssetNeedsCheck(ctx: KernelContext, a: number, row: number, varianceScale: number): boolean {
  const st = ctx.state;
  const low = st.assetNearestLow[a]!;
  const high = st.assetNearestHigh[a]!;
  if (low === -Infinity && high === Infinity) return false;
  const x0 = st.cumulativePrev[a]!;
  const x1 = st.cumulative[a]!;
  let lowest = x1;
  let highest = x1;
  if (ctx.hasBars) {
    const column = row + ctx.assetColumn[a]!;
    if (x0 + ctx.barLow[column]! < lowest) lowest = x0 + ctx.barLow[column]!;
    if (x0 + ctx.barHigh[column]! > highest) highest = x0 + ctx.barHigh[column]!;
  }
  if (lowest <= low || highest >= high) return true;
  if (!ctx.bridge) return false;
  const variance = ctx.assetVariance[a]! * varianceScale;
  if (low > -Infinity && 2 * (x0 - low) * (x1 - low) < CROSSING_EXPONENT_CUTOFF * variance) return true;
  return high < Infinity && 2 * (high - x0) * (high - x1) < CROSSING_EXPONENT_CUTOFF * variance;
}

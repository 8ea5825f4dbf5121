// Gradient pools in the path kernel: pools whose health depends on several assets. Exact
// evaluation of a step (health and its gradient, the bridge on the linearised health, the
// trigger point and execution), and the anchor of the lazy bound that lets the step loop skip
// steps where no crossing is possible (see path-kernel.ts). The gradient kernel
// (gradient-scan.ts) runs the same steps in WebAssembly, trigger point included, and hands the
// execution of a trigger to `gradientTriggerStep` here.

import { bridgeTrigger, segmentTrigger } from './crossing-point.js';
import type { KernelContext } from './kernel-context-types.js';
import { anchorSecondBound, LAZY_GROWTH, LAZY_RADIUS } from './lazy-bound.js';
import { liquidatePool } from './liquidate-pool.js';
import { renewThresholds, thresholdLow } from './monitor-thresholds.js';
import { CROSSING_EXPONENT_CUTOFF, MAX_EVENTS_PER_STEP } from './monitoring-limits.js';
import { poolHealthAt } from './pool-health-kernel.js';
import { copyShort } from './short-copy.js';

export { LAZY_GROWTH, LAZY_RADIUS };

/** exp of the cumulative returns into `state.factor`, once per step. */
export function ensureFactors(ctx: KernelContext, step: number): void {
  const st = ctx.state;
  if (st.factorStamp[0] === step) return;
  for (let a = 0; a < ctx.book.assetCount; a++) st.factor[a] = Math.exp(st.cumulative[a]!);
  st.factorStamp[0] = step;
}

/**
 * Anchor a gradient pool's lazy bounds at the current step end: health h, the slopes in
 * `state.slope` (first bound), the gradient in `state.gradient` with the rest of `poolHealthAt`'s
 * slope outputs (second bound, lazy-bound.ts).
 */
export function setAnchor(ctx: KernelContext, pool: number, h: number): void {
  const st = ctx.state;
  const nA = ctx.book.assetCount;
  st.poolFreshPrev[pool] = 1;
  st.poolAnchorHealth[pool] = h;
  let sigma = 0;
  for (let a = 0; a < nA; a++) {
    const slope = LAZY_GROWTH * st.slope[a]!;
    st.poolAnchorLog[pool * nA + a] = st.cumulative[a]!;
    st.poolAnchorSlope[pool * nA + a] = slope;
    sigma += slope * ctx.assetSd[a]!;
  }
  st.poolAnchorSigma[pool] = sigma;
  anchorSecondBound(st.poolSecondBound, pool, nA, st.gradient, st.inverseSlope, st.radiusUp, st.radiusDown, st.kink, ctx.assetSd, ctx.assetCovariance, LAZY_RADIUS, LAZY_GROWTH);
}

/**
 * One step of a gradient pool, evaluated exactly. Returns false once the pool is closed. Uses
 * `state.cumulativePrev` / `state.cumulative` (the step's ends) and the previous step's health and
 * gradient, evaluating them first if the lazy test skipped that step.
 */
export function gradientStep(ctx: KernelContext, pool: number, step: number, row: number, varianceScale: number, word0: number, word1: number): boolean {
  const book = ctx.book;
  const st = ctx.state;
  const nA = book.assetCount;
  const g1 = st.gradient;
  // Where the trigger search on the step's segment anchors its bounds first (crossing-point.ts):
  // from the start's health, or its lazy lower bound when the lazy test skipped it, as the kernel
  // (which leaves such a start unevaluated at a step that ends unhealthy) does.
  const skippedStartLower = st.poolFreshPrev[pool] === 0 ? st.poolLowerPrev[pool]! : null;
  if (st.poolFreshPrev[pool] === 0) {
    // The previous step was skipped: evaluate the step start exactly, as if it had not been.
    for (let a = 0; a < nA; a++) st.trialFactor[a] = Math.exp(st.cumulativePrev[a]!);
    st.poolHealthPrev[pool] = poolHealthAt(ctx, pool, st.trialFactor, g1);
    for (let a = 0; a < nA; a++) st.poolGradientPrev[pool * nA + a] = g1[a]!;
  }
  ensureFactors(ctx, step);
  const h1 = poolHealthAt(ctx, pool, st.factor, g1, st.slope);
  st.counters[0]! += book.poolMemberStart[pool + 1]! - book.poolMemberStart[pool]!;
  const h0 = st.poolHealthPrev[pool]!;
  const gPrevAt = pool * nA;
  let trigger = false;
  if (ctx.hasBars) {
    // Health at each asset's adverse bar extreme, by the sign of the exposure at the bar's start.
    for (let a = 0; a < nA; a++) {
      const column = row + ctx.assetColumn[a]!;
      const x = st.cumulativePrev[a]! + (st.poolGradientPrev[gPrevAt + a]! >= 0 ? ctx.barLow[column]! : ctx.barHigh[column]!);
      st.baseLog[a] = x;
      st.trialFactor[a] = Math.exp(x);
    }
    if (poolHealthAt(ctx, pool, st.trialFactor, null) <= 0) {
      // The segment search reuses baseLog as its end point: copy it out of the way first.
      for (let a = 0; a < nA; a++) st.direction[a] = st.baseLog[a]!;
      segmentTrigger(ctx, pool, st.cumulativePrev, st.direction);
      trigger = true;
    } else if (h1 <= 0) {
      segmentTrigger(ctx, pool, st.cumulativePrev, st.cumulative);
      trigger = true;
    }
  } else if (h1 <= 0) {
    segmentTrigger(ctx, pool, st.cumulativePrev, st.cumulative, skippedStartLower ?? h0, h1);
    trigger = true;
  } else if (ctx.bridge) {
    // Cheap bound first: σ_h <= Σ_a |ḡ_a| sd_a (correlations at most 1).
    const gMid = st.gradientMid;
    let bound = 0;
    for (let a = 0; a < nA; a++) {
      const g = 0.5 * (st.poolGradientPrev[gPrevAt + a]! + g1[a]!);
      gMid[a] = g;
      bound += (g < 0 ? -g : g) * ctx.assetSd[a]!;
    }
    const e2 = 2 * h0 * h1;
    if (e2 < CROSSING_EXPONENT_CUTOFF * bound * bound * varianceScale) {
      // σ_h² = ḡᵀ Σ ḡ × scale
      let variance = 0;
      for (let a = 0; a < nA; a++) {
        let sum = 0;
        for (let b = 0; b < nA; b++) sum += ctx.assetCovariance[a * nA + b]! * gMid[b]!;
        variance += gMid[a]! * sum;
      }
      variance *= varianceScale;
      if (variance > 0 && e2 < CROSSING_EXPONENT_CUTOFF * variance) {
        const p = Math.exp(-e2 / variance);
        st.poolSurvivalLow[pool] = st.poolSurvivalLow[pool]! * (1 - p);
        if (st.poolSurvivalLow[pool]! <= thresholdLow(ctx, pool, word0, word1)) {
          if (!bridgeTrigger(ctx, pool, st.cumulativePrev, st.cumulative, h0, h1, gMid, ctx.assetCovariance, varianceScale)) st.counters[3]! += 1;
          trigger = true;
        }
      }
    }
  }
  if (!trigger) {
    st.poolHealthPrev[pool] = h1;
    for (let a = 0; a < nA; a++) st.poolGradientPrev[gPrevAt + a] = g1[a]!;
    setAnchor(ctx, pool, h1);
    return true;
  }
  return liquidateAtTrigger(ctx, pool, step);
}

/**
 * The trigger step the gradient kernel stopped at (gradient-scan.ts `run`), with its trigger point
 * found there (`triggerLog`, and its factors in `state.triggerFactor`): the rest of what
 * `gradientStep` does at that step, to the same results (the step's count, the unresolved
 * crossing, the step end's factors, the liquidation). Returns false once the pool is closed.
 */
export function gradientTriggerStep(ctx: KernelContext, pool: number, step: number): boolean {
  const st = ctx.state;
  const book = ctx.book;
  st.counters[0]! += book.poolMemberStart[pool + 1]! - book.poolMemberStart[pool]!;
  if (ctx.gradientScan.triggerUnresolved()) st.counters[3]! += 1;
  copyShort(st.triggerLog, ctx.gradientScan.triggerLog);
  ensureFactors(ctx, step);
  return liquidateAtTrigger(ctx, pool, step);
}

/**
 * Liquidate the pool at the trigger (`state.triggerLog`, `state.triggerFactor`) of step `step`, and
 * again while it stays unhealthy by the step end (the next trigger between there and the step
 * end), at most MAX_EVENTS_PER_STEP events before everything left is closed. Returns false once
 * the pool is closed; else the step end's health, gradient and anchor are kept.
 */
function liquidateAtTrigger(ctx: KernelContext, pool: number, step: number): boolean {
  const st = ctx.state;
  const nA = ctx.book.assetCount;
  const g1 = st.gradient;
  const gPrevAt = pool * nA;
  for (let events = 0; ; events++) {
    if (!liquidatePool(ctx, pool, st.triggerFactor, step, events >= MAX_EVENTS_PER_STEP)) return false;
    renewThresholds(ctx, pool);
    const h = poolHealthAt(ctx, pool, st.factor, g1, st.slope);
    if (h > 0) {
      st.poolHealthPrev[pool] = h;
      for (let a = 0; a < nA; a++) st.poolGradientPrev[gPrevAt + a] = g1[a]!;
      setAnchor(ctx, pool, h);
      return true;
    }
    // Smaller but unhealthy again by the step end: the next trigger lies between here and there.
    // (`direction` holds the start point: segmentTrigger overwrites the trigger buffers.)
    for (let a = 0; a < nA; a++) st.direction[a] = st.triggerLog[a]!;
    segmentTrigger(ctx, pool, st.direction, st.cumulative);
  }
}

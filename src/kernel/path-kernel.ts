// The path kernel: one price path through all three margin modes at once. Per step: cumulative
// log returns → marks (mark × exp(cumulative return of the asset)) → each live pool's health →
// continuously monitored liquidation (absorbing, or partial and re-checked) → at the horizon,
// loss, bad debt and per-position outcomes. The path is read from `ctx.logReturns`; every buffer
// lives in the context, so nothing is allocated here.
//
// Two kinds of pool:
//   barrier pools (every moving part on one asset: each isolated pool, a cross pool on one asset)
//     are liquidated exactly when that asset's cumulative log return x leaves (low, high), the
//     exact thresholds solved once at compile time (and again after a partial liquidation).
//     Between step ends x is a Brownian bridge, so a threshold b was crossed with probability
//       p = exp(−2 (x0 − b)(x1 − b) / (σ² Δt))                  (Glasserman 2004, eq. 6.50)
//     Exact for GBM; for the other models σ² Δt is the step's variance (`stepVariance × scale`).
//   gradient pools (several assets) use the same formula on their health h = equity − MM, taken
//     as locally Brownian with variance σ_h² = ḡᵀ Σ ḡ, ḡ the mean of the gradients of h in the
//     log prices at the two step ends and Σ the step covariance of the log returns. Bias: h is a
//     non-linear function of the prices (exp, brackets, inverse contracts), so σ_h varies inside the
//     step; the linearisation removes the O(σ √Δt) discrete-monitoring bias but leaves an error
//     of higher order in Δt, and the crossing events of different gradient pools on one path are
//     drawn independently (their thresholds come from different keys).
//
// Sampling the crossings: instead of one uniform per pool and step, each threshold has one uniform
// U (see keyed-uniform.ts) and a survival factor S = Π (1 − p_step) since the last event; the pool
// is liquidated in the first step where S <= U. P(no crossing up to step k) = Π (1 − p) exactly as
// with a fresh uniform per step. Barrier pools on the same asset share U (per direction), which
// makes nested thresholds coherent: a farther threshold is never crossed while a nearer one is not.
// Crossing probabilities below e^-23 ≈ 1e-10 in a step are skipped (monitoring-limits.ts: the bias
// is below 1e-8 per pool and path).
//
// Exact shortcuts (they never change a result, only skip work that cannot change it):
//   barrier pools are checked per asset against the nearest live threshold on each side: if the
//   step cannot cross that one (no crossing at the ends, bridge exponent of the nearest >= cutoff),
//   it cannot cross any farther one, whose exponent is larger.
//   gradient pools are evaluated lazily: at each exact evaluation (the anchor x_E) the kernel keeps
//   h_E and bounds D_a on |∂h/∂x_a|; within |x_a − x_E,a| <= δ (LAZY_RADIUS) the mean-value theorem
//   gives h(x) >= h_E − Σ_a e^δ D_a |x_a − x_E,a| − J, J bounding the jumps of maintenance at
//   bracket floors (0 for continuous tables, plus rounding slack). While that lower bound stays
//   positive at both step ends and the bridge exponent computed from the bounds (σ_h <=
//   Σ_a e^δ D_a sd_a) is >= the cutoff, the exact evaluation would find no crossing either, so
//   it is skipped. D_a is the gross exposure, loose on hedged books; a second bound follows the
//   net one (lazy-bound.ts): within every member's bracket h(x_E + d) >= h_E + Σ_a (g_a d_a +
//   ½ Q_a d_a²) − J and σ_h <= ‖g‖_Σ + Σ_a R_a |d_a|, and the larger lower bound (the smaller σ
//   bound) is used. On the shared benchmark book it cut the exact evaluations sevenfold. It holds
//   over the whole box |d_a| < δ: past a member's bracket-safe radius it subtracts what crossing
//   bracket floors can cost, K_a max(d_a − up_a, −down_a − d_a, 0) (and adds Σ_a K_a sd_a to the σ
//   bound), so a member sitting next to a bracket floor no longer voids it; and it is also taken
//   over eight steps at once, from each asset's range over their ends (`secondBoundBlock`).
//   A step evaluated so close to a crossing that the next one will almost surely need the exact
//   evaluation too (bridge exponent below EXACT_RUN_SHARE of the cutoff) sets no anchor: the next
//   step is evaluated exactly without the lazy test (assembly/gradient-scan.ts).
//   For barrier pools, the per-asset test first compares both step ends with a precomputed safe
//   band, nearest threshold ± sqrt(cutoff × v × s_max / 2) (s_max the path's largest variance
//   scale): both ends inside it already make the exponent >= cutoff.
//   The barrier scan's survival factors are approximate (an exp inside WebAssembly instead of the
//   host's), with a bound on their error that decides a step (S <= U or not) exactly as the exact
//   factors would (assembly/barrier-steps.ts, `crossingStep`); a step it cannot decide runs the
//   path again from its start with exact factors.
//
// Replays with bars (high/low per step) replace the bridge: a barrier pool is liquidated when the
// bar's low (high) reaches its low (high) threshold; a gradient pool when its health at the bar's
// adverse extremes is <= 0, the adverse extreme of each asset chosen by the sign of the pool's
// exposure to it at the bar's start (low where ∂h/∂x >= 0, high otherwise) — a worst case that
// assumes the extremes coincide, so it errs towards liquidation.

import { startBarrierReplayPath } from './barrier-event-replay.js';
import { barrierAssetNeedsCheck, barrierStep, executeBarrier, refreshNearest } from './barrier-pools.js';
import { NO_ASSET } from './compiled-book.js';
import { ensureFactors, gradientStep, gradientTriggerStep, LAZY_GROWTH, LAZY_RADIUS } from './gradient-pools.js';
import type { KernelContext } from './kernel-context-types.js';
import { KERNEL_COUNTER_COUNT, type PathResetValues } from './kernel-state.js';
import { thresholdHigh, thresholdLow } from './monitor-thresholds.js';
import { BARRIER_AFTER_EVENT, BARRIER_DONE, BARRIER_NEEDS_THRESHOLD, BARRIER_RESUME, BARRIER_UNDECIDED } from './path-scan-memory.js';
import { horizonOutcomes } from './horizon-outcomes.js';
import { copyPathStart, pathResetValues, pathStart } from './path-start.js';
import { memberPnlAt, poolCollateralAt } from './pool-health-kernel.js';
import { copyShort, fillShort } from './short-copy.js';

/**
 * Reset members and pools of computed modes to `values` (thresholds are hashed later, when
 * needed): the blocks of `PathReset` (one copy for the f64 and i32 blocks: realised PnL, liquidation steps and PnL, bad debts, losses,
 * cumulative returns and trigger logs; the path scan's barriers, survival factors, thresholds,
 * events and liveness), then the arrays of the gradient kernel's memory.
 */
function resetPath(ctx: KernelContext, values: PathResetValues): void {
  const st = ctx.state;
  const reset = ctx.pathReset;
  reset.bytes.set(values.bytes);
  reset.scanPools.set(values.scanPools);
  fillShort(st.factor, 1);
  copyShort(st.triggerFactor, values.triggerFactor);
  copyShort(st.memberQuantity, values.memberQuantity);
  copyShort(st.poolCash, values.poolCash);
  copyShort(st.poolCollateralScale, values.poolCollateralScale);
}

/** Equity of mode m's account now (pools + free balance), reporting asset, at `state.factor`. */
function modeEquityAt(ctx: KernelContext, m: number): number {
  const book = ctx.book;
  const st = ctx.state;
  let equity = book.modeFreeCash[m]!;
  for (let e = book.modeFreeStart[m]!; e < book.modeFreeStart[m + 1]!; e++) {
    const a = book.freeAsset[e]!;
    equity += book.freeValue0[e]! * (a === NO_ASSET ? 1 : st.factor[a]!);
  }
  for (let i = book.modePoolStart[m]!; i < book.modePoolStart[m + 1]!; i++) {
    let pool = st.poolCash[i]! + poolCollateralAt(ctx, i, st.factor);
    for (let k = book.poolMemberStart[i]!; k < book.poolMemberStart[i + 1]!; k++) {
      pool += memberPnlAt(ctx, k, st.factor[book.positionAsset[book.memberPosition[k]!]!]!);
    }
    equity += pool * book.poolRate[i]!;
  }
  return equity;
}

/**
 * The steps in time order, every pool at every step (replays with bars, equity tracking): the
 * readable form of `stepsByAsset`.
 */
function stepsByStep(ctx: KernelContext, word0: number, word1: number): void {
  const book = ctx.book;
  const st = ctx.state;
  const nA = book.assetCount;
  const modeCount = book.modeNames.length;
  for (let k = 0; k < ctx.nSteps; k++) {
    const step = k + 1;
    const row = k * ctx.columnCount;
    for (let a = 0; a < nA; a++) {
      st.cumulativePrev[a] = st.cumulative[a]!;
      st.cumulative[a] = st.cumulative[a]! + ctx.logReturns[row + ctx.assetColumn[a]!]!;
    }
    const varianceScale = ctx.stepVarianceScale[k]!;
    for (let a = 0; a < nA; a++) {
      if (!barrierAssetNeedsCheck(ctx, a, row, varianceScale)) continue;
      for (let p = ctx.barrierPoolStart[a]!; p < ctx.barrierPoolStart[a + 1]!; p++) {
        const i = ctx.barrierPools[p]!;
        if (st.poolAlive[i] === 1) barrierStep(ctx, i, step, row, varianceScale, word0, word1);
      }
      refreshNearest(ctx, a);
    }
    for (let g = 0; g < ctx.gradientPools.length; g++) {
      const i = ctx.gradientPools[g]!;
      if (st.poolAlive[i] === 1) gradientStep(ctx, i, step, row, varianceScale, word0, word1);
    }
    if (ctx.trackEquity) {
      ensureFactors(ctx, step);
      for (let m = 0; m < modeCount; m++) {
        if (ctx.computeMode[m] === 0) continue;
        const equity = modeEquityAt(ctx, m);
        if (equity < st.pathMinEquity[m]!) st.pathMinEquity[m] = equity;
      }
    }
  }
}

/**
 * The steps of a Monte Carlo path (no bars, no equity tracking), reordered for speed with the same
 * results as `stepsByStep`: pools never interact and their thresholds are keyed, so each barrier
 * pool can run through all its steps on its own. The loops over every step run as WebAssembly
 * kernels on the path buffers (path-scan.ts); what happens at the few steps they single out stays
 * here. The cumulative log returns of all assets are already in `cumulativePath` (runPath). Then,
 * asset by asset in one kernel call per path and event, the steps where the asset's barrier pools
 * must be checked are found: an end outside the safe band, and the exact test of
 * `barrierAssetNeedsCheck` says so; the pools are checked there, in step order, and after a
 * liquidation event (the only thing that moves the nearest thresholds) the band is refreshed and
 * the scan resumes from the next step, then goes on to the next assets. Then each
 * gradient pool runs through the steps in the gradient kernel (gradient-scan.ts): the lazy test,
 * and the exact evaluation (which moves the anchor) at the steps the test cannot skip, all in
 * WebAssembly (thresholds and trigger points found there too) until a trigger, which
 * gradientTriggerStep executes.
 */
function stepsByAsset(ctx: KernelContext, word0: number, word1: number, exactSurvival: boolean): boolean {
  const book = ctx.book;
  const st = ctx.state;
  const scan = ctx.scan;
  const nA = book.assetCount;
  const nSteps = ctx.nSteps;
  const path = st.cumulativePath;
  const alive = st.poolAlive;
  const counters = st.counters;
  const bridge = ctx.bridge;
  const list = scan.poolList;
  const listEnd = scan.poolListEnd;
  const result = scan.barrierResult;
  // The path's largest step variance scale: the kernel takes each asset's safe margin from it (`safeMargin`).
  const maxScale = st.maxVarianceScale[0]!;
  // The barrier pool-steps the scans count (counter 1), added once after every asset (whole numbers: exact in any order).
  let barrierPoolSteps = 0;
  // The band scan and barrierStep run in WebAssembly (path-scan.ts), asset after asset, each
  // asset's live pools first in its range of `list` (up to listEnd[a]); back here to draw a pool's
  // threshold after an event, and to execute a liquidation (then the kernel runs the rest of that
  // step's pools, moves the asset's band itself and scans on from the next step, and then the
  // next assets).
  let a = 0;
  let k = 0;
  let p = 0;
  let resume = 0;
  if (list.length > 0) {
    for (;;) {
      const callAsset = a;
      const callStep = k;
      const status = scan.barrierScan(a, k, p, resume, bridge, word0, word1, exactSurvival, maxScale);
      if (status === BARRIER_UNDECIDED) return false;
      barrierPoolSteps += result[2]!;
      if (status === BARRIER_DONE) break;
      a = scan.barrierAsset[0]!;
      k = result[0]!;
      p = result[1]!;
      // Stopped past the event's step (or at another asset): the band has moved, and the scan goes on as after any stop.
      if (resume !== BARRIER_AFTER_EVENT || a !== callAsset || k !== callStep) resume = BARRIER_RESUME;
      const i = list[p]!;
      const sides = result[3]!;
      if (status === BARRIER_NEEDS_THRESHOLD) {
        if ((sides & 1) !== 0) thresholdLow(ctx, i, word0, word1);
        if ((sides & 2) !== 0) thresholdHigh(ctx, i, word0, word1);
        continue;
      }
      // Hit: both sides in one step → the more likely one (as barrierStep).
      const x1 = path[(k + 1) * nA + a]!;
      const hitLow = (sides & 1) !== 0;
      const useLow = hitLow && ((sides & 2) === 0 || scan.barrierProbabilities[0]! >= scan.barrierProbabilities[1]!);
      st.cumulativePrev[a] = path[k * nA + a]!;
      st.cumulative[a] = x1;
      executeBarrier(ctx, i, a, useLow ? st.poolBarrierLow[i]! : st.poolBarrierHigh[i]!, x1, x1, k + 1);
      if (alive[i] === 0) {
        // Liquidated: out of the list (the next pool, now at p, is the step's next).
        const poolEnd = listEnd[a]!;
        for (let q = p + 1; q < poolEnd; q++) list[q - 1] = list[q]!;
        listEnd[a] = poolEnd - 1;
      } else {
        p++;
      }
      resume = BARRIER_AFTER_EVENT;
    }
  }

  counters[1]! += barrierPoolSteps;

  // Gradient pools, one after the other (they never interact), in WebAssembly (gradient-scan.ts):
  // the lazy test runs ahead to the first step it cannot skip, which is evaluated exactly (and
  // moves the anchor, unless the next step is evaluated exactly too), and so on, until a trigger (the kernel draws the thresholds and finds the
  // trigger point itself): gradientTriggerStep executes the liquidation here, and the kernel
  // resumes after it.
  const gradientPools = ctx.gradientPools;
  const gradientScan = ctx.gradientScan;
  for (let g = 0; g < gradientPools.length; g++) {
    const i = gradientPools[g]!;
    let k = 0;
    while (k < nSteps && alive[i] === 1) {
      const next = gradientScan.run(i, k, bridge, LAZY_RADIUS, LAZY_GROWTH, word0, word1);
      if (next >= nSteps) break;
      const row = (next + 1) * nA;
      for (let a = 0; a < nA; a++) {
        st.cumulativePrev[a] = path[row - nA + a]!;
        st.cumulative[a] = path[row + a]!;
      }
      gradientTriggerStep(ctx, i, next + 1);
      k = next + 1;
    }
  }
  gradientScan.takeCounts(counters);
  for (let a = 0; a < nA; a++) st.cumulative[a] = path[nSteps * nA + a]!;
  return true;
}

/** The counters before the path, kept for a path run again (`startPath`). */
const countersBefore = new Float64Array(KERNEL_COUNTER_COUNT);

/**
 * Reset the state to the path's start (step 0 run, or restored as on the paths before: it draws
 * no random number, so the same result, liquidations included, those already by the reset).
 */
function startPath(ctx: KernelContext, maxScale: number): void {
  startBarrierReplayPath(ctx.barrierReplay);
  resetPath(ctx, pathResetValues(ctx, maxScale));
  ctx.state.maxVarianceScale[0] = maxScale;
  if (ctx.pathStart.maxScale[0] === maxScale) copyPathStart(ctx, false);
  else pathStart(ctx, maxScale);
}

/**
 * Run one path (already in `ctx.logReturns`, and bars if the context has them) through every
 * computed mode. `word0`, `word1`: the path's two random words (monitoring thresholds). Results
 * are left in the state: per mode `pathLoss`, `pathBadDebt`, `pathFirstStep`, `pathMinEquity`; per
 * member `memberLiquidationStep`, `memberPnlAtLiquidation`, `memberLoss`.
 */
export function runPath(ctx: KernelContext, word0: number, word1: number): void {
  const book = ctx.book;
  const st = ctx.state;
  const nA = book.assetCount;
  const modeCount = book.modeNames.length;
  // The lazy form sums the path's cumulative returns now (stepsByAsset reads them), which also
  // gives the largest variance scale (neither reads the state the reset restores).
  let maxScale = 0;
  if (ctx.lazy) maxScale = ctx.scan.cumulatePath(nA);
  else for (let k = 0; k < ctx.nSteps; k++) if (ctx.stepVarianceScale[k]! > maxScale) maxScale = ctx.stepVarianceScale[k]!;
  if (ctx.lazy) copyShort(countersBefore, st.counters);
  startPath(ctx, maxScale);
  if (ctx.trackEquity) for (let m = 0; m < modeCount; m++) st.pathMinEquity[m] = ctx.computeMode[m] === 1 ? modeEquityAt(ctx, m) : 0;

  if (!ctx.lazy) stepsByStep(ctx, word0, word1);
  else if (!stepsByAsset(ctx, word0, word1, false)) {
    // An approximate survival factor too close to its threshold to decide a step (a chance of
    // about 4e-12 (k + 1) at step k): the whole path again from its start, with exact factors,
    // its counts undone.
    copyShort(st.counters, countersBefore);
    startPath(ctx, maxScale);
    stepsByAsset(ctx, word0, word1, true);
  }

  // Horizon: loss = equity at the start − equity at the horizon (liquidation losses included).
  horizonOutcomes(ctx);
}

// The path kernel's mutable state, allocated once per kernel context (kernel-context.ts): the
// per-path state indexed by member, pool or asset, reset at the start of every path, with its
// solver scratch and per-mode results; and the state after step 0, kept across paths.

import type { SecondBoundAnchor } from './lazy-bound.js';

/** Length of `KernelState.counters`. */
export const KERNEL_COUNTER_COUNT = 5;

/** Mutable per-path state, indexed by member, pool or asset; reset at the start of every path. */
export interface KernelState {
  // members
  readonly memberQuantity: Float64Array;
  /** Realised PnL of the closed part, net of liquidation fees, settlement asset. */
  readonly memberRealized: Float64Array;
  /** Cached bracket index (any start gives the same bracket; the cache only saves the search). */
  readonly memberBracket: Int32Array;
  readonly memberLiquidationStep: Int32Array;
  readonly memberPnlAtLiquidation: Float64Array;
  readonly memberBadDebt: Float64Array;
  readonly memberLoss: Float64Array;
  // pools
  readonly poolAlive: Uint8Array;
  readonly poolCash: Float64Array;
  /** 1 while the pool holds its asset collateral, 0 once it is seized to cover a deficit. */
  readonly poolCollateralScale: Float64Array;
  readonly poolBadDebt: Float64Array;
  readonly poolLiquidationStep: Int32Array;
  readonly poolEvents: Int32Array;
  readonly poolBarrierLow: Float64Array;
  readonly poolBarrierHigh: Float64Array;
  /** Survival factors Π(1 − p_step) of the crossing hazard since the last event. */
  readonly poolSurvivalLow: Float64Array;
  readonly poolSurvivalHigh: Float64Array;
  /**
   * Uniform thresholds: the pool is liquidated when its survival factor falls to or below one.
   * NaN until first needed (they are keyed, so when they are hashed does not matter).
   */
  readonly poolThresholdLow: Float64Array;
  readonly poolThresholdHigh: Float64Array;
  /** Gradient pools: health and its gradient in the log prices at the previous step end. */
  readonly poolHealthPrev: Float64Array;
  readonly poolGradientPrev: Float64Array;
  /** 1 when poolHealthPrev / poolGradientPrev are at `cumulativePrev` (the last step was evaluated). */
  readonly poolFreshPrev: Uint8Array;
  /**
   * Gradient pools: the last exactly evaluated point (log returns, nPools × nA), its health, and
   * the bound e^δ D_a on |∂h/∂x_a| within LAZY_RADIUS of it (see path-kernel.ts, lazy evaluation).
   */
  readonly poolAnchorLog: Float64Array;
  readonly poolAnchorHealth: Float64Array;
  readonly poolAnchorSlope: Float64Array;
  /** Σ_a e^δ D_a sd_a at the anchor: the bound on σ_h per unit step variance scale. */
  readonly poolAnchorSigma: Float64Array;
  /** The health lower bound at the previous step end, when that step was skipped. */
  readonly poolLowerPrev: Float64Array;
  /** Gradient pools: the second lazy bound at the anchor (lazy-bound.ts), rows of nA per pool. */
  readonly poolSecondBound: SecondBoundAnchor;
  /** What poolHealthAt leaves with slopes (nA each): the e^−x part of the gradient, the bracket-safe radii and the kinks K_a. */
  readonly inverseSlope: Float64Array;
  readonly radiusUp: Float64Array;
  readonly radiusDown: Float64Array;
  readonly kink: Float64Array;
  // per asset (scratch and path position)
  readonly cumulative: Float64Array;
  readonly cumulativePrev: Float64Array;
  /** Cumulative log returns of the whole path, (nSteps + 1) × nA, row 0 = 0 (stepsByAsset). */
  readonly cumulativePath: Float64Array;
  readonly factor: Float64Array;
  readonly triggerLog: Float64Array;
  readonly triggerFactor: Float64Array;
  readonly trialLog: Float64Array;
  readonly trialFactor: Float64Array;
  /** The trigger search's scratch (crossing-point.ts): gradient and slopes at its last exact point (nA each), and the bounds of h along its line. */
  readonly lineGradient: Float64Array;
  readonly lineSlope: Float64Array;
  readonly lineBound: Float64Array;
  readonly baseLog: Float64Array;
  readonly direction: Float64Array;
  readonly gradient: Float64Array;
  readonly gradientMid: Float64Array;
  /** Nearest thresholds of the live barrier pools on each asset (max of lows, min of highs). */
  readonly assetNearestLow: Float64Array;
  readonly assetNearestHigh: Float64Array;
  /** Band inside which both step ends cannot cross the nearest thresholds (see path-kernel.ts). */
  readonly assetSafeLow: Float64Array;
  readonly assetSafeHigh: Float64Array;
  /** [largest step variance scale of the current path]. */
  readonly maxVarianceScale: Float64Array;
  /** [step whose exp(cumulative) is in `factor`] (−1: none). */
  readonly factorStamp: Int32Array;
  readonly slope: Float64Array;
  // solver scratch
  /** Bracket of each member during the barrier solver's walk. */
  readonly walkBracket: Int32Array;
  readonly barrierOut: Float64Array;
  /**
   * Per pool, the last threshold a barrier pool was liquidated at (log return, NaN: none) and
   * its exp, kept across paths: a pool is mostly liquidated at the same threshold on every path,
   * and Math.exp of the same value is the same bits (executeBarrier).
   */
  readonly barrierFactorAt: Float64Array;
  readonly barrierFactor: Float64Array;
  /** (A, B, C) of the barrier solver's h(f) = A + B f + C / f. */
  readonly coefficients: Float64Array;
  /** [equity, maintenance] written by the pool evaluators. */
  readonly poolValues: Float64Array;
  readonly hashScratch: Uint32Array;
  // per-path results per mode
  readonly pathLoss: Float64Array;
  readonly pathBadDebt: Float64Array;
  readonly pathFirstStep: Int32Array;
  readonly pathMinEquity: Float64Array;
  /**
   * Work counters: [position-steps evaluated in gradient pools, barrier pool-steps, liquidation
   * events, bridge crossings of gradient pools with no zero found along −Σg, gradient pool-steps
   * skipped by the lazy bound].
   */
  readonly counters: Float64Array;
}

/**
 * The values every per-path array `resetPath` restores starts a path with, in the layout of the
 * live arrays: the two JavaScript blocks (`bytes`, with `f64` and `i32` views of it, as
 * PathReset), the path scan's pool block, and the arrays on the gradient kernel's memory (member
 * quantities, pool cash, collateral scales, trigger factors).
 */
export interface PathResetValues {
  readonly bytes: Uint8Array;
  readonly f64: Float64Array;
  readonly i32: Int32Array;
  readonly scanPools: Uint8Array;
  readonly memberQuantity: Float64Array;
  readonly poolCash: Float64Array;
  readonly poolCollateralScale: Float64Array;
  readonly triggerFactor: Float64Array;
}

/**
 * What a step 0 that liquidated pools (pools liquidatable at the marks) leaves: the path's start
 * values with its changes in (the liquidated pools' entries of the pool arrays, their members'
 * entries of the member arrays, `stepZeroPoolArrays` / `stepZeroMemberArrays`, and the trigger
 * scratch), so that resetting to them restores step 0's liquidations too; and the liquidation
 * events it counted.
 */
export interface StepZeroLiquidations {
  readonly start: PathResetValues;
  readonly events: number;
}

/** The pool-indexed per-path arrays a liquidation changes. */
export function stepZeroPoolArrays(st: KernelState): (Float64Array | Int32Array | Uint8Array)[] {
  return [
    st.poolAlive, st.poolCash, st.poolCollateralScale, st.poolBadDebt, st.poolLiquidationStep, st.poolEvents,
    st.poolBarrierLow, st.poolBarrierHigh, st.poolSurvivalLow, st.poolSurvivalHigh, st.poolThresholdLow, st.poolThresholdHigh,
  ];
}

/** The member-indexed per-path arrays a liquidation changes. */
export function stepZeroMemberArrays(st: KernelState): (Float64Array | Int32Array | Uint8Array)[] {
  return [st.memberQuantity, st.memberRealized, st.memberLiquidationStep, st.memberPnlAtLiquidation, st.memberBadDebt, st.memberLoss];
}

/**
 * The state after step 0 of a path (path-kernel.ts), which depends only on the book (and on the
 * path's largest variance scale, through the safe bands): kept after the first path and restored
 * on the next ones instead of being recomputed. Step 0 draws no random number (a pool
 * liquidatable at the marks is liquidated at them), so its liquidations are kept too. The gradient
 * pools' health, gradients and lazy anchors after it are kept by the gradient kernel, in a record
 * per pool on its memory (path-start-record.ts); the rest is here.
 */
export interface PathStart {
  /** The largest variance scale it was computed for; NaN until computed. */
  readonly maxScale: Float64Array;
  readonly assetNearestLow: Float64Array;
  readonly assetNearestHigh: Float64Array;
  readonly assetSafeLow: Float64Array;
  readonly assetSafeHigh: Float64Array;
  /** Step 0's liquidations, or null when it liquidated nothing. */
  stepZeroLiquidations: StepZeroLiquidations | null;
}

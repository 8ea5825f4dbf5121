// Everything the path kernel touches, allocated once per run (or per worker): the compiled book,
// the path source's layout (which column of the path buffer is which asset, the per-step
// covariance for the bridge), the path buffers, and the mutable per-path state. No buffer is
// allocated per path or per step after this.

import { KERNEL_MODE_COUNT, NO_ASSET, type CompiledBook } from './compiled-book.js';
import { assertKernelOptions, type KernelOptions } from './kernel-options.js';
import { PathScan } from './path-scan.js';

/** Length of `KernelState.counters`. */
export const KERNEL_COUNTER_COUNT = 5;

/** What the kernel needs to know about where its paths come from (a model or a replay). */
export interface PathLayout {
  /** Asset name of each column of the path buffer (a superset of the book's assets). */
  readonly assets: readonly string[];
  readonly nSteps: number;
  /**
   * Baseline variance of one step's log return per column (σ² Δt); the variance of step k is
   * `stepVariance[col] * stepVarianceScale[k]` (as in the scenario models' `PathModel`).
   */
  readonly stepVariance: Float64Array;
  /**
   * Correlation of the columns' log returns, flat row-major columns × columns, or null for
   * independent columns (the scenario models' convention for a null Cholesky factor).
   */
  readonly correlation: Float64Array | null;
  /** True for replays that carry each bar's high and low (bar monitoring instead of the bridge). */
  readonly hasBars: boolean;
}

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

export interface KernelContext {
  readonly book: CompiledBook;
  readonly options: KernelOptions;
  /** slippageBps / 10 000. */
  readonly slippageFraction: number;
  /** Bridge correction on (continuous monitoring and no bars). */
  readonly bridge: boolean;
  readonly nSteps: number;
  /** Column of each book asset in the path buffer. */
  readonly assetColumn: Int32Array;
  readonly columnCount: number;
  /** Baseline per-step variance of each book asset, its square root, and the covariance (nA × nA). */
  readonly assetVariance: Float64Array;
  readonly assetSd: Float64Array;
  readonly assetCovariance: Float64Array;
  /** 1 for modes computed, 0 for modes copied from an identical earlier mode. */
  readonly computeMode: Uint8Array;
  /** Path buffers in the source's layout: `[step * columnCount + column]`. */
  readonly logReturns: Float64Array;
  readonly stepVarianceScale: Float64Array;
  /** Bars: ln(low / previous close) and ln(high / previous close), same layout; empty if none. */
  readonly barLow: Float64Array;
  readonly barHigh: Float64Array;
  readonly hasBars: boolean;
  /** Track each mode's account equity at every step end (replays: `minEquity`). */
  readonly trackEquity: boolean;
  /** Skip exact evaluation of gradient pools while a crossing is provably negligible. */
  readonly lazy: boolean;
  readonly members: MemberTable;
  /** Bound on the jumps of a pool's maintenance at bracket floors (0 for continuous tables). */
  readonly poolJump: Float64Array;
  /** Live-mode barrier pools by asset: barrierPools[barrierPoolStart[a] .. barrierPoolStart[a+1]). */
  readonly barrierPoolStart: Int32Array;
  readonly barrierPools: Int32Array;
  /** Live-mode gradient pools. */
  readonly gradientPools: Int32Array;
  readonly state: KernelState;
  /** The path buffers' WebAssembly memory and the step loops that run on it (path-scan.ts). */
  readonly scan: PathScan;
  /** What `resetPath` restores: each member's quantity and each pool's liveness at the start. */
  readonly initialMemberQuantity: Float64Array;
  readonly initialPoolAlive: Uint8Array;
  /** The state after step 0, the same on every path, kept by the path kernel (path-kernel.ts). */
  readonly pathStart: PathStart;
}

/**
 * The state after step 0 of a path (path-kernel.ts), which depends only on the book (and on the
 * path's largest variance scale, through the safe bands): kept after the first path, restored on
 * the next ones instead of being recomputed, as long as step 0 liquidated nothing.
 */
export interface PathStart {
  /** The largest variance scale it was computed for; NaN until computed. */
  readonly maxScale: Float64Array;
  readonly poolHealthPrev: Float64Array;
  readonly poolGradientPrev: Float64Array;
  readonly poolAnchorHealth: Float64Array;
  readonly poolAnchorLog: Float64Array;
  readonly poolAnchorSlope: Float64Array;
  readonly poolAnchorSigma: Float64Array;
  readonly assetNearestLow: Float64Array;
  readonly assetNearestHigh: Float64Array;
  readonly assetSafeLow: Float64Array;
  readonly assetSafeHigh: Float64Array;
}

/**
 * Per member, what the hot loop reads, flattened from position and schedule (one load each
 * instead of two indirections): asset, side, entry, mark, kind, schedule fields, and the factor
 * (1 + highest bracket rate + fee reserve rate) that bounds |∂(PnL − MM)/∂x| by factor × N.
 */
export interface MemberTable {
  readonly asset: Int32Array;
  readonly sign: Float64Array;
  readonly entry: Float64Array;
  readonly mark: Float64Array;
  readonly inverse: Uint8Array;
  readonly entryBasis: Uint8Array;
  readonly bracketStart: Int32Array;
  readonly bracketCount: Int32Array;
  readonly feeRate: Float64Array;
  readonly feeAmount: Float64Array;
  readonly slopeFactor: Float64Array;
}

function memberTable(book: CompiledBook): MemberTable {
  const n = book.memberCount;
  const t = {
    asset: new Int32Array(n),
    sign: new Float64Array(n),
    entry: new Float64Array(n),
    mark: new Float64Array(n),
    inverse: new Uint8Array(n),
    entryBasis: new Uint8Array(n),
    bracketStart: new Int32Array(n),
    bracketCount: new Int32Array(n),
    feeRate: new Float64Array(n),
    feeAmount: new Float64Array(n),
    slopeFactor: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    const j = book.memberPosition[k]!;
    const s = book.memberSchedule[k]!;
    t.asset[k] = book.positionAsset[j]!;
    t.sign[k] = book.positionSign[j]!;
    t.entry[k] = book.positionEntry[j]!;
    t.mark[k] = book.positionMark[j]!;
    t.inverse[k] = book.positionInverse[j]!;
    t.entryBasis[k] = book.scheduleEntryBasis[s]!;
    t.bracketStart[k] = book.scheduleBracketStart[s]!;
    t.bracketCount[k] = book.scheduleBracketCount[s]!;
    t.feeRate[k] = book.scheduleFeeReserveRate[s]!;
    t.feeAmount[k] = book.scheduleFeeReserveAmount[s]!;
    let maxRate = 0;
    for (let b = 0; b < t.bracketCount[k]!; b++) maxRate = Math.max(maxRate, Math.abs(book.bracketRate[t.bracketStart[k]! + b]!));
    t.slopeFactor[k] = 1 + (t.entryBasis[k] === 1 ? 0 : maxRate + Math.abs(t.feeRate[k]!));
  }
  return t;
}

/**
 * Largest total jump of pool i's maintenance margin as prices move: at a bracket floor F the
 * requirement N·rate − amount steps by |F (rate_b − rate_{b−1}) − (amount_b − amount_{b−1})|,
 * zero for tables that satisfy the continuity recursion (validate-tier-table.ts) up to rounding.
 */
function poolJumps(book: CompiledBook): Float64Array {
  const jumps = new Float64Array(book.poolCount);
  for (let i = 0; i < book.poolCount; i++) {
    let jump = 0;
    for (let k = book.poolMemberStart[i]!; k < book.poolMemberStart[i + 1]!; k++) {
      const s = book.memberSchedule[k]!;
      if (book.scheduleEntryBasis[s] === 1) continue;
      const start = book.scheduleBracketStart[s]!;
      for (let b = 1; b < book.scheduleBracketCount[s]!; b++) {
        const floor = book.bracketFloor[start + b]!;
        jump += Math.abs(floor * (book.bracketRate[start + b]! - book.bracketRate[start + b - 1]!) - (book.bracketAmount[start + b]! - book.bracketAmount[start + b - 1]!));
      }
    }
    // Rounding slack of the health computation itself: 1e-9 of the amounts it sums.
    let scale = Math.abs(book.poolEquity0[i]!) + Math.abs(book.poolCash[i]!);
    for (let k = book.poolMemberStart[i]!; k < book.poolMemberStart[i + 1]!; k++) {
      const j = book.memberPosition[k]!;
      const q = book.positionQuantity[j]!;
      scale += book.positionInverse[j] === 1 ? q / book.positionMark[j]! + q / book.positionEntry[j]! : q * (book.positionMark[j]! + book.positionEntry[j]!);
    }
    for (let c = book.poolCollateralStart[i]!; c < book.poolCollateralStart[i + 1]!; c++) scale += Math.abs(book.collateralValue0[c]!);
    jumps[i] = jump * (1 + 1e-12) + 1e-9 * Math.max(1, scale);
  }
  return jumps;
}

/**
 * Allocate the context for running `book` on paths laid out as `layout`. Throws when a book asset
 * has no column in the layout or the layout is inconsistent (caller bugs).
 */
export function createKernelContext(book: CompiledBook, layout: PathLayout, options: KernelOptions, trackEquity = false): KernelContext {
  assertKernelOptions(options, 'createKernelContext');
  const nA = book.assetCount;
  const columns = layout.assets.length;
  if (layout.stepVariance.length !== columns) {
    throw new Error(`createKernelContext: stepVariance has ${layout.stepVariance.length} entries for ${columns} columns`);
  }
  if (layout.correlation !== null && layout.correlation.length !== columns * columns) {
    throw new Error(`createKernelContext: correlation has ${layout.correlation.length} entries, expected ${columns * columns}`);
  }
  const assetColumn = new Int32Array(nA);
  for (let a = 0; a < nA; a++) {
    const column = layout.assets.indexOf(book.assetNames[a]!);
    if (column < 0) throw new Error(`createKernelContext: the path source has no column for asset ${book.assetNames[a]}`);
    assetColumn[a] = column;
  }
  const assetVariance = new Float64Array(nA);
  const assetSd = new Float64Array(nA);
  const assetCovariance = new Float64Array(nA * nA);
  for (let a = 0; a < nA; a++) {
    const v = layout.stepVariance[assetColumn[a]!]!;
    if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`createKernelContext: step variance of ${book.assetNames[a]} must be finite and >= 0, got ${v}`);
    assetVariance[a] = v;
    assetSd[a] = Math.sqrt(v);
  }
  for (let a = 0; a < nA; a++) {
    for (let b = 0; b < nA; b++) {
      const rho = a === b ? 1 : layout.correlation === null ? 0 : layout.correlation[assetColumn[a]! * columns + assetColumn[b]!]!;
      assetCovariance[a * nA + b] = rho * assetSd[a]! * assetSd[b]!;
    }
  }
  const computeMode = new Uint8Array(KERNEL_MODE_COUNT);
  for (let m = 0; m < KERNEL_MODE_COUNT; m++) computeMode[m] = book.modeAliasOf[m] === -1 ? 1 : 0;
  const nPools = book.poolCount;
  const nMembers = book.memberCount;
  const barrierPoolStart = new Int32Array(nA + 1);
  const barrierList: number[] = [];
  const gradientList: number[] = [];
  for (let a = 0; a < nA; a++) {
    barrierPoolStart[a] = barrierList.length;
    for (let i = 0; i < nPools; i++) if (computeMode[book.poolMode[i]!] === 1 && book.poolBarrierAsset[i] === a) barrierList.push(i);
  }
  barrierPoolStart[nA] = barrierList.length;
  for (let i = 0; i < nPools; i++) if (computeMode[book.poolMode[i]!] === 1 && book.poolBarrierAsset[i] === NO_ASSET) gradientList.push(i);
  const cells = layout.nSteps * columns;
  const barrierPools = Int32Array.from(barrierList);
  const scan = new PathScan(layout.nSteps, columns, nA, nPools, barrierPools);
  const state: KernelState = {
    memberQuantity: new Float64Array(nMembers),
    memberRealized: new Float64Array(nMembers),
    memberBracket: new Int32Array(nMembers),
    memberLiquidationStep: new Int32Array(nMembers),
    memberPnlAtLiquidation: new Float64Array(nMembers),
    memberBadDebt: new Float64Array(nMembers),
    memberLoss: new Float64Array(nMembers),
    poolAlive: scan.poolAlive,
    poolCash: new Float64Array(nPools),
    poolCollateralScale: new Float64Array(nPools),
    poolBadDebt: new Float64Array(nPools),
    poolLiquidationStep: new Int32Array(nPools),
    poolEvents: scan.poolEvents,
    poolBarrierLow: scan.poolBarrierLow,
    poolBarrierHigh: scan.poolBarrierHigh,
    poolSurvivalLow: scan.poolSurvivalLow,
    poolSurvivalHigh: scan.poolSurvivalHigh,
    poolThresholdLow: scan.poolThresholdLow,
    poolThresholdHigh: scan.poolThresholdHigh,
    poolHealthPrev: new Float64Array(nPools),
    poolGradientPrev: new Float64Array(nPools * nA),
    poolFreshPrev: new Uint8Array(nPools),
    poolAnchorLog: scan.anchorLog,
    poolAnchorHealth: new Float64Array(nPools),
    poolAnchorSlope: scan.anchorSlope,
    poolAnchorSigma: new Float64Array(nPools),
    poolLowerPrev: new Float64Array(nPools),
    cumulative: new Float64Array(nA),
    cumulativePrev: new Float64Array(nA),
    cumulativePath: scan.cumulativePath,
    factor: new Float64Array(nA),
    triggerLog: new Float64Array(nA),
    triggerFactor: new Float64Array(nA),
    trialLog: new Float64Array(nA),
    trialFactor: new Float64Array(nA),
    baseLog: new Float64Array(nA),
    direction: new Float64Array(nA),
    gradient: new Float64Array(nA),
    gradientMid: new Float64Array(nA),
    assetNearestLow: new Float64Array(nA),
    assetNearestHigh: new Float64Array(nA),
    assetSafeLow: new Float64Array(nA),
    assetSafeHigh: new Float64Array(nA),
    maxVarianceScale: new Float64Array(1),
    factorStamp: new Int32Array(1),
    slope: new Float64Array(nA),
    walkBracket: new Int32Array(nMembers),
    barrierOut: new Float64Array(2),
    coefficients: new Float64Array(3),
    poolValues: new Float64Array(2),
    hashScratch: new Uint32Array(4),
    pathLoss: new Float64Array(KERNEL_MODE_COUNT),
    pathBadDebt: new Float64Array(KERNEL_MODE_COUNT),
    pathFirstStep: new Int32Array(KERNEL_MODE_COUNT),
    pathMinEquity: new Float64Array(KERNEL_MODE_COUNT),
    counters: new Float64Array(KERNEL_COUNTER_COUNT),
  };
  return {
    book,
    options,
    slippageFraction: options.slippageBps / 10_000,
    bridge: options.monitoring === 'continuous' && !layout.hasBars,
    nSteps: layout.nSteps,
    assetColumn,
    columnCount: columns,
    assetVariance,
    assetSd,
    assetCovariance,
    computeMode,
    logReturns: scan.logReturns,
    stepVarianceScale: scan.stepVarianceScale.fill(1),
    barLow: new Float64Array(layout.hasBars ? cells : 0),
    barHigh: new Float64Array(layout.hasBars ? cells : 0),
    hasBars: layout.hasBars,
    trackEquity,
    lazy: !layout.hasBars && !trackEquity,
    members: memberTable(book),
    poolJump: poolJumps(book),
    barrierPoolStart,
    barrierPools,
    gradientPools: Int32Array.from(gradientList),
    state,
    scan,
    initialMemberQuantity: Float64Array.from({ length: nMembers }, (_, k) => book.positionQuantity[book.memberPosition[k]!]!),
    initialPoolAlive: Uint8Array.from({ length: nPools }, (_, i) => computeMode[book.poolMode[i]!]!),
    pathStart: {
      maxScale: new Float64Array([NaN]),
      poolHealthPrev: new Float64Array(nPools),
      poolGradientPrev: new Float64Array(nPools * nA),
      poolAnchorHealth: new Float64Array(nPools),
      poolAnchorLog: new Float64Array(nPools * nA),
      poolAnchorSlope: new Float64Array(nPools * nA),
      poolAnchorSigma: new Float64Array(nPools),
      assetNearestLow: new Float64Array(nA),
      assetNearestHigh: new Float64Array(nA),
      assetSafeLow: new Float64Array(nA),
      assetSafeHigh: new Float64Array(nA),
    },
  };
}

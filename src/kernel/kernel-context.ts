// Everything the path kernel touches, allocated once per run (or per worker): the compiled book,
// the path source's layout (which column of the path buffer is which asset, the per-step
// covariance for the bridge), the path buffers, and the mutable per-path state. No buffer is
// allocated per path or per step after this.

import { createBarrierReplay } from './barrier-event-replay.js';
import { KERNEL_MODE_COUNT, NO_ASSET, type CompiledBook } from './compiled-book.js';
import type { KernelContext, PathReset } from './kernel-context-types.js';
import { assertKernelOptions, type KernelOptions } from './kernel-options.js';
import { KERNEL_COUNTER_COUNT, type KernelState } from './kernel-state.js';
import { memberTable } from './member-table.js';
import { GradientScan, gradientScanBytes } from './gradient-scan.js';
import { PathScan } from './path-scan.js';
import type { PathLayout } from './path-layout.js';

/**
 * Largest total jump of pool i's maintenance margin as prices move: at a bracket floor F the
 * requirement N·rate − amount steps by |F (rate_b − rate_{b−1}) − (amount_b − amount_{b−1})|,
 * zero for tables that satisfy the continuity recursion (validate-tier-table.ts) up to rounding.
 */
function poolJumps(book: CompiledBook): { jumps: Float64Array; scales: Float64Array } {
  const jumps = new Float64Array(book.poolCount);
  const scales = new Float64Array(book.poolCount);
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
    scales[i] = Math.max(1, scale);
  }
  return { jumps, scales };
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
  const scan = new PathScan(layout.nSteps, columns, nA, nPools, barrierPools, gradientScanBytes(book), assetColumn, barrierPoolStart, assetVariance);
  const members = memberTable(book);
  const { jumps: poolJump, scales: poolRoundingScale } = poolJumps(book);
  const gradientScan = new GradientScan(scan, book, members, layout.nSteps, assetSd, assetCovariance, poolJump, poolRoundingScale);
  // The per-path arrays kept in JavaScript are views of two blocks (f64, then i32) on one buffer,
  // so resetting them is one copy (PathReset).
  const f64Length = 3 * nA + 4 * nMembers + nPools;
  const i32Length = nMembers + nPools + 1;
  const resetBytes = new Uint8Array(8 * f64Length + 4 * i32Length);
  const f64Block = new Float64Array(resetBytes.buffer, 0, f64Length);
  const i32Block = new Int32Array(resetBytes.buffer, 8 * f64Length, i32Length);
  let f64Used = 0;
  let i32Used = 0;
  const f64View = (length: number): Float64Array => f64Block.subarray(f64Used, (f64Used += length));
  const i32View = (length: number): Int32Array => i32Block.subarray(i32Used, (i32Used += length));
  const state: KernelState = {
    memberQuantity: gradientScan.memberQuantity,
    memberRealized: f64View(nMembers),
    memberBracket: new Int32Array(nMembers),
    memberLiquidationStep: i32View(nMembers).fill(-1),
    memberPnlAtLiquidation: f64View(nMembers).fill(NaN),
    memberBadDebt: f64View(nMembers),
    memberLoss: f64View(nMembers),
    poolAlive: scan.poolAlive,
    poolCash: gradientScan.poolCash,
    poolCollateralScale: gradientScan.poolCollateralScale,
    poolBadDebt: f64View(nPools),
    poolLiquidationStep: i32View(nPools).fill(-1),
    poolEvents: scan.poolEvents,
    poolBarrierLow: scan.poolBarrierLow,
    poolBarrierHigh: scan.poolBarrierHigh,
    poolSurvivalLow: scan.poolSurvivalLow,
    poolSurvivalHigh: scan.poolSurvivalHigh,
    poolThresholdLow: scan.poolThresholdLow,
    poolThresholdHigh: scan.poolThresholdHigh,
    poolHealthPrev: gradientScan.poolHealthPrev,
    poolGradientPrev: gradientScan.poolGradientPrev,
    poolFreshPrev: gradientScan.poolFreshPrev,
    poolAnchorLog: scan.anchorLog,
    poolAnchorHealth: gradientScan.poolAnchorHealth,
    poolAnchorSlope: scan.anchorSlope,
    poolAnchorSigma: gradientScan.poolAnchorSigma,
    poolLowerPrev: gradientScan.poolLowerPrev,
    poolSecondBound: gradientScan.secondBound,
    inverseSlope: new Float64Array(nA),
    radiusUp: new Float64Array(nA),
    radiusDown: new Float64Array(nA),
    kink: new Float64Array(nA),
    cumulative: f64View(nA),
    cumulativePrev: f64View(nA),
    cumulativePath: scan.cumulativePath,
    factor: gradientScan.hostFactor,
    triggerLog: f64View(nA),
    triggerFactor: gradientScan.hostTriggerFactor,
    trialLog: new Float64Array(nA),
    trialFactor: gradientScan.hostTrialFactor,
    lineGradient: new Float64Array(nA),
    lineSlope: new Float64Array(nA),
    lineBound: new Float64Array(8),
    baseLog: new Float64Array(nA),
    direction: new Float64Array(nA),
    gradient: new Float64Array(nA),
    gradientMid: new Float64Array(nA),
    assetNearestLow: scan.assetNearestLow,
    assetNearestHigh: scan.assetNearestHigh,
    assetSafeLow: scan.assetSafeLow,
    assetSafeHigh: scan.assetSafeHigh,
    maxVarianceScale: new Float64Array(1),
    factorStamp: i32View(1),
    slope: new Float64Array(nA),
    walkBracket: new Int32Array(nMembers),
    barrierOut: new Float64Array(2),
    barrierFactorAt: new Float64Array(nPools).fill(NaN),
    barrierFactor: new Float64Array(nPools),
    coefficients: new Float64Array(4),
    poolValues: new Float64Array(2),
    hashScratch: new Uint32Array(4),
    pathLoss: new Float64Array(KERNEL_MODE_COUNT),
    pathBadDebt: new Float64Array(KERNEL_MODE_COUNT),
    pathFirstStep: new Int32Array(KERNEL_MODE_COUNT),
    pathMinEquity: new Float64Array(KERNEL_MODE_COUNT),
    counters: new Float64Array(KERNEL_COUNTER_COUNT),
  };
  if (f64Used !== f64Block.length || i32Used !== i32Block.length) throw new Error('createKernelContext: the per-path blocks and their views disagree');
  // The start of every path: the reset values of the JavaScript blocks and of the path scan's
  // pool block (the book's barriers, survival 1, thresholds not drawn, no event, computed modes alive).
  const initialPoolAlive = Uint8Array.from({ length: nPools }, (_, i) => computeMode[book.poolMode[i]!]!);
  state.poolAlive.set(initialPoolAlive);
  state.poolEvents.fill(0);
  state.poolBarrierLow.set(book.poolBarrierLow);
  state.poolBarrierHigh.set(book.poolBarrierHigh);
  state.poolSurvivalLow.fill(1);
  state.poolSurvivalHigh.fill(1);
  state.poolThresholdLow.fill(NaN);
  state.poolThresholdHigh.fill(NaN);
  const initialMemberQuantity = Float64Array.from({ length: nMembers }, (_, k) => book.positionQuantity[book.memberPosition[k]!]!);
  const startBytes = resetBytes.slice();
  const pathReset: PathReset = {
    bytes: resetBytes,
    f64: f64Block,
    i32: i32Block,
    scanPools: scan.poolBlock,
    start: {
      bytes: startBytes,
      f64: new Float64Array(startBytes.buffer, 0, f64Length),
      i32: new Int32Array(startBytes.buffer, 8 * f64Length, i32Length),
      scanPools: scan.poolBlock.slice(),
      memberQuantity: initialMemberQuantity,
      poolCash: book.poolCash.slice(),
      poolCollateralScale: new Float64Array(nPools).fill(1),
      triggerFactor: new Float64Array(nA).fill(1),
    },
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
    members,
    poolJump,
    poolRoundingScale,
    barrierPoolStart,
    barrierPools,
    gradientPools: Int32Array.from(gradientList),
    state,
    scan,
    gradientScan,
    initialMemberQuantity,
    initialPoolAlive,
    pathReset,
    pathStart: {
      maxScale: new Float64Array([NaN]),
      assetNearestLow: new Float64Array(nA),
      assetNearestHigh: new Float64Array(nA),
      assetSafeLow: new Float64Array(nA),
      assetSafeHigh: new Float64Array(nA),
      stepZeroLiquidations: null,
    },
    barrierReplay: createBarrierReplay(nPools),
  };
}

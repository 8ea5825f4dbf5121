// The state after step 0 of a path, kept across paths: step 0 (pools liquidatable at the marks,
// then each gradient pool's health, gradient and lazy anchor, and the barrier pools' nearest
// thresholds) depends only on the book and on the path's largest variance scale, and draws no
// random number; so it runs once, its result is kept (`PathStart`), and the next paths restore it
// instead of recomputing it, the liquidations it made included.

import { executeBarrier, refreshNearest } from './barrier-pools.js';
import { NO_ASSET } from './compiled-book.js';
import { setAnchor } from './gradient-pools.js';
import type { KernelContext } from './kernel-context-types.js';
import { stepZeroMemberArrays, stepZeroPoolArrays, type PathResetValues, type StepZeroLiquidations } from './kernel-state.js';
import { liquidatePool } from './liquidate-pool.js';
import { renewThresholds } from './monitor-thresholds.js';
import { poolHealthAt } from './pool-health-kernel.js';
import { copyShort } from './short-copy.js';

/**
 * The values a path whose largest variance scale is `maxScale` starts from: the book's start, or,
 * when step 0 will be restored for it (the same scale as the kept step 0) and liquidated pools,
 * the start with those liquidations in.
 */
export function pathResetValues(ctx: KernelContext, maxScale: number): PathResetValues {
  const kept = ctx.pathStart;
  return kept.maxScale[0] === maxScale && kept.stepZeroLiquidations !== null ? kept.stepZeroLiquidations.start : ctx.pathReset.start;
}

/**
 * Keep (`save`) or restore the state after step 0 (see `PathStart`): per gradient pool its
 * health, gradient and lazy anchors, in the gradient kernel's record of the pool (one call per
 * pool; only gradient pools read them, so a book of barrier pools alone, every single-asset book,
 * has none), and per asset the nearest thresholds and safe bands.
 */
export function copyPathStart(ctx: KernelContext, save: boolean): void {
  const st = ctx.state;
  const kept = ctx.pathStart;
  const rows = ctx.gradientPools;
  for (let g = 0; g < rows.length; g++) ctx.gradientScan.copyPathStart(rows[g]!, g, save);
  copyArray(st.assetNearestLow, kept.assetNearestLow, save);
  copyArray(st.assetNearestHigh, kept.assetNearestHigh, save);
  copyArray(st.assetSafeLow, kept.assetSafeLow, save);
  copyArray(st.assetSafeHigh, kept.assetSafeHigh, save);
  // Step 0's liquidations are in the values resetPath started this path from (pathResetValues); their events are counted here.
  if (!save && kept.stepZeroLiquidations !== null) st.counters[2]! += kept.stepZeroLiquidations.events;
}

/**
 * What step 0's liquidations left (see StepZeroLiquidations): the path's start values with the
 * live state's entries of the liquidated pools and their members, and the trigger scratch, in.
 */
function keepStepZeroLiquidations(ctx: KernelContext, events: number): StepZeroLiquidations {
  const book = ctx.book;
  const st = ctx.state;
  const reset = ctx.pathReset;
  const pools: number[] = [];
  const members: number[] = [];
  for (let i = 0; i < book.poolCount; i++) {
    if (st.poolLiquidationStep[i] !== 0) continue;
    pools.push(i);
    for (let k = book.poolMemberStart[i]!; k < book.poolMemberStart[i + 1]!; k++) members.push(k);
  }
  const from = reset.start;
  const bytes = from.bytes.slice();
  const start: PathResetValues = {
    bytes,
    f64: new Float64Array(bytes.buffer, from.f64.byteOffset - from.bytes.byteOffset, from.f64.length),
    i32: new Int32Array(bytes.buffer, from.i32.byteOffset - from.bytes.byteOffset, from.i32.length),
    scanPools: from.scanPools.slice(),
    memberQuantity: from.memberQuantity.slice(),
    poolCash: from.poolCash.slice(),
    poolCollateralScale: from.poolCollateralScale.slice(),
    triggerFactor: from.triggerFactor.slice(),
  };
  // Each live array is (a view of) one of these, and its start values the same view of the copy.
  const blocks: [ArrayBufferView, ArrayBufferView][] = [
    [reset.f64, start.f64],
    [reset.i32, start.i32],
    [reset.scanPools, start.scanPools],
    [st.memberQuantity, start.memberQuantity],
    [st.poolCash, start.poolCash],
    [st.poolCollateralScale, start.poolCollateralScale],
    [st.triggerFactor, start.triggerFactor],
  ];
  const keep = (array: Float64Array | Int32Array | Uint8Array, indices: readonly number[]): void => {
    const block = blocks.find(([live]) => live.buffer === array.buffer && array.byteOffset >= live.byteOffset && array.byteOffset + array.byteLength <= live.byteOffset + live.byteLength);
    if (block === undefined) throw new Error('keepStepZeroLiquidations: a per-path array outside the blocks resetPath restores');
    const [live, values] = block;
    const offset = values.byteOffset + array.byteOffset - live.byteOffset;
    const view = array instanceof Float64Array ? new Float64Array(values.buffer, offset, array.length) : array instanceof Int32Array ? new Int32Array(values.buffer, offset, array.length) : new Uint8Array(values.buffer, offset, array.length);
    for (const i of indices) view[i] = array[i]!;
  };
  for (const array of stepZeroPoolArrays(st)) keep(array, pools);
  for (const array of stepZeroMemberArrays(st)) keep(array, members);
  const assets = Array.from({ length: book.assetCount }, (_, a) => a);
  keep(st.triggerFactor, assets);
  keep(st.triggerLog, assets);
  return { start, events };
}

function copyArray(live: Float64Array, kept: Float64Array, save: boolean): void {
  if (save) copyShort(kept, live);
  else copyShort(live, kept);
}

/**
 * Step 0: pools liquidatable at the marks now; then health and gradient of gradient pools, and
 * the nearest thresholds of barrier pools. Kept for the next paths (with what its liquidations
 * changed: it draws no random number, so every path starts the same).
 */
export function pathStart(ctx: KernelContext, maxScale: number): void {
  const book = ctx.book;
  const st = ctx.state;
  const nA = book.assetCount;
  const events = st.counters[2]!;
  for (let i = 0; i < book.poolCount; i++) {
    if (st.poolAlive[i] === 0) continue;
    const barrierAsset = book.poolBarrierAsset[i]!;
    if (book.poolHealth0[i]! <= 0) {
      if (barrierAsset !== NO_ASSET) {
        executeBarrier(ctx, i, barrierAsset, 0, 0, 0, 0);
      } else {
        for (let a = 0; a < nA; a++) st.triggerFactor[a] = 1;
        if (liquidatePool(ctx, i, st.triggerFactor, 0)) renewThresholds(ctx, i);
      }
      if (st.poolAlive[i] === 0) continue;
    }
    if (barrierAsset === NO_ASSET) {
      const h = poolHealthAt(ctx, i, st.factor, st.gradient, st.slope);
      st.poolHealthPrev[i] = h;
      for (let a = 0; a < nA; a++) st.poolGradientPrev[i * nA + a] = st.gradient[a]!;
      setAnchor(ctx, i, h);
    }
  }
  for (let a = 0; a < nA; a++) refreshNearest(ctx, a);
  copyPathStart(ctx, true);
  ctx.pathStart.stepZeroLiquidations = st.counters[2] === events ? null : keepStepZeroLiquidations(ctx, st.counters[2]! - events);
  ctx.pathStart.maxScale[0] = maxScale;
}

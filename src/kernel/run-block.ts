// One block of Monte Carlo paths: block b draws from `streamForBlock(seed, b)`, so its result
// depends only on (seed, b) and never on which thread runs it. For each path: the model fills
// the log returns, two random words seed the liquidation monitor, the kernel runs all three
// modes on that one path, and the outcome is folded into the block's result. The in-process
// runner and the worker threads call this same function.

import type { PathModel } from '../scenarios/models/path-model.js';
import { streamForBlock } from '../scenarios/random/stream-for-block.js';
import {
  MODE_STAT_BAD_DEBT_M2,
  MODE_STAT_BAD_DEBT_MEAN,
  MODE_STAT_COUNT,
  MODE_STAT_LIQUIDATED,
  POSITION_STAT_COUNT,
  POSITION_STAT_LIQUIDATED,
  POSITION_STAT_LOSS_M2,
  POSITION_STAT_LOSS_MEAN,
  type BlockResult,
} from './block-result.js';
import { KERNEL_MODE_COUNT } from './compiled-book.js';
import type { KernelContext } from './kernel-context-types.js';
import { KERNEL_COUNTER_COUNT } from './kernel-state.js';
import { runPath } from './path-kernel.js';
import { twoFactorProbeHit, type CompiledTwoFactorProbe } from './two-factor-probe.js';

/** What the block needs of a path model: filling one path's buffers from the block's stream. */
export type PathFiller = Pick<PathModel, 'fillPath'>;

/** Doubles of padding after each mode row of the block's per-path arrays: one cache line. */
const RECORD_PADDING = 8;

/** Paths per block: the unit of seeding, scheduling and merging. */
export const DEFAULT_BLOCK_SIZE = 1024;

/**
 * Mean and sum of squared deviations (M2) of `count` values at `offset`, `offset + stride`, …,
 * two-pass (exact to rounding; no cancellation from Σx² − (Σx)²/n). Writes [mean, M2] to `out`.
 */
export function meanAndM2(values: Float64Array, offset: number, stride: number, count: number, out: Float64Array): void {
  let sum = 0;
  for (let p = 0; p < count; p++) sum += values[offset + p * stride]!;
  const mean = count > 0 ? sum / count : 0;
  let m2 = 0;
  for (let p = 0; p < count; p++) {
    const d = values[offset + p * stride]! - mean;
    m2 += d * d;
  }
  out[0] = mean;
  out[1] = m2;
}

/**
 * Run paths `firstPath .. firstPath + pathCount` of block `blockIndex` (seed `seed`) through the
 * kernel context `ctx`, with paths from `model`. `collectRecords`: keep per-path, per-position
 * records for an observer; `probe`: count the paths on which it hits (`twoFactorHits`).
 * Allocates only the block's result arrays.
 */
export function runBlock(
  ctx: KernelContext,
  model: PathFiller,
  seed: number,
  blockIndex: number,
  firstPath: number,
  pathCount: number,
  collectRecords: boolean,
  probe: CompiledTwoFactorProbe | null = null,
): BlockResult {
  const book = ctx.book;
  const st = ctx.state;
  const nPos = book.positionCount;
  const nSteps = ctx.nSteps;
  const rng = streamForBlock(seed, blockIndex);
  const recordStride = pathCount + RECORD_PADDING;
  const pathLoss = new Float64Array(KERNEL_MODE_COUNT * recordStride);
  const pathBadDebt = new Float64Array(KERNEL_MODE_COUNT * recordStride);
  const pathFirstStep = new Int32Array(KERNEL_MODE_COUNT * recordStride);
  const firstStepCounts = new Float64Array(KERNEL_MODE_COUNT * (nSteps + 1));
  const modeStats = new Float64Array(KERNEL_MODE_COUNT * MODE_STAT_COUNT);
  const positionStats = new Float64Array(KERNEL_MODE_COUNT * nPos * POSITION_STAT_COUNT);
  // Per path, mode and position, one path's cells contiguous (see PathRecords).
  const cellsPerPath = KERNEL_MODE_COUNT * nPos;
  const positionLoss = new Float64Array(pathCount * cellsPerPath);
  const liquidationStep = collectRecords ? new Int32Array(pathCount * cellsPerPath) : null;
  const pnlAtLiquidation = collectRecords ? new Float64Array(pathCount * cellsPerPath) : null;
  const counters = new Float64Array(KERNEL_COUNTER_COUNT);
  st.counters.fill(0);
  let twoFactorHits = 0;

  const positionMember = book.positionMember;
  const memberLiquidationStep = st.memberLiquidationStep;
  const memberLoss = st.memberLoss;
  const memberPnlAtLiquidation = st.memberPnlAtLiquidation;
  // A mode identical to an earlier one has that mode's outcome (see CompiledBook.modeAliasOf): its
  // cells are the source mode's, copied within the path's records.
  const modeSource = new Int32Array(KERNEL_MODE_COUNT);
  for (let m = 0; m < KERNEL_MODE_COUNT; m++) modeSource[m] = ctx.computeMode[m] === 1 ? m : book.modeAliasOf[m]!;
  // Per computed mode and position, the paths of the block on which it was liquidated.
  const liquidatedPaths = new Int32Array(KERNEL_MODE_COUNT * nPos);
  for (let p = 0; p < pathCount; p++) {
    model.fillPath(rng, ctx.logReturns, ctx.stepVarianceScale);
    const word0 = rng.nextUint32();
    const word1 = rng.nextUint32();
    runPath(ctx, word0, word1);
    if (probe !== null && twoFactorProbeHit(book, probe, ctx.logReturns, ctx.columnCount, nSteps)) twoFactorHits++;
    const pathRow = p * cellsPerPath;
    for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
      const source = modeSource[m]!;
      const first = st.pathFirstStep[source]!;
      pathLoss[m * recordStride + p] = st.pathLoss[source]!;
      pathBadDebt[m * recordStride + p] = st.pathBadDebt[source]!;
      pathFirstStep[m * recordStride + p] = first;
      if (first >= 0) {
        modeStats[m * MODE_STAT_COUNT + MODE_STAT_LIQUIDATED]! += 1;
        firstStepCounts[m * (nSteps + 1) + first]! += 1;
      }
      const row = pathRow + m * nPos;
      if (source !== m) {
        // The source mode (an earlier one) is already in this path's records.
        const from = pathRow + source * nPos;
        for (let j = 0; j < nPos; j++) positionLoss[row + j] = positionLoss[from + j]!;
        if (liquidationStep !== null && pnlAtLiquidation !== null) {
          for (let j = 0; j < nPos; j++) {
            liquidationStep[row + j] = liquidationStep[from + j]!;
            pnlAtLiquidation[row + j] = pnlAtLiquidation[from + j]!;
          }
        }
        continue;
      }
      const memberAt = m * nPos;
      if (liquidationStep !== null && pnlAtLiquidation !== null) {
        for (let j = 0; j < nPos; j++) {
          const k = positionMember[memberAt + j]!;
          const step = memberLiquidationStep[k]!;
          if (step >= 0) liquidatedPaths[memberAt + j]! += 1;
          positionLoss[row + j] = memberLoss[k]!;
          liquidationStep[row + j] = step;
          pnlAtLiquidation[row + j] = memberPnlAtLiquidation[k]!;
        }
      } else {
        for (let j = 0; j < nPos; j++) {
          const k = positionMember[memberAt + j]!;
          if (memberLiquidationStep[k]! >= 0) liquidatedPaths[memberAt + j]! += 1;
          positionLoss[row + j] = memberLoss[k]!;
        }
      }
    }
  }
  for (let c = 0; c < KERNEL_COUNTER_COUNT; c++) counters[c] = st.counters[c]!;

  // Block counts, means and M2 (two-pass over the block's own values); an alias mode's are its
  // source's, the same values.
  const pair = new Float64Array(2);
  for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
    const source = modeSource[m]!;
    if (source !== m) {
      modeStats[m * MODE_STAT_COUNT + MODE_STAT_BAD_DEBT_MEAN] = modeStats[source * MODE_STAT_COUNT + MODE_STAT_BAD_DEBT_MEAN]!;
      modeStats[m * MODE_STAT_COUNT + MODE_STAT_BAD_DEBT_M2] = modeStats[source * MODE_STAT_COUNT + MODE_STAT_BAD_DEBT_M2]!;
      const to = m * nPos * POSITION_STAT_COUNT;
      positionStats.copyWithin(to, source * nPos * POSITION_STAT_COUNT, source * nPos * POSITION_STAT_COUNT + nPos * POSITION_STAT_COUNT);
      continue;
    }
    meanAndM2(pathBadDebt, m * recordStride, 1, pathCount, pair);
    modeStats[m * MODE_STAT_COUNT + MODE_STAT_BAD_DEBT_MEAN] = pair[0]!;
    modeStats[m * MODE_STAT_COUNT + MODE_STAT_BAD_DEBT_M2] = pair[1]!;
    for (let j = 0; j < nPos; j++) {
      const stat = (m * nPos + j) * POSITION_STAT_COUNT;
      positionStats[stat + POSITION_STAT_LIQUIDATED] = liquidatedPaths[m * nPos + j]!;
      meanAndM2(positionLoss, m * nPos + j, cellsPerPath, pathCount, pair);
      positionStats[stat + POSITION_STAT_LOSS_MEAN] = pair[0]!;
      positionStats[stat + POSITION_STAT_LOSS_M2] = pair[1]!;
    }
  }
  return {
    blockIndex,
    firstPath,
    pathCount,
    recordStride,
    pathLoss,
    pathBadDebt,
    pathFirstStep,
    firstStepCounts,
    modeStats,
    positionStats,
    records: liquidationStep !== null && pnlAtLiquidation !== null ? { liquidationStep, pnlAtLiquidation, positionLoss } : null,
    counters,
    twoFactorHits,
  };
}

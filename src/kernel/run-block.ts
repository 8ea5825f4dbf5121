// One block of Monte Carlo paths: block b draws from `streamForBlock(seed, b)`, so its result
// depends only on (seed, b) and never on which thread runs it. For each path: the model fills
// the log returns, two random words seed the liquidation monitor, the kernel runs all three
// modes on that one path, and the outcome is folded into the block's result. The in-process
// runner and the worker threads call this same function.

import { unitScaleFill, type PathModel } from '../scenarios/models/path-model.js';
import { streamForBlock } from '../scenarios/random/stream-for-block.js';
import type { Xoshiro128 } from '../scenarios/random/xoshiro128.js';
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
import { recordRowCount, recordRows } from './record-rows.js';
import { squaredDeviations } from './tail-statistics.js';
import { twoFactorProbeHit, twoFactorProbeHitOnPath, type CompiledTwoFactorProbe } from './two-factor-probe.js';

/**
 * What the block needs of a path model: filling one path's buffers from the block's stream (the
 * log returns alone when the model's scales stay at 1, `unitScaleFill`).
 */
export type PathFiller = Pick<PathModel, 'fillPath' | 'unitScales'>;

/** Doubles of padding after each mode row of the block's per-path arrays: one cache line. */
const RECORD_PADDING = 8;

export { DEFAULT_BLOCK_SIZE } from './block-size.js';

/**
 * Mean and sum of squared deviations (M2) of `count` values at `offset`, `offset + stride`, …,
 * two-pass (exact to rounding; no cancellation from Σx² − (Σx)²/n). Writes [mean, M2] to `out`.
 */
export function meanAndM2(values: Float64Array, offset: number, stride: number, count: number, out: Float64Array): void {
  let sum = 0;
  for (let p = 0; p < count; p++) sum += values[offset + p * stride]!;
  const mean = count > 0 ? sum / count : 0;
  out[0] = mean;
  out[1] = squaredDeviations(values, offset, stride, count, mean);
}

/** A block's result arrays (see BlockResult). */
type BlockBuffers = Pick<BlockResult, 'pathLoss' | 'pathBadDebt' | 'pathFirstStep' | 'firstStepCounts' | 'modeStats' | 'positionStats' | 'counters' | 'records'>;

/**
 * The result arrays of a block of `pathCount` paths: those of `recycle` (a block of the same
 * shape whose result the caller has finished with) when it fits, its sums zeroed (every other
 * value is overwritten by the block), else fresh ones. Reuse spares each block ~1.5 MB of fresh,
 * zeroed, page-faulting memory (1024 paths of the shared benchmark book) and the collector its
 * garbage.
 */
function blockBuffers(recycle: BlockResult | null, pathCount: number, nPos: number, nSteps: number, recordRows: number): BlockBuffers {
  if (recycle !== null && blockFits(recycle, pathCount, nPos, nSteps, recordRows)) {
    recycle.firstStepCounts.fill(0);
    recycle.modeStats.fill(0);
    recycle.positionStats.fill(0);
    return recycle;
  }
  return makeBlockBuffers(pathCount, nPos, nSteps, recordRows, FRESH_ARRAYS);
}

/**
 * True when `result`'s arrays are those of a block of `pathCount` paths, `nPos` positions, `nSteps`
 * steps, with records of `recordRows` rows a path (record-rows.ts), none when 0.
 */
export function blockFits(result: BlockResult, pathCount: number, nPos: number, nSteps: number, recordRows: number): boolean {
  return (
    result.recordStride === pathCount + RECORD_PADDING &&
    result.positionStats.length === KERNEL_MODE_COUNT * nPos * POSITION_STAT_COUNT &&
    result.firstStepCounts.length === KERNEL_MODE_COUNT * (nSteps + 1) &&
    (result.records === null ? recordRows === 0 : recordRows > 0 && result.records.positionLoss.length === pathCount * recordRows * nPos)
  );
}

/** How a block's result arrays are made: `f64(n)` / `i32(n)`, zeroed arrays of n values. */
interface BlockArrayMaker {
  f64(length: number): Float64Array;
  i32(length: number): Int32Array;
}

/** Each array on a fresh buffer of its own. */
const FRESH_ARRAYS: BlockArrayMaker = { f64: (n) => new Float64Array(n), i32: (n) => new Int32Array(n) };

/** The result arrays of a block of `pathCount` paths (records of `recordRows` rows a path, none when 0), made by `make`, in a fixed order. */
function makeBlockBuffers(pathCount: number, nPos: number, nSteps: number, recordRows: number, make: BlockArrayMaker): BlockBuffers {
  const recordStride = pathCount + RECORD_PADDING;
  const cells = pathCount * recordRows * nPos;
  return {
    pathLoss: make.f64(KERNEL_MODE_COUNT * recordStride),
    pathBadDebt: make.f64(KERNEL_MODE_COUNT * recordStride),
    pathFirstStep: make.i32(KERNEL_MODE_COUNT * recordStride),
    firstStepCounts: make.f64(KERNEL_MODE_COUNT * (nSteps + 1)),
    modeStats: make.f64(KERNEL_MODE_COUNT * MODE_STAT_COUNT),
    positionStats: make.f64(KERNEL_MODE_COUNT * nPos * POSITION_STAT_COUNT),
    counters: make.f64(KERNEL_COUNTER_COUNT),
    records: recordRows > 0 ? { positionLoss: make.f64(cells), liquidationStep: make.i32(cells), pnlAtLiquidation: make.f64(cells) } : null,
  };
}

/**
 * An empty result of a block of `pathCount` paths (no block run into it yet) whose arrays lie
 * one after the other, each 8-byte aligned, on one SharedArrayBuffer: a `recycle` for `runBlock`
 * that a worker fills and another thread reads in place (block-slots.ts). Its byte size is
 * `sharedBlockBytes`.
 */
export function sharedBlockResult(pathCount: number, nPos: number, nSteps: number, recordRows: number): BlockResult {
  const memory = new SharedArrayBuffer(sharedBlockBytes(pathCount, nPos, nSteps, recordRows));
  let offset = 0;
  const carve = <T>(length: number, bytesPer: number, view: (at: number) => T): T => {
    const at = offset;
    offset += Math.ceil((length * bytesPer) / 8) * 8;
    return view(at);
  };
  const buffers = makeBlockBuffers(pathCount, nPos, nSteps, recordRows, {
    f64: (n) => carve(n, 8, (at) => new Float64Array(memory, at, n)),
    i32: (n) => carve(n, 4, (at) => new Int32Array(memory, at, n)),
  });
  return { blockIndex: -1, firstPath: 0, pathCount, recordStride: pathCount + RECORD_PADDING, ...buffers, twoFactorHits: 0 };
}

/** Bytes of the one buffer of `sharedBlockResult` (its arrays, each rounded up to 8 bytes). */
export function sharedBlockBytes(pathCount: number, nPos: number, nSteps: number, recordRows: number): number {
  let bytes = 0;
  makeBlockBuffers(pathCount, nPos, nSteps, recordRows, {
    f64: (n) => ((bytes += 8 * n), new Float64Array(0)),
    i32: (n) => ((bytes += Math.ceil(n / 2) * 8), new Int32Array(0)),
  });
  return bytes;
}

/**
 * Per kernel context, the positions' losses of a block run without records: read only by the
 * block's own means (meanAndM2), so one buffer per context, grown as needed, serves every block.
 */
const lossScratch = new WeakMap<KernelContext, Float64Array>();

function positionLossScratch(ctx: KernelContext, cells: number): Float64Array {
  let scratch = lossScratch.get(ctx);
  if (scratch === undefined || scratch.length < cells) {
    scratch = new Float64Array(cells);
    lossScratch.set(ctx, scratch);
  }
  return scratch;
}

/**
 * The block's counts, means and M2 per mode and position (two-pass over the block's own values,
 * `positionLoss` the block's position losses, path by path, `cellsPerPath` a path, mode m's in its
 * row `rows[m]`); an alias mode's (`modeSource`) are its source's, the same values.
 */
function blockStatistics(buffers: BlockBuffers, modeSource: Int32Array, rows: Int32Array, cellsPerPath: number, liquidatedPaths: Int32Array, positionLoss: Float64Array, nPos: number, pathCount: number, recordStride: number): void {
  const { pathBadDebt, modeStats, positionStats } = buffers;
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
      meanAndM2(positionLoss, rows[m]! * nPos + j, cellsPerPath, pathCount, pair);
      positionStats[stat + POSITION_STAT_LOSS_MEAN] = pair[0]!;
      positionStats[stat + POSITION_STAT_LOSS_M2] = pair[1]!;
    }
  }
}

/**
 * The block's paths, each filled by `model` from `rng` (its log returns alone when its variance
 * scales stay at 1), run (`runPath`) and recorded into
 * `buffers` and `positionLoss` (path by path, `cellsPerPath` a path, a computed mode m's cells in
 * its row `rows[m]`; `liquidatedPaths` counts, per mode and position, the paths on which it was
 * liquidated; an alias mode (`modeSource`) has its source's row and no cells of its own, and
 * its per-path values are copied after the loop, `copyAliasModes`);
 * returns the paths on which `probe` hits. The loop has a function of its own: V8 enters a long
 * loop's optimized code while the loop runs and keeps that code for the next calls, and the code
 * after the loop, not run yet when it was compiled, sent every block back to the interpreter
 * there (a deoptimization per block when this loop was runBlock's).
 */
function runPaths(ctx: KernelContext, model: PathFiller, rng: Xoshiro128, pathCount: number, probe: CompiledTwoFactorProbe | null, buffers: BlockBuffers, positionLoss: Float64Array, modeSource: Int32Array, rows: Int32Array, cellsPerPath: number, liquidatedPaths: Int32Array): number {
  const book = ctx.book;
  const st = ctx.state;
  const nPos = book.positionCount;
  const nSteps = ctx.nSteps;
  const recordStride = pathCount + RECORD_PADDING;
  const { pathLoss, pathBadDebt, pathFirstStep, firstStepCounts, modeStats } = buffers;
  const liquidationStep = buffers.records !== null ? buffers.records.liquidationStep : null;
  const pnlAtLiquidation = buffers.records !== null ? buffers.records.pnlAtLiquidation : null;
  let twoFactorHits = 0;
  const positionMember = book.positionMember;
  const memberLiquidationStep = st.memberLiquidationStep;
  const memberLoss = st.memberLoss;
  const memberPnlAtLiquidation = st.memberPnlAtLiquidation;
  const modeLoss = st.pathLoss;
  const modeBadDebt = st.pathBadDebt;
  const modeFirstStep = st.pathFirstStep;
  const logReturns = ctx.logReturns;
  const stepVarianceScale = ctx.stepVarianceScale;
  // A model whose scales stay at 1 fills the log returns alone; the scales are set to 1 here, once
  // for the block (nothing else writes them).
  const unitScales = unitScaleFill(model);
  if (unitScales !== null) stepVarianceScale.fill(1, 0, nSteps);
  for (let p = 0; p < pathCount; p++) {
    if (unitScales !== null) unitScales.fillReturns(rng, logReturns);
    else model.fillPath(rng, logReturns, stepVarianceScale);
    // The two words as signed 32-bit integers: the same bits (every reader takes them as bits:
    // the keyed hash, the kernels' i32 parameters), and for V8 small integers, so passing them on
    // to the kernel's calls allocates no heap number (half of the unsigned words are above 2^31).
    const word0 = rng.nextInt32();
    const word1 = rng.nextInt32();
    runPath(ctx, word0, word1);
    // The lazy kernel left the path's cumulative log returns, which the probe's test reads.
    if (probe !== null && (ctx.lazy ? twoFactorProbeHitOnPath(book, probe, ctx.scan, nSteps) : twoFactorProbeHit(book, probe, logReturns, ctx.columnCount, nSteps))) twoFactorHits++;
    const pathRow = p * cellsPerPath;
    for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
      // An alias mode's values are its source's: copied once for the block (copyAliasModes); its
      // cells are its source's row.
      if (modeSource[m] !== m) continue;
      const first = modeFirstStep[m]!;
      pathLoss[m * recordStride + p] = modeLoss[m]!;
      pathBadDebt[m * recordStride + p] = modeBadDebt[m]!;
      pathFirstStep[m * recordStride + p] = first;
      if (first >= 0) {
        modeStats[m * MODE_STAT_COUNT + MODE_STAT_LIQUIDATED]! += 1;
        firstStepCounts[m * (nSteps + 1) + first]! += 1;
      }
      const row = pathRow + rows[m]! * nPos;
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
  return twoFactorHits;
}

/**
 * Each alias mode's per-path values (loss, bad debt, first liquidation step), liquidated-path
 * count and first-step histogram: its source mode's, copied from the block's rows once the
 * block's paths are run (the same numbers the path loop would have stored path by path).
 */
function copyAliasModes(buffers: BlockBuffers, modeSource: Int32Array, pathCount: number, nSteps: number): void {
  const { pathLoss, pathBadDebt, pathFirstStep, firstStepCounts, modeStats } = buffers;
  const recordStride = pathCount + RECORD_PADDING;
  const width = nSteps + 1;
  for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
    const source = modeSource[m]!;
    if (source === m) continue;
    pathLoss.copyWithin(m * recordStride, source * recordStride, source * recordStride + pathCount);
    pathBadDebt.copyWithin(m * recordStride, source * recordStride, source * recordStride + pathCount);
    pathFirstStep.copyWithin(m * recordStride, source * recordStride, source * recordStride + pathCount);
    modeStats[m * MODE_STAT_COUNT + MODE_STAT_LIQUIDATED] = modeStats[source * MODE_STAT_COUNT + MODE_STAT_LIQUIDATED]!;
    firstStepCounts.copyWithin(m * width, source * width, source * width + width);
  }
}

/**
 * Run paths `firstPath .. firstPath + pathCount` of block `blockIndex` (seed `seed`) through the
 * kernel context `ctx`, with paths from `model`. `collectRecords`: keep per-path, per-position
 * records for an observer; `probe`: count the paths on which it hits (`twoFactorHits`);
 * `recycle`: an earlier block's result the caller is done with (merged, observed, never
 * transferred), whose arrays this block may overwrite. Allocates only the block's result arrays
 * (none when they are recycled).
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
  recycle: BlockResult | null = null,
): BlockResult {
  const book = ctx.book;
  const st = ctx.state;
  const nPos = book.positionCount;
  const nSteps = ctx.nSteps;
  const rng = streamForBlock(seed, blockIndex);
  const recordStride = pathCount + RECORD_PADDING;
  // Per path, computed mode and position, one path's cells contiguous (see PathRecords).
  const rows = recordRows(book.modeAliasOf);
  const rowCount = recordRowCount(book.modeAliasOf);
  const cellsPerPath = rowCount * nPos;
  const buffers = blockBuffers(recycle, pathCount, nPos, nSteps, collectRecords ? rowCount : 0);
  const { pathLoss, pathBadDebt, pathFirstStep, firstStepCounts, modeStats, positionStats, counters } = buffers;
  const records = buffers.records;
  const positionLoss = records !== null ? records.positionLoss : positionLossScratch(ctx, pathCount * cellsPerPath);
  st.counters.fill(0);

  // A mode identical to an earlier one has that mode's outcome (see CompiledBook.modeAliasOf): its
  // cells are the source mode's, copied within the path's records.
  const modeSource = new Int32Array(KERNEL_MODE_COUNT);
  for (let m = 0; m < KERNEL_MODE_COUNT; m++) modeSource[m] = ctx.computeMode[m] === 1 ? m : book.modeAliasOf[m]!;
  // Per computed mode and position, the paths of the block on which it was liquidated.
  const liquidatedPaths = new Int32Array(KERNEL_MODE_COUNT * nPos);
  const twoFactorHits = runPaths(ctx, model, rng, pathCount, probe, buffers, positionLoss, modeSource, rows, cellsPerPath, liquidatedPaths);
  copyAliasModes(buffers, modeSource, pathCount, nSteps);
  for (let c = 0; c < KERNEL_COUNTER_COUNT; c++) counters[c] = st.counters[c]!;
  blockStatistics(buffers, modeSource, rows, cellsPerPath, liquidatedPaths, positionLoss, nPos, pathCount, recordStride);
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
    records,
    counters,
    twoFactorHits,
  };
}

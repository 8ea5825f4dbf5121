// A block's result as plain values (every array and number), for tests that compare two runs of
// the same block.

import type { BlockResult } from '../../../src/kernel/block-result.js';

/** Every array and number of a block's result, as plain values. */
export function blockContents(block: BlockResult): unknown {
  const records = block.records === null ? null : [...block.records.liquidationStep, ...block.records.pnlAtLiquidation, ...block.records.positionLoss];
  return {
    head: [block.blockIndex, block.firstPath, block.pathCount, block.recordStride, block.twoFactorHits],
    arrays: [block.pathLoss, block.pathBadDebt, block.pathFirstStep, block.firstStepCounts, block.modeStats, block.positionStats, block.counters].map((a) => [...a]),
    records,
  };
}

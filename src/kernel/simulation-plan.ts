// How a run's paths are cut into blocks, and how a finished block is merged: shared by the
// in-process runner (run-blocks.ts) and the block scheduler (block-scheduler.ts), so both merge
// the same blocks in the same order.

import type { BlockResult } from './block-result.js';
import { DEFAULT_KERNEL_OPTIONS, type KernelOptions } from './kernel-options.js';
import type { OutcomeAccumulator } from './outcomes.js';
import type { PathLayout } from './path-layout.js';
import type { PathObserver, PathRecordView } from './path-record.js';
import { DEFAULT_BLOCK_SIZE } from './run-block.js';
import type { SimulationRequest } from './simulation-request.js';

export interface SimulationPlan {
  readonly blockSize: number;
  readonly blocks: number;
  readonly layout: PathLayout;
  readonly options: KernelOptions;
  readonly hours: number;
}

/** Paths `firstPath … firstPath + pathCount − 1` of the run: block `blockIndex`. */
export interface BlockSpan {
  readonly blockIndex: number;
  readonly firstPath: number;
  readonly pathCount: number;
}

/** The run's blocks and kernel layout; throws on a malformed request. */
export function simulationPlan(request: SimulationRequest): SimulationPlan {
  const { model, paths } = request;
  if (!Number.isInteger(paths) || paths < 1) throw new Error(`runBlocks: paths must be a positive integer, got ${paths}`);
  const blockSize = request.blockSize ?? DEFAULT_BLOCK_SIZE;
  if (!Number.isInteger(blockSize) || blockSize < 1) throw new Error(`runBlocks: blockSize must be a positive integer, got ${blockSize}`);
  if (request.modelAssets.length !== model.nAssets) {
    throw new Error(`runBlocks: ${request.modelAssets.length} model asset names for a model of ${model.nAssets} assets`);
  }
  return {
    blockSize,
    blocks: Math.ceil(paths / blockSize),
    layout: { assets: request.modelAssets, nSteps: model.nSteps, stepVariance: model.stepVariance, correlation: request.correlation, hasBars: false },
    options: request.options ?? DEFAULT_KERNEL_OPTIONS,
    hours: model.dtYears * 365 * 24,
  };
}

/** Block `blockIndex` of a run of `paths` paths (the last block may be short). */
export function blockSpan(plan: SimulationPlan, paths: number, blockIndex: number): BlockSpan {
  const firstPath = blockIndex * plan.blockSize;
  return { blockIndex, firstPath, pathCount: Math.min(plan.blockSize, paths - firstPath) };
}

/** Merge one block (observer calls included, path by path) into the accumulator. */
export function mergeBlock(accumulator: OutcomeAccumulator, view: PathRecordView | null, observer: PathObserver | undefined, block: BlockResult): void {
  accumulator.add(block);
  if (view !== null && observer !== undefined) {
    for (let p = 0; p < block.pathCount; p++) {
      view.attach(block, p);
      observer(view);
    }
  }
}

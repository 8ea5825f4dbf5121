// An `ObjectiveEvaluator` backed by the path kernel: each candidate book is compiled and run on
// the same Monte Carlo paths (same model, seed and block size, so the same random numbers: the
// paths depend only on the seed and the block, never on the book), and each path's account loss
// and "any liquidation" are read off the kernel's per-path record in the candidate's mode. The
// scenarios are therefore common and the recommendation's differences are paired. Runs in
// process (the evaluator is synchronous); memory is one loss and one flag per path per call.

import { compileBook } from '../kernel/compile-book.js';
import type { KernelOptions } from '../kernel/kernel-options.js';
import { runBlocksInProcess } from '../kernel/run-blocks.js';
import type { MarginContext } from '../margin/evaluate-account.js';
import { MODE_NAMES } from '../margin/evaluation.js';
import type { PathModel } from '../scenarios/models/path-model.js';
import { prepareAccountOrThrow } from '../margin/prepared-account.js';
import type { ObjectiveEvaluator } from './shock-objective-evaluator.js';

export interface KernelScenarios {
  readonly model: PathModel;
  /** Asset name of each model column (every candidate's assets must be among them). */
  readonly modelAssets: readonly string[];
  /** Correlation of the columns (flat, row-major), or null. */
  readonly correlation: Float64Array | null;
  readonly seed: number;
  readonly paths: number;
  readonly blockSize?: number;
  readonly options?: KernelOptions;
}

/** Evaluate candidates on the kernel's paths of `scenarios`. */
export function kernelObjectiveEvaluator(context: MarginContext, scenarios: KernelScenarios): ObjectiveEvaluator {
  return ({ book, mode }) => {
    const account = prepareAccountOrThrow(book, context, 'kernelObjectiveEvaluator');
    const compiled = compileBook(account.resolved, account.collateral, account.policy);
    const m = MODE_NAMES.indexOf(mode);
    const liquidated = new Uint8Array(scenarios.paths);
    const loss = new Float64Array(scenarios.paths);
    runBlocksInProcess({
      book: compiled,
      model: scenarios.model,
      modelAssets: scenarios.modelAssets,
      correlation: scenarios.correlation,
      seed: scenarios.seed,
      paths: scenarios.paths,
      ...(scenarios.blockSize === undefined ? {} : { blockSize: scenarios.blockSize }),
      ...(scenarios.options === undefined ? {} : { options: scenarios.options }),
      observer: (record) => {
        const p = record.pathIndex;
        liquidated[p] = record.firstLiquidationStep(m) >= 0 ? 1 : 0;
        loss[p] = record.loss(m);
      },
    });
    return { liquidated, loss };
  };
}

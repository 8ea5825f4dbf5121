// Timing the path kernel on its fixed benchmark workload (benchmark-workload.ts), for the
// benchmark suite: the run alone, on the threads asked for, in position-steps per second.

import { createGbmModel } from '../scenarios/models/gbm-model.js';
import { benchmarkWorkload } from './benchmark-workload.js';
import type { AccountShockOutcome } from './outcomes.js';
import { runBlocks, type PathModelRecipe } from './run-blocks.js';

export interface BenchmarkResult {
  readonly paths: number;
  readonly steps: number;
  readonly positions: number;
  readonly threads: number;
  /** paths × steps × positions (counted once, not per mode). */
  readonly positionSteps: number;
  readonly seconds: number;
  readonly positionStepsPerSecond: number;
  readonly outcome: AccountShockOutcome;
}

/**
 * Run the fixed workload: `paths` paths (the full workload is 500,000) on `threads` worker
 * threads (from the compiled build; in process otherwise). Wall time covers the run only.
 */
export async function runKernelBenchmark(options: { paths: number; threads?: number; steps?: number; seed?: number }): Promise<BenchmarkResult> {
  const workload = benchmarkWorkload(options.steps);
  const recipe: PathModelRecipe = { moduleUrl: new URL('../scenarios/models/gbm-model.js', import.meta.url).href, exportName: 'createGbmModel', spec: workload.modelSpec };
  const started = performance.now();
  const outcome = await runBlocks({
    book: workload.book,
    model: createGbmModel(workload.modelSpec),
    recipe,
    modelAssets: workload.modelAssets,
    correlation: workload.correlation,
    seed: options.seed ?? 1,
    paths: options.paths,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
  });
  const seconds = (performance.now() - started) / 1000;
  const positionSteps = outcome.diagnostics.positionSteps;
  return {
    paths: outcome.paths,
    steps: outcome.steps,
    positions: workload.book.positionCount,
    threads: outcome.diagnostics.threads,
    positionSteps,
    seconds,
    positionStepsPerSecond: positionSteps / seconds,
    outcome,
  };
}

// Runs a Monte Carlo simulation of one compiled account: paths in fixed-size blocks, block b
// seeded by `streamForBlock(seed, b)`, merged strictly in block order, so the result is
// bit-identical whatever the number of threads. On several threads the blocks go through the
// process's block scheduler (block-scheduler.ts: this thread and worker threads, runs of a batch
// overlapping); with one thread (or when running from TypeScript sources, as under vitest, where
// the compiled worker file does not exist) the very same block function runs in process here.

import type { BlockResult } from './block-result.js';
import { createKernelContext } from './kernel-context.js';
import { OutcomeAccumulator, type AccountShockOutcome } from './outcomes.js';
import { PathRecordView } from './path-record.js';
import { runBlock } from './run-block.js';
import { blockScheduler } from './block-scheduler.js';
import { blockSpan, mergeBlock, simulationPlan } from './simulation-plan.js';
import type { SimulationRequest } from './simulation-request.js';
import { compiledBuild, executorCount, simulationWorkersUp, SMALL_RUN_POSITION_STEPS } from './simulation-workers.js';
import { compileTwoFactorProbe } from './two-factor-probe.js';

export { idleSimulationWorkers, prestartSimulationWorkers } from './simulation-workers.js';
export type { PathModelRecipe, SimulationRequest } from './simulation-request.js';

/** The whole simulation on this thread (what the workers would do, block after block). */
export function runBlocksInProcess(request: SimulationRequest): AccountShockOutcome {
  const plan = simulationPlan(request);
  const ctx = createKernelContext(request.book, plan.layout, plan.options);
  const accumulator = new OutcomeAccumulator(request.book, request.paths, request.model.nSteps, plan.hours, request.twoFactorProbe !== undefined);
  const collect = request.observer !== undefined;
  const view = collect ? new PathRecordView(request.book) : null;
  const probe = request.twoFactorProbe === undefined ? null : compileTwoFactorProbe(request.book, ctx.assetColumn, request.twoFactorProbe);
  // Each block is merged (and observed) before the next runs, so the next reuses its arrays.
  let previous: BlockResult | null = null;
  for (let b = 0; b < plan.blocks; b++) {
    const span = blockSpan(plan, request.paths, b);
    const block = runBlock(ctx, request.model, request.seed, b, span.firstPath, span.pathCount, collect, probe, previous);
    mergeBlock(accumulator, view, request.observer, block);
    previous = block;
    request.onProgress?.(accumulator.pathsMerged, request.paths);
  }
  return accumulator.finish(1);
}

/**
 * Run the simulation on `threads` executors when a recipe is given and the compiled build is
 * running, else in process: this thread is one of them (it starts at once, running a block
 * between turns of its event loop) and `threads − 1` worker threads join as they come up, each
 * taking the next unassigned block. Runs started before this one ends (the next accounts of a
 * batch) share the threads with it, oldest first. A short run may be over before a worker is
 * ready; the workers then wait for the next run, idle.
 */
export async function runBlocks(request: SimulationRequest): Promise<AccountShockOutcome> {
  const plan = simulationPlan(request);
  const threads = executorCount(request.threads, plan.blocks);
  // A small run starts no worker (SMALL_RUN_POSITION_STEPS); it uses those already up.
  const small = request.paths * request.model.nSteps * request.book.positionCount < SMALL_RUN_POSITION_STEPS;
  if (threads <= 1 || request.recipe === undefined || !compiledBuild() || (small && !simulationWorkersUp())) return runBlocksInProcess(request);
  return blockScheduler.run(request, plan, threads);
}

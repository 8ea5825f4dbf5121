// Starting a simulation's worker threads ahead of it, before the command has even loaded its
// engine: a small module of its own, so the entry point can call it first thing.

import { prestartSimulationWorkers, SMALL_RUN_POSITION_STEPS } from '../kernel/simulation-workers.js';

/**
 * Start the worker threads a simulation of `paths` paths × `steps` steps on `threads` threads will
 * use, ahead of it: the command-line entry calls this before it loads the command and reads the
 * inputs, so the threads come up meanwhile (on 2 cores a worker otherwise starts its first block
 * ~0.15 s after the calling thread). Only when the run is big whatever the book within what is
 * known of it, paths × steps × `positionsAtLeast` (a lower bound on the account's positions, 1 when
 * nothing is known) of at least SMALL_RUN_POSITION_STEPS: a smaller one decides once its book is
 * read (`runBlocks`; a batch of several accounts starts them at its second, `simulatePortfolio`).
 * Never changes a result.
 */
export function prestartSimulation(paths: number, steps: number, threads: number | undefined, positionsAtLeast = 1): void {
  if (paths * steps * Math.max(1, positionsAtLeast) >= SMALL_RUN_POSITION_STEPS) prestartSimulationWorkers(paths, threads);
}

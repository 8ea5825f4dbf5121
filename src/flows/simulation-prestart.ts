// Starting a simulation's worker threads ahead of it, before the command has even loaded its
// engine: a small module of its own, so the entry point can call it first thing.

import { prestartSimulationWorkers } from '../kernel/simulation-workers.js';

/**
 * Start the worker threads a simulation of `paths` paths on `threads` threads will use, ahead of
 * it: the command-line entry calls this before it loads the command and reads the inputs, so the
 * threads come up (and warm their code, see worker-warm-up.ts) meanwhile. Never changes a result.
 */
export function prestartSimulation(paths: number, threads: number): void {
  prestartSimulationWorkers(paths, threads);
}

// The simulation's worker threads between runs: started ahead of a run
// (`prestartSimulationWorkers`, while the command reads its inputs) or kept from the last one,
// idle without keeping the process alive, taken by the next run (run-blocks.ts) and given back
// after it, stopped when no run takes them for a while. One set of workers serves every account
// of a command, warm. Also the thread-count rule both the prestart and the runs follow.

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { DEFAULT_BLOCK_SIZE } from './block-size.js';

/**
 * Node's Worker class, its module loaded when the first worker starts: a command that starts none
 * (a small run, a single thread) does without it (about 3 ms at every start, with the modules of
 * its messaging).
 */
function workerClass(): typeof Worker {
  return (createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads')).Worker;
}

/**
 * True when this module runs from compiled JavaScript, so worker.js sits next to it: tsc's
 * dist/src/kernel/, or the command's bundle (CommonJS scripts, `.cjs`), whose chunks/ folder
 * scripts/bundle-cli.mjs gives a worker.js entry (the bundle build fails if a URL loaded this way
 * has no file beside it).
 */
export function compiledBuild(): boolean {
  return /\.c?js$/.test(import.meta.url);
}

/**
 * Idle simulation workers: started ahead of a run (`prestartSimulationWorkers`) or kept from the
 * last one, waiting for a run's WorkerInit. They do not keep the process alive. A worker kept
 * after a run is stopped when no run takes it within IDLE_WORKER_LINGER_MS; a prestarted one
 * waits for its run (the command is reading its inputs meanwhile).
 */
const idleWorkers: Worker[] = [];
const lingerTimers = new Map<Worker, ReturnType<typeof setTimeout>>();

/** How long a worker kept after a run waits for the next one (a batch's accounts follow each other at once). */
const IDLE_WORKER_LINGER_MS = 2_000;

/** Every simulation worker not exited yet: idle, or serving runs. */
const liveWorkers = new Set<Worker>();

/**
 * Position-steps (paths × steps × positions, modes counted once) under which a run is not worth
 * starting a worker thread for: a worker takes a few hundred milliseconds of CPU to come up and
 * compile its code, and meanwhile slows the calling thread's own warm-up (measured on 2 cores: a
 * one-asset account of 4 positions, 50,000 paths × 96 steps, 19 M position-steps, ran in 0.39 s
 * on one thread, 0.47 s with a worker). Such a run uses the workers only if some are up already
 * (started for the command, or kept from an account before it).
 */
export const SMALL_RUN_POSITION_STEPS = 40_000_000;

/** True while any simulation worker is up (idle or serving a run). */
export function simulationWorkersUp(): boolean {
  return liveWorkers.size > 0;
}

/** A new simulation worker thread, idle until a run takes it. */
function startWorker(): Worker {
  // execArgv []: the worker must not inherit flags meant for the parent's entry (--input-type, -e).
  const worker = new (workerClass())(new URL('./worker.js', import.meta.url), { execArgv: [] });
  liveWorkers.add(worker);
  // Failing while idle: dropped (a run that would have taken it starts a fresh one); a run
  // listens for its own failures.
  worker.on('error', () => {});
  worker.once('exit', () => {
    liveWorkers.delete(worker);
    const at = idleWorkers.indexOf(worker);
    if (at >= 0) idleWorkers.splice(at, 1);
    clearTimeout(lingerTimers.get(worker));
    lingerTimers.delete(worker);
  });
  return worker;
}

/** An idle worker for a run (a fresh one when none is idle), keeping the process alive while it works. */
export function takeWorker(): Worker {
  const worker = idleWorkers.shift() ?? startWorker();
  clearTimeout(lingerTimers.get(worker));
  lingerTimers.delete(worker);
  worker.ref();
  return worker;
}

/** Back to the idle workers after a run that ended well (it has been sent the run's null). */
export function releaseWorker(worker: Worker): void {
  worker.unref();
  idleWorkers.push(worker);
  const timer = setTimeout(() => void worker.terminate(), IDLE_WORKER_LINGER_MS);
  timer.unref();
  lingerTimers.set(worker, timer);
}

/**
 * The thread ids of the idle simulation workers (kept from the last run or started ahead of the
 * next), oldest first: what the next run on several threads will take.
 */
export function idleSimulationWorkers(): readonly number[] {
  return idleWorkers.map((worker) => worker.threadId);
}

/** Threads a run of `blocks` blocks uses when asked for `threads` (default: every core): never more than blocks. */
export function executorCount(threads: number | undefined, blocks: number): number {
  return Math.min(threads ?? availableParallelism(), blocks);
}

/**
 * Start the worker threads a `runBlocks` of `paths` paths (default block size) on `threads`
 * threads will use, now (compiled build only; one fewer than the threads: the calling thread runs
 * blocks too). A worker takes a few hundred milliseconds to come up (a Node.js thread, the kernel
 * modules, the WebAssembly kernels), which a command overlaps with reading its inputs this way.
 * One that exits before it is used is dropped; unused ones do not keep the process alive.
 */
export function prestartSimulationWorkers(paths: number, threads: number | undefined): void {
  if (!compiledBuild()) return;
  const count = executorCount(threads, Math.ceil(paths / DEFAULT_BLOCK_SIZE)) - 1;
  // Workers serving runs count too: a second call while they run starts none.
  while (liveWorkers.size < count) {
    const worker = startWorker();
    worker.unref();
    idleWorkers.push(worker);
  }
}

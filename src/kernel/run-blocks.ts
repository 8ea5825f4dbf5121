// Runs a Monte Carlo simulation of one compiled account: paths in fixed-size blocks, block b
// seeded by `streamForBlock(seed, b)`, blocks spread over this thread and worker threads and
// merged strictly in block order, so the result is bit-identical whatever the number of threads.
// With one thread (or when running from TypeScript sources, as under vitest, where the compiled
// worker file does not exist) the very same block function runs in process. The workers come from
// and go back to simulation-workers.ts, which keeps them between runs.

import type { Worker } from 'node:worker_threads';
import type { PathModel } from '../scenarios/models/path-model.js';
import type { BlockResult } from './block-result.js';
import type { CompiledBook } from './compiled-book.js';
import { createKernelContext } from './kernel-context.js';
import type { PathLayout } from './path-layout.js';
import { DEFAULT_KERNEL_OPTIONS, type KernelOptions } from './kernel-options.js';
import { OutcomeAccumulator, type AccountShockOutcome } from './outcomes.js';
import { PathRecordView, type PathObserver } from './path-record.js';
import { DEFAULT_BLOCK_SIZE, runBlock } from './run-block.js';
import { compiledBuild, executorCount, releaseWorker, takeWorker } from './simulation-workers.js';
import { compileTwoFactorProbe, type TwoFactorProbe } from './two-factor-probe.js';

export { idleSimulationWorkers, prestartSimulationWorkers } from './simulation-workers.js';

/**
 * How a worker thread rebuilds the path model: an ES module (compiled JavaScript) exporting a
 * factory, and the factory's structured-cloneable argument. E.g. the `gbm` model:
 * `{ moduleUrl: <URL of dist/src/scenarios/models/gbm-model.js>, exportName: 'createGbmModel', spec }`.
 */
export interface PathModelRecipe {
  readonly moduleUrl: string;
  readonly exportName: string;
  readonly spec: unknown;
}

export interface SimulationRequest {
  readonly book: CompiledBook;
  /** The model, used in process. */
  readonly model: PathModel;
  /** The same model for worker threads; without it the run stays in process. */
  readonly recipe?: PathModelRecipe;
  /** Asset name of each model column (the book's assets must all be there). */
  readonly modelAssets: readonly string[];
  /** Correlation of the model's columns (flat, row-major), or null for independent columns. */
  readonly correlation: Float64Array | null;
  readonly seed: number;
  readonly paths: number;
  /** Paths per block (default 1,024). Part of the seeding: changing it changes the paths. */
  readonly blockSize?: number;
  /** Worker threads (default `os.availableParallelism()`); 1 runs in process. */
  readonly threads?: number;
  readonly options?: KernelOptions;
  /** Called once per path, in path order, on this thread. */
  readonly observer?: PathObserver;
  /** Count the paths on which this pool reaches its two-factor boundary (`twoFactorHits`). */
  readonly twoFactorProbe?: TwoFactorProbe;
  /** Called after each merged block. */
  readonly onProgress?: (pathsDone: number, pathsTotal: number) => void;
}

/** What a worker needs to run blocks: its first message (structured-cloned into it). */
export interface WorkerInit {
  readonly book: CompiledBook;
  readonly layout: PathLayout;
  readonly recipe: PathModelRecipe;
  readonly seed: number;
  readonly options: KernelOptions;
  readonly collectRecords: boolean;
  readonly twoFactorProbe: TwoFactorProbe | null;
  /** The run's number (its replies carry it: a reused worker's late reply to an earlier run is ignored). */
  readonly run: number;
  /**
   * One slot per block on shared memory, 0 until the block is claimed: a thread runs a block only
   * if it claims it first (Atomics.compareExchange 0 → 1), so the calling thread can take back a
   * block queued at a worker that has not started it (the end of a run, see `runBlocks`).
   */
  readonly claims: Int32Array;
}

/** A block assignment sent to a worker after its WorkerInit; null ends the run. */
export interface BlockJob {
  readonly blockIndex: number;
  readonly firstPath: number;
  readonly pathCount: number;
}

/** A worker's answer to one job: the block's result, or null when another thread claimed the block first. */
export type WorkerReply =
  | { readonly ok: true; readonly run: number; readonly blockIndex: number; readonly result: BlockResult | null }
  | { readonly ok: false; readonly run: number; readonly error: string };

/** Runs started on worker threads so far (WorkerInit.run). */
let runsStarted = 0;

interface Plan {
  readonly blockSize: number;
  readonly blocks: number;
  readonly layout: PathLayout;
  readonly options: KernelOptions;
  readonly hours: number;
}

function plan(request: SimulationRequest): Plan {
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

function jobOf(p: Plan, paths: number, blockIndex: number): BlockJob {
  const firstPath = blockIndex * p.blockSize;
  return { blockIndex, firstPath, pathCount: Math.min(p.blockSize, paths - firstPath) };
}

/** Merge one block (observer calls included) into the accumulator. */
function mergeBlock(accumulator: OutcomeAccumulator, view: PathRecordView | null, observer: PathObserver | undefined, block: BlockResult): void {
  accumulator.add(block);
  if (view !== null && observer !== undefined) {
    for (let p = 0; p < block.pathCount; p++) {
      view.attach(block, p);
      observer(view);
    }
  }
}

/** The whole simulation on this thread (what the workers would do, block after block). */
export function runBlocksInProcess(request: SimulationRequest): AccountShockOutcome {
  const p = plan(request);
  const ctx = createKernelContext(request.book, p.layout, p.options);
  const accumulator = new OutcomeAccumulator(request.book, request.paths, request.model.nSteps, p.hours, request.twoFactorProbe !== undefined);
  const collect = request.observer !== undefined;
  const view = collect ? new PathRecordView(request.book.positionCount) : null;
  const probe = request.twoFactorProbe === undefined ? null : compileTwoFactorProbe(request.book, ctx.assetColumn, request.twoFactorProbe);
  for (let b = 0; b < p.blocks; b++) {
    const job = jobOf(p, request.paths, b);
    const block = runBlock(ctx, request.model, request.seed, b, job.firstPath, job.pathCount, collect, probe);
    mergeBlock(accumulator, view, request.observer, block);
    request.onProgress?.(accumulator.pathsMerged, request.paths);
  }
  return accumulator.finish(1);
}

/**
 * Run the simulation on `threads` executors when a recipe is given and the compiled build is
 * running, else in process: this thread is one of them (it starts at once, running a block
 * between turns of its event loop) and `threads − 1` worker threads join as they come up, each
 * taking the next unassigned block. Blocks are merged strictly in block order, whoever ran them,
 * so the result is identical whatever the number of threads. A short run may be over before a
 * worker is ready; the workers are then stopped unused.
 */
export async function runBlocks(request: SimulationRequest): Promise<AccountShockOutcome> {
  const p = plan(request);
  const threads = executorCount(request.threads, p.blocks);
  if (threads <= 1 || request.recipe === undefined || !compiledBuild()) return runBlocksInProcess(request);
  const recipe = request.recipe;
  const accumulator = new OutcomeAccumulator(request.book, request.paths, request.model.nSteps, p.hours, request.twoFactorProbe !== undefined);
  const collect = request.observer !== undefined;
  const view = collect ? new PathRecordView(request.book.positionCount) : null;
  const claims = new Int32Array(new SharedArrayBuffer(4 * p.blocks));
  const claim = (block: number): boolean => Atomics.compareExchange(claims, block, 0, 1) === 0;
  const run = ++runsStarted;
  const init: WorkerInit = { book: request.book, layout: p.layout, recipe, seed: request.seed, options: p.options, collectRecords: collect, twoFactorProbe: request.twoFactorProbe ?? null, run, claims };
  const ctx = createKernelContext(request.book, p.layout, p.options);
  const probe = request.twoFactorProbe === undefined ? null : compileTwoFactorProbe(request.book, ctx.assetColumn, request.twoFactorProbe);
  const workers: { readonly worker: Worker; readonly detach: () => void }[] = [];
  let workerBlocks = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const pending: (BlockResult | undefined)[] = new Array<BlockResult | undefined>(p.blocks);
      let nextToSend = 0;
      let nextToMerge = 0;
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const mergeReady = (): void => {
        try {
          while (nextToMerge < p.blocks && pending[nextToMerge] !== undefined) {
            const block = pending[nextToMerge]!;
            pending[nextToMerge] = undefined;
            nextToMerge++;
            mergeBlock(accumulator, view, request.observer, block);
            request.onProgress?.(accumulator.pathsMerged, request.paths);
          }
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (nextToMerge === p.blocks && !settled) {
          settled = true;
          resolve();
        }
      };
      const send = (worker: Worker): void => {
        if (nextToSend < p.blocks) worker.postMessage(jobOf(p, request.paths, nextToSend++));
        else worker.postMessage(null);
      };
      // This thread: one block per turn of the event loop, so worker replies are merged between.
      // The next block not yet sent; when every block is sent, one queued at a worker that has not
      // started it (the last sent first): a worker holds two, and at the end of a run this thread
      // would otherwise wait while the worker runs both (it then answers that block with null).
      const nextHere = (): BlockJob | null => {
        if (nextToSend < p.blocks) {
          const job = jobOf(p, request.paths, nextToSend++);
          claim(job.blockIndex);
          return job;
        }
        for (let b = nextToSend - 1; b >= nextToMerge; b--) if (claim(b)) return jobOf(p, request.paths, b);
        return null;
      };
      const runHere = (): void => {
        if (settled) return;
        const job = nextHere();
        if (job === null) return;
        try {
          pending[job.blockIndex] = runBlock(ctx, request.model, request.seed, job.blockIndex, job.firstPath, job.pathCount, collect, probe);
        } catch (error) {
          fail(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        mergeReady();
        setImmediate(runHere);
      };
      for (let t = 1; t < threads; t++) {
        const worker = takeWorker();
        const onMessage = (reply: WorkerReply): void => {
          if (settled || reply.run !== run) return;
          if (!reply.ok) {
            fail(new Error(`runBlocks: worker failed: ${reply.error}`));
            return;
          }
          if (reply.result !== null) {
            pending[reply.blockIndex] = reply.result;
            workerBlocks++;
          }
          send(worker);
          mergeReady();
        };
        const onError = (error: Error): void => fail(error);
        const onExit = (code: number): void => {
          if (nextToMerge < p.blocks) fail(new Error(`runBlocks: a worker exited with code ${code}`));
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        workers.push({ worker, detach: () => void worker.off('message', onMessage).off('error', onError).off('exit', onExit) });
        // The run's setup, then two jobs in flight: the next one is queued while it runs one, so
        // it never waits for this thread to finish a block of its own before it gets more work.
        // (A worker still starting finds them queued.) Every job answered is followed by another
        // or by null, so each worker has been sent the run's null when the last block is merged.
        worker.postMessage(init);
        send(worker);
        send(worker);
      }
      setImmediate(runHere);
    });
  } catch (error) {
    // A failed run stops its workers (one may be broken, or still busy with the run's blocks).
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
    throw error;
  }
  // Every block is merged: the workers have answered every job, and wait for the next run.
  for (const { worker, detach } of workers) {
    detach();
    releaseWorker(worker);
  }
  return accumulator.finish(threads, workerBlocks);
}

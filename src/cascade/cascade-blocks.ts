// Monte Carlo cascades in fixed blocks of paths: path p draws its exogenous returns from
// `streamForBlock(seed, p)` (as before), block b holds paths [b x B, (b + 1) x B) and is summed
// into its own PathsAccumulator; blocks are merged strictly in block order, so the result is
// bit-identical whatever the number of worker threads (the pattern of src/kernel/run-blocks.ts).
// With one thread, or from TypeScript sources (vitest), the same block function runs in process.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PathModel } from '../scenarios/models/path-model.js';
import { streamForBlock } from '../scenarios/random/stream-for-block.js';
import type { PathModelRecipe } from '../kernel/run-blocks.js';
import type { ExogenousPath } from './cascade-path.js';
import { CascadeRunner, type CascadeMarkets } from './cascade-runner.js';
import { PathsAccumulator, type PathsSnapshot } from './path-summary.js';

/** Paths per block. Not part of the seeding (path p always uses stream p), only of the summing. */
const CASCADE_BLOCK_PATHS = 16;
/** Paths whose conservation ledger is checked (the first ones). */
const CONSERVATION_CHECKED_PATHS = 64;

interface CascadeBlocksRequest {
  readonly markets: CascadeMarkets;
  readonly model: PathModel;
  /** The same model for worker threads; without it the run stays in process. */
  readonly recipe?: PathModelRecipe;
  readonly seed: number;
  readonly paths: number;
  readonly impactDecayPerStep: number;
  /** Worker threads (default: all cores); never changes the result. */
  readonly threads?: number;
  readonly onProgress?: (pathsDone: number, pathsTotal: number) => void;
}

/** What a worker is started with (structured-cloned). */
export interface CascadeWorkerInit {
  readonly markets: CascadeMarkets;
  readonly recipe: PathModelRecipe;
  readonly seed: number;
  readonly impactDecayPerStep: number;
}

export interface CascadeBlockJob {
  readonly block: number;
  readonly firstPath: number;
  readonly pathCount: number;
}

export type CascadeWorkerReply = { readonly ok: true; readonly block: number; readonly sums: PathsSnapshot } | { readonly ok: false; readonly error: string };

/** Runs one block of paths on `runner` and returns its sums. */
export function runCascadeBlock(runner: CascadeRunner, model: PathModel, seed: number, decay: number, job: CascadeBlockJob): PathsSnapshot {
  const accumulator = new PathsAccumulator(runner.markets.market);
  const logReturns = new Float64Array(model.nSteps * model.nAssets);
  const scale = new Float64Array(model.nSteps);
  for (let p = job.firstPath; p < job.firstPath + job.pathCount; p++) {
    model.fillPath(streamForBlock(seed, p), logReturns, scale);
    const path: ExogenousPath = { nSteps: model.nSteps, logReturns };
    const own = runner.runPath(path, decay, false);
    accumulator.add(runner.market.state, path, own, p < CONSERVATION_CHECKED_PATHS);
  }
  return accumulator.snapshot();
}

function jobs(paths: number): CascadeBlockJob[] {
  const out: CascadeBlockJob[] = [];
  for (let b = 0, first = 0; first < paths; b++, first += CASCADE_BLOCK_PATHS) out.push({ block: b, firstPath: first, pathCount: Math.min(CASCADE_BLOCK_PATHS, paths - first) });
  return out;
}

/** True when this module runs from compiled JavaScript, with cascade-worker.js beside it (tsc's dist/, or the command's bundle, whose scripts are .cjs: see scripts/bundle-cli.mjs). */
function compiledBuild(): boolean {
  return /\.c?js$/.test(import.meta.url);
}

/** Every path, in process, block after block. */
function runCascadeBlocksInProcess(request: CascadeBlocksRequest): PathsAccumulator {
  const runner = new CascadeRunner(request.markets);
  const total = new PathsAccumulator(request.markets.market);
  let done = 0;
  for (const job of jobs(request.paths)) {
    total.merge(runCascadeBlock(runner, request.model, request.seed, request.impactDecayPerStep, job));
    done += job.pathCount;
    request.onProgress?.(done, request.paths);
  }
  return total;
}

/** Every path, on `threads` workers when possible (same result either way). */
export async function runCascadeBlocks(request: CascadeBlocksRequest): Promise<PathsAccumulator> {
  const all = jobs(request.paths);
  const threads = Math.min(request.threads ?? availableParallelism(), all.length);
  if (threads <= 1 || request.recipe === undefined || !compiledBuild()) return runCascadeBlocksInProcess(request);
  const init: CascadeWorkerInit = { markets: request.markets, recipe: request.recipe, seed: request.seed, impactDecayPerStep: request.impactDecayPerStep };
  const total = new PathsAccumulator(request.markets.market);
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const pending: (PathsSnapshot | undefined)[] = new Array<PathsSnapshot | undefined>(all.length);
      let nextToSend = 0;
      let nextToMerge = 0;
      let done = 0;
      let failed = false;
      const fail = (error: Error): void => {
        if (!failed) reject(error);
        failed = true;
      };
      const send = (worker: Worker): void => {
        worker.postMessage(nextToSend < all.length ? all[nextToSend++]! : null);
      };
      for (let t = 0; t < threads; t++) {
        const worker = new Worker(new URL('./cascade-worker.js', import.meta.url), { workerData: init, execArgv: [] });
        workers.push(worker);
        worker.on('message', (reply: CascadeWorkerReply) => {
          if (failed) return;
          if (!reply.ok) return fail(new Error(`cascade: worker failed: ${reply.error}`));
          pending[reply.block] = reply.sums;
          send(worker);
          while (nextToMerge < all.length && pending[nextToMerge] !== undefined) {
            total.merge(pending[nextToMerge]!);
            done += all[nextToMerge]!.pathCount;
            pending[nextToMerge++] = undefined;
            request.onProgress?.(done, request.paths);
          }
          if (nextToMerge === all.length) resolve();
        });
        worker.on('error', (error) => fail(error));
        worker.on('exit', (code) => {
          if (code !== 0 && nextToMerge < all.length) fail(new Error(`cascade: a worker exited with code ${code}`));
        });
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return total;
}

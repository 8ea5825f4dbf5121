// What a Monte Carlo run of one compiled account is asked to do (`runBlocks`), and how a worker
// thread rebuilds its path model. Leaf types: the runner, the block scheduler and the worker
// entry all read them.

import type { PathModel } from '../scenarios/models/path-model.js';
import type { CompiledBook } from './compiled-book.js';
import type { KernelOptions } from './kernel-options.js';
import type { PathObserver } from './path-record.js';
import type { TwoFactorProbe } from './two-factor-probe.js';

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

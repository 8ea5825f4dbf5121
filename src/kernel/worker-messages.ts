// The messages between the block scheduler (block-scheduler.ts, on the calling thread) and a
// simulation worker thread (worker.ts). A worker may hold the setups of several runs at once
// (the accounts of a batch overlap): every job and reply names its run.
//   scheduler → worker: WorkerInit (a run's setup), BlockJob (one block of a run), RunEnd (drop a run's setup)
//   worker → scheduler: WorkerReply (one per job)

import type { CompiledBook } from './compiled-book.js';
import type { KernelOptions } from './kernel-options.js';
import type { PathLayout } from './path-layout.js';
import type { BlockResult } from './block-result.js';
import type { PathModelRecipe } from './simulation-request.js';
import type { TwoFactorProbe } from './two-factor-probe.js';

/** What a worker needs to run a run's blocks (structured-cloned into it before its first job of the run). */
export interface WorkerInit {
  readonly kind: 'init';
  readonly book: CompiledBook;
  readonly layout: PathLayout;
  readonly recipe: PathModelRecipe;
  readonly seed: number;
  readonly options: KernelOptions;
  readonly collectRecords: boolean;
  readonly twoFactorProbe: TwoFactorProbe | null;
  /** The run's number: its jobs and their replies carry it. */
  readonly run: number;
  /**
   * One slot per block on shared memory, 0 until the block is claimed: a thread runs a block only
   * if it claims it first (Atomics.compareExchange 0 → 1), so the calling thread can take back a
   * block queued at a worker that has not started it (the end of a run, see block-scheduler.ts).
   */
  readonly claims: Int32Array;
}

/** One block of a run whose WorkerInit the worker was sent before. */
export interface BlockJob {
  readonly kind: 'block';
  readonly run: number;
  readonly blockIndex: number;
  readonly firstPath: number;
  readonly pathCount: number;
}

/** The run is over: the worker drops its setup (every job of the run was sent before this). */
export interface RunEnd {
  readonly kind: 'end';
  readonly run: number;
}

export type SchedulerMessage = WorkerInit | BlockJob | RunEnd;

/**
 * A worker's answer to one job: the block's result, or null when another thread claimed the block
 * first. `slot`: the state cell of the shared slot the result lies in (block-slots.ts), which the
 * scheduler frees once done with the result; null when the result is a copy of its own.
 */
export type WorkerReply =
  | { readonly ok: true; readonly run: number; readonly blockIndex: number; readonly result: BlockResult | null; readonly slot: Int32Array | null }
  | { readonly ok: false; readonly run: number; readonly error: string };

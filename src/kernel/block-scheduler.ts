// Runs the blocks of Monte Carlo runs on this thread and the simulation worker threads. Several
// runs may be active at once: the accounts of a batch overlap, so while this thread merges the
// last blocks of one account (its contagion, its outcome) and sets up the next, the workers are
// already running the next account's blocks instead of waiting. Blocks go out oldest run first;
// each run's blocks are merged strictly in block order, whoever ran them, so a run's result is
// exactly the one it has alone, whatever the number of threads and the overlap.
//
// This thread runs one block per turn of its event loop (worker replies are merged between) and,
// once every block of the oldest runs is sent, takes back a block queued at a worker that has not
// started it (claimed on shared memory, see WorkerInit.claims), so a run's end does not wait for a
// worker to run two blocks one after the other. With nothing else left, it also runs again a
// block a worker has been running for much longer than this thread takes for one (a worker still
// warming up, or starved of a core on a busy machine): blocks are seeded by their index, so both
// results are the same and the first one in is merged. Workers come from simulation-workers.ts
// and go back to it when no run is left; a failure stops them and fails every active run.

import type { Worker } from 'node:worker_threads';
import type { BlockResult } from './block-result.js';
import { releaseBlockSlot } from './block-slots.js';
import { createKernelContext } from './kernel-context.js';
import type { KernelContext } from './kernel-context-types.js';
import { OutcomeAccumulator, type AccountShockOutcome } from './outcomes.js';
import { PathRecordView } from './path-record.js';
import { runBlock } from './run-block.js';
import { releaseWorker, takeWorker } from './simulation-workers.js';
import { blockSpan, mergeBlock, type BlockSpan, type SimulationPlan } from './simulation-plan.js';
import type { SimulationRequest } from './simulation-request.js';
import { compileTwoFactorProbe, type CompiledTwoFactorProbe } from './two-factor-probe.js';
import type { BlockJob, WorkerInit, WorkerReply } from './worker-messages.js';

/**
 * Jobs a worker holds at once: one it runs and one queued, so it never waits for this thread to
 * send more (a worker still starting finds them queued).
 */
const JOBS_PER_WORKER = 2;

/**
 * A block a worker has been running for this many times this thread's fastest block of the run
 * (timed from when it was sent) is run here too, once this thread has nothing else to run.
 */
const RERUN_AFTER_BLOCK_TIMES = 3;

/** Merged blocks of this thread's kept per run for their arrays (see ActiveRun.spares). */
const SPARES_KEPT = 4;

/** One active run: what it was asked, where its blocks are, and its merged outcome so far. */
interface ActiveRun {
  readonly id: number;
  readonly request: SimulationRequest;
  readonly plan: SimulationPlan;
  readonly threads: number;
  readonly init: WorkerInit;
  readonly accumulator: OutcomeAccumulator;
  readonly view: PathRecordView | null;
  /** Results waiting for the blocks before them. */
  readonly pending: (BlockResult | undefined)[];
  /** The state cell of the worker's shared slot a pending result lies in (block-slots.ts), freed once merged. */
  readonly slotOf: (Int32Array | undefined)[];
  /**
   * Merged blocks of this thread's whose arrays the next blocks this thread runs reuse (runBlock's
   * `recycle`; at most SPARES_KEPT): fresh arrays cost each block page faults and zeroing, and the
   * collector their garbage. Several, as a block this thread ran may wait for a worker's before
   * it is merged while this thread runs the next.
   */
  readonly spares: BlockResult[];
  /** This thread's kernel for the run, made when it first runs one of the run's blocks. */
  kernel: { readonly ctx: KernelContext; readonly probe: CompiledTwoFactorProbe | null } | null;
  nextToSend: number;
  nextToMerge: number;
  workerBlocks: number;
  /** When each block was sent to a worker (performance.now() ms; 0: not sent). */
  readonly sentAtMs: Float64Array;
  /** 1 for a block this thread ran again after sending it (see RERUN_AFTER_BLOCK_TIMES). */
  readonly rerun: Uint8Array;
  /** This thread's fastest block of the run, ms (Infinity before its first). */
  fastestHereMs: number;
  readonly resolve: (outcome: AccountShockOutcome) => void;
  readonly reject: (error: Error) => void;
}

/** A worker taken for the active runs. */
interface WorkerSlot {
  readonly worker: Worker;
  /** Jobs sent and not yet answered, by run (a reply for a run not here is not this slot's). */
  readonly inFlight: Map<number, number>;
  /** Runs whose WorkerInit the worker was sent and not yet their RunEnd. */
  readonly setUp: Set<number>;
  detach: () => void;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function claimBlock(run: ActiveRun, blockIndex: number): boolean {
  return Atomics.compareExchange(run.init.claims, blockIndex, 0, 1) === 0;
}

function jobsOf(slot: WorkerSlot): number {
  let jobs = 0;
  for (const count of slot.inFlight.values()) jobs += count;
  return jobs;
}

/** The runs in progress and the workers serving them (one per process: `blockScheduler`). */
class BlockScheduler {
  #runs: ActiveRun[] = [];
  #slots: WorkerSlot[] = [];
  #hereScheduled = false;
  #runsStarted = 0;
  #rerunTimer: ReturnType<typeof setTimeout> | null = null;

  /** Run `request` (planned as `plan`) on this thread and `threads − 1` workers at least. */
  run(request: SimulationRequest, plan: SimulationPlan, threads: number): Promise<AccountShockOutcome> {
    const recipe = request.recipe;
    if (recipe === undefined) return Promise.reject(new Error('runBlocks: a run on worker threads needs a path model recipe'));
    return new Promise<AccountShockOutcome>((resolve, reject) => {
      const id = ++this.#runsStarted;
      const collect = request.observer !== undefined;
      const init: WorkerInit = {
        kind: 'init',
        book: request.book,
        layout: plan.layout,
        recipe,
        seed: request.seed,
        options: plan.options,
        collectRecords: collect,
        twoFactorProbe: request.twoFactorProbe ?? null,
        run: id,
        claims: new Int32Array(new SharedArrayBuffer(4 * plan.blocks)),
      };
      this.#runs.push({
        id,
        request,
        plan,
        threads,
        init,
        accumulator: new OutcomeAccumulator(request.book, request.paths, request.model.nSteps, plan.hours, request.twoFactorProbe !== undefined),
        view: collect ? new PathRecordView(request.book) : null,
        pending: new Array<BlockResult | undefined>(plan.blocks),
        slotOf: new Array<Int32Array | undefined>(plan.blocks),
        spares: [],
        kernel: null,
        nextToSend: 0,
        nextToMerge: 0,
        workerBlocks: 0,
        sentAtMs: new Float64Array(plan.blocks),
        rerun: new Uint8Array(plan.blocks),
        fastestHereMs: Infinity,
        resolve,
        reject,
      });
      while (this.#slots.length < threads - 1) this.#attach(takeWorker());
      for (const slot of this.#slots) this.#feed(slot);
      this.#scheduleHere();
    });
  }

  #attach(worker: Worker): void {
    const slot: WorkerSlot = { worker, inFlight: new Map(), setUp: new Set(), detach: () => {} };
    const onMessage = (reply: WorkerReply): void => this.#onReply(slot, reply);
    const onError = (error: Error): void => this.#failAll(error);
    const onExit = (code: number): void => this.#failAll(new Error(`runBlocks: a worker exited with code ${code}`));
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    slot.detach = () => void worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    this.#slots.push(slot);
  }

  /** Send the worker jobs, oldest run first, until it holds JOBS_PER_WORKER. */
  #feed(slot: WorkerSlot): void {
    let jobs = jobsOf(slot);
    while (jobs < JOBS_PER_WORKER) {
      const run = this.#runs.find((r) => r.nextToSend < r.plan.blocks);
      if (run === undefined) return;
      if (!slot.setUp.has(run.id)) {
        slot.worker.postMessage(run.init);
        slot.setUp.add(run.id);
      }
      const job: BlockJob = { kind: 'block', run: run.id, ...blockSpan(run.plan, run.request.paths, run.nextToSend++) };
      run.sentAtMs[job.blockIndex] = performance.now();
      slot.worker.postMessage(job);
      slot.inFlight.set(run.id, (slot.inFlight.get(run.id) ?? 0) + 1);
      jobs++;
    }
  }

  #onReply(slot: WorkerSlot, reply: WorkerReply): void {
    const count = slot.inFlight.get(reply.run);
    if (count === undefined) return;
    if (count > 1) slot.inFlight.set(reply.run, count - 1);
    else slot.inFlight.delete(reply.run);
    if (!reply.ok) {
      this.#failAll(new Error(`runBlocks: worker failed: ${reply.error}`));
      return;
    }
    const run = this.#runs.find((r) => r.id === reply.run);
    // A block this thread ran again may be in already (or merged): the same result, dropped.
    if (run !== undefined && reply.result !== null && reply.blockIndex >= run.nextToMerge && run.pending[reply.blockIndex] === undefined) {
      run.pending[reply.blockIndex] = reply.result;
      if (reply.slot !== null) run.slotOf[reply.blockIndex] = reply.slot;
      run.workerBlocks++;
    } else if (reply.slot !== null) releaseBlockSlot(reply.slot);
    this.#feed(slot);
    if (run !== undefined) this.#mergeReady(run);
  }

  /** The next block this thread runs: the oldest run's next unsent block, else one it takes back from a worker's queue. */
  #nextHere(): { readonly run: ActiveRun; readonly span: BlockSpan } | null {
    for (const run of this.#runs) {
      if (run.nextToSend < run.plan.blocks) {
        const span = blockSpan(run.plan, run.request.paths, run.nextToSend++);
        claimBlock(run, span.blockIndex);
        return { run, span };
      }
      // Every block sent: one queued at a worker and not started (the last sent first).
      for (let b = run.nextToSend - 1; b >= run.nextToMerge; b--) if (claimBlock(run, b)) return { run, span: blockSpan(run.plan, run.request.paths, b) };
    }
    return this.#rerunCandidate();
  }

  /**
   * A block a worker runs (sent, not in) for longer than RERUN_AFTER_BLOCK_TIMES this thread's
   * fastest block of its run, oldest run and block first, to run here again; null if none (then
   * a timer comes back when the oldest such block would qualify).
   */
  #rerunCandidate(): { readonly run: ActiveRun; readonly span: BlockSpan } | null {
    const now = performance.now();
    let wakeAtMs = Infinity;
    for (const run of this.#runs) {
      if (run.fastestHereMs === Infinity) continue;
      const patienceMs = RERUN_AFTER_BLOCK_TIMES * Math.max(1, run.fastestHereMs);
      for (let b = run.nextToMerge; b < run.nextToSend; b++) {
        if (run.pending[b] !== undefined || run.rerun[b] === 1 || run.sentAtMs[b] === 0) continue;
        const dueAtMs = run.sentAtMs[b]! + patienceMs;
        if (dueAtMs <= now) {
          run.rerun[b] = 1;
          return { run, span: blockSpan(run.plan, run.request.paths, b) };
        }
        wakeAtMs = Math.min(wakeAtMs, dueAtMs);
      }
    }
    if (wakeAtMs !== Infinity && this.#rerunTimer === null) {
      this.#rerunTimer = setTimeout(() => {
        this.#rerunTimer = null;
        this.#scheduleHere();
      }, Math.ceil(wakeAtMs - now));
      // The workers a run waits for keep the process alive, not this timer.
      this.#rerunTimer.unref();
    }
    return null;
  }

  #scheduleHere(): void {
    if (this.#hereScheduled || this.#runs.length === 0) return;
    this.#hereScheduled = true;
    setImmediate(() => this.#here());
  }

  /** One block on this thread, then the next turn of the event loop. */
  #here(): void {
    this.#hereScheduled = false;
    const next = this.#nextHere();
    if (next === null) return;
    const { run, span } = next;
    try {
      const { request } = run;
      if (run.kernel === null) {
        const ctx = createKernelContext(request.book, run.plan.layout, run.plan.options);
        run.kernel = { ctx, probe: request.twoFactorProbe === undefined ? null : compileTwoFactorProbe(request.book, ctx.assetColumn, request.twoFactorProbe) };
      }
      const startedMs = performance.now();
      const recycle = run.spares.pop() ?? null;
      const result = runBlock(run.kernel.ctx, request.model, request.seed, span.blockIndex, span.firstPath, span.pathCount, run.view !== null, run.kernel.probe, recycle);
      run.fastestHereMs = Math.min(run.fastestHereMs, performance.now() - startedMs);
      // A block run again may have come in from its worker meanwhile, or be merged already.
      if (span.blockIndex >= run.nextToMerge && run.pending[span.blockIndex] === undefined) run.pending[span.blockIndex] = result;
    } catch (error) {
      this.#failAll(asError(error));
      return;
    }
    this.#mergeReady(run);
    this.#scheduleHere();
  }

  /** Merge the run's blocks that are ready, in block order; the last one finishes the run. */
  #mergeReady(run: ActiveRun): void {
    try {
      while (run.nextToMerge < run.plan.blocks && run.pending[run.nextToMerge] !== undefined) {
        const block = run.pending[run.nextToMerge]!;
        const slot = run.slotOf[run.nextToMerge];
        run.pending[run.nextToMerge] = undefined;
        run.slotOf[run.nextToMerge] = undefined;
        run.nextToMerge++;
        mergeBlock(run.accumulator, run.view, run.request.observer, block);
        // Merged and observed: nothing reads it again. A worker's slot goes back to it; other
        // arrays (this thread's, or a worker's copy, now this thread's) serve this thread's next
        // block. (Not sent back to a worker: transferring detaches buffers here, and V8 then
        // deoptimizes every function of this thread that reads a typed array, to check each
        // access for a detached buffer.)
        if (slot !== undefined) releaseBlockSlot(slot);
        else if (run.spares.length < SPARES_KEPT) run.spares.push(block);
        run.request.onProgress?.(run.accumulator.pathsMerged, run.request.paths);
      }
    } catch (error) {
      this.#failAll(asError(error));
      return;
    }
    if (run.nextToMerge < run.plan.blocks || !this.#runs.includes(run)) return;
    this.#runs.splice(this.#runs.indexOf(run), 1);
    for (const slot of this.#slots) {
      if (slot.setUp.delete(run.id)) slot.worker.postMessage({ kind: 'end', run: run.id });
    }
    if (this.#runs.length === 0) {
      // Idle until the next run: the workers go back (a job still queued at one was taken back
      // by this thread and is answered with null, to no one).
      for (const slot of this.#slots) {
        slot.detach();
        releaseWorker(slot.worker);
      }
      this.#slots = [];
    }
    try {
      run.resolve(run.accumulator.finish(run.threads, run.workerBlocks));
    } catch (error) {
      run.reject(asError(error));
    }
  }

  /** Stop the workers (one may be broken, or busy with blocks no one will merge) and fail every active run. */
  #failAll(error: Error): void {
    const runs = this.#runs;
    const slots = this.#slots;
    this.#runs = [];
    this.#slots = [];
    for (const slot of slots) slot.detach();
    void Promise.all(slots.map((slot) => slot.worker.terminate())).then(() => {
      for (const run of runs) run.reject(error);
    });
  }
}

/** The process's one scheduler: every run on worker threads goes through it. */
export const blockScheduler = new BlockScheduler();

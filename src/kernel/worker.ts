// Worker-thread entry of the simulation (compiled build only: dist/src/kernel/worker.js, and
// dist/src/cli/chunks/worker.js in the command's bundle). For each run it is given (WorkerInit),
// it rebuilds the path model from its recipe and allocates one kernel context, then runs the
// run's blocks it is sent with the same `runBlock` the in-process runner uses, each into a free
// slot of shared memory the scheduler reads it from (block-slots.ts), or when none is free
// copying it back (its arrays reused by the next block), or transferring it when its records are
// large; RunEnd drops the run's setup. It may hold
// several runs at once (the accounts of a batch overlap, see block-scheduler.ts), and serves
// every account of a command, so its compiled code stays warm.

import { parentPort } from 'node:worker_threads';
import type { PathModel } from '../scenarios/models/path-model.js';
import { blockRecordBytes, blockTransferables, type BlockResult } from './block-result.js';
import { WorkerBlockSlots } from './block-slots.js';
import { createKernelContext } from './kernel-context.js';
import { recordRowCount } from './record-rows.js';
import { runBlock } from './run-block.js';
import { compileTwoFactorProbe } from './two-factor-probe.js';
import type { BlockJob, SchedulerMessage, WorkerInit, WorkerReply } from './worker-messages.js';

const port = parentPort;
if (port === null) throw new Error('kernel worker: must run in a worker thread');

/** What the worker holds for a run: the path model, its kernel context and probe. */
interface RunSetup {
  readonly init: WorkerInit;
  readonly model: PathModel;
  readonly ctx: ReturnType<typeof createKernelContext>;
  readonly probe: ReturnType<typeof compileTwoFactorProbe> | null;
  /** The last block's result, already copied into its reply: the next block reuses its arrays. */
  spare: BlockResult | null;
}

/** The shared slots blocks are run into, and read in place by the scheduler (every run's). */
const slots = new WorkerBlockSlots();

async function prepare(init: WorkerInit): Promise<RunSetup> {
  const module = (await import(init.recipe.moduleUrl)) as Record<string, unknown>;
  const factory = module[init.recipe.exportName];
  if (typeof factory !== 'function') throw new Error(`kernel worker: ${init.recipe.moduleUrl} exports no function ${init.recipe.exportName}`);
  const model = (factory as (spec: unknown) => PathModel)(init.recipe.spec);
  const ctx = createKernelContext(init.book, init.layout, init.options);
  const probe = init.twoFactorProbe === null ? null : compileTwoFactorProbe(init.book, ctx.assetColumn, init.twoFactorProbe);
  return { init, model, ctx, probe, spare: null };
}

/** Records up to this size are copied into a block's reply, larger ones transferred (see runJob). */
const LARGEST_COPIED_RECORDS_BYTES = 4 * 2 ** 20;

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

/** Run the job's block, unless the calling thread claimed it first (then answer null). */
function runJob(setup: RunSetup, job: BlockJob): void {
  const { init, model, ctx, probe } = setup;
  if (Atomics.compareExchange(init.claims, job.blockIndex, 0, 1) !== 0) {
    reply({ ok: true, run: job.run, blockIndex: job.blockIndex, result: null, slot: null });
    return;
  }
  try {
    const slot = slots.take({ pathCount: job.pathCount, nPos: init.book.positionCount, nSteps: ctx.nSteps, recordRows: init.collectRecords ? recordRowCount(init.book.modeAliasOf) : 0 });
    const recycle = slot >= 0 ? slots.arrays(slot) : setup.spare;
    const result = runBlock(ctx, model, init.seed, job.blockIndex, job.firstPath, job.pathCount, init.collectRecords, probe, recycle);
    const held = slot >= 0 ? slots.hold(slot, result) : null;
    if (held !== null) {
      reply({ ok: true, run: job.run, blockIndex: job.blockIndex, result, slot: held });
      return;
    }
    // Copied into the message, not transferred: a transfer detaches the buffers here, and V8 then
    // deoptimizes every function of this thread that reads a typed array (its code may no longer
    // take a typed array's length as fixed) and compiles them all again; a copy of the block's few
    // hundred kilobytes costs less, and the block's arrays serve the next block. Records of a
    // large book are transferred: copying them (tens of megabytes a block for 2,000 positions)
    // costs more than the deoptimization, which happens once per thread.
    if (blockRecordBytes(result) > LARGEST_COPIED_RECORDS_BYTES) {
      reply({ ok: true, run: job.run, blockIndex: job.blockIndex, result, slot: null }, blockTransferables(result));
      setup.spare = null;
    } else {
      reply({ ok: true, run: job.run, blockIndex: job.blockIndex, result, slot: null });
      setup.spare = result;
    }
  } catch (error) {
    reply({ ok: false, run: job.run, error: error instanceof Error ? error.message : String(error) });
  }
}

// Each job waits for the setup of its own run (taken when the job arrives: a RunEnd after it does
// not take it away). A setup failure answers each of the run's jobs, so the scheduler reports it.
const setups = new Map<number, Promise<RunSetup>>();
port.on('message', (message: SchedulerMessage) => {
  if (message.kind === 'init') {
    const setup = prepare(message);
    // Its jobs take a failure (each answers it); until the first job arrives nothing must, or a
    // failure settled before it (a model module already loaded) would be an unhandled rejection.
    setup.catch(() => {});
    setups.set(message.run, setup);
    return;
  }
  if (message.kind === 'end') {
    setups.delete(message.run);
    return;
  }
  const job = message;
  const setup = setups.get(job.run);
  if (setup === undefined) {
    reply({ ok: false, run: job.run, error: `kernel worker: block ${job.blockIndex} of run ${job.run} came before its run's setup` });
    return;
  }
  setup.then(
    (ready) => runJob(ready, job),
    (error: unknown) => reply({ ok: false, run: job.run, error: error instanceof Error ? error.message : String(error) }),
  );
});

// Worker-thread entry of the simulation (compiled build only: dist/src/kernel/worker.js, and
// dist/src/cli/chunks/worker.js in the command's bundle). For each run it is given (WorkerInit),
// it rebuilds the path model from its recipe and allocates one kernel context, then runs the
// run's blocks it is sent with the same `runBlock` the in-process runner uses, transferring each
// result back; RunEnd drops the run's setup. It may hold several runs at once (the accounts of a
// batch overlap, see block-scheduler.ts), and serves every account of a command, so its compiled
// code stays warm.

import { parentPort } from 'node:worker_threads';
import type { PathModel } from '../scenarios/models/path-model.js';
import { blockTransferables } from './block-result.js';
import { createKernelContext } from './kernel-context.js';
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
}

async function prepare(init: WorkerInit): Promise<RunSetup> {
  const module = (await import(init.recipe.moduleUrl)) as Record<string, unknown>;
  const factory = module[init.recipe.exportName];
  if (typeof factory !== 'function') throw new Error(`kernel worker: ${init.recipe.moduleUrl} exports no function ${init.recipe.exportName}`);
  const model = (factory as (spec: unknown) => PathModel)(init.recipe.spec);
  const ctx = createKernelContext(init.book, init.layout, init.options);
  const probe = init.twoFactorProbe === null ? null : compileTwoFactorProbe(init.book, ctx.assetColumn, init.twoFactorProbe);
  return { init, model, ctx, probe };
}

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

/** Run the job's block, unless the calling thread claimed it first (then answer null). */
function runJob(setup: RunSetup, job: BlockJob): void {
  const { init, model, ctx, probe } = setup;
  if (Atomics.compareExchange(init.claims, job.blockIndex, 0, 1) !== 0) {
    reply({ ok: true, run: job.run, blockIndex: job.blockIndex, result: null });
    return;
  }
  try {
    const result = runBlock(ctx, model, init.seed, job.blockIndex, job.firstPath, job.pathCount, init.collectRecords, probe, job.recycle);
    reply({ ok: true, run: job.run, blockIndex: job.blockIndex, result }, blockTransferables(result));
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

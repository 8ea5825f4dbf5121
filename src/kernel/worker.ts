// Worker-thread entry of the simulation (compiled build only: dist/src/kernel/worker.js, and
// dist/src/cli/chunks/worker.js in the command's bundle). For each run it is given, it rebuilds
// the path model from its recipe, allocates one kernel context, then runs the blocks it is sent
// with the same `runBlock` the in-process runner uses, transferring each result back. A run
// begins with its setup (WorkerInit) and ends with null; the worker then waits for the next run,
// so one worker serves every account of a command (run-blocks.ts keeps it between runs) and its
// compiled code stays warm.

import { parentPort } from 'node:worker_threads';
import type { PathModel } from '../scenarios/models/path-model.js';
import { blockTransferables } from './block-result.js';
import { createKernelContext } from './kernel-context.js';
import { runBlock } from './run-block.js';
import { compileTwoFactorProbe } from './two-factor-probe.js';
import type { BlockJob, WorkerInit, WorkerReply } from './run-blocks.js';

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
    reply({ ok: true, run: init.run, blockIndex: job.blockIndex, result: null });
    return;
  }
  try {
    const result = runBlock(ctx, model, init.seed, job.blockIndex, job.firstPath, job.pathCount, init.collectRecords, probe);
    reply({ ok: true, run: init.run, blockIndex: job.blockIndex, result }, blockTransferables(result));
  } catch (error) {
    reply({ ok: false, run: init.run, error: error instanceof Error ? error.message : String(error) });
  }
}

// A WorkerInit starts a run; the jobs that follow wait for its setup, in the order they came (each
// is chained on the setup of its own run); null ends the run. A setup failure answers each job,
// so the runner reports it.
let setup: Promise<RunSetup> | null = null;
/** The run `setup` belongs to (a failed setup still answers with it). */
let pendingRun = 0;
port.on('message', (message: WorkerInit | BlockJob | null) => {
  if (message === null) {
    setup = null;
    return;
  }
  if (!('blockIndex' in message)) {
    pendingRun = message.run;
    setup = prepare(message);
    return;
  }
  const job = message;
  if (setup === null) {
    reply({ ok: false, run: pendingRun, error: `kernel worker: block ${job.blockIndex} came before its run's setup` });
    return;
  }
  const run = pendingRun;
  setup.then(
    (ready) => runJob(ready, job),
    (error: unknown) => reply({ ok: false, run, error: error instanceof Error ? error.message : String(error) }),
  );
});

// Worker-thread entry of the simulation (compiled build only: dist/src/kernel/worker.js, and
// dist/src/cli/chunks/worker.js in the command's bundle). It rebuilds the path model from its
// recipe, allocates one kernel context, then runs the blocks it is sent with the same `runBlock`
// the in-process runner uses, transferring each result back. Its first message is the run's
// setup (WorkerInit), so it can be started before the run (`prestartSimulationWorkers`).

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

function runJob(setup: RunSetup, job: BlockJob | null): void {
  if (job === null) {
    port!.close();
    return;
  }
  try {
    const { init, model, ctx, probe } = setup;
    const result = runBlock(ctx, model, init.seed, job.blockIndex, job.firstPath, job.pathCount, init.collectRecords, probe);
    reply({ ok: true, result }, blockTransferables(result));
  } catch (error) {
    reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
}

// The first message is the run's WorkerInit; the jobs that follow wait for its setup, in the order
// they came. A setup failure answers each job, so the runner reports it.
let setup: Promise<RunSetup> | null = null;
port.on('message', (message: WorkerInit | BlockJob | null) => {
  if (setup === null) {
    setup = prepare(message as WorkerInit);
    return;
  }
  const job = message as BlockJob | null;
  setup.then(
    (ready) => runJob(ready, job),
    (error: unknown) => {
      if (job === null) port.close();
      else reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
    },
  );
});

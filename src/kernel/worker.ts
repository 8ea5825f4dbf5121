// Worker-thread entry of the simulation (compiled build only: dist/src/kernel/worker.js, and
// dist/src/cli/chunks/worker.js in the command's bundle). It rebuilds the path model from its
// recipe, allocates one kernel context, then runs the blocks it is sent with the same `runBlock`
// the in-process runner uses, transferring each result back.

import { parentPort, workerData } from 'node:worker_threads';
import type { PathModel } from '../scenarios/models/path-model.js';
import { blockTransferables } from './block-result.js';
import { createKernelContext } from './kernel-context.js';
import { runBlock } from './run-block.js';
import { compileTwoFactorProbe } from './two-factor-probe.js';
import type { BlockJob, WorkerInit, WorkerReply } from './run-blocks.js';

const port = parentPort;
if (port === null) throw new Error('kernel worker: must run in a worker thread');
const init = workerData as WorkerInit;

async function loadModel(): Promise<PathModel> {
  const module = (await import(init.recipe.moduleUrl)) as Record<string, unknown>;
  const factory = module[init.recipe.exportName];
  if (typeof factory !== 'function') throw new Error(`kernel worker: ${init.recipe.moduleUrl} exports no function ${init.recipe.exportName}`);
  return (factory as (spec: unknown) => PathModel)(init.recipe.spec);
}

function reply(message: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

try {
  const model = await loadModel();
  const ctx = createKernelContext(init.book, init.layout, init.options);
  const probe = init.twoFactorProbe === null ? null : compileTwoFactorProbe(init.book, ctx.assetColumn, init.twoFactorProbe);
  port.on('message', (job: BlockJob | null) => {
    if (job === null) {
      port.close();
      return;
    }
    try {
      const result = runBlock(ctx, model, init.seed, job.blockIndex, job.firstPath, job.pathCount, init.collectRecords, probe);
      reply({ ok: true, result }, blockTransferables(result));
    } catch (error) {
      reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
} catch (error) {
  // Answer the first job with the setup failure, so the runner reports it.
  port.once('message', () => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }));
}

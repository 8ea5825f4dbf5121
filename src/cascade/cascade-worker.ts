// Worker-thread entry of Monte Carlo cascades (compiled build only: dist/src/cascade/
// cascade-worker.js, and dist/src/cli/chunks/cascade-worker.js in the command's bundle). Rebuilds
// the path model from its recipe and the engines from the markets it was started with, then runs
// the blocks it is sent with the same `runCascadeBlock` the in-process runner uses, replying with
// each block's sums.

import { parentPort, workerData } from 'node:worker_threads';
import type { PathModel } from '../scenarios/models/path-model.js';
import { runCascadeBlock, type CascadeBlockJob, type CascadeWorkerInit, type CascadeWorkerReply } from './cascade-blocks.js';
import { CascadeRunner } from './cascade-runner.js';

const port = parentPort;
if (port === null) throw new Error('cascade worker: must run in a worker thread');
const init = workerData as CascadeWorkerInit;

function reply(message: CascadeWorkerReply): void {
  port!.postMessage(message);
}

try {
  const module = (await import(init.recipe.moduleUrl)) as Record<string, unknown>;
  const factory = module[init.recipe.exportName];
  if (typeof factory !== 'function') throw new Error(`cascade worker: ${init.recipe.moduleUrl} exports no function ${init.recipe.exportName}`);
  const model = (factory as (spec: unknown) => PathModel)(init.recipe.spec);
  const runner = new CascadeRunner(init.markets);
  port.on('message', (job: CascadeBlockJob | null) => {
    if (job === null) {
      port.close();
      return;
    }
    try {
      reply({ ok: true, block: job.block, sums: runCascadeBlock(runner, model, init.seed, init.impactDecayPerStep, job) });
    } catch (error) {
      reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
} catch (error) {
  port.once('message', () => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }));
}

// Warming a simulation worker's compiled code while the command still reads its inputs. A worker
// started ahead of a run (simulation-workers.ts) is idle for a few hundred milliseconds; its
// first real blocks would then run on unoptimised code (tens of times slower than warm) while
// the calling thread warms up too, so short runs were slower on two threads than on one. Instead
// it runs small blocks of the fixed benchmark workload (benchmark-workload.ts: isolated barrier
// pools and a correlated cross pool, liquidations, per-path records) and throws the results
// away: one block per turn of its event loop, stopping at the first message it is sent, so a run
// never waits for more than one small block. Nothing here reaches any result.

import { benchmarkWorkload } from './benchmark-workload.js';
import { createKernelContext } from './kernel-context.js';
import { runBlock } from './run-block.js';
import { createGbmModel } from '../scenarios/models/gbm-model.js';
import { DEFAULT_KERNEL_OPTIONS } from './kernel-options.js';

/** Paths per warm-up block: a few milliseconds even on cold code, so a run that comes waits little. */
const WARM_UP_BLOCK_PATHS = 16;

/** Warm-up blocks at most (about the number after which a thread's blocks run at full speed). */
const WARM_UP_BLOCKS_MAX = 120;

/** Steps per warm-up path: the default monitoring of a day. */
const WARM_UP_STEPS = 96;

/** Collateral of the warm-up account: near its boundary, so exact steps and liquidations run too. */
const WARM_UP_WALLET_USDT = 40_000;

/**
 * Run warm-up blocks until `stopped()` is true (checked before each block) or WARM_UP_BLOCKS_MAX
 * have run; each block on its own turn of the event loop (setImmediate), so messages are taken
 * in between. Resolves to the number of blocks run. A failure only ends the warm-up (the run
 * reports its own errors).
 */
export function warmUpKernel(stopped: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    let blocksRun = 0;
    let runner: ((block: number) => void) | null = null;
    const next = (): void => {
      if (stopped() || blocksRun >= WARM_UP_BLOCKS_MAX) {
        resolve(blocksRun);
        return;
      }
      try {
        runner ??= warmUpBlockRunner();
        runner(blocksRun);
        blocksRun++;
      } catch {
        resolve(blocksRun);
        return;
      }
      setImmediate(next);
    };
    setImmediate(next);
  });
}

/** A runner of warm-up blocks on a kernel context of its own (results thrown away). */
function warmUpBlockRunner(): (block: number) => void {
  const workload = benchmarkWorkload(WARM_UP_STEPS, WARM_UP_WALLET_USDT);
  const model = createGbmModel(workload.modelSpec);
  const layout = { assets: workload.modelAssets, nSteps: model.nSteps, stepVariance: model.stepVariance, correlation: workload.correlation, hasBars: false };
  const ctx = createKernelContext(workload.book, layout, DEFAULT_KERNEL_OPTIONS);
  return (block) => void runBlock(ctx, model, 1, block, block * WARM_UP_BLOCK_PATHS, WARM_UP_BLOCK_PATHS, true);
}

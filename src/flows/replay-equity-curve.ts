// Account equity along a replayed crash, per margin mode, as the replay chart draws it. The
// replay kernel reports the outcome at the end of the path (loss, first liquidation, lowest
// equity), not the equity at every step, so the curve is read off the kernel itself: the path
// replayed up to each checkpoint k gives the loss at step k, and equity(k) = equity now −
// loss(k) — exactly the kernel's accounting (liquidation fees, slippage, pools closed at
// liquidation), never a second model of it. With at most MAX_CHECKPOINTS checkpoints (every
// step of the shipped events, which have a few dozen hourly steps) this costs that many short
// replays of one account.

import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import type { CompiledBook } from '../kernel/compiled-book.js';
import { runReplay, type ReplayPath } from '../kernel/run-replay.js';
import type { EquityCurve, PerMode } from '../report/report/report-model.js';

/** Most points of one curve (the start included); longer paths are sampled evenly. */
const MAX_CHECKPOINTS = 200;


/** Steps 1..nSteps sampled to at most `max − 1` checkpoints, always ending at nSteps. */
function checkpointSteps(nSteps: number, max: number): number[] {
  const count = Math.min(nSteps, Math.max(1, max - 1));
  return Array.from({ length: count }, (_, i) => Math.round(((i + 1) * nSteps) / count));
}

/** `path` cut after `steps` steps (views, no copies). */
function truncated(path: ReplayPath, steps: number): ReplayPath {
  const cells = steps * path.assets.length;
  return {
    assets: path.assets,
    nSteps: steps,
    logReturns: path.logReturns.subarray(0, cells),
    barLow: path.barLow === null ? null : path.barLow.subarray(0, cells),
    barHigh: path.barHigh === null ? null : path.barHigh.subarray(0, cells),
  };
}

/**
 * The equity curve of `book` along `path`, whose step k ends at `stepEndMs[k − 1]` and which
 * starts at `startMs`.
 */
export function replayEquityCurve(book: CompiledBook, path: ReplayPath, startMs: number, stepEndMs: Float64Array, slippageBps: number, maxPoints: number = MAX_CHECKPOINTS): EquityCurve {
  const timestampsMs = [startMs];
  const equityByMode: Record<ModeName, number[]> = { exported: [], isolated: [], cross: [] };
  MODE_NAMES.forEach((mode, m) => equityByMode[mode].push(book.modeEquity0[m]!));
  for (const steps of checkpointSteps(path.nSteps, maxPoints)) {
    const outcome = runReplay(book, truncated(path, steps), { slippageBps });
    timestampsMs.push(stepEndMs[steps - 1]!);
    MODE_NAMES.forEach((mode, m) => equityByMode[mode].push(book.modeEquity0[m]! - outcome.modes[mode].loss));
  }
  return { timestampsMs, equityByMode };
}

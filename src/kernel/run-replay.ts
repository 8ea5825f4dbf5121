// A historical replay of one account: one known path (the crash's log returns, each symbol
// rebased to start at today's mark), with each bar's high and low when the data has them. The
// same kernel runs it as one path of one block: with bars, liquidations are checked against
// each bar's extremes (see path-kernel.ts); with closes only, at the closes (the path between
// them is unknown and a replay draws nothing at random).

import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import type { Xoshiro128 } from '../scenarios/random/xoshiro128.js';
import { KERNEL_MODE_COUNT, type CompiledBook } from './compiled-book.js';
import { createKernelContext } from './kernel-context.js';
import { DEFAULT_KERNEL_OPTIONS, type KernelOptions } from './kernel-options.js';
import { PathRecordView } from './path-record.js';
import { runBlock } from './run-block.js';

export interface ReplayPath {
  /** Asset name of each column. */
  readonly assets: readonly string[];
  readonly nSteps: number;
  /** ln(close_k / close_{k−1}) at `[step * assets.length + column]`. */
  readonly logReturns: Float64Array;
  /** ln(low_k / close_{k−1}) and ln(high_k / close_{k−1}), same layout; null when closes only. */
  readonly barLow: Float64Array | null;
  readonly barHigh: Float64Array | null;
}

export interface ReplayPositionOutcome {
  readonly positionId: string;
  readonly symbol: string;
  /** Settlement asset of `loss`. */
  readonly asset: string;
  readonly liquidated: boolean;
  /** Step of the first liquidation (0 = liquidatable at the start), null when none. */
  readonly liquidatedStep: number | null;
  readonly loss: number;
}

export interface ReplayModeOutcome {
  readonly mode: ModeName;
  readonly asset: string;
  readonly liquidated: boolean;
  readonly liquidatedStep: number | null;
  /** Equity at the start − equity at the end, reporting asset (positive = loss). */
  readonly loss: number;
  readonly badDebt: number;
  /** Lowest account equity at a step end (the start included), reporting asset. */
  readonly minEquity: number;
  readonly positions: readonly ReplayPositionOutcome[];
}

export interface ReplayOutcome {
  readonly account: string;
  readonly steps: number;
  readonly modes: Readonly<Record<ModeName, ReplayModeOutcome>>;
  /** The path's record (per mode and position: liquidation step, PnL at it, loss), for contagion. */
  readonly record: PathRecordView;
}

/** Throws unless the replay's buffers fit its shape (a caller bug). */
function assertReplay(replay: ReplayPath): void {
  const cells = replay.nSteps * replay.assets.length;
  if (replay.logReturns.length !== cells) throw new Error(`runReplay: logReturns has ${replay.logReturns.length} cells, expected ${cells}`);
  if ((replay.barLow === null) !== (replay.barHigh === null)) throw new Error('runReplay: give both barLow and barHigh, or neither');
  if (replay.barLow !== null && (replay.barLow.length !== cells || replay.barHigh!.length !== cells)) {
    throw new Error(`runReplay: bars must have ${cells} cells`);
  }
}

/** Replay `replay` on `book`: every mode, liquidations, losses, minimum equity. */
export function runReplay(book: CompiledBook, replay: ReplayPath, options: Pick<KernelOptions, 'slippageBps'> = DEFAULT_KERNEL_OPTIONS): ReplayOutcome {
  assertReplay(replay);
  const hasBars = replay.barLow !== null;
  const layout = { assets: replay.assets, nSteps: replay.nSteps, stepVariance: new Float64Array(replay.assets.length), correlation: null, hasBars };
  const ctx = createKernelContext(book, layout, { slippageBps: options.slippageBps, monitoring: hasBars ? 'continuous' : 'step-end' }, true);
  const filler = {
    fillPath(_rng: Xoshiro128, logReturns: Float64Array, stepVarianceScale: Float64Array): void {
      logReturns.set(replay.logReturns);
      stepVarianceScale.fill(1);
      if (replay.barLow !== null && replay.barHigh !== null) {
        ctx.barLow.set(replay.barLow);
        ctx.barHigh.set(replay.barHigh);
      }
    },
  };
  const block = runBlock(ctx, filler, 0, 0, 0, 1, true);
  const record = new PathRecordView(book);
  record.attach(block, 0);
  const nPos = book.positionCount;
  const modes = {} as Record<ModeName, ReplayModeOutcome>;
  for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
    const source = ctx.computeMode[m] === 1 ? m : book.modeAliasOf[m]!;
    const positions: ReplayPositionOutcome[] = [];
    for (let j = 0; j < nPos; j++) {
      const step = record.liquidationStep(m, j);
      positions.push({
        positionId: book.positionIds[j]!,
        symbol: book.positionSymbols[j]!,
        asset: book.poolAssetNames[book.memberPool[book.positionMember[m * nPos + j]!]!]!,
        liquidated: step >= 0,
        liquidatedStep: step >= 0 ? step : null,
        loss: record.positionLoss(m, j),
      });
    }
    const first = record.firstLiquidationStep(m);
    modes[MODE_NAMES[m]!] = {
      mode: MODE_NAMES[m]!,
      asset: book.reportingAsset,
      liquidated: first >= 0,
      liquidatedStep: first >= 0 ? first : null,
      loss: record.loss(m),
      badDebt: record.badDebt(m),
      minEquity: ctx.state.pathMinEquity[source]!,
      positions,
    };
  }
  return { account: book.account, steps: replay.nSteps, modes, record };
}

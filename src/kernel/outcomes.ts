// Monte Carlo results per account and mode, named as the public contract names them
// (`simulate`: liquidationProbability, expectedLoss, valueAtRisk, expectedShortfall,
// expectedBadDebt, positions[]), each with its standard error, plus time-to-liquidation and
// horizon-equity quantiles. Built by merging block results strictly in block order, so the
// numbers do not depend on how blocks were spread over threads.
//
// Loss, per path and mode: equity at the start − equity at the horizon, where equity is the
// account's pools (cash + collateral + unrealised PnL, realised PnL and liquidation fees
// included once positions are closed) plus free balance, in the reporting asset. A liquidated
// pool's equity is floored at zero: what the venue loses beyond it is bad debt, reported apart.
// Positive = loss. A position's loss: its unrealised PnL now − (realised + unrealised PnL at the
// horizon) − its share of its pool's bad debt, in its settlement asset.
//
// Memory: the per-path account losses are kept for exact tail quantiles — 8 bytes per path per
// mode (24 bytes per path at most: a mode with another's losses shares its row), and at the end
// one more row for their sort (loss-rows.ts); everything else is a fixed-size accumulator.

import { RunningCompensatedSum } from '../domain/compensated-sum.js';
import { MODE_NAMES, type ModeName } from '../margin/evaluation.js';
import {
  MODE_STAT_BAD_DEBT_M2,
  MODE_STAT_BAD_DEBT_MEAN,
  MODE_STAT_COUNT,
  MODE_STAT_LIQUIDATED,
  POSITION_STAT_COUNT,
  POSITION_STAT_LIQUIDATED,
  POSITION_STAT_LOSS_M2,
  POSITION_STAT_LOSS_MEAN,
  type BlockResult,
} from './block-result.js';
import { KERNEL_MODE_COUNT, type CompiledBook } from './compiled-book.js';
import { KERNEL_COUNTER_COUNT } from './kernel-state.js';
import { LossRows } from './loss-rows.js';
import { expectedShortfallSorted, meanWithStandardErrorOfSum, proportionWithStandardError, rankAt, valueAtRiskSorted, type Estimate } from './tail-statistics.js';

/** Confidence levels of VaR and ES, and their JSON keys. */
export const CONFIDENCE_LEVELS = [0.95, 0.99] as const;
/** Levels of the horizon-equity and time-to-liquidation quantiles. */
export const QUANTILE_LEVELS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

/** Bytes kept per path for exact tail quantiles (one Float64 loss per mode). */
export const BYTES_PER_PATH = 8 * KERNEL_MODE_COUNT;

/** Number formatted as a JSON key the way the contract shows it ("0.99"). */
export function levelKey(level: number): string {
  return String(level);
}

export interface PositionShockOutcome {
  readonly positionId: string;
  readonly symbol: string;
  /** Settlement asset of `expectedLoss`. */
  readonly asset: string;
  /** Probability that the position is liquidated (fully or partly) within the horizon. */
  readonly liquidationProbability: number;
  readonly expectedLoss: number;
  readonly standardErrors: { readonly liquidationProbability: number | null; readonly expectedLoss: number | null };
}

export interface TimeToLiquidation {
  /** Probability of any liquidation in the account within the horizon (as liquidationProbability). */
  readonly probability: number;
  /**
   * Quantiles of the first liquidation time given that one happens, in hours from now (the end
   * of the step it falls in; 0 = liquidatable now); null when no path liquidates.
   */
  readonly quantileHours: Readonly<Record<string, number | null>>;
  /** The same in steps. */
  readonly quantileSteps: Readonly<Record<string, number | null>>;
  /** Standard errors of `quantileHours` (order-statistic method, as for VaR); null when none. */
  readonly quantileHoursStandardErrors: Readonly<Record<string, number | null>>;
}

export interface ModeShockOutcome {
  readonly mode: ModeName;
  /** Asset of the account-level amounts. */
  readonly asset: string;
  /** Account equity at the start, in `asset`. */
  readonly equity: number;
  readonly liquidationProbability: number;
  readonly expectedLoss: number;
  /** Keyed by confidence ("0.95", "0.99"); losses positive. */
  readonly valueAtRisk: Readonly<Record<string, number>>;
  readonly expectedShortfall: Readonly<Record<string, number>>;
  readonly expectedBadDebt: number;
  readonly standardErrors: {
    readonly liquidationProbability: number | null;
    readonly expectedLoss: number | null;
    readonly valueAtRisk: Readonly<Record<string, number | null>>;
    readonly expectedShortfall: Readonly<Record<string, number | null>>;
    readonly expectedBadDebt: number | null;
    readonly horizonEquity: Readonly<Record<string, number | null>>;
  };
  readonly timeToLiquidation: TimeToLiquidation;
  /** Quantiles of the account's equity at the horizon (equity − loss), keyed by level. */
  readonly horizonEquity: Readonly<Record<string, number>>;
  readonly positions: readonly PositionShockOutcome[];
}

/**
 * What the kernel did, for benchmarks and tuning; never a result. Two work counters
 * (gradientMemberSteps, lazySkippedPoolSteps) can differ between thread counts:
 * the lazy bound keeps its anchor from one path to the next on the same thread, so which thread
 * ran which block changes how many evaluations were skipped, never a liquidation or a loss.
 */
export interface KernelDiagnostics {
  /** paths × steps × positions, counted once (not per mode): the benchmark's unit. */
  readonly positionSteps: number;
  /** Member-steps the gradient-pool loop evaluated (summed over computed modes). */
  readonly gradientMemberSteps: number;
  /** Pool-steps of barrier pools checked (summed over computed modes). */
  readonly barrierPoolSteps: number;
  readonly liquidationEvents: number;
  /** Bridge crossings of gradient pools with no zero of health found along −Σg. */
  readonly unresolvedCrossings: number;
  /** Gradient pool-steps skipped because no crossing was possible (lazy evaluation). */
  readonly lazySkippedPoolSteps: number;
  /** Modes computed once and copied to an identical mode (e.g. exported = cross). */
  readonly aliasedModes: readonly ModeName[];
  readonly bytesPerPath: number;
  readonly threads: number;
  /** Blocks run on worker threads (the rest ran on the calling thread); depends on timing, never on results. */
  readonly workerBlocks: number;
}

export interface AccountShockOutcome {
  readonly account: string;
  readonly paths: number;
  readonly steps: number;
  readonly stepHours: number;
  readonly asset: string;
  readonly modes: Readonly<Record<ModeName, ModeShockOutcome>>;
  readonly diagnostics: KernelDiagnostics;
  /** Paths on which the run's two-factor probe hit (two-factor-probe.ts); only when one was asked for. */
  readonly twoFactorHits?: number;
}

/** Chan et al.'s pairwise merge of (n, mean, M2) into `stats[at..at+1]` (mean, M2) with count nA. */
function mergeMoments(stats: Float64Array, at: number, countA: number, meanB: number, m2B: number, countB: number): void {
  const n = countA + countB;
  if (countB === 0) return;
  const meanA = stats[at]!;
  const delta = meanB - meanA;
  stats[at] = meanA + (delta * countB) / n;
  stats[at + 1] = stats[at + 1]! + m2B + (delta * delta * countA * countB) / n;
}

/**
 * Folds block results, in block order, into per-mode and per-position statistics, and keeps the
 * per-path losses for the tail. `finish` computes the outcome.
 */
export class OutcomeAccumulator {
  /** Per-path losses of the modes kept (`keptSlot`), one row of totalPaths each (sorted by the radix kernel, loss-rows.ts). */
  private readonly losses: LossRows;
  /** Per row of `losses`, the compensated sum of its losses so far (summed as blocks arrive). */
  private readonly lossSums: RunningCompensatedSum[] = [];
  /**
   * Per mode, the row of `losses` holding its per-path losses: a mode with the same losses as an
   * earlier one (`sortedTwin`) shares that mode's row, so they are copied and sorted once.
   */
  private readonly keptSlot: Int32Array;
  /** Per mode, the earlier mode whose losses it shares (sortedTwin), or -1. */
  private readonly twinOf: Int32Array;
  private readonly liquidated = new Float64Array(KERNEL_MODE_COUNT);
  /** [mean, M2] of bad debt per mode. */
  private readonly badDebt = new Float64Array(2 * KERNEL_MODE_COUNT);
  /** [liquidated, mean, M2] per mode and position. */
  private readonly positions: Float64Array;
  private readonly firstStepCounts: Float64Array;
  private readonly counters = new Float64Array(KERNEL_COUNTER_COUNT);
  private merged = 0;
  private nextBlock = 0;
  private twoFactorHits = 0;

  /** `withProbe`: the run counts two-factor probe hits (reported as `twoFactorHits`). */
  constructor(
    private readonly book: CompiledBook,
    private readonly totalPaths: number,
    private readonly nSteps: number,
    private readonly stepHours: number,
    private readonly withProbe = false,
  ) {
    this.twinOf = new Int32Array(KERNEL_MODE_COUNT);
    this.keptSlot = new Int32Array(KERNEL_MODE_COUNT);
    let kept = 0;
    for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
      const twin = this.sortedTwin(m);
      this.twinOf[m] = twin;
      this.keptSlot[m] = twin >= 0 ? this.keptSlot[twin]! : kept++;
    }
    this.losses = new LossRows(kept, totalPaths);
    for (let slot = 0; slot < kept; slot++) this.lossSums.push(new RunningCompensatedSum());
    this.positions = new Float64Array(KERNEL_MODE_COUNT * book.positionCount * 3);
    this.firstStepCounts = new Float64Array(KERNEL_MODE_COUNT * (nSteps + 1));
  }

  /** Paths merged so far. */
  get pathsMerged(): number {
    return this.merged;
  }

  /** Merge the next block; throws if blocks arrive out of order (the merge order is the contract). */
  add(block: BlockResult): void {
    if (block.blockIndex !== this.nextBlock) throw new Error(`OutcomeAccumulator.add: expected block ${this.nextBlock}, got ${block.blockIndex}`);
    this.nextBlock++;
    const n = block.pathCount;
    const nPos = this.book.positionCount;
    const before = this.merged;
    for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
      if (this.twinOf[m]! < 0) {
        this.losses.values.set(block.pathLoss.subarray(m * block.recordStride, m * block.recordStride + n), this.keptSlot[m]! * this.totalPaths + block.firstPath);
        this.lossSums[this.keptSlot[m]!]!.add(block.pathLoss, m * block.recordStride, m * block.recordStride + n);
      }
      this.liquidated[m]! += block.modeStats[m * MODE_STAT_COUNT + MODE_STAT_LIQUIDATED]!;
      mergeMoments(this.badDebt, 2 * m, before, block.modeStats[m * MODE_STAT_COUNT + MODE_STAT_BAD_DEBT_MEAN]!, block.modeStats[m * MODE_STAT_COUNT + MODE_STAT_BAD_DEBT_M2]!, n);
      for (let j = 0; j < nPos; j++) {
        const src = (m * nPos + j) * POSITION_STAT_COUNT;
        const dst = (m * nPos + j) * 3;
        this.positions[dst]! += block.positionStats[src + POSITION_STAT_LIQUIDATED]!;
        mergeMoments(this.positions, dst + 1, before, block.positionStats[src + POSITION_STAT_LOSS_MEAN]!, block.positionStats[src + POSITION_STAT_LOSS_M2]!, n);
      }
    }
    for (let s = 0; s < this.firstStepCounts.length; s++) this.firstStepCounts[s]! += block.firstStepCounts[s]!;
    for (let c = 0; c < KERNEL_COUNTER_COUNT; c++) this.counters[c]! += block.counters[c]!;
    this.twoFactorHits += block.twoFactorHits;
    this.merged += n;
  }

  /** An earlier mode with the same per-path losses as mode m (one is the other's alias), or −1. */
  private sortedTwin(m: number): number {
    const alias = this.book.modeAliasOf;
    const root = (mode: number): number => (alias[mode]! >= 0 ? alias[mode]! : mode);
    for (let earlier = 0; earlier < m; earlier++) if (root(earlier) === root(m)) return earlier;
    return -1;
  }

  /** The outcome; sorts the kept losses in place, so call it once, after the last block. */
  finish(threads: number, workerBlocks = 0): AccountShockOutcome {
    const book = this.book;
    const total = this.totalPaths;
    if (this.merged !== total) throw new Error(`OutcomeAccumulator.finish: ${this.merged} of ${total} paths merged`);
    const nPos = book.positionCount;
    const modes = {} as Record<ModeName, ModeShockOutcome>;
    // Per mode, the mean loss of its row before the row is sorted (a twin's is its twin's: the same
    // values in the same order), from the row's sum taken as its blocks arrived.
    const expectedLosses: Estimate[] = [];
    for (let m = 0; m < KERNEL_MODE_COUNT; m++) {
      const slot = this.keptSlot[m]!;
      const losses = this.losses.row(slot);
      const twin = this.twinOf[m]!;
      const expectedLoss = twin >= 0 ? expectedLosses[twin]! : meanWithStandardErrorOfSum(losses, 0, total, this.lossSums[slot]!.value);
      expectedLosses.push(expectedLoss);
      const liquidation = proportionWithStandardError(this.liquidated[m]!, total);
      const badDebtMean = this.badDebt[2 * m]!;
      const badDebtSe = total > 1 ? Math.sqrt(this.badDebt[2 * m + 1]! / (total - 1) / total) : null;
      // Modes computed once (modeAliasOf: a mode and the mode it copies) have the same losses:
      // one row, sorted once (at the first of them).
      if (twin < 0) this.losses.sortRow(slot);
      const valueAtRisk: Record<string, number> = {};
      const expectedShortfall: Record<string, number> = {};
      const varSe: Record<string, number | null> = {};
      const esSe: Record<string, number | null> = {};
      for (const level of CONFIDENCE_LEVELS) {
        const v = valueAtRiskSorted(losses, level);
        const e = expectedShortfallSorted(losses, level);
        valueAtRisk[levelKey(level)] = v.value;
        varSe[levelKey(level)] = v.standardError;
        expectedShortfall[levelKey(level)] = e.value;
        esSe[levelKey(level)] = e.standardError;
      }
      const equity0 = book.modeEquity0[m]!;
      const horizonEquity: Record<string, number> = {};
      const horizonEquitySe: Record<string, number | null> = {};
      for (const level of QUANTILE_LEVELS) {
        // Equity quantile q = equity0 − loss quantile at rank n + 1 − ⌈n q⌉ (descending losses);
        // its standard error is that of the loss quantile (valueAtRiskSorted's method).
        const rank = total + 1 - rankAt(total, level);
        horizonEquity[levelKey(level)] = equity0 - losses[rank - 1]!;
        horizonEquitySe[levelKey(level)] = valueAtRiskSorted(losses, 1 - level).standardError;
      }
      const positions: PositionShockOutcome[] = [];
      for (let j = 0; j < nPos; j++) {
        const at = (m * nPos + j) * 3;
        const p = proportionWithStandardError(this.positions[at]!, total);
        const member = book.positionMember[m * nPos + j]!;
        positions.push({
          positionId: book.positionIds[j]!,
          symbol: book.positionSymbols[j]!,
          asset: book.poolAssetNames[book.memberPool[member]!]!,
          liquidationProbability: p.value,
          expectedLoss: this.positions[at + 1]!,
          standardErrors: {
            liquidationProbability: p.standardError,
            expectedLoss: total > 1 ? Math.sqrt(this.positions[at + 2]! / (total - 1) / total) : null,
          },
        });
      }
      modes[MODE_NAMES[m]!] = {
        mode: MODE_NAMES[m]!,
        asset: book.reportingAsset,
        equity: equity0,
        liquidationProbability: liquidation.value,
        expectedLoss: expectedLoss.value,
        valueAtRisk,
        expectedShortfall,
        expectedBadDebt: badDebtMean,
        standardErrors: {
          liquidationProbability: liquidation.standardError,
          expectedLoss: expectedLoss.standardError,
          valueAtRisk: varSe,
          expectedShortfall: esSe,
          expectedBadDebt: badDebtSe,
          horizonEquity: horizonEquitySe,
        },
        timeToLiquidation: this.timeToLiquidation(m, liquidation.value),
        horizonEquity,
        positions,
      };
    }
    const aliasedModes = MODE_NAMES.filter((_, m) => book.modeAliasOf[m] !== -1);
    return {
      account: book.account,
      paths: total,
      steps: this.nSteps,
      stepHours: this.stepHours,
      asset: book.reportingAsset,
      modes,
      diagnostics: {
        positionSteps: total * this.nSteps * nPos,
        gradientMemberSteps: this.counters[0]!,
        barrierPoolSteps: this.counters[1]!,
        liquidationEvents: this.counters[2]!,
        unresolvedCrossings: this.counters[3]!,
        lazySkippedPoolSteps: this.counters[4]!,
        aliasedModes,
        bytesPerPath: BYTES_PER_PATH,
        threads,
        workerBlocks,
      },
      ...(this.withProbe ? { twoFactorHits: this.twoFactorHits } : {}),
    };
  }

  /** The step holding the `rank`-th first liquidation (1-based) in mode m's histogram. */
  private stepAtRank(m: number, rank: number): number {
    const width = this.nSteps + 1;
    let cumulative = 0;
    let s = 0;
    for (; s < width - 1; s++) {
      cumulative += this.firstStepCounts[m * width + s]!;
      if (cumulative >= rank) break;
    }
    return s;
  }

  /**
   * Quantiles of the first liquidation step given one happens, from the exact step histogram;
   * standard errors by the order-statistic method (ranks n q ± sqrt(n q (1 − q))).
   */
  private timeToLiquidation(m: number, probability: number): TimeToLiquidation {
    const width = this.nSteps + 1;
    let liquidated = 0;
    for (let s = 0; s < width; s++) liquidated += this.firstStepCounts[m * width + s]!;
    const quantileSteps: Record<string, number | null> = {};
    const quantileHours: Record<string, number | null> = {};
    const quantileHoursSe: Record<string, number | null> = {};
    for (const level of QUANTILE_LEVELS) {
      const key = levelKey(level);
      if (liquidated === 0) {
        quantileSteps[key] = null;
        quantileHours[key] = null;
        quantileHoursSe[key] = null;
        continue;
      }
      const s = this.stepAtRank(m, rankAt(liquidated, level));
      quantileSteps[key] = s;
      quantileHours[key] = s * this.stepHours;
      const d = Math.sqrt(liquidated * level * (1 - level));
      const upper = Math.min(liquidated, Math.max(1, Math.ceil(liquidated * level + d)));
      const lower = Math.min(liquidated, Math.max(1, Math.floor(liquidated * level - d)));
      quantileHoursSe[key] = liquidated > 1 ? ((this.stepAtRank(m, upper) - this.stepAtRank(m, lower)) * this.stepHours) / 2 : null;
    }
    return { probability, quantileHours, quantileSteps, quantileHoursStandardErrors: quantileHoursSe };
  }
}

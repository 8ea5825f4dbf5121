// The `bootstrap` model: price paths made of resampled blocks of real multi-asset returns, so the
// history's fat tails, cross-asset dependence and volatility clustering (within a block) are kept.

import type { Xoshiro128 } from '../random/xoshiro128.js';
import { assertPathBuffers, assertStepGrid, type PathModel } from './path-model.js';
import { MINUTES_PER_YEAR, type ReturnHistory } from './return-history.js';

export interface BootstrapModelSpec {
  readonly history: ReturnHistory;
  /** For each model asset, the history column that feeds it (e.g. [0, 2] for BTC and SOL). */
  readonly columns: readonly number[];
  readonly nSteps: number;
  readonly dtYears: number;
  /**
   * `stationary` (default): Politis & Romano's stationary bootstrap, blocks of geometric length
   * with mean `meanBlockBars`. `fixed`: blocks of exactly `meanBlockBars` bars (circular moving
   * blocks, Künsch 1989).
   */
  readonly scheme?: 'stationary' | 'fixed';
  /** Mean block length in bars; default ceil(nBars^(1/3)), the optimal rate for block bootstraps. */
  readonly meanBlockBars?: number;
}

/** Default mean block length: ceil(n^(1/3)) bars (Hall, Horowitz & Jing 1995; Politis & White 2004). */
export function defaultMeanBlockBars(nBars: number): number {
  return Math.max(1, Math.ceil(Math.cbrt(nBars)));
}

/** How history bars make one step: n bars summed, then scaled by `scale`. */
interface BarsPerStep {
  /** Whole bars summed per step: max(1, round(Δt_step / Δt_bar)). */
  readonly bars: number;
  /** sqrt((Δt_step / Δt_bar) / bars): 1 when the step is a whole number of bars. */
  readonly scale: number;
}

/**
 * Rescaling from the history's bar length to the step length. With m = Δt_step / Δt_bar and
 * n = max(1, round(m)), a step's log return is the sum of n consecutive resampled bars times
 * sqrt(m / n). When m is a whole number (hourly bars, hourly or daily steps) this is exact
 * aggregation of real returns and no scaling happens; otherwise the square-root-of-time rule
 * covers the remainder (e.g. 30-minute steps from hourly bars: one bar scaled by sqrt(1/2)), which
 * keeps the variance per unit time but not the shape of intra-bar moves.
 */
export function barsPerStep(dtYears: number, barMinutes: number): BarsPerStep {
  const ratio = (dtYears * MINUTES_PER_YEAR) / barMinutes;
  const bars = Math.max(1, Math.round(ratio));
  const scale = Math.abs(ratio - bars) < 1e-9 * ratio ? 1 : Math.sqrt(ratio / bars);
  return { bars, scale };
}

/**
 * Each history return is first recentred so that the model has zero drift in price:
 *   r' = c (r - mean(r)) - κ,   κ = ln(mean_j exp(c (r_j - mean(r)))),   c = `barsPerStep(...).scale`
 * so that a bar drawn uniformly from the history has E[exp(r')] = 1 exactly (the history's own
 * trend, e.g. a bull market, is removed). Steps summing several bars of one block are then a
 * martingale up to the autocorrelation of gross returns within blocks, which is small for these
 * markets; E[S_T] = S_0 holds exactly for blocks of length 1.
 *
 * Sampling: the first bar of a path is uniform over the history; each next bar either starts a new
 * block at a uniform position (stationary: with probability 1 / meanBlockBars; fixed: every
 * meanBlockBars bars) or continues with the following bar, wrapping from the last bar to the first.
 * The bridge variance per step is the history's variance per bar times m (stepVariance), constant.
 */
export function createBootstrapModel(spec: BootstrapModelSpec): PathModel {
  const { history, columns, nSteps, dtYears } = spec;
  assertStepGrid('createBootstrapModel', nSteps, dtYears);
  const n = columns.length;
  const width = history.symbols.length;
  const nBars = history.nBars;
  if (nBars < 2) throw new Error(`createBootstrapModel: the history needs at least 2 bars, got ${nBars}`);
  if (history.logReturns.length !== nBars * width) throw new Error('createBootstrapModel: history.logReturns length is not nBars × symbols');
  for (const c of columns) {
    if (!Number.isInteger(c) || c < 0 || c >= width) throw new Error(`createBootstrapModel: column ${c} is not a history column`);
  }
  const meanBlockBars = spec.meanBlockBars ?? defaultMeanBlockBars(nBars);
  if (!(meanBlockBars >= 1) || !Number.isFinite(meanBlockBars)) {
    throw new Error(`createBootstrapModel: meanBlockBars must be >= 1, got ${meanBlockBars}`);
  }
  const fixedBlocks = (spec.scheme ?? 'stationary') === 'fixed';
  const fixedLength = Math.max(1, Math.round(meanBlockBars));
  // Restart when a uniform 32-bit integer falls below p · 2^32 (p = 1 restarts every bar).
  const restartBelow = Math.min(4294967296, Math.floor(4294967296 / meanBlockBars));
  const { bars, scale } = barsPerStep(dtYears, history.barMinutes);

  // Transformed table restricted to the model's assets: table[bar * n + a].
  const table = new Float64Array(nBars * n);
  const stepVariance = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const col = columns[a]!;
    let mean = 0;
    for (let b = 0; b < nBars; b++) mean += history.logReturns[b * width + col]!;
    mean /= nBars;
    let sumSq = 0;
    let sumGross = 0;
    for (let b = 0; b < nBars; b++) {
      const centred = scale * (history.logReturns[b * width + col]! - mean);
      sumSq += centred * centred;
      sumGross += Math.exp(centred);
    }
    const kappa = Math.log(sumGross / nBars);
    for (let b = 0; b < nBars; b++) table[b * n + a] = scale * (history.logReturns[b * width + col]! - mean) - kappa;
    stepVariance[a] = (sumSq / (nBars - 1)) * bars;
  }

  const model: PathModel = {
    kind: 'bootstrap',
    nAssets: n,
    nSteps,
    dtYears,
    stepVariance,
    fillPath(rng: Xoshiro128, logReturns: Float64Array, stepVarianceScale: Float64Array): void {
      assertPathBuffers(model, logReturns, stepVarianceScale);
      let bar = rng.nextIndex(nBars);
      let sinceRestart = 0;
      let first = true;
      for (let step = 0; step < nSteps; step++) {
        const offset = step * n;
        for (let a = 0; a < n; a++) logReturns[offset + a] = 0;
        for (let k = 0; k < bars; k++) {
          if (first) {
            first = false;
          } else {
            sinceRestart++;
            const restart = fixedBlocks ? sinceRestart >= fixedLength : rng.nextUint32() < restartBelow;
            if (restart) {
              bar = rng.nextIndex(nBars);
              sinceRestart = 0;
            } else {
              bar = bar + 1 === nBars ? 0 : bar + 1;
            }
          }
          const row = bar * n;
          for (let a = 0; a < n; a++) logReturns[offset + a] = logReturns[offset + a]! + table[row + a]!;
        }
        stepVarianceScale[step] = 1;
      }
    },
  };
  return model;
}

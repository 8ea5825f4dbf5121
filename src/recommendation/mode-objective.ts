// What a mode recommendation minimises, estimated on common scenarios (the same paths for every
// candidate), and the paired standard error of the difference between two candidates.
//   liquidation     P(any liquidation in the account)   = mean of the per-path indicator
//   expected-loss   E[loss]                              = mean of the per-path loss
//   es99            expected shortfall of the loss at 99 % (`expectedShortfallSorted`)
// Paired difference of candidates A and B: the difference of their estimates, with standard
// error sd(ψ_A − ψ_B) / √n over the paths, ψ the estimator's per-path influence value:
//   ψ = indicator (liquidation), loss (expected-loss), VaR + (loss − VaR)⁺ / (1 − α) (es99; the
//   linearisation of Manistre & Hancock 2005, VaR being each candidate's own).
// Because both candidates see the same paths, ψ_A − ψ_B is small wherever they behave alike,
// and the error is far below that of two independent runs.

import { expectedShortfallSorted, meanWithStandardError, valueAtRiskSorted } from '../kernel/tail-statistics.js';

export type ModeObjective = 'liquidation' | 'expected-loss' | 'es99';

export const MODE_OBJECTIVES: readonly ModeObjective[] = ['liquidation', 'expected-loss', 'es99'];

/** Confidence of the `es99` objective. */
export const ES_CONFIDENCE = 0.99;

/** One candidate's outcome on each common scenario (path). */
export interface PathSamples {
  /** 1 when any pool of the account is liquidated on the path, else 0. */
  readonly liquidated: Uint8Array;
  /** Account loss on the path (positive = loss), in one reporting asset for every candidate. */
  readonly loss: Float64Array;
}

/** The objective's estimate and its per-path influence values (see the file header). */
export interface ObjectiveEstimate {
  readonly value: number;
  readonly influence: Float64Array;
}

/** Estimate `objective` from `samples`. Throws on empty samples or mismatched lengths. */
export function estimateObjective(samples: PathSamples, objective: ModeObjective): ObjectiveEstimate {
  const n = samples.loss.length;
  if (n === 0 || samples.liquidated.length !== n) throw new Error(`estimateObjective: need as many indicators as losses (> 0), got ${samples.liquidated.length} and ${n}`);
  if (objective === 'liquidation') {
    const influence = Float64Array.from(samples.liquidated);
    return { value: meanWithStandardError(influence).value, influence };
  }
  if (objective === 'expected-loss') {
    const influence = Float64Array.from(samples.loss);
    return { value: meanWithStandardError(influence).value, influence };
  }
  const sorted = Float64Array.from(samples.loss).sort();
  const valueAtRisk = valueAtRiskSorted(sorted, ES_CONFIDENCE).value;
  const influence = new Float64Array(n);
  for (let i = 0; i < n; i++) influence[i] = valueAtRisk + Math.max(samples.loss[i]! - valueAtRisk, 0) / (1 - ES_CONFIDENCE);
  return { value: expectedShortfallSorted(sorted, ES_CONFIDENCE).value, influence };
}

export interface PairedDifference {
  /** value(A) − value(B): negative when A is better. */
  readonly difference: number;
  /** sd(ψ_A − ψ_B) / √n; null with one path. */
  readonly standardError: number | null;
}

/** A − B on the same paths, with the paired standard error. */
export function pairedDifference(a: ObjectiveEstimate, b: ObjectiveEstimate): PairedDifference {
  const n = a.influence.length;
  if (b.influence.length !== n) throw new Error(`pairedDifference: candidates were evaluated on ${n} and ${b.influence.length} paths; they must share the paths`);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = a.influence[i]! - b.influence[i]!;
  return { difference: a.value - b.value, standardError: meanWithStandardError(d).standardError };
}

// Tail thickness of returns as Student-t degrees of freedom, by the method of moments.

import { sampleKurtosis } from 'simple-statistics';

/** Bounds on the degrees of freedom used by the student-t model; see `studentTDfFromKurtosis`. */
const STUDENT_T_DF_MIN = 2.5;
const STUDENT_T_DF_MAX = 30;

/**
 * Degrees of freedom ν of the Student-t with the given excess kurtosis κ: a t with ν > 4 has
 * κ = 6 / (ν - 4), so ν = 4 + 6 / κ, clipped to [2.5, 30] (κ <= 0, thin tails: 30).
 *
 * The bounds: below ν = 2 the variance is infinite, so the model's variance matching is
 * impossible, and near 2 the unit-variance scale sqrt((ν - 2)/ν) makes almost every draw tiny and a
 * few enormous; 2.5 keeps a margin. Above 30 a t is practically normal (κ < 0.23, within two
 * standard errors sqrt(24/n) of zero for the 730 daily returns of two years), so 30 stands for
 * "normal tails". Caveat: the method of moments never gives ν <= 4 (κ would be infinite), and the
 * sample kurtosis of truly heavy tails is unstable and biased low, so ν here is an upper bound on
 * the tail index that crypto returns show; pass a smaller `--df` for a harsher tail.
 */
export function studentTDfFromKurtosis(excessKurtosis: number): number {
  if (!(excessKurtosis > 0)) return STUDENT_T_DF_MAX;
  return Math.min(STUDENT_T_DF_MAX, Math.max(STUDENT_T_DF_MIN, 4 + 6 / excessKurtosis));
}

/**
 * Excess kurtosis of a sample (unbiased estimator, as Excel/SAS/scipy with bias=False; via
 * simple-statistics `sampleKurtosis`). NaN for fewer than 4 values.
 */
export function excessKurtosis(values: readonly number[]): number {
  return values.length < 4 ? NaN : sampleKurtosis(values);
}

/**
 * Excess kurtosis at a longer (or shorter) horizon under independent increments: the cumulants of
 * a sum of k i.i.d. steps add up, so κ_k = κ_1 / k with k = stepMinutes / barMinutes. Use it to
 * carry a kurtosis measured on hourly bars to the simulation's step. Volatility clustering makes
 * real kurtosis decay more slowly than this, so at long steps the result understates the tails.
 */
export function kurtosisAtStep(excessKurtosisPerBar: number, barMinutes: number, stepMinutes: number): number {
  return (excessKurtosisPerBar * barMinutes) / stepMinutes;
}

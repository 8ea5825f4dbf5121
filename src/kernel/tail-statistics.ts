// Monte Carlo estimators over per-path values with their standard errors: the mean, empirical
// quantiles, value at risk and expected shortfall of losses (positive = loss).

import { compensatedSum } from '../domain/compensated-sum.js';

export { compensatedSum };

/** A point estimate and its Monte Carlo standard error (null where none applies). */
export interface Estimate {
  readonly value: number;
  readonly standardError: number | null;
}

/**
 * Sample mean of `values[from..to)` with standard error s / √n, s the sample standard deviation
 * (two-pass, compensated). n = 1 gives a standard error of null.
 */
export function meanWithStandardError(values: Float64Array, from = 0, to = values.length): Estimate {
  return meanWithStandardErrorOfSum(values, from, to, to - from > 0 ? compensatedSum(values, from, to) : 0);
}

/**
 * `meanWithStandardError` of values[from..to) given their compensated sum `sum` (taken as they
 * arrived, see RunningCompensatedSum): mean = sum / n, the rest as there.
 */
export function meanWithStandardErrorOfSum(values: Float64Array, from: number, to: number, sum: number): Estimate {
  const n = to - from;
  if (n <= 0) return { value: NaN, standardError: null };
  const mean = sum / n;
  if (n === 1) return { value: mean, standardError: null };
  const m2 = squaredDeviations(values, from, 1, n, mean);
  return { value: mean, standardError: Math.sqrt(m2 / (n - 1) / n) };
}

/**
 * M2 = Σ (x − mean)² over the `count` values at `offset`, `offset + stride`, … (added in that
 * order): the second pass of a two-pass variance (no cancellation from Σx² − (Σx)²/n). One
 * function for the blocks' statistics (run-block.ts `meanAndM2`) and the mean loss's standard
 * error: called for every block, it is compiled by the time the run's last statistics need it.
 */
export function squaredDeviations(values: Float64Array, offset: number, stride: number, count: number, mean: number): number {
  let m2 = 0;
  for (let p = 0; p < count; p++) {
    const d = values[offset + p * stride]! - mean;
    m2 += d * d;
  }
  return m2;
}

/** A Bernoulli proportion k / n with standard error sqrt(p (1 − p) / n). */
export function proportionWithStandardError(count: number, n: number): Estimate {
  const p = n > 0 ? count / n : NaN;
  return { value: p, standardError: n > 0 ? Math.sqrt((p * (1 - p)) / n) : null };
}

/** Slack on n q before rounding up, so 100 × 0.95 = 95.00000000000001 counts as 95. */
const RANK_SLACK = 1e-6;

/** ⌈n q⌉ clamped to [1, n], with n q first forgiven its rounding error (RANK_SLACK). */
export function rankAt(n: number, q: number): number {
  return Math.min(n, Math.max(1, Math.ceil(n * q - RANK_SLACK)));
}

/**
 * Empirical quantile of ascending `sorted` at level q ∈ (0, 1]: the order statistic
 * L_(⌈n q⌉) (the inverse of the empirical distribution function; Hyndman & Fan type 1).
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  return sorted[rankAt(n, q) - 1]!;
}

/**
 * Value at risk at confidence α of ascending losses: VaR = L_(⌈n α⌉). Standard error by the
 * distribution-free order-statistic method: the number of losses below the true quantile is
 * Binomial(n, α), so ranks n α ± sqrt(n α (1 − α)) bracket it with about ±1 standard deviation;
 * SE = (L_(⌈nα + d⌉) − L_(⌊nα − d⌋)) / 2, d = sqrt(n α (1 − α)) (Glasserman, Monte Carlo Methods in
 * Financial Engineering, 2004, §9.1.2; Serfling 1980, §2.6).
 */
export function valueAtRiskSorted(sorted: Float64Array, alpha: number): Estimate {
  const n = sorted.length;
  if (n === 0) return { value: NaN, standardError: null };
  const value = quantileSorted(sorted, alpha);
  const d = Math.sqrt(n * alpha * (1 - alpha));
  const upper = Math.min(n, Math.max(1, Math.ceil(n * alpha + d)));
  const lower = Math.min(n, Math.max(1, Math.floor(n * alpha - d)));
  return { value, standardError: n > 1 ? (sorted[upper - 1]! - sorted[lower - 1]!) / 2 : null };
}

/**
 * Expected shortfall at confidence α of ascending losses: the mean of the worst (1 − α) share,
 * the boundary order statistic weighted by its fraction (Acerbi & Tasche 2002):
 *   ES = [ (⌈nα⌉ − nα) L_(⌈nα⌉) + Σ_{i > ⌈nα⌉} L_(i) ] / (n − nα).
 * Standard error from its influence function VaR + (L − VaR)⁺ / (1 − α) − ES:
 *   SE = sd((L − VaR)⁺) / ((1 − α) √n)   (Manistre & Hancock 2005; Hong & Liu 2009).
 */
export function expectedShortfallSorted(sorted: Float64Array, alpha: number): Estimate {
  const n = sorted.length;
  if (n === 0) return { value: NaN, standardError: null };
  const m = n * alpha;
  const rank = rankAt(n, alpha);
  const valueAtRisk = sorted[rank - 1]!;
  const tail = compensatedSum(sorted, rank, n);
  const value = n - m > RANK_SLACK ? (Math.max(0, rank - m) * valueAtRisk + tail) / (n - m) : valueAtRisk;
  if (n === 1) return { value, standardError: null };
  // sd of Y = (L − VaR)⁺, two-pass; Y is zero below the VaR rank (sorted ascending).
  let sumY = 0;
  for (let i = rank; i < n; i++) sumY += sorted[i]! - valueAtRisk;
  const meanY = sumY / n;
  let m2 = rank * meanY * meanY;
  for (let i = rank; i < n; i++) {
    const d = sorted[i]! - valueAtRisk - meanY;
    m2 += d * d;
  }
  const sdY = Math.sqrt(m2 / (n - 1));
  return { value, standardError: sdY / ((1 - alpha) * Math.sqrt(n)) };
}

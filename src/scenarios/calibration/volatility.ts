// Annualised volatility of log returns from a price history, with uneven intervals handled.

import type { TimedReturns } from './log-returns.js';

/**
 * Highest annual volatility a model accepts (a fraction: 20 = 2,000 %/yr), from `--vol` or
 * calibrated from `--history`; more is a bad history (a split, a unit change, a bad tick).
 */
export const MAX_ANNUAL_VOL = 20;

interface VolatilityEstimate {
  /** Annualised volatility of log returns (365-day year). */
  readonly volAnnual: number;
  /** Annualised drift of log returns, μ̂ = Σ r / Σ Δt (removed before the variance). */
  readonly driftAnnual: number;
  /** Number of returns used. */
  readonly nReturns: number;
}

/**
 * Variance per unit time of a Brownian motion with drift observed at uneven times (each return
 * r_i over Δt_i years): with μ̂ = Σ r_i / Σ Δt_i,
 *   σ̂² = 1/(n - 1) Σ (r_i - μ̂ Δt_i)² / Δt_i
 * the weighted form of the sample variance: with equal bars it is sampleVariance(r) / Δt, the usual
 * "standard deviation of returns times sqrt(bars per year)"; a return over a gap of k bars counts as
 * one observation of a k-times larger variance instead of inflating the estimate.
 * Returns NaN volatility for fewer than 2 returns.
 */
export function annualizedVolatility(returns: TimedReturns): VolatilityEstimate {
  const { logReturns, dtYears } = returns;
  const n = logReturns.length;
  let sumR = 0;
  let sumDt = 0;
  for (let i = 0; i < n; i++) {
    sumR += logReturns[i]!;
    sumDt += dtYears[i]!;
  }
  if (n < 2 || !(sumDt > 0)) return { volAnnual: NaN, driftAnnual: NaN, nReturns: n };
  const drift = sumR / sumDt;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const e = logReturns[i]! - drift * dtYears[i]!;
    sumSq += (e * e) / dtYears[i]!;
  }
  return { volAnnual: Math.sqrt(sumSq / (n - 1)), driftAnnual: drift, nReturns: n };
}

/** Returns standardised to one year: z_i = (r_i - μ̂ Δt_i) / sqrt(Δt_i), comparable across gaps. */
export function standardizedReturns(returns: TimedReturns, driftAnnual: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < returns.logReturns.length; i++) {
    const dt = returns.dtYears[i]!;
    out.push((returns.logReturns[i]! - driftAnnual * dt) / Math.sqrt(dt));
  }
  return out;
}

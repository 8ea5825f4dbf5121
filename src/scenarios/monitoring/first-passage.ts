// Closed-form first-passage probabilities of Brownian motion with drift (hence of GBM in log
// price): the exact answers that simulated, discretely monitored paths are tested against.

import { standardNormalCdf } from './normal-cdf.js';

/**
 * P(min_{0<=t<=T} X_t <= b) for X_t = x0 + μ t + σ W_t and a barrier b < x0 (1 if b >= x0).
 * With m = b - x0 < 0 (reflection principle, e.g. Shreve, Stochastic Calculus for Finance II,
 * corollary 7.2.2; Borodin & Salminen, Handbook of Brownian Motion, 1.2.4):
 *   P = Φ((m - μT) / (σ sqrt T)) + exp(2 μ m / σ²) Φ((m + μT) / (σ sqrt T))
 * For GBM with zero drift in price, x = ln S and μ = -σ²/2.
 */
export function firstPassageLowerProbability(x0: number, barrier: number, drift: number, sigma: number, horizon: number): number {
  const m = barrier - x0;
  if (m >= 0) return 1;
  if (!(sigma > 0) || !(horizon > 0)) return x0 + drift * Math.max(horizon, 0) <= barrier ? 1 : 0;
  const s = sigma * Math.sqrt(horizon);
  const p = standardNormalCdf((m - drift * horizon) / s) + Math.exp((2 * drift * m) / (sigma * sigma)) * standardNormalCdf((m + drift * horizon) / s);
  return Math.min(1, p);
}

/**
 * P(max_{0<=t<=T} X_t >= b) for a barrier b > x0 (1 if b <= x0), by reflecting the lower case
 * (X ↦ -X turns the drift μ into -μ and the barrier distance m into -m), with m = b - x0 > 0:
 *   P = Φ((-m + μT) / (σ sqrt T)) + exp(2 μ m / σ²) Φ((-m - μT) / (σ sqrt T))
 */
export function firstPassageUpperProbability(x0: number, barrier: number, drift: number, sigma: number, horizon: number): number {
  return firstPassageLowerProbability(-x0, -barrier, -drift, sigma, horizon);
}

/** Lower-barrier first-passage probability of a GBM with zero drift in price: μ = -σ²/2 in log price. */
export function gbmHitBelowProbability(spot: number, barrierPrice: number, volAnnual: number, horizonYears: number): number {
  return firstPassageLowerProbability(Math.log(spot), Math.log(barrierPrice), -0.5 * volAnnual * volAnnual, volAnnual, horizonYears);
}

/** Upper-barrier first-passage probability of a GBM with zero drift in price. */
export function gbmHitAboveProbability(spot: number, barrierPrice: number, volAnnual: number, horizonYears: number): number {
  return firstPassageUpperProbability(Math.log(spot), Math.log(barrierPrice), -0.5 * volAnnual * volAnnual, volAnnual, horizonYears);
}

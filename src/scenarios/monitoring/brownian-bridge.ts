// Continuous monitoring between simulation steps: the probability that a Brownian path observed
// at two points crossed a barrier in between (the Brownian-bridge correction). Without it, a
// barrier checked only at step ends is hit too rarely (Broadie, Glasserman & Kou 1997).

/**
 * Probability that a Brownian motion (any drift) going from x0 to x1 over a step with variance
 * `variance` (σ² Δt, in the same log-price units) touched the lower barrier `barrier` in between:
 *   p = exp(-2 (x0 - b)(x1 - b) / (σ² Δt))   when x0 > b and x1 > b,
 *   p = 1                                    when x0 <= b or x1 <= b.
 * Conditional on both end points the drift drops out (the bridge does not depend on it).
 * With variance 0 the path is the straight line: 0 unless an end point is at or below b.
 * Source: the reflection principle for the Brownian bridge; e.g. Glasserman, Monte Carlo Methods
 * in Financial Engineering (2004), section 6.4, eq. (6.50).
 */
export function bridgeCrossLowerProbability(x0: number, x1: number, barrier: number, variance: number): number {
  const d0 = x0 - barrier;
  const d1 = x1 - barrier;
  if (d0 <= 0 || d1 <= 0) return 1;
  if (!(variance > 0)) return 0;
  return Math.exp((-2 * d0 * d1) / variance);
}

/**
 * The same for an upper barrier: p = exp(-2 (b - x0)(b - x1) / (σ² Δt)) when both end points are
 * below b, and 1 when either is at or above it.
 */
export function bridgeCrossUpperProbability(x0: number, x1: number, barrier: number, variance: number): number {
  const d0 = barrier - x0;
  const d1 = barrier - x1;
  if (d0 <= 0 || d1 <= 0) return 1;
  if (!(variance > 0)) return 0;
  return Math.exp((-2 * d0 * d1) / variance);
}

// The second lazy bound of a gradient pool (path-kernel.ts, lazy evaluation): a lower bound on
// the pool's health near its anchor that follows the pool's net exposure, where the first bound
// (h_E − Σ_a e^δ D_a |d_a|, D_a the gross notional on asset a) follows its gross exposure. On a
// hedged or near-boundary book the first bound fails within a step or two of every exact
// evaluation; this one skips every step whose health is provably far from a crossing.
//
// Within one bracket of every member (and above the zero of N × rate − amount), the pool's health
// is, per asset a, a sum of terms in e^{x_a} (linear contracts' PnL and maintenance, collateral)
// and e^{−x_a} (inverse contracts), plus constants:
//   h(x_E + d) − h(x_E) = Σ_a [P_a (e^{d_a} − 1) + M_a (e^{−d_a} − 1)]
// with P_a − M_a = g_a = ∂h/∂x_a at the anchor and M_a the e^{−x} part (inverse members:
// −s q / p − rate × N). By Taylor with the Lagrange remainder (|d_a| <= δ),
//   e^{±d} − 1 = ±d + ½ d² e^ξ, |ξ| <= δ   ⇒   h(x_E + d) >= h_E + Σ_a (g_a d_a + ½ Q_a d_a²),
//   Q_a = min(P_a e^−δ, P_a e^δ) + min(M_a e^−δ, M_a e^δ),
// and the gradient stays within |g_a(x) − g_a| <= (|P_a| + |M_a|) e^δ |d_a| (e^t − 1 <= t e^t), so
// the bridge's σ_h = ‖ḡ‖_Σ <= ‖g‖_Σ + Σ_a (|P_a| + |M_a|) e^δ sd_a max(|d_a| at both ends), by the
// triangle inequality of the Σ-norm and ‖v‖_Σ <= Σ_a |v_a| sd_a.
// The radii: d_a must keep every member on a inside its bracket: for a notional N in [L, U),
// ln(U / N) above and ln(N / L) below (swapped for inverse contracts, whose notional falls as
// the price rises), each taken from below by ln r >= 2 (r − 1) / (r + 1), and capped at δ. The
// maintenance jumps and rounding slack J of the first bound are subtracted the same way.
// The WebAssembly kernel (assembly/gradient-scan.ts `anchorBounds`, `lazyScan`) computes the same.

/**
 * δ: half-width in log price of the box around a gradient pool's anchor (lazy evaluation). Here,
 * in a file that imports nothing, so the trigger search (crossing-point.ts) reads it without a
 * cycle through gradient-pools.ts, which re-exports it.
 */
export const LAZY_RADIUS = 0.25;
/** e^δ: the growth of |∂h/∂x_a| bounds within the box. */
export const LAZY_GROWTH = Math.exp(LAZY_RADIUS);

/** 2 (r − 1) / (r + 1) <= ln r for r >= 1 (0 at or below 1, 2 at ∞): a cheap lower bound of a log radius. */
export function logRatioFloor(r: number): number {
  if (!(r > 1)) return 0;
  if (r === Infinity) return 2;
  return (2 * (r - 1)) / (r + 1);
}

/** The second bound at one anchor: nA values each (pool row), and the gradient's Σ-norm. */
export interface SecondBoundAnchor {
  readonly gradient: Float64Array;
  readonly curvature: Float64Array;
  readonly spread: Float64Array;
  readonly up: Float64Array;
  readonly down: Float64Array;
  /** One per pool. */
  readonly norm: Float64Array;
}

/**
 * Anchor pool `pool`'s second bound (row `pool × nA` of `anchor`) from the health's gradient g,
 * its e^−x part M and bracket-safe radii (`poolHealthAt` with slopes), the assets' step sd and
 * covariance (nA × nA), δ = `radius` and e^δ = `growth`.
 */
export function anchorSecondBound(
  anchor: SecondBoundAnchor,
  pool: number,
  nA: number,
  gradient: Float64Array,
  inverse: Float64Array,
  radiusUp: Float64Array,
  radiusDown: Float64Array,
  sd: Float64Array,
  covariance: Float64Array,
  radius: number,
  growth: number,
): void {
  const base = pool * nA;
  let norm = 0;
  for (let a = 0; a < nA; a++) {
    const g = gradient[a]!;
    const m = inverse[a]!;
    const p = g + m;
    anchor.gradient[base + a] = g;
    anchor.curvature[base + a] = (p < 0 ? p * growth : p / growth) + (m < 0 ? m * growth : m / growth);
    anchor.spread[base + a] = (Math.abs(p) + Math.abs(m)) * growth * sd[a]!;
    anchor.up[base + a] = Math.min(radius, radiusUp[a]!);
    anchor.down[base + a] = Math.min(radius, radiusDown[a]!);
    let sum = 0;
    for (let b = 0; b < nA; b++) sum += covariance[a * nA + b]! * gradient[b]!;
    norm += g * sum;
  }
  anchor.norm[pool] = norm > 0 ? Math.sqrt(norm) : 0;
}

/**
 * The second bound's lower bound of h(x_E + d) − h_E + J at distance `d` (nA) from the anchor, or
 * −∞ when d leaves the radii.
 */
export function secondBoundIncrement(anchor: SecondBoundAnchor, pool: number, nA: number, d: ArrayLike<number>): number {
  const base = pool * nA;
  let increment = 0;
  for (let a = 0; a < nA; a++) {
    const da = d[a]!;
    if (!(da < anchor.up[base + a]! && da > -anchor.down[base + a]!) && da !== 0) return -Infinity;
    increment += da * (anchor.gradient[base + a]! + 0.5 * anchor.curvature[base + a]! * da);
  }
  return increment;
}

/** The second bound on σ_h per unit step variance scale, for a step from distance d0 to d1. */
export function secondBoundSigma(anchor: SecondBoundAnchor, pool: number, nA: number, d0: ArrayLike<number>, d1: ArrayLike<number>): number {
  const base = pool * nA;
  let sigma = anchor.norm[pool]!;
  for (let a = 0; a < nA; a++) sigma += anchor.spread[base + a]! * Math.max(Math.abs(d0[a]!), Math.abs(d1[a]!));
  return sigma;
}

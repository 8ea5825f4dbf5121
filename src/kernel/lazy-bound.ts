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
// the bridge's σ_h = ‖ḡ‖_Σ <= ½ (‖g(x0)‖_Σ + ‖g(x1)‖_Σ) with ‖g(x)‖_Σ <= ‖g‖_Σ +
// Σ_a (|P_a| + |M_a|) e^δ sd_a |d_a| at each end x = x_E + d, by the triangle inequality of the
// Σ-norm and ‖v‖_Σ <= Σ_a |v_a| sd_a (so each end's bound is computed once, at the step it ends).
// The radii: within them every member on a stays inside its bracket: for a notional N in [L, U),
// ln(U / N) above and ln(N / L) below (swapped for inverse contracts, whose notional falls as
// the price rises), each taken from below by ln r >= 2 (r − 1) / (r + 1), and capped at δ. The
// maintenance jumps and rounding slack J of the first bound are subtracted the same way.
// Kinks: beyond its radius a member's notional leaves that smooth range (a book near a bracket
// floor: its radius is tiny), and the bound stays valid up to δ by what leaving can cost. The
// maintenance of a member is, as a function of its notional N, MM(N) = max(N rate_j − amount_j, 0)
// in the bracket j holding N, plus fees that do not depend on the bracket; the terms above freeze
// the anchor's bracket b and sign of raw, slope s_E = rate_b [raw > 0]. Apart from jumps at the
// floors (in J), MM differs from the frozen line by the integral of the change of its slope in N
// from where N left the smooth range, so by at most κ |N − N_s|, κ = max |s(N') − s_E| over the
// notionals N' reached (`kinkBound`: every bracket within a factor RADIUS_SHORTCUT_RATIO >= e^δ of
// N, each with both slopes rate_j and 0 it may take there), N_s the end of the range it left. As
// N = N_E e^{±d} and the end lies at least the radius r away in log price,
// |N − N_s| <= N_E e^δ (|d| − r)⁺ for |d| <= δ. Per asset, with K_a = e^δ Σ κ N_E over its members
// whose range ends within that factor (the rest never leave it within δ) and the radii up_a,
// down_a (the smallest of its members, so each member's hinge is below the asset's):
//   h(x_E + d) >= h_E + Σ_a (g_a d_a + ½ Q_a d_a² − K_a max(d_a − up_a, −d_a − down_a, 0)) − J
// for every |d_a| < δ, and the gradient moves by at most K_a beyond the frozen terms' (the slope
// change times ∂N/∂x = ±N, |N| <= N_E e^δ), and only once some d_a leaves its radii: the bound on
// ‖g(x)‖_Σ at such an end gains Σ_a K_a sd_a.
// The WebAssembly kernel (assembly/gradient-scan.ts `anchorBounds`, `lazyScan`) computes the same,
// the kinks only once a scan reaches past the bracket-safe radii (assembly/anchor-kinks.ts).

import { RADIUS_SHORTCUT_RATIO } from './radius-shortcut.js';

/**
 * δ: half-width in log price of the box around a gradient pool's anchor (lazy evaluation). Here,
 * in a file that imports only a leaf of constants, so the trigger search (crossing-point.ts) reads it without a
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

/**
 * κ N for a member whose bracket b (of `count`, from `start` in the book's bracket arrays) holds
 * its notional N, slopeE = rate_b [N rate_b − amount_b > 0]: the largest change of the
 * maintenance's slope in the notional, |rate_j [N' rate_j − amount_j > 0] − slopeE|, over the
 * notionals N' within a factor RADIUS_SHORTCUT_RATIO of N (every bracket j that range reaches,
 * each with both slopes it may take there: rate_j where N' rate_j − amount_j > 0 at an end of its
 * part of the range, 0 where it is not), times N. The kernel's twin: assembly/pool-health.ts.
 */
export function kinkBound(floors: Float64Array, rates: Float64Array, amounts: Float64Array, start: number, count: number, b: number, notional: number, slopeE: number): number {
  const high = notional * RADIUS_SHORTCUT_RATIO;
  const low = notional / RADIUS_SHORTCUT_RATIO;
  let j = b;
  while (j > 0 && floors[start + j]! > low) j--;
  let kappa = 0;
  for (; j < count; j++) {
    const floor = floors[start + j]!;
    if (j > b && floor > high) break;
    const upper = j + 1 < count ? floors[start + j + 1]! : Infinity;
    const rate = rates[start + j]!;
    const amount = amounts[start + j]!;
    const rawLow = Math.max(floor, low) * rate - amount;
    const rawHigh = Math.min(upper, high) * rate - amount;
    if (rawLow > 0 || rawHigh > 0) kappa = Math.max(kappa, Math.abs(rate - slopeE));
    if (!(rawLow > 0 && rawHigh > 0)) kappa = Math.max(kappa, Math.abs(slopeE));
  }
  return kappa * notional;
}

/** The second bound at one anchor: nA values each (pool row), and the gradient's Σ-norm. */
export interface SecondBoundAnchor {
  readonly gradient: Float64Array;
  readonly curvature: Float64Array;
  readonly spread: Float64Array;
  readonly up: Float64Array;
  readonly down: Float64Array;
  /** e^δ K_a. */
  readonly kink: Float64Array;
  /** One per pool. */
  readonly norm: Float64Array;
  /** One per pool: Σ_a e^δ K_a sd_a. */
  readonly kinkSigma: Float64Array;
}

/**
 * Anchor pool `pool`'s second bound (row `pool × nA` of `anchor`) from the health's gradient g,
 * its e^−x part M, bracket-safe radii and kinks K (`poolHealthAt` with slopes), the assets' step
 * sd and covariance (nA × nA), δ = `radius` and e^δ = `growth`.
 */
export function anchorSecondBound(
  anchor: SecondBoundAnchor,
  pool: number,
  nA: number,
  gradient: Float64Array,
  inverse: Float64Array,
  radiusUp: Float64Array,
  radiusDown: Float64Array,
  kink: Float64Array,
  sd: Float64Array,
  covariance: Float64Array,
  radius: number,
  growth: number,
): void {
  const base = pool * nA;
  let norm = 0;
  let kinkSigma = 0;
  for (let a = 0; a < nA; a++) {
    const k = growth * kink[a]!;
    anchor.kink[base + a] = k;
    kinkSigma += k * sd[a]!;
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
  anchor.kinkSigma[pool] = kinkSigma;
}

/**
 * The second bound's lower bound of h(x_E + d) − h_E + J at distance `d` (nA) from the anchor, or
 * −∞ when some |d_a| >= δ = `radius`.
 */
export function secondBoundIncrement(anchor: SecondBoundAnchor, pool: number, nA: number, d: ArrayLike<number>, radius: number): number {
  const base = pool * nA;
  let increment = 0;
  for (let a = 0; a < nA; a++) {
    const da = d[a]!;
    if (!(Math.abs(da) < radius)) return -Infinity;
    const hinge = Math.max(da - anchor.up[base + a]!, -anchor.down[base + a]! - da, 0);
    increment += da * (anchor.gradient[base + a]! + 0.5 * anchor.curvature[base + a]! * da) - anchor.kink[base + a]! * hinge;
  }
  return increment;
}

/**
 * The second bound's lower bound of h(x_E + d) − h_E + J for every d with low_a <= d_a <= high_a
 * (the range of several step ends, so the lazy scan can skip them at once: assembly/lazy-scan.ts
 * `blockBound`), or −∞ unless every −δ < low_a and high_a < δ: per asset the least of
 * g d + ½ Q d² over the range (at an end, or at the vertex −g / Q when it lies inside) minus
 * K_a times the larger hinge of the two ends (the hinge is convex).
 */
export function secondBoundBlock(anchor: SecondBoundAnchor, pool: number, nA: number, low: ArrayLike<number>, high: ArrayLike<number>, radius: number): number {
  const base = pool * nA;
  let increment = 0;
  for (let a = 0; a < nA; a++) {
    const dl = low[a]!;
    const dh = high[a]!;
    if (!(dl > -radius && dh < radius)) return -Infinity;
    const g = anchor.gradient[base + a]!;
    const hq = 0.5 * anchor.curvature[base + a]!;
    const q = (d: number): number => d * (g + hq * d);
    const v = -g / (hq + hq);
    const vertex = Number.isNaN(v) ? dl : Math.min(Math.max(v, dl), dh);
    const hinge = (d: number): number => Math.max(d - anchor.up[base + a]!, -anchor.down[base + a]! - d, 0);
    increment += Math.min(q(dl), q(dh), q(vertex)) - anchor.kink[base + a]! * Math.max(hinge(dl), hinge(dh));
  }
  return increment;
}

/**
 * The second bound on σ_h per unit step variance scale, for a step from distance d0 to d1 (both
 * within δ): ‖ḡ‖_Σ <= ½ (‖g(x0)‖_Σ + ‖g(x1)‖_Σ), each end's ‖g‖_Σ + Σ_a R_a |d_a|, plus the kinks'
 * σ at an end beyond the bracket-safe radii.
 */
export function secondBoundSigma(anchor: SecondBoundAnchor, pool: number, nA: number, d0: ArrayLike<number>, d1: ArrayLike<number>): number {
  const end = (d: ArrayLike<number>): number => {
    const base = pool * nA;
    let sum = 0;
    let withinRadii = true;
    for (let a = 0; a < nA; a++) {
      sum += anchor.spread[base + a]! * Math.abs(d[a]!);
      if (!(d[a]! < anchor.up[base + a]! && d[a]! > -anchor.down[base + a]!) && d[a] !== 0) withinRadii = false;
    }
    return withinRadii ? sum : sum + anchor.kinkSigma[pool]!;
  };
  return anchor.norm[pool]! + 0.5 * (end(d0) + end(d1));
}

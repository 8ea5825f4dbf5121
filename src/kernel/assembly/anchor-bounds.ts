// AssemblyScript (see gradient-scan.ts): the second lazy bound's anchor (src/kernel/lazy-bound.ts
// `anchorSecondBound`), set at the exact steps the kernel anchors the lazy bounds at; the lazy
// test that reads it is lazy-scan.ts.

import { normGradientAt, normExactAt, nA, sdAt, covarianceProductAt, gradientAt, inverseAt, upAt, downAt, anchorGradientAt, anchorCurvatureAt, anchorSpreadAt, anchorUpAt, anchorDownAt, anchorNormAt, f64At, setF64 } from './kernel-memory';
import { covarianceTimes } from './covariance-product';
import { setKinksPending } from './anchor-kinks';

/**
 * The second lazy bound's anchor (lazy-bound.ts `anchorSecondBound`) from what `health` left at
 * the anchor: g_a, M_a (the e^−x part) and the bracket-safe radii; P_a = g_a + M_a.
 *   curvature Q_a = min(P e^−δ, P e^δ) + min(M e^−δ, M e^δ); spread R_a = (|P_a| + |M_a|) e^δ sd_a;
 *   radii min(δ, bracket-safe); norm ‖g‖_Σ = sqrt(gᵀ Σ g).
 * The kinks e^δ K_a and their σ Σ_a e^δ K_a sd_a are left pending, for the first reader beyond
 * the radii (anchor-kinks.ts).
 */
export function anchorBounds(pool: i32, radius: f64, growth: f64): void {
  const n = nA;
  const base = <usize>(pool * n) << 3;
  // ‖g‖_Σ <= ‖g_ref‖_Σ + Σ_a |g_a − g_ref,a| sd_a for the last gradient whose norm was computed
  // exactly (`normGradient`, `normExact`): used while that drift stays within 5 % of it (the bound
  // is then within about 10 % of the norm), saving the nA² product at most anchors.
  let drift: f64 = 0;
  for (let a = 0; a < n; a++) {
    const g = f64At(gradientAt, a);
    const m = f64At(inverseAt, a);
    const p = g + m;
    setF64(anchorGradientAt + base, a, g);
    setF64(anchorCurvatureAt + base, a, (p < 0 ? p * growth : p / growth) + (m < 0 ? m * growth : m / growth));
    setF64(anchorSpreadAt + base, a, (abs<f64>(p) + abs<f64>(m)) * growth * f64At(sdAt, a));
    setF64(anchorUpAt + base, a, min<f64>(radius, f64At(upAt, a)));
    setF64(anchorDownAt + base, a, min<f64>(radius, f64At(downAt, a)));
    drift += abs<f64>(g - f64At(normGradientAt + base, a)) * f64At(sdAt, a);
  }
  setKinksPending(pool, true);
  const reference = f64At(normExactAt, pool);
  if (reference > 0 && drift <= 0.05 * reference) {
    setF64(anchorNormAt, pool, reference + drift);
    return;
  }
  covarianceTimes(gradientAt, covarianceProductAt);
  let norm: f64 = 0;
  for (let a = 0; a < n; a++) {
    const g = f64At(gradientAt, a);
    norm += g * f64At(covarianceProductAt, a);
    setF64(normGradientAt + base, a, g);
  }
  norm = norm > 0 ? sqrt<f64>(norm) : 0.0;
  setF64(normExactAt, pool, norm);
  setF64(anchorNormAt, pool, norm);
}

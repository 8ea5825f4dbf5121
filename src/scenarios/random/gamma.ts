// Gamma and chi-square variates (Marsaglia & Tsang 2000), the mixing variable of the Student-t.

import { nextStandardNormal } from './standard-normal.js';
import type { Xoshiro128 } from './xoshiro128.js';

/**
 * A Gamma(shape, 1) variate (mean = variance = shape), shape > 0.
 *
 * Marsaglia & Tsang, "A simple method for generating gamma variables", ACM TOMS 26(3), 2000:
 * for shape a >= 1, with d = a - 1/3 and c = 1 / sqrt(9d), repeat
 *   z ~ N(0,1), v = (1 + c z)^3 (retry if v <= 0), U ~ U(0,1),
 *   accept d v if U < 1 - 0.0331 z^4 (squeeze) or ln U < z^2/2 + d (1 - v + ln v).
 * For a < 1: Gamma(a) = Gamma(a + 1) · U^(1/a) (same paper, section 6).
 * Throws if shape is not a positive finite number (a caller bug).
 */
export function nextGamma(rng: Xoshiro128, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new Error(`nextGamma: shape must be > 0, got ${shape}`);
  if (shape < 1) return nextGamma(rng, shape + 1) * Math.pow(rng.nextUniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = nextStandardNormal(rng);
    const base = 1 + c * z;
    if (base <= 0) continue;
    const v = base * base * base;
    const u = rng.nextUniform();
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2) return d * v;
    if (Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A chi-square variate with `df` degrees of freedom (df > 0): χ²(ν) = 2 · Gamma(ν/2, 1). */
export function nextChiSquare(rng: Xoshiro128, df: number): number {
  return 2 * nextGamma(rng, 0.5 * df);
}

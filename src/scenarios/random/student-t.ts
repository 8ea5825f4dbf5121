// Student-t variates scaled to unit variance: the fat-tailed shock of the `student-t` model.

import { nextChiSquare } from './gamma.js';
import { fillStandardNormal, nextStandardNormal } from './standard-normal.js';
import type { Xoshiro128 } from './xoshiro128.js';

/** Throws unless df > 2 (the variance of a Student-t is finite only then). */
export function assertStudentTDf(df: number, functionName: string): void {
  if (!(df > 2) || !Number.isFinite(df)) {
    throw new Error(`${functionName}: Student-t degrees of freedom must be finite and > 2, got ${df}`);
  }
}

/**
 * The factor that turns a chi-square draw W ~ χ²(ν) into the unit-variance Student-t scale:
 * T = Z · sqrt(ν / W) has variance ν / (ν - 2), so T · sqrt((ν - 2) / ν) = Z · sqrt((ν - 2) / W)
 * has variance 1. Returns sqrt((ν - 2) / W).
 */
function unitVarianceTScale(df: number, chiSquare: number): number {
  return Math.sqrt((df - 2) / chiSquare);
}

/**
 * One Student-t variate with `df` > 2 degrees of freedom, scaled to unit variance:
 * `Z · sqrt((ν - 2) / W)`, Z ~ N(0,1), W ~ χ²(ν) independent. Excess kurtosis 6 / (ν - 4) for ν > 4.
 */
export function nextStudentTUnitVariance(rng: Xoshiro128, df: number): number {
  assertStudentTDf(df, 'nextStudentTUnitVariance');
  const z = nextStandardNormal(rng);
  return z * unitVarianceTScale(df, nextChiSquare(rng, df));
}

/**
 * Fill `out` with independent unit-variance Student-t variates (each with its own chi-square).
 * Allocates nothing; the normals are drawn first into `out`, then each is scaled.
 * (For a multivariate t sharing one chi-square across assets, see the student-t path model.)
 */
export function fillStudentTUnitVariance(rng: Xoshiro128, df: number, out: Float64Array): void {
  assertStudentTDf(df, 'fillStudentTUnitVariance');
  fillStandardNormal(rng, out);
  for (let k = 0; k < out.length; k++) out[k] = out[k]! * unitVarianceTScale(df, nextChiSquare(rng, df));
}

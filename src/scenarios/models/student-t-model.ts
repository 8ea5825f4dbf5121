// Correlated multivariate Student-t log returns scaled to the same variance as the `gbm` model:
// the `student-t` model, for fat-tailed one-step shocks that hit all assets together.

import { isIdentityFactor } from '../correlation/cholesky.js';
import { nextChiSquare } from '../random/gamma.js';
import { fillStandardNormal } from '../random/standard-normal.js';
import { assertStudentTDf } from '../random/student-t.js';
import type { Xoshiro128 } from '../random/xoshiro128.js';
import { correlateInPlace } from './correlate-in-place.js';
import { assertPathBuffers, assertStepGrid, type PathModel } from './path-model.js';

export interface StudentTModelSpec {
  readonly volAnnual: readonly number[];
  readonly choleskyFactor: Float64Array | null;
  /** Degrees of freedom ν > 2 (tails; smaller is fatter). */
  readonly df: number;
  readonly nSteps: number;
  readonly dtYears: number;
}

/**
 * Multivariate t by normal variance mixing, one mixing draw per step shared by all assets:
 *   W ~ χ²(ν),  m = (ν - 2) / W   (E[m] = 1, so the variance matches GBM),
 *   r_a = -σ_a² Δt m / 2 + σ_a sqrt(Δt) sqrt(m) (L z)_a,   z ~ N(0, I).
 * The diffusion term alone is a multivariate Student-t with correlation L Lᵀ, scaled to unit
 * variance per σ sqrt(Δt); the shared m makes large moves coincide across assets (tail dependence).
 *
 * Drift, and what holds exactly: a Student-t has no moment generating function, so no constant
 * drift can make E[exp(r)] = 1 (it is infinite). The drift is therefore conditional on m: given m,
 * r_a is normal with variance s² = σ_a² Δt m and mean -s²/2, so E[exp(r_a) | m] = 1. By the tower
 * property every step is a martingale in price and E[S_T] = S_0 exactly, as in `gbm`; also
 * E[ln S_T / S_0] = -σ² T / 2 exactly, as in `gbm`. The price of this is a small extra variance of
 * the log return from the random drift: Var[r_a] = σ² Δt + (σ² Δt)² / (2 (ν - 4)) for ν > 4 (relative
 * excess σ² Δt / (2 (ν - 4)), about 6e-5 for σ = 100 %, hourly steps, ν = 5); for ν <= 4 that term,
 * like the kurtosis, is infinite. The diffusion part has variance σ² Δt exactly.
 *
 * The bridge variance of step k is σ_a² Δt m_k (stepVarianceScale[k] = m_k): within the step the
 * path is Brownian with that variance, conditional on m_k.
 */
export function createStudentTModel(spec: StudentTModelSpec): PathModel {
  const n = spec.volAnnual.length;
  assertStepGrid('createStudentTModel', spec.nSteps, spec.dtYears);
  assertStudentTDf(spec.df, 'createStudentTModel');
  const halfVariance = new Float64Array(n);
  const sd = new Float64Array(n);
  const stepVariance = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const vol = spec.volAnnual[a]!;
    if (!(vol >= 0) || !Number.isFinite(vol)) throw new Error(`createStudentTModel: volAnnual[${a}] must be finite and >= 0, got ${vol}`);
    stepVariance[a] = vol * vol * spec.dtYears;
    halfVariance[a] = 0.5 * stepVariance[a]!;
    sd[a] = vol * Math.sqrt(spec.dtYears);
  }
  const l = spec.choleskyFactor;
  if (l !== null && l.length !== n * n) throw new Error(`createStudentTModel: Cholesky factor has ${l.length} entries, expected ${n * n}`);
  const correlated = l !== null && !isIdentityFactor(l, n);
  const { df, nSteps } = spec;

  const model: PathModel = {
    kind: 'student-t',
    nAssets: n,
    nSteps,
    dtYears: spec.dtYears,
    stepVariance,
    fillPath(rng: Xoshiro128, logReturns: Float64Array, stepVarianceScale: Float64Array): void {
      assertPathBuffers(model, logReturns, stepVarianceScale);
      fillStandardNormal(rng, logReturns, 0, nSteps * n);
      for (let step = 0; step < nSteps; step++) {
        const offset = step * n;
        const mixing = (df - 2) / nextChiSquare(rng, df);
        const scale = Math.sqrt(mixing);
        if (correlated) correlateInPlace(l, n, logReturns, offset);
        for (let a = 0; a < n; a++) {
          logReturns[offset + a] = -halfVariance[a]! * mixing + sd[a]! * scale * logReturns[offset + a]!;
        }
        stepVarianceScale[step] = mixing;
      }
    },
  };
  return model;
}

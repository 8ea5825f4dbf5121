// Correlated geometric Brownian motion with zero drift in price: the default `gbm` model.

import { isIdentityFactor } from '../correlation/cholesky.js';
import { fillStandardNormal } from '../random/standard-normal.js';
import type { Xoshiro128 } from '../random/xoshiro128.js';
import { correlateInPlace } from './correlate-in-place.js';
import { assertPathBuffers, assertStepGrid, type PathModel } from './path-model.js';

export interface GbmModelSpec {
  /** Annualised volatility of log returns per asset (365-day year), >= 0. */
  readonly volAnnual: readonly number[];
  /** Cholesky factor of the assets' correlation (flat n × n, from `choleskyLower`); null: independent. */
  readonly choleskyFactor: Float64Array | null;
  readonly nSteps: number;
  readonly dtYears: number;
}

/**
 * GBM: dS/S = σ dW with correlated W, so each step's log return is
 *   r_a = -σ_a² Δt / 2 + σ_a sqrt(Δt) (L z)_a,   z ~ N(0, I)
 * which makes E[S_a(t + Δt) | S_a(t)] = S_a(t) (zero drift in price) and Var[ln S_T / S_0] = σ² T.
 */
export function createGbmModel(spec: GbmModelSpec): PathModel {
  const n = spec.volAnnual.length;
  assertStepGrid('createGbmModel', spec.nSteps, spec.dtYears);
  const drift = new Float64Array(n);
  const sd = new Float64Array(n);
  const stepVariance = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const vol = spec.volAnnual[a]!;
    if (!(vol >= 0) || !Number.isFinite(vol)) throw new Error(`createGbmModel: volAnnual[${a}] must be finite and >= 0, got ${vol}`);
    stepVariance[a] = vol * vol * spec.dtYears;
    drift[a] = -0.5 * stepVariance[a]!;
    sd[a] = vol * Math.sqrt(spec.dtYears);
  }
  const l = spec.choleskyFactor;
  if (l !== null && l.length !== n * n) throw new Error(`createGbmModel: Cholesky factor has ${l.length} entries, expected ${n * n}`);
  const correlated = l !== null && !isIdentityFactor(l, n);
  const nSteps = spec.nSteps;

  const model: PathModel = {
    kind: 'gbm',
    nAssets: n,
    nSteps,
    dtYears: spec.dtYears,
    stepVariance,
    fillPath(rng: Xoshiro128, logReturns: Float64Array, stepVarianceScale: Float64Array): void {
      assertPathBuffers(model, logReturns, stepVarianceScale);
      fillStandardNormal(rng, logReturns, 0, nSteps * n);
      for (let step = 0; step < nSteps; step++) {
        const offset = step * n;
        if (correlated) correlateInPlace(l, n, logReturns, offset);
        for (let a = 0; a < n; a++) logReturns[offset + a] = drift[a]! + sd[a]! * logReturns[offset + a]!;
        stepVarianceScale[step] = 1;
      }
    },
  };
  return model;
}

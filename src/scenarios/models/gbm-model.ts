// Correlated geometric Brownian motion with zero drift in price: the default `gbm` model.

import { isIdentityFactor } from '../correlation/cholesky.js';
import { NORMAL_KERNEL_BYTES, NormalKernel } from '../random/standard-normal.js';
import { createWasmMemory } from '../wasm-runtime.js';
import type { Xoshiro128 } from '../random/xoshiro128.js';
import { CorrelateKernel, packedFactorBytes, packFactor } from './correlate-in-place.js';
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
 * Computed as drift + Σ_b (σ_a sqrt(Δt) L[a][b]) z_b, the volatility folded into the factor.
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
  const cells = nSteps * n;
  // The model's own WebAssembly memory: the normal kernel's tables, then the factor with σ_a
  // folded into its rows (σ_a L[a][b], packed for the correlate kernel), the drift, σ_a sqrt(Δt)
  // (the uncorrelated fill's scale), and the normals z and log returns of one path, padded to
  // whole groups of four steps for the correlate kernel (fillPath is synchronous, so one memory
  // per model is enough).
  const quads = Math.ceil(nSteps / 4);
  const factorAt = NORMAL_KERNEL_BYTES;
  const driftAt = factorAt + packedFactorBytes(n);
  const sdAt = driftAt + 8 * n + 8;
  const normalsAt = sdAt + 8 * n;
  const returnsAt = normalsAt + 8 * 4 * quads * n;
  const memory = createWasmMemory(returnsAt + 8 * 4 * quads * n);
  const normals = new NormalKernel(memory);
  const correlate = new CorrelateKernel(memory);
  if (l !== null && correlated) {
    const scaled = new Float64Array(n * n);
    for (let a = 0; a < n; a++) for (let b = 0; b <= a; b++) scaled[a * n + b] = sd[a]! * l[a * n + b]!;
    packFactor(scaled, n, memory.f64.subarray(factorAt / 8, driftAt / 8));
  }
  memory.f64.set(drift, driftAt / 8);
  memory.f64.set(sd, sdAt / 8);
  const r = memory.f64.subarray(returnsAt / 8, returnsAt / 8 + cells);

  /** The path's log returns: all its normals first, in step-major order (the sequence fillStandardNormal gives). */
  const fillReturns = (rng: Xoshiro128, logReturns: Float64Array): void => {
    normals.fill(rng, normalsAt, cells);
    if (correlated) {
      // r = drift + (σ L) z step by step: correlateSteps(σL, n, z, r, drift, nSteps).
      correlate.run(factorAt, n, normalsAt, returnsAt, driftAt, quads);
    } else {
      // r = drift + σ z, value by value.
      correlate.scaleShift(sdAt, n, normalsAt, returnsAt, driftAt, cells);
    }
    logReturns.set(r);
  };
  const fillPath = (rng: Xoshiro128, logReturns: Float64Array, stepVarianceScale: Float64Array): void => {
    assertPathBuffers(model, logReturns, stepVarianceScale);
    fillReturns(rng, logReturns);
    stepVarianceScale.fill(1, 0, nSteps);
  };
  // Every step's variance scale is 1: a runner that keeps its scales at 1 calls fillReturns alone
  // (path-model.ts `unitScaleFill`), sparing a fill of nSteps values per path.
  const model: PathModel = {
    kind: 'gbm',
    nAssets: n,
    nSteps,
    dtYears: spec.dtYears,
    stepVariance,
    fillPath,
    unitScales: {
      fillPath,
      fillReturns(rng: Xoshiro128, logReturns: Float64Array): void {
        if (logReturns.length < cells) throw new Error(`gbm.fillReturns: logReturns too short (${logReturns.length} < ${cells})`);
        fillReturns(rng, logReturns);
      },
    },
  };
  return model;
}

import { describe, expect, it } from 'vitest';
import { choleskyLower } from '../../../src/scenarios/correlation/cholesky.js';
import { createGbmModel } from '../../../src/scenarios/models/gbm-model.js';
import { allocatePathBuffers } from '../../../src/scenarios/models/path-model.js';
import { streamForBlock } from '../../../src/scenarios/random/stream-for-block.js';
import { correlation, sampleMoments } from '../sample-moments.js';

const YEAR = 1;
const DAY = YEAR / 365;

/** Terminal log returns ln(S_T / S_0) of every path, per asset: out[a][path]. */
function terminalLogReturns(vols: number[], rho: number, horizonYears: number, nSteps: number, nPaths: number, seed: number): Float64Array[] {
  const n = vols.length;
  const corr = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : rho)));
  const model = createGbmModel({ volAnnual: vols, choleskyFactor: choleskyLower(corr), nSteps, dtYears: horizonYears / nSteps });
  const { logReturns, stepVarianceScale } = allocatePathBuffers(model);
  const out = vols.map(() => new Float64Array(nPaths));
  const rng = streamForBlock(seed, 0);
  for (let p = 0; p < nPaths; p++) {
    model.fillPath(rng, logReturns, stepVarianceScale);
    for (let a = 0; a < n; a++) {
      let sum = 0;
      for (let s = 0; s < nSteps; s++) sum += logReturns[s * n + a]!;
      out[a]![p] = sum;
    }
  }
  return out;
}

describe('gbm model', () => {
  const vols = [0.8, 1.2];
  const T = 7 * DAY;
  const nPaths = 50_000;
  const [x1, x2] = terminalLogReturns(vols, 0.6, T, 24, nPaths, 1) as [Float64Array, Float64Array];

  it('has zero drift in price: E[S_T] = S_0 within 3 standard errors', () => {
    // SE of mean(S_T/S_0) = sqrt(exp(σ²T) - 1) / sqrt(n): 0.00497 for σ = 0.8, 0.00747 for σ = 1.2.
    vols.forEach((vol, a) => {
      const x = a === 0 ? x1 : x2;
      const gross = x.map(Math.exp);
      const se = Math.sqrt(Math.expm1(vol * vol * T)) / Math.sqrt(nPaths);
      expect(Math.abs(sampleMoments(gross).mean - 1)).toBeLessThan(3 * se);
    });
  });

  it('has Var[ln S_T] = σ² T and E[ln S_T] = -σ² T / 2 within 3 standard errors', () => {
    vols.forEach((vol, a) => {
      const m = sampleMoments(a === 0 ? x1 : x2);
      const variance = vol * vol * T;
      expect(Math.abs(m.variance - variance)).toBeLessThan(3 * variance * Math.sqrt(2 / (nPaths - 1)));
      expect(Math.abs(m.mean + variance / 2)).toBeLessThan(3 * Math.sqrt(variance / nPaths));
    });
  });

  it('correlates the assets as asked', () => {
    // SE of a sample correlation ≈ (1 - ρ²) / sqrt(n) = 0.00286.
    expect(Math.abs(correlation(x1, x2) - 0.6)).toBeLessThan(3 * 0.00286);
  });

  it('reports σ² Δt per step and a variance scale of 1', () => {
    const model = createGbmModel({ volAnnual: [0.5], choleskyFactor: null, nSteps: 10, dtYears: DAY });
    expect(model.stepVariance[0]).toBeCloseTo(0.25 * DAY, 18);
    const buffers = allocatePathBuffers(model);
    model.fillPath(streamForBlock(1, 0), buffers.logReturns, buffers.stepVarianceScale);
    expect(Array.from(buffers.stepVarianceScale)).toEqual(new Array(10).fill(1));
  });

  it('gives identical paths for the same seed and block', () => {
    const a = terminalLogReturns([0.5, 0.7], 0.3, DAY, 8, 10, 99);
    const b = terminalLogReturns([0.5, 0.7], 0.3, DAY, 8, 10, 99);
    expect(a).toEqual(b);
  });

  it('rejects bad inputs', () => {
    expect(() => createGbmModel({ volAnnual: [-0.1], choleskyFactor: null, nSteps: 1, dtYears: DAY })).toThrow(/volAnnual/);
    expect(() => createGbmModel({ volAnnual: [0.1], choleskyFactor: null, nSteps: 0, dtYears: DAY })).toThrow(/nSteps/);
    const model = createGbmModel({ volAnnual: [0.1, 0.2], choleskyFactor: null, nSteps: 4, dtYears: DAY });
    expect(() => model.fillPath(streamForBlock(1, 0), new Float64Array(7), new Float64Array(4))).toThrow(/too short/);
  });
});

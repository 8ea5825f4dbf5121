import { describe, expect, it } from 'vitest';
import { createGbmModel } from '../../../src/scenarios/models/gbm-model.js';
import { allocatePathBuffers, type PathModel } from '../../../src/scenarios/models/path-model.js';
import { createStudentTModel } from '../../../src/scenarios/models/student-t-model.js';
import { streamForBlock } from '../../../src/scenarios/random/stream-for-block.js';
import { correlation, sampleMoments } from '../sample-moments.js';

const DAY = 1 / 365;

/** All step log returns of asset `a` (nPaths × nSteps values), and the variance scales. */
function stepReturns(model: PathModel, nPaths: number, seed: number): { perAsset: Float64Array[]; scales: Float64Array; terminal: Float64Array[] } {
  const { logReturns, stepVarianceScale } = allocatePathBuffers(model);
  const n = model.nAssets;
  const total = nPaths * model.nSteps;
  const perAsset = Array.from({ length: n }, () => new Float64Array(total));
  const terminal = Array.from({ length: n }, () => new Float64Array(nPaths));
  const scales = new Float64Array(total);
  const rng = streamForBlock(seed, 0);
  for (let p = 0; p < nPaths; p++) {
    model.fillPath(rng, logReturns, stepVarianceScale);
    for (let s = 0; s < model.nSteps; s++) {
      scales[p * model.nSteps + s] = stepVarianceScale[s]!;
      for (let a = 0; a < n; a++) {
        perAsset[a]![p * model.nSteps + s] = logReturns[s * n + a]!;
        terminal[a]![p] = terminal[a]![p]! + logReturns[s * n + a]!;
      }
    }
  }
  return { perAsset, scales, terminal };
}

describe('student-t model', () => {
  it('matches the gbm variance per step: Var[r] = σ²Δt within 3 standard errors (ν = 6)', () => {
    // 10000 paths × 10 steps = 100000 returns. For ν = 6 the returns have kurtosis about 3 + 6/(ν-4) = 6,
    // so SE(variance) ≈ σ²Δt sqrt(5/n) = 0.0071 σ²Δt. The random-drift excess σ²Δt/(2(ν-4)) is 3e-4 relative.
    const vol = 0.9;
    const dt = DAY;
    const model = createStudentTModel({ volAnnual: [vol], choleskyFactor: null, df: 6, nSteps: 10, dtYears: dt });
    const { perAsset, scales } = stepReturns(model, 10_000, 3);
    const m = sampleMoments(perAsset[0]!);
    const variance = vol * vol * dt;
    expect(Math.abs(m.variance - variance)).toBeLessThan(3 * variance * Math.sqrt(5 / m.n));
    // The mixing variable has mean 1 and variance 2/(ν-4) = 1: SE of its mean = 1/sqrt(n) = 0.0032.
    expect(Math.abs(sampleMoments(scales).mean - 1)).toBeLessThan(3 * 0.0032);
    expect(model.stepVariance[0]).toBeCloseTo(variance, 18);
  });

  it('has fat tails: excess kurtosis far above 0', () => {
    const model = createStudentTModel({ volAnnual: [0.9], choleskyFactor: null, df: 6, nSteps: 10, dtYears: DAY });
    expect(sampleMoments(stepReturns(model, 10_000, 4).perAsset[0]!).excessKurtosis).toBeGreaterThan(1.5);
  });

  it('keeps zero drift in price: E[S_T] = S_0 within 3 standard errors (ν = 5)', () => {
    // 40000 paths of 24 steps over a week; SE from the sample standard deviation of S_T/S_0.
    const model = createStudentTModel({ volAnnual: [1.0], choleskyFactor: null, df: 5, nSteps: 24, dtYears: (7 * DAY) / 24 });
    const { terminal } = stepReturns(model, 40_000, 5);
    const gross = sampleMoments(terminal[0]!.map(Math.exp));
    expect(Math.abs(gross.mean - 1)).toBeLessThan(3 * Math.sqrt(gross.variance / gross.n));
  });

  it('makes large moves coincide across assets through the shared mixing, even uncorrelated', () => {
    // With ρ = 0, gbm returns are independent (corr of squares ≈ 0, SE 1/sqrt(n) = 0.0032);
    // the multivariate t shares m per step, so squared returns are positively correlated.
    const spec = { volAnnual: [0.8, 0.8], choleskyFactor: null, nSteps: 10, dtYears: DAY };
    const t = stepReturns(createStudentTModel({ ...spec, df: 5 }), 10_000, 6).perAsset;
    const g = stepReturns(createGbmModel(spec), 10_000, 6).perAsset;
    const sq = (x: Float64Array): Float64Array => x.map((v) => v * v);
    expect(Math.abs(correlation(g[0]!, g[1]!))).toBeLessThan(3 * 0.0032);
    expect(Math.abs(correlation(t[0]!, t[1]!))).toBeLessThan(3 * 0.0032);
    expect(Math.abs(correlation(sq(g[0]!), sq(g[1]!)))).toBeLessThan(3 * 0.0032);
    expect(correlation(sq(t[0]!), sq(t[1]!))).toBeGreaterThan(0.1);
  });

  it('reports the mixing variable as the step variance scale', () => {
    const model = createStudentTModel({ volAnnual: [0.5], choleskyFactor: null, df: 4, nSteps: 50, dtYears: DAY });
    const { scales } = stepReturns(model, 1, 7);
    expect(new Set(scales).size).toBe(50);
    expect(Math.min(...scales)).toBeGreaterThan(0);
  });

  it('requires ν > 2', () => {
    expect(() => createStudentTModel({ volAnnual: [0.5], choleskyFactor: null, df: 2, nSteps: 1, dtYears: DAY })).toThrow(/> 2/);
  });
});

import { describe, expect, it } from 'vitest';
import { nextChiSquare, nextGamma } from '../../../src/scenarios/random/gamma.js';
import { fillStudentTUnitVariance, nextStudentTUnitVariance } from '../../../src/scenarios/random/student-t.js';
import { Xoshiro128 } from '../../../src/scenarios/random/xoshiro128.js';
import { sampleMoments } from '../sample-moments.js';

function sample(n: number, draw: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}

describe('gamma and chi-square (Marsaglia–Tsang)', () => {
  it.each([
    // Gamma(a, 1): mean a, variance a. n = 100000: SE(mean) = sqrt(a/n); SE(variance) = a sqrt((2 + 6/a)/n).
    { shape: 0.5, n: 100_000 },
    { shape: 2.5, n: 100_000 },
    { shape: 30, n: 100_000 },
  ])('Gamma($shape) has mean and variance equal to the shape', ({ shape, n }) => {
    const rng = Xoshiro128.fromSeed(100 + Math.round(shape * 10));
    const m = sampleMoments(sample(n, () => nextGamma(rng, shape)));
    expect(Math.abs(m.mean - shape)).toBeLessThan(3 * Math.sqrt(shape / n));
    expect(Math.abs(m.variance - shape)).toBeLessThan(3 * shape * Math.sqrt((2 + 6 / shape) / n));
  });

  it('Gamma(0.5) puts the right mass near 0 (the shape < 1 boost)', () => {
    // P(X < 0.01) = 0.11246291601828491 (scipy.stats.gamma.cdf(0.01, 0.5)); n = 100000, SE = 1.0e-3.
    const rng = Xoshiro128.fromSeed(8);
    let below = 0;
    for (let i = 0; i < 100_000; i++) if (nextGamma(rng, 0.5) < 0.01) below++;
    expect(Math.abs(below / 100_000 - 0.11246291601828491)).toBeLessThan(3 * 1.0e-3);
  });

  it('chi-square(5) has mean 5, variance 10 and the right upper tail', () => {
    // n = 100000: SE(mean) = sqrt(10/n) = 0.01; P(X > 11.07) = 0.050009618622405425 (scipy), SE = 6.9e-4.
    const rng = Xoshiro128.fromSeed(12);
    const x = sample(100_000, () => nextChiSquare(rng, 5));
    const m = sampleMoments(x);
    expect(Math.abs(m.mean - 5)).toBeLessThan(3 * 0.01);
    let above = 0;
    for (const v of x) if (v > 11.07) above++;
    expect(Math.abs(above / x.length - 0.050009618622405425)).toBeLessThan(3 * 6.9e-4);
  });

  it('rejects a non-positive shape', () => {
    expect(() => nextGamma(Xoshiro128.fromSeed(1), 0)).toThrow(/shape/);
  });
});

describe('Student-t scaled to unit variance', () => {
  it('has variance 1 and the kurtosis 6 / (ν - 4) of a t with ν = 12', () => {
    // n = 200000, ν = 12. SE(variance) = sqrt((μ4 - 1)/n) with μ4 = 3 + 6/8 = 3.75: 0.0037.
    // SE(excess kurtosis) by the delta method, sqrt((μ8 - 4 μ4 μ6 + 4 μ4³ - μ4²)/n) with the
    // standardised t moments (μ6 = 31.25, μ8 = 546.875 for ν = 12): sqrt(275/n) = 0.037.
    const rng = Xoshiro128.fromSeed(21);
    const x = new Float64Array(200_000);
    fillStudentTUnitVariance(rng, 12, x);
    const m = sampleMoments(x);
    expect(Math.abs(m.mean)).toBeLessThan(3 * Math.sqrt(1 / x.length));
    expect(Math.abs(m.variance - 1)).toBeLessThan(3 * 0.0037);
    expect(Math.abs(m.excessKurtosis - 0.75)).toBeLessThan(3 * 0.037);
  });

  it('matches the t(5) tail probabilities (scipy)', () => {
    // Unit-variance t5 = t5 · sqrt(3/5). P(X > 2) = t.sf(2/sqrt(0.6), 5) = 0.024656543836826333;
    // P(X > 4) = 0.0017864131480804628. n = 200000: SE = 3.5e-4 and 9.4e-5.
    const rng = Xoshiro128.fromSeed(22);
    let above2 = 0;
    let above4 = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const v = nextStudentTUnitVariance(rng, 5);
      if (v > 2) above2++;
      if (v > 4) above4++;
    }
    expect(Math.abs(above2 / n - 0.024656543836826333)).toBeLessThan(3 * 3.5e-4);
    expect(Math.abs(above4 / n - 0.0017864131480804628)).toBeLessThan(3 * 9.4e-5);
  });

  it('requires ν > 2', () => {
    expect(() => nextStudentTUnitVariance(Xoshiro128.fromSeed(1), 2)).toThrow(/> 2/);
  });
});

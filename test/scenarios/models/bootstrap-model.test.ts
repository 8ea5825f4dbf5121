import { describe, expect, it } from 'vitest';
import { barsPerStep, createBootstrapModel, defaultMeanBlockBars } from '../../../src/scenarios/models/bootstrap-model.js';
import { allocatePathBuffers } from '../../../src/scenarios/models/path-model.js';
import type { ReturnHistory } from '../../../src/scenarios/models/return-history.js';
import { fillStandardNormal } from '../../../src/scenarios/random/standard-normal.js';
import { streamForBlock } from '../../../src/scenarios/random/stream-for-block.js';
import { Xoshiro128 } from '../../../src/scenarios/random/xoshiro128.js';
import { correlation, sampleMoments } from '../sample-moments.js';

const HOUR = 1 / (365 * 24);

/**
 * A synthetic hourly history of two assets correlated 0.7, with volatility regimes (0.5 % and 2 %
 * per bar, switching every 50 bars) so that squared returns cluster, and a strong upward drift.
 */
function syntheticHistory(nBars: number): ReturnHistory {
  const z = new Float64Array(2 * nBars);
  fillStandardNormal(Xoshiro128.fromSeed(77), z);
  const out = new Float64Array(2 * nBars);
  for (let b = 0; b < nBars; b++) {
    const sd = Math.floor(b / 50) % 2 === 0 ? 0.005 : 0.02;
    const z1 = z[2 * b]!;
    const z2 = 0.7 * z1 + Math.sqrt(1 - 0.49) * z[2 * b + 1]!;
    out[2 * b] = 0.001 + sd * z1;
    out[2 * b + 1] = 0.001 + 1.5 * sd * z2;
  }
  return { symbols: ['AAA', 'BBB'], barMinutes: 60, nBars, logReturns: out, barEndMs: Float64Array.from({ length: nBars }, (_, b) => (b + 1) * 3_600_000) };
}

/** Lag-1 autocorrelation of squared values. */
function squaredAutocorrelation(x: Float64Array): number {
  const sq = x.map((v) => v * v);
  return correlation(sq.subarray(0, sq.length - 1), sq.subarray(1));
}

describe('bootstrap model', () => {
  const history = syntheticHistory(20_000);
  const source = (col: number): Float64Array => history.logReturns.filter((_, k) => k % 2 === col);

  it('keeps the cross-asset correlation of the source (first step of independent paths)', () => {
    // Each path's first bar is a uniform draw of a whole cross-section, so the 20000 first steps are
    // i.i.d. draws from the history: SE of the correlation ≈ (1 - ρ²)/sqrt(n) ≈ 0.0036.
    const model = createBootstrapModel({ history, columns: [0, 1], nSteps: 1, dtYears: HOUR });
    const { logReturns, stepVarianceScale } = allocatePathBuffers(model);
    const rng = streamForBlock(1, 0);
    const x = new Float64Array(20_000);
    const y = new Float64Array(20_000);
    for (let p = 0; p < x.length; p++) {
      model.fillPath(rng, logReturns, stepVarianceScale);
      x[p] = logReturns[0]!;
      y[p] = logReturns[1]!;
    }
    const target = correlation(source(0), source(1));
    expect(target).toBeGreaterThan(0.65);
    expect(Math.abs(correlation(x, y) - target)).toBeLessThan(3 * 0.0036);
  });

  it('removes the drift: E[exp(r)] = 1 per bar (zero drift in price)', () => {
    // Uniform single-bar draws; SE from the sample standard deviation.
    const model = createBootstrapModel({ history, columns: [0, 1], nSteps: 1, dtYears: HOUR, meanBlockBars: 1 });
    const { logReturns, stepVarianceScale } = allocatePathBuffers(model);
    const rng = streamForBlock(2, 0);
    const gross = new Float64Array(50_000);
    for (let p = 0; p < gross.length; p++) {
      model.fillPath(rng, logReturns, stepVarianceScale);
      gross[p] = Math.exp(logReturns[1]!);
    }
    const m = sampleMoments(gross);
    expect(Math.abs(m.mean - 1)).toBeLessThan(3 * Math.sqrt(m.variance / m.n));
  });

  it('keeps volatility clustering within blocks, and i.i.d. resampling destroys it', () => {
    const clustered = squaredAutocorrelation(source(0));
    expect(clustered).toBeGreaterThan(0.1);
    const run = (meanBlockBars: number): number => {
      const model = createBootstrapModel({ history, columns: [0], nSteps: 5_000, dtYears: HOUR, meanBlockBars });
      const { logReturns, stepVarianceScale } = allocatePathBuffers(model);
      model.fillPath(streamForBlock(3, 0), logReturns, stepVarianceScale);
      return squaredAutocorrelation(logReturns);
    };
    expect(run(50)).toBeGreaterThan(0.7 * clustered);
    // 4999 lag pairs: SE of an autocorrelation ≈ 1/sqrt(4999) = 0.014.
    expect(Math.abs(run(1))).toBeLessThan(3 * 0.014);
  });

  it('replays consecutive bars inside a block (fixed blocks of 4)', () => {
    const model = createBootstrapModel({ history, columns: [0], nSteps: 8, dtYears: HOUR, scheme: 'fixed', meanBlockBars: 4 });
    const { logReturns, stepVarianceScale } = allocatePathBuffers(model);
    model.fillPath(streamForBlock(4, 0), logReturns, stepVarianceScale);
    // Recentred returns differ from the source by a constant: consecutive differences are preserved.
    const src = source(0);
    const start = src.findIndex((v, k) => k + 3 < src.length && Math.abs(v - src[k + 1]! - (logReturns[0]! - logReturns[1]!)) < 1e-15 && Math.abs(src[k + 1]! - src[k + 2]! - (logReturns[1]! - logReturns[2]!)) < 1e-15);
    expect(start).toBeGreaterThanOrEqual(0);
    const shift = logReturns[0]! - src[start]!;
    for (let k = 0; k < 4; k++) expect(logReturns[k]! - src[start + k]!).toBeCloseTo(shift, 14);
  });

  it('aggregates whole bars to longer steps and scales by sqrt(time) for shorter ones', () => {
    expect(barsPerStep(4 * HOUR, 60)).toEqual({ bars: 4, scale: 1 });
    expect(barsPerStep(HOUR / 2, 60)).toEqual({ bars: 1, scale: Math.sqrt(0.5) });
    const perBar = sampleMoments(source(0)).variance;
    const fourHour = createBootstrapModel({ history, columns: [0], nSteps: 1, dtYears: 4 * HOUR });
    expect(fourHour.stepVariance[0]! / perBar).toBeCloseTo(4, 10);
    const halfHour = createBootstrapModel({ history, columns: [0], nSteps: 1, dtYears: HOUR / 2 });
    expect(halfHour.stepVariance[0]! / perBar).toBeCloseTo(0.5, 10);
  });

  it('has per-step variance m × the bar variance in simulation too (4-hour steps)', () => {
    // Steps of 4 bars with blocks of mean 1 (independent bars): Var = 4 × bar variance.
    // 20000 steps from 2000 paths; the regimes make returns leptokurtic (kurtosis ≈ 5): SE ≈ sqrt(4/n)·Var.
    const model = createBootstrapModel({ history, columns: [0], nSteps: 10, dtYears: 4 * HOUR, meanBlockBars: 1 });
    const { logReturns, stepVarianceScale } = allocatePathBuffers(model);
    const rng = streamForBlock(5, 0);
    const all = new Float64Array(20_000);
    for (let p = 0; p < 2_000; p++) {
      model.fillPath(rng, logReturns, stepVarianceScale);
      all.set(logReturns, p * 10);
    }
    const v = sampleMoments(all).variance;
    expect(Math.abs(v / model.stepVariance[0]! - 1)).toBeLessThan(3 * Math.sqrt(4 / all.length));
  });

  it('is deterministic per seed and uses ceil(n^(1/3)) bars as the default mean block', () => {
    expect(defaultMeanBlockBars(17_543)).toBe(26);
    const model = createBootstrapModel({ history, columns: [1, 0], nSteps: 6, dtYears: HOUR });
    const a = allocatePathBuffers(model);
    const b = allocatePathBuffers(model);
    model.fillPath(streamForBlock(9, 3), a.logReturns, a.stepVarianceScale);
    model.fillPath(streamForBlock(9, 3), b.logReturns, b.stepVarianceScale);
    expect(a.logReturns).toEqual(b.logReturns);
  });

  it('rejects a column outside the history', () => {
    expect(() => createBootstrapModel({ history, columns: [2], nSteps: 1, dtYears: HOUR })).toThrow(/column 2/);
  });
});

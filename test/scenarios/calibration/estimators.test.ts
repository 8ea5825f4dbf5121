import { describe, expect, it } from 'vitest';
import { calibrateFromHistory, calibrateSeries } from '../../../src/scenarios/calibration/calibration.js';
import { alignedReturnHistory } from '../../../src/scenarios/calibration/aligned-return-history.js';
import { historyCorrelation } from '../../../src/scenarios/calibration/history-correlation.js';
import { barIntervalMinutes, timedLogReturns } from '../../../src/scenarios/calibration/log-returns.js';
import type { PriceSeries } from '../../../src/scenarios/calibration/price-history.js';
import { kurtosisAtStep, studentTDfFromKurtosis } from '../../../src/scenarios/calibration/tail-thickness.js';
import { annualizedVolatility } from '../../../src/scenarios/calibration/volatility.js';
import { fillStandardNormal } from '../../../src/scenarios/random/standard-normal.js';
import { fillStudentTUnitVariance } from '../../../src/scenarios/random/student-t.js';
import { Xoshiro128 } from '../../../src/scenarios/random/xoshiro128.js';
import { HOUR_MS, seriesFromReturns, withGaps } from './synthetic-prices.js';

const HOURS_PER_YEAR = 365 * 24;

function normals(n: number, seed: number): Float64Array {
  const z = new Float64Array(n);
  fillStandardNormal(Xoshiro128.fromSeed(seed), z);
  return z;
}

describe('annualizedVolatility', () => {
  const vol = 0.6;
  const n = 20_000;
  const hourly = seriesFromReturns('X', normals(n, 1).map((z) => 0.3 / HOURS_PER_YEAR + (vol / Math.sqrt(HOURS_PER_YEAR)) * z));
  // SE of a volatility estimate from n normal returns: σ / sqrt(2n) = 0.003.
  const se = vol / Math.sqrt(2 * n);

  it('recovers σ from hourly closes within 3 standard errors (365-day year)', () => {
    const est = annualizedVolatility(timedLogReturns(hourly));
    expect(Math.abs(est.volAnnual - vol)).toBeLessThan(3 * se);
    expect(est.nReturns).toBe(n);
    expect(barIntervalMinutes(hourly.timesMs)).toBe(60);
  });

  it('stays unbiased across gaps, where the naive estimate is inflated', () => {
    // Drop every 5th close: one return in four now spans two hours.
    const gappy = withGaps(hourly, (k) => k % 5 === 0);
    const returns = timedLogReturns(gappy);
    const est = annualizedVolatility(returns);
    // ~16000 returns: SE ≈ 0.6 / sqrt(32000) = 0.0034.
    expect(Math.abs(est.volAnnual - vol)).toBeLessThan(3 * 0.0034);
    let sumSq = 0;
    let sum = 0;
    for (const r of returns.logReturns) {
      sum += r;
      sumSq += r * r;
    }
    const m = returns.logReturns.length;
    const naive = Math.sqrt(((sumSq - (sum * sum) / m) / (m - 1)) * HOURS_PER_YEAR);
    // Naive: variance × (1 + 1/4) → vol × sqrt(1.25) = 0.67.
    expect(naive).toBeGreaterThan(vol + 10 * 0.0034);
    expect(barIntervalMinutes(gappy.timesMs)).toBe(60);
  });
});

describe('tail thickness', () => {
  it.each([
    [6, 5],
    [1, 10],
    [0.2, 30],
    [0, 30],
    [-0.5, 30],
    [NaN, 30],
    [60, 4.1],
  ])('excess kurtosis %d gives ν = %d (ν = 4 + 6/κ in [2.5, 30])', (kurtosis, df) => {
    expect(studentTDfFromKurtosis(kurtosis)).toBeCloseTo(df, 12);
  });

  it('carries kurtosis to a longer step as κ / k for i.i.d. increments', () => {
    expect(kurtosisAtStep(12, 60, 240)).toBe(3);
    expect(kurtosisAtStep(12, 60, 30)).toBe(24);
  });

  it('estimates the kurtosis of t(12) returns within 3 standard errors', () => {
    // Unit-variance t(12): excess kurtosis 0.75; n = 200000, SE = sqrt(275/n) = 0.037 (delta method).
    const t = new Float64Array(200_000);
    fillStudentTUnitVariance(Xoshiro128.fromSeed(4), 12, t);
    const cal = calibrateSeries(seriesFromReturns('T', t.map((x) => 0.005 * x)));
    expect(Math.abs(cal.excessKurtosis - 0.75)).toBeLessThan(3 * 0.037);
    expect(cal.studentTDf).toBeCloseTo(4 + 6 / cal.excessKurtosis, 12);
  });
});

describe('historyCorrelation', () => {
  it('estimates the correlation on common timestamps of series with different bar lengths', () => {
    // A hourly, B every 2 hours (its closes sampled from a path correlated 0.6 with A's):
    // common timestamps every 2 hours, 10000 two-hour returns, SE ≈ (1 - 0.36)/sqrt(10000) = 0.0064.
    const n = 20_000;
    const za = normals(n, 5);
    const zb = normals(n, 6);
    const a = seriesFromReturns('A', za.map((z) => 0.01 * z));
    const bHourly = seriesFromReturns('B', zb.map((z, k) => 0.02 * (0.6 * za[k]! + 0.8 * z)));
    const b = withGaps(bHourly, (k) => k % 2 === 1);
    const est = historyCorrelation([a, b]);
    expect(est.overlaps[0]![1]).toBe(10_000);
    expect(Math.abs(est.values[0]![1]! - 0.6)).toBeLessThan(3 * 0.0064);
    expect(est.notes).toEqual([]);
  });

  it('sets a pair with too little overlap to 0 and says so', () => {
    const a = seriesFromReturns('A', normals(100, 7).map((z) => 0.01 * z));
    const c = seriesFromReturns('C', normals(10, 8).map((z) => 0.01 * z));
    const est = historyCorrelation([a, c]);
    expect(est.values[0]![1]).toBe(0);
    expect(est.notes[0]).toMatch(/A and C set to 0: 10 overlapping returns/);
  });
});

describe('alignedReturnHistory', () => {
  it('keeps only whole cross-sections one bar long', () => {
    const a: PriceSeries = { symbol: 'A', timesMs: Float64Array.from([0, 1, 2, 3, 4, 6].map((h) => h * HOUR_MS)), closes: Float64Array.from([1, 2, 4, 8, 16, 32]) };
    const b: PriceSeries = { symbol: 'B', timesMs: Float64Array.from([0, 1, 3, 4, 5, 6].map((h) => h * HOUR_MS)), closes: Float64Array.from([1, 3, 27, 81, 1, 1]) };
    const h = alignedReturnHistory([a, b])!;
    // Common hours 0, 1, 3, 4, 6: one-hour bars end at 1 and 4 (3 → 4); 1 → 3 and 4 → 6 span gaps.
    expect(h.barMinutes).toBe(60);
    expect(h.nBars).toBe(2);
    expect(Array.from(h.barEndMs)).toEqual([1 * HOUR_MS, 4 * HOUR_MS]);
    expect(Array.from(h.logReturns).map((v) => v / Math.LN2)).toEqual([1, Math.log(3) / Math.LN2, 1, Math.log(3) / Math.LN2].map((v) => expect.closeTo(v, 12)));
  });
});

describe('calibrateFromHistory', () => {
  it('calibrates every symbol with enough history and reports the others', () => {
    const history = new Map<string, PriceSeries>([
      ['BTC', seriesFromReturns('BTC', normals(500, 9).map((z) => 0.005 * z))],
      ['NEW', seriesFromReturns('NEW', normals(5, 10).map((z) => 0.005 * z))],
    ]);
    const { calibration, issues } = calibrateFromHistory(history, 'h.csv');
    expect([...calibration.symbols.keys()]).toEqual(['BTC']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'h.csv', value: 'NEW' });
    expect(issues[0]!.message).toMatch(/too little history for NEW/);
    expect(calibration.correlation.symbols).toEqual(['BTC']);
  });
});

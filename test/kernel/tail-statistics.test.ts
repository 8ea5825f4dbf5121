// Monte Carlo estimators: quantiles, VaR and ES with their standard errors (checked against the
// asymptotic values for normal losses and against the spread over replications), compensated
// sums (at once and as values arrive), and the Bernoulli standard error.

import { describe, expect, it } from 'vitest';
import { RunningCompensatedSum } from '../../src/domain/compensated-sum.js';
import {
  compensatedSum,
  expectedShortfallSorted,
  meanWithStandardError,
  meanWithStandardErrorOfSum,
  proportionWithStandardError,
  quantileSorted,
  squaredDeviations,
  valueAtRiskSorted,
} from '../../src/kernel/tail-statistics.js';
import { fillStandardNormal } from '../../src/scenarios/random/standard-normal.js';
import { Xoshiro128 } from '../../src/scenarios/random/xoshiro128.js';

const oneToHundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

/** φ and Φ⁻¹(0.99) of the standard normal, for the asymptotic standard errors. */
const Q99 = 2.3263478740408408;
const PHI_Q99 = Math.exp(-0.5 * Q99 * Q99) / Math.sqrt(2 * Math.PI);

function sortedNormals(rng: Xoshiro128, n: number): Float64Array {
  const x = new Float64Array(n);
  fillStandardNormal(rng, x);
  return x.sort();
}

describe('tail statistics', () => {
  it('takes the order statistic ⌈n q⌉ (forgiving 100 × 0.95 = 95.00000000000001)', () => {
    expect(quantileSorted(oneToHundred, 0.95)).toBe(95);
    expect(quantileSorted(oneToHundred, 0.99)).toBe(99);
    expect(quantileSorted(oneToHundred, 0.001)).toBe(1);
    expect(valueAtRiskSorted(oneToHundred, 0.95).value).toBe(95);
  });

  it('averages the worst (1 − α) share for ES, weighting the boundary order statistic', () => {
    expect(expectedShortfallSorted(oneToHundred, 0.95).value).toBeCloseTo(98, 12);
    const ten = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    // n α = 9.5: the tail holds half an observation's weight, all of it L(10).
    expect(expectedShortfallSorted(ten, 0.95).value).toBeCloseTo(10, 12);
    // n α = 9.2: (10 − 9.2) × L(10) / 0.8.
    expect(expectedShortfallSorted(ten, 0.92).value).toBeCloseTo(10, 12);
    expect(expectedShortfallSorted(ten, 0.85).value).toBeCloseTo((0.5 * 9 + 10) / 1.5, 12);
  });

  it('gives VaR and ES standard errors that match the asymptotics and the spread over replications', () => {
    const rng = Xoshiro128.fromSeed(5);
    const big = sortedNormals(rng, 100_000);
    const v = valueAtRiskSorted(big, 0.99);
    const asymptotic = Math.sqrt((0.99 * 0.01) / 100_000) / PHI_Q99;
    expect(v.value).toBeCloseTo(Q99, 1);
    expect(v.standardError!).toBeGreaterThan(0.7 * asymptotic);
    expect(v.standardError!).toBeLessThan(1.3 * asymptotic);

    const n = 4_000;
    const estimates: number[] = [];
    const reported: number[] = [];
    for (let r = 0; r < 150; r++) {
      const e = expectedShortfallSorted(sortedNormals(rng, n), 0.95);
      estimates.push(e.value);
      reported.push(e.standardError!);
    }
    const mean = estimates.reduce((s, x) => s + x, 0) / estimates.length;
    const spread = Math.sqrt(estimates.reduce((s, x) => s + (x - mean) ** 2, 0) / (estimates.length - 1));
    const meanReported = reported.reduce((s, x) => s + x, 0) / reported.length;
    // ES_0.95 of N(0,1) = φ(1.645) / 0.05 ≈ 2.0627.
    expect(mean).toBeCloseTo(2.0627, 1);
    expect(meanReported / spread).toBeGreaterThan(0.75);
    expect(meanReported / spread).toBeLessThan(1.3);
  });

  it('sums with compensation and reports Bernoulli and mean standard errors', () => {
    expect(compensatedSum(Float64Array.from([1e16, 1, -1e16]))).toBe(1);
    const p = proportionWithStandardError(25, 100);
    expect(p.value).toBe(0.25);
    expect(p.standardError).toBeCloseTo(Math.sqrt(0.25 * 0.75 / 100), 15);
    const m = meanWithStandardError(Float64Array.from([1, 2, 3, 4]));
    expect(m.value).toBe(2.5);
    expect(m.standardError).toBeCloseTo(Math.sqrt(5 / 3 / 4), 15);
  });

  it('sums as values arrive to the same bits as at once, and takes the mean from such a sum', () => {
    const rng = Xoshiro128.fromSeed(7);
    const values = new Float64Array(5000);
    fillStandardNormal(rng, values);
    for (let i = 0; i < values.length; i += 7) values[i] = values[i]! * 1e12;
    const running = new RunningCompensatedSum();
    for (let from = 0; from < values.length; from += 1024) running.add(values, from, Math.min(values.length, from + 1024));
    expect(running.value).toBe(compensatedSum(values));
    expect(meanWithStandardErrorOfSum(values, 0, values.length, running.value)).toEqual(meanWithStandardError(values));
    for (const n of [0, 1, 2]) expect(meanWithStandardErrorOfSum(values, 3, 3 + n, compensatedSum(values, 3, 3 + n))).toEqual(meanWithStandardError(values, 3, 3 + n));
    // The second pass over every stride-th value: the loop it replaced, to the bit.
    let plain = 0;
    for (let p = 0; p < 700; p++) {
      const d = values[5 + p * 7]! - 0.25;
      plain += d * d;
    }
    expect(squaredDeviations(values, 5, 7, 700, 0.25)).toBe(plain);
  });
});

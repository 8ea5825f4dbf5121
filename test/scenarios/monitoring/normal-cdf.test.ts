import { describe, expect, it } from 'vitest';
import { standardNormalCdf, standardNormalUpperTail } from '../../../src/scenarios/monitoring/normal-cdf.js';

describe('standardNormalCdf', () => {
  it.each([
    // Reference values: scipy.stats.norm.cdf (scipy 1.17).
    [-37, 5.7255712225239266e-300],
    [-20, 2.7536241186061556e-89],
    [-10, 7.61985302416047e-24],
    [-8, 6.22096057427174e-16],
    [-7.07, 7.746684865636453e-13],
    [-5, 2.866515718791933e-7],
    [-4, 3.167124183311986e-5],
    [-3, 0.0013498980316300933],
    [-2.9, 0.0018658133003840375],
    [-2, 0.022750131948179195],
    [-1, 0.15865525393145707],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.3, 0.6179114221889526],
    [1, 0.8413447460685429],
    [5, 0.9999997133484281],
  ])('Φ(%d) = %d to 1e-13 relative', (x, expected) => {
    expect(Math.abs(standardNormalCdf(x) - expected) / expected).toBeLessThan(1.2e-13);
  });

  it('is symmetric: Φ(x) + Φ(-x) = 1', () => {
    for (const x of [0.1, 0.7, 1.9, 2.99, 3.01, 6]) expect(standardNormalCdf(x) + standardNormalCdf(-x)).toBeCloseTo(1, 15);
  });

  it('computes the upper tail without cancellation', () => {
    expect(standardNormalUpperTail(8) / 6.22096057427174e-16).toBeCloseTo(1, 12);
    expect(standardNormalCdf(-40)).toBe(0);
    expect(Number.isNaN(standardNormalCdf(NaN))).toBe(true);
  });
});

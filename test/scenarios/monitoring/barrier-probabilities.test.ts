import { describe, expect, it } from 'vitest';
import { bridgeCrossLowerProbability, bridgeCrossUpperProbability } from '../../../src/scenarios/monitoring/brownian-bridge.js';
import {
  firstPassageLowerProbability,
  firstPassageUpperProbability,
  gbmHitAboveProbability,
  gbmHitBelowProbability,
} from '../../../src/scenarios/monitoring/first-passage.js';
import { standardNormalCdf } from '../../../src/scenarios/monitoring/normal-cdf.js';

describe('Brownian-bridge crossing probability', () => {
  it('is exp(-2 (x0 - b)(x1 - b) / σ²Δt) between two points above a lower barrier', () => {
    expect(bridgeCrossLowerProbability(0, 0, -0.1, 0.01)).toBeCloseTo(Math.exp(-2), 15);
    expect(bridgeCrossLowerProbability(0.05, -0.02, -0.1, 0.004)).toBeCloseTo(Math.exp((-2 * 0.15 * 0.08) / 0.004), 15);
  });

  it('is 1 when either end point is at or beyond the barrier', () => {
    expect(bridgeCrossLowerProbability(0, -0.2, -0.1, 0.01)).toBe(1);
    expect(bridgeCrossLowerProbability(-0.1, 0.3, -0.1, 0.01)).toBe(1);
    expect(bridgeCrossUpperProbability(0, 0.2, 0.1, 0.01)).toBe(1);
  });

  it('is 0 with no variance and both points clear of the barrier', () => {
    expect(bridgeCrossLowerProbability(0, 0, -0.1, 0)).toBe(0);
  });

  it('mirrors between lower and upper barriers', () => {
    expect(bridgeCrossUpperProbability(0.01, -0.03, 0.08, 0.002)).toBe(bridgeCrossLowerProbability(-0.01, 0.03, -0.08, 0.002));
  });
});

describe('first-passage probability of Brownian motion with drift', () => {
  it('is 2 Φ(m / σ√T) without drift (reflection principle)', () => {
    expect(firstPassageLowerProbability(0, -0.1, 0, 0.2, 0.5)).toBeCloseTo(2 * standardNormalCdf(-0.1 / (0.2 * Math.sqrt(0.5))), 15);
  });

  it('tends to exp(2 μ m / σ²) for the supremum of a downward-drifting motion as T → ∞', () => {
    // P(sup_t (μ t + σ W_t) >= m) = exp(2 μ m / σ²) for μ < 0, m > 0.
    const p = firstPassageUpperProbability(0, 0.3, -0.1, 0.4, 1e6);
    expect(p).toBeCloseTo(Math.exp((2 * -0.1 * 0.3) / 0.16), 12);
  });

  it('is 1 at or beyond the barrier and grows with the horizon', () => {
    expect(firstPassageLowerProbability(0, 0, 0.1, 0.2, 1)).toBe(1);
    expect(firstPassageUpperProbability(0, -0.1, 0.1, 0.2, 1)).toBe(1);
    const short = gbmHitBelowProbability(100, 90, 0.8, 1 / 365);
    const long = gbmHitBelowProbability(100, 90, 0.8, 7 / 365);
    expect(long).toBeGreaterThan(short);
  });

  it('for GBM with zero price drift, up-and-down hits are linked by the log-space mirror', () => {
    // With μ = -σ²/2, hitting ln(b) above is the mirror of hitting ln(1/b) below with μ = +σ²/2.
    const vol = 0.6;
    const t = 0.1;
    const up = gbmHitAboveProbability(1, 1.2, vol, t);
    const mirror = firstPassageLowerProbability(0, -Math.log(1.2), 0.5 * vol * vol, vol, t);
    expect(up).toBeCloseTo(mirror, 15);
  });
});

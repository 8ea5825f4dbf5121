// The second lazy bound (src/kernel/lazy-bound.ts) is a bound: on random books (linear and
// inverse contracts, brackets, asset collateral, partly closed members), at random anchors and
// random points within its radii, the exact health is never below h_E + increment − J, and the
// σ of the bridge, ‖ḡ‖_Σ with ḡ the mean of the exact gradients at the step's two ends, never
// above its σ bound. Plus the radius floor 2 (r − 1) / (r + 1) <= ln r. (That the kernel's
// skips change no result is held by path-scan.test.ts and differential.test.ts.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorSecondBound, logRatioFloor, secondBoundIncrement, secondBoundSigma, type SecondBoundAnchor } from '../../src/kernel/lazy-bound.js';
import { LAZY_GROWTH, LAZY_RADIUS } from '../../src/kernel/gradient-pools.js';
import type { PathLayout } from '../../src/kernel/path-layout.js';
import { poolHealthAt } from '../../src/kernel/pool-health-kernel.js';
import { partlyClosedContext } from './support/partly-closed-context.js';
import { jumpyModel, MODEL_ASSETS, randomAccountArb, testCorrelationMatrix } from './support/random-books.js';

describe('logRatioFloor', () => {
  it('is below ln r and tight near 1', () => {
    for (const r of [1, 1.0001, 1.01, 1.1, 1.5, 2, 10, 1e6]) expect(logRatioFloor(r)).toBeLessThanOrEqual(Math.log(r));
    expect(logRatioFloor(1.01)).toBeCloseTo(Math.log(1.01), 6);
    expect(logRatioFloor(0.5)).toBe(0);
    expect(logRatioFloor(Infinity)).toBe(2);
  });
});

describe('the second lazy bound', () => {
  it('never exceeds the exact health, and its σ never falls below the bridge’s, within its radii', () => {
    const model = jumpyModel(4, 2);
    const layout: PathLayout = { assets: MODEL_ASSETS, nSteps: 4, stepVariance: model.stepVariance, correlation: testCorrelationMatrix(), hasBars: false };
    let checked = 0;
    let inside = 0;
    fc.assert(
      fc.property(
        randomAccountArb,
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.constantFrom(1, 0.5, 0), { minLength: 8, maxLength: 8 }),
        (input, anchorLogs, fractions, keep) => {
          const ctx = partlyClosedContext(input, layout, keep, 1);
          const st = ctx.state;
          const nA = ctx.book.assetCount;
          const anchor: SecondBoundAnchor = {
            gradient: new Float64Array(ctx.book.poolCount * nA),
            curvature: new Float64Array(ctx.book.poolCount * nA),
            spread: new Float64Array(ctx.book.poolCount * nA),
            up: new Float64Array(ctx.book.poolCount * nA),
            down: new Float64Array(ctx.book.poolCount * nA),
            norm: new Float64Array(ctx.book.poolCount),
          };
          const at = (logs: ArrayLike<number>): Float64Array => Float64Array.from({ length: nA }, (_, a) => Math.exp(logs[a]!));
          const gradient = new Float64Array(nA);
          const slope = new Float64Array(nA);
          const sigmaAt = (g0: Float64Array, g1: Float64Array): number => {
            let v = 0;
            for (let a = 0; a < nA; a++) for (let b = 0; b < nA; b++) v += 0.25 * (g0[a]! + g1[a]!) * ctx.assetCovariance[a * nA + b]! * (g0[b]! + g1[b]!);
            return Math.sqrt(Math.max(0, v));
          };
          for (let i = 0; i < ctx.book.poolCount; i++) {
            const hE = poolHealthAt(ctx, i, at(anchorLogs), gradient, slope);
            anchorSecondBound(anchor, i, nA, gradient, st.inverseSlope, st.radiusUp, st.radiusDown, ctx.assetSd, ctx.assetCovariance, LAZY_RADIUS, LAZY_GROWTH);
            // Two points within the radii (fractions of them, from the anchor).
            const point = (offset: number): number[] =>
              Array.from({ length: nA }, (_, a) => {
                const f = fractions[offset + a]!;
                return f >= 0 ? f * 0.999 * anchor.up[i * nA + a]! : f * 0.999 * anchor.down[i * nA + a]!;
              });
            const d0 = point(0);
            const d1 = point(3);
            const increment = secondBoundIncrement(anchor, i, nA, d1);
            checked++;
            if (increment === -Infinity) continue;
            inside++;
            const h1 = poolHealthAt(ctx, i, at(d1.map((d, a) => anchorLogs[a]! + d)), gradient, null);
            const g1 = Float64Array.from(gradient);
            poolHealthAt(ctx, i, at(d0.map((d, a) => anchorLogs[a]! + d)), gradient, null);
            const g0 = Float64Array.from(gradient);
            const scale = Math.abs(hE) + ctx.poolJump[i]! + 1e-9;
            expect(h1, `pool ${i}: exact health vs the bound`).toBeGreaterThanOrEqual(hE + increment - ctx.poolJump[i]! - 1e-12 * scale);
            const sigma = sigmaAt(g0, g1);
            expect(secondBoundSigma(anchor, i, nA, d0, d1), `pool ${i}: σ bound`).toBeGreaterThanOrEqual(sigma * (1 - 1e-12));
          }
        },
      ),
      { seed: 20261206, numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(500);
    expect(inside).toBeGreaterThan(200);
  });
});

// The gradient kernel's trigger search (src/kernel/assembly/crossing-point.ts, reached through
// `GradientScan.findTrigger`) against the TypeScript one (src/kernel/crossing-point.ts): the same
// trigger log prices and price factors, bit for bit, and the same resolved / unresolved verdict,
// on the segment of a step that ends unhealthy (`segmentTrigger`) and for a bridge crossing
// between two healthy ends (`bridgeTrigger`), on every gradient pool of random books, with members
// partly closed, along random steps; and on segments the same trigger whether or not the search
// first anchors its bounds at the chord's zero (its health values at the ends given or not), or
// from a lower bound of the start's health. (The kernel's whole step loop, triggers included, is
// held to `gradientStep` in path-scan.test.ts.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bridgeTrigger, segmentTrigger } from '../../src/kernel/crossing-point.js';
import { LAZY_GROWTH, LAZY_RADIUS } from '../../src/kernel/lazy-bound.js';
import type { PathLayout } from '../../src/kernel/path-layout.js';
import { poolHealthAt } from '../../src/kernel/pool-health-kernel.js';
import { partlyClosedContext } from './support/partly-closed-context.js';
import { jumpyModel, MODEL_ASSETS, randomAccountArb, testCorrelationMatrix } from './support/random-books.js';

const bits = (values: Float64Array): string => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('hex');

describe('WebAssembly trigger search vs crossing-point.ts', () => {
  it('finds the same trigger on segments and bridge crossings, bit for bit', () => {
    const model = jumpyModel(4, 2);
    const layout: PathLayout = { assets: MODEL_ASSETS, nSteps: 4, stepVariance: model.stepVariance, correlation: testCorrelationMatrix(), hasBars: false };
    let segments = 0;
    let bridges = 0;
    let unresolved = 0;
    fc.assert(
      fc.property(
        randomAccountArb,
        fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: -0.8, max: 0.8, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.constantFrom(1, 1, 0.5, 0), { minLength: 8, maxLength: 8 }),
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        (input, start, move, keep, varianceScale) => {
          const ctx = partlyClosedContext(input, layout, keep, 1);
          const st = ctx.state;
          const nA = ctx.book.assetCount;
          const x0 = Float64Array.from({ length: nA }, (_, a) => start[a]!);
          // Off the kernel memory: the TypeScript health loop.
          const factors = (x: Float64Array): Float64Array => x.map((v) => Math.exp(v));
          for (const [pool, length] of Array.from(ctx.gradientPools).flatMap((pool) => [0.25, 1, 2.5].map((length) => [pool, length] as const))) {
            const x1 = Float64Array.from({ length: nA }, (_, a) => start[a]! + length * move[a]!);
            const g0 = new Float64Array(nA);
            const g1 = new Float64Array(nA);
            const h0 = poolHealthAt(ctx, pool, factors(x0), g0);
            const h1 = poolHealthAt(ctx, pool, factors(x1), g1);
            if (!(h0 > 0)) continue;
            let resolved: boolean;
            let bridge = null;
            let segmentEnds = [NaN, NaN];
            if (h1 <= 0) {
              segmentTrigger(ctx, pool, x0, x1);
              const plain = bits(st.triggerLog);
              // The first anchor at the chord's zero, from the ends' health or a lower bound of the start's.
              for (const hFrom of [h0, 0.5 * h0, 1e-3 * h0]) {
                segmentTrigger(ctx, pool, x0, x1, hFrom, h1);
                expect(bits(st.triggerLog), `pool ${pool} trigger with the chord from ${hFrom}`).toBe(plain);
              }
              segmentEnds = [0.5 * h0, h1];
              segmentTrigger(ctx, pool, x0, x1, 0.5 * h0, h1);
              resolved = true;
              segments++;
            } else {
              const gradient = g0.map((v, a) => 0.5 * (v + g1[a]!));
              bridge = { h0, h1, gradient, varianceScale };
              resolved = bridgeTrigger(ctx, pool, x0, x1, h0, h1, gradient, ctx.assetCovariance, varianceScale);
              bridges++;
              if (!resolved) unresolved++;
            }
            const log = bits(st.triggerLog);
            const factor = bits(st.triggerFactor);
            st.triggerFactor.fill(NaN);
            expect(ctx.gradientScan.findTrigger(pool, x0, x1, bridge, LAZY_RADIUS, LAZY_GROWTH, segmentEnds), `pool ${pool} resolved`).toBe(resolved);
            expect(bits(ctx.gradientScan.triggerLog), `pool ${pool} trigger log prices`).toBe(log);
            expect(bits(st.triggerFactor), `pool ${pool} trigger factors`).toBe(factor);
          }
        },
      ),
      { seed: 5213, numRuns: 300 },
    );
    expect(segments).toBeGreaterThan(25);
    expect(bridges).toBeGreaterThan(100);
    expect(unresolved).toBeGreaterThan(10);
  });
});

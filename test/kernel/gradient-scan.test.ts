// The WebAssembly pool health (src/kernel/assembly/gradient-scan.ts `health`, reached through
// `poolHealthAt` when the factors are on the kernel memory) against the TypeScript loop of
// pool-health-kernel.ts (taken when they are not): the same health, equity, maintenance,
// gradient and slope bounds (and the second lazy bound's inputs), bit for bit, for every pool of random books at random price factors,
// also with members partly or fully closed and collateral seized, and the same slope outputs from the
// kernel's slope pass alone (`slopeBounds`); on linear books (the kernel's pairs of members, their
// cached brackets moving along a walk of factors) with and without the kinks; and the lower thresholds the
// kernel draws against `thresholdLow` (monitor-thresholds.ts), before and after liquidation events
// and with the path's words changing and changing back.
// (The kernel's step loop is held to `gradientStep` step by step in path-scan.test.ts.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thresholdLow } from '../../src/kernel/monitor-thresholds.js';
import type { PathLayout } from '../../src/kernel/path-layout.js';
import { poolHealthAt } from '../../src/kernel/pool-health-kernel.js';
import { partlyClosedContext } from './support/partly-closed-context.js';
import { jumpyModel, linearAccountArb, MODEL_ASSETS, randomAccountArb, testCorrelationMatrix } from './support/random-books.js';

const bits = (values: Float64Array): string => Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('hex');

/** The random books' four-step jumpy model and its path layout, shared by every test here. */
const model = jumpyModel(4, 2);
const layout: PathLayout = { assets: MODEL_ASSETS, nSteps: 4, stepVariance: model.stepVariance, correlation: testCorrelationMatrix(), hasBars: false };

/**
 * Pool `i`'s health by the kernel at `st.trialFactor` and by the TypeScript loop at a copy of it
 * (`poolHealthAt` with each), asserted equal bit for bit: health, equity and maintenance, gradient,
 * slope bounds and the second bound's outputs (the kinks among them when `withKinks`). Returns the
 * health, the kernel's slope bounds, the TypeScript gradient, and the second bound's outputs as bits.
 */
function expectHealthAgrees(ctx: ReturnType<typeof partlyClosedContext>, i: number, withKinks: boolean): { health: number; slope: Float64Array; gradient: Float64Array; second: string } {
  const st = ctx.state;
  const nA = ctx.book.assetCount;
  const plain = Float64Array.from(st.trialFactor);
  const secondBits = (): string => bits(Float64Array.from([...st.inverseSlope, ...st.radiusUp, ...st.radiusDown, ...(withKinks ? st.kink : [])]));
  const [gWasm, sWasm, gPlain, sPlain] = [0, 1, 2, 3].map(() => new Float64Array(nA));
  const hWasm = poolHealthAt(ctx, i, st.trialFactor, gWasm!, sWasm!);
  const valuesWasm = Float64Array.from(st.poolValues);
  const second = secondBits();
  const hPlain = poolHealthAt(ctx, i, plain, gPlain!, sPlain!);
  expect(second, `pool ${i} second-bound outputs`).toBe(secondBits());
  expect(bits(Float64Array.of(hWasm)), `pool ${i} health`).toBe(bits(Float64Array.of(hPlain)));
  expect(bits(valuesWasm), `pool ${i} equity, maintenance`).toBe(bits(st.poolValues));
  expect(bits(gWasm!), `pool ${i} gradient`).toBe(bits(gPlain!));
  expect(bits(sWasm!), `pool ${i} slope bounds`).toBe(bits(sPlain!));
  return { health: hPlain, slope: sWasm!, gradient: gPlain!, second };
}

describe('WebAssembly pool health vs the TypeScript loop', () => {
  it('agree bit for bit on random books, factors and partly closed pools', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        randomAccountArb,
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.constantFrom(1, 0.5, 0), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        (input, logs, keep, seized) => {
          const ctx = partlyClosedContext(input, layout, keep, seized ? 0 : 1);
          const st = ctx.state;
          const nA = ctx.book.assetCount;
          for (let a = 0; a < nA; a++) st.trialFactor[a] = Math.exp(logs[a]!);
          for (let i = 0; i < ctx.book.poolCount; i++) {
            const { slope: sWasm, second: secondWasm } = expectHealthAgrees(ctx, i, true);
            // The slope pass alone (`slopeBounds`, at the kernel's anchors), with the kernel's bracket
            // caches left at another point first: the same slope outputs, bit for bit.
            for (let a = 0; a < nA; a++) st.factor[a] = 1 / st.trialFactor[a]!;
            poolHealthAt(ctx, i, st.factor, null);
            const wasm = ctx.gradientScan;
            wasm.slopeBounds(i, st.trialFactor);
            expect(bits(Float64Array.from(wasm.slope)), `pool ${i} slope pass: slope bounds`).toBe(bits(sWasm));
            expect(bits(Float64Array.from([...wasm.inverse, ...wasm.radiusUp, ...wasm.radiusDown, ...wasm.kink])), `pool ${i} slope pass: second-bound outputs`).toBe(secondWasm);
            compared++;
          }
        },
      ),
      { seed: 4421, numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});

describe('WebAssembly pool health of linear pools (members two at a time) vs the TypeScript loop', () => {
  it('agree bit for bit along a walk of factors that moves notionals across brackets, also without the kinks', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        linearAccountArb,
        fc.array(fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 5 }),
        fc.array(fc.constantFrom(1, 1, 0.5, 0), { minLength: 5, maxLength: 5 }),
        (input, walk, keep) => {
          const ctx = partlyClosedContext(input, layout, keep, 1);
          const st = ctx.state;
          const nA = ctx.book.assetCount;
          const wasm = ctx.gradientScan;
          const values = new Float64Array(2);
          // The same pools at each point of the walk in turn: the kernel's cached brackets move
          // with the notionals (up and down), the TypeScript loop's from its own cache.
          for (const logs of walk) {
            for (let a = 0; a < nA; a++) st.trialFactor[a] = Math.exp(logs[a]!);
            for (let i = 0; i < ctx.book.poolCount; i++) {
              const { health: hPlain, slope: sPlain, gradient: gPlain, second } = expectHealthAgrees(ctx, i, false);
              // Without the kinks (the kernel's own anchors): the same health, gradient and slope outputs.
              const hBare = wasm.healthWithoutKinks(i, st.trialFactor, values);
              expect(bits(Float64Array.of(hBare)), `pool ${i} health without kinks`).toBe(bits(Float64Array.of(hPlain)));
              expect(bits(values), `pool ${i} equity, maintenance without kinks`).toBe(bits(st.poolValues));
              expect(bits(Float64Array.from([...wasm.gradient, ...wasm.slope])), `pool ${i} gradient, slope bounds without kinks`).toBe(bits(Float64Array.from([...gPlain, ...sPlain])));
              expect(bits(Float64Array.from([...wasm.inverse, ...wasm.radiusUp, ...wasm.radiusDown])), `pool ${i} second-bound outputs without kinks`).toBe(second);
              compared++;
            }
          }
        },
      ),
      { seed: 4422, numRuns: 80 },
    );
    expect(compared).toBeGreaterThan(200);
  });
});

describe('WebAssembly threshold draw vs thresholdLow', () => {
  it('draws the same keyed threshold for every pool, event count and pair of words', () => {
    let compared = 0;
    let afterEvents = 0;
    fc.assert(
      fc.property(
        randomAccountArb,
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.constantFrom(0, 0, 1, 2, 7, 1000), { minLength: 4, maxLength: 4 }),
        (input, word0, word1, events) => {
          const ctx = partlyClosedContext(input, layout, [1], 1);
          const st = ctx.state;
          for (let i = 0; i < ctx.book.poolCount; i++) {
            st.poolEvents[i] = events[i % events.length]!;
            st.poolThresholdLow[i] = NaN;
            const drawn = ctx.gradientScan.threshold(i, word0, word1);
            expect(st.poolThresholdLow[i], `pool ${i} stored`).toBe(drawn);
            // Drawn once: the kernel returns the stored value, as thresholdLow does.
            expect(ctx.gradientScan.threshold(i, word0 ^ 1, word1)).toBe(drawn);
            st.poolThresholdLow[i] = NaN;
            expect(thresholdLow(ctx, i, word0, word1), `pool ${i}, ${st.poolEvents[i]} events`).toBe(drawn);
            expect(drawn > 0 && drawn < 1).toBe(true);
            compared++;
            if (st.poolEvents[i]! > 0) afterEvents++;
          }
        },
      ),
      { seed: 7310, numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(100);
    expect(afterEvents).toBeGreaterThan(50);
  });

  it('draws the same thresholds when the words change and change back (the first mixes kept for the last words)', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        randomAccountArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff })), { minLength: 2, maxLength: 3 }),
        fc.array(fc.nat(6), { minLength: 8, maxLength: 8 }),
        (input, pairs, order) => {
          const ctx = partlyClosedContext(input, layout, [1], 1);
          const st = ctx.state;
          // Pool by pool, the words in the given order (back to earlier ones), each draw against the TypeScript's.
          for (let n = 0; n < order.length; n++) {
            const [word0, word1] = pairs[order[n]! % pairs.length]!;
            const i = n % ctx.book.poolCount;
            st.poolEvents[i] = n % 3;
            st.poolThresholdLow[i] = NaN;
            const drawn = ctx.gradientScan.threshold(i, word0, word1);
            st.poolThresholdLow[i] = NaN;
            expect(thresholdLow(ctx, i, word0, word1), `draw ${n}, pool ${i}`).toBe(drawn);
            compared++;
          }
        },
      ),
      { seed: 7311, numRuns: 40 },
    );
    expect(compared).toBe(40 * 8);
  });
});

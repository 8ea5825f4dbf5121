// The path kernel's fast step loop (`stepsByAsset`, its per-step scans in WebAssembly, see
// src/kernel/path-scan.ts) against its readable step-by-step form (`stepsByStep`, which a
// context tracking equity uses): the same liquidation steps, losses, bad debt and PnL at
// liquidation, bit for bit, on random books and jumpy paths, and the same count of barrier
// pool-steps checked and unresolved crossings — plus proof that the scans' flags, the lazy test
// and the gradient kernel's triggers were exercised; also with the barrier scan's approximate
// survival factors forced to leave steps undecided (the path run again with exact ones), with
// steps of zero variance, and the accuracy of their exp.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KERNEL_MODE_COUNT } from '../../src/kernel/compiled-book.js';
import { createKernelContext } from '../../src/kernel/kernel-context.js';
import type { KernelContext } from '../../src/kernel/kernel-context-types.js';
import type { KernelOptions } from '../../src/kernel/kernel-options.js';
import { runPath } from '../../src/kernel/path-kernel.js';
import type { PathLayout } from '../../src/kernel/path-layout.js';
import { PathScan } from '../../src/kernel/path-scan.js';
import { CROSSING_EXPONENT_CUTOFF } from '../../src/kernel/monitoring-limits.js';
import { streamForBlock } from '../../src/scenarios/random/stream-for-block.js';
import { testAccount } from './support/kernel-fixtures.js';
import { jumpyModel, MODEL_ASSETS, randomAccountArb, testCorrelationMatrix } from './support/random-books.js';

const PATHS = 12;
const STEPS = 24;

function outcome(ctx: KernelContext): unknown[] {
  const st = ctx.state;
  return [
    Array.from(st.pathLoss.subarray(0, KERNEL_MODE_COUNT)),
    Array.from(st.pathBadDebt.subarray(0, KERNEL_MODE_COUNT)),
    Array.from(st.pathFirstStep.subarray(0, KERNEL_MODE_COUNT)),
    Array.from(st.memberLiquidationStep),
    Array.from(st.memberLoss),
    Array.from(st.memberPnlAtLiquidation),
    Array.from(st.memberBadDebt),
  ];
}

/**
 * `survivalErrorPerStep`: the barrier scan's error bound per step for its approximate survival
 * factors (raised, steps are undecided and their paths run again with exact factors).
 * `zeroScaleEvery`: every that many steps a step variance scale of 0 (a bridge cutoff of 0).
 */
function agreement(options: KernelOptions, seedOffset: number, survivalErrorPerStep?: number, accounts = randomAccountArb, zeroScaleEvery = 0): void {
  const model = jumpyModel(STEPS, 2);
  const layout: PathLayout = { assets: MODEL_ASSETS, nSteps: STEPS, stepVariance: model.stepVariance, correlation: testCorrelationMatrix(), hasBars: false };
  let barrierSteps = 0;
  let lazySkips = 0;
  let gradientLiquidations = 0;
  let exactScans = 0;
  fc.assert(
    fc.property(accounts, fc.integer({ min: 0, max: 1_000_000 }), (input, seed) => {
      const account = testAccount(input.positions, input.balances);
      const fast = createKernelContext(account.book, layout, options);
      const readable = createKernelContext(account.book, layout, options, true);
      expect(fast.lazy && !readable.lazy).toBe(true);
      if (survivalErrorPerStep !== undefined) {
        fast.scan.survivalErrorPerStep = survivalErrorPerStep;
        // Count the scans with exact factors: only a path run again makes them.
        const scan = fast.scan;
        const approximate = scan.barrierScan.bind(scan);
        scan.barrierScan = (...args: Parameters<typeof approximate>): number => {
          if (args[7]) exactScans++;
          return approximate(...args);
        };
      }
      const rng = streamForBlock(seed, 0);
      for (let p = 0; p < PATHS; p++) {
        model.fillPath(rng, fast.logReturns, fast.stepVarianceScale);
        if (zeroScaleEvery > 0) for (let k = 0; k < STEPS; k += zeroScaleEvery) fast.stepVarianceScale[k] = 0;
        readable.logReturns.set(fast.logReturns);
        readable.stepVarianceScale.set(fast.stepVarianceScale);
        const word0 = rng.nextUint32();
        const word1 = rng.nextUint32();
        fast.state.counters.fill(0);
        readable.state.counters.fill(0);
        runPath(fast, word0, word1);
        runPath(readable, word0, word1);
        expect(outcome(fast), `path ${p}`).toEqual(outcome(readable));
        expect(fast.state.counters[1], `path ${p} barrier pool-steps`).toBe(readable.state.counters[1]);
        expect(fast.state.counters[2], `path ${p} liquidation events`).toBe(readable.state.counters[2]);
        expect(fast.state.counters[3], `path ${p} unresolved crossings`).toBe(readable.state.counters[3]);
        for (let g = 0; g < fast.gradientPools.length; g++) if (fast.state.poolLiquidationStep[fast.gradientPools[g]!]! >= 0) gradientLiquidations++;
        barrierSteps += fast.state.counters[1]!;
        lazySkips += fast.state.counters[4]!;
      }
    }),
    { seed: 9157 + seedOffset, numRuns: 30 },
  );
  expect(barrierSteps).toBeGreaterThan(100);
  // Gradient pools liquidated on the fast path: triggers found by the kernel (assembly/crossing-point.ts)
  // (books of several assets: a one-asset book's pools are all barrier pools, or nearly so).
  if (accounts === randomAccountArb) {
    expect(gradientLiquidations).toBeGreaterThan(20);
    if (options.monitoring === 'continuous') expect(lazySkips).toBeGreaterThan(100);
  }
  if (survivalErrorPerStep !== undefined) expect(exactScans).toBeGreaterThan(20);
}

describe('stepsByAsset (WebAssembly scans) vs stepsByStep', () => {
  it('agree bit for bit under continuous monitoring', () => {
    agreement({ slippageBps: 0, monitoring: 'continuous' }, 0);
  });

  it('agree bit for bit at step ends with slippage', () => {
    agreement({ slippageBps: 25, monitoring: 'step-end' }, 1);
  });

  it('agree bit for bit on one-asset books (the band scan reads the path\'s adjacent steps two to a lane pair)', () => {
    const oneAsset = randomAccountArb.filter((input) => new Set(input.positions.map((p) => p.symbol.slice(0, 3))).size === 1);
    agreement({ slippageBps: 0, monitoring: 'continuous' }, 4, undefined, oneAsset);
  });

  it('agree when the approximate survival factors leave every bridge step undecided (each such path run again, exact)', () => {
    // An error bound of 1 decides no step: S > U + err and S + err <= U are impossible in [0, 1].
    agreement({ slippageBps: 0, monitoring: 'continuous' }, 2, 1);
  });

  it('agree when the approximate survival factors leave some steps undecided', () => {
    agreement({ slippageBps: 10, monitoring: 'continuous' }, 3, 2 ** -12);
  });

  it('agree when some steps have no variance (a cutoff of 0: the barrier scan leaves those steps to the band scan\'s own test)', () => {
    agreement({ slippageBps: 0, monitoring: 'continuous' }, 5, undefined, randomAccountArb, 3);
  });
});

describe('the approximate survival factors of the barrier scan', () => {
  it('take an exp within 2^-51 of Math.exp (relative) over the bridge exponents, [−23, 0]', () => {
    const scan = new PathScan(4, 1, 1, 1, new Int32Array([0]));
    const rng = streamForBlock(11, 0);
    const ys = [0, -0, -1e-300, -Number.MIN_VALUE, -1e-12, -0.5, -Math.LN2, -1, -2, -22.999999, -23, Math.log(0.5), -CROSSING_EXPONENT_CUTOFF];
    for (let i = 0; i < 200_000; i++) ys.push(-CROSSING_EXPONENT_CUTOFF * rng.nextUniform());
    for (let i = 0; i < 20_000; i++) ys.push(-(2 ** (-40 * rng.nextUniform())));
    let largest = 0;
    for (const y of ys) {
      const exact = Math.exp(y);
      const difference = Math.abs(scan.approximateExp(y) - exact) / exact;
      if (difference > largest) largest = difference;
    }
    expect(largest).toBeLessThanOrEqual(2 ** -51);
  });
});

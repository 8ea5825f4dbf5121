// A block run on the arrays of an earlier block's result (runBlock's `recycle`) gives exactly the
// result of the same block run on fresh arrays: every per-path value, record and statistic, with
// and without records, and a block of another size (which cannot reuse them) too.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BlockResult } from '../../src/kernel/block-result.js';
import { createKernelContext } from '../../src/kernel/kernel-context.js';
import type { PathLayout } from '../../src/kernel/path-layout.js';
import { runBlock } from '../../src/kernel/run-block.js';
import { blockContents as contents } from './support/block-contents.js';
import { testAccount } from './support/kernel-fixtures.js';
import { jumpyModel, MODEL_ASSETS, randomAccountArb, testCorrelationMatrix } from './support/random-books.js';

const PATHS = 24;
const STEPS = 12;

describe('runBlock on recycled arrays', () => {
  it('gives the fresh run’s result, with and without records, and only reuses arrays that fit', () => {
    const model = jumpyModel(STEPS, 2);
    const layout: PathLayout = { assets: MODEL_ASSETS, nSteps: STEPS, stepVariance: model.stepVariance, correlation: testCorrelationMatrix(), hasBars: false };
    const options = { slippageBps: 5, monitoring: 'continuous' } as const;
    let reused = 0;
    fc.assert(
      fc.property(randomAccountArb, fc.integer({ min: 0, max: 1_000_000 }), fc.boolean(), (input, seed, collect) => {
        const account = testAccount(input.positions, input.balances);
        const fresh = createKernelContext(account.book, layout, options);
        const recycling = createKernelContext(account.book, layout, options);
        let previous: BlockResult | null = null;
        // Blocks 0 and 1 full, block 2 short (its arrays cannot be the full blocks'), block 3 full again.
        const spans = [PATHS, PATHS, PATHS - 7, PATHS];
        spans.forEach((pathCount, b) => {
          const expected = runBlock(fresh, model, seed, b, b * PATHS, pathCount, collect);
          const actual: BlockResult = runBlock(recycling, model, seed, b, b * PATHS, pathCount, collect, null, previous);
          expect(contents(actual)).toEqual(contents(expected));
          if (previous !== null && actual.pathLoss === previous.pathLoss) reused++;
          if (previous !== null && previous.pathCount !== pathCount) expect(actual.pathLoss).not.toBe(previous.pathLoss);
          previous = actual;
        });
      }),
      { seed: 4242, numRuns: 20 },
    );
    // The recycled arrays really were used (blocks 1 of every case).
    expect(reused).toBeGreaterThanOrEqual(20);
  });
});

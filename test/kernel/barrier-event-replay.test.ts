// Barrier pools' liquidation events replayed from earlier paths (barrier-event-replay.ts) give
// exactly what running every event gives: every per-path value, record and statistic of blocks
// run on one context, on random books of several venues (full, partial-slice and fee-charging
// liquidations, so events chain; few pools, so one-position pools' events are replayed too),
// against a context that records nothing.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKernelContext } from '../../src/kernel/kernel-context.js';
import type { PathLayout } from '../../src/kernel/path-layout.js';
import { runBlock } from '../../src/kernel/run-block.js';
import { blockContents as contents } from './support/block-contents.js';
import { testAccount } from './support/kernel-fixtures.js';
import { jumpyModel, MODEL_ASSETS, randomAccountArb, testCorrelationMatrix } from './support/random-books.js';

const PATHS = 32;
const STEPS = 12;

describe('barrier event replay', () => {
  it('gives the result of running every event, block after block on one context', () => {
    const model = jumpyModel(STEPS, 2);
    const layout: PathLayout = { assets: MODEL_ASSETS, nSteps: STEPS, stepVariance: model.stepVariance, correlation: testCorrelationMatrix(), hasBars: false };
    const options = { slippageBps: 5, monitoring: 'continuous' } as const;
    let replayed = 0;
    let replayedSingle = 0;
    fc.assert(
      fc.property(randomAccountArb, fc.integer({ min: 0, max: 1_000_000 }), (input, seed) => {
        const account = testAccount(input.positions, input.balances);
        const replaying = createKernelContext(account.book, layout, options);
        const direct = createKernelContext(account.book, layout, options);
        // No room left: every event runs (and nothing is recorded).
        direct.barrierReplay.nodes = Infinity;
        for (let b = 0; b < 3; b++) {
          const expected = runBlock(direct, model, seed, b, b * PATHS, PATHS, true);
          const actual = runBlock(replaying, model, seed, b, b * PATHS, PATHS, true);
          expect(contents(actual)).toEqual(contents(expected));
        }
        if (replaying.barrierReplay.nodes > 0) replayed++;
        const memberStart = account.book.poolMemberStart;
        if (replaying.barrierReplay.roots.some((events, pool) => events.length > 0 && memberStart[pool + 1]! - memberStart[pool]! === 1)) replayedSingle++;
      }),
      { seed: 777, numRuns: 120 },
    );
    // Events were recorded (and so replayed on the later paths) in many cases, of one-position pools
    // too (these books have few pools).
    expect(replayed).toBeGreaterThanOrEqual(10);
    expect(replayedSingle).toBeGreaterThanOrEqual(5);
  });
});

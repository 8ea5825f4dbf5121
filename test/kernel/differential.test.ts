// The fast path kernel against its readable reference (src/kernel/reference-path.ts) on seeded
// random books and paths: identical liquidation steps, losses within 1e-9 relative, in every
// mode — with the bridge, at step ends with slippage, and on bars — and proof that the kernel's
// loops really ran.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKernelContext } from '../../src/kernel/kernel-context.js';
import type { KernelOptions } from '../../src/kernel/kernel-options.js';
import type { PathLayout } from '../../src/kernel/path-layout.js';
import { referencePath, type ReferenceModeOutcome } from '../../src/kernel/reference-path.js';
import { runBlock } from '../../src/kernel/run-block.js';
import { runReplay } from '../../src/kernel/run-replay.js';
import { PathRecordView } from '../../src/kernel/path-record.js';
import { MODE_NAMES, type ModeName } from '../../src/margin/evaluation.js';
import { streamForBlock } from '../../src/scenarios/random/stream-for-block.js';
import { Xoshiro128 } from '../../src/scenarios/random/xoshiro128.js';
import { testAccount } from './support/kernel-fixtures.js';
import { jumpyModel, MODEL_ASSETS, randomAccountArb, testCorrelationMatrix } from './support/random-books.js';

const PATHS = 16;
const STEPS = 12;

function close(a: number, b: number, scale: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b), scale);
}

function compareMode(view: PathRecordView, m: number, ref: ReferenceModeOutcome, positionIds: readonly string[], scale: number, where: string): void {
  expect(view.firstLiquidationStep(m), `${where} first liquidation step`).toBe(ref.firstStep);
  expect(close(view.loss(m), ref.loss, scale), `${where} loss ${view.loss(m)} vs ${ref.loss}`).toBe(true);
  expect(close(view.badDebt(m), ref.badDebt, scale), `${where} bad debt ${view.badDebt(m)} vs ${ref.badDebt}`).toBe(true);
  positionIds.forEach((id, j) => {
    const r = ref.positions.get(id)!;
    expect(view.liquidationStep(m, j), `${where} ${id} liquidation step`).toBe(r.liquidationStep);
    expect(close(view.pnlAtLiquidation(m, j), r.pnlAtLiquidation, scale), `${where} ${id} pnl at liquidation`).toBe(true);
    expect(close(view.positionLoss(m, j), r.loss, scale), `${where} ${id} loss ${view.positionLoss(m, j)} vs ${r.loss}`).toBe(true);
  });
}

function monteCarloCase(options: KernelOptions, seedOffset: number): void {
  const model = jumpyModel(STEPS, 2);
  const layout: PathLayout = { assets: MODEL_ASSETS, nSteps: STEPS, stepVariance: model.stepVariance, correlation: testCorrelationMatrix(), hasBars: false };
  let work = 0;
  let liquidations = 0;
  let lazySkips = 0;
  let stepZeroKept = 0;
  fc.assert(
    fc.property(randomAccountArb, fc.integer({ min: 0, max: 1_000_000 }), (input, seed) => {
      const account = testAccount(input.positions, input.balances);
      const ctx = createKernelContext(account.book, layout, options);
      const block = runBlock(ctx, model, seed, 3, 0, PATHS, true);
      work += block.counters[0]! + block.counters[1]!;
      liquidations += block.counters[2]!;
      lazySkips += block.counters[4]!;
      if (ctx.pathStart.stepZeroLiquidations !== null) stepZeroKept++;
      const view = new PathRecordView(account.book);
      const rng = streamForBlock(seed, 3);
      const logReturns = new Float64Array(STEPS * MODEL_ASSETS.length);
      const scale = new Float64Array(STEPS);
      const run = { resolved: account.resolved, collateral: account.collateral, policy: account.policy, options, layout };
      const equityScale = Math.max(...account.book.modeEquity0);
      for (let p = 0; p < PATHS; p++) {
        model.fillPath(rng, logReturns, scale);
        const word0 = rng.nextUint32();
        const word1 = rng.nextUint32();
        const ref = referencePath(run, { logReturns, stepVarianceScale: scale, word0, word1 });
        view.attach(block, p);
        MODE_NAMES.forEach((mode: ModeName, m) => compareMode(view, m, ref[mode], account.book.positionIds, equityScale, `path ${p} ${mode}`));
      }
    }),
    { seed: 20240611 + seedOffset, numRuns: 25, endOnFailure: true },
  );
  // The fast path really ran: its loops counted work, and liquidations happened.
  expect(work).toBeGreaterThan(0);
  expect(liquidations).toBeGreaterThan(50);
  // …and the lazy shortcut for gradient pools was taken (and agreed with the reference).
  expect(lazySkips).toBeGreaterThan(100);
  // …and books with pools liquidatable at the marks restored step 0's liquidations on every path after the first.
  expect(stepZeroKept).toBeGreaterThan(0);
}

describe('path kernel vs readable reference', () => {
  it('agrees under continuous monitoring (Brownian bridge)', () => {
    monteCarloCase({ slippageBps: 0, monitoring: 'continuous' }, 0);
  });

  it('agrees at step ends with slippage', () => {
    monteCarloCase({ slippageBps: 25, monitoring: 'step-end' }, 1);
  });

  it('agrees on replays with bars', () => {
    fc.assert(
      fc.property(randomAccountArb, fc.integer({ min: 0, max: 1_000_000 }), (input, seed) => {
        const account = testAccount(input.positions, input.balances);
        const rng = Xoshiro128.fromSeed(seed);
        const cells = STEPS * MODEL_ASSETS.length;
        const logReturns = new Float64Array(cells);
        const barLow = new Float64Array(cells);
        const barHigh = new Float64Array(cells);
        for (let i = 0; i < cells; i++) {
          const r = 0.12 * (rng.nextUniform() - 0.5);
          logReturns[i] = r;
          barLow[i] = Math.min(0, r) - 0.06 * rng.nextUniform();
          barHigh[i] = Math.max(0, r) + 0.06 * rng.nextUniform();
        }
        const replay = runReplay(account.book, { assets: MODEL_ASSETS, nSteps: STEPS, logReturns, barLow, barHigh }, { slippageBps: 10 });
        const layout: PathLayout = { assets: MODEL_ASSETS, nSteps: STEPS, stepVariance: new Float64Array(3), correlation: null, hasBars: true };
        const ref = referencePath(
          { resolved: account.resolved, collateral: account.collateral, policy: account.policy, options: { slippageBps: 10, monitoring: 'continuous' }, layout },
          { logReturns, stepVarianceScale: new Float64Array(STEPS).fill(1), barLow, barHigh, word0: 0, word1: 0 },
        );
        const equityScale = Math.max(...account.book.modeEquity0);
        MODE_NAMES.forEach((mode, m) => compareMode(replay.record, m, ref[mode], account.book.positionIds, equityScale, `replay ${mode}`));
      }),
      { seed: 777, numRuns: 40 },
    );
  });
});

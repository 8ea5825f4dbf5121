// Constructed paths with known outcomes: a 10x long hit by a −12 % step is liquidated at that
// step in isolated, and survives in cross with a profitable hedge; losses, fees, slippage and
// bad debt match hand computations.

import { describe, expect, it } from 'vitest';
import { compileBook } from '../../src/kernel/compile-book.js';
import { runBlocksInProcess } from '../../src/kernel/run-blocks.js';
import { MODE_CROSS, MODE_EXPORTED, MODE_ISOLATED, type PathRecordView } from '../../src/kernel/path-record.js';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import { buildModePools } from '../../src/margin/mode-pools.js';
import { maintenanceMarginSettlement } from '../../src/margin/position-risk.js';
import { makePosition } from '../support/make-position.js';
import { testAccount, usdt } from './support/kernel-fixtures.js';
import { scriptedModel } from './support/scripted-model.js';

const DROP = Math.log(0.88);

/** Run a scripted path once (1 path) and return the observed record's values. */
function runScripted(account: ReturnType<typeof testAccount>, steps: number[][], assets: string[], slippageBps = 0) {
  const seen: { step: number[][]; pnl: number[][]; loss: number[]; badDebt: number[] } = { step: [], pnl: [], loss: [], badDebt: [] };
  const outcome = runBlocksInProcess({
    book: account.book,
    model: scriptedModel(steps),
    modelAssets: assets,
    correlation: null,
    seed: 1,
    paths: 1,
    options: { slippageBps, monitoring: 'continuous' },
    observer: (r: PathRecordView) => {
      for (let m = 0; m < 3; m++) {
        seen.step.push(account.book.positionIds.map((_, j) => r.liquidationStep(m, j)));
        seen.pnl.push(account.book.positionIds.map((_, j) => r.pnlAtLiquidation(m, j)));
        seen.loss.push(r.loss(m));
        seen.badDebt.push(r.badDebt(m));
      }
    },
  });
  return { outcome, seen };
}

describe('constructed paths', () => {
  const btcLong = makePosition({ positionId: 'btc', symbol: 'BTCUSDT', size: 1, entryPrice: 60_000, markPrice: 60_000, leverage: 10 });
  const ethShort = makePosition({ positionId: 'eth', symbol: 'ETHUSDT', side: 'short', size: 20, entryPrice: 3_000, markPrice: 3_000, leverage: 10 });
  const steps = [
    [0, 0],
    [0, 0],
    [DROP, DROP],
    [0, 0],
  ];

  it('liquidates a 10x long at the −12 % step in isolated; the cross book with a profitable hedge survives', () => {
    const account = testAccount([btcLong, ethShort], [usdt(12_000)]);
    const { outcome, seen } = runScripted(account, steps, ['BTC', 'ETH']);
    // isolated: BTC liquidated at step 3 (the step of the drop), the ETH short not.
    expect(seen.step[MODE_ISOLATED]).toEqual([3, -1]);
    // cross (computed once: the same pools as exported): nobody.
    expect(seen.step[MODE_CROSS]).toEqual([-1, -1]);
    expect(seen.step[MODE_EXPORTED]).toEqual([-1, -1]);
    expect(outcome.modes.isolated.liquidationProbability).toBe(1);
    expect(outcome.modes.cross.liquidationProbability).toBe(0);
    expect(outcome.diagnostics.aliasedModes).toEqual(['cross']);

    // Isolated BTC pool: the fair allocation's margin (its maintenance floor first, then the
    // leverage split of the rest), liquidated at its exact liquidation price with no fee
    // (generic venue): the user keeps equity = maintenance at that price.
    const isolatedPools = buildModePools('isolated', account.resolved, account.collateral, 'leverage').pools;
    const btcPool = isolatedPools.find((p) => p.members[0]!.position.positionId === 'btc')!;
    const lp = liquidationPrice(btcPool, 'BTCUSDT')!;
    const keep = maintenanceMarginSettlement(btcLong, btcPool.members[0]!.schedule, lp);
    expect(seen.pnl[MODE_ISOLATED]![0]).toBeCloseTo(lp - 60_000, 6);
    // Account loss = BTC margin lost (margin − keep) + the ETH short's gain at the horizon.
    const margin = btcPool.cashCollateral;
    expect(margin).toBeGreaterThan(5_000);
    expect(margin).toBeLessThan(6_600);
    const ethGain = 20 * 3_000 * (1 - 0.88);
    expect(seen.loss[MODE_ISOLATED]).toBeCloseTo(margin - keep - ethGain, 6);
    // Cross: PnL nets out (+7,200 − 7,200), nothing liquidated.
    expect(seen.loss[MODE_CROSS]).toBeCloseTo(0, 6);
  });

  it('with no hedge the cross book is liquidated at the same step, at the zero of its health', () => {
    const account = testAccount([btcLong], [usdt(6_000)]);
    const { seen } = runScripted(account, steps.map((s) => [s[0]!]), ['BTC']);
    expect(seen.step[MODE_ISOLATED]).toEqual([3]);
    expect(seen.step[MODE_CROSS]).toEqual([3]);
  });

  it('charges the liquidation fee and slippage, waives the fee the margin cannot pay, and books only the fill beyond bankruptcy as bad debt', () => {
    // binance-usdm: clearance fee 0.3 % on BTCUSDT. A gap straight through the bankruptcy price
    // is still filled at the liquidation price (continuous monitoring), so no bad debt there; a
    // pool liquidatable at the start with negative equity has bad debt.
    const p = makePosition({ positionId: 'btc', symbol: 'BTCUSDT', venue: 'binance-usdm', size: 1, entryPrice: 60_000, markPrice: 60_000, leverage: 10, marginMode: 'isolated', isolatedMargin: 6_000 });
    const account = testAccount([p], []);
    const { seen } = runScripted(account, steps.map((s) => [s[0]!]), ['BTC'], 20);
    const pool = buildModePools('isolated', account.resolved, account.collateral, 'leverage').pools[0]!;
    const lp = liquidationPrice(pool, 'BTCUSDT')!;
    const fill = lp * (1 - 0.002);
    const fee = 0.003 * fill;
    const equityAfter = 6_000 + (fill - 60_000) - fee;
    expect(seen.loss[MODE_ISOLATED]).toBeCloseTo(6_000 - Math.max(equityAfter, 0), 6);
    // The fee the remaining margin cannot pay is waived: bad debt is only the fill's gap beyond
    // the bankruptcy price (equity before the fee below zero).
    expect(equityAfter).toBeLessThan(0);
    expect(seen.badDebt[MODE_ISOLATED]).toBeCloseTo(Math.max(-(equityAfter + fee), 0), 6);

    const underwater = makePosition({ positionId: 'u', symbol: 'BTCUSDT', size: 1, entryPrice: 70_000, markPrice: 60_000, leverage: 10, marginMode: 'isolated', isolatedMargin: 7_000 });
    const broke = testAccount([underwater], []);
    const { seen: s2 } = runScripted(broke, [[0]], ['BTC']);
    expect(s2.step[MODE_ISOLATED]).toEqual([0]);
    expect(s2.badDebt[MODE_ISOLATED]).toBeCloseTo(3_000, 9);
    // The pool starts at equity 7,000 − 10,000 = −3,000 and ends at 0 (the venue absorbs the
    // deficit), so by the definition loss = equity at start − equity at the horizon it is −3,000.
    expect(s2.loss[MODE_ISOLATED]).toBeCloseTo(-3_000, 9);
  });

  it('compiles exact barriers equal to the liquidation price', () => {
    const account = testAccount([btcLong, ethShort], [usdt(12_000)]);
    const book = compileBook(account.resolved, account.collateral, 'leverage');
    const isolatedPools = buildModePools('isolated', account.resolved, account.collateral, 'leverage').pools;
    for (let i = book.modePoolStart[MODE_ISOLATED]!; i < book.modePoolStart[MODE_ISOLATED + 1]!; i++) {
      const pool = isolatedPools[i - book.modePoolStart[MODE_ISOLATED]!]!;
      const member = pool.members[0]!.position;
      const lp = liquidationPrice(pool, member.symbol)!;
      const barrier = member.side === 'long' ? book.poolBarrierLow[i]! : book.poolBarrierHigh[i]!;
      expect(member.markPrice * Math.exp(barrier)).toBeCloseTo(lp, 6);
    }
    // The cross pool of two assets is a gradient pool.
    expect(book.poolBarrierAsset[book.modePoolStart[MODE_CROSS]!]).toBe(-1);
  });
});

describe('outcome statistics on identical paths', () => {
  it('reports the one loss as mean, VaR and ES with zero errors, and the liquidation time in hours', () => {
    const long = makePosition({ positionId: 'btc', symbol: 'BTCUSDT', size: 1, entryPrice: 60_000, markPrice: 60_000, leverage: 10, marginMode: 'isolated', isolatedMargin: 6_000 });
    const account = testAccount([long], []);
    const outcome = runBlocksInProcess({
      book: account.book,
      model: scriptedModel([[0], [0], [Math.log(0.88)], [0]], 2),
      modelAssets: ['BTC'],
      correlation: null,
      seed: 3,
      paths: 50,
      blockSize: 16,
    });
    const isolated = outcome.modes.isolated;
    expect(outcome.stepHours).toBeCloseTo(2, 12);
    expect(isolated.liquidationProbability).toBe(1);
    expect(isolated.standardErrors.liquidationProbability).toBe(0);
    expect(isolated.valueAtRisk['0.99']).toBeCloseTo(isolated.expectedLoss, 9);
    expect(isolated.expectedShortfall['0.95']).toBeCloseTo(isolated.expectedLoss, 9);
    expect(isolated.standardErrors.expectedLoss).toBeCloseTo(0, 9);
    expect(isolated.standardErrors.valueAtRisk['0.95']).toBe(0);
    expect(isolated.timeToLiquidation.quantileSteps['0.5']).toBe(3);
    expect(isolated.timeToLiquidation.quantileHours['0.5']).toBeCloseTo(6, 9);
    expect(isolated.horizonEquity['0.5']).toBeCloseTo(isolated.equity - isolated.expectedLoss, 9);
    expect(isolated.positions[0]!.liquidationProbability).toBe(1);
    expect(isolated.positions[0]!.expectedLoss).toBeCloseTo(isolated.expectedLoss, 9);
    expect(Object.keys(isolated.valueAtRisk)).toEqual(['0.95', '0.99']);
  });
});

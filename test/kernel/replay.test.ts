// Historical replays: with bars, a liquidation inside a bar (low through the threshold, close
// back above) is caught; with closes only it is not; a cross pool is checked at the adverse
// extreme of each asset; the minimum equity is tracked.

import { describe, expect, it } from 'vitest';
import { loadBundledTierBook } from '../../src/io/bundled-tiers.js';
import { runReplay } from '../../src/kernel/run-replay.js';
import { makePosition } from '../support/make-position.js';
import { testAccount, usdt } from './support/kernel-fixtures.js';

const ln = Math.log;

describe('runReplay', () => {
  const long = makePosition({ positionId: 'btc', symbol: 'BTCUSDT', size: 1, entryPrice: 60_000, markPrice: 60_000, leverage: 10, marginMode: 'isolated', isolatedMargin: 6_000 });

  it('catches a liquidation inside a bar that closes above the threshold', () => {
    const account = testAccount([long], []);
    // Step 1: low −11 %, close −2 %. Step 2: flat.
    const logReturns = Float64Array.from([ln(0.98), 0]);
    const withBars = runReplay(account.book, { assets: ['BTC'], nSteps: 2, logReturns, barLow: Float64Array.from([ln(0.89), 0]), barHigh: Float64Array.from([0, 0]) });
    expect(withBars.modes.isolated.liquidated).toBe(true);
    expect(withBars.modes.isolated.liquidatedStep).toBe(1);
    expect(withBars.modes.isolated.positions[0]!.liquidatedStep).toBe(1);
    const closesOnly = runReplay(account.book, { assets: ['BTC'], nSteps: 2, logReturns, barLow: null, barHigh: null });
    expect(closesOnly.modes.isolated.liquidated).toBe(false);
    expect(closesOnly.modes.isolated.loss).toBeCloseTo(60_000 * 0.02, 6);
    expect(closesOnly.modes.isolated.minEquity).toBeCloseTo(6_000 - 1_200, 6);
  });

  it('checks a cross pool at each asset’s adverse extreme', () => {
    // Long BTC, short ETH, little wallet: BTC's low and ETH's high in the same bar liquidate the
    // pool although both close flat.
    const btc = makePosition({ positionId: 'btc', symbol: 'BTCUSDT', size: 1, entryPrice: 60_000, markPrice: 60_000, leverage: 10 });
    const eth = makePosition({ positionId: 'eth', symbol: 'ETHUSDT', side: 'short', size: 20, entryPrice: 3_000, markPrice: 3_000, leverage: 10 });
    const account = testAccount([btc, eth], [usdt(9_000)]);
    const logReturns = Float64Array.from([0, 0]);
    const replay = runReplay(account.book, {
      assets: ['BTC', 'ETH'],
      nSteps: 1,
      logReturns,
      barLow: Float64Array.from([ln(0.92), ln(0.99)]),
      barHigh: Float64Array.from([ln(1.01), ln(1.08)]),
    });
    expect(replay.modes.cross.liquidated).toBe(true);
    expect(replay.modes.cross.liquidatedStep).toBe(1);
    // Each leg alone moves 8 % against 10x: the isolated pools both go too.
    expect(replay.modes.isolated.positions.map((p) => p.liquidated)).toEqual([true, true]);
    // The record carries both legs' PnL at the cross trigger, for the contagion layer.
    expect(replay.record.pnlAtLiquidation(2, 0)).toBeLessThan(0);
    expect(replay.record.pnlAtLiquidation(2, 1)).toBeLessThan(0);
  });

  it('books no bad debt when only the clearance fee exceeds the margin left (zero slippage)', () => {
    // The sample's isolated Binance ETH long on the bundled brackets: at its liquidation price the
    // pool keeps its maintenance margin, 0.5 % of notional − 50 USDT, while the clearance fee is
    // 0.5 % of notional: 50 USDT more than is left. The venue takes what is left and loses nothing.
    const eth = makePosition({ positionId: 'eth', symbol: 'ETHUSDT', venue: 'binance-usdm', size: 25, entryPrice: 2_980, markPrice: 3_015, leverage: 10, marginMode: 'isolated', isolatedMargin: 7_450 });
    const account = testAccount([eth], [], 'leverage', loadBundledTierBook());
    const replay = runReplay(account.book, { assets: ['ETH'], nSteps: 1, logReturns: Float64Array.from([ln(0.8)]), barLow: Float64Array.from([ln(0.7)]), barHigh: Float64Array.from([0]) });
    const isolated = replay.modes.isolated;
    expect(isolated.liquidated).toBe(true);
    expect(isolated.badDebt).toBe(0);
    // The user loses the whole pool (margin + PnL at the mark), never more.
    expect(isolated.loss).toBeCloseTo(7_450 + 25 * (3_015 - 2_980), 6);
    expect(isolated.minEquity).toBe(0);
  });
});

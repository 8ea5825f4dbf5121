// The deterministic stress on books whose answers are known by hand (flat 1 % maintenance, the
// leverage allocation): each position moved to its own isolated liquidation price is carried by
// the pooled collateral in cross (a rescue), the cross pool's own liquidation price takes the
// unrelated position with it (a victim of the moved one), and an account holding an underwater
// isolated row turns the move into a cross liquidation that drags a healthy position down.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/domain/position.js';
import { stressAccount } from '../../src/contagion/stress-account.js';
import { FLOOR_MARGIN } from '../../src/margin/allocation.js';
import { makePosition } from '../support/make-position.js';
import { bookOf, btcLong, contextFor, ethLong } from './support/fixtures.js';

/**
 * The fair leverage allocation of the 12,000 wallet, by hand: each position first gets its
 * maintenance floor (1 % of notional: BTC 600, ETH 300, each × (1 + ε)), then the rest is split
 * by entry notional / leverage (6,000 each, scaled to what is left).
 */
const FLOORS = 900 * (1 + FLOOR_MARGIN);
const SCALE = (12_000 - FLOORS) / 12_000;
const BTC_MARGIN = 600 * (1 + FLOOR_MARGIN) + 6_000 * SCALE; // ≈ 6,150
const ETH_MARGIN = 300 * (1 + FLOOR_MARGIN) + 6_000 * SCALE; // ≈ 5,850

describe('stressAccount', () => {
  const positions = [btcLong, ethLong];
  const { stress, contagion } = stressAccount(bookOf(positions, 12_000), contextFor(positions));

  it('moves BTC to its isolated liquidation price: cross survives, BTC is rescued by the pooled collateral', () => {
    const btc = stress[0]!;
    // m + (p − 60,000) = 0.01 p  ⇒  p = (60,000 − m) / 0.99 ≈ 53,850 / 0.99
    expect(btc.shockedPositionId).toBe('btc');
    expect(btc.price).toBeCloseTo((60_000 - BTC_MARGIN) / 0.99, 8);
    expect(btc.move).toBeCloseTo((60_000 - BTC_MARGIN) / 0.99 / 60_000 - 1, 12);
    // Cross health there: 12,000 + (p − 60,000) − 0.01 p − 300 ≈ 5,550 > 0.
    expect(btc.crossLiquidated).toBe(false);
    expect(btc.victims).toEqual([]);
    expect(btc.rescues).toEqual([{ positionId: 'btc', probability: 1, standardError: 0, causes: [], collateralShare: 1 }]);
    // The cross pool goes at 0.99 p = 48,300; ETH (alive isolated) goes with it, caused by BTC.
    expect(btc.crossLiquidationPrice).toBeCloseTo(48_300 / 0.99, 8);
    expect(btc.crossMove).toBeCloseTo(48_300 / 0.99 / 60_000 - 1, 12);
    expect(btc.victimsAtCrossLiquidation).toEqual([{ positionId: 'eth', probability: 1, standardError: 0, causes: [{ positionId: 'btc', share: 1 }], collateralShare: 0 }]);
  });

  it('moves ETH likewise: isolated at (30,000 − m) / 9.9, the cross pool at 18,600 / 9.9 taking BTC along', () => {
    const eth = stress[1]!;
    // m + 10 (p − 3,000) = 0.1 p  ⇒  p = (30,000 − m) / 9.9 ≈ 24,150 / 9.9
    expect(eth.price).toBeCloseTo((30_000 - ETH_MARGIN) / 9.9, 9);
    expect(eth.crossLiquidated).toBe(false);
    expect(eth.rescues.map((r) => r.positionId)).toEqual(['eth']);
    expect(eth.crossLiquidationPrice).toBeCloseTo(18_600 / 9.9, 9);
    expect(eth.victimsAtCrossLiquidation.map((v) => [v.positionId, v.causes])).toEqual([['btc', [{ positionId: 'eth', share: 1 }]]]);
  });

  it('aggregates the stresses as paths: each position rescued in one stress of two', () => {
    expect(contagion!.paths).toBe(2);
    expect(contagion!.victims).toEqual([]);
    expect(contagion!.rescues.map((r) => [r.positionId, r.probability])).toEqual([
      ['btc', 0.5],
      ['eth', 0.5],
    ]);
  });

  it('with an underwater isolated row, BTC at its isolated price liquidates the cross pool: ETH is its victim', () => {
    // SOL isolated, margin 100, 100 @ 200 marked at 140: isolated health 100 − 6,000 − 140 = −6,040.
    const sol = makePosition({ positionId: 'sol', symbol: 'SOLUSDT', size: 100, entryPrice: 200, markPrice: 140, marginMode: 'isolated', isolatedMargin: 100, leverage: 5 });
    const book = [btcLong, ethLong, sol];
    const result = stressAccount(bookOf(book, 12_000), contextFor(book));
    const btc = result.stress[0]!;
    // Cross health at BTC's isolated price = Σ isolated healths = 0 + 5,700 − 6,040 < 0.
    expect(btc.crossLiquidated).toBe(true);
    expect(btc.victims).toEqual([{ positionId: 'eth', probability: 1, standardError: 0, causes: [{ positionId: 'btc', share: 1 }], collateralShare: 0 }]);
    expect(btc.rescues).toEqual([]);
    // SOL is liquidatable isolated already: stressed at its mark, where cross (health 5,060) survives.
    const solStress = result.stress[2]!;
    expect(solStress.price).toBe(140);
    expect(solStress.move).toBe(0);
    expect(solStress.crossLiquidated).toBe(false);
    expect(solStress.rescues.map((r) => [r.positionId, r.collateralShare])).toEqual([['sol', 1]]);
  });

  it('a one-position account: at its isolated liquidation price the cross wallet alone holds it up (a rescue, collateral 100 %)', () => {
    const { stress: alone, contagion } = stressAccount(bookOf([btcLong], 12_000), contextFor([btcLong]));
    expect(alone[0]!.crossLiquidated).toBe(false);
    expect(alone[0]!.victims).toEqual([]);
    expect(alone[0]!.rescues.map((r) => [r.positionId, r.causes, r.collateralShare])).toEqual([['btc', [], 1]]);
    expect(alone[0]!.victimsAtCrossLiquidation).toEqual([]);
    expect(contagion!.victims).toEqual([]);
    expect(contagion!.rescues.map((r) => [r.positionId, r.probability, r.causes, r.collateralShare])).toEqual([['btc', 1, [], 1]]);
  });
});

const rowArb = fc.record({
  symbol: fc.constantFrom('BTCUSDT', 'ETHUSDT', 'SOLUSDT'),
  side: fc.constantFrom<'long' | 'short'>('long', 'short'),
  notional: fc.integer({ min: 1_000, max: 50_000 }),
  entryMove: fc.double({ min: -0.1, max: 0.1, noNaN: true }),
  leverage: fc.integer({ min: 2, max: 50 }),
  isolated: fc.boolean(),
});
const marks: Record<string, number> = { BTCUSDT: 60_000, ETHUSDT: 3_000, SOLUSDT: 150 };

describe('stress properties', () => {
  it('victims die with the cross pool and are caused by the moved symbol; rescues only when the pool survives', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 40_000 }), (rows, wallet) => {
        const positions: Position[] = rows.map((r, i) => {
          const mark = marks[r.symbol]!;
          const entry = mark * (1 + r.entryMove);
          const size = r.notional / mark;
          return makePosition({ positionId: `p${i}`, symbol: r.symbol, side: r.side, size, entryPrice: entry, markPrice: mark, leverage: r.leverage, marginMode: r.isolated ? 'isolated' : 'cross', isolatedMargin: r.isolated ? (size * entry) / r.leverage : null });
        });
        const { stress } = stressAccount(bookOf(positions, wallet), contextFor(positions));
        const symbolOf = new Map(positions.map((p) => [p.positionId, p.symbol]));
        for (const entry of stress) {
          // Alone: nothing to drag it down; when cross survives, the wallet alone holds it up.
          if (positions.length === 1) {
            expect(entry.victims).toEqual([]);
            for (const rescue of entry.rescues) expect([rescue.positionId, rescue.causes, rescue.collateralShare]).toEqual([entry.shockedPositionId, [], 1]);
          }
          if (entry.victims.length > 0) expect(entry.crossLiquidated).toBe(true);
          if (entry.rescues.length > 0) expect(entry.crossLiquidated).toBe(false);
          // At its own isolated liquidation price the shocked position is liquidated isolated, so
          // never its own victim (at the cross price it may be: it survives isolated there).
          for (const victim of entry.victims) expect(victim.positionId).not.toBe(entry.shockedPositionId);
          for (const victim of [...entry.victims, ...entry.victimsAtCrossLiquidation]) {
            expect(victim.causes.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
            for (const cause of victim.causes) expect(cause.positionId === victim.positionId || symbolOf.get(cause.positionId) === entry.symbol).toBe(true);
          }
        }
      }),
      { numRuns: 60, seed: 777 },
    );
  });
});

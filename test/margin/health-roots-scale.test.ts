// Liquidation prices at the edges of the accepted input range (prices 1e-12 … 1e12): the root
// search must reach every accepted price from every mark, not only 1e-9 … 1e9 times the mark.
// Expected values are Binance's one-way closed form with the bracket taken at the liquidation price.

import { describe, expect, it } from 'vitest';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import type { Pool } from '../../src/margin/pool.js';
import { poolEquity, poolMaintenance } from '../../src/margin/pool-health.js';
import { searchFactorRange } from '../../src/margin/quadratic-root.js';
import { notionalBracketSchedule } from '../../src/venues/bracket-schedule.js';
import { makePosition } from '../support/make-position.js';
import { LEGACY_BINANCE_BTCUSDT } from '../support/tier-tables.js';

const schedule = notionalBracketSchedule(LEGACY_BINANCE_BTCUSDT);

function crossPool(side: 'long' | 'short', size: number, entry: number, mark: number, wallet: number): Pool {
  const position = makePosition({ symbol: 'BTCUSDT', side, size, entryPrice: entry, markPrice: mark });
  return { poolId: 'p', account: 'main', marginMode: 'cross', asset: 'USDT', cashCollateral: wallet, assetCollateral: [], members: [{ position, schedule }] };
}

/** Binance one-way: LP = (WB + cum - s Q EP) / (Q MMR - s Q), bracket taken at Q * LP. */
function binanceOneWay(side: 'long' | 'short', q: number, entry: number, wallet: number): number {
  const s = side === 'long' ? 1 : -1;
  for (const t of LEGACY_BINANCE_BTCUSDT.tiers) {
    const lp = (wallet + t.maintenanceAmount - s * q * entry) / (q * t.maintenanceMarginRate - s * q);
    if (q * lp >= t.floor && q * lp < t.cap) return lp;
  }
  throw new Error('no self-consistent bracket');
}

function expectLiquidation(pool: Pool, side: 'long' | 'short', q: number, entry: number, wallet: number): number {
  const lp = liquidationPrice(pool, 'BTCUSDT');
  expect(lp).not.toBeNull();
  expect(Number.isFinite(lp)).toBe(true);
  const expected = binanceOneWay(side, q, entry, wallet);
  expect(Math.abs(lp! - expected) / expected).toBeLessThan(1e-9);
  const mark = pool.members[0]!.position.markPrice;
  if (side === 'long') expect(lp!).toBeLessThan(mark);
  else expect(lp!).toBeGreaterThan(mark);
  // equity = maintenance there, relative to the notional
  const at = () => lp!;
  expect(Math.abs(poolEquity(pool, at) - poolMaintenance(pool, at))).toBeLessThan(1e-9 * q * lp!);
  return lp!;
}

describe('liquidation prices at any scale of the accepted range', () => {
  it('a long at a mark of 1e15 entered at 80,000: liquidated near 80,321, far below 1e-9 of the mark', () => {
    // 0.001 BTC, no wallet: LP = 0.001 × 80,000 / (0.001 × (1 − 0.004)) = 80,321.285…
    const lp = expectLiquidation(crossPool('long', 0.001, 80_000, 1e15, 0), 'long', 0.001, 80_000, 0);
    expect(lp).toBeCloseTo(80_000 / 0.996, 6);
  });

  it('a long at the top of the range (mark 1e12) entered at 1: liquidated at 1 / 0.996', () => {
    const lp = expectLiquidation(crossPool('long', 1, 1, 1e12, 0), 'long', 1, 1, 0);
    expect(Math.abs(lp / (1 / 0.996) - 1)).toBeLessThan(1e-9);
  });

  it('a short at the bottom of the range (mark 1e-12) entered at 1e6: liquidated above, in the top bracket', () => {
    // Q = 1: LP = (cum + 1e6) / (1 + MMR) in the bracket of notional LP (250,000 … 1,000,000: 1 %)
    expectLiquidation(crossPool('short', 1, 1e6, 1e-12, 0), 'short', 1, 1e6, 0);
  });

  it.each([
    ['long', 1e-8, 1e9],
    ['short', 1e-8, 1e9],
    ['long', 1e9, 1e-3],
    ['short', 1e9, 1e-3],
  ] as const)('a 10x %s at a mark of %s (size %s) has its liquidation price on the right side', (side, mark, q) => {
    const wallet = (q * mark) / 10;
    const lp = expectLiquidation(crossPool(side, q, mark, mark, wallet), side, q, mark, wallet);
    // 10x with a 0.4 % to 2.5 % maintenance rate: liquidated 7.5 % to 9.6 % away from the mark
    const distance = Math.abs(lp / mark - 1);
    expect(distance).toBeGreaterThan(0.07);
    expect(distance).toBeLessThan(0.1);
  });

  it('a fully collateralised 1x long has no liquidation price at any mark (no rounding root near 0)', () => {
    for (const mark of [1e-12, 1e-8, 1, 97_000, 1e9, 1e12]) {
      for (const entry of [mark, mark * 0.7]) {
        expect(liquidationPrice(crossPool('long', 3, entry, mark, 3 * entry), 'BTCUSDT')).toBeNull();
      }
    }
  });

  it('a long whose wallet is its entry notional up to rounding has no liquidation price either', () => {
    // 7 × 14,285.3 is 99,997.09999999999 in doubles; a wallet of 99,997.09999999998 leaves a
    // residue of −1.5e-11: rounding, not a debt. Taken as a root it put the liquidation price at
    // 2.1e-12 (f ≈ 2.1e-16, inside the searched range for a mark of 10,000).
    expect(liquidationPrice(crossPool('long', 7, 14_285.3, 10_000, 99_997.09999999998), 'BTCUSDT')).toBeNull();
  });

  it('the searched factors reach every accepted price from any mark', () => {
    expect(searchFactorRange(100, 100)).toEqual({ min: 1e-14, max: 1e10 });
    expect(searchFactorRange(1e-8, 1e12)).toEqual({ min: 1e-24, max: 1e20 });
    // marks near 1 keep the relative range 1e-9 … 1e9 (never narrower)
    expect(searchFactorRange(1e-3, 1e-3)).toEqual({ min: 1e-9, max: 1e15 });
  });
});

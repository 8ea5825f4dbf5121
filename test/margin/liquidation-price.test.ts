// The generic liquidation-price solver against the closed-form one-way formulas it must
// reproduce, bracket by bracket, for linear and inverse contracts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import type { Pool } from '../../src/margin/pool.js';
import { poolEquity, poolMaintenance } from '../../src/margin/pool-health.js';
import { notionalBracketSchedule } from '../../src/venues/bracket-schedule.js';
import { makePosition } from '../support/make-position.js';
import { LEGACY_BINANCE_BTCUSDT } from '../support/tier-tables.js';

const schedule = notionalBracketSchedule(LEGACY_BINANCE_BTCUSDT);

function isolatedPool(side: 'long' | 'short', size: number, entry: number, mark: number, margin: number): Pool {
  const position = makePosition({ symbol: 'BTCUSDT', side, size, entryPrice: entry, markPrice: mark, marginMode: 'isolated', isolatedMargin: margin });
  return { poolId: 'p', account: 'main', marginMode: 'isolated', asset: 'USDT', cashCollateral: margin, assetCollateral: [], members: [{ position, schedule }] };
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

describe('liquidationPrice (linear, isolated)', () => {
  it('matches the one-way formula for a 10x BTC long', () => {
    // Q = 2 BTC at 40,000, margin 8,000: LP = (8000 + 50 - 80000) / (2*0.005 - 2) = 36155.78
    const pool = isolatedPool('long', 2, 40_000, 40_000, 8_000);
    expect(liquidationPrice(pool, 'BTCUSDT')).toBeCloseTo(36_155.778894, 5);
  });

  it('returns null for a fully collateralised 1x long', () => {
    const pool = isolatedPool('long', 1, 50_000, 50_000, 50_000);
    expect(liquidationPrice(pool, 'BTCUSDT')).toBeNull();
  });

  it('agrees with the bracket-iterated closed form on random positions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'long' | 'short'>('long', 'short'),
        fc.double({ min: 0.001, max: 400, noNaN: true }),
        fc.double({ min: 1_000, max: 100_000, noNaN: true }),
        fc.double({ min: 1.5, max: 100, noNaN: true }),
        (side, q, entry, leverage) => {
          const margin = (q * entry) / leverage;
          const pool = isolatedPool(side, q, entry, entry, margin);
          const lp = liquidationPrice(pool, 'BTCUSDT');
          expect(lp).not.toBeNull();
          const expected = binanceOneWay(side, q, entry, margin);
          expect(Math.abs(lp! - expected) / expected).toBeLessThan(1e-9);
          // And at that price equity equals maintenance.
          const at = () => lp!;
          expect(poolEquity(pool, at) - poolMaintenance(pool, at)).toBeCloseTo(0, 6);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('liquidationPrice (inverse)', () => {
  it('matches the COIN-M one-way formula n(MMR + s) / (WB + cum + s n / EP)', () => {
    const table = { ...LEGACY_BINANCE_BTCUSDT, tiers: [{ floor: 0, cap: Infinity, maintenanceMarginRate: 0.005, maintenanceAmount: 0, maxLeverage: 125, initialMarginRate: null, liquidationFeeRate: null }] };
    const position = makePosition({ symbol: 'BTCUSD_PERP', instrument: 'inverse', contractSize: 100, side: 'long', size: 50, entryPrice: 20_000, markPrice: 20_000, settlementAsset: 'BTC', baseAsset: 'BTC', quoteAsset: 'USD' });
    const wallet = 0.05;
    const pool: Pool = { poolId: 'p', account: 'main', marginMode: 'cross', asset: 'BTC', cashCollateral: wallet, assetCollateral: [], members: [{ position, schedule: notionalBracketSchedule(table) }] };
    const n = 50 * 100;
    const expected = (n * (0.005 + 1)) / (wallet + 0 + n / 20_000);
    expect(liquidationPrice(pool, 'BTCUSD_PERP')).toBeCloseTo(expected, 6);
  });
});

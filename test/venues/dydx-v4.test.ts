// The dYdX v4 profile against the published liquidation-price examples in
// dydxprotocol/v4-documentation docs/pages/concepts/trading/liquidations.mdx, the margin formula of
// margin.mdx, and the bundled liquidity-tier data.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/domain/position.js';
import type { TierTable } from '../../src/domain/tier.js';
import { parseBundledTierFile } from '../../src/io/bundled-tiers.js';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import type { Pool } from '../../src/margin/pool.js';
import { poolEquity, poolMaintenance } from '../../src/margin/pool-health.js';
import { maintenanceMarginSettlement } from '../../src/margin/position-risk.js';
import { dydxV4Profile, dydxV4TierKey } from '../../src/venues/dydx-v4.js';
import { tierTableProblems } from '../../src/venues/validate-tier-table.js';
import { makePosition } from '../support/make-position.js';

const LIQUIDATIONS_DOC = 'https://github.com/dydxprotocol/v4-documentation/blob/main/docs/pages/concepts/trading/liquidations.mdx';

const bundled = parseBundledTierFile(readFileSync(new URL('../../data/tiers/dydx-v4.json', import.meta.url), 'utf8'), 'dydx-v4.json');

/** One flat liquidity-tier row: MMF and IMF. */
function tierOf(symbol: string, mmf: number, imf: number): TierTable {
  return {
    symbol,
    measure: 'notional',
    tiers: [{ floor: 0, cap: Infinity, maintenanceMarginRate: mmf, maintenanceAmount: 0, maxLeverage: 1 / imf, initialMarginRate: imf, liquidationFeeRate: null }],
    source: 'test',
    snapshotDate: 'test',
  };
}

function dydxPosition(symbol: string, side: 'long' | 'short', size: number, price: number, mode: 'isolated' | 'cross'): Position {
  return makePosition({ symbol, side, size, entryPrice: price, markPrice: price, marginMode: mode, venue: 'dydx-v4', quoteAsset: 'USD', settlementAsset: 'USDC' });
}

function pool(mode: 'isolated' | 'cross', cashCollateral: number, members: readonly [Position, TierTable][]): Pool {
  return {
    poolId: mode,
    account: 'main',
    marginMode: mode,
    asset: 'USDC',
    cashCollateral,
    assetCollateral: [],
    members: members.map(([position, table]) => ({ position, schedule: dydxV4Profile.maintenanceSchedule(position, table, mode) })),
  };
}

describe(`dYdX isolated liquidation price (${LIQUIDATIONS_DOC})`, () => {
  // Deposit e = 1000, short s = -3 ETH at p = 3000, MMF 5 %:
  // p' = (e - s p) / (|s| MMF - s) = 10000 / 3.15 = 3174.60; equity there = 476.2.
  const eth = dydxPosition('ETH-USD', 'short', 3, 3000, 'isolated');
  const p = pool('isolated', 1000, [[eth, tierOf('ETH-USD', 0.05, 0.1)]]);

  it('gives 3174.60', () => {
    const lp = liquidationPrice(p, 'ETH-USD');
    expect(lp).toBeCloseTo(3174.6, 2);
    expect(lp).toBeCloseTo(10_000 / 3.15, 9);
  });

  it('leaves equity equal to 5 % of the notional there (476.2)', () => {
    const lp = liquidationPrice(p, 'ETH-USD')!;
    const at = () => lp;
    expect(poolEquity(p, at)).toBeCloseTo(476.2, 1);
    expect(poolMaintenance(p, at)).toBeCloseTo(poolEquity(p, at), 9);
  });
});

describe(`dYdX cross liquidation price (${LIQUIDATIONS_DOC})`, () => {
  it('gives 3380.95 for the ETH short beside a STRK long', () => {
    // Deposit 1000; short 1.5 ETH at 3000 (MMF 5 %), long 1000 STRK at 1.75 (MMF 10 %):
    // MMR_o = 1000 * 1.75 * 0.10 = 175; p' = (1000 + 4500 - 175) / 1.575 = 3380.95.
    const eth = dydxPosition('ETH-USD', 'short', 1.5, 3000, 'cross');
    const strk = dydxPosition('STRK-USD', 'long', 1000, 1.75, 'cross');
    const p = pool('cross', 1000, [
      [eth, tierOf('ETH-USD', 0.05, 0.1)],
      [strk, tierOf('STRK-USD', 0.1, 0.2)],
    ]);
    expect(poolMaintenance(p)).toBeCloseTo(1.5 * 3000 * 0.05 + 175, 9);
    const lp = liquidationPrice(p, 'ETH-USD');
    expect(lp).toBeCloseTo(3380.95, 2);
    expect(lp).toBeCloseTo(5325 / 1.575, 9);
  });
});

describe('dYdX maintenance margin (margin.mdx: MM = |S * P * M|)', () => {
  it('is the position value at the oracle times the fraction, whatever the size', () => {
    const table = tierOf('BTC-USD', 0.012, 0.02);
    for (const [size, price] of [
      [0.5, 60_000],
      [250, 100_000],
      [3_000, 20_000],
    ] as const) {
      const position = dydxPosition('BTC-USD', 'long', size, price, 'cross');
      const schedule = dydxV4Profile.maintenanceSchedule(position, table, 'cross');
      expect(schedule.bracketsOn).toBe('fixed');
      expect(maintenanceMarginSettlement(position, schedule, price * 0.9)).toBeCloseTo(size * price * 0.9 * 0.012, 6);
    }
  });

  it('uses the same rule isolated and cross, with the 1.5 % maximum penalty as liquidation fee', () => {
    const position = dydxPosition('SOL-USD', 'short', 10, 150, 'isolated');
    const table = bundled.tables.get('SOL-USD')!;
    const isolated = dydxV4Profile.maintenanceSchedule(position, table, 'isolated');
    const cross = dydxV4Profile.maintenanceSchedule(position, table, 'cross');
    expect(isolated).toEqual(cross);
    expect(isolated.liquidationFeeRate).toBe(0.015);
    expect(isolated.feeReserveRate).toBe(0);
    expect(isolated.defaultLeverage).toBe(10);
  });

  it('honours a user table with several notional brackets', () => {
    const table: TierTable = {
      symbol: 'BTC-USD',
      measure: 'notional',
      tiers: [
        { floor: 0, cap: 1_000_000, maintenanceMarginRate: 0.01, maintenanceAmount: 0, maxLeverage: 50, initialMarginRate: null, liquidationFeeRate: null },
        { floor: 1_000_000, cap: Infinity, maintenanceMarginRate: 0.02, maintenanceAmount: 10_000, maxLeverage: 25, initialMarginRate: null, liquidationFeeRate: null },
      ],
      source: 'test',
      snapshotDate: 'test',
    };
    const position = dydxPosition('BTC-USD', 'long', 20, 100_000, 'cross');
    const schedule = dydxV4Profile.maintenanceSchedule(position, table, 'cross');
    expect(schedule.bracketsOn).toBe('notional');
    expect(maintenanceMarginSettlement(position, schedule, 100_000)).toBeCloseTo(2_000_000 * 0.02 - 10_000, 6);
  });
});

describe('dYdX bundled tiers (data/tiers/dydx-v4.json)', () => {
  it('is sound and flat for every market', () => {
    expect(bundled.venue).toBe('dydx-v4');
    for (const t of bundled.tables.values()) {
      expect(tierTableProblems(t)).toEqual([]);
      expect(t.tiers).toHaveLength(1);
    }
  });

  it('puts BTC and ETH in Large-Cap (1.2 %, 50x) and the other large markets in Small-Cap (5 %, 10x)', () => {
    for (const m of ['BTC-USD', 'ETH-USD']) {
      const only = bundled.tables.get(m)!.tiers[0]!;
      expect([only.maintenanceMarginRate, only.initialMarginRate, only.maxLeverage]).toEqual([0.012, 0.02, 50]);
    }
    for (const base of ['SOL', 'XRP', 'DOGE', 'BNB', 'ADA', 'LINK', 'AVAX', 'SUI', 'LTC', 'TRX']) {
      const only = bundled.tables.get(`${base}-USD`)!.tiers[0]!;
      expect([only.maintenanceMarginRate, only.initialMarginRate, only.maxLeverage], base).toEqual([0.05, 0.1, 10]);
    }
  });
});

describe('dYdX tierKey', () => {
  it('maps spellings onto the market ticker', () => {
    for (const s of ['BTC', 'BTC-USD', 'BTCUSD', 'btc-usd', 'BTC/USD:USDC', 'BTC-USDC']) expect(dydxV4TierKey(s), s).toBe('BTC-USD');
    expect(dydxV4Profile.tierKey('ETH')).toBe('ETH-USD');
    expect(dydxV4Profile.defaultQuoteAsset).toBe('USDC');
  });
});

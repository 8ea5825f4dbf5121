// The Deribit profile against the published linear-perpetual margin examples
// (https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual), its size-linear
// maintenance rate, inverse contract math, and the bundled data.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/domain/position.js';
import type { TierTable } from '../../src/domain/tier.js';
import { parseBundledTierFile } from '../../src/io/bundled-tiers.js';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import type { Pool } from '../../src/margin/pool.js';
import { maintenanceMarginSettlement } from '../../src/margin/position-risk.js';
import { deribitProfile, deribitSizeInCoin, deribitTierKey } from '../../src/venues/deribit.js';
import { tierTableProblems } from '../../src/venues/validate-tier-table.js';
import { makePosition } from '../support/make-position.js';

const LINEAR_PERPETUAL = 'https://support.deribit.com/hc/en-us/articles/25944738177565-Linear-Perpetual';

const bundled = parseBundledTierFile(readFileSync(new URL('../../data/tiers/deribit.json', import.meta.url), 'utf8'), 'deribit.json');

function linear(symbol: string, side: 'long' | 'short', size: number, entry: number, mark: number): Position {
  return makePosition({ symbol, side, size, entryPrice: entry, markPrice: mark, venue: 'deribit', marginMode: 'isolated' });
}

function maintenanceAt(position: Position, priceQuote: number): number {
  const table = bundled.tables.get(deribitTierKey(position.symbol))!;
  return maintenanceMarginSettlement(position, deribitProfile.maintenanceSchedule(position, table, position.marginMode), priceQuote);
}

function flatTable(symbol: string, mmr: number): TierTable {
  return {
    symbol,
    measure: 'size',
    tiers: [{ floor: 0, cap: Infinity, maintenanceMarginRate: mmr, maintenanceAmount: 0, maxLeverage: 50, initialMarginRate: null, liquidationFeeRate: null }],
    source: 'test',
    snapshotDate: 'test',
  };
}

function isolatedPool(position: Position, table: TierTable, margin: number): Pool {
  return {
    poolId: 'p',
    account: 'main',
    marginMode: 'isolated',
    asset: position.settlementAsset,
    cashCollateral: margin,
    assetCollateral: [],
    members: [{ position, schedule: deribitProfile.maintenanceSchedule(position, table, 'isolated') }],
  };
}

describe(`Deribit linear perpetual maintenance margin (${LINEAR_PERPETUAL})`, () => {
  it('BTC_USDC, 25 BTC at 100,000: 1 % + 25 * 0.005 % = 1.125 %, 28,125 USDC', () => {
    const position = linear('BTC_USDC-PERPETUAL', 'long', 25, 100_000, 100_000);
    expect(maintenanceAt(position, 100_000)).toBeCloseTo(28_125, 6);
  });

  it('SOL_USDC, 25 SOL at 200: 2 % + 25 * 0.0005 % = 2.0125 %, 100.625 USDC', () => {
    const position = linear('SOL_USDC-PERPETUAL', 'short', 25, 200, 200);
    expect(maintenanceAt(position, 200)).toBeCloseTo(100.625, 9);
  });

  it('grows the rate linearly with size: 350 BTC → 2.75 %, 6,000 SOL → 5 % (the published formula)', () => {
    expect(maintenanceAt(linear('BTC_USDC', 'long', 350, 100_000, 100_000), 100_000)).toBeCloseTo(35_000_000 * 0.0275, 4);
    expect(maintenanceAt(linear('SOL_USDC', 'long', 6000, 200, 200), 200)).toBeCloseTo(1_200_000 * 0.05, 6);
  });

  it('fixes the rate for the life of a linear position (size in coin does not move with price)', () => {
    const position = linear('BTC_USDC-PERPETUAL', 'long', 25, 100_000, 100_000);
    const schedule = deribitProfile.maintenanceSchedule(position, bundled.tables.get('BTC_USDC-PERPETUAL')!, 'isolated');
    expect(schedule.bracketsOn).toBe('fixed');
    expect(schedule.rates[0]).toBeCloseTo(0.01125, 15);
    expect(maintenanceMarginSettlement(position, schedule, 80_000)).toBeCloseTo(25 * 80_000 * 0.01125, 6);
  });
});

describe('Deribit liquidation price', () => {
  it('linear: equity = N * MMR solved for the mark, (Q EP - M) / (Q (1 - MMR)) for a long', () => {
    // 10 BTC_USDC long at 100,000 with 50,000 USDC: MMR = 1 % + 10 * 0.005 % = 1.05 %.
    const position = linear('BTC_USDC-PERPETUAL', 'long', 10, 100_000, 100_000);
    const pool = isolatedPool(position, bundled.tables.get('BTC_USDC-PERPETUAL')!, 50_000);
    expect(liquidationPrice(pool, 'BTC_USDC-PERPETUAL')).toBeCloseTo((1_000_000 - 50_000) / (10 * (1 - 0.0105)), 6);
  });

  it('inverse: BTC-PERPETUAL in 10 USD contracts, coin margin, LP = Q CM (1 + MMR) / (M + Q CM / EP)', () => {
    // 1,000 contracts (10,000 USD) long at 50,000 with 0.05 BTC, flat MMR 1.5 % (user table).
    const position = makePosition({
      symbol: 'BTC-PERPETUAL',
      side: 'long',
      size: 1_000,
      entryPrice: 50_000,
      markPrice: 50_000,
      instrument: 'inverse',
      contractSize: 10,
      venue: 'deribit',
      marginMode: 'isolated',
    });
    expect(position.settlementAsset).toBe('BTC');
    const pool = isolatedPool(position, flatTable('BTC-PERPETUAL', 0.015), 0.05);
    // The rate grows with the size in coin, frozen at the mark: 0.2 BTC → 1.5 % + 0.2 * 0.005 % = 1.501 %.
    const expected = (10_000 * 1.01501) / (0.05 + 10_000 / 50_000);
    expect(liquidationPrice(pool, 'BTC-PERPETUAL')).toBeCloseTo(expected, 6);
  });

  it('measures an inverse position size in coin at the mark (contracts * 10 USD / mark)', () => {
    const position = makePosition({ symbol: 'BTC-PERPETUAL', size: 50, instrument: 'inverse', contractSize: 10, markPrice: 7476.65, venue: 'deribit' });
    // The private/get_positions docs sample: size 50 USD at mark 7476.65 → size_currency 0.006687487.
    // (There `size` is USD; here 50 USD is 5 contracts of 10 USD.)
    expect(deribitSizeInCoin({ ...position, size: 5 })).toBeCloseTo(0.006687487, 9);
  });
});

describe('Deribit bundled data (data/tiers/deribit.json)', () => {
  it('holds one flat, sound row per listed perpetual', () => {
    expect(bundled.venue).toBe('deribit');
    expect([...bundled.tables.keys()].sort()).toEqual(['BTC-PERPETUAL', 'BTC_USDC-PERPETUAL', 'ETH-PERPETUAL', 'SOL_USDC-PERPETUAL']);
    for (const t of bundled.tables.values()) {
      expect(tierTableProblems(t)).toEqual([]);
      expect(t.tiers).toHaveLength(1);
    }
    expect(bundled.tables.get('BTC_USDC-PERPETUAL')!.tiers[0]!.maintenanceMarginRate).toBe(0.01);
    expect(bundled.tables.get('SOL_USDC-PERPETUAL')!.tiers[0]!.maintenanceMarginRate).toBe(0.02);
  });

  it('refuses a bracketed table (Deribit has no brackets)', () => {
    const table: TierTable = {
      ...flatTable('BTC_USDC-PERPETUAL', 0.01),
      tiers: [
        { floor: 0, cap: 10, maintenanceMarginRate: 0.01, maintenanceAmount: 0, maxLeverage: 50, initialMarginRate: null, liquidationFeeRate: null },
        { floor: 10, cap: Infinity, maintenanceMarginRate: 0.02, maintenanceAmount: 0, maxLeverage: 25, initialMarginRate: null, liquidationFeeRate: null },
      ],
    };
    expect(() => deribitProfile.maintenanceSchedule(linear('BTC_USDC', 'long', 1, 1, 1), table, 'cross')).toThrow(/flat row/);
  });
});

describe('Deribit tierKey', () => {
  it('maps spellings onto instrument names', () => {
    for (const s of ['BTC-PERPETUAL', 'BTC', 'BTC-USD', 'BTCUSD', 'BTC/USD:BTC']) expect(deribitTierKey(s), s).toBe('BTC-PERPETUAL');
    for (const s of ['BTC_USDC-PERPETUAL', 'BTC_USDC', 'BTCUSDC', 'BTC/USDC:USDC', 'btc_usdc-perpetual']) expect(deribitTierKey(s), s).toBe('BTC_USDC-PERPETUAL');
    expect(deribitTierKey('SOL_USDC')).toBe('SOL_USDC-PERPETUAL');
    expect(deribitProfile.defaultContractSize('BTC-PERPETUAL')).toBe(10);
    expect(deribitProfile.defaultContractSize('ETH-PERPETUAL')).toBe(1);
    expect(deribitProfile.defaultContractSize('BTC_USDC-PERPETUAL')).toBeNull();
  });

  it('gives a dated future its currency perpetual rule', () => {
    expect(deribitTierKey('BTC-27DEC24')).toBe('BTC-PERPETUAL');
    expect(deribitTierKey('ETH-28MAR25')).toBe('ETH-PERPETUAL');
    expect(deribitTierKey('BTC_USDC-27DEC24')).toBe('BTC_USDC-PERPETUAL');
    expect(deribitProfile.defaultContractSize('BTC-27DEC24')).toBe(10);
  });

  it('liquidates incrementally', () => {
    expect(deribitProfile.liquidation.style).toBe('partial');
  });
});

const JANUARY_2022 = 'https://support.deribit.com/hc/en-us/articles/25944826427293-11-January-2022';

function inverse(symbol: string, usd: number, contractSize: number, mark: number): Position {
  return makePosition({ symbol, instrument: 'inverse', side: 'long', size: usd / contractSize, contractSize, entryPrice: mark, markPrice: mark, venue: 'deribit' });
}

describe(`Deribit inverse perpetuals and futures (${JANUARY_2022})`, () => {
  it('BTC-PERPETUAL, 250,000 USD at 10,000 (25 BTC): 1 % + 25 * 0.005 % = 1.125 %, 0.28125 BTC', () => {
    const position = inverse('BTC-PERPETUAL', 250_000, 10, 10_000);
    expect(deribitSizeInCoin(position)).toBeCloseTo(25, 12);
    expect(maintenanceAt(position, 10_000)).toBeCloseTo(0.28125, 12);
  });

  it('ETH-PERPETUAL, 2,000,000 USD at 2,000 (1,000 ETH): 1 % + 1,000 * 0.0004 % = 1.4 %, 14 ETH', () => {
    const position = inverse('ETH-PERPETUAL', 2_000_000, 1, 2_000);
    expect(maintenanceAt(position, 2_000)).toBeCloseTo(14, 9);
  });

  it('BTC-27DEC24 takes the BTC rule; liquidation fees 0.75 % (BTC) and 0.9 % (ETH)', () => {
    const position = inverse('BTC-27DEC24', 10_000, 10, 100_000);
    // 0.1 BTC: 1 % + 0.1 * 0.005 % = 1.0005 %
    expect(maintenanceAt(position, 100_000)).toBeCloseTo(0.1 * 0.010005, 12);
    expect(bundled.tables.get('BTC-PERPETUAL')!.tiers[0]!.liquidationFeeRate).toBe(0.0075);
    expect(bundled.tables.get('ETH-PERPETUAL')!.tiers[0]!.liquidationFeeRate).toBe(0.009);
  });
});

// The binance-usdm profile: its bundled brackets, its symbol keys, and Binance's published
// liquidation-price examples reproduced by the generic solver from the compiled schedule.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/domain/position.js';
import type { Tier, TierTable } from '../../src/domain/tier.js';
import { bundledDataPath } from '../../src/io/package-root.js';
import { parseBundledTierFile } from '../../src/io/bundled-tiers.js';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import type { Pool, PoolMember } from '../../src/margin/pool.js';
import { maintenanceMarginSettlement } from '../../src/margin/position-risk.js';
import { binanceLowerBracketReduction, binanceUsdmProfile } from '../../src/venues/binance-usdm.js';
import { tierTableProblems } from '../../src/venues/validate-tier-table.js';
import { makePosition } from '../support/make-position.js';
import { LEGACY_BINANCE_BTCUSDT } from '../support/tier-tables.js';

const FAQ = 'https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93';

/**
 * Binance USDⓈ-M ETHUSDT legacy brackets (2020–21) used by the FAQ examples, as range
 * MMR / maintenance amount: 0–10k 0.5%/0 · 10k–100k 0.65%/15 · 100k–500k 1%/365 · 500k–1M 2%/5,365 ·
 * 1M–2M 5%/35,365 · 2M–5M 10%/135,365 · 5M–10M 12.5%/260,365. Max leverage does not enter
 * maintenance margin and is not part of the examples; 1 stands in for it.
 */
const LEGACY_BINANCE_ETHUSDT: TierTable = {
  symbol: 'ETHUSDT',
  measure: 'notional',
  source: 'https://gist.github.com/highfestiva/b71e76f51eed84d56c1be8ebbcc286b5',
  snapshotDate: '2021',
  tiers: (
    [
      [0, 10_000, 0.005, 0],
      [10_000, 100_000, 0.0065, 15],
      [100_000, 500_000, 0.01, 365],
      [500_000, 1_000_000, 0.02, 5_365],
      [1_000_000, 2_000_000, 0.05, 35_365],
      [2_000_000, 5_000_000, 0.1, 135_365],
      [5_000_000, 10_000_000, 0.125, 260_365],
    ] as const
  ).map(
    ([floor, cap, rate, amount]): Tier => ({
      floor,
      cap,
      maintenanceMarginRate: rate,
      maintenanceAmount: amount,
      maxLeverage: 1,
      initialMarginRate: null,
      liquidationFeeRate: null,
    }),
  ),
};

function member(position: Position, table: TierTable): PoolMember {
  return { position, schedule: binanceUsdmProfile.maintenanceSchedule(position, table, position.marginMode) };
}

function pool(marginMode: 'cross' | 'isolated', cash: number, members: PoolMember[]): Pool {
  return { poolId: 'p', account: 'main', marginMode, asset: 'USDT', cashCollateral: cash, assetCollateral: [], members };
}

// The FAQ's two positions: BTCUSDT and ETHUSDT longs, wallet 1,535,443.01 USDT.
const WALLET = 1_535_443.01;
const btcLong = (marginMode: 'cross' | 'isolated') =>
  makePosition({ symbol: 'BTCUSDT', side: 'long', size: 109.488, entryPrice: 32_481.98, markPrice: 31_967.27, marginMode, isolatedMargin: marginMode === 'isolated' ? WALLET : null, venue: 'binance-usdm' });
const ethLong = (marginMode: 'cross' | 'isolated') =>
  makePosition({ symbol: 'ETHUSDT', side: 'long', size: 3_683.979, entryPrice: 1_456.84, markPrice: 1_335.18, marginMode, isolatedMargin: marginMode === 'isolated' ? WALLET : null, venue: 'binance-usdm' });

describe('binance-usdm: Binance FAQ liquidation-price examples (legacy brackets)', () => {
  // Source: https://www.binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93 (examples;
  // text also in freqtrade/freqtrade tests/exchange/test_binance.py).
  it(`isolated ETHUSDT long: LP 1,114.78 (${FAQ})`, () => {
    const p = pool('isolated', WALLET, [member(ethLong('isolated'), LEGACY_BINANCE_ETHUSDT)]);
    expect(liquidationPrice(p, 'ETHUSDT')).toBeCloseTo(1_114.78, 2);
  });

  it('isolated BTCUSDT long: LP 18,778.73', () => {
    const p = pool('isolated', WALLET, [member(btcLong('isolated'), LEGACY_BINANCE_BTCUSDT)]);
    expect(liquidationPrice(p, 'BTCUSDT')).toBeCloseTo(18_778.73, 2);
  });

  it('cross, ETHUSDT with a BTCUSDT position beside it: LP 1,153.26', () => {
    const p = pool('cross', WALLET, [member(btcLong('cross'), LEGACY_BINANCE_BTCUSDT), member(ethLong('cross'), LEGACY_BINANCE_ETHUSDT)]);
    expect(liquidationPrice(p, 'ETHUSDT')).toBeCloseTo(1_153.26, 2);
  });

  it('cross, BTCUSDT with an ETHUSDT position beside it: LP 26,316.89', () => {
    const p = pool('cross', WALLET, [member(btcLong('cross'), LEGACY_BINANCE_BTCUSDT), member(ethLong('cross'), LEGACY_BINANCE_ETHUSDT)]);
    expect(liquidationPrice(p, 'BTCUSDT')).toBeCloseTo(26_316.89, 2);
  });

  it("uses the other leg's maintenance (TMM1 = 71,200.81) and PnL (UPNL1 = -56,354.57) at its own mark", () => {
    const btc = btcLong('cross');
    expect(maintenanceMarginSettlement(btc, member(btc, LEGACY_BINANCE_BTCUSDT).schedule, btc.markPrice)).toBeCloseTo(71_200.81144, 4);
  });
});

describe('binance-usdm: hedge mode (long and short of one symbol in one cross wallet)', () => {
  // The FAQ's hedge-mode terms: both legs move together, each keeps its own bracket (cumL, cumS).
  const table = LEGACY_BINANCE_BTCUSDT;
  function hedgeFormula(wallet: number, long: Position, short: Position): number {
    // LP = (WB + cumL + cumS - L*EP_L + S*EP_S) / (L*MMR_L + S*MMR_S - L + S), brackets at the LP.
    for (const tl of table.tiers) {
      for (const ts of table.tiers) {
        const lp =
          (wallet + tl.maintenanceAmount + ts.maintenanceAmount - long.size * long.entryPrice + short.size * short.entryPrice) /
          (long.size * tl.maintenanceMarginRate + short.size * ts.maintenanceMarginRate - long.size + short.size);
        const inBracket = (q: number, t: Tier) => q * lp >= t.floor && q * lp < t.cap;
        if (lp > 0 && inBracket(long.size, tl) && inBracket(short.size, ts)) return lp;
      }
    }
    throw new Error('no self-consistent brackets');
  }

  it('shares one LP for both legs, equal to the FAQ hedge formula', () => {
    const long = makePosition({ symbol: 'BTCUSDT', side: 'long', size: 30, entryPrice: 30_000, markPrice: 30_000, venue: 'binance-usdm' });
    const short = makePosition({ symbol: 'BTCUSDT', side: 'short', size: 10, entryPrice: 31_000, markPrice: 30_000, venue: 'binance-usdm' });
    const wallet = 100_000;
    const p = pool('cross', wallet, [member(long, table), member(short, table)]);
    const lp = liquidationPrice(p, 'BTCUSDT');
    expect(lp).not.toBeNull();
    expect(lp!).toBeCloseTo(hedgeFormula(wallet, long, short), 6);
    // Long 746k notional at the LP (1%, cum 1,300), short 249k (0.5%, cum 50):
    // (100,000 + 1,300 + 50 - 900,000 + 310,000) / (30*0.01 + 10*0.005 - 30 + 10) = 24,867.68
    expect(lp!).toBeCloseTo(-488_650 / -19.65, 6);
  });

  it('gives each isolated leg its own LP (one-way formula per leg)', () => {
    const short = makePosition({ symbol: 'BTCUSDT', side: 'short', size: 2, entryPrice: 40_000, markPrice: 40_000, marginMode: 'isolated', isolatedMargin: 4_000, venue: 'binance-usdm' });
    const p = pool('isolated', 4_000, [member(short, table)]);
    // LP = (4,000 + 50 + 80,000) / (2*0.005 + 2) = 41,815.92; bracket at 83,632 notional: 0.5% / 50.
    expect(liquidationPrice(p, 'BTCUSDT')).toBeCloseTo(41_815.920398, 5);
  });
});

describe('binance-usdm: bundled brackets (data/tiers/binance-usdm.json)', () => {
  const { venue, tables } = parseBundledTierFile(readFileSync(bundledDataPath('tiers', 'binance-usdm.json'), 'utf8'), 'binance-usdm.json');

  it('holds at least the 10 largest perpetuals, keyed as the profile keys them', () => {
    expect(venue).toBe('binance-usdm');
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'DOGEUSDT', 'BNBUSDT', 'ADAUSDT', 'LINKUSDT', 'AVAXUSDT', 'LTCUSDT']) {
      expect(tables.has(binanceUsdmProfile.tierKey(symbol.toLowerCase())), symbol).toBe(true);
    }
  });

  it('passes the structural checks and the maintenance-amount recursion on every table', () => {
    for (const table of tables.values()) expect(tierTableProblems(table), table.symbol).toEqual([]);
  });

  it('has the 2024-10-24 BTCUSDT ladder (bracket 5: 12M–70M, 2%, cum 131,450; last: 50% to 1.8bn)', () => {
    const btc = tables.get('BTCUSDT')!;
    expect(btc.tiers).toHaveLength(12);
    expect(btc.tiers[4]).toMatchObject({ floor: 12_000_000, cap: 70_000_000, maintenanceMarginRate: 0.02, maintenanceAmount: 131_450, maxLeverage: 25 });
    expect(btc.tiers[11]).toMatchObject({ floor: 1_200_000_000, cap: 1_800_000_000, maintenanceMarginRate: 0.5, maintenanceAmount: 421_481_450 });
    expect(btc.snapshotDate).toBe('2024-10-24');
  });

  it('prices maintenance on a 1M USDT BTCUSDT position as 1,000,000 * 0.65% - 950 = 5,550', () => {
    const position = makePosition({ symbol: 'BTCUSDT', size: 20, entryPrice: 50_000, markPrice: 50_000, venue: 'binance-usdm' });
    const schedule = binanceUsdmProfile.maintenanceSchedule(position, tables.get('BTCUSDT')!, 'cross');
    expect(maintenanceMarginSettlement(position, schedule, 50_000)).toBeCloseTo(5_550, 9);
  });
});

describe('binance-usdm: profile rules', () => {
  it('keys every spelling of a perpetual to BASEQUOTE and keeps a dated contract apart', () => {
    for (const s of ['BTCUSDT', 'btcusdt', ' BTCUSDT ', 'BTC/USDT:USDT', 'BTC/USDT', 'BTC-USDT-SWAP', 'BTC_USDT', 'BTCUSDT_PERP', 'BTC']) {
      expect(binanceUsdmProfile.tierKey(s), s).toBe('BTCUSDT');
    }
    expect(binanceUsdmProfile.tierKey('BTCUSDT_240927')).toBe('BTCUSDT_240927');
    expect(binanceUsdmProfile.tierKey('BTC/USDT:USDT-240927')).toBe('BTCUSDT_240927');
  });

  it('measures maintenance at the mark, follows the bracket, holds no fee reserve, same in both modes', () => {
    const position = makePosition({ symbol: 'ETHUSDT', venue: 'binance-usdm' });
    const cross = binanceUsdmProfile.maintenanceSchedule(position, LEGACY_BINANCE_ETHUSDT, 'cross');
    const isolated = binanceUsdmProfile.maintenanceSchedule(position, LEGACY_BINANCE_ETHUSDT, 'isolated');
    expect(cross).toEqual(isolated);
    expect(cross).toMatchObject({ notionalBasis: 'mark', bracketsOn: 'notional', feeReserveRate: 0, feeReserveAmount: 0 });
    expect(cross.floors).toEqual([0, 10_000, 100_000, 500_000, 1_000_000, 2_000_000, 5_000_000]);
  });

  it('charges the published clearance fee (0.3% BTCUSDT, 0.5% others) unless the table gives one', () => {
    const btc = makePosition({ symbol: 'btc/usdt:usdt', venue: 'binance-usdm' });
    const eth = makePosition({ symbol: 'ETHUSDT', venue: 'binance-usdm' });
    expect(binanceUsdmProfile.maintenanceSchedule(btc, LEGACY_BINANCE_BTCUSDT, 'cross').liquidationFeeRate).toBe(0.003);
    expect(binanceUsdmProfile.maintenanceSchedule(eth, LEGACY_BINANCE_ETHUSDT, 'cross').liquidationFeeRate).toBe(0.005);
    const withFee: TierTable = { ...LEGACY_BINANCE_ETHUSDT, tiers: LEGACY_BINANCE_ETHUSDT.tiers.map((t) => ({ ...t, liquidationFeeRate: 0.0125 })) };
    expect(binanceUsdmProfile.maintenanceSchedule(eth, withFee, 'cross').liquidationFeeRate).toBe(0.0125);
  });

  it('defaults to 20x, capped by the first bracket', () => {
    const position = makePosition({ symbol: 'BTCUSDT', venue: 'binance-usdm' });
    expect(binanceUsdmProfile.maintenanceSchedule(position, LEGACY_BINANCE_BTCUSDT, 'cross').defaultLeverage).toBe(20);
    const tenX: TierTable = { ...LEGACY_BINANCE_ETHUSDT, tiers: LEGACY_BINANCE_ETHUSDT.tiers.map((t) => ({ ...t, maxLeverage: 10 })) };
    expect(binanceUsdmProfile.maintenanceSchedule(position, tenX, 'cross').defaultLeverage).toBe(10);
  });

  it('reduces a liquidated position to the floor of its bracket first (whole in the first bracket)', () => {
    const schedule = binanceUsdmProfile.maintenanceSchedule(makePosition({ symbol: 'BTCUSDT' }), LEGACY_BINANCE_BTCUSDT, 'cross');
    expect(binanceLowerBracketReduction(schedule, 40_000)).toBe(1);
    // 2,000,000 notional sits in the 1M–10M bracket: closing half brings it to 1,000,000.
    expect(binanceLowerBracketReduction(schedule, 2_000_000)).toBeCloseTo(0.5, 12);
  });
});

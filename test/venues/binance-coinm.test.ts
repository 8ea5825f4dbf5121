// The binance-coinm profile: inverse maths in coin (notional, brackets, maintenance, PnL),
// Binance's published COIN-M maintenance example, and the COIN-M liquidation-price formula
// reproduced by the generic solver.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/domain/position.js';
import type { TierTable } from '../../src/domain/tier.js';
import { bundledDataPath } from '../../src/io/package-root.js';
import { parseBundledTierFile } from '../../src/io/bundled-tiers.js';
import { tierTableProblems } from '../../src/venues/validate-tier-table.js';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import type { Pool } from '../../src/margin/pool.js';
import { maintenanceMarginSettlement, notionalSettlement, unrealizedPnlSettlement } from '../../src/margin/position-risk.js';
import { binanceCoinmContractSizeUsd, binanceCoinmProfile } from '../../src/venues/binance-coinm.js';
import { makePosition } from '../support/make-position.js';
import { notionalTable } from '../support/tier-tables.js';

const FAQ = 'https://www.binance.com/en/support/faq/ceccfcfb4e3a45e3b48b0b1bb1a8ae46';

/** Illustrative coin brackets for formula checks (not Binance's figures): caps in BTC. */
const COIN_TABLE: TierTable = notionalTable('BTCUSD_PERP', [
  [5, 0.004, 125],
  [10, 0.005, 100],
  [20, 0.01, 50],
  [50, 0.025, 20],
  [100, 0.05, 10],
  [Infinity, 0.1, 5],
]);

function btcusd(overrides: Partial<Position>): Position {
  return makePosition({ symbol: 'BTCUSD_PERP', instrument: 'inverse', contractSize: 100, venue: 'binance-coinm', ...overrides });
}

function crossPool(cash: number, positions: Position[]): Pool {
  return {
    poolId: 'p',
    account: 'main',
    marginMode: 'cross',
    asset: 'BTC',
    cashCollateral: cash,
    assetCollateral: [],
    members: positions.map((position) => ({ position, schedule: binanceCoinmProfile.maintenanceSchedule(position, COIN_TABLE, 'cross') })),
  };
}

/** COIN-M one-way LP: n*(MMR + side) / (WB - TMM1 + UPNL1 + cum + side*n/EP), bracket at n/LP. */
function coinmOneWay(position: Position, wallet: number, tmm1: number, upnl1: number): number {
  const s = position.side === 'long' ? 1 : -1;
  const n = position.size * position.contractSize;
  for (const t of COIN_TABLE.tiers) {
    const lp = (n * (t.maintenanceMarginRate + s)) / (wallet - tmm1 + upnl1 + t.maintenanceAmount + (s * n) / position.entryPrice);
    if (lp > 0 && n / lp >= t.floor && n / lp < t.cap) return lp;
  }
  throw new Error('no self-consistent bracket');
}

describe(`binance-coinm: the FAQ's maintenance example (${FAQ})`, () => {
  it('100 BTCUSD contracts at mark 25,000: notional 100*100/25,000 = 0.4 BTC (level 1, 0.4%), MM 0.0016 BTC', () => {
    const levelOne: TierTable = notionalTable('BTCUSD_PERP', [[Infinity, 0.004, 125]]);
    const position = btcusd({ size: 100, entryPrice: 25_000, markPrice: 25_000 });
    const schedule = binanceCoinmProfile.maintenanceSchedule(position, levelOne, 'cross');
    expect(notionalSettlement(position, 25_000)).toBeCloseTo(0.4, 12);
    expect(maintenanceMarginSettlement(position, schedule, 25_000)).toBeCloseTo(0.0016, 12);
  });
});

describe('binance-coinm: inverse maths in coin', () => {
  it('brackets follow the coin notional, which grows as the price falls', () => {
    const position = btcusd({ size: 1_000, entryPrice: 20_000, markPrice: 20_000 }); // 100,000 USD
    const schedule = binanceCoinmProfile.maintenanceSchedule(position, COIN_TABLE, 'cross');
    expect(schedule).toMatchObject({ notionalBasis: 'mark', bracketsOn: 'notional', feeReserveAmount: 0, feeReserveRate: 0 });
    // 5 BTC at 20,000 -> bracket 2 (0.5%, cum 0.005): 5*0.005 - 0.005 = 0.02 BTC
    expect(maintenanceMarginSettlement(position, schedule, 20_000)).toBeCloseTo(0.02, 12);
    // 25 BTC at 4,000 -> bracket 4 (2.5%, cum 0.005 + 10*0.005 + 20*0.015 = 0.355): 0.625 - 0.355 = 0.27 BTC
    expect(maintenanceMarginSettlement(position, schedule, 4_000)).toBeCloseTo(0.27, 12);
    // PnL in coin: 100,000 * (1/20,000 - 1/25,000) = 1 BTC for the long
    expect(unrealizedPnlSettlement(position, 25_000)).toBeCloseTo(1, 12);
  });

  it('the solver reproduces the COIN-M one-way formula, bracket taken at the LP', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'long' | 'short'>('long', 'short'),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 5_000, max: 100_000, noNaN: true }),
        fc.double({ min: 2, max: 50, noNaN: true }),
        (side, contracts, entry, leverage) => {
          const position = btcusd({ side, size: contracts, entryPrice: entry, markPrice: entry });
          const wallet = (contracts * 100) / entry / leverage;
          const lp = liquidationPrice(crossPool(wallet, [position]), 'BTCUSD_PERP');
          expect(lp).not.toBeNull();
          const expected = coinmOneWay(position, wallet, 0, 0);
          expect(Math.abs(lp! - expected) / expected).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('in cross, another BTC-settled contract enters as TMM1 and UPNL1 at its own mark', () => {
    const perp = btcusd({ side: 'long', size: 2_000, entryPrice: 30_000, markPrice: 29_000 });
    const quarterly = makePosition({ symbol: 'BTCUSD_241227', instrument: 'inverse', contractSize: 100, side: 'short', size: 500, entryPrice: 31_000, markPrice: 29_500, venue: 'binance-coinm' });
    const wallet = 2;
    const pool = crossPool(wallet, [perp, quarterly]);
    const other = pool.members[1]!;
    const tmm1 = maintenanceMarginSettlement(quarterly, other.schedule, quarterly.markPrice);
    const upnl1 = unrealizedPnlSettlement(quarterly, quarterly.markPrice);
    expect(liquidationPrice(pool, 'BTCUSD_PERP')).toBeCloseTo(coinmOneWay(perp, wallet, tmm1, upnl1), 6);
  });
});

describe('binance-coinm: profile rules and bundled data', () => {
  it('keys BTCUSD_PERP in every spelling, and a dated contract apart', () => {
    for (const s of ['BTCUSD_PERP', 'btcusd_perp', 'BTCUSD', 'BTC/USD:BTC', 'BTC-USD-SWAP']) expect(binanceCoinmProfile.tierKey(s), s).toBe('BTCUSD_PERP');
    expect(binanceCoinmProfile.tierKey('BTCUSD_241227')).toBe('BTCUSD_241227');
    expect(binanceCoinmProfile.tierKey('ETHUSD_PERP')).toBe('ETHUSD_PERP');
  });

  it('defaults to 100 USD contracts for BTC and 10 USD for other coins', () => {
    expect(binanceCoinmProfile.defaultContractSize('BTCUSD_PERP')).toBe(100);
    expect(binanceCoinmContractSizeUsd('BTC/USD:BTC')).toBe(100);
    expect(binanceCoinmProfile.defaultContractSize('ETHUSD_PERP')).toBe(10);
    expect(binanceCoinmProfile.defaultContractSize('SOLUSD_PERP')).toBe(10);
  });

  it('bundles only the sourced (2021-era) BTCUSD_PERP ladder, in BTC, passing the recursion', () => {
    const { venue, tables } = parseBundledTierFile(readFileSync(bundledDataPath('tiers', 'binance-coinm.json'), 'utf8'), 'binance-coinm.json');
    expect(venue).toBe('binance-coinm');
    expect([...tables.keys()]).toEqual(['BTCUSD_PERP']);
    const btc = tables.get('BTCUSD_PERP')!;
    expect(tierTableProblems(btc)).toEqual([]);
    expect(btc.tiers[0]).toMatchObject({ floor: 0, cap: 5, maintenanceMarginRate: 0.004, maintenanceAmount: 0, maxLeverage: 125 });
    // cum_3 = 5 * (0.5 % - 0.4 %) + 10 * (1 % - 0.5 %) = 0.055 BTC
    expect(btc.tiers[2]!.maintenanceAmount).toBeCloseTo(0.055, 12);
  });
});

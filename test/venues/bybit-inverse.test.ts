// The bybit-inverse profile: Bybit's UTA isolated inverse liquidation-price formula (MM at the
// LP, fee to close at the bankruptcy price inside maintenance) reproduced by the generic solver,
// the legacy inverse bankruptcy-price example, and the profile's rules.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/domain/position.js';
import type { TierTable } from '../../src/domain/tier.js';
import { bundledDataPath } from '../../src/io/package-root.js';
import { parseBundledTierFile } from '../../src/io/bundled-tiers.js';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import type { Pool } from '../../src/margin/pool.js';
import { bybitBankruptcyPriceFromLeverage, bybitBankruptcyPriceFromMargin } from '../../src/venues/bybit-fee-reserve.js';
import { bybitInverseFeeToClose, bybitInverseProfile } from '../../src/venues/bybit-inverse.js';
import { BYBIT_TAKER_FEE_RATE, bybitFeeToCloseFromLeverage } from '../../src/venues/bybit-risk-limit-schedule.js';
import { makePosition } from '../support/make-position.js';
import { notionalTable } from '../support/tier-tables.js';

const UTA_PAGE = 'https://www.bybit.com/en/help-center/article/Liquidation-Price-Calculation-under-Isolated-Mode-Unified-Trading-Account';
const LEGACY_CROSS_PAGE = 'https://help.bybit.com/hc/en-us/articles/360039261334';
const TAKER = BYBIT_TAKER_FEE_RATE;

/** The page example's single tier: MMR 0.5%, no deduction (coin notional). */
const FLAT_HALF_PERCENT: TierTable = notionalTable('BTCUSD', [[Infinity, 0.005, 100]]);
/** Illustrative coin tiers for formula checks (not Bybit's figures): caps in BTC. */
const COIN_TIERS: TierTable = notionalTable('BTCUSD', [
  [150, 0.005, 100],
  [300, 0.01, 50],
  [450, 0.015, 33],
  [Infinity, 0.02, 25],
]);

function btcusd(overrides: Partial<Position>): Position {
  return makePosition({ symbol: 'BTCUSD', instrument: 'inverse', contractSize: 1, venue: 'bybit-inverse', marginMode: 'isolated', ...overrides });
}

/** Margin Bybit posts for an isolated inverse position: PV/lev + fee to close + extra, coin. */
function postedMargin(position: Position, leverage: number, extra: number): number {
  const n = position.size * position.contractSize;
  return n / position.entryPrice / leverage + bybitFeeToCloseFromLeverage(position, leverage) + extra;
}

function isolatedPool(position: Position, table: TierTable): Pool {
  const schedule = bybitInverseProfile.maintenanceSchedule(position, table, 'isolated');
  return { poolId: 'p', account: 'main', marginMode: 'isolated', asset: 'BTC', cashCollateral: position.isolatedMargin!, assetCollateral: [], members: [{ position, schedule }] };
}

/**
 * The page's formulas, with the tier (MMR, deduction) taken at the LP:
 *   LP_long  = Q*(1 + MMR) / [Q/EP + Q/EP/lev + Extra/(1 + taker) + deduction]
 *   LP_short = Q*(1 - MMR) / [Q/EP - Q/EP/lev - Extra/(1 - taker) - deduction]
 */
function utaIsolatedLp(position: Position, leverage: number, extra: number, table: TierTable): number {
  const q = position.size * position.contractSize;
  const ep = position.entryPrice;
  for (const t of table.tiers) {
    const lp =
      position.side === 'long'
        ? (q * (1 + t.maintenanceMarginRate)) / (q / ep + q / ep / leverage + extra / (1 + TAKER) + t.maintenanceAmount)
        : (q * (1 - t.maintenanceMarginRate)) / (q / ep - q / ep / leverage - extra / (1 - TAKER) - t.maintenanceAmount);
    if (lp > 0 && q / lp >= t.floor && q / lp < t.cap) return lp;
  }
  throw new Error('no self-consistent tier');
}

describe(`bybit-inverse: UTA isolated liquidation price (${UTA_PAGE})`, () => {
  it("the page's example, long 60,000 USD of BTCUSD at 50,000, 10x, MMR 0.5%: 60,000*1.005/(1.2 + 0.12) = 45,681.82", () => {
    // Position value 1.2 BTC, IM 0.12 BTC. The stored copies break off before the printed result;
    // this is the current revision's formula on the example's inputs (the older revision, MM at
    // entry, gave 60,000/(1.2 + 0.12 - 0.006) = 45,662.10 instead).
    const base = btcusd({ side: 'long', size: 60_000, entryPrice: 50_000, markPrice: 50_000, leverage: 10 });
    const position = { ...base, isolatedMargin: postedMargin(base, 10, 0) };
    const lp = liquidationPrice(isolatedPool(position, FLAT_HALF_PERCENT), 'BTCUSD');
    expect(lp).toBeCloseTo(45_681.818182, 5);
    expect(lp).toBeCloseTo(utaIsolatedLp(position, 10, 0, FLAT_HALF_PERCENT), 6);
  });

  it('the short counterpart: 60,000*(1 - 0.005)/(1.2 - 0.12) = 55,277.78', () => {
    const base = btcusd({ side: 'short', size: 60_000, entryPrice: 50_000, markPrice: 50_000, leverage: 10 });
    const position = { ...base, isolatedMargin: postedMargin(base, 10, 0) };
    expect(liquidationPrice(isolatedPool(position, FLAT_HALF_PERCENT), 'BTCUSD')).toBeCloseTo(55_277.777778, 5);
  });

  it('extra margin enters as Extra/(1 ± taker): the fee is re-taken at the new bankruptcy price', () => {
    const base = btcusd({ side: 'long', size: 60_000, entryPrice: 50_000, markPrice: 50_000, leverage: 10 });
    const position = { ...base, isolatedMargin: postedMargin(base, 10, 0.3) };
    const expected = (60_000 * 1.005) / (1.2 + 0.12 + 0.3 / (1 + TAKER));
    expect(liquidationPrice(isolatedPool(position, FLAT_HALF_PERCENT), 'BTCUSD')).toBeCloseTo(expected, 6);
  });

  it('matches the formula across sides, sizes, leverages, extra margins and tiers (tier taken at the LP)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'long' | 'short'>('long', 'short'),
        fc.integer({ min: 1_000, max: 50_000_000 }),
        fc.double({ min: 5_000, max: 120_000, noNaN: true }),
        fc.integer({ min: 2, max: 100 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }), // extra margin as a share of IM (below a fully collateralised short)
        (side, contracts, entry, leverage, extraShare) => {
          const base = btcusd({ side, size: contracts, entryPrice: entry, markPrice: entry, leverage });
          const extra = (extraShare * contracts) / entry / leverage;
          const position = { ...base, isolatedMargin: postedMargin(base, leverage, extra) };
          const lp = liquidationPrice(isolatedPool(position, COIN_TIERS), 'BTCUSD');
          const expected = utaIsolatedLp(position, leverage, extra, COIN_TIERS);
          expect(lp).not.toBeNull();
          expect(Math.abs(lp! - expected) / expected).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe(`bybit-inverse: bankruptcy price and fee to close (${LEGACY_CROSS_PAGE})`, () => {
  it('legacy cross example: long 10,000 contracts at 8,000, balance 0.5 BTC, taker 0.075%: BP = 1.00075*10,000/(10,000/8,000 + 0.5) = 5,718.57', () => {
    const position = btcusd({ side: 'long', size: 10_000, entryPrice: 8_000, markPrice: 8_000, marginMode: 'cross' });
    expect(bybitBankruptcyPriceFromMargin(position, 0.5, 0.00075)).toBeCloseTo(5_718.57, 2);
  });

  it('leverage bankruptcy prices: EP*lev/(lev + 1) long, EP*lev/(lev - 1) short, never at 1x short', () => {
    const long = btcusd({ side: 'long', entryPrice: 50_000 });
    const short = btcusd({ side: 'short', entryPrice: 50_000 });
    expect(bybitBankruptcyPriceFromLeverage(long, 10)).toBeCloseTo((50_000 * 10) / 11, 8);
    expect(bybitBankruptcyPriceFromLeverage(short, 10)).toBeCloseTo((50_000 * 10) / 9, 8);
    expect(bybitBankruptcyPriceFromLeverage(short, 1)).toBe(Infinity);
    expect(bybitFeeToCloseFromLeverage({ ...short, size: 1_000 }, 1)).toBe(0);
  });

  it('holds the fee to close (coin) in maintenance: at the posted margin in isolated, at the leverage in cross', () => {
    const base = btcusd({ side: 'long', size: 60_000, entryPrice: 50_000, markPrice: 50_000, leverage: 10 });
    const position = { ...base, isolatedMargin: postedMargin(base, 10, 0) };
    // n/BP = 1.2 * 1.1 = 1.32 BTC at the bankruptcy price; fee = 1.32 * 0.055%
    expect(bybitInverseFeeToClose(position, FLAT_HALF_PERCENT, 'isolated')).toBeCloseTo(1.32 * TAKER, 12);
    expect(bybitInverseFeeToClose({ ...position, marginMode: 'cross', isolatedMargin: null }, FLAT_HALF_PERCENT, 'cross')).toBeCloseTo(1.32 * TAKER, 12);
    const schedule = bybitInverseProfile.maintenanceSchedule(position, FLAT_HALF_PERCENT, 'cross');
    expect(schedule).toMatchObject({ notionalBasis: 'mark', bracketsOn: 'notional', feeReserveRate: 0 });
    expect(schedule.feeReserveAmount).toBeCloseTo(1.32 * TAKER, 12);
  });
});

describe('bybit-inverse: profile rules and bundled data', () => {
  it('keys BTCUSD in every spelling and defaults to 1 USD contracts', () => {
    for (const s of ['BTCUSD', 'btcusd', 'BTC/USD:BTC', 'BTC-USD']) expect(bybitInverseProfile.tierKey(s), s).toBe('BTCUSD');
    expect(bybitInverseProfile.defaultContractSize('ETHUSD')).toBe(1);
    expect(bybitInverseProfile.instruments).toEqual(['inverse']);
  });

  it('bundles no tier table (none could be sourced) rather than a guessed one', () => {
    const { venue, tables } = parseBundledTierFile(readFileSync(bundledDataPath('tiers', 'bybit-inverse.json'), 'utf8'), 'bybit-inverse.json');
    expect(venue).toBe('bybit-inverse');
    expect(tables.size).toBe(0);
  });
});

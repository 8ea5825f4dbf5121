// The Hyperliquid profile against the venue's own numbers: the liquidation prices its API returned
// (freqtrade's stored snapshots and the clearinghouseState docs sample), the margin-tier rule
// MMR = 1/(2*maxLeverage) with deductions, and the bundled tier data.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/domain/position.js';
import type { TierTable } from '../../src/domain/tier.js';
import { parseBundledTierFile } from '../../src/io/bundled-tiers.js';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import type { Pool } from '../../src/margin/pool.js';
import { poolEquity, poolMaintenance } from '../../src/margin/pool-health.js';
import { maintenanceMarginSettlement } from '../../src/margin/position-risk.js';
import { hyperliquidProfile, hyperliquidTierKey } from '../../src/venues/hyperliquid.js';
import { hyperliquidMaintenanceRate, hyperliquidTiers } from '../../src/venues/hyperliquid-margin-table.js';
import { tierTableProblems } from '../../src/venues/validate-tier-table.js';
import { makePosition } from '../support/make-position.js';

const bundled = parseBundledTierFile(readFileSync(new URL('../../data/tiers/hyperliquid.json', import.meta.url), 'utf8'), 'hyperliquid.json');

function table(symbol: string, marginTiers: readonly { lowerBoundQuote: number; maxLeverage: number }[]): TierTable {
  return { symbol, measure: 'notional', tiers: hyperliquidTiers(marginTiers), source: 'test', snapshotDate: 'test' };
}

function hlPosition(coin: string, side: 'long' | 'short', size: number, entry: number, mark: number, mode: 'isolated' | 'cross', margin: number): Position {
  return makePosition({
    symbol: coin,
    side,
    size,
    entryPrice: entry,
    markPrice: mark,
    marginMode: mode,
    isolatedMargin: mode === 'isolated' ? margin : null,
    venue: 'hyperliquid',
    quoteAsset: 'USDC',
    settlementAsset: 'USDC',
  });
}

function singlePool(position: Position, tierTable: TierTable, cashCollateral: number): Pool {
  const schedule = hyperliquidProfile.maintenanceSchedule(position, tierTable, position.marginMode);
  return {
    poolId: `${position.marginMode}:${position.symbol}`,
    account: 'main',
    marginMode: position.marginMode,
    asset: 'USDC',
    cashCollateral,
    assetCollateral: [],
    members: [{ position, schedule }],
  };
}

describe('hyperliquid margin tiers', () => {
  it('sets MMR to half the initial margin at max leverage (1 % at 50x, 2.5 % at 20x)', () => {
    // https://hyperliquid.gitbook.io/hyperliquid-docs/trading/margin-tiers: "at 20x max leverage, maintenance_margin_rate = 2.5%"
    expect(hyperliquidMaintenanceRate(20)).toBe(0.025);
    expect(hyperliquidMaintenanceRate(50)).toBe(0.01);
    expect(hyperliquidMaintenanceRate(40)).toBe(0.0125);
  });

  it('builds BTC table 56 (40x to 150M, then 20x) with the deduction recursion', () => {
    const tiers = hyperliquidTiers([
      { lowerBoundQuote: 0, maxLeverage: 40 },
      { lowerBoundQuote: 150_000_000, maxLeverage: 20 },
    ]);
    expect(tiers.map((t) => t.maintenanceMarginRate)).toEqual([0.0125, 0.025]);
    // deduction_1 = 150M * (2.5 % - 1.25 %) = 1,875,000
    expect(tiers[1]!.maintenanceAmount).toBeCloseTo(1_875_000, 6);
    expect(tiers[0]!.cap).toBe(150_000_000);
    expect(tiers[1]!.cap).toBe(Infinity);
  });

  it('refuses a table that does not start at 0 or does not ascend', () => {
    expect(() => hyperliquidTiers([{ lowerBoundQuote: 10, maxLeverage: 5 }])).toThrow(/lower bound of 0/);
    expect(() =>
      hyperliquidTiers([
        { lowerBoundQuote: 0, maxLeverage: 10 },
        { lowerBoundQuote: 0, maxLeverage: 5 },
      ]),
    ).toThrow(/ascend/);
  });

  it('keeps maintenance margin continuous across a tier boundary', () => {
    const btc = table('BTC', [
      { lowerBoundQuote: 0, maxLeverage: 40 },
      { lowerBoundQuote: 150_000_000, maxLeverage: 20 },
    ]);
    const position = hlPosition('BTC', 'long', 1_500, 100_000, 100_000, 'cross', 0);
    const schedule = hyperliquidProfile.maintenanceSchedule(position, btc, 'cross');
    // Notional 150M exactly: both sides of the boundary give 1,875,000.
    expect(maintenanceMarginSettlement(position, schedule, 100_000)).toBeCloseTo(1_875_000, 4);
    expect(maintenanceMarginSettlement(position, schedule, 99_999.999)).toBeCloseTo(1_875_000, 1);
  });
});

describe('hyperliquid bundled tiers (data/tiers/hyperliquid.json)', () => {
  it('is the hyperliquid venue, measured in notional, and every table is sound', () => {
    expect(bundled.venue).toBe('hyperliquid');
    for (const t of bundled.tables.values()) {
      expect(t.measure).toBe('notional');
      expect(tierTableProblems(t)).toEqual([]);
      for (const tier of t.tiers) expect(tier.maintenanceMarginRate).toBeCloseTo(1 / (2 * tier.maxLeverage), 15);
    }
  });

  it('covers the large perpetuals with the documented tiers', () => {
    for (const coin of ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'BNB', 'ADA', 'LINK', 'AVAX', 'SUI', 'LTC', 'TRX', 'HYPE']) {
      expect(bundled.tables.has(coin), coin).toBe(true);
    }
    const btc = bundled.tables.get('BTC')!;
    expect(btc.tiers.map((t) => [t.floor, t.maxLeverage])).toEqual([
      [0, 40],
      [150_000_000, 20],
    ]);
    const eth = bundled.tables.get('ETH')!;
    expect(eth.tiers.map((t) => [t.floor, t.maxLeverage])).toEqual([
      [0, 25],
      [100_000_000, 15],
    ]);
    // 100M * (1/30 - 1/50) = 1,333,333.33
    expect(eth.tiers[1]!.maintenanceAmount).toBeCloseTo(1_333_333.3333, 3);
    expect(bundled.tables.get('BNB')!.tiers.map((t) => [t.floor, t.maxLeverage])).toEqual([
      [0, 10],
      [3_000_000, 5],
    ]);
  });
});

describe('hyperliquid tierKey', () => {
  it('maps the spellings of a coin onto its table key', () => {
    for (const s of ['BTC', 'btc', 'BTC-USD', 'BTC-PERP', 'BTCUSDC', 'BTC/USDC:USDC', 'BTC-USDC']) expect(hyperliquidTierKey(s), s).toBe('BTC');
    expect(hyperliquidTierKey('kPEPE')).toBe('KPEPE');
    expect(hyperliquidProfile.tierKey('ETH/USDC:USDC')).toBe('ETH');
  });
});

/**
 * Liquidation prices returned by Hyperliquid's API (through ccxt), stored in freqtrade
 * `tests/exchange/test_hyperliquid.py` (test_hyperliquid_dry_run_liquidation_price, commit 3b1fb5af)
 * with the max leverage of each coin at the time (BTC/ETH 50x, SOL/DOGE 20x). Each position is
 * taken at its entry price with `collateral` as its isolated margin (or as the whole cross
 * account). Formula: https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations
 */
const FREQTRADE_SNAPSHOTS: readonly (readonly [string, number, 'long' | 'short', number, number, number])[] = [
  // coin, entryPrice, side, contracts, collateral, liquidationPrice
  ['ETH', 2458.5, 'long', 0.015, 36.864593, 0.86915825],
  ['BTC', 63287.0, 'long', 0.00039, 24.673292, 22.37166537],
  ['SOL', 146.82, 'long', 0.16, 23.482979, 0.05269872],
  ['SOL', 145.83, 'long', 0.33, 24.045107, 74.83696193],
  ['ETH', 2459.5, 'long', 0.0199, 24.454895, 1243.0411908],
  ['BTC', 62739.0, 'long', 0.00077, 24.137992, 31708.03843631],
  ['DOGE', 0.11586, 'long', 437.0, 25.29769, 0.05945697],
  ['ETH', 2642.8, 'short', 0.019, 25.091876, 3924.18322043],
  ['SOL', 155.89, 'short', 0.32, 24.924941, 228.07847866],
  ['DOGE', 0.14333, 'short', 351.0, 25.136807, 0.20970228],
  ['BTC', 68595.0, 'short', 0.00069, 23.64871, 101849.99354283],
  ['BTC', 65536.0, 'short', 0.00099, 21.604172, 86493.46174617],
  ['SOL', 173.06, 'long', 0.6, 20.735658, 142.05186667],
  ['ETH', 2545.5, 'long', 0.0329, 20.909894, 1929.23322895],
  ['BTC', 67400.0, 'short', 0.00031, 20.887308, 133443.97317151],
  ['ETH', 2552.0, 'short', 0.0327, 20.833393, 3157.53150453],
  ['BTC', 66930.0, 'long', 0.0015, 20.043862, 54108.51043771],
  ['BTC', 67033.0, 'long', 0.00121, 20.251817, 50804.00091827],
  ['ETH', 2521.9, 'long', 0.0237, 19.902091, 1699.14071943],
  ['BTC', 68139.0, 'short', 0.00145, 19.72573, 80933.61590987],
  ['SOL', 178.29, 'short', 0.11, 19.605036, 347.82205322],
  ['SOL', 176.23, 'long', 0.33, 19.364946, 120.56240404],
  ['SOL', 173.08, 'short', 0.33, 19.01881, 225.08561715],
  ['BTC', 68240.0, 'short', 0.00105, 17.887922, 84431.79820839],
  ['ETH', 2518.4, 'short', 0.007, 17.62263, 4986.05799151],
  ['ETH', 2533.2, 'long', 0.0347, 17.555195, 2047.7642302],
  ['DOGE', 0.13284, 'long', 360.0, 15.943218, 0.09082388],
  ['SOL', 163.11, 'short', 0.48, 15.650731, 190.94213618],
  ['BTC', 67141.0, 'long', 0.00067, 14.979079, 45236.52992613],
];
const MAX_LEVERAGE_2024: Readonly<Record<string, number>> = { BTC: 50, ETH: 50, SOL: 20, DOGE: 20 };

describe('hyperliquid liquidation price vs the API (freqtrade snapshots)', () => {
  for (const mode of ['isolated', 'cross'] as const) {
    it(`reproduces all ${FREQTRADE_SNAPSHOTS.length} API liquidation prices in ${mode} mode to the published precision`, () => {
      for (const [coin, entry, side, size, collateral, apiLiquidationPrice] of FREQTRADE_SNAPSHOTS) {
        const maxLeverage = MAX_LEVERAGE_2024[coin]!;
        const position = hlPosition(coin, side, size, entry, entry, mode, collateral);
        const pool = singlePool(position, table(coin, [{ lowerBoundQuote: 0, maxLeverage }]), collateral);
        const lp = liquidationPrice(pool, coin);
        expect(lp, `${coin} ${side} ${size}`).not.toBeNull();
        // The collateral is published to 6 decimals; one unit there moves the price by
        // 1e-6 / (size * (1 - side / (2 maxLev))). The price itself has 8 decimals.
        const sideSign = side === 'long' ? 1 : -1;
        const tolerance = 1e-6 / (size * (1 - sideSign / (2 * maxLeverage))) + 1e-8;
        expect(Math.abs(lp! - apiLiquidationPrice), `${coin} ${side} ${size} @ ${entry}`).toBeLessThanOrEqual(tolerance);
      }
    });
  }

  it('moves the cross liquidation price away when the account holds more than the position margin', () => {
    // freqtrade's companion check: doubling the cross wallet pushes a long's LP down, a short's up.
    for (const [coin, entry, side, size, collateral, apiLiquidationPrice] of FREQTRADE_SNAPSHOTS) {
      const position = hlPosition(coin, side, size, entry, entry, 'cross', 0);
      const pool = singlePool(position, table(coin, [{ lowerBoundQuote: 0, maxLeverage: MAX_LEVERAGE_2024[coin]! }]), collateral * 2);
      const lp = liquidationPrice(pool, coin);
      if (side === 'long') expect(lp === null || lp < apiLiquidationPrice).toBe(true);
      else expect(lp!).toBeGreaterThan(apiLiquidationPrice);
    }
  });
});

describe('hyperliquid clearinghouseState docs sample', () => {
  // POST /info {"type":"clearinghouseState"} example,
  // https://hyperliquid.gitbook.io/hyperliquid-docs/for-developers/api/info-endpoint/perpetuals:
  // ETH isolated, szi 0.0335, entryPx 2986.3, positionValue 100.02765, unrealizedPnl -0.0134,
  // marginUsed 4.967826 (margin including PnL), maxLeverage 50, liquidationPx 2866.26936529.
  const size = 0.0335;
  const entry = 2986.3;
  const mark = 100.02765 / size; // 2985.9
  const upnl = size * (mark - entry); // -0.0134
  const postedMargin = 4.967826 - upnl; // 4.981226
  const position = hlPosition('ETH', 'long', size, entry, mark, 'isolated', postedMargin);
  const pool = singlePool(position, table('ETH', [{ lowerBoundQuote: 0, maxLeverage: 50 }]), postedMargin);

  it('reads the mark and PnL the sample implies', () => {
    expect(mark).toBeCloseTo(2985.9, 9);
    expect(upnl).toBeCloseTo(-0.0134, 12);
    expect(poolEquity(pool)).toBeCloseTo(4.967826, 9);
    // MM = positionValue / (2 * 50) = 1.0002765
    expect(poolMaintenance(pool)).toBeCloseTo(1.0002765, 9);
  });

  it('reproduces liquidationPx 2866.26936529', () => {
    const lp = liquidationPrice(pool, 'ETH');
    // marginUsed has 6 decimals: 1e-6 / (0.0335 * 0.99) = 3.0e-5 of price.
    expect(Math.abs(lp! - 2866.26936529)).toBeLessThan(3.1e-5);
  });
});

describe('hyperliquid liquidation price across a tier boundary', () => {
  const btc = table('BTC', [
    { lowerBoundQuote: 0, maxLeverage: 40 },
    { lowerBoundQuote: 150_000_000, maxLeverage: 20 },
  ]);

  it('stays in tier 2 when the liquidation notional is above 150M', () => {
    // 2,000 BTC long at 100,000 with 10M isolated: LP = (Q EP - M - d2) / (Q (1 - 2.5 %))
    //   = (200M - 10M - 1.875M) / 1,950 = 96,474.358974...
    const position = hlPosition('BTC', 'long', 2_000, 100_000, 100_000, 'isolated', 10_000_000);
    expect(liquidationPrice(singlePool(position, btc, 10_000_000), 'BTC')).toBeCloseTo(188_125_000 / 1_950, 6);
  });

  it('drops to tier 1 when the liquidation notional falls below 150M', () => {
    // 1,600 BTC long at 100,000 with 16M: tier 2 would give 91,105.77 (notional 145.8M, not tier 2);
    // tier 1 gives (160M - 16M) / (1,600 * 0.9875) = 91,139.2405..., notional 145.8M: consistent.
    const position = hlPosition('BTC', 'long', 1_600, 100_000, 100_000, 'isolated', 16_000_000);
    expect(liquidationPrice(singlePool(position, btc, 16_000_000), 'BTC')).toBeCloseTo(144_000_000 / 1_580, 6);
  });
});

describe('hyperliquid profile rules', () => {
  it('liquidates in 20 % slices, backstops below 2/3 of maintenance, charges no clearance fee', () => {
    expect(hyperliquidProfile.liquidation).toEqual({ style: 'partial', partialFraction: 0.2, backstopEquityFraction: 2 / 3 });
    expect(hyperliquidProfile.defaultQuoteAsset).toBe('USDC');
    const position = hlPosition('ETH', 'long', 1, 3000, 3000, 'cross', 0);
    const schedule = hyperliquidProfile.maintenanceSchedule(position, bundled.tables.get('ETH')!, 'cross');
    expect(schedule.liquidationFeeRate).toBe(0);
    expect(schedule.feeReserveRate).toBe(0);
    expect(schedule.bracketsOn).toBe('notional');
    expect(schedule.defaultLeverage).toBe(10);
  });

  it('refuses inverse positions', () => {
    const position = makePosition({ symbol: 'BTC', instrument: 'inverse', venue: 'hyperliquid' });
    expect(() => hyperliquidProfile.maintenanceSchedule(position, bundled.tables.get('BTC')!, 'cross')).toThrow(/linear/);
  });
});

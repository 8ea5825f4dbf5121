// The OKX swap profile: whole-position tier rate chosen by size, the liquidation fee (taker rate)
// held on top of maintenance, linear and inverse liquidation prices, the venue's positions docs
// sample, and the bundled tier data.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/domain/position.js';
import type { TierTable } from '../../src/domain/tier.js';
import { parseBundledTierFile } from '../../src/io/bundled-tiers.js';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import type { Pool } from '../../src/margin/pool.js';
import { maintenanceMarginSettlement } from '../../src/margin/position-risk.js';
import { okxSizeTier, okxSwapProfile, okxSwapTierKey } from '../../src/venues/okx-swap.js';
import { tierTableProblems } from '../../src/venues/validate-tier-table.js';
import { makePosition } from '../support/make-position.js';

const TIER_RULES = 'https://www.okx.com/help/v-tiered-maintenance-margin-ratio-rules';
const TAKER = 0.0005;

const bundled = parseBundledTierFile(readFileSync(new URL('../../data/tiers/okx-swap.json', import.meta.url), 'utf8'), 'okx-swap.json');

/** A size-measured table from [cap, mmr, maxLeverage] rows (caps in the position's size unit). */
function sizeTable(symbol: string, rows: readonly (readonly [number, number, number])[]): TierTable {
  let floor = 0;
  const tiers = rows.map(([cap, mmr, maxLeverage]) => {
    const tier = { floor, cap, maintenanceMarginRate: mmr, maintenanceAmount: 0, maxLeverage, initialMarginRate: null, liquidationFeeRate: null };
    floor = cap;
    return tier;
  });
  return { symbol, measure: 'size', tiers, source: 'test', snapshotDate: 'test' };
}

function okxPosition(overrides: Partial<Position> & Pick<Position, 'symbol'>): Position {
  return makePosition({ venue: 'okx-swap', marginMode: 'isolated', ...overrides });
}

function isolatedPool(position: Position, table: TierTable, margin: number): Pool {
  return {
    poolId: 'p',
    account: 'main',
    marginMode: 'isolated',
    asset: position.settlementAsset,
    cashCollateral: margin,
    assetCollateral: [],
    members: [{ position, schedule: okxSwapProfile.maintenanceSchedule(position, table, 'isolated') }],
  };
}

describe(`OKX maintenance + liquidation fee (${TIER_RULES})`, () => {
  it('holds N * (MMR + taker) for a linear swap at the mark', () => {
    // 5 BTC of BTC-USDT-SWAP (500 contracts of 0.01 BTC) at 60,000: 300,000 * (0.4 % + 0.05 %) = 1,350.
    const position = okxPosition({ symbol: 'BTC-USDT-SWAP', size: 5, entryPrice: 60_000, markPrice: 60_000 });
    const schedule = okxSwapProfile.maintenanceSchedule(position, bundled.tables.get('BTC-USDT-SWAP')!, 'isolated');
    expect(schedule.feeReserveRate).toBe(TAKER);
    expect(schedule.liquidationFeeRate).toBe(TAKER);
    expect(schedule.bracketsOn).toBe('fixed');
    expect(maintenanceMarginSettlement(position, schedule, 60_000)).toBeCloseTo(1_350, 9);
    expect(maintenanceMarginSettlement(position, schedule, 50_000)).toBeCloseTo(1_125, 9);
  });

  it('applies the tier rate to the whole position, so MM jumps at a tier boundary', () => {
    const table = sizeTable('X-USDT-SWAP', [
      [10, 0.004, 100],
      [20, 0.006, 75],
    ]);
    const mm = (size: number) => {
      const p = okxPosition({ symbol: 'X-USDT-SWAP', size, entryPrice: 100, markPrice: 100 });
      return maintenanceMarginSettlement(p, okxSwapProfile.maintenanceSchedule(p, table, 'isolated'), 100);
    };
    // The upper bound is inclusive (OKX maxSz): 10 is tier 1, just above it is tier 2 on the whole size.
    expect(mm(10)).toBeCloseTo(1_000 * (0.004 + TAKER), 12);
    expect(mm(10.01)).toBeCloseTo(1_001 * (0.006 + TAKER), 12);
  });

  it('refuses a position beyond the last tier of the table, naming the symbol', () => {
    // The bundled ladder ends at 19,400 BTC (1,940,000 contracts of 0.01 BTC).
    expect(() => okxSizeTier(bundled.tables.get('BTC-USDT-SWAP')!, 19_400.01)).toThrow(/BTC-USDT-SWAP.*19400\.01/);
    expect(okxSizeTier(bundled.tables.get('BTC-USDT-SWAP')!, 10).maintenanceMarginRate).toBe(0.004);
    expect(okxSizeTier(bundled.tables.get('BTC-USDT-SWAP')!, 10.01).maintenanceMarginRate).toBe(0.005);
  });

  it('honours a notional-measured user table with the same fee reserve', () => {
    const table: TierTable = {
      symbol: 'BTC-USDT-SWAP',
      measure: 'notional',
      tiers: [{ floor: 0, cap: Infinity, maintenanceMarginRate: 0.005, maintenanceAmount: 0, maxLeverage: 100, initialMarginRate: null, liquidationFeeRate: null }],
      source: 'test',
      snapshotDate: 'test',
    };
    const position = okxPosition({ symbol: 'BTCUSDT', size: 2, entryPrice: 50_000, markPrice: 50_000 });
    const schedule = okxSwapProfile.maintenanceSchedule(position, table, 'cross');
    expect(schedule.bracketsOn).toBe('notional');
    expect(maintenanceMarginSettlement(position, schedule, 50_000)).toBeCloseTo(100_000 * 0.0055, 9);
  });
});

describe('OKX isolated liquidation price', () => {
  it('linear: LP_long = (Q EP - M) / (Q (1 - MMR - fee)), LP_short = (Q EP + M) / (Q (1 + MMR + fee))', () => {
    const table = bundled.tables.get('ETH-USDT-SWAP')!;
    for (const side of ['long', 'short'] as const) {
      // 40 ETH (400 contracts of 0.1 ETH) at 3,000 with 12,000 USDT (10x).
      const position = okxPosition({ symbol: 'ETH-USDT-SWAP', side, size: 40, entryPrice: 3_000, markPrice: 3_000 });
      const expected = side === 'long' ? (120_000 - 12_000) / (40 * (1 - 0.004 - TAKER)) : (120_000 + 12_000) / (40 * (1 + 0.004 + TAKER));
      expect(liquidationPrice(isolatedPool(position, table, 12_000), 'ETH-USDT-SWAP'), side).toBeCloseTo(expected, 6);
    }
  });

  it('inverse: LP_long = (1 + MMR + fee) / (1/EP + M / (FV Q)), LP_short = (1 - MMR - fee) / (1/EP - M / (FV Q))', () => {
    // The isolated coin-margined margin-ratio rule of the tier page: (margin + PnL) / (FV |Q| / mark * (MMR + fee)).
    // BTC-USD-SWAP, 100 USD contracts; 50 contracts at 40,000 with 0.0125 BTC; user table MMR 0.5 %.
    const table = sizeTable('BTC-USD-SWAP', [[10_000, 0.005, 100]]);
    for (const side of ['long', 'short'] as const) {
      const position = okxPosition({ symbol: 'BTC-USD-SWAP', side, size: 50, entryPrice: 40_000, markPrice: 40_000, instrument: 'inverse', contractSize: 100 });
      expect(position.settlementAsset).toBe('BTC');
      const r = 0.005 + TAKER;
      const expected = side === 'long' ? (1 + r) / (1 / 40_000 + 0.0125 / 5_000) : (1 - r) / (1 / 40_000 - 0.0125 / 5_000);
      expect(liquidationPrice(isolatedPool(position, table, 0.0125), 'BTC-USD-SWAP'), side).toBeCloseTo(expected, 6);
    }
  });

  it('reproduces the positions docs sample ETH-USD-SWAP liqPx (https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-positions)', () => {
    // Sample: 1 contract long, avgPx 2566.31, lever 10, margin 0.0003896645377994 ETH, liqPx 2352.8496681818233.
    // margin = ctVal * pos / avgPx / lever exactly when ctVal = 10 USD; the sample's mmr field is 0.8002 % of the
    // entry value, i.e. the 0.8 % tier. With 0.8 % + the 0.05 % fee the LP is 2352.839668181823: every digit of
    // the printed liqPx but one (the sample shows ...84966..., 0.01 higher). Without the fee reserve it would be
    // 2351.67, 5e-4 away. The sample's other fields (upl, notionalUsd, mgnRatio) are illustrative and inconsistent.
    const table = sizeTable('ETH-USD-SWAP', [[1_000, 0.008, 100]]);
    const position = okxPosition({ symbol: 'ETH-USD-SWAP', size: 1, entryPrice: 2566.31, markPrice: 2353.849, instrument: 'inverse', contractSize: 10 });
    const lp = liquidationPrice(isolatedPool(position, table, 0.0003896645377994), 'ETH-USD-SWAP')!;
    expect(lp).toBeCloseTo(2352.839668181823, 8);
    expect(Math.abs(lp - 2352.8496681818233)).toBeCloseTo(0.01, 8);
  });
});

describe('OKX bundled tiers (data/tiers/okx-swap.json)', () => {
  it('is size-measured, sound, and converted from contracts to base units', () => {
    expect(bundled.venue).toBe('okx-swap');
    for (const t of bundled.tables.values()) {
      expect(t.measure).toBe('size');
      expect(tierTableProblems(t)).toEqual([]);
    }
    // BTC-USDT tier 1: 0-1,000 contracts of 0.01 BTC = 10 BTC; ETH-USDT: 0-5,000 of 0.1 ETH = 500 ETH.
    expect(bundled.tables.get('BTC-USDT-SWAP')!.tiers[0]).toMatchObject({ floor: 0, cap: 10, maintenanceMarginRate: 0.004, maxLeverage: 100, initialMarginRate: 0.01 });
    expect(bundled.tables.get('ETH-USDT-SWAP')!.tiers[0]).toMatchObject({ floor: 0, cap: 500, maintenanceMarginRate: 0.004, maxLeverage: 100 });
    const file = JSON.parse(readFileSync(new URL('../../data/tiers/okx-swap.json', import.meta.url), 'utf8')) as {
      contractValues: Record<string, { ctVal: number }>;
    };
    expect(file.contractValues['BTC-USDT-SWAP']!.ctVal * 1_000).toBe(bundled.tables.get('BTC-USDT-SWAP')!.tiers[0]!.cap);
    expect(file.contractValues['ETH-USDT-SWAP']!.ctVal * 5_000).toBe(bundled.tables.get('ETH-USDT-SWAP')!.tiers[0]!.cap);
  });
});

describe('OKX tierKey and defaults', () => {
  it('maps spellings onto instrument ids', () => {
    for (const s of ['BTC-USDT-SWAP', 'BTCUSDT', 'BTC-USDT', 'btc/usdt:usdt']) expect(okxSwapTierKey(s), s).toBe('BTC-USDT-SWAP');
    for (const s of ['BTC-USD-SWAP', 'BTCUSD_PERP', 'BTC-USD', 'BTC/USD:BTC']) expect(okxSwapTierKey(s), s).toBe('BTC-USD-SWAP');
    expect(okxSwapProfile.defaultContractSize('BTC-USD-SWAP')).toBe(100);
    expect(okxSwapProfile.defaultContractSize('BTC-USDT-SWAP')).toBeNull();
    expect(okxSwapProfile.liquidation.style).toBe('partial');
  });
});

describe('OKX: a size beyond the last tier of the table in force', () => {
  it('is an input issue on the position\'s own row (column size), naming the table and --tiers, not a crash', async () => {
    const { resolveAccount } = await import('../../src/margin/resolve-schedules.js');
    const { loadBundledTierBook } = await import('../../src/io/bundled-tiers.js');
    const { formatIssue } = await import('../../src/domain/issue.js');
    // The bundled ETH-USDT-SWAP table holds tier 1 only: up to 500 ETH (5,000 contracts of 0.1 ETH).
    const position = makePosition({ symbol: 'ETH-USDT-SWAP', size: 600, entryPrice: 3000, markPrice: 3000, venue: 'okx-swap', source: { file: 'book.csv', line: 7 } });
    const { resolved, issues } = resolveAccount({ account: 'main', positions: [position], balances: [] }, loadBundledTierBook());
    expect(resolved).toBeNull();
    expect(issues.map(formatIssue)).toEqual([
      'book.csv:7: column size: position of size 600 exceeds the last tier of the ETH-USDT-SWAP table (up to 500, snapshot 2026-09-25) on venue okx-swap; supply the full table with --tiers FILE (from GET /api/v5/public/position-tiers) (got "600")',
    ]);
    expect(okxSwapProfile.coverageProblem!({ ...position, size: 500 }, bundled.tables.get('ETH-USDT-SWAP')!)).toBeNull();
  });
});

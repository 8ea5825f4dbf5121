// The generic profile's bundled data (Binance USDⓈ-M's current brackets), its symbol keys and its
// fee-free rule; and the bundled tier book as the CLI loads it, for the Binance and Bybit venues.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledDataPath } from '../../src/io/package-root.js';
import { loadBundledTierBook, parseBundledTierFile } from '../../src/io/bundled-tiers.js';
import { liquidationPrice } from '../../src/margin/liquidation-price.js';
import { binanceUsdmProfile } from '../../src/venues/binance-usdm.js';
import { bybitLinearProfile } from '../../src/venues/bybit-linear.js';
import { genericProfile } from '../../src/venues/generic.js';
import { findTierTable } from '../../src/venues/tier-book.js';
import { tierTableProblems } from '../../src/venues/validate-tier-table.js';
import { makePosition } from '../support/make-position.js';

function bundledFile(name: string) {
  const text = readFileSync(bundledDataPath('tiers', name), 'utf8');
  return { json: JSON.parse(text) as { notes: string; source: string; snapshotDate: string }, ...parseBundledTierFile(text, name) };
}

describe('generic: bundled tiers (data/tiers/generic.json)', () => {
  const generic = bundledFile('generic.json');
  const binance = bundledFile('binance-usdm.json');

  it("are Binance USDⓈ-M's current brackets, and say so", () => {
    expect(generic.venue).toBe('generic');
    expect(generic.json.notes).toMatch(/Binance USDⓈ-M's current brackets/);
    expect(generic.json.source).toBe(binance.json.source);
    expect([...generic.tables.keys()]).toEqual([...binance.tables.keys()]);
    for (const [symbol, table] of generic.tables) expect(table.tiers, symbol).toEqual(binance.tables.get(symbol)!.tiers);
  });

  it('pass the structural checks and the maintenance-amount recursion', () => {
    expect(generic.tables.size).toBeGreaterThanOrEqual(10);
    for (const table of generic.tables.values()) expect(tierTableProblems(table), table.symbol).toEqual([]);
  });
});

describe('generic: profile rules', () => {
  it('keys symbols the Binance way', () => {
    for (const s of ['ETHUSDT', 'ethusdt', 'ETH/USDT:USDT', 'ETH-USDT-SWAP', 'ETH']) expect(genericProfile.tierKey(s), s).toBe('ETHUSDT');
  });

  it('holds no fee in maintenance and charges none on liquidation; brackets follow the mark', () => {
    const { tables } = bundledFile('generic.json');
    const schedule = genericProfile.maintenanceSchedule(makePosition({ symbol: 'BTCUSDT' }), tables.get('BTCUSDT')!, 'isolated');
    expect(schedule).toMatchObject({ notionalBasis: 'mark', bracketsOn: 'notional', feeReserveRate: 0, feeReserveAmount: 0, liquidationFeeRate: 0 });
  });

  it('gives the same liquidation price as binance-usdm on the same brackets (the fee is execution only)', () => {
    const { tables } = bundledFile('generic.json');
    const position = makePosition({ symbol: 'BTCUSDT', side: 'long', size: 2, entryPrice: 60_000, markPrice: 60_000, marginMode: 'isolated', isolatedMargin: 6_000 });
    const table = tables.get('BTCUSDT')!;
    const lp = (schedule: ReturnType<typeof genericProfile.maintenanceSchedule>) =>
      liquidationPrice({ poolId: 'p', account: 'main', marginMode: 'isolated', asset: 'USDT', cashCollateral: 6_000, assetCollateral: [], members: [{ position, schedule }] }, 'BTCUSDT');
    // 120,000 notional, bracket 2 (0.5%, cum 50): (6,000 + 50 - 120,000) / (2*0.005 - 2) = 57,261.31
    expect(lp(genericProfile.maintenanceSchedule(position, table, 'isolated'))).toBeCloseTo(113_950 / 1.99, 6);
    expect(lp(binanceUsdmProfile.maintenanceSchedule(position, table, 'isolated'))).toBeCloseTo(113_950 / 1.99, 6);
  });
});

describe('bundled tier book: Binance and Bybit tables found through each profile key', () => {
  it('resolves user spellings to the bundled tables, and a dated contract to none', () => {
    const book = loadBundledTierBook();
    expect(findTierTable(book, binanceUsdmProfile, 'sol/usdt:usdt')?.symbol).toBe('SOLUSDT');
    expect(findTierTable(book, genericProfile, 'btcusdt')?.symbol).toBe('BTCUSDT');
    expect(findTierTable(book, bybitLinearProfile, 'BTC/USDT:USDT')?.symbol).toBe('BTCUSDT');
    expect(findTierTable(book, binanceUsdmProfile, 'BTCUSDT_240927')).toBeUndefined();
  });
});

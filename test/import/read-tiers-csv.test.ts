// tiers.csv: a venue's published bracket table read into a TierBook under the venue's tier key,
// rows in any order, optional columns, the per-row `venue` column, and validation of the table.

import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/domain/issue.js';
import { readTiersCsv } from '../../src/import/index.js';
import { textChunks } from './import-test-support.js';

describe('readTiersCsv', () => {
  it('reads Binance USDⓈ-M BTCUSDT brackets 1-4 (snapshot 2024-10-24) in shuffled order under Binance names', async () => {
    // Brackets as GET /fapi/v1/leverageBracket publishes them (maintMarginRatio, cum); snapshot
    // from freqtrade/freqtrade binance_leverage_tiers.json, cited in the venue reference:
    // https://www.binance.com/en/support/faq/how-to-calculate-liquidation-price-of-usd%E2%93%A2-m-futures-contracts-b3c689c1f50a44cabb3a84e663b81d93
    const text = [
      'symbol,notionalFloor,notionalCap,maintMarginRatio,cum,initialLeverage',
      'BTCUSDT,600000,3000000,0.0065,950,75',
      'BTCUSDT,0,50000,0.004,0,125',
      'BTCUSDT,3000000,,0.01,11450,50',
      'BTCUSDT,50000,600000,0.005,50,100',
    ].join('\n');
    const { book, issues } = await readTiersCsv(textChunks(text), 'tiers.csv', { defaultVenue: 'binance-usdm' });
    expect(issues).toEqual([]);
    const table = book.get('binance-usdm')!.get('BTCUSDT')!;
    expect(table.measure).toBe('notional');
    expect(table.source).toBe('tiers.csv');
    expect(table.tiers.map((t) => [t.floor, t.cap, t.maintenanceMarginRate, t.maintenanceAmount, t.maxLeverage])).toEqual([
      [0, 50000, 0.004, 0, 125],
      [50000, 600000, 0.005, 50, 100],
      [600000, 3000000, 0.0065, 950, 75],
      [3000000, Infinity, 0.01, 11450, 50],
    ]);
  });

  it('files rows under the venue named in the row, keyed by that venue’s tier key', async () => {
    const text = [
      'venue,symbol,notional_floor,notional_cap,maintenance_margin_rate,maintenance_amount,max_leverage,initial_margin_rate,liquidation_fee_rate',
      'okx-swap,BTCUSDT,0,,0.004,0,100,0.01,0.0005',
      ',ETHUSDT,0,,0.005,0,50,,',
    ].join('\n');
    const { book, issues } = await readTiersCsv(textChunks(text), 'tiers.csv', { defaultVenue: 'generic' });
    expect(issues).toEqual([]);
    expect([...book.get('okx-swap')!.keys()]).toEqual(['BTC-USDT-SWAP']);
    expect(book.get('okx-swap')!.get('BTC-USDT-SWAP')!.tiers[0]).toMatchObject({ initialMarginRate: 0.01, liquidationFeeRate: 0.0005 });
    expect(book.get('generic')!.get('ETHUSDT')!.tiers[0]).toMatchObject({ initialMarginRate: null, liquidationFeeRate: null });
  });

  it('reports a gap between brackets and a negative cell, and leaves those tables out', async () => {
    const text = [
      'symbol,notional_floor,notional_cap,maintenance_margin_rate,maintenance_amount,max_leverage,venue',
      'BTCUSDT,0,50000,0.004,0,125,',
      'BTCUSDT,60000,,0.005,50,100,',
      'ETHUSDT,0,,-0.01,0,100,',
      'SOLUSDT,0,,0.01,0,20,kraken',
    ].join('\n');
    const { book, issues } = await readTiersCsv(textChunks(text), 'tiers.csv', { defaultVenue: 'generic' });
    expect(issues.map(formatIssue)).toEqual([
      'tiers.csv:4: column maintenance_margin_rate: must not be negative (got "-0.01")',
      'tiers.csv:5: column venue: unknown venue profile; use one of binance-usdm, binance-coinm, bybit-linear, bybit-inverse, okx-swap, hyperliquid, dydx-v4, deribit, generic (got "kraken")',
      'tiers.csv:3: column notional_floor: BTCUSDT tier 2: floor 60000 does not meet previous cap 50000 (venue generic)',
      'tiers.csv:3: column maintenance_amount: BTCUSDT tier 2: maintenance amount 50 breaks the continuity recursion (expected 60) (venue generic)',
    ]);
    expect(book.size).toBe(0);
  });

  it('reports missing columns and an empty file', async () => {
    const missing = await readTiersCsv(textChunks('symbol,floor,cap\nBTCUSDT,0,\n'), 'tiers.csv', { defaultVenue: 'generic' });
    expect(missing.issues.map((i) => i.column)).toEqual(['maintenance_margin_rate', 'maintenance_amount', 'max_leverage']);
    const empty = await readTiersCsv(textChunks(''), 'tiers.csv', { defaultVenue: 'generic' });
    expect(empty.issues.map(formatIssue)).toEqual(['tiers.csv: the file is empty: expected a header line and data rows']);
  });
});

// Deribit get_positions: inverse perpetuals and futures in USD (contracts of 10 USD for BTC,
// 1 USD for ETH), a linear USDC perpetual in coin, a zero position; broken variants.

import { describe, expect, it } from 'vitest';
import { importVenueExport } from '../../../src/import/exports/index.js';
import { fixture, lines, positionById } from './export-files.js';

describe('Deribit positions', () => {
  const result = importVenueExport([fixture('deribit/positions.json')], {});

  it('turns inverse sizes in USD into contracts', () => {
    expect(result.issues).toEqual([]);
    expect(positionById(result.positions, 'main:BTC-PERPETUAL:short')).toMatchObject({ size: 1200, contractSize: 10, instrument: 'inverse', settlementAsset: 'BTC', entryPrice: 66000.5, markPrice: 65210.3, leverage: 20 });
    expect(positionById(result.positions, 'main:ETH-PERPETUAL:long')).toMatchObject({ size: 5000, contractSize: 1, instrument: 'inverse', settlementAsset: 'ETH' });
    expect(positionById(result.positions, 'main:BTC-27DEC24:long')).toMatchObject({ size: 200, contractSize: 10, instrument: 'inverse', settlementAsset: 'BTC', quoteAsset: 'USD', baseAsset: 'BTC' });
  });

  it('reads a linear USDC perpetual in the base coin', () => {
    expect(positionById(result.positions, 'main:BTC_USDC-PERPETUAL:long')).toMatchObject({ size: 0.25, contractSize: 1, instrument: 'linear', settlementAsset: 'USDC', quoteAsset: 'USDC' });
  });

  it('takes every position as cross on the deribit profile and skips the zero one', () => {
    for (const p of result.positions) expect(p).toMatchObject({ marginMode: 'cross', isolatedMargin: null, venue: 'deribit' });
    expect(result.notes).toEqual(['positions.json: zero-size positions skipped: 1']);
  });

  it('keeps the estimated liquidation price where Deribit gives one', () => {
    expect(result.venueReported.get('main:BTC-PERPETUAL:short')).toMatchObject({ liquidationPrice: 98765.4, maintenanceMargin: 0.00213, asset: 'BTC' });
    expect(result.venueReported.get('main:BTC_USDC-PERPETUAL:long')).toMatchObject({ liquidationPrice: null, unrealizedPnl: 302.575, asset: 'USDC' });
  });
});

describe('Deribit broken positions', () => {
  it('options, unknown inverse contract sizes and a buy with a negative size are issues', () => {
    const result = importVenueExport([fixture('deribit/positions-broken.json')], {});
    expect(lines(result.issues)).toEqual([
      'positions-broken.json:13: column result[0].kind: option positions are not modelled; only futures and perpetuals (got "option")',
      "positions-broken.json:41: column result[1].size: size in USD without a contract size: Deribit's contract size of SOL-PERPETUAL is not known (got \"500\")",
      'positions-broken.json:61: column result[2].size: direction is buy but size is negative (got "-5000")',
    ]);
    expect(result.positions).toEqual([]);
  });
});

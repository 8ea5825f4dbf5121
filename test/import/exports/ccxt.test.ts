// CCXT fetchPositions as JSON and as a CSV flattened from it: contracts × contractSize, the venue
// from the exchange id (option, field or file name), isolated margin from collateral; broken
// variants (contradictions, missing contract size, missing mark).

import { describe, expect, it } from 'vitest';
import { importVenueExport } from '../../../src/import/exports/index.js';
import { fixture, lines, positionById } from './export-files.js';

describe('CCXT positions of binanceusdm (exchange from the file name)', () => {
  const result = importVenueExport([fixture('ccxt/binanceusdm-positions.json')], {});

  it('maps the hedged legs and the isolated short onto binance-usdm', () => {
    expect(result.issues).toEqual([]);
    expect(result.venue).toBe('binance-usdm');
    expect(positionById(result.positions, 'main:BTC/USDT:USDT:long')).toMatchObject({ symbol: 'BTC/USDT:USDT', size: 0.25, marginMode: 'cross', leverage: 20, instrument: 'linear', venue: 'binance-usdm', settlementAsset: 'USDT', baseAsset: 'BTC' });
    expect(positionById(result.positions, 'main:BTC/USDT:USDT:short')).toMatchObject({ size: 0.1, marginMode: 'cross' });
  });

  it('isolated margin = collateral - unrealizedPnl (CCXT collateral includes the PnL)', () => {
    expect(positionById(result.positions, 'main:ETH/USDT:USDT:short')).toMatchObject({ size: 3.5, marginMode: 'isolated', isolatedMargin: 1364.77 - 194.25 });
  });

  it('skips zero contracts and keeps the venue figures', () => {
    expect(result.notes).toEqual(['binanceusdm-positions.json: zero-size positions (contracts 0) skipped: 1']);
    expect(result.venueReported.get('main:BTC/USDT:USDT:long')).toMatchObject({ liquidationPrice: 41234.81, maintenanceMargin: 65.21, unrealizedPnl: 302.45 });
  });

  it('the exchange option wins over the file name', () => {
    const asOkx = importVenueExport([fixture('ccxt/binanceusdm-positions.json')], { exchange: 'okx' });
    expect(new Set(asOkx.positions.map((p) => p.venue))).toEqual(new Set(['okx-swap']));
  });
});

describe('CCXT positions CSV of bybit', () => {
  const result = importVenueExport([fixture('ccxt/bybit-positions.csv')], {});

  it('reads linear and inverse rows onto bybit-linear and bybit-inverse', () => {
    expect(result.issues).toEqual([]);
    expect(positionById(result.positions, 'main:BTC/USD:BTC:short')).toMatchObject({ size: 15000, contractSize: 1, instrument: 'inverse', venue: 'bybit-inverse', settlementAsset: 'BTC', marginMode: 'cross' });
    expect(positionById(result.positions, 'main:ETH/USDT:USDT:long')).toMatchObject({ size: 4, instrument: 'linear', venue: 'bybit-linear', marginMode: 'isolated', isolatedMargin: 2680.4 });
    expect(result.notes).toContain('positions on several venue profiles (bybit-inverse, bybit-linear): each position names its own');
  });
});

describe('CCXT broken positions', () => {
  const result = importVenueExport([fixture('ccxt/positions-broken.json')], {});

  it('reports contradictions and missing fields at their JSON path and line', () => {
    expect(lines(result.issues)).toEqual([
      'positions-broken.json:50: column [1].contractSize: size in contracts without a contract size',
      'positions-broken.json:83: column [2].markPrice: mark price is missing',
      'positions-broken.json:123: column [3].inverse: both linear and inverse are true (got "true")',
      'positions-broken.json:147: column [4].collateral: isolated position without its margin (collateral, initialMargin)',
    ]);
    // marginMode is CCXT's current field: the legacy flag contradicting it is a warning, not an issue.
    expect(lines(result.warnings)).toContain(
      'positions-broken.json:25: column [0].marginMode: marginMode is isolated but the legacy isolated flag is false: taken as isolated (marginMode is CCXT\'s current field) (got "isolated")',
    );
    expect(result.positions.map((p) => [p.positionId, p.marginMode])).toEqual([['main:BTC/USDT:USDT:long', 'isolated']]);
  });

  it('BTC/USD without a settlement currency: inverse on binancecoinm, bybit, okx and deribit, linear on binanceusdm (settle == base: inverse)', () => {
    const text = '[{"symbol": "BTC/USD", "side": "long", "contracts": 5, "contractSize": 100, "entryPrice": 20000, "markPrice": 20050, "marginMode": "cross"}]';
    const read = (exchange: string) => importVenueExport([{ label: 'positions.json', text }], { exchange });
    expect(read('binancecoinm').positions[0]).toMatchObject({ instrument: 'inverse', venue: 'binance-coinm', size: 5, contractSize: 100, settlementAsset: 'BTC' });
    expect(read('bybit').positions[0]).toMatchObject({ instrument: 'inverse', venue: 'bybit-inverse' });
    expect(read('okx').positions[0]).toMatchObject({ instrument: 'inverse', venue: 'okx-swap' });
    expect(read('deribit').positions[0]).toMatchObject({ instrument: 'inverse', venue: 'deribit' });
    expect(read('binanceusdm').positions[0]).toMatchObject({ instrument: 'linear', venue: 'binance-usdm', size: 500 });
  });

  it('BTC/USD with no exchange is refused, naming --exchange', () => {
    const text = '[{"symbol": "BTC/USD", "side": "long", "contracts": 5, "contractSize": 100, "entryPrice": 20000, "markPrice": 20050, "marginMode": "cross"}]';
    expect(lines(importVenueExport([{ label: 'positions.json', text }], {}).issues)).toEqual([
      'positions.json:1: column [0].symbol: cannot tell a linear from an inverse contract: the symbol names no settlement currency (BASE/QUOTE:SETTLE), no linear/inverse flag is given and no exchange named; pass the CCXT exchange id with --exchange (binancecoinm, binanceusdm, bybit, okx, deribit, …) or write the symbol as BASE/QUOTE:SETTLE (got "BTC/USD")',
    ]);
  });

  it('an unknown exchange falls back to the generic profile, with a note', () => {
    expect(result.venue).toBe('generic');
    expect(result.notes).toContain('positions-broken.json: CCXT exchange not named (pass it, or name the file after it): positions use the generic profile');
  });

  it('no margin mode at all is a warning, and cross', () => {
    const bare = { label: 'positions.json', text: '[{"symbol": "BTC/USDT:USDT", "side": "long", "contracts": 1, "contractSize": 0.001, "entryPrice": 64000, "markPrice": 65000}]' };
    const read = importVenueExport([bare], { exchange: 'okx' });
    expect(read.issues).toEqual([]);
    expect(read.positions[0]).toMatchObject({ size: 0.001, marginMode: 'cross', venue: 'okx-swap' });
    expect(lines(read.warnings)).toEqual(['positions.json:1: column [0].marginMode: margin mode not given (no marginMode, no isolated flag): taken as cross']);
  });
});

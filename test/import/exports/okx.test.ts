// OKX positions: contracts converted by contract values (instruments file, else the built-in
// table), net and long/short modes, linear and inverse, cross and isolated; broken variants.

import { describe, expect, it } from 'vitest';
import { importVenueExport } from '../../../src/import/exports/index.js';
import { fixture, lines, positionById } from './export-files.js';

describe('OKX positions with an instruments file', () => {
  const result = importVenueExport([fixture('okx/positions.json'), fixture('okx/instruments.json')], {});

  it('converts contracts to base units for linear swaps (ctVal from the instruments file or the table)', () => {
    expect(result.issues).toEqual([]);
    // net mode, pos -25 contracts of 0.01 BTC: a 0.25 BTC short.
    expect(positionById(result.positions, 'main:BTC-USDT-SWAP:short')).toMatchObject({ size: 0.25, contractSize: 1, instrument: 'linear', marginMode: 'cross', leverage: 20, settlementAsset: 'USDT' });
    // long/short mode, 30 contracts of 0.1 ETH, isolated.
    expect(positionById(result.positions, 'main:ETH-USDT-SWAP:long')).toMatchObject({ size: 3, marginMode: 'isolated', isolatedMargin: 990.03, leverage: 10 });
    // SOL-USDT-SWAP is not in the table: 150 contracts of 1 SOL from the instruments file.
    expect(positionById(result.positions, 'main:SOL-USDT-SWAP:long')).toMatchObject({ size: 150, entryPrice: 140.2, markPrice: 142.11 });
  });

  it('keeps inverse swaps in contracts, each worth ctVal USD, settled in the coin', () => {
    expect(positionById(result.positions, 'main:BTC-USD-SWAP:short')).toMatchObject({ size: 120, contractSize: 100, instrument: 'inverse', settlementAsset: 'BTC', quoteAsset: 'USD', venue: 'okx-swap' });
  });

  it('notes which contract values came from the built-in table, and the zero position', () => {
    // One note for every contract value taken from the table (not a line per instrument).
    expect(result.notes).toEqual([
      'positions.json: zero-size positions (pos 0) skipped: 1',
      "positions.json: contract value from the built-in table of OKX contracts (pass the instruments export, GET /api/v5/public/instruments, with --with to use the venue's): ETH-USDT-SWAP (0.1), BTC-USD-SWAP (100)",
    ]);
  });

  it('keeps the venue figures, margin ratio turned into maintenance / equity', () => {
    const eth = result.venueReported.get('main:ETH-USDT-SWAP:long')!;
    expect(eth).toMatchObject({ liquidationPrice: 2996.5, maintenanceMargin: 49.35, unrealizedPnl: -30 });
    expect(eth.marginRatio).toBeCloseTo(1 / 19.45, 15);
  });
});

describe('OKX broken positions', () => {
  it('reports each bad row at its field', () => {
    const result = importVenueExport([fixture('okx/positions-broken.json')], {});
    expect(lines(result.issues)).toEqual([
      'positions-broken.json:34: column data[0].pos: size in contracts without a contract size: ctVal of XLM-USDT-SWAP is not known; pass the instruments export (GET /api/v5/public/instruments?instType=SWAP) with --with (got "400")',
      'positions-broken.json:78: column data[1].margin: isolated position without its margin',
      'positions-broken.json:136: column data[2].pos: posSide is long but pos is negative (only net positions are signed) (got "-3")',
      'positions-broken.json:169: column data[3].instType: OPTION positions are not modelled; only SWAP and FUTURES (got "OPTION")',
      'positions-broken.json:213: column data[4].ccy: BTC-USD-SWAP is inverse and settles in BTC, not in the margin currency given (got "USDT")',
    ]);
    expect(result.positions).toEqual([]);
  });

  it('a saved error response is one issue', () => {
    const error = { label: 'positions.json', text: '{"code": "50111", "data": [], "msg": "Invalid OK-ACCESS-KEY"}' };
    const result = importVenueExport([error], {});
    expect(lines(result.issues)).toEqual(['positions.json:1: column code: the saved response is an OKX error: Invalid OK-ACCESS-KEY (got "50111")']);
  });
});

// Binance USDⓈ-M exports: a hedge-mode v2 book (cross and isolated, zero rows), a one-way v3 book
// combined with symbolConfig, account and leverageBracket, and broken variants with their exact
// issue lines.

import { describe, expect, it } from 'vitest';
import { importVenueExport } from '../../../src/import/exports/index.js';
import { evaluateAccount } from '../../../src/margin/evaluate-account.js';
import { tierTableProblems } from '../../../src/venues/validate-tier-table.js';
import { fixture, lines, positionById } from './export-files.js';

describe('Binance USDⓈ-M positionRisk v2, hedge mode', () => {
  const result = importVenueExport([fixture('binance-usdm/positionRisk-v2-hedge.json')], {});

  it('reads the LONG and SHORT legs of one symbol as two positions, cross', () => {
    expect(result.issues).toEqual([]);
    expect(positionById(result.positions, 'main:BTCUSDT:long')).toMatchObject({ side: 'long', size: 0.25, entryPrice: 64000.5, markPrice: 65210.3, marginMode: 'cross', isolatedMargin: null, leverage: 20 });
    expect(positionById(result.positions, 'main:BTCUSDT:short')).toMatchObject({ side: 'short', size: 0.1, entryPrice: 66120, marginMode: 'cross' });
  });

  it('takes the isolated margin from isolatedWallet (isolatedMargin includes the PnL)', () => {
    expect(positionById(result.positions, 'main:ETHUSDT:short')).toMatchObject({ side: 'short', size: 3.5, marginMode: 'isolated', isolatedMargin: 1170.52, leverage: 10 });
    expect(positionById(result.positions, 'main:DOGEUSDT:long')).toMatchObject({ side: 'long', size: 12000, marginMode: 'isolated', isolatedMargin: 379.704, leverage: 5 });
  });

  it('skips the zero rows and says how many', () => {
    expect(result.positions).toHaveLength(4);
    expect(result.notes).toEqual(['positionRisk-v2-hedge.json: zero-size positions (positionAmt 0) skipped: 2']);
  });

  it('keeps the venue figures; liquidationPrice "0" means none', () => {
    expect(result.venueReported.get('main:BTCUSDT:long')?.liquidationPrice).toBe(41234.81234567);
    expect(result.venueReported.get('main:BTCUSDT:short')?.liquidationPrice).toBe('none');
    expect(result.venueReported.get('main:ETHUSDT:short')).toMatchObject({ unrealizedPnl: 194.25, asset: 'USDT' });
  });

  it('names every position linear, USDT-settled, on binance-usdm', () => {
    for (const p of result.positions) expect(p).toMatchObject({ instrument: 'linear', contractSize: 1, venue: 'binance-usdm', settlementAsset: 'USDT', quoteAsset: 'USDT' });
  });
});

describe('Binance USDⓈ-M v3 positionRisk with symbolConfig, account and leverageBracket', () => {
  const files = ['binance-usdm/leverageBracket.json', 'binance-usdm/positionRisk-v3-oneway.json', 'binance-usdm/account-v3.json', 'binance-usdm/symbolConfig.json'];
  const result = importVenueExport(files.map(fixture), { account: 'desk-a' });

  it('combines the files whatever their order: mode and leverage from symbolConfig', () => {
    expect(result.issues).toEqual([]);
    expect(result.formats.map((f) => f.format)).toEqual(['binance-usdm-leverage-bracket', 'binance-usdm-position-risk', 'binance-usdm-account', 'binance-usdm-symbol-config']);
    expect(positionById(result.positions, 'desk-a:BTCUSDT:long')).toMatchObject({ account: 'desk-a', size: 0.5, marginMode: 'cross', leverage: 25 });
    expect(positionById(result.positions, 'desk-a:ETHUSDT:short')).toMatchObject({ size: 2, marginMode: 'isolated', isolatedMargin: 640.1, leverage: 10 });
    expect(result.positions).toHaveLength(2);
  });

  it('takes the cross wallet (crossWalletBalance), skipping the zero USDC', () => {
    expect(result.balances.map((b) => [b.account, b.asset, b.amount])).toEqual([['desk-a', 'USDT', 15000.25]]);
    expect(result.notes).toContain('account-v3.json: zero balances skipped: 1');
  });

  it('keeps the brackets as tier tables that pass the structural checks', () => {
    const btc = result.tiers.get('BTCUSDT')!;
    expect(btc.tiers.map((t) => [t.floor, t.cap, t.maintenanceMarginRate, t.maintenanceAmount, t.maxLeverage])).toEqual([
      [0, 50000, 0.004, 0, 125],
      [50000, 600000, 0.005, 50, 100],
      [600000, 3000000, 0.0065, 950, 75],
    ]);
    expect(tierTableProblems(btc)).toEqual([]);
    expect(result.tierBook.get('binance-usdm')?.has('ETHUSDT')).toBe(true);
  });

  it('is a book the margin engine evaluates with the exported tiers alone', () => {
    const book = { account: 'desk-a', positions: result.positions, balances: result.balances };
    const { evaluation, issues } = evaluateAccount(book, { tierBook: result.tierBook, allocation: 'leverage' });
    expect(issues).toEqual([]);
    expect(evaluation).not.toBeNull();
  });

  it('keeps the account totals', () => {
    const account = result.accountReported.get('desk-a')!;
    expect(account.equity).toBe(16715.3);
    expect(account.marginRatio).toBeCloseTo(163.32161 / 16715.3, 12);
  });
});

describe('Binance USDⓈ-M broken exports', () => {
  it('reports each bad row once, at its field, and keeps the good one', () => {
    const result = importVenueExport([fixture('binance-usdm/positionRisk-broken.json')], {});
    expect(lines(result.issues)).toEqual([
      'positionRisk-broken.json:4: column [0].positionAmt: positionSide is LONG but positionAmt is negative (got "-0.100")',
      'positionRisk-broken.json:20: column [1].markPrice: mark price is missing',
      'positionRisk-broken.json:52: column [2].isolatedWallet: the position is cross but holds an isolated wallet (got "55.00000000")',
      'positionRisk-broken.json:58: column [3].entryPrice: not a number (got "abc")',
      'positionRisk-broken.json:75: column [4].positionAmt: number too large to be finite (got "1e400")',
      'positionRisk-broken.json:106: column [5].isolatedWallet: isolated position without its margin (isolatedWallet) (got "0")',
      'positionRisk-broken.json:127: column [7]: a second position main:BNBUSDT:long (the first is at line 109); one position per account, symbol and side',
    ]);
    expect(result.positions.map((p) => p.positionId)).toEqual(['main:BNBUSDT:long']);
    expect(result.issues.every((i) => i.account === 'main')).toBe(true);
  });

  it('reports invalid JSON (the doubled comma of the published example) once, at its line', () => {
    const result = importVenueExport([fixture('binance-usdm/positionRisk-invalid.json')], {});
    expect(lines(result.issues)).toEqual(['positionRisk-invalid.json:13: invalid JSON: expected a quoted member name (got ",")']);
    expect(result.positions).toEqual([]);
    expect(result.formats).toEqual([{ file: 'positionRisk-invalid.json', format: null }]);
  });

  it('contradicting margin types between positionRisk and symbolConfig are an issue', () => {
    const config = { label: 'symbolConfig.json', text: '[{"symbol": "ETHUSDT", "marginType": "CROSSED", "leverage": 10}]' };
    const result = importVenueExport([fixture('binance-usdm/positionRisk-v2-hedge.json'), config], {});
    expect(lines(result.issues)).toEqual([
      'positionRisk-v2-hedge.json:66: column [3].marginType: marginType here is isolated, but symbolConfig.json line 1 says cross (got "isolated")',
    ]);
  });

  it('a symbolConfig that lacks the symbol is named in the notes, never reported as missing', () => {
    const config = { label: 'symbolConfig.json', text: '[{"symbol": "ETHUSDT", "marginType": "CROSSED", "leverage": 10}]' };
    const result = importVenueExport([fixture('binance-usdm/positionRisk-v3-oneway.json'), config], {});
    expect(result.notes).toContain(
      'positionRisk-v3-oneway.json: no marginType (as in /fapi/v3/positionRisk) and BTCUSDT not in the /fapi/v1/symbolConfig given (symbolConfig.json): positions with a non-zero isolatedWallet taken as isolated, the others as cross',
    );
    expect(result.notes).toContain(
      'positionRisk-v3-oneway.json: leverage not in the export (as in /fapi/v3/positionRisk); BTCUSDT is not in the /fapi/v1/symbolConfig given (symbolConfig.json), so it is left unknown',
    );
    expect(result.notes.some((n) => n.includes('no /fapi/v1/symbolConfig'))).toBe(false);
    const without = importVenueExport([fixture('binance-usdm/positionRisk-v3-oneway.json')], {});
    expect(without.notes).toContain(
      'positionRisk-v3-oneway.json: leverage not in the export (as in /fapi/v3/positionRisk); pass /fapi/v1/symbolConfig with --with to include it, so it is left unknown',
    );
  });

  it('an isolated position per symbolConfig without an isolated wallet is an issue', () => {
    const config = { label: 'symbolConfig.json', text: '[{"symbol": "BTCUSDT", "marginType": "ISOLATED", "leverage": 25}]' };
    const result = importVenueExport([fixture('binance-usdm/positionRisk-v3-oneway.json'), config], {});
    expect(lines(result.issues)).toEqual([
      'positionRisk-v3-oneway.json:14: column [0].isolatedWallet: isolated position without its margin (isolatedWallet) (got "0")',
    ]);
  });

  it('brackets that break the maintenance-amount recursion are not kept', () => {
    const brackets = {
      label: 'leverageBracket.json',
      text: JSON.stringify([
        {
          symbol: 'BTCUSDT',
          brackets: [
            { bracket: 1, initialLeverage: 125, notionalCap: 50000, notionalFloor: 0, maintMarginRatio: 0.004, cum: 0 },
            { bracket: 2, initialLeverage: 100, notionalCap: 600000, notionalFloor: 50000, maintMarginRatio: 0.005, cum: 75 },
          ],
        },
      ]),
    };
    const result = importVenueExport([brackets], {});
    expect(lines(result.issues)).toEqual([
      'leverageBracket.json:1: column [0]: tier table not usable: BTCUSDT tier 2: maintenance amount 75 breaks the continuity recursion (expected 50)',
    ]);
    expect(result.tiers.size).toBe(0);
  });
});

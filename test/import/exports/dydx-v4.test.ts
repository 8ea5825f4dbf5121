// dYdX v4 indexer exports: a cross parent subaccount, an isolated child subaccount (≥ 128), the
// position list (open only, nothing read twice) and oracle prices; broken variants.

import { describe, expect, it } from 'vitest';
import { importVenueExport } from '../../../src/import/exports/index.js';
import { fixture, lines, positionById } from './export-files.js';

const ADDRESS = 'dydx1qyfs2x2jq5hmw9rc7fltk3g9m7n4a2cqz8xutv';

describe('dYdX subaccounts, position list and oracle prices together', () => {
  const names = ['dydx-v4/perpetualPositions.json', 'dydx-v4/subaccount-128.json', 'dydx-v4/perpetualMarkets.json', 'dydx-v4/subaccount-0.json'];
  const result = importVenueExport(names.map(fixture), {});

  it('reads cross positions of subaccount 0 with the oracle prices as marks', () => {
    expect(result.issues).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(positionById(result.positions, `${ADDRESS}:0:BTC-USD:long`)).toMatchObject({ size: 0.1, entryPrice: 64000, markPrice: 65210.3, marginMode: 'cross', venue: 'dydx-v4', settlementAsset: 'USDC', quoteAsset: 'USDC' });
    expect(positionById(result.positions, `${ADDRESS}:0:ETH-USD:short`)).toMatchObject({ size: 2, markPrice: 3290.1, marginMode: 'cross' });
  });

  it('puts the isolated position of child subaccount 128 in the parent account 0, margin = its collateral', () => {
    expect(positionById(result.positions, `${ADDRESS}:0:SOL-USD:long`)).toMatchObject({ account: `${ADDRESS}:0`, size: 50, marginMode: 'isolated', isolatedMargin: 700 });
  });

  it('the parent wallet is its USDC plus what its positions cost (equity without PnL)', () => {
    expect(result.balances.map((b) => [b.account, b.asset, b.amount])).toEqual([[`${ADDRESS}:0`, 'USDC', 8000]]);
  });

  it('takes from the list only the open positions of other subaccounts, counting the rest', () => {
    expect(positionById(result.positions, `${ADDRESS}:1:AVAX-USD:long`)).toMatchObject({ size: 100, markPrice: 28.5 });
    expect(result.positions).toHaveLength(4);
    expect(result.notes).toEqual([
      'perpetualPositions.json: positions already read from their subaccount file skipped: 2',
      'perpetualPositions.json: positions not open (status CLOSED) skipped: 1',
      'perpetualPositions.json: positions not open (status LIQUIDATED) skipped: 1',
    ]);
  });
});

describe('dYdX with an account option', () => {
  it('names parent 0 after it and keeps the other parents apart as option:parent', () => {
    const names = ['dydx-v4/subaccount-0.json', 'dydx-v4/subaccount-128.json', 'dydx-v4/perpetualPositions.json'];
    const result = importVenueExport(names.map(fixture), { account: 'desk' });
    expect(result.issues).toEqual([]);
    expect(result.positions.map((p) => p.positionId)).toEqual(['desk:BTC-USD:long', 'desk:ETH-USD:short', 'desk:SOL-USD:long', 'desk:1:AVAX-USD:long']);
    expect(result.balances.map((b) => b.account)).toEqual(['desk']);
  });
});

describe('dYdX without oracle prices', () => {
  it('derives marks from unrealizedPnl and says so', () => {
    const result = importVenueExport([fixture('dydx-v4/subaccount-0.json')], {});
    expect(result.issues).toEqual([]);
    expect(positionById(result.positions, `${ADDRESS}:0:BTC-USD:long`).markPrice).toBeCloseTo(64000 + 121.03 / 0.1, 9);
    expect(positionById(result.positions, `${ADDRESS}:0:ETH-USD:short`).markPrice).toBeCloseTo(3400 - 219.8 / 2, 9);
    expect(result.notes).toContain('subaccount-0.json: mark (oracle) prices derived as entryPrice + unrealizedPnl / size; pass /v4/perpetualMarkets for the oracle prices');
  });

  it('warns when the marks do not reproduce the equity given', () => {
    const markets = { label: 'markets.json', text: JSON.stringify({ markets: { 'BTC-USD': { ticker: 'BTC-USD', oraclePrice: '66000' }, 'ETH-USD': { ticker: 'ETH-USD', oraclePrice: '3290.1' } } }) };
    const result = importVenueExport([fixture('dydx-v4/subaccount-0.json'), markets], {});
    expect(result.issues).toEqual([]);
    expect(lines(result.warnings)).toEqual([
      'subaccount-0.json:13: column subaccount.equity: USDC plus positions at their marks is 8419.8, not the equity given: the marks differ from the indexer\'s oracle prices (got "8340.83")',
    ]);
  });
});

describe('dYdX broken exports', () => {
  it('an isolated list position without its subaccount, a side against the sign, no mark', () => {
    const result = importVenueExport([fixture('dydx-v4/perpetualPositions-broken.json')], {});
    expect(lines(result.issues)).toEqual([
      "perpetualPositions-broken.json:16: column positions[0].subaccountNumber: isolated position (subaccount 129) without its margin: pass that subaccount's /v4/addresses/{address}/subaccountNumber/129 response (got \"129\")",
      'perpetualPositions-broken.json:32: column positions[1].size: side is LONG but size is negative (got "-2")',
      'perpetualPositions-broken.json:55: column positions[2].unrealizedPnl: mark price is missing: no oracle price for BTC-USD (pass /v4/perpetualMarkets) and no unrealizedPnl to derive it from',
    ]);
    expect(result.positions).toEqual([]);
  });
});

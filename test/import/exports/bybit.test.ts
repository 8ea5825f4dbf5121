// Bybit v5 exports: a linear hedge-mode book and an inverse book in an isolated-margin account,
// with the wallet (isolated margin taken out) and risk-limit tiers; broken variants.

import { describe, expect, it } from 'vitest';
import { importVenueExport } from '../../../src/import/exports/index.js';
import { tierTableProblems } from '../../../src/venues/validate-tier-table.js';
import { fixture, lines, positionById } from './export-files.js';

describe('Bybit linear and inverse positions of an isolated-margin account', () => {
  const names = ['bybit/wallet-balance.json', 'bybit/position-list-linear.json', 'bybit/risk-limit-linear.json', 'bybit/position-list-inverse.json', 'bybit/account-info-isolated.json'];
  const result = importVenueExport(names.map(fixture), {});

  it('reads hedge-mode Buy and Sell legs (positionIdx 1 and 2) and a one-way position', () => {
    expect(result.issues).toEqual([]);
    expect(positionById(result.positions, 'main:BTCUSDT:long')).toMatchObject({ size: 0.5, entryPrice: 64100.2, markPrice: 65210.3, leverage: 10, instrument: 'linear', venue: 'bybit-linear', settlementAsset: 'USDT' });
    expect(positionById(result.positions, 'main:BTCUSDT:short')).toMatchObject({ size: 0.2, entryPrice: 66000 });
    expect(positionById(result.positions, 'main:ETHUSDT:long')).toMatchObject({ size: 4, leverage: 5 });
  });

  it('takes every position as isolated (account marginMode ISOLATED_MARGIN), margin = positionBalance', () => {
    expect(result.positions.map((p) => [p.positionId, p.marginMode, p.isolatedMargin])).toEqual([
      ['main:BTCUSDT:long', 'isolated', 3205.01],
      ['main:BTCUSDT:short', 'isolated', 1320],
      ['main:ETHUSDT:long', 'isolated', 2680.4],
      ['main:BTCUSD:short', 'isolated', 0.0454542],
      ['main:ETHUSD:long', 'isolated', 0.08823529],
    ]);
  });

  it('reads inverse sizes as 1 USD contracts settled in the coin', () => {
    expect(positionById(result.positions, 'main:BTCUSD:short')).toMatchObject({ size: 15000, contractSize: 1, instrument: 'inverse', venue: 'bybit-inverse', settlementAsset: 'BTC', quoteAsset: 'USD' });
    expect(positionById(result.positions, 'main:ETHUSD:long')).toMatchObject({ size: 3000, settlementAsset: 'ETH' });
  });

  it('takes the margin posted to isolated positions out of each wallet, and says so', () => {
    expect(result.balances.map((b) => [b.asset, b.amount])).toEqual([
      ['USDT', 26589.16 - (3205.01 + 1320 + 2680.4)],
      ['BTC', 0.35 - 0.0454542],
    ]);
    expect(result.notes).toContain('wallet-balance.json: USDT wallet 26589.16 less 7205.41 posted to isolated positions = 19383.75 cross collateral');
  });

  it('counts the zero-size row and the zero wallet', () => {
    expect(result.notes).toContain('position-list-linear.json: zero-size positions (size 0) skipped: 1');
    expect(result.notes).toContain('wallet-balance.json: zero balances skipped: 1');
  });

  it('keeps the risk-limit tiers (deduction 0 on the first tier, given after) under bybit-linear', () => {
    const btc = result.tierBook.get('bybit-linear')?.get('BTCUSDT');
    expect(btc?.tiers.map((t) => [t.floor, t.cap, t.maintenanceMarginRate, t.maintenanceAmount, t.maxLeverage])).toEqual([
      [0, 2000000, 0.005, 0, 100],
      [2000000, 2600000, 0.0056, 1200, 90],
      [2600000, 3200000, 0.0063, 3020, 80],
    ]);
    expect(tierTableProblems(btc!)).toEqual([]);
    expect(result.venue).toBe('bybit-linear');
    expect(result.tiers.has('ETHUSDT')).toBe(true);
  });

  it('warns where Bybit reports no liquidation price, and keeps the ones it reports', () => {
    expect(lines(result.warnings)).toEqual([
      'position-list-linear.json:22: column result.list[0].liqPrice: Bybit reports no liquidation price (empty: none within the price limits); recorded as none (got "")',
      'position-list-linear.json:59: column result.list[1].liqPrice: Bybit reports no liquidation price (empty: none within the price limits); recorded as none (got "")',
    ]);
    expect(result.venueReported.get('main:ETHUSDT:long')).toMatchObject({ liquidationPrice: 2701.55, maintenanceMargin: 66.01, unrealizedPnl: -241.6 });
    expect(result.accountReported.get('main')).toMatchObject({ equity: 27060.55, maintenanceMargin: 293.73, marginRatio: 0.0108, asset: 'USD' });
  });
});

describe('Bybit broken exports', () => {
  it('reports each bad row at its field and keeps the good one', () => {
    const result = importVenueExport([fixture('bybit/position-list-broken.json')], {});
    expect(lines(result.issues)).toEqual([
      'position-list-broken.json:7: column result.list[0].positionIdx: positionIdx 1 is the hedge-mode Buy side, but side is Sell (got "1")',
      'position-list-broken.json:43: column result.list[1].markPrice: mark price is missing',
      'position-list-broken.json:85: column result.list[2].size: not a number (got "abc")',
    ]);
    expect(result.positions.map((p) => p.positionId)).toEqual(['main:XRPUSDT:long']);
  });

  it('a saved error response is one issue, not an empty book', () => {
    const result = importVenueExport([fixture('bybit/position-list-error.json')], { format: 'bybit-position-list' });
    expect(lines(result.issues)).toEqual(['position-list-error.json:2: column retCode: the saved response is a Bybit error: API key is invalid. (got "10003")']);
  });

  it('tradeMode 1 (isolated) in a cross account is a contradiction', () => {
    const info = { label: 'info.json', text: JSON.stringify({ retCode: 0, retMsg: 'OK', result: { marginMode: 'REGULAR_MARGIN' } }) };
    const list = {
      label: 'list.json',
      text: JSON.stringify({
        retCode: 0,
        result: { category: 'linear', list: [{ positionIdx: 0, symbol: 'BTCUSDT', side: 'Buy', size: '0.1', avgPrice: '64000', markPrice: '65000', tradeMode: 1, positionBalance: '640' }] },
      }),
    };
    const result = importVenueExport([list, info], {});
    expect(lines(result.issues)).toEqual(['list.json:1: column result.list[0].tradeMode: tradeMode 1 (isolated) but info.json line 1 says REGULAR_MARGIN (got "1")']);
  });

  it('a CSV whose positionValue contradicts the kind read from the symbol is an issue', () => {
    const csv = {
      label: 'positions.csv',
      // BTCUSD reads as inverse, but 0.5 * 64000 = 32000 is a linear position value.
      text: 'positionIdx,symbol,side,size,avgPrice,markPrice,positionValue,leverage,tradeMode\n0,BTCUSD,Buy,0.5,64000,65000,32000,10,0\n',
    };
    const result = importVenueExport([csv], {});
    expect(lines(result.issues)).toEqual(['positions.csv:2: column positionValue: BTCUSD reads as inverse, but positionValue fits a linear contract (got "32000")']);
  });

  it('risk-limit rates that are neither fractions nor percents are an issue', () => {
    const limits = {
      label: 'risk-limit.json',
      text: JSON.stringify({
        retCode: 0,
        result: { category: 'linear', list: [{ id: 1, symbol: 'BTCUSDT', riskLimitValue: '2000000', maintenanceMargin: '0.005', initialMargin: '0.1', maxLeverage: '100' }] },
      }),
    };
    const result = importVenueExport([limits], {});
    expect(lines(result.issues)).toEqual([
      'risk-limit.json:1: column result.list[0].initialMargin: cannot tell fractions from percents: initialMargin × maxLeverage is 10, neither 1 nor 100 (got "0.1")',
    ]);
  });
});

// Every export format is recognised by its JSON shape or CSV header, enveloped or bare; a
// canonical positions.csv and anything else unrecognisable is null.

import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../../src/import/exports/export-formats.js';
import { detectExportFormat, EXPORT_FORMAT_NAMES, type ExportFormatName } from '../../../src/import/exports/index.js';
import { fixture } from './export-files.js';

function text(label: string, body: string) {
  return { label, text: body };
}

describe('detectExportFormat', () => {
  const cases: [string, ReturnType<typeof fixture>, ExportFormatName][] = [
    ['Binance v2 positionRisk', fixture('binance-usdm/positionRisk-v2-hedge.json'), 'binance-usdm-position-risk'],
    ['Binance v3 positionRisk', fixture('binance-usdm/positionRisk-v3-oneway.json'), 'binance-usdm-position-risk'],
    ['Binance positionRisk CSV', text('p.csv', 'symbol,positionAmt,entryPrice,markPrice\nBTCUSDT,0.1,60000,61000\n'), 'binance-usdm-position-risk'],
    ['Binance account (with an empty positions array)', fixture('binance-usdm/account-v3.json'), 'binance-usdm-account'],
    ['Binance leverageBracket', fixture('binance-usdm/leverageBracket.json'), 'binance-usdm-leverage-bracket'],
    ['Binance leverageBracket for one symbol', text('b.json', '{"symbol": "BTCUSDT", "brackets": []}'), 'binance-usdm-leverage-bracket'],
    ['Binance symbolConfig', fixture('binance-usdm/symbolConfig.json'), 'binance-usdm-symbol-config'],
    ['Bybit position list', fixture('bybit/position-list-linear.json'), 'bybit-position-list'],
    ['Bybit empty position list', text('l.json', '{"retCode": 0, "result": {"list": [], "nextPageCursor": "", "category": "linear"}}'), 'bybit-position-list'],
    ['Bybit position list without its envelope', text('l.json', '[{"positionIdx": 0, "symbol": "BTCUSDT", "side": "Buy", "size": "1", "avgPrice": "1"}]'), 'bybit-position-list'],
    ['Bybit position list CSV', text('l.csv', 'positionIdx,symbol,side,size,avgPrice,markPrice\n0,BTCUSDT,Buy,1,60000,61000\n'), 'bybit-position-list'],
    ['Bybit account info', fixture('bybit/account-info-isolated.json'), 'bybit-account-info'],
    ['Bybit wallet balance', fixture('bybit/wallet-balance.json'), 'bybit-wallet-balance'],
    ['Bybit risk limit', fixture('bybit/risk-limit-linear.json'), 'bybit-risk-limit'],
    ['OKX positions', fixture('okx/positions.json'), 'okx-positions'],
    ['OKX positions without the envelope', text('o.json', '[{"instId": "BTC-USDT-SWAP", "pos": "1", "mgnMode": "cross"}]'), 'okx-positions'],
    ['OKX positions CSV', text('o.csv', 'instId,instType,mgnMode,posSide,pos,avgPx,markPx\nBTC-USDT-SWAP,SWAP,cross,net,1,60000,61000\n'), 'okx-positions'],
    ['OKX instruments', fixture('okx/instruments.json'), 'okx-instruments'],
    ['Hyperliquid clearinghouseState', fixture('hyperliquid/clearinghouseState-broken.json'), 'hyperliquid-clearinghouse-state'],
    ['dYdX subaccount', fixture('dydx-v4/subaccount-0.json'), 'dydx-subaccount'],
    ['dYdX address with its subaccounts', text('a.json', '{"subaccounts": []}'), 'dydx-subaccount'],
    ['dYdX position list', fixture('dydx-v4/perpetualPositions.json'), 'dydx-perpetual-positions'],
    ['dYdX empty position list', text('p.json', '{"positions": []}'), 'dydx-perpetual-positions'],
    ['dYdX position list CSV', text('p.csv', 'market,side,size,entryPrice,status,subaccountNumber\nETH-USD,LONG,1,3000,OPEN,0\n'), 'dydx-perpetual-positions'],
    ['dYdX perpetual markets', fixture('dydx-v4/perpetualMarkets.json'), 'dydx-perpetual-markets'],
    ['Deribit positions', fixture('deribit/positions.json'), 'deribit-positions'],
    ['Deribit positions without the envelope', text('d.json', '[{"instrument_name": "BTC-PERPETUAL", "direction": "buy", "size": 10}]'), 'deribit-positions'],
    ['Deribit positions CSV', text('d.csv', 'instrument_name,direction,size,average_price,mark_price\nBTC-PERPETUAL,buy,10,60000,61000\n'), 'deribit-positions'],
    ['CCXT positions', fixture('ccxt/binanceusdm-positions.json'), 'ccxt-positions'],
    ['CCXT positions CSV', fixture('ccxt/bybit-positions.csv'), 'ccxt-positions'],
  ];

  for (const [name, file, format] of cases) {
    it(`${name} → ${format}`, () => expect(detectExportFormat(file)).toBe(format));
  }

  it('covers every format', () => {
    expect(new Set(cases.map(([, , format]) => format))).toEqual(new Set(EXPORT_FORMAT_NAMES));
    // The names the command line lists without loading the importers are the formats', in detection order.
    expect(EXPORT_FORMAT_NAMES).toEqual(EXPORT_FORMATS.map((f) => f.name));
  });

  it('is null for a canonical positions.csv, in any header spelling', () => {
    expect(detectExportFormat(text('positions.csv', 'symbol,side,size,entry_price,mark_price,account,margin_mode,isolated_margin\nBTCUSDT,long,1,60000,61000,main,cross,\n'))).toBeNull();
    expect(detectExportFormat(text('positions.csv', 'Symbol;Side;Size;EntryPrice;MarkPrice\nBTCUSDT;long;1;60000;61000\n'))).toBeNull();
  });

  it('is null for what no format describes', () => {
    expect(detectExportFormat(text('a.json', '[]'))).toBeNull();
    expect(detectExportFormat(text('a.json', '{}'))).toBeNull();
    expect(detectExportFormat(text('a.json', '[[{"symbol": "BTCUSDT", "positionAmt": "1", "entryPrice": "1"}]]'))).toBeNull();
    expect(detectExportFormat(text('a.json', '{"retCode": 10003, "retMsg": "API key is invalid.", "result": {}}'))).toBeNull();
    expect(detectExportFormat(text('a.json', '{"symbol": "BTCUSDT",'))).toBeNull();
    expect(detectExportFormat(text('a.csv', ''))).toBeNull();
  });
});

// Each venue's documentation sample (../shared/data/exports, beside the repository) imports into
// the positions, balances and tiers it describes, checked field by field, with the venue's own
// figures kept; the samples' known quirks come back as issues, warnings or notes.

import { describe, expect, it } from 'vitest';
import { detectExportFormat, importVenueExport } from '../../../src/import/exports/index.js';
import { lines, positionById, sample, SAMPLES_PRESENT, SAMPLES_SKIP_NOTE } from './export-files.js';

describe.skipIf(!SAMPLES_PRESENT)(`documentation samples${SAMPLES_SKIP_NOTE}`, () => {
  it('Binance /fapi/v2/positionRisk (JSON and its CSV flattening): one long, the zero SHORT row skipped and counted', () => {
    for (const name of ['binance_usdm_fapi_v2_positionRisk.json', 'binance_usdm_fapi_v2_positionRisk.csv']) {
      const result = importVenueExport([sample(name)], {});
      expect(result.issues).toEqual([]);
      expect(result.venue).toBe('binance-usdm');
      expect(result.positions).toHaveLength(1);
      expect(result.positions[0]).toMatchObject({
        positionId: 'main:BTCUSDT:long',
        account: 'main',
        symbol: 'BTCUSDT',
        side: 'long',
        size: 0.001,
        entryPrice: 22185.2,
        markPrice: 21123.05052574,
        marginMode: 'cross',
        isolatedMargin: null,
        leverage: 4,
        instrument: 'linear',
        contractSize: 1,
        venue: 'binance-usdm',
        settlementAsset: 'USDT',
        quoteAsset: 'USDT',
        baseAsset: 'BTC',
      });
      expect(result.notes).toContain(`${name}: zero-size positions (positionAmt 0) skipped: 1`);
      expect(result.venueReported.get('main:BTCUSDT:long')).toMatchObject({ liquidationPrice: 19731.45529116, unrealizedPnl: -1.06214947, asset: 'USDT' });
    }
  });

  it('Binance /fapi/v3/positionRisk hedge mode: LONG and SHORT rows, cross by zero isolatedWallet, leverage unknown', () => {
    for (const name of ['binance_usdm_fapi_v3_positionRisk.json', 'binance_usdm_fapi_v3_positionRisk.csv']) {
      const result = importVenueExport([sample(name)], {});
      expect(result.issues).toEqual([]);
      expect(positionById(result.positions, 'main:ADAUSDT:long')).toMatchObject({
        symbol: 'ADAUSDT',
        side: 'long',
        size: 30,
        entryPrice: 0.385,
        markPrice: 0.4104759,
        marginMode: 'cross',
        isolatedMargin: null,
        leverage: null,
        venue: 'binance-usdm',
        settlementAsset: 'USDT',
      });
      expect(positionById(result.positions, 'main:COMPUSDT:short')).toMatchObject({
        symbol: 'COMPUSDT',
        side: 'short',
        size: 1,
        entryPrice: 70.92841,
        markPrice: 49.72023376,
        marginMode: 'cross',
        leverage: null,
      });
      expect(result.venueReported.get('main:ADAUSDT:long')).toMatchObject({ liquidationPrice: 'none', maintenanceMargin: 0.0800428, unrealizedPnl: 0.764277 });
      expect(result.venueReported.get('main:COMPUSDT:short')).toMatchObject({ liquidationPrice: 2260.5675721, maintenanceMargin: 0.49720233 });
      expect(result.notes.some((n) => n.includes('no marginType') && n.includes('isolatedWallet'))).toBe(true);
      expect(result.notes.some((n) => n.includes('leverage not in the export'))).toBe(true);
    }
  });

  it('Binance /fapi/v3/positionRisk one-way: positionSide BOTH, side from the sign', () => {
    const result = importVenueExport([sample('binance_usdm_fapi_v3_positionRisk_oneway.json')], {});
    expect(result.issues).toEqual([]);
    expect(result.positions.map((p) => [p.positionId, p.side, p.size])).toEqual([['main:ADAUSDT:long', 'long', 30]]);
  });

  it('Binance /fapi/v3/account: the cross wallet of each asset', () => {
    const result = importVenueExport([sample('binance_usdm_fapi_v3_account.json')], { account: 'sub-1' });
    expect(result.issues).toEqual([]);
    expect(result.balances.map((b) => [b.account, b.asset, b.amount])).toEqual([
      ['sub-1', 'USDT', 23.72469206],
      ['sub-1', 'USDC', 103.12345678],
    ]);
    expect(result.accountReported.get('sub-1')).toMatchObject({ equity: 103.12345678, maintenanceMargin: 0, marginRatio: 0, asset: null });
  });

  it('Binance /fapi/v1/leverageBracket: a tier table under the profile key', () => {
    const result = importVenueExport([sample('binance_usdm_fapi_v1_leverageBracket.json')], {});
    expect(result.issues).toEqual([]);
    expect(result.venue).toBe('binance-usdm');
    expect(result.tiers.get('ETHUSDT')).toMatchObject({
      measure: 'notional',
      tiers: [{ floor: 0, cap: 10000, maintenanceMarginRate: 0.0065, maintenanceAmount: 0, maxLeverage: 75 }],
    });
  });

  it('Binance symbolConfig beside v2 positionRisk: the contradicting leverage (21 vs 4) is an issue', () => {
    const result = importVenueExport([sample('binance_usdm_fapi_v2_positionRisk.json'), sample('binance_usdm_fapi_v1_symbolConfig.json')], {});
    expect(lines(result.issues)).toEqual([
      'binance_usdm_fapi_v2_positionRisk.json:10: column [0].leverage: leverage here is 4, but binance_usdm_fapi_v1_symbolConfig.json line 2 says 21 (got "4")',
    ]);
    expect(result.positions).toEqual([]);
  });

  it('Bybit /v5/position/list with /v5/account/info: inverse BTCUSD short, cross, liqPrice "" kept as none with a warning', () => {
    const result = importVenueExport([sample('bybit_v5_position_list.json'), sample('bybit_v5_account_info.json')], {});
    expect(result.issues).toEqual([]);
    expect(result.venue).toBe('bybit-inverse');
    expect(result.positions).toHaveLength(1);
    expect(result.positions[0]).toMatchObject({
      positionId: 'main:BTCUSD:short',
      symbol: 'BTCUSD',
      side: 'short',
      size: 300,
      entryPrice: 27464.50441675,
      markPrice: 28224.5,
      marginMode: 'cross',
      isolatedMargin: null,
      leverage: 10,
      instrument: 'inverse',
      contractSize: 1,
      venue: 'bybit-inverse',
      settlementAsset: 'BTC',
      quoteAsset: 'USD',
    });
    expect(lines(result.warnings)).toEqual([
      'bybit_v5_position_list.json:22: column result.list[0].liqPrice: Bybit reports no liquidation price (empty: none within the price limits); recorded as none (got "")',
    ]);
    expect(result.venueReported.get('main:BTCUSD:short')).toMatchObject({ liquidationPrice: 'none', maintenanceMargin: 0.0000015, unrealizedPnl: -0.00029413, asset: 'BTC' });
  });

  it('Bybit position CSV without account info: category from the symbol, mode from tradeMode with a warning', () => {
    const result = importVenueExport([sample('bybit_v5_position_list.csv')], {});
    expect(result.issues).toEqual([]);
    expect(result.positions[0]).toMatchObject({ symbol: 'BTCUSD', side: 'short', size: 300, instrument: 'inverse', marginMode: 'cross', venue: 'bybit-inverse' });
    expect(lines(result.warnings)[0]).toBe(
      "bybit_v5_position_list.csv:2: column tradeMode: margin mode taken as cross from tradeMode 0, which unified accounts always report; pass /v5/account/info for the account's marginMode (got \"0\")",
    );
  });

  it('Bybit /v5/market/risk-limit (inverse, percents): a bybit-inverse tier table in fractions', () => {
    const result = importVenueExport([sample('bybit_v5_market_risk_limit.json')], {});
    expect(result.issues).toEqual([]);
    expect(result.venue).toBe('bybit-inverse');
    expect(result.tierBook.get('bybit-inverse')?.get('BTCUSD')).toMatchObject({
      measure: 'notional',
      snapshotDate: '2022-12-26',
      tiers: [{ floor: 0, cap: 150, maintenanceMarginRate: 0.005, maintenanceAmount: 0, maxLeverage: 100, initialMarginRate: 0.01 }],
    });
  });

  it('Bybit /v5/account/wallet-balance: a zero BTC wallet is skipped and counted; the account figures are kept', () => {
    const result = importVenueExport([sample('bybit_v5_account_wallet_balance.json')], {});
    expect(result.issues).toEqual([]);
    expect(result.balances).toEqual([]);
    expect(result.notes).toContain('bybit_v5_account_wallet_balance.json: zero balances skipped: 1');
    expect(result.accountReported.get('main')).toMatchObject({ equity: 3.00326056, maintenanceMargin: 0, marginRatio: 0, asset: 'USD' });
  });

  it('OKX /api/v5/account/positions: both contracts from the built-in contract values (inverse ETH: 10 USD), field by field', () => {
    const json = importVenueExport([sample('okx_v5_account_positions.json')], {});
    expect(json.issues).toEqual([]);
    const csv = importVenueExport([sample('okx_v5_account_positions.csv')], {});
    expect(csv.issues).toEqual([]);
    for (const result of [json, csv]) {
      expect(positionById(result.positions, 'main:ETH-USD-210430:long')).toMatchObject({
        symbol: 'ETH-USD-210430', side: 'long', size: 1, contractSize: 10, instrument: 'inverse', entryPrice: 2566.31, markPrice: 2353.849,
        marginMode: 'isolated', isolatedMargin: 0.0003896645377994, leverage: 10, venue: 'okx-swap', settlementAsset: 'ETH',
      });
      expect(result.positions.filter((p) => p.positionId !== 'main:ETH-USD-210430:long')).toHaveLength(1);
      expect(positionById(result.positions, 'main:ETH-USD-SWAP:long')).toMatchObject({
        positionId: 'main:ETH-USD-SWAP:long',
        symbol: 'ETH-USD-SWAP',
        side: 'long',
        size: 1,
        contractSize: 10,
        instrument: 'inverse',
        entryPrice: 2566.31,
        markPrice: 2353.849,
        marginMode: 'isolated',
        isolatedMargin: 0.0003896645377994,
        leverage: 10,
        venue: 'okx-swap',
        settlementAsset: 'ETH',
      });
      const reported = result.venueReported.get('main:ETH-USD-SWAP:long');
      expect(reported).toMatchObject({ liquidationPrice: 2352.8496681818233, maintenanceMargin: 0.0000311811092368, asset: 'ETH' });
      expect(reported?.marginRatio).toBeCloseTo(1 / 11.731726509588816, 15);
    }
  });

  it('OKX positions with an instruments file: the dated future imports too, with a warning', () => {
    const instruments = {
      label: 'instruments.json',
      text: JSON.stringify({ code: '0', msg: '', data: [{ instId: 'ETH-USD-210430', instType: 'FUTURES', ctVal: '10', ctMult: '1', ctType: 'inverse' }] }),
    };
    const result = importVenueExport([sample('okx_v5_account_positions.json'), instruments], {});
    expect(result.issues).toEqual([]);
    expect(positionById(result.positions, 'main:ETH-USD-210430:long')).toMatchObject({ size: 1, contractSize: 10, instrument: 'inverse', settlementAsset: 'ETH' });
    expect(lines(result.warnings)).toEqual([
      'okx_v5_account_positions.json:4: column data[0]: ETH-USD-210430 is a dated future: evaluated under the okx-swap profile with the swap\'s tiers',
    ]);
  });

  it('Hyperliquid clearinghouseState: the isolated ETH long, mark from positionValue, margin without PnL, the cross wallet', () => {
    const result = importVenueExport([sample('hyperliquid_info_clearinghouseState.json')], {});
    expect(result.issues).toEqual([]);
    expect(result.positions).toHaveLength(1);
    const eth = result.positions[0]!;
    expect(eth).toMatchObject({
      positionId: 'main:ETH:long',
      symbol: 'ETH',
      side: 'long',
      size: 0.0335,
      entryPrice: 2986.3,
      marginMode: 'isolated',
      leverage: 20,
      instrument: 'linear',
      venue: 'hyperliquid',
      settlementAsset: 'USDC',
    });
    expect(eth.markPrice).toBeCloseTo(100.02765 / 0.0335, 9);
    // marginUsed 4.967826 includes the unrealised PnL -0.0134; rawUsd + szi * entryPx agrees.
    expect(eth.isolatedMargin).toBeCloseTo(4.981226, 9);
    expect(result.balances.map((b) => [b.account, b.asset, b.amount])).toEqual([['main', 'USDC', 13104.514502]]);
    expect(result.venueReported.get('main:ETH:long')).toMatchObject({ liquidationPrice: 2866.26936529, unrealizedPnl: -0.0134 });
  });

  it('dYdX subaccount: account address:number, USDC collateral without PnL, mark derived from unrealizedPnl', () => {
    const result = importVenueExport([sample('dydx_v4_indexer_subaccount.json')], {});
    expect(result.issues).toEqual([]);
    expect(result.warnings).toEqual([]);
    const account = 'dydx1kzsvkf2ghjqlysuffdkhcdctknl4rsvcx5hkm5:0';
    expect(result.positions).toHaveLength(1);
    const eth = result.positions[0]!;
    expect(eth).toMatchObject({ positionId: `${account}:ETH-USD:long`, account, symbol: 'ETH-USD', side: 'long', size: 0.003, marginMode: 'cross', isolatedMargin: null, leverage: null, venue: 'dydx-v4', settlementAsset: 'USDC' });
    expect(eth.entryPrice).toBeCloseTo(3177.766666666667, 9);
    expect(eth.markPrice).toBeCloseTo(3177.7666666666667 - 0.788412446 / 0.003, 9);
    expect(result.balances).toHaveLength(1);
    expect(result.balances[0]!.account).toBe(account);
    // USDC 90.461932 + 0.003 * entry: the equity 99.206819554 less the unrealised PnL.
    expect(result.balances[0]!.amount).toBeCloseTo(99.206819554 + 0.788412446, 9);
    expect(result.accountReported.get(account)).toMatchObject({ equity: 99.206819554, asset: 'USDC' });
  });

  it('dYdX /v4/perpetualPositions (JSON and CSV): the open position, account main without an address', () => {
    for (const name of ['dydx_v4_indexer_perpetualPositions.json', 'dydx_v4_indexer_perpetualPositions.csv']) {
      const result = importVenueExport([sample(name)], {});
      expect(result.issues).toEqual([]);
      expect(result.positions).toHaveLength(1);
      expect(result.positions[0]).toMatchObject({ positionId: 'main:ETH-USD:long', size: 0.003, marginMode: 'cross', venue: 'dydx-v4' });
      expect(result.positions[0]!.markPrice).toBeCloseTo(3177.7666666666667 - 0.855560495 / 0.003, 9);
    }
  });

  it('dYdX subaccount and position list together: the list position of subaccount 0 is not read twice', () => {
    const result = importVenueExport([sample('dydx_v4_indexer_perpetualPositions.json'), sample('dydx_v4_indexer_subaccount.json')], {});
    expect(result.issues).toEqual([]);
    expect(result.positions.map((p) => p.positionId)).toEqual(['dydx1kzsvkf2ghjqlysuffdkhcdctknl4rsvcx5hkm5:0:ETH-USD:long']);
    expect(result.notes).toContain('dydx_v4_indexer_perpetualPositions.json: positions already read from their subaccount file skipped: 1');
  });

  it('Deribit private/get_positions: BTC-PERPETUAL, 50 USD as 5 contracts of 10 USD', () => {
    const result = importVenueExport([sample('deribit_private_get_positions.json')], {});
    expect(result.issues).toEqual([]);
    expect(result.positions).toHaveLength(1);
    expect(result.positions[0]).toMatchObject({
      positionId: 'main:BTC-PERPETUAL:long',
      symbol: 'BTC-PERPETUAL',
      side: 'long',
      size: 5,
      contractSize: 10,
      instrument: 'inverse',
      entryPrice: 7440.18,
      markPrice: 7476.65,
      marginMode: 'cross',
      isolatedMargin: null,
      leverage: 34,
      venue: 'deribit',
      settlementAsset: 'BTC',
      quoteAsset: 'USD',
    });
    expect(result.venueReported.get('main:BTC-PERPETUAL:long')).toMatchObject({ liquidationPrice: 1.74, maintenanceMargin: 0.000143783, unrealizedPnl: 0 });
  });

  it('CCXT fetchPositions (the Manual example): BTC/USD names no settlement, so the exchange must; isolated: true yields to marginMode cross', () => {
    const result = importVenueExport([sample('ccxt_fetchPositions.json')], {});
    expect(result.positions).toEqual([]);
    expect(lines(result.issues)).toEqual([
      'ccxt_fetchPositions.json:5: column [0].symbol: cannot tell a linear from an inverse contract: the symbol names no settlement currency (BASE/QUOTE:SETTLE), no linear/inverse flag is given and no exchange named; pass the CCXT exchange id with --exchange (binancecoinm, binanceusdm, bybit, okx, deribit, …) or write the symbol as BASE/QUOTE:SETTLE (got "BTC/USD")',
    ]);
    expect(lines(result.warnings)).toEqual([
      'ccxt_fetchPositions.json:24: column [0].marginMode: marginMode is cross but the legacy isolated flag is true: taken as cross (marginMode is CCXT\'s current field) (got "cross")',
    ]);
    // With the exchange named (binancecoinm: BTC/USD settles in BTC), the position is the export's, field by field.
    const coinm = importVenueExport([sample('ccxt_fetchPositions.json')], { exchange: 'binancecoinm' });
    expect(coinm.issues).toEqual([]);
    expect(coinm.positions[0]).toMatchObject({
      positionId: 'main:BTC/USD:long', symbol: 'BTC/USD', side: 'long', size: 5, contractSize: 100, entryPrice: 20000, markPrice: 20050,
      marginMode: 'cross', leverage: 100, instrument: 'inverse', venue: 'binance-coinm', settlementAsset: 'BTC',
    });
    expect(coinm.venueReported.get('main:BTC/USD:long')).toMatchObject({ liquidationPrice: 19850, maintenanceMargin: 1000, unrealizedPnl: 300 });
  });

  it('every sample is detected as its format', () => {
    const expected: Record<string, string> = {
      'binance_usdm_fapi_v1_leverageBracket.json': 'binance-usdm-leverage-bracket',
      'binance_usdm_fapi_v1_symbolConfig.json': 'binance-usdm-symbol-config',
      'binance_usdm_fapi_v2_positionRisk.csv': 'binance-usdm-position-risk',
      'binance_usdm_fapi_v2_positionRisk.json': 'binance-usdm-position-risk',
      'binance_usdm_fapi_v3_account.json': 'binance-usdm-account',
      'binance_usdm_fapi_v3_positionRisk.csv': 'binance-usdm-position-risk',
      'binance_usdm_fapi_v3_positionRisk.json': 'binance-usdm-position-risk',
      'binance_usdm_fapi_v3_positionRisk_oneway.json': 'binance-usdm-position-risk',
      'bybit_v5_account_info.json': 'bybit-account-info',
      'bybit_v5_account_wallet_balance.json': 'bybit-wallet-balance',
      'bybit_v5_market_risk_limit.json': 'bybit-risk-limit',
      'bybit_v5_position_list.csv': 'bybit-position-list',
      'bybit_v5_position_list.json': 'bybit-position-list',
      'ccxt_fetchPositions.json': 'ccxt-positions',
      'deribit_private_get_positions.json': 'deribit-positions',
      'dydx_v4_indexer_perpetualPositions.csv': 'dydx-perpetual-positions',
      'dydx_v4_indexer_perpetualPositions.json': 'dydx-perpetual-positions',
      'dydx_v4_indexer_subaccount.json': 'dydx-subaccount',
      'hyperliquid_info_clearinghouseState.json': 'hyperliquid-clearinghouse-state',
      'okx_v5_account_positions.csv': 'okx-positions',
      'okx_v5_account_positions.json': 'okx-positions',
    };
    for (const [name, format] of Object.entries(expected)) expect([name, detectExportFormat(sample(name))]).toEqual([name, format]);
  });
});

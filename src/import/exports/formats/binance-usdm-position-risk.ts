// Binance USDⓈ-M positions: `GET /fapi/v2/positionRisk` and `GET /fapi/v3/positionRisk`, JSON or
// a CSV flattened from it, one-way (`positionSide` BOTH, signed `positionAmt`) or hedge mode
// (LONG / SHORT rows), → venue `binance-usdm`.
// https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Position-Information-V2
// https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api/Position-Information-V3
//
// Units: strings; `positionAmt` in base units, negative = short; prices in the quote (USDT/USDC).
// Binance returns every symbol, most with `positionAmt` "0": those rows are skipped and counted.
// Margin mode: v2 `marginType` (`cross`/`isolated`); v3 dropped it, so it comes from
// /fapi/v1/symbolConfig when given, else from the position itself: isolated exactly when
// `isolatedWallet` (or `isolatedMargin`) is non-zero, as only isolated positions hold a wallet.
// Isolated margin = `isolatedWallet` (margin posted, without PnL; `isolatedMargin` is
// `isolatedWallet + unRealizedProfit`). Leverage: v2 `leverage`, else symbolConfig, else unknown.
// Kept as the venue's own figures: `liquidationPrice` ("0" = none), v3 `maintMargin`,
// `unRealizedProfit`.

import type { MarginMode, Side } from '../../../domain/position.js';
import { symbolAssets } from '../../../domain/symbol-assets.js';
import { listRecords } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue, type ExportRecord } from '../export-record.js';
import { readChoice, readNumber, readText, shownIfAny, type FieldContext } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { firstObject, hasKeys, headerHas } from '../json-shape.js';
import { BINANCE_MARGIN_TYPES } from './binance-usdm-symbol-config.js';

const POSITION_SIDES: Readonly<Record<string, 'BOTH' | 'LONG' | 'SHORT'>> = { BOTH: 'BOTH', LONG: 'LONG', SHORT: 'SHORT' };

/** Relative tolerance when checking `isolatedMargin = isolatedWallet + unRealizedProfit`. */
const ISOLATED_MARGIN_TOLERANCE = 1e-6;

function sideOf(record: ExportRecord, ctx: FieldContext, amount: number): Side | null {
  const positionSide = readChoice(record, 'positionSide', ctx, POSITION_SIDES) ?? 'BOTH';
  if (positionSide === 'BOTH') return amount > 0 ? 'long' : 'short';
  const side: Side = positionSide === 'LONG' ? 'long' : 'short';
  if ((side === 'long') !== amount > 0) {
    ctx.addIssue(
      fieldIssue(record, 'positionAmt', 'inconsistent', `positionSide is ${positionSide} but positionAmt is ${amount > 0 ? 'positive' : 'negative'}`, record.shown('positionAmt'), ctx.account),
    );
    return null;
  }
  return side;
}

interface MarginSettings {
  readonly mode: MarginMode;
  readonly isolatedMargin: number | null;
  readonly leverage: number | null;
}

function marginSettings(record: ExportRecord, sink: ImportSink, ctx: FieldContext, symbol: string): MarginSettings | null {
  const before = sink.issueCount;
  const typeField = readChoice(record, 'marginType', ctx, BINANCE_MARGIN_TYPES);
  const wallet = readNumber(record, 'isolatedWallet', ctx, { sign: 'non-negative' });
  const marginWithPnl = readNumber(record, 'isolatedMargin', ctx);
  const pnl = readNumber(record, 'unRealizedProfit', ctx);
  const leverageField = readNumber(record, 'leverage', ctx, { sign: 'positive' });
  if (sink.issueCount > before) return null;
  const config = sink.context.binanceSymbolConfig.get(symbol.toUpperCase());
  // The symbolConfig file read with the positions, if any (it may lack this symbol).
  const configFile = [...sink.context.binanceSymbolConfig.values()][0]?.record.file ?? null;
  const noConfig = configFile === null ? 'no /fapi/v1/symbolConfig' : `${symbol} not in the /fapi/v1/symbolConfig given (${configFile})`;
  const holdsWallet = (wallet ?? 0) !== 0 || (marginWithPnl ?? 0) !== 0;

  let mode: MarginMode;
  if (typeField !== null) {
    mode = typeField;
    if (config?.marginMode != null && config.marginMode !== typeField) {
      ctx.addIssue(
        fieldIssue(record, 'marginType', 'inconsistent', `marginType here is ${typeField}, but ${config.record.file} line ${config.record.line} says ${config.marginMode}`, record.shown('marginType'), ctx.account),
      );
      return null;
    }
  } else if (config?.marginMode != null) {
    mode = config.marginMode;
  } else {
    mode = holdsWallet ? 'isolated' : 'cross';
    sink.note(`${record.file}: no marginType (as in /fapi/v3/positionRisk) and ${noConfig}: positions with a non-zero isolatedWallet taken as isolated, the others as cross`);
  }
  if (mode === 'cross' && holdsWallet) {
    const field = wallet !== null && wallet !== 0 ? 'isolatedWallet' : 'isolatedMargin';
    ctx.addIssue(fieldIssue(record, field, 'inconsistent', 'the position is cross but holds an isolated wallet', record.shown(field), ctx.account));
    return null;
  }

  let isolatedMargin: number | null = null;
  if (mode === 'isolated') {
    if (wallet !== null && wallet > 0) isolatedMargin = wallet;
    else if (wallet === null && marginWithPnl !== null && pnl !== null) {
      isolatedMargin = marginWithPnl - pnl;
      sink.note(`${record.file}: no isolatedWallet column: isolated margin taken as isolatedMargin - unRealizedProfit`);
    }
    if (isolatedMargin === null || !(isolatedMargin > 0)) {
      ctx.addIssue(fieldIssue(record, 'isolatedWallet', 'missing-value', 'isolated position without its margin (isolatedWallet)', shownIfAny(record, 'isolatedWallet'), ctx.account));
      return null;
    }
    if (wallet !== null && marginWithPnl !== null && pnl !== null) {
      const expected = wallet + pnl;
      if (Math.abs(expected - marginWithPnl) > ISOLATED_MARGIN_TOLERANCE * Math.max(1, Math.abs(expected))) {
        ctx.addIssue(
          fieldIssue(record, 'isolatedMargin', 'inconsistent', `isolatedMargin should be isolatedWallet + unRealizedProfit = ${expected}`, record.shown('isolatedMargin'), ctx.account),
        );
        return null;
      }
    }
  }

  let leverage = leverageField;
  if (config?.leverage != null) {
    if (leverageField !== null && leverageField !== config.leverage) {
      ctx.addIssue(
        fieldIssue(record, 'leverage', 'inconsistent', `leverage here is ${leverageField}, but ${config.record.file} line ${config.record.line} says ${config.leverage}`, record.shown('leverage'), ctx.account),
      );
      return null;
    }
    leverage = config.leverage;
  }
  if (leverage === null) {
    const remedy = configFile === null ? 'pass /fapi/v1/symbolConfig with --with to include it' : `${symbol} is not in the /fapi/v1/symbolConfig given (${configFile})`;
    sink.note(`${record.file}: leverage not in the export (as in /fapi/v3/positionRisk); ${remedy}, so it is left unknown`);
  }
  return { mode, isolatedMargin, leverage };
}

function readPosition(record: ExportRecord, sink: ImportSink): void {
  const account = sink.account('main');
  const ctx = sink.forAccount(account);
  const before = sink.issueCount;
  const symbol = readText(record, 'symbol', ctx, 'symbol');
  const amount = readNumber(record, 'positionAmt', ctx, { required: 'position amount' });
  if (symbol === null || amount === null) return;
  if (amount === 0) {
    sink.skip(record.file, 'zero-size positions (positionAmt 0)');
    return;
  }
  const side = sideOf(record, ctx, amount);
  const entryPrice = readNumber(record, 'entryPrice', ctx, { required: 'entry price', sign: 'positive' });
  const markPrice = readNumber(record, 'markPrice', ctx, { required: 'mark price', sign: 'positive' });
  const liquidationPrice = readNumber(record, 'liquidationPrice', ctx, { sign: 'non-negative' });
  const maintenanceMargin = readNumber(record, 'maintMargin', ctx, { sign: 'non-negative' });
  const unrealizedPnl = readNumber(record, 'unRealizedProfit', ctx);
  const marginAsset = readText(record, 'marginAsset', ctx);
  const assets = symbolAssets(symbol, 'linear', 'USDT');
  if (marginAsset !== null && marginAsset.toUpperCase() !== assets.settlementAsset) {
    ctx.addIssue(fieldIssue(record, 'marginAsset', 'inconsistent', `${symbol} settles in ${assets.settlementAsset}, not in the marginAsset given`, marginAsset, account));
  }
  if (sink.issueCount > before || side === null || entryPrice === null || markPrice === null) return;
  const settings = marginSettings(record, sink, ctx, symbol);
  if (settings === null) return;
  sink.addPosition(
    record,
    {
      account,
      symbol,
      side,
      size: Math.abs(amount),
      entryPrice,
      markPrice,
      marginMode: settings.mode,
      isolatedMargin: settings.isolatedMargin,
      leverage: settings.leverage,
      instrument: 'linear',
      contractSize: 1,
      venue: 'binance-usdm',
      assets,
    },
    {
      liquidationPrice: liquidationPrice === null ? null : liquidationPrice === 0 ? 'none' : liquidationPrice,
      maintenanceMargin,
      marginRatio: null,
      unrealizedPnl,
    },
  );
}

export const binanceUsdmPositionRisk: ExportFormat = {
  name: 'binance-usdm-position-risk',
  family: 'binance-usdm',
  stage: 1,
  matchesJson: (root) => hasKeys(firstObject(root), 'symbol', 'positionAmt', 'entryPrice'),
  matchesCsvHeader: (header) => headerHas(header, 'symbol', 'positionAmt', 'entryPrice'),
  read(doc, sink) {
    for (const record of listRecords(doc, sink, [], 'positions')) readPosition(record, sink);
  },
};

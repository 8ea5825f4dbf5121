// CCXT `fetchPositions` (the unified position structure, an array), as JSON or a CSV flattened
// from it (CCXT's field names as headers) → the venue of the exchange id when it has a profile,
// else `generic`.
// https://github.com/ccxt/ccxt/wiki/Manual#position-structure ; ccxt/ccxt `ts/src/base/types.ts` (`interface Position`)
//
// Units: JSON numbers (text in CSV). `contracts` × `contractSize`: a linear position's size in
// base units is their product; an inverse position keeps `contracts`, each worth `contractSize`
// of the quote. Linear or inverse: `linear` / `inverse` flags when present, else the unified
// symbol's settlement currency (`BTC/USD:BTC` inverse, `BTC/USDT:USDT` linear), else the settlement
// currency the exchange gives that market (`--exchange binancecoinm`: `BTC/USD` settles in BTC,
// inverse; see ccxtImpliedSettle), else a stablecoin quote means linear; `BTC/USD` with nothing
// else is an issue naming `--exchange`. A missing `contractSize` is an
// issue (for inverse contracts, the venue profile's default size is used when it has one).
// Side: `side` long/short, or the sign of `contracts` when side is absent.
// Margin mode: `marginMode`, else the legacy `isolated` flag (no longer in CCXT's Position type);
// when both are present and contradict, `marginMode` wins with a warning; neither is a warning
// and means cross. Isolated margin = `collateral - unrealizedPnl`
// (CCXT's collateral includes the PnL), else `initialMargin` with a warning.
// Kept as the venue's own figures: `liquidationPrice`, `maintenanceMargin`, `marginRatio`,
// `unrealizedPnl`.

import type { InstrumentKind, MarginMode, Side } from '../../../domain/position.js';
import { symbolAssets } from '../../../domain/symbol-assets.js';
import { venueProfile } from '../../../venues/registry.js';
import { listRecords } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue, recordIssue, type ExportRecord } from '../export-record.js';
import { readChoice, readFlag, readNumber, readText, shownIfAny, type FieldContext } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { firstObject, hasKeys, headerHas } from '../json-shape.js';
import { ccxtExchangeInLabel, ccxtImpliedSettle, ccxtVenue } from './ccxt-exchange-venue.js';

const SIDES: Readonly<Record<string, Side>> = { long: 'long', short: 'short' };
const MARGIN_MODES: Readonly<Record<string, MarginMode>> = { cross: 'cross', isolated: 'isolated' };
const STABLE_QUOTES = new Set(['USDT', 'USDC', 'BUSD', 'FDUSD', 'TUSD', 'USDE', 'DAI', 'USDD']);

/** Linear or inverse from the flags, the symbol or the exchange; null (with an issue) when nothing tells. */
function instrumentOf(record: ExportRecord, ctx: FieldContext, symbol: string, exchange: string | null): InstrumentKind | null {
  const linear = readFlag(record, 'linear', ctx);
  const inverse = readFlag(record, 'inverse', ctx);
  if (linear === true && inverse === true) {
    ctx.addIssue(fieldIssue(record, 'inverse', 'inconsistent', 'both linear and inverse are true', record.shown('inverse'), ctx.account));
    return null;
  }
  if (linear === true || inverse === false) return 'linear';
  if (inverse === true || linear === false) return 'inverse';
  const unified = /^([^/:]+)\/([^/:]+)(?::([^-]+))?/.exec(symbol.toUpperCase());
  if (unified !== null) {
    const [, base, quote, settle] = unified;
    if (settle !== undefined) return settle === base ? 'inverse' : 'linear';
    const implied = ccxtImpliedSettle(exchange, base!, quote!);
    if (implied !== null) return implied === base ? 'inverse' : 'linear';
    if (STABLE_QUOTES.has(quote!)) return 'linear';
  }
  const named = exchange === null ? 'no exchange named' : `exchange "${exchange}" does not settle it one way only`;
  ctx.addIssue(
    fieldIssue(
      record,
      'symbol',
      'missing-value',
      `cannot tell a linear from an inverse contract: the symbol names no settlement currency (BASE/QUOTE:SETTLE), no linear/inverse flag is given and ${named}; pass the CCXT exchange id with --exchange (binancecoinm, binanceusdm, bybit, okx, deribit, …) or write the symbol as BASE/QUOTE:SETTLE`,
      symbol,
      ctx.account,
    ),
  );
  return null;
}

function marginModeOf(record: ExportRecord, sink: ImportSink, ctx: FieldContext): MarginMode | null {
  const mode = readChoice(record, 'marginMode', ctx, MARGIN_MODES);
  const isolatedFlag = readFlag(record, 'isolated', ctx);
  if (mode !== null && isolatedFlag !== null && (mode === 'isolated') !== isolatedFlag) {
    sink.warn(
      fieldIssue(record, 'marginMode', 'inconsistent', `marginMode is ${mode} but the legacy isolated flag is ${isolatedFlag}: taken as ${mode} (marginMode is CCXT's current field)`, record.shown('marginMode'), ctx.account),
    );
    return mode;
  }
  if (mode !== null) return mode;
  if (isolatedFlag !== null) return isolatedFlag ? 'isolated' : 'cross';
  sink.warn(fieldIssue(record, 'marginMode', 'missing-value', 'margin mode not given (no marginMode, no isolated flag): taken as cross', undefined, ctx.account));
  return 'cross';
}

function isolatedMarginOf(record: ExportRecord, sink: ImportSink, ctx: FieldContext, unrealizedPnl: number | null): number | null {
  const collateral = readNumber(record, 'collateral', ctx);
  const initialMargin = readNumber(record, 'initialMargin', ctx, { sign: 'non-negative' });
  let margin: number | null = null;
  if (collateral !== null && unrealizedPnl !== null) margin = collateral - unrealizedPnl;
  else if (initialMargin !== null) {
    margin = initialMargin;
    sink.warn(fieldIssue(record, 'initialMargin', 'missing-value', 'isolated margin taken from initialMargin: collateral and unrealizedPnl not both given', record.shown('initialMargin'), ctx.account));
  }
  if (margin === null || !(margin > 0)) {
    ctx.addIssue(fieldIssue(record, 'collateral', 'missing-value', 'isolated position without its margin (collateral, initialMargin)', shownIfAny(record, 'collateral'), ctx.account));
    return null;
  }
  return margin;
}

function readPosition(record: ExportRecord, sink: ImportSink, labelExchange: string | null): void {
  const account = sink.account('main');
  const ctx = sink.forAccount(account);
  const before = sink.issueCount;
  const symbol = readText(record, 'symbol', ctx, 'symbol');
  const contracts = readNumber(record, 'contracts', ctx, { required: 'contracts' });
  if (symbol === null || contracts === null) return;
  if (contracts === 0) {
    sink.skip(record.file, 'zero-size positions (contracts 0)');
    return;
  }
  const sideField = readChoice(record, 'side', ctx, SIDES);
  const contractSizeField = readNumber(record, 'contractSize', ctx, { sign: 'positive' });
  const entryPrice = readNumber(record, 'entryPrice', ctx, { required: 'entry price', sign: 'positive' });
  const markPrice = readNumber(record, 'markPrice', ctx, { required: 'mark price', sign: 'positive' });
  const leverage = readNumber(record, 'leverage', ctx, { sign: 'positive' });
  const liquidationPrice = readNumber(record, 'liquidationPrice', ctx, { sign: 'non-negative' });
  const maintenanceMargin = readNumber(record, 'maintenanceMargin', ctx, { sign: 'non-negative' });
  const marginRatio = readNumber(record, 'marginRatio', ctx, { sign: 'non-negative' });
  const unrealizedPnl = readNumber(record, 'unrealizedPnl', ctx);
  const exchangeField = readText(record, 'exchange', ctx);
  const exchange = sink.exchangeOption ?? exchangeField ?? labelExchange;
  const instrument = instrumentOf(record, ctx, symbol, exchange);
  const marginMode = marginModeOf(record, sink, ctx);
  if (sink.issueCount > before || instrument === null || marginMode === null || entryPrice === null || markPrice === null) return;

  const signSide: Side = contracts > 0 ? 'long' : 'short';
  const side = sideField ?? signSide;
  if (sideField !== null && contracts < 0 && sideField !== 'short') {
    ctx.addIssue(fieldIssue(record, 'contracts', 'inconsistent', 'side is long but contracts is negative', record.shown('contracts'), account));
    return;
  }
  const venue = ccxtVenue(exchange, instrument);
  if (venue === 'generic') sink.note(`${record.file}: CCXT exchange ${exchange === null ? 'not named (pass it, or name the file after it)' : `"${exchange}" has no venue profile`}: positions use the generic profile`);
  const contractSize = contractSizeField ?? (instrument === 'inverse' ? venueProfile(venue).defaultContractSize(symbol) : null);
  if (contractSize === null) {
    ctx.addIssue(fieldIssue(record, 'contractSize', 'missing-value', 'size in contracts without a contract size', undefined, account));
    return;
  }
  if (contractSizeField === null) sink.noteEach(record.file, `contract size from the ${venue} profile's default`, `${symbol} (${contractSize})`);
  const isolatedMargin = marginMode === 'isolated' ? isolatedMarginOf(record, sink, ctx, unrealizedPnl) : null;
  if (marginMode === 'isolated' && isolatedMargin === null) return;
  const assets = symbolAssets(symbol, instrument, venueProfile(venue).defaultQuoteAsset);
  if (instrument === 'inverse' && assets.settlementAsset !== assets.baseAsset) {
    ctx.addIssue(recordIssue(record, 'inconsistent', `${symbol} is inverse but settles in ${assets.settlementAsset}, not ${assets.baseAsset}`, account));
    return;
  }
  const magnitude = Math.abs(contracts);
  sink.addPosition(
    record,
    {
      account,
      symbol,
      side,
      size: instrument === 'linear' ? magnitude * contractSize : magnitude,
      entryPrice,
      markPrice,
      marginMode,
      isolatedMargin,
      leverage,
      instrument,
      contractSize: instrument === 'linear' ? 1 : contractSize,
      venue,
      assets,
    },
    { liquidationPrice, maintenanceMargin, marginRatio, unrealizedPnl },
  );
}

export const ccxtPositions: ExportFormat = {
  name: 'ccxt-positions',
  family: 'ccxt',
  stage: 1,
  matchesJson: (root) => hasKeys(firstObject(root), 'symbol', 'contracts'),
  matchesCsvHeader: (header) => headerHas(header, 'symbol', 'contracts'),
  read(doc, sink) {
    const labelExchange = ccxtExchangeInLabel(doc.file);
    for (const record of listRecords(doc, sink, [], 'positions')) readPosition(record, sink, labelExchange);
  },
};

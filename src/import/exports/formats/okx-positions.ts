// OKX v5 `GET /api/v5/account/positions`, JSON (the REST envelope or its bare `data` array) or a
// CSV flattened from it → venue `okx-swap`.
// https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-positions
//
// Units: strings; `pos` counts contracts (its sign gives the side when `posSide` is `net`), so
// every position needs its contract value: from an /api/v5/public/instruments file given with
// it, else from KNOWN_OKX_CONTRACTS (a note says so), else an issue at `pos`. Linear: size =
// contracts × ctVal base units. Inverse (USD-quoted, margined in the coin): size = contracts,
// contract size = ctVal USD. Linear or inverse: the instruments file's `ctType`, else the quote
// (USD → inverse, USDT/USDC → linear). `mgnMode` cross / isolated; isolated margin = `margin`
// (in the margin currency `ccy`). Dated FUTURES are read with a warning (the okx-swap profile and
// the swap's tiers govern them); MARGIN and OPTION positions are not modelled: an issue.
// Kept as the venue's own figures: `liqPx`, `mmr`, `upl`, and `mgnRatio` (equity / maintenance,
// stored as its inverse, the contract's margin ratio).

import type { MarginMode, Side } from '../../../domain/position.js';
import { symbolAssets } from '../../../domain/symbol-assets.js';
import { listRecords } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue, recordIssue, type ExportRecord } from '../export-record.js';
import { readChoice, readNumber, readText, shownIfAny } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { firstObject, hasKeys, headerHas, memberAt } from '../json-shape.js';
import { isOkxResponse, knownOkxContract, okxResponseOk } from './okx-common.js';

const MARGIN_MODES: Readonly<Record<string, MarginMode>> = { cross: 'cross', isolated: 'isolated' };
const POSITION_SIDES: Readonly<Record<string, 'net' | Side>> = { net: 'net', long: 'long', short: 'short' };
const INSTRUMENT_TYPES: Readonly<Record<string, 'SWAP' | 'FUTURES' | 'MARGIN' | 'OPTION'>> = {
  SWAP: 'SWAP',
  FUTURES: 'FUTURES',
  MARGIN: 'MARGIN',
  OPTION: 'OPTION',
};

function readPosition(record: ExportRecord, sink: ImportSink): void {
  const account = sink.account('main');
  const ctx = sink.forAccount(account);
  const before = sink.issueCount;
  const instId = readText(record, 'instId', ctx, 'instrument id');
  const contracts = readNumber(record, 'pos', ctx, { required: 'position (pos)' });
  if (instId === null || contracts === null) return;
  if (contracts === 0) {
    sink.skip(record.file, 'zero-size positions (pos 0)');
    return;
  }
  const instType = readChoice(record, 'instType', ctx, INSTRUMENT_TYPES);
  if (instType === 'MARGIN' || instType === 'OPTION') {
    ctx.addIssue(fieldIssue(record, 'instType', 'unsupported', `${instType} positions are not modelled; only SWAP and FUTURES`, instType, account));
    return;
  }
  const posSide = readChoice(record, 'posSide', ctx, POSITION_SIDES) ?? 'net';
  const marginMode = readChoice(record, 'mgnMode', ctx, MARGIN_MODES, 'margin mode (mgnMode)');
  const entryPrice = readNumber(record, 'avgPx', ctx, { required: 'entry price (avgPx)', sign: 'positive' });
  const markPrice = readNumber(record, 'markPx', ctx, { required: 'mark price (markPx)', sign: 'positive' });
  const leverage = readNumber(record, 'lever', ctx, { sign: 'positive' });
  const margin = readNumber(record, 'margin', ctx, { sign: 'non-negative' });
  const marginCurrency = readText(record, 'ccy', ctx);
  const liquidationPrice = readNumber(record, 'liqPx', ctx, { sign: 'non-negative' });
  const maintenanceMargin = readNumber(record, 'mmr', ctx, { sign: 'non-negative' });
  const unrealizedPnl = readNumber(record, 'upl', ctx);
  const equityToMaintenance = readNumber(record, 'mgnRatio', ctx, { sign: 'non-negative' });
  if (sink.issueCount > before || marginMode === null || entryPrice === null || markPrice === null) return;

  let side: Side;
  if (posSide === 'net') side = contracts > 0 ? 'long' : 'short';
  else {
    side = posSide;
    if (contracts < 0) {
      ctx.addIssue(fieldIssue(record, 'pos', 'inconsistent', `posSide is ${posSide} but pos is negative (only net positions are signed)`, record.shown('pos'), account));
      return;
    }
  }

  const key = instId.toUpperCase();
  const fromFile = sink.context.okxContracts.get(key);
  const known = knownOkxContract(key);
  const contractValue = fromFile?.contractValue ?? known?.contractValue;
  if (contractValue === undefined) {
    ctx.addIssue(
      fieldIssue(record, 'pos', 'missing-value', `size in contracts without a contract size: ctVal of ${instId} is not known; pass the instruments export (GET /api/v5/public/instruments?instType=${instType ?? 'SWAP'}) with --with`, record.shown('pos'), account),
    );
    return;
  }
  if (fromFile === undefined) {
    sink.noteEach(record.file, "contract value from the built-in table of OKX contracts (pass the instruments export, GET /api/v5/public/instruments, with --with to use the venue's)", `${instId} (${contractValue})`);
  }
  const quoteAssets = symbolAssets(instId, 'linear', 'USDT');
  const instrument = fromFile?.instrument ?? known?.instrument ?? (quoteAssets.quoteAsset === 'USD' ? 'inverse' : 'linear');
  const assets = instrument === 'inverse' ? symbolAssets(instId, 'inverse', 'USD') : quoteAssets;
  if (marginCurrency !== null && marginCurrency.toUpperCase() !== assets.settlementAsset) {
    ctx.addIssue(fieldIssue(record, 'ccy', 'inconsistent', `${instId} is ${instrument} and settles in ${assets.settlementAsset}, not in the margin currency given`, marginCurrency, account));
    return;
  }
  if (marginMode === 'isolated' && !(margin !== null && margin > 0)) {
    ctx.addIssue(fieldIssue(record, 'margin', 'missing-value', 'isolated position without its margin', shownIfAny(record, 'margin'), account));
    return;
  }
  if (instType === 'FUTURES') {
    sink.warn(recordIssue(record, 'unsupported', `${instId} is a dated future: evaluated under the okx-swap profile with the swap's tiers`, account));
  }
  const magnitude = Math.abs(contracts);
  sink.addPosition(
    record,
    {
      account,
      symbol: instId,
      side,
      size: instrument === 'linear' ? magnitude * contractValue : magnitude,
      entryPrice,
      markPrice,
      marginMode,
      isolatedMargin: marginMode === 'isolated' ? margin : null,
      leverage,
      instrument,
      contractSize: instrument === 'linear' ? 1 : contractValue,
      venue: 'okx-swap',
      assets,
    },
    {
      liquidationPrice,
      maintenanceMargin,
      marginRatio: equityToMaintenance !== null && equityToMaintenance > 0 ? 1 / equityToMaintenance : null,
      unrealizedPnl,
    },
  );
}

export const okxPositions: ExportFormat = {
  name: 'okx-positions',
  family: 'okx',
  stage: 1,
  matchesJson: (root) => {
    if (!isOkxResponse(root)) return hasKeys(firstObject(root), 'instId', 'pos', 'mgnMode');
    const first = firstObject(memberAt(root, ['data']));
    return first === undefined || hasKeys(first, 'instId', 'pos');
  },
  matchesCsvHeader: (header) => headerHas(header, 'instId', 'pos', 'mgnMode'),
  read(doc, sink) {
    if (!okxResponseOk(doc, sink)) return;
    for (const record of listRecords(doc, sink, ['data'], 'positions')) readPosition(record, sink);
  },
};

// Bybit v5 `GET /v5/position/list`, linear or inverse, JSON or a CSV flattened from it →
// venue `bybit-linear` / `bybit-inverse`.
// https://bybit-exchange.github.io/docs/v5/position
//
// Units: strings; `size` always positive, direction in `side` (`Buy`/`Sell`; `""` for an empty
// one-way position, which is skipped and counted with the other zero sizes); linear `size` in
// base units, inverse `size` in contracts of 1 USD. `positionIdx` 0 one-way, 1 hedge buy side,
// 2 hedge sell side (checked against `side`).
// Margin mode is an account property on the unified account: `/v5/account/info` `marginMode`
// when that file is given (ISOLATED_MARGIN → isolated; REGULAR_MARGIN and PORTFOLIO_MARGIN →
// cross). Without it: `tradeMode` 1 → isolated (classic accounts), `tradeMode` 0 → cross, with a
// warning, since unified accounts always report 0 (the field is deprecated there).
// Isolated margin = `positionBalance` (the position's margin, settlement asset).
// Kept as the venue's own figures: `liqPrice` (`""` = none within the price limits: a warning),
// `positionMM`, `unrealisedPnl`.

import type { MarginMode, Side } from '../../../domain/position.js';
import { venueProfile } from '../../../venues/registry.js';
import { listRecords } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue, recordIssue, type ExportRecord } from '../export-record.js';
import { readChoice, readNumber, readText, shownIfAny, type FieldContext } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { firstObject, hasKeys, headerHas, memberAt } from '../json-shape.js';
import { bybitContract, bybitEnvelope, isBybitResponse, type BybitContract } from './bybit-common.js';

const SIDES: Readonly<Record<string, Side>> = { Buy: 'long', Sell: 'short' };
const TRADE_MODES: Readonly<Record<string, MarginMode>> = { '0': 'cross', '1': 'isolated' };

/**
 * Whether `positionValue` says the opposite kind to the one inferred from the symbol: linear
 * value is `size * avgPrice`, inverse `size / avgPrice`, a factor avgPrice² apart. Only checked
 * when the price is far enough from 1 for that factor to tell them apart.
 */
function valueContradictsKind(contract: BybitContract, size: number, entryPrice: number, positionValue: number): boolean {
  if (Math.abs(Math.log(entryPrice)) < Math.log(2) || !(positionValue > 0)) return false;
  const linearGap = Math.abs(Math.log(positionValue / (size * entryPrice)));
  const inverseGap = Math.abs(Math.log(positionValue / (size / entryPrice)));
  return contract.instrument === 'linear' ? inverseGap < linearGap : linearGap < inverseGap;
}

function marginModeOf(record: ExportRecord, sink: ImportSink, ctx: FieldContext): MarginMode | null {
  const tradeMode = readChoice(record, 'tradeMode', ctx, TRADE_MODES);
  const accountMode = sink.context.bybitAccountMode;
  if (accountMode !== null) {
    const mode: MarginMode = accountMode.mode === 'ISOLATED_MARGIN' ? 'isolated' : 'cross';
    if (accountMode.mode === 'PORTFOLIO_MARGIN') {
      sink.note(`${accountMode.record.file}: portfolio margin account: positions evaluated as cross margin with tier maintenance (Bybit's portfolio margin is a risk-array model)`);
    }
    if (tradeMode === 'isolated' && mode === 'cross') {
      ctx.addIssue(
        fieldIssue(record, 'tradeMode', 'inconsistent', `tradeMode 1 (isolated) but ${accountMode.record.file} line ${accountMode.record.line} says ${accountMode.mode}`, record.shown('tradeMode'), ctx.account),
      );
      return null;
    }
    return mode;
  }
  if (tradeMode === 'isolated') return 'isolated';
  sink.warn(
    fieldIssue(record, 'tradeMode', 'missing-value', 'margin mode taken as cross from tradeMode 0, which unified accounts always report; pass /v5/account/info for the account\'s marginMode', shownIfAny(record, 'tradeMode'), ctx.account),
  );
  return 'cross';
}

function readPosition(record: ExportRecord, sink: ImportSink, category: string | null): void {
  const account = sink.account('main');
  const ctx = sink.forAccount(account);
  const before = sink.issueCount;
  const symbol = readText(record, 'symbol', ctx, 'symbol');
  const size = readNumber(record, 'size', ctx, { required: 'size', sign: 'non-negative' });
  if (symbol === null || size === null) return;
  if (size === 0) {
    sink.skip(record.file, 'zero-size positions (size 0)');
    return;
  }
  const contract = bybitContract(symbol, category);
  if (contract === null) {
    ctx.addIssue(recordIssue(record, 'unsupported', `${symbol}: cannot tell a linear from an inverse contract (category ${category ?? 'not given'}); only linear and inverse contracts are read`, account));
    return;
  }
  const side = readChoice(record, 'side', ctx, SIDES, 'side');
  const positionIdx = readNumber(record, 'positionIdx', ctx);
  const entryPrice = readNumber(record, 'avgPrice', ctx, { required: 'entry price (avgPrice)', sign: 'positive' });
  const markPrice = readNumber(record, 'markPrice', ctx, { required: 'mark price', sign: 'positive' });
  const leverage = readNumber(record, 'leverage', ctx, { sign: 'positive' });
  const positionValue = readNumber(record, 'positionValue', ctx, { sign: 'non-negative' });
  const positionBalance = readNumber(record, 'positionBalance', ctx, { sign: 'non-negative' });
  const liquidationPrice = readNumber(record, 'liqPrice', ctx, { sign: 'non-negative' });
  const maintenanceMargin = readNumber(record, 'positionMM', ctx, { sign: 'non-negative' });
  const unrealizedPnl = readNumber(record, 'unrealisedPnl', ctx);
  if (sink.issueCount > before || side === null || entryPrice === null || markPrice === null) return;
  if ((positionIdx === 1 && side !== 'long') || (positionIdx === 2 && side !== 'short')) {
    ctx.addIssue(fieldIssue(record, 'positionIdx', 'inconsistent', `positionIdx ${positionIdx} is the hedge-mode ${positionIdx === 1 ? 'Buy' : 'Sell'} side, but side is ${record.shown('side')}`, record.shown('positionIdx'), account));
    return;
  }
  if (category === null && positionValue !== null && valueContradictsKind(contract, size, entryPrice, positionValue)) {
    ctx.addIssue(
      fieldIssue(record, 'positionValue', 'inconsistent', `${symbol} reads as ${contract.instrument}, but positionValue fits a${contract.instrument === 'linear' ? 'n inverse' : ' linear'} contract`, record.shown('positionValue'), account),
    );
    return;
  }
  const marginMode = marginModeOf(record, sink, ctx);
  if (marginMode === null) return;
  if (marginMode === 'isolated' && !(positionBalance !== null && positionBalance > 0)) {
    ctx.addIssue(fieldIssue(record, 'positionBalance', 'missing-value', 'isolated position without its margin (positionBalance)', shownIfAny(record, 'positionBalance'), account));
    return;
  }
  const liquidationPriceGiven = record.get('liqPrice') !== undefined;
  if (liquidationPriceGiven && liquidationPrice === null) {
    sink.warn(fieldIssue(record, 'liqPrice', 'missing-value', 'Bybit reports no liquidation price (empty: none within the price limits); recorded as none', record.shown('liqPrice'), account));
  }
  const contractSize = contract.instrument === 'inverse' ? (venueProfile(contract.venue).defaultContractSize(symbol) ?? 1) : 1;
  sink.addPosition(
    record,
    {
      account,
      symbol,
      side,
      size,
      entryPrice,
      markPrice,
      marginMode,
      isolatedMargin: marginMode === 'isolated' ? positionBalance : null,
      leverage,
      instrument: contract.instrument,
      contractSize,
      venue: contract.venue,
      assets: contract.assets,
    },
    {
      liquidationPrice: liquidationPrice !== null ? liquidationPrice : liquidationPriceGiven ? 'none' : null,
      maintenanceMargin,
      marginRatio: null,
      unrealizedPnl,
    },
  );
}

export const bybitPositionList: ExportFormat = {
  name: 'bybit-position-list',
  family: 'bybit',
  stage: 1,
  matchesJson: (root) => {
    if (!isBybitResponse(root)) return hasKeys(firstObject(root), 'symbol', 'side', 'avgPrice', 'positionIdx');
    const list = memberAt(root, ['result', 'list']);
    const first = firstObject(list);
    return first === undefined ? Array.isArray(list) && memberAt(root, ['result', 'nextPageCursor']) !== undefined : hasKeys(first, 'symbol', 'side', 'avgPrice');
  },
  matchesCsvHeader: (header) => headerHas(header, 'symbol', 'side', 'size', 'avgPrice'),
  read(doc, sink) {
    const envelope = bybitEnvelope(doc, sink);
    if (doc.kind === 'json' && envelope === null && isBybitResponse(doc.json.value)) return;
    for (const record of listRecords(doc, sink, ['result', 'list'], 'positions')) readPosition(record, sink, envelope?.category ?? null);
  },
};

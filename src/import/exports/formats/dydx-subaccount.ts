// dYdX v4 indexer `GET /v4/addresses/{address}/subaccountNumber/{n}` (`{"subaccount": {…}}`),
// or `GET /v4/addresses/{address}` (`{"subaccounts": […]}`) → venue `dydx-v4`.
// https://docs.dydx.exchange/api_integration-indexer/indexer_api
//
// A subaccount's collateral, excluding unrealised PnL, is its USDC asset position (negative when
// SHORT) plus `size * entryPrice` of each open position (what was paid or received for them),
// or, without `assetPositions`, `equity - sum(unrealizedPnl)`. Subaccounts 0–127 are cross: that
// collateral is the account's USDC balance. Subaccounts of 128 and above each hold one isolated
// position, whose isolated margin is that collateral; their account is the parent's
// (`address:n % 128`). When positions and USDC are both given, `equity` is checked against
// USDC + sum(size * mark) (a warning when the mark, derived or oracle, does not reproduce it).
// An isolated subaccount without a position backs nothing; its USDC is left out, with a note.
// Kept as the venue's own figures: `equity` of cross subaccounts (no maintenance figure is exported).

import { symbolAssets } from '../../../domain/symbol-assets.js';
import { rootRecord } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue, notAnObject, recordIssue, type ExportRecord } from '../export-record.js';
import { readChoice, readNumber, readText } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { hasKeys } from '../json-shape.js';
import { DYDX_ISOLATED_SUBACCOUNT_START, dydxAccount, readDydxPosition, type DydxPosition } from './dydx-common.js';

/** Relative tolerance of the equity check (the indexer rounds to about 1e-9 USDC). */
const EQUITY_CHECK_TOLERANCE = 1e-6;

const ASSET_SIDES: Readonly<Record<string, 1 | -1>> = { LONG: 1, SHORT: -1 };

/**
 * Values of a JSON object keyed by name (`openPerpetualPositions`) as records; a value that is
 * not an object is an issue. [] when the field is absent.
 */
function keyedRecords(record: ExportRecord, field: string, sink: ImportSink, account: string): ExportRecord[] {
  const value = record.get(field);
  if (value === undefined || value === null) return [];
  const holder = record.child(field);
  if (holder === null) {
    sink.addIssue(fieldIssue(record, field, 'unsupported', 'expected an object of positions keyed by market', record.shown(field), account));
    return [];
  }
  const records: ExportRecord[] = [];
  for (const key of holder.fields()) {
    const child = holder.child(key);
    if (child !== null) records.push(child);
    else sink.addIssue(fieldIssue(holder, key, 'unsupported', 'expected a position object', holder.shown(key), account));
  }
  return records;
}

/** The signed USDC asset position, 0 when the subaccount holds none, null when `assetPositions` is absent. */
function usdcBalance(subaccount: ExportRecord, sink: ImportSink, account: string): number | null {
  const assets = subaccount.child('assetPositions');
  if (assets === null) return null;
  const usdc = assets.child('USDC');
  if (usdc === null) return 0;
  const ctx = sink.forAccount(account);
  const size = readNumber(usdc, 'size', ctx, { required: 'USDC size', sign: 'non-negative' });
  const sign = readChoice(usdc, 'side', ctx, ASSET_SIDES) ?? 1;
  return size === null ? null : sign * size;
}

function readSubaccount(subaccount: ExportRecord, sink: ImportSink): void {
  const probe = sink.forAccount(sink.accountOption);
  const before = sink.issueCount;
  const address = readText(subaccount, 'address', probe);
  const number = readNumber(subaccount, 'subaccountNumber', probe, { required: 'subaccount number', sign: 'non-negative' });
  if (number === null || !Number.isInteger(number)) {
    if (number !== null) sink.addIssue(fieldIssue(subaccount, 'subaccountNumber', 'unknown-value', 'must be a whole number', subaccount.shown('subaccountNumber')));
    return;
  }
  const account = dydxAccount(sink, address, number);
  const ctx = sink.forAccount(account);
  sink.context.dydxSubaccounts.add(`${address ?? ''}:${number}`);
  if (address !== null) sink.context.dydxAddress ??= address;
  const equity = readNumber(subaccount, 'equity', ctx);
  const usdc = usdcBalance(subaccount, sink, account);
  const positions: DydxPosition[] = [];
  for (const record of keyedRecords(subaccount, 'openPerpetualPositions', sink, account)) {
    const n = readNumber(record, 'subaccountNumber', ctx);
    if (n !== null && n !== number) {
      ctx.addIssue(fieldIssue(record, 'subaccountNumber', 'inconsistent', `position of subaccount ${n} inside subaccount ${number}`, record.shown('subaccountNumber'), account));
      continue;
    }
    const position = readDydxPosition(record, sink, ctx);
    if (position !== null) positions.push(position);
  }
  if (sink.issueCount > before) return;
  const isolated = number >= DYDX_ISOLATED_SUBACCOUNT_START;
  if (!isolated) sink.addAccountFigures({ account, equity, maintenanceMargin: null, marginRatio: null, asset: 'USDC', source: { file: subaccount.file, line: subaccount.line } });

  const paid = positions.reduce((s, p) => s + p.signedSize * p.entryPrice, 0);
  let collateral: number;
  if (usdc !== null) {
    collateral = usdc + paid;
    if (equity !== null) {
      const atMarks = usdc + positions.reduce((s, p) => s + p.signedSize * p.markPrice, 0);
      if (Math.abs(atMarks - equity) > EQUITY_CHECK_TOLERANCE * Math.max(1, Math.abs(equity))) {
        sink.warn(fieldIssue(subaccount, 'equity', 'inconsistent', `USDC plus positions at their marks is ${atMarks}, not the equity given: the marks differ from the indexer's oracle prices`, subaccount.shown('equity'), account));
      }
    }
  } else if (equity !== null && positions.every((p) => p.unrealizedPnl !== null)) {
    collateral = equity - positions.reduce((s, p) => s + (p.unrealizedPnl ?? 0), 0);
    sink.note(`${subaccount.file}: subaccount ${number} collateral taken as equity less unrealizedPnl (no assetPositions)`);
  } else {
    ctx.addIssue(fieldIssue(subaccount, 'assetPositions', 'missing-value', 'collateral unknown: neither assetPositions nor equity with every unrealizedPnl', undefined, account));
    return;
  }

  if (isolated && positions.length > 1) {
    ctx.addIssue(recordIssue(subaccount, 'inconsistent', `isolated subaccount ${number} holds ${positions.length} positions; an isolated subaccount holds one market`, account));
    return;
  }
  if (isolated && positions.length === 1 && !(collateral > 0)) {
    ctx.addIssue(recordIssue(subaccount, 'inconsistent', `isolated subaccount ${number} has collateral ${collateral}, not positive`, account));
    return;
  }
  for (const p of positions) {
    sink.addPosition(
      p.record,
      {
        account,
        symbol: p.market,
        side: p.side,
        size: Math.abs(p.signedSize),
        entryPrice: p.entryPrice,
        markPrice: p.markPrice,
        marginMode: isolated ? 'isolated' : 'cross',
        isolatedMargin: isolated ? collateral : null,
        leverage: null,
        instrument: 'linear',
        contractSize: 1,
        venue: 'dydx-v4',
        assets: { ...symbolAssets(p.market, 'linear', 'USDC'), quoteAsset: 'USDC', settlementAsset: 'USDC' },
      },
      { liquidationPrice: null, maintenanceMargin: null, marginRatio: null, unrealizedPnl: p.unrealizedPnl },
    );
  }
  if (!isolated) {
    if (collateral === 0) sink.skip(subaccount.file, 'zero balances');
    else sink.addBalance(subaccount, account, 'USDC', collateral);
  } else if (positions.length === 0 && collateral !== 0) {
    // Not collateral of any cross position on dYdX: counting it in the parent's wallet would overstate it.
    sink.note(`${subaccount.file}: isolated subaccount ${number} holds no position; its ${collateral} USDC is not counted`);
  }
}

export const dydxSubaccount: ExportFormat = {
  name: 'dydx-subaccount',
  family: 'dydx',
  stage: 1,
  matchesJson: (root) =>
    hasKeys(root, 'subaccount') || (hasKeys(root, 'subaccounts') && Array.isArray(root.subaccounts)) || hasKeys(root, 'subaccountNumber', 'openPerpetualPositions'),
  matchesCsvHeader: () => false,
  read(doc, sink) {
    const root = rootRecord(doc, sink, 'a dYdX indexer subaccount response');
    if (root === null) return;
    const list = root.elements('subaccounts');
    const subaccounts = list ?? [root.child('subaccount') ?? root];
    for (const subaccount of subaccounts) {
      const problem = notAnObject(subaccount);
      if (problem === null) readSubaccount(subaccount, sink);
      else sink.addIssue(problem);
    }
  },
};

// dYdX v4 indexer `GET /v4/perpetualPositions?address=…&subaccountNumber=…` (`{"positions": […]}`),
// JSON or a CSV flattened from it → venue `dydx-v4`.
// https://docs.dydx.exchange/api_integration-indexer/indexer_api
//
// The list holds closed and liquidated positions too: only `status` OPEN is read, the others are
// skipped and counted. It carries no collateral, so an isolated position (subaccount 128 and
// above) needs its subaccount file; without it, an issue. Positions of a subaccount whose
// subaccount file is in the same import are read from that file, not twice (counted in notes).
// The address is not in the list: it comes from a subaccount file of the import, else a `dydx1…`
// address in the file name; the account is then `address:parent`, else `main` (`main:parent`).

import { symbolAssets } from '../../../domain/symbol-assets.js';
import { listRecords } from '../document-records.js';
import type { ExportFormat } from '../export-format.js';
import { fieldIssue, type ExportRecord } from '../export-record.js';
import { readNumber, readText } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';
import { firstObject, hasKeys, headerHas } from '../json-shape.js';
import { DYDX_ISOLATED_SUBACCOUNT_START, dydxAccount, dydxAddressInLabel, readDydxPosition } from './dydx-common.js';

/** Members of the indexer's list response besides `positions` (pagination). */
const LIST_ENVELOPE_KEYS = new Set(['positions', 'pageSize', 'totalResults', 'offset']);

function readPosition(record: ExportRecord, sink: ImportSink, address: string | null): void {
  const probe = sink.forAccount(sink.accountOption);
  const number = readNumber(record, 'subaccountNumber', probe, { required: 'subaccount number', sign: 'non-negative' });
  if (number === null) return;
  if (!Number.isInteger(number)) {
    sink.addIssue(fieldIssue(record, 'subaccountNumber', 'unknown-value', 'must be a whole number', record.shown('subaccountNumber')));
    return;
  }
  const status = readText(record, 'status', probe);
  if (status !== null && status.toUpperCase() !== 'OPEN') {
    sink.skip(record.file, `positions not open (status ${status.toUpperCase()})`);
    return;
  }
  if (sink.context.dydxSubaccounts.has(`${address ?? ''}:${number}`)) {
    sink.skip(record.file, 'positions already read from their subaccount file');
    return;
  }
  const account = dydxAccount(sink, address, number);
  const ctx = sink.forAccount(account);
  if (number >= DYDX_ISOLATED_SUBACCOUNT_START) {
    ctx.addIssue(
      fieldIssue(record, 'subaccountNumber', 'missing-value', `isolated position (subaccount ${number}) without its margin: pass that subaccount's /v4/addresses/{address}/subaccountNumber/${number} response`, record.shown('subaccountNumber'), account),
    );
    return;
  }
  const position = readDydxPosition(record, sink, ctx);
  if (position === null) return;
  sink.addPosition(
    record,
    {
      account,
      symbol: position.market,
      side: position.side,
      size: Math.abs(position.signedSize),
      entryPrice: position.entryPrice,
      markPrice: position.markPrice,
      marginMode: 'cross',
      isolatedMargin: null,
      leverage: null,
      instrument: 'linear',
      contractSize: 1,
      venue: 'dydx-v4',
      assets: { ...symbolAssets(position.market, 'linear', 'USDC'), quoteAsset: 'USDC', settlementAsset: 'USDC' },
    },
    { liquidationPrice: null, maintenanceMargin: null, marginRatio: null, unrealizedPnl: position.unrealizedPnl },
  );
}

export const dydxPerpetualPositions: ExportFormat = {
  name: 'dydx-perpetual-positions',
  family: 'dydx',
  // After subaccount files (stage 1), so their positions are not read twice.
  stage: 2,
  matchesJson: (root) => {
    if (!hasKeys(root, 'positions') || !Array.isArray(root.positions)) return false;
    const first = firstObject(root.positions);
    // An empty list is recognised only in the indexer's bare envelope (Binance's account has `positions: []` too).
    return first === undefined ? Object.keys(root).every((k) => LIST_ENVELOPE_KEYS.has(k)) : hasKeys(first, 'market', 'size');
  },
  matchesCsvHeader: (header) => headerHas(header, 'market', 'side', 'size', 'entryPrice', 'status'),
  read(doc, sink) {
    const address = sink.context.dydxAddress ?? dydxAddressInLabel(doc.file);
    for (const record of listRecords(doc, sink, ['positions'], 'positions')) readPosition(record, sink, address);
  },
};

// What the dYdX v4 indexer formats share: reading one perpetual position object (the same shape
// in a subaccount's `openPerpetualPositions` and in `/v4/perpetualPositions`), subaccount
// numbering (0–127 cross; 128 and above isolated, parent = n % 128), and account naming.
// https://docs.dydx.exchange/api_integration-indexer/indexer_api
// Isolated positions: dydxprotocol/v4-documentation docs/pages/concepts/trading/isolated-positions.mdx
//
// Units: strings; `size` signed (negative = short) and `side` LONG/SHORT; USDC. dYdX values USDC
// at exactly 1 USD, so quote and settlement are both USDC here. The indexer gives no mark price
// with a position: the oracle price from a /v4/perpetualMarkets file when given, else
// `entryPrice + unrealizedPnl / size` (the indexer computes unrealizedPnl at the oracle price),
// with a note.

import type { Side } from '../../../domain/position.js';
import { fieldIssue, type ExportRecord } from '../export-record.js';
import { readChoice, readNumber, readText, type FieldContext } from '../field-values.js';
import type { ImportSink } from '../import-sink.js';

/** Subaccounts from this number up hold isolated positions; their parent is `n % 128`. */
export const DYDX_ISOLATED_SUBACCOUNT_START = 128;

const SIDES: Readonly<Record<string, Side>> = { LONG: 'long', SHORT: 'short' };
const DYDX_ADDRESS = /dydx1[02-9ac-hj-np-z]{38}/;

/** A dYdX address in a file name (`dydx1…`), or null. */
export function dydxAddressInLabel(label: string): string | null {
  return DYDX_ADDRESS.exec(label)?.[0] ?? null;
}

/**
 * Account of a subaccount: `address:parent` (the parent subaccount holds the cross wallet its
 * isolated children belong with), else `main` / `main:parent` when the address is unknown. The
 * user's account option names parent 0 and prefixes the others (`option:parent`): dYdX keeps
 * the collateral of parent subaccounts apart, so they are never merged into one account.
 */
export function dydxAccount(sink: ImportSink, address: string | null, subaccount: number): string {
  const parent = subaccount % DYDX_ISOLATED_SUBACCOUNT_START;
  const owner = sink.accountOption ?? address ?? 'main';
  if (sink.accountOption === undefined && address !== null) return `${address}:${parent}`;
  return parent === 0 ? owner : `${owner}:${parent}`;
}

/** A position object as read, before its margin is known. */
export interface DydxPosition {
  readonly record: ExportRecord;
  readonly market: string;
  readonly side: Side;
  /** Signed, base units. */
  readonly signedSize: number;
  readonly entryPrice: number;
  readonly markPrice: number;
  readonly unrealizedPnl: number | null;
}

/**
 * Read one position object; null (counted in notes) when it is not open or has zero size, null
 * with issues when a field is bad. `status` must be OPEN when present.
 */
export function readDydxPosition(record: ExportRecord, sink: ImportSink, ctx: FieldContext): DydxPosition | null {
  const before = sink.issueCount;
  const status = readText(record, 'status', ctx);
  if (status !== null && status.toUpperCase() !== 'OPEN') {
    sink.skip(record.file, `positions not open (status ${status.toUpperCase()})`);
    return null;
  }
  const market = readText(record, 'market', ctx, 'market');
  const signedSize = readNumber(record, 'size', ctx, { required: 'size' });
  if (market === null || signedSize === null) return null;
  if (signedSize === 0) {
    sink.skip(record.file, 'zero-size positions (size 0)');
    return null;
  }
  const side = readChoice(record, 'side', ctx, SIDES);
  const entryPrice = readNumber(record, 'entryPrice', ctx, { required: 'entry price', sign: 'positive' });
  const unrealizedPnl = readNumber(record, 'unrealizedPnl', ctx);
  if (sink.issueCount > before || entryPrice === null) return null;
  const signSide: Side = signedSize > 0 ? 'long' : 'short';
  if (side !== null && side !== signSide) {
    ctx.addIssue(fieldIssue(record, 'size', 'inconsistent', `side is ${side === 'long' ? 'LONG' : 'SHORT'} but size is ${signedSize > 0 ? 'positive' : 'negative'}`, record.shown('size'), ctx.account));
    return null;
  }
  const oracle = sink.context.dydxOraclePrices.get(market.toUpperCase());
  let markPrice: number;
  if (oracle !== undefined) markPrice = oracle;
  else if (unrealizedPnl !== null) {
    markPrice = entryPrice + unrealizedPnl / signedSize;
    sink.note(`${record.file}: mark (oracle) prices derived as entryPrice + unrealizedPnl / size; pass /v4/perpetualMarkets for the oracle prices`);
    if (!(markPrice > 0)) {
      ctx.addIssue(fieldIssue(record, 'unrealizedPnl', 'inconsistent', `gives a mark price of ${markPrice}, not positive`, record.shown('unrealizedPnl'), ctx.account));
      return null;
    }
  } else {
    ctx.addIssue(fieldIssue(record, 'unrealizedPnl', 'missing-value', `mark price is missing: no oracle price for ${market} (pass /v4/perpetualMarkets) and no unrealizedPnl to derive it from`, undefined, ctx.account));
    return null;
  }
  return { record, market, side: signSide, signedSize, entryPrice, markPrice, unrealizedPnl };
}

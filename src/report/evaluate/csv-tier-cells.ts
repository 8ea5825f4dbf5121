// The `tierSnapshot` cell of the evaluate CSV: the position's tier table as `ORIGIN [DATE]`, the
// first of the account's tables that lists its venue and symbol, as a string (the cells path,
// csv-writer.ts) or as UTF-8 bytes (the rows, indexed once per account by csv-account-cells.ts),
// the bytes of each distinct cell encoded once.

import type { AccountEvaluation, PositionEvaluation } from '../../margin/evaluation.js';
import { csvTextCell } from '../format/csv-cell.js';

/** Encoder of the tier cells, once per distinct cell. */
const ENCODER = new TextEncoder();

type TierTables = NonNullable<AccountEvaluation['tierTables']>;

/** Per account's list of tier tables: venue → symbol → cell (the first table listing it). */
const tierIndexes = new WeakMap<TierTables, Map<string, Map<string, string>>>();

/** The account's tier tables indexed by venue and symbol, built once per list. */
function tierIndex(tables: TierTables): Map<string, Map<string, string>> {
  let index = tierIndexes.get(tables);
  if (index === undefined) tierIndexes.set(tables, (index = buildTierIndex(tables)));
  return index;
}

/** Venue → symbol → the tier cell of the first of `tables` that lists it. */
function buildTierIndex(tables: TierTables): Map<string, Map<string, string>> {
  const index = new Map<string, Map<string, string>>();
  for (const use of tables) {
    const cell = tierCellText(use.origin, use.snapshotDate);
    let bySymbol = index.get(use.venue);
    if (bySymbol === undefined) index.set(use.venue, (bySymbol = new Map()));
    for (const symbol of use.symbols) if (!bySymbol.has(symbol)) bySymbol.set(symbol, cell);
  }
  return index;
}

/**
 * The position's tier table as `ORIGIN [DATE]` (the first of the account's tables that lists its
 * venue and symbol); empty when the evaluation does not say. The tables are indexed once per
 * account, so a pool of many symbols costs a lookup a row, not a search of every table.
 */
export function tierSnapshotCell(account: Pick<AccountEvaluation, 'tierTables'>, p: PositionEvaluation): string {
  const tables = account.tierTables;
  return tables === undefined ? '' : (tierIndex(tables).get(p.venue)?.get(p.symbol) ?? '');
}

/** A tier cell's text: `ORIGIN [DATE]`, quoted as a CSV text cell. */
function tierCellText(origin: string, snapshotDate: string): string {
  return csvTextCell(snapshotDate === '' ? origin : `${origin} ${snapshotDate}`);
}

/**
 * Tier cells as UTF-8 bytes by origin and snapshot date, shared by every account's rows (a book
 * has few: encoding them afresh made an array per cell per account). Never written to.
 */
const cellBytesByOrigin = new Map<string, Map<string, Uint8Array>>();
/** Distinct cells kept at most; others are encoded for their account alone. */
const CELL_BYTES_KEPT = 1024;
let cellBytesKept = 0;

/** The bytes of the tier cell of a table from `origin` dated `snapshotDate`. */
export function tierCellBytes(origin: string, snapshotDate: string): Uint8Array {
  let byDate = cellBytesByOrigin.get(origin);
  let bytes = byDate?.get(snapshotDate);
  if (bytes !== undefined) return bytes;
  bytes = ENCODER.encode(tierCellText(origin, snapshotDate));
  if (cellBytesKept < CELL_BYTES_KEPT) {
    if (byDate === undefined) cellBytesByOrigin.set(origin, (byDate = new Map()));
    byDate.set(snapshotDate, bytes);
    cellBytesKept++;
  }
  return bytes;
}

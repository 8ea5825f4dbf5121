// The `tierSnapshot` cell of the evaluate CSV: the position's tier table as `ORIGIN [DATE]`, the
// first of the account's tables that lists its venue and symbol, as a string (the cells path,
// csv-writer.ts) or as UTF-8 bytes indexed once per account (the rows, csv-position-rows.ts).

import type { AccountEvaluation, PositionEvaluation } from '../../margin/evaluation.js';
import { csvTextCell } from '../format/csv-cell.js';

/** Encoder of an account's tier cells, once per account. */
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
    const cell = csvTextCell(use.snapshotDate === '' ? use.origin : `${use.origin} ${use.snapshotDate}`);
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

/** The account's tier index with each cell as UTF-8 bytes, and the longest cell's length. */
export function tierBytes(tables: TierTables): { index: Map<string, Map<string, Uint8Array>>; maxBytes: number } {
  const index = new Map<string, Map<string, Uint8Array>>();
  let maxBytes = 0;
  const encoded = new Map<string, Uint8Array>();
  for (const [venue, bySymbol] of buildTierIndex(tables)) {
    const symbols = new Map<string, Uint8Array>();
    for (const [symbol, cell] of bySymbol) {
      let bytes = encoded.get(cell);
      if (bytes === undefined) encoded.set(cell, (bytes = ENCODER.encode(cell)));
      maxBytes = Math.max(maxBytes, bytes.length);
      symbols.set(symbol, bytes);
    }
    index.set(venue, symbols);
  }
  return { index, maxBytes };
}

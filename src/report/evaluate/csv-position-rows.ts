// The rows of the evaluate CSV (csv-writer.ts): one per position per mode, the hot path of a large
// `evaluate --format csv`. Cells are appended straight to a UTF-8 buffer (utf8-text-buffer.ts), so
// a row makes no array and few strings (numbers go through format/shortest-double.ts); text that
// needs no quoting (ids, symbols, modes: almost all of it) is appended as it is, and the account's
// tier tables are indexed once per account.

import { MODE_NAMES, type AccountEvaluation, type AllocationEntry, type ModeEvaluation, type PositionEvaluation } from '../../margin/evaluation.js';
import { csvNumberCell, csvTextCell, isPlainCsvText } from '../format/csv-cell.js';
import { shortestDoubleInto } from '../format/shortest-double.js';
import type { Utf8TextBuffer } from '../format/utf8-text-buffer.js';
import { RepeatedRowCells } from './repeated-row-cells.js';

/** What the rows take from the account beside each position. */
export type AccountOfRows = Pick<AccountEvaluation, 'account' | 'collateralGiven' | 'tierTables'>;

const COMMA = 44;
const NEWLINE = 10;

type TierTables = NonNullable<AccountOfRows['tierTables']>;

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
export function tierSnapshotCell(account: AccountOfRows, p: PositionEvaluation): string {
  const tables = account.tierTables;
  return tables === undefined ? '' : (tierIndex(tables).get(p.venue)?.get(p.symbol) ?? '');
}

/** The isolated-mode allocation of each position, by id (looked up once per row). */
export function allocationById(allocation: readonly AllocationEntry[]): ReadonlyMap<string, AllocationEntry> {
  return new Map(allocation.map((entry) => [entry.positionId, entry]));
}

/**
 * The `margin` cell of each position of a mode: its own margin when alone in its pool (isolated),
 * else its share of the shared collateral, pro rata to notional (equal shares when the pool has
 * no notional). So the column sums to the capital posted to pools, whatever the mode, instead of
 * repeating a cross pool's wallet on every row; the whole pool's is in `poolCollateral`.
 */
export function csvMargins(mode: ModeEvaluation): Map<string, number> {
  const pools = poolNotionals(mode);
  const margins = new Map<string, number>();
  for (const p of mode.positions) margins.set(p.positionId, marginShare(p, pools.get(p.poolId)!));
  return margins;
}

/** A pool's members in a mode and the sum of their absolute notionals (summed in the mode's position order). */
interface PoolNotional {
  members: number;
  total: number;
}

function poolNotionals(mode: ModeEvaluation): Map<string, PoolNotional> {
  const pools = new Map<string, PoolNotional>();
  for (const p of mode.positions) {
    const pool = pools.get(p.poolId);
    if (pool === undefined) pools.set(p.poolId, { members: 1, total: 0 + Math.abs(p.notional) });
    else {
      pool.members++;
      pool.total += Math.abs(p.notional);
    }
  }
  return pools;
}

/** csvMargins' cell of `p` in its pool. */
function marginShare(p: PositionEvaluation, pool: PoolNotional): number {
  return pool.members === 1 ? p.margin : pool.total > 0 ? (p.margin * Math.abs(p.notional)) / pool.total : p.margin / pool.members;
}

/** Appends a text cell: the text as it is when it needs no quoting (isPlainCsvText), else csvTextCell's. */
function textInto(out: Utf8TextBuffer, text: string): void {
  out.text(isPlainCsvText(text) ? text : csvTextCell(text));
}

/** Appends a number cell as csvNumberCell writes it (null → empty, -0 → 0, else shortest form; a non-finite number throws). */
function numberInto(out: Utf8TextBuffer, value: number | null): void {
  if (value === null) return;
  if (value === 0 || !Number.isFinite(value)) out.text(csvNumberCell(value));
  else shortestDoubleInto(out, value);
}

/** What every row of one account shares. */
interface AccountCells {
  readonly account: string;
  readonly collateralGiven: string;
  readonly verdict: string;
  readonly allocation: ReadonlyMap<string, AllocationEntry>;
  /** The account's tier tables by venue and symbol (tierSnapshotCell's index; undefined: the evaluation does not say). */
  readonly tiers: Map<string, Map<string, string>> | undefined;
  readonly repeated: RepeatedRowCells;
}

/** One buffer is written by one account at a time, so one record of repeated cells serves every account. */
const repeatedCells = new RepeatedRowCells();

/**
 * Appends one position's row (EVALUATE_CSV_COLUMNS order, with its line feed): `margin` its share
 * (csvMargins), the allocation's cells on `isolated` rows only. The cells the position's rows in
 * other modes share are copied from its earlier row when their values are the same (repeated-row-cells.ts).
 */
function positionRowInto(out: Utf8TextBuffer, cells: AccountCells, mode: string, p: PositionEvaluation, margin: number): void {
  const entry = mode === 'isolated' ? cells.allocation.get(p.positionId) : undefined;
  const repeated = cells.repeated;
  const seen = repeated.find(p);
  const slot = seen >= 0 ? seen : repeated.record(p);
  out.text(cells.account);
  out.ascii(COMMA);
  textInto(out, mode);
  out.ascii(COMMA);
  let start = out.length;
  if (seen >= 0) out.repeat(repeated.runStart(slot, 0), repeated.runEnd(slot, 0));
  else {
    textInto(out, p.positionId);
    out.ascii(COMMA);
    textInto(out, p.symbol);
    out.ascii(COMMA);
    textInto(out, p.side);
    out.ascii(COMMA);
    numberInto(out, p.size);
    out.ascii(COMMA);
    textInto(out, p.asset);
    out.ascii(COMMA);
    numberInto(out, p.markPrice);
    out.ascii(COMMA);
    numberInto(out, p.notional);
    repeated.setRun(slot, 0, start, out.length);
  }
  out.ascii(COMMA);
  numberInto(out, margin);
  out.ascii(COMMA);
  start = out.length;
  if (seen >= 0) out.repeat(repeated.runStart(slot, 1), repeated.runEnd(slot, 1));
  else {
    numberInto(out, p.unrealizedPnl);
    out.ascii(COMMA);
    numberInto(out, p.maintenanceMargin);
    repeated.setRun(slot, 1, start, out.length);
  }
  out.ascii(COMMA);
  numberInto(out, p.liquidationPrice);
  out.ascii(COMMA);
  numberInto(out, p.distanceToLiquidation);
  out.ascii(COMMA);
  textInto(out, p.marginMode);
  out.ascii(COMMA);
  start = out.length;
  if (seen >= 0) out.repeat(repeated.runStart(slot, 2), repeated.runEnd(slot, 2));
  else {
    numberInto(out, p.leverage);
    out.ascii(COMMA);
    textInto(out, p.venue);
    out.ascii(COMMA);
    textInto(out, p.instrument);
    out.ascii(COMMA);
    numberInto(out, p.entryPrice);
    repeated.setRun(slot, 2, start, out.length);
  }
  out.ascii(COMMA);
  textInto(out, p.poolId);
  out.ascii(COMMA);
  out.text(cells.collateralGiven);
  out.ascii(COMMA);
  out.text(cells.tiers?.get(p.venue)?.get(p.symbol) ?? '');
  out.ascii(COMMA);
  if (entry !== undefined) textInto(out, entry.policy);
  out.ascii(COMMA);
  if (entry !== undefined) numberInto(out, entry.maintenanceFloor);
  out.ascii(COMMA);
  if (entry !== undefined) out.text(String(entry.standing));
  out.ascii(COMMA);
  out.text(cells.verdict);
  out.ascii(COMMA);
  numberInto(out, p.margin);
  out.ascii(NEWLINE);
}

/** Appends every row of an account: modes in contract order, positions riskiest first; `verdict` the account's safer mode. */
export function accountRowsInto(out: Utf8TextBuffer, evaluation: AccountEvaluation, verdict: string): void {
  repeatedCells.clear();
  const cells: AccountCells = {
    account: csvTextCell(evaluation.account),
    collateralGiven: evaluation.collateralGiven === undefined ? '' : String(evaluation.collateralGiven),
    verdict: csvTextCell(verdict),
    allocation: allocationById(evaluation.allocation),
    // Built here, once for the account's rows, not cached: the list is the account's own.
    tiers: evaluation.tierTables === undefined ? undefined : buildTierIndex(evaluation.tierTables),
    repeated: repeatedCells,
  };
  try {
    for (const mode of MODE_NAMES) {
      const pools = poolNotionals(evaluation.modes[mode]);
      for (const p of evaluation.modes[mode].positions) positionRowInto(out, cells, mode, p, marginShare(p, pools.get(p.poolId)!));
    }
  } finally {
    repeatedCells.clear();
  }
}

// The rows of the evaluate CSV (csv-writer.ts): one per position per mode, the hot path of a large
// `evaluate --format csv`. An account's rows are laid out in the number kernel's text area
// (format/shortest-double.ts: WebAssembly memory), where the kernel puts each number down in
// place, and appended to the output's UTF-8 buffer (utf8-text-buffer.ts) in one copy when the area
// is full and at the end; so a row makes no array and no string, and a number's text is not copied
// from the kernel's own. Text that needs no quoting (ids, symbols, modes: almost all of it) is
// copied as it is (format/csv-cell-bytes.ts); the cells every row of an account shares (account and
// mode, collateral with the tier table, verdict) are laid out once per account at the start of the
// area (csv-account-cells.ts), and cells equal to an earlier row's are copied from it
// (repeated-row-cells.ts): both copied within the kernel's memory by the kernel (one call a run of
// cells rather than a loop over its bytes).

import { MODE_NAMES, type AccountEvaluation, type AllocationEntry, type PositionEvaluation } from '../../margin/evaluation.js';
import { CSV_NUMBER_CELL_MAX_BYTES, CSV_NUMBER_CELL_ROOM_BYTES, csvNumberAt, csvTextAt, csvTextCellMaxBytes } from '../format/csv-cell-bytes.js';
import { shortestDoubleKernel } from '../format/shortest-double.js';
import { TEXT_AREA_AT, TEXT_AREA_BYTES } from '../format/shortest-double-memory.js';
import type { Utf8TextBuffer } from '../format/utf8-text-buffer.js';
import { AccountRowCells, COLLATERAL_RANGE, NO_ALLOCATION_RANGE, VERDICT_RANGE } from './csv-account-cells.js';
import { marginShares } from './csv-margin-shares.js';
import { LastCell, LastNumberCell, MIDDLE_MARGIN_RUN, MIDDLE_RUN, RepeatedRowCells, TIER_RUN } from './repeated-row-cells.js';

/** What the rows take from the account beside each position. */
export type AccountOfRows = Pick<AccountEvaluation, 'account' | 'collateralGiven' | 'tierTables'>;

const COMMA = 44;
const NEWLINE = 10;

/** The isolated-mode allocation of each position, by id (looked up once per row). */
export function allocationById(allocation: readonly AllocationEntry[]): ReadonlyMap<string, AllocationEntry> {
  const byId = new Map<string, AllocationEntry>();
  for (const entry of allocation) byId.set(entry.positionId, entry);
  return byId;
}

/**
 * The allocation entry of each slot of the repeated cells (repeated-row-cells.ts), the slots of
 * the allocation's ids taken first (`allocatedSlots` of them), so a row finds its entry by the
 * slot it claims rather than by a lookup of its own; kept from account to account.
 */
const slotEntries: (AllocationEntry | undefined)[] = [];
let allocatedSlots = 0;

/** Takes the slots of the allocation's ids, each with its entry (the last of an id, as allocationById's). */
function takeAllocationSlots(repeated: RepeatedRowCells, allocation: readonly AllocationEntry[]): void {
  slotEntries.fill(undefined, 0, allocatedSlots);
  allocatedSlots = 0;
  for (const entry of allocation) {
    const slot = repeated.slotFor(entry.positionId);
    slotEntries[slot] = entry;
    if (slot >= allocatedSlots) allocatedSlots = slot + 1;
  }
}


/** Room for the row's cells other than its text: up to 12 numbers, the standing and 27 separators (32 bytes), and the kernel's scribbles past a number. */
const ROW_FIXED_BYTES = 12 * CSV_NUMBER_CELL_MAX_BYTES + 32 + CSV_NUMBER_CELL_ROOM_BYTES;

/** The `standing` cells. */
const TRUE_BYTES = new TextEncoder().encode('true');
const FALSE_BYTES = new TextEncoder().encode('false');

/** The cells every row of the account being written shares, laid out again for each account. */
const accountCells = new AccountRowCells();

/** The last cells of the columns that often repeat the row before (repeated-row-cells.ts). */
const lastPoolId = new LastCell<string>();
const lastLiquidationPrice = new LastNumberCell();
const lastDistance = new LastNumberCell();
const lastPoolCollateral = new LastNumberCell();
const LAST_CELLS: readonly { clear(): void }[] = [lastPoolId, lastLiquidationPrice, lastDistance, lastPoolCollateral];

/** One buffer is written by one account at a time, so one record of repeated cells serves every account. */
const repeatedCells = new RepeatedRowCells();

/** Copies `source` into `bytes` at `at`; returns where it ends. */
function copyAt(bytes: Uint8Array, at: number, source: Uint8Array): number {
  const n = source.length;
  for (let i = 0; i < n; i++) bytes[at + i] = source[i]!;
  return at + n;
}

/** Copies cell `index` of the account's cells, placed in `bytes` (AccountRowCells.place), to `at`; returns where it ends. */
function accountCellAt(bytes: Uint8Array, at: number, cells: AccountRowCells, index: number): number {
  return repeatAt(bytes, at, cells.ranges[2 * index]!, cells.ranges[2 * index + 1]!);
}

/** The kernel's copy within its memory (shortestDoubleKernel's copyWithin), set by accountRowsInto. */
let copyWithin: (to: number, from: number, length: number) => void = () => {
  throw new Error('csv-position-rows: the kernel is not loaded');
};

/**
 * Copies bytes [start, end) of `bytes`, written earlier, to `at`; returns where they end. Past
 * eight bytes by the kernel (one call costs about as much as eight bytes copied one by one here).
 */
function repeatAt(bytes: Uint8Array, at: number, start: number, end: number): number {
  if (end - start > 8) {
    copyWithin(at, start, end - start);
    return at + end - start;
  }
  for (let i = start; i < end; i++) bytes[at++] = bytes[i]!;
  return at;
}

/** A number cell, copied from the column's last cell when it was written from the same value. */
function lastNumberAt(bytes: Uint8Array, at: number, last: LastNumberCell, value: number | null): number {
  if (last.matches(value)) return repeatAt(bytes, at, last.start, last.end);
  const end = csvNumberAt(bytes, at, value);
  last.set(value, at, end);
  return end;
}

/** Room the row of `p` may take in the text area (its text cells quoted at worst, its numbers, the account's cells); `entry` its allocation on an `isolated` row. */
function rowRoomBytes(cells: AccountRowCells, p: PositionEvaluation, entry: AllocationEntry | undefined): number {
  const policyUnits = entry === undefined ? 0 : entry.policy.length;
  const textUnits = p.positionId.length + p.symbol.length + p.side.length + p.asset.length + p.marginMode.length + p.venue.length + p.instrument.length + p.poolId.length + policyUnits;
  return csvTextCellMaxBytes(textUnits) + 9 * csvTextCellMaxBytes(0) + ROW_FIXED_BYTES + cells.fixedBytes;
}

/*
 * The runs of cells a position's rows in other modes repeat (repeated-row-cells.ts), each written
 * by a function of its own: small enough for the engine to inline the number cells into it, so a
 * number goes from the position's field to the kernel unboxed (inlined into positionRowAt, past
 * its inlining budget, each number read was boxed in a new heap object).
 */

/** Writes `positionId,symbol,side,size,asset,markPrice,notional` of `p` at `at`; returns where it ends. */
function identityRunAt(bytes: Uint8Array, at: number, p: PositionEvaluation): number {
  at = csvTextAt(bytes, at, p.positionId);
  bytes[at++] = COMMA;
  at = csvTextAt(bytes, at, p.symbol);
  bytes[at++] = COMMA;
  at = csvTextAt(bytes, at, p.side);
  bytes[at++] = COMMA;
  at = csvNumberAt(bytes, at, p.size);
  bytes[at++] = COMMA;
  at = csvTextAt(bytes, at, p.asset);
  bytes[at++] = COMMA;
  at = csvNumberAt(bytes, at, p.markPrice);
  bytes[at++] = COMMA;
  return csvNumberAt(bytes, at, p.notional);
}

/** Writes `unrealizedPnl,maintenanceMargin` of `p` at `at`; returns where it ends. */
function pnlRunAt(bytes: Uint8Array, at: number, p: PositionEvaluation): number {
  at = csvNumberAt(bytes, at, p.unrealizedPnl);
  bytes[at++] = COMMA;
  return csvNumberAt(bytes, at, p.maintenanceMargin);
}

/** Writes `leverage,venue,instrument,entryPrice` of `p` at `at`; returns where it ends. */
function contractRunAt(bytes: Uint8Array, at: number, p: PositionEvaluation): number {
  at = csvNumberAt(bytes, at, p.leverage);
  bytes[at++] = COMMA;
  at = csvTextAt(bytes, at, p.venue);
  bytes[at++] = COMMA;
  at = csvTextAt(bytes, at, p.instrument);
  bytes[at++] = COMMA;
  return csvNumberAt(bytes, at, p.entryPrice);
}

/** Writes `liquidationPrice,distanceToLiquidation` of `p` at `at`, each copied from the column's last cell when the same; returns where it ends. */
function liquidationCellsAt(bytes: Uint8Array, at: number, p: PositionEvaluation): number {
  at = lastNumberAt(bytes, at, lastLiquidationPrice, p.liquidationPrice);
  bytes[at++] = COMMA;
  return lastNumberAt(bytes, at, lastDistance, p.distanceToLiquidation);
}

/** Writes `allocationPolicy,maintenanceFloor,standing` of `entry` at `at`; returns where it ends. */
function allocationCellsAt(bytes: Uint8Array, at: number, entry: AllocationEntry): number {
  at = csvTextAt(bytes, at, entry.policy);
  bytes[at++] = COMMA;
  at = csvNumberAt(bytes, at, entry.maintenanceFloor);
  bytes[at++] = COMMA;
  return copyAt(bytes, at, entry.standing ? TRUE_BYTES : FALSE_BYTES);
}

/** Writes the `poolCollateral` cell of `p` at `at`, copied from the column's last cell when the same; returns where it ends. */
function poolCollateralAt(bytes: Uint8Array, at: number, p: PositionEvaluation): number {
  return lastNumberAt(bytes, at, lastPoolCollateral, p.margin);
}

/**
 * Writes one position's row (EVALUATE_CSV_COLUMNS order, with its line feed) at `at` in the
 * kernel's text area, which has room for it (rowRoomBytes); returns where it ends. `claimed`: the
 * repeated cells' claim of `p` (RepeatedRowCells.claim). Its margin cell
 * is its share (csvMargins; `shares[index]`, as a double passed in an array is not boxed), the
 * allocation's cells (`entry`) on `isolated` rows only. The cells the position's rows in other
 * modes share are copied from its earlier row when their values are the same (all the cells from
 * its id to its tier table at once when those are all the same), and so are the cells of the
 * columns that often repeat the row before (repeated-row-cells.ts). Numbers are put down in place
 * by the kernel.
 */
function positionRowAt(bytes: Uint8Array, at: number, cells: AccountRowCells, modeIndex: number, p: PositionEvaluation, claimed: number, shares: Float64Array, index: number, entry: AllocationEntry | undefined): number {
  const margin = shares[index]!;
  const repeated = repeatedCells;
  at = accountCellAt(bytes, at, cells, modeIndex);
  let marginStart: number;
  let marginEnd: number;
  if (claimed >= 0 && repeated.sameMiddle(claimed, p, margin)) {
    const start = repeated.runStart(claimed, MIDDLE_RUN);
    marginStart = at + repeated.runStart(claimed, MIDDLE_MARGIN_RUN) - start;
    marginEnd = at + repeated.runEnd(claimed, MIDDLE_MARGIN_RUN) - start;
    at = repeatAt(bytes, at, start, repeated.runEnd(claimed, MIDDLE_RUN));
  } else {
    const middleStart = at;
    if (claimed >= 0) at = repeatAt(bytes, at, repeated.runStart(claimed, 0), repeated.runEnd(claimed, 0));
    else {
      const start = at;
      at = identityRunAt(bytes, at, p);
      repeated.setRun(-1 - claimed, 0, start, at);
    }
    bytes[at++] = COMMA;
    marginStart = at;
    at = csvNumberAt(bytes, at, margin);
    marginEnd = at;
    bytes[at++] = COMMA;
    if (claimed >= 0) at = repeatAt(bytes, at, repeated.runStart(claimed, 1), repeated.runEnd(claimed, 1));
    else {
      const start = at;
      at = pnlRunAt(bytes, at, p);
      repeated.setRun(-1 - claimed, 1, start, at);
    }
    bytes[at++] = COMMA;
    at = liquidationCellsAt(bytes, at, p);
    bytes[at++] = COMMA;
    at = csvTextAt(bytes, at, p.marginMode);
    bytes[at++] = COMMA;
    if (claimed >= 0) at = repeatAt(bytes, at, repeated.runStart(claimed, 2), repeated.runEnd(claimed, 2));
    else {
      const start = at;
      at = contractRunAt(bytes, at, p);
      repeated.setRun(-1 - claimed, 2, start, at);
    }
    bytes[at++] = COMMA;
    if (lastPoolId.matches(p.poolId)) at = repeatAt(bytes, at, lastPoolId.start, lastPoolId.end);
    else {
      const start = at;
      at = csvTextAt(bytes, at, p.poolId);
      lastPoolId.set(p.poolId, start, at);
    }
    // `,collateralGiven,tierSnapshot,,,,verdict,`: the same cell as the slot's when claimed (same
    // venue and symbol); whole on a row without an allocation, else up to the tier cell.
    let tailStart: number;
    let tailEnd: number;
    if (claimed >= 0) {
      tailStart = repeated.runStart(claimed, TIER_RUN);
      tailEnd = repeated.runEnd(claimed, TIER_RUN);
    } else {
      const range = cells.tiers?.get(p.venue)?.get(p.symbol) ?? COLLATERAL_RANGE;
      tailStart = cells.ranges[2 * range]!;
      tailEnd = cells.ranges[2 * range + 1]!;
      repeated.setRun(-1 - claimed, TIER_RUN, tailStart, tailEnd);
    }
    const middleEnd = at + tailEnd - tailStart - cells.noAllocationBytes;
    at = repeatAt(bytes, at, tailStart, entry === undefined ? tailEnd : tailEnd - cells.noAllocationBytes);
    repeated.setMiddle(claimed >= 0 ? claimed : -1 - claimed, p, margin, middleStart, middleEnd, marginStart, marginEnd);
    if (entry === undefined) return rowEndAt(bytes, at, p, shares, index, marginStart, marginEnd);
  }
  if (entry === undefined) at = accountCellAt(bytes, at, cells, NO_ALLOCATION_RANGE);
  else {
    bytes[at++] = COMMA;
    at = allocationCellsAt(bytes, at, entry);
    at = accountCellAt(bytes, at, cells, VERDICT_RANGE);
  }
  return rowEndAt(bytes, at, p, shares, index, marginStart, marginEnd);
}

/**
 * Writes the `poolCollateral` cell of `p` (its margin share `shares[index]` at [marginStart,
 * marginEnd)) and the line feed at `at`; returns where the row ends. The share is read from the
 * array here: a double passed to this call (not inlined) was boxed, one heap number a row.
 */
function rowEndAt(bytes: Uint8Array, at: number, p: PositionEvaluation, shares: Float64Array, index: number, marginStart: number, marginEnd: number): number {
  // A position alone in its pool: its margin share is its pool's collateral.
  at = p.margin === shares[index]! ? repeatAt(bytes, at, marginStart, marginEnd) : poolCollateralAt(bytes, at, p);
  bytes[at++] = NEWLINE;
  return at;
}

/** The index of the `isolated` mode in MODE_NAMES (its rows carry the allocation's cells). */
const ISOLATED = MODE_NAMES.indexOf('isolated');

/** The text of one row (the cells of csv-writer.ts's positionCsvCells joined), for a row too long for the kernel's text area. */
export type PositionRowText = (modeIndex: number, p: PositionEvaluation, margin: number) => string;

/** Appends bytes [start, end) of the kernel's memory to `out`. */
function flushTextArea(out: Utf8TextBuffer, bytes: Uint8Array, start: number, end: number): void {
  const length = end - start;
  out.room(length).set(bytes.subarray(start, end), out.length);
  out.commit(out.length + length);
}

/**
 * Appends every row of an account: modes in contract order, positions riskiest first; `verdict`
 * the account's safer mode. The rows are laid out in the number kernel's text area and appended
 * to `out` when it is full and at the end; a full area forgets the cells it held (rows after it
 * write theirs afresh, the same bytes), and a row that could not fit in it at all is `rowText`'s.
 * `areaBytes`: the part of the area used (all of it but in tests).
 */
export function accountRowsInto(out: Utf8TextBuffer, evaluation: AccountEvaluation, verdict: string, rowText: PositionRowText, areaBytes = TEXT_AREA_BYTES): void {
  const cells = accountCells;
  cells.set(evaluation, verdict);
  const areaEnd = TEXT_AREA_AT + Math.min(areaBytes, TEXT_AREA_BYTES);
  // The account's cells at the start of the area, the rows after them; cells that leave no room
  // for a row send every row to `rowText`.
  const rowsAt = TEXT_AREA_AT + cells.bytes.length;
  const kernel = shortestDoubleKernel();
  const bytes = kernel.bytes;
  copyWithin = kernel.copyWithin;
  if (rowsAt <= areaEnd) cells.place(bytes, TEXT_AREA_AT);
  const repeated = repeatedCells;
  const forget = (): void => {
    repeated.forgetRuns();
    for (const last of LAST_CELLS) last.clear();
  };
  repeated.clear();
  forget();
  takeAllocationSlots(repeated, evaluation.allocation);
  let at = rowsAt;
  try {
    for (let modeIndex = 0; modeIndex < MODE_NAMES.length; modeIndex++) {
      const positions = evaluation.modes[MODE_NAMES[modeIndex]!].positions;
      const shares = marginShares(evaluation.modes[MODE_NAMES[modeIndex]!]);
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i]!;
        let claimed = repeated.claim(p);
        const slot = claimed >= 0 ? claimed : -1 - claimed;
        const entry = modeIndex === ISOLATED && slot < allocatedSlots ? slotEntries[slot] : undefined;
        const room = rowRoomBytes(cells, p, entry);
        if (at + room > areaEnd) {
          flushTextArea(out, bytes, rowsAt, at);
          at = rowsAt;
          forget();
          if (rowsAt + room > areaEnd) {
            out.text(rowText(modeIndex, p, shares[i]!));
            continue;
          }
          // Its claim again, its runs forgotten with the others.
          claimed = repeated.claim(p);
        }
        at = positionRowAt(bytes, at, cells, modeIndex, p, claimed, shares, i, entry);
      }
    }
    flushTextArea(out, bytes, rowsAt, at);
  } finally {
    repeated.clear();
    slotEntries.fill(undefined, 0, allocatedSlots);
    allocatedSlots = 0;
  }
}

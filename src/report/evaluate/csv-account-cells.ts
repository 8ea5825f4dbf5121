// The cells every evaluate-CSV row of one account shares (csv-position-rows.ts): `account,mode,`
// for each mode; `,collateralGiven,` followed by each tier cell the account's positions show
// (csv-tier-cells.ts) or by none, each followed by the allocation's empty cells and the verdict
// (`,,,,verdict,`: a row without an allocation ends with the whole cell, one with it stops
// before them); those empty cells with the verdict alone, and `,verdict,`. They are laid out once per account as UTF-8 in one
// array kept from account to account, each cell a byte range of it, so an account makes no array
// per cell (encoding each cell into an array of its own allocated six small buffers an account, a
// tenth of the rows' cost); `place` copies them into the text area the rows are laid out in, where
// a row copies a cell with one call of the number kernel (shortest-double.ts's copyWithin).

import { MODE_NAMES, type AccountEvaluation } from '../../margin/evaluation.js';
import { csvTextCell } from '../format/csv-cell.js';
import { Utf8TextBuffer } from '../format/utf8-text-buffer.js';
import { tierCellBytes } from './csv-tier-cells.js';

/** Index of the `,collateralGiven,,,,,verdict,` cell (a position without a tier cell); the modes' prefixes come first, in MODE_NAMES order. */
export const COLLATERAL_RANGE = MODE_NAMES.length;
/** Index of the `,verdict,` cell. */
export const VERDICT_RANGE = MODE_NAMES.length + 1;
/** Index of the `,,,,verdict,` cell: the separator after the tier cell, the allocation's three empty cells and the verdict's. */
export const NO_ALLOCATION_RANGE = MODE_NAMES.length + 2;
/** Index of the first `,collateralGiven,tierCell,,,,verdict,` cell. */
const FIRST_TIER_RANGE = MODE_NAMES.length + 3;

/** Distinct tier cells an account's are compared with (by identity) before one is laid out again. */
const DEDUPLICATED_TIER_CELLS = 16;

const COMMA = 44;

/** What every row of one account shares; `set` lays it out for the next account, `place` copies it to where the rows are written. */
export class AccountRowCells {
  readonly #text = new Utf8TextBuffer(256);
  /** [start, end) of each cell in `bytes`, or where `place` put them: the modes' prefixes, COLLATERAL_RANGE, VERDICT_RANGE, NO_ALLOCATION_RANGE, then the tier cells. */
  ranges = new Int32Array(2 * (FIRST_TIER_RANGE + 4));
  /** The account's `,collateralGiven,tierCell,,,,verdict,` cells by venue and symbol (tierSnapshotCell's), as indexes of `ranges`; undefined: the evaluation does not say. */
  tiers: Map<string, Map<string, number>> | undefined = undefined;
  /** Room the cells take in a row at most (the longest prefix, the collateral and tier cell, the verdict and empty allocation cells). */
  fixedBytes = 0;
  /** Bytes of `,,,,verdict,`, the end of each collateral and tier cell. */
  noAllocationBytes = 0;
  /** The distinct tier cells laid out, by identity (tierCellBytes shares them), and their range indexes. */
  readonly #tierCells: Uint8Array[] = [];
  readonly #tierRanges: number[] = [];
  /** Cells laid out (ranges in use). */
  #count = 0;

  /** The cells' bytes (valid until the next `set`). */
  get bytes(): Uint8Array {
    return this.#text.view();
  }

  /** Lays out the cells of `evaluation`'s rows, `verdict` its safer mode; the ranges are in `bytes`. */
  set(evaluation: Pick<AccountEvaluation, 'account' | 'collateralGiven' | 'tierTables'>, verdict: string): void {
    const text = this.#text;
    text.clear();
    this.#count = 0;
    const account = csvTextCell(evaluation.account);
    let prefixBytes = 0;
    for (let mode = 0; mode < MODE_NAMES.length; mode++) {
      const start = text.length;
      text.text(account);
      text.ascii(COMMA);
      // A mode's name is plain text: its cell is the name itself (csvTextCell).
      text.text(MODE_NAMES[mode]!);
      text.ascii(COMMA);
      this.#range(mode, start, text.length);
      prefixBytes = Math.max(prefixBytes, text.length - start);
    }
    const collateral = evaluation.collateralGiven === undefined ? '' : String(evaluation.collateralGiven);
    const verdictCell = csvTextCell(verdict);
    let start = text.length;
    text.ascii(COMMA);
    text.text(verdictCell);
    text.ascii(COMMA);
    this.#range(VERDICT_RANGE, start, text.length);
    start = text.length;
    AccountRowCells.#noAllocation(text, verdictCell);
    this.#range(NO_ALLOCATION_RANGE, start, text.length);
    this.noAllocationBytes = text.length - start;
    start = text.length;
    text.ascii(COMMA);
    text.text(collateral);
    text.ascii(COMMA);
    AccountRowCells.#noAllocation(text, verdictCell);
    this.#range(COLLATERAL_RANGE, start, text.length);
    let tierBytes = 0;
    const tables = evaluation.tierTables;
    if (tables === undefined) this.tiers = undefined;
    else {
      // Venue → symbol → the cell of the first of the tables that lists it (tierSnapshotCell's).
      const index = new Map<string, Map<string, number>>();
      const cells = this.#tierCells;
      const cellRanges = this.#tierRanges;
      cells.length = 0;
      cellRanges.length = 0;
      let next = FIRST_TIER_RANGE;
      for (const use of tables) {
        const cell = tierCellBytes(use.origin, use.snapshotDate);
        let range = -1;
        for (let i = 0; i < cells.length; i++) {
          if (cells[i] === cell) {
            range = cellRanges[i]!;
            break;
          }
        }
        if (range < 0) {
          range = next++;
          if (cells.length < DEDUPLICATED_TIER_CELLS) {
            cells.push(cell);
            cellRanges.push(range);
          }
          start = text.length;
          text.ascii(COMMA);
          text.text(collateral);
          text.ascii(COMMA);
          text.bytes(cell);
          AccountRowCells.#noAllocation(text, verdictCell);
          this.#range(range, start, text.length);
          tierBytes = Math.max(tierBytes, cell.length);
        }
        let bySymbol = index.get(use.venue);
        if (bySymbol === undefined) index.set(use.venue, (bySymbol = new Map()));
        for (const symbol of use.symbols) if (!bySymbol.has(symbol)) bySymbol.set(symbol, range);
      }
      this.tiers = index;
      cells.length = 0;
    }
    this.fixedBytes = prefixBytes + this.#length(COLLATERAL_RANGE) + tierBytes;
  }

  /** Appends `,,,,verdictCell,`: the separator after the tier cell, the allocation's three empty cells, the verdict. */
  static #noAllocation(text: Utf8TextBuffer, verdictCell: string): void {
    for (let i = 0; i < 4; i++) text.ascii(COMMA);
    text.text(verdictCell);
    text.ascii(COMMA);
  }

  /** Copies the cells into `bytes` from `at` (room: `this.bytes.length`) and makes the ranges theirs there. */
  place(bytes: Uint8Array, at: number): void {
    const laid = this.#text.view();
    bytes.set(laid, at);
    const ranges = this.ranges;
    for (let i = 0; i < 2 * this.#count; i++) ranges[i]! += at;
  }

  #length(index: number): number {
    return this.ranges[2 * index + 1]! - this.ranges[2 * index]!;
  }

  #range(index: number, start: number, end: number): void {
    if (2 * index + 1 >= this.ranges.length) {
      const grown = new Int32Array(2 * this.ranges.length);
      grown.set(this.ranges);
      this.ranges = grown;
    }
    this.ranges[2 * index] = start;
    this.ranges[2 * index + 1] = end;
    if (index >= this.#count) this.#count = index + 1;
  }
}

// The cells every evaluate-CSV row of one account shares (csv-position-rows.ts): `account,mode,`
// for each mode, `,collateralGiven,`, `,verdict,` and the tier cells (csv-tier-cells.ts). They
// are laid out once per account as UTF-8 in one array kept from account to account,
// each cell a byte range of it, so an account makes no array per cell (encoding each cell into
// an array of its own allocated six small buffers an account, a tenth of the rows' cost).

import { MODE_NAMES, type AccountEvaluation } from '../../margin/evaluation.js';
import { csvTextCell } from '../format/csv-cell.js';
import { Utf8TextBuffer } from '../format/utf8-text-buffer.js';
import { tierBytes } from './csv-tier-cells.js';

/** Index in `AccountRowCells.ranges` of the `,collateralGiven,` cell; the modes' prefixes come first, in MODE_NAMES order. */
export const COLLATERAL_RANGE = MODE_NAMES.length;
/** Index in `AccountRowCells.ranges` of the `,verdict,` cell. */
export const VERDICT_RANGE = MODE_NAMES.length + 1;

const COMMA = 44;

/** What every row of one account shares; `set` lays it out for the next account. */
export class AccountRowCells {
  readonly #text = new Utf8TextBuffer(256);
  /** The cells' bytes (valid until the next `set`). */
  bytes: Uint8Array = this.#text.room(0);
  /** [start, end) of each cell in `bytes`: the modes' prefixes, then COLLATERAL_RANGE, VERDICT_RANGE. */
  readonly ranges = new Int32Array(2 * (MODE_NAMES.length + 2));
  /** The account's tier cells by venue and symbol, as bytes (tierSnapshotCell's); undefined: the evaluation does not say. */
  tiers: ReadonlyMap<string, ReadonlyMap<string, Uint8Array>> | undefined = undefined;
  /** Room the cells above take in a row at most (the longest prefix, collateral, verdict and tier cell). */
  fixedBytes = 0;

  /** Lays out the cells of `evaluation`'s rows, `verdict` its safer mode. */
  set(evaluation: Pick<AccountEvaluation, 'account' | 'collateralGiven' | 'tierTables'>, verdict: string): void {
    const text = this.#text;
    text.clear();
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
    let start = text.length;
    text.ascii(COMMA);
    if (evaluation.collateralGiven !== undefined) text.text(String(evaluation.collateralGiven));
    text.ascii(COMMA);
    this.#range(COLLATERAL_RANGE, start, text.length);
    start = text.length;
    text.ascii(COMMA);
    text.text(csvTextCell(verdict));
    text.ascii(COMMA);
    this.#range(VERDICT_RANGE, start, text.length);
    this.bytes = text.room(0);
    const tiers = evaluation.tierTables === undefined ? undefined : tierBytes(evaluation.tierTables);
    this.tiers = tiers?.index;
    this.fixedBytes = prefixBytes + this.#length(COLLATERAL_RANGE) + this.#length(VERDICT_RANGE) + (tiers?.maxBytes ?? 0);
  }

  #length(index: number): number {
    return this.ranges[2 * index + 1]! - this.ranges[2 * index]!;
  }

  #range(index: number, start: number, end: number): void {
    this.ranges[2 * index] = start;
    this.ranges[2 * index + 1] = end;
  }
}

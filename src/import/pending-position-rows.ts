// Parsed positions rows waiting for their duplicate-id check, which is made for a batch of rows
// at once. The ids of a file are remembered in a table far larger than the caches
// (id-fingerprint-set.ts); one lookup made in the middle of parsing a row waits for memory alone
// (measured ~350 ns), while the lookups of a batch made back to back overlap their waits. The
// rows are then settled in file order, so issues, books and their order are exactly those of
// checking each row as it is parsed: the duplicate-id issue comes last among its row's issues,
// as the check was the row's last.

import type { Issue } from '../domain/issue.js';
import type { Position } from '../domain/position.js';
import { IdFingerprintSet } from './id-fingerprint-set.js';
import { positionRowIssue } from './position-row-issues.js';

/** Rows held before their ids are checked together. */
const PENDING_ROWS_CAPACITY = 256;

/** One parsed row as the caller settles it. */
export interface SettledRow {
  /** The row's Position, or null when the row had any problem (its duplicate id included). */
  position: Position | null;
  account: string | undefined;
  line: number;
  /** The row's issues in order (null when none), the duplicate-id issue last. */
  issues: Issue[] | null;
  /** The `mark_price` cell as written (only read for a good row). */
  markCell(): string;
}

/** Parsed rows of one positions file awaiting their duplicate-id check (see the file header). */
export class PendingPositionRows {
  readonly #file: string;
  readonly #ids = new IdFingerprintSet();
  #count = 0;
  readonly #positions: (Position | null)[] = [];
  readonly #accounts: (string | undefined)[] = [];
  readonly #lines = new Float64Array(PENDING_ROWS_CAPACITY);
  readonly #issues: (Issue[] | null)[] = [];
  /** Id as two pieces, head + tail (an explicit id and '', or account and `:symbol:side`); head '' for none. */
  readonly #idHeads: string[] = [];
  readonly #idTails: string[] = [];
  readonly #hashA = new Int32Array(PENDING_ROWS_CAPACITY);
  readonly #hashB = new Int32Array(PENDING_ROWS_CAPACITY);
  /** Line of the id's first use, or 0 (filled by the check). */
  readonly #earlier = new Float64Array(PENDING_ROWS_CAPACITY);
  /** The text holding the row's mark cell, and the cell's place in it. */
  readonly #markTexts: string[] = [];
  readonly #markStarts = new Int32Array(PENDING_ROWS_CAPACITY);
  readonly #markEnds = new Int32Array(PENDING_ROWS_CAPACITY);
  /** The row being settled (reused: one object for every row). */
  readonly #settled: SettledRow & { index: number };

  constructor(fileLabel: string) {
    this.#file = fileLabel;
    const markTexts = this.#markTexts;
    const markStarts = this.#markStarts;
    const markEnds = this.#markEnds;
    this.#settled = {
      position: null,
      account: undefined,
      line: 0,
      issues: null,
      index: 0,
      markCell(): string {
        return markTexts[this.index]!.slice(markStarts[this.index]!, markEnds[this.index]!);
      },
    };
  }

  /** Make room in the id table for `rows` rows' ids in all (IdFingerprintSet.reserve), so it does not grow while they are read. */
  reserveIds(rows: number): void {
    this.#ids.reserve(rows);
  }

  /** Whether the batch is full: settle it before adding more. */
  get full(): boolean {
    return this.#count === PENDING_ROWS_CAPACITY;
  }

  /**
   * Hold one parsed row. `idHead` + `idTail`: its position id in two pieces, hashed piece by
   * piece so a default id is never flattened to be checked (head '' when the row has none).
   * `markText[markStart, markEnd)`: its mark cell.
   */
  add(
    position: Position | null,
    account: string | undefined,
    line: number,
    issues: Issue[] | null,
    idHead: string,
    idTail: string,
    markText: string,
    markStart: number,
    markEnd: number,
  ): void {
    const j = this.#count++;
    this.#positions[j] = position;
    this.#accounts[j] = account;
    this.#lines[j] = line;
    this.#issues[j] = issues;
    this.#idHeads[j] = idHead;
    this.#idTails[j] = idTail;
    if (idHead !== '') {
      const ids = this.#ids;
      ids.begin();
      ids.feed(idHead);
      ids.feed(idTail);
      this.#hashA[j] = ids.hashA;
      this.#hashB[j] = ids.hashB;
    }
    this.#markTexts[j] = markText;
    this.#markStarts[j] = markStart;
    this.#markEnds[j] = markEnd;
  }

  /** Check the held rows' ids in file order, then hand each row to `settle`, in order; the batch is then empty. */
  settleAll(settle: (row: SettledRow) => void): void {
    const count = this.#count;
    if (count === 0) return;
    const ids = this.#ids;
    const heads = this.#idHeads;
    for (let j = 0; j < count; j++) this.#earlier[j] = heads[j] === '' ? 0 : ids.addHashes(this.#hashA[j]!, this.#hashB[j]!, this.#lines[j]!);
    const row = this.#settled;
    for (let j = 0; j < count; j++) {
      row.index = j;
      row.account = this.#accounts[j];
      row.line = this.#lines[j]!;
      row.position = this.#positions[j]!;
      row.issues = this.#issues[j]!;
      const earlier = this.#earlier[j]!;
      if (earlier !== 0) {
        row.position = null;
        const issue = this.#duplicateIssue(j, earlier);
        if (row.issues === null) row.issues = [issue];
        else row.issues.push(issue);
      }
      settle(row);
      this.#positions[j] = null;
      this.#issues[j] = null;
    }
    this.#count = 0;
  }

  #duplicateIssue(j: number, earlier: number): Issue {
    const tail = this.#idTails[j]!;
    const how =
      tail === ''
        ? 'position ids must be unique in the file'
        : 'this is the default id account:symbol:side; merge the rows or give each a distinct position_id';
    return positionRowIssue(
      this.#file,
      this.#lines[j]!,
      this.#accounts[j],
      'duplicate-id',
      'position_id',
      `position id already used on line ${earlier}; ${how}`,
      this.#idHeads[j]! + tail,
    );
  }
}

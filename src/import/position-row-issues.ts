// The issues of the positions.csv row being parsed: each located on the row's first physical
// line, naming the canonical column, echoing the cell, and stamped with the row's account once it
// is known. Counts the row's problems, so the parser can tell a good row from a bad one, and
// holds them until the caller logs them (after the row's duplicate-id check, see
// pending-position-rows.ts), so every issue is logged in row order.

import { decimalProblem } from '../csv/decimal-field.js';
import type { Issue, IssueCode } from '../domain/issue.js';
import type { PositionColumn } from './position-columns.js';

/** An issue of a positions row, on `line`, stamped with `account` when it is known. */
export function positionRowIssue(
  file: string,
  line: number,
  account: string | undefined,
  code: IssueCode,
  column: PositionColumn | '',
  message: string,
  value?: string,
): Issue {
  const issue: Issue = { code, file, line, column, message };
  const withValue = value === undefined ? issue : { ...issue, value };
  return account === undefined ? withValue : { ...withValue, account };
}

export class PositionRowIssues {
  readonly #file: string;
  #line = 0;
  /** Account of the current row (undefined while unknown), stamped on its issues. */
  #account: string | undefined;
  /** Issues of the current row, in the order found (null while none). */
  #held: Issue[] | null = null;
  /** Problems found in the current row. */
  count = 0;

  constructor(fileLabel: string) {
    this.#file = fileLabel;
  }

  /** Start the row on physical `line`: no problems yet, account unknown. */
  begin(line: number): void {
    this.count = 0;
    this.#line = line;
    this.#account = undefined;
    this.#held = null;
  }

  /** The current row's issues in the order found (null when none); the row no longer holds them. */
  takeHeld(): Issue[] | null {
    const held = this.#held;
    this.#held = null;
    return held;
  }

  /** Stamp `account` (undefined: it could not be read) on the row's issues from now on. */
  setAccount(account: string | undefined): void {
    this.#account = account;
  }

  /** One problem of the row; `value` is the cell as written, when there is one to echo. */
  problem(code: IssueCode, column: PositionColumn | '', message: string, value?: string): void {
    this.count++;
    const issue = positionRowIssue(this.#file, this.#line, this.#account, code, column, message, value);
    if (this.#held === null) this.#held = [issue];
    else this.#held.push(issue);
  }

  /** Why `cell` of a numeric column is not a number (empty cells are reported without a value). */
  numberProblem(column: PositionColumn, cell: string): void {
    const problem = decimalProblem(cell);
    if (problem.code === 'missing-value') this.problem('missing-value', column, 'required value is empty');
    else this.problem(problem.code, column, problem.message, cell);
  }
}

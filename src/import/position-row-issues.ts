// The issues of the positions.csv row being parsed: each located on the row's first physical
// line, naming the canonical column, echoing the cell, and stamped with the row's account once it
// is known. Counts the row's problems, so the parser can tell a good row from a bad one.

import { decimalProblem } from '../csv/decimal-field.js';
import type { Issue, IssueCode } from '../domain/issue.js';
import type { IssueLog } from './issue-log.js';
import type { PositionColumn } from './position-columns.js';

export class PositionRowIssues {
  readonly #file: string;
  readonly #log: IssueLog;
  #line = 0;
  /** Account of the current row (undefined while unknown), stamped on its issues. */
  #account: string | undefined;
  /** Problems found in the current row. */
  count = 0;

  constructor(fileLabel: string, log: IssueLog) {
    this.#file = fileLabel;
    this.#log = log;
  }

  /** Physical line of the current row. */
  get line(): number {
    return this.#line;
  }

  /** Start the row on physical `line`: no problems yet, account unknown. */
  begin(line: number): void {
    this.count = 0;
    this.#line = line;
    this.#account = undefined;
  }

  /** Stamp `account` (undefined: it could not be read) on the row's issues from now on. */
  setAccount(account: string | undefined): void {
    this.#account = account;
  }

  /** One problem of the row; `value` is the cell as written, when there is one to echo. */
  problem(code: IssueCode, column: PositionColumn | '', message: string, value?: string): void {
    this.count++;
    const issue: Issue = { code, file: this.#file, line: this.#line, column, message };
    const withValue = value === undefined ? issue : { ...issue, value };
    this.#log.add(this.#account === undefined ? withValue : { ...withValue, account: this.#account });
  }

  /** Why `cell` of a numeric column is not a number (empty cells are reported without a value). */
  numberProblem(column: PositionColumn, cell: string): void {
    const problem = decimalProblem(cell);
    if (problem.code === 'missing-value') this.problem('missing-value', column, 'required value is empty');
    else this.problem(problem.code, column, problem.message, cell);
  }
}

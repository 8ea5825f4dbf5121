// Collects the issues of one file into the caller's array, up to a limit: a file of a million bad
// rows must not produce a million lines nor exhaust memory. Past the limit issues are counted, and
// one closing issue says how many were left out. Each kept value is a short copy, never a view
// into the file's text.

import type { Issue } from '../domain/issue.js';
import { keptValue } from './detached-string.js';

/** Default most issues listed per file. */
export const DEFAULT_MAX_ISSUES = 10_000;

export class IssueLog {
  readonly #target: Issue[];
  readonly #max: number;
  #added = 0;
  #dropped = 0;

  constructor(target: Issue[], maxIssues: number = DEFAULT_MAX_ISSUES) {
    this.#target = target;
    this.#max = maxIssues;
  }

  /** Issues seen so far (listed or not). */
  get count(): number {
    return this.#added + this.#dropped;
  }

  /** Keep `issue` (its value cut to a bounded copy), or count it past the limit. */
  add(issue: Issue): void {
    if (this.#added < this.#max) {
      this.#target.push(issue.value === undefined || issue.value.length < 13 ? issue : { ...issue, value: keptValue(issue.value) });
      this.#added++;
    } else {
      this.#dropped++;
    }
  }

  /** Append the closing "N more" issue when some were left out; call once at end of file. */
  close(fileLabel: string): void {
    if (this.#dropped === 0) return;
    this.#target.push({
      code: 'out-of-range',
      file: fileLabel,
      line: 0,
      column: '',
      message: `${this.#dropped} more problems in this file are not listed (only the first ${this.#max} are); fix these and run again`,
    });
    this.#dropped = 0;
  }
}

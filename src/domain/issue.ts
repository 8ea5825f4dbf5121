// Input problems as values: every bad row becomes one Issue, collected next to the good rows.
// The CLI decides whether to stop; the core never throws for bad input.

/** Machine-readable kind of input problem. Wording lives in the message, not in the code. */
export type IssueCode =
  | 'missing-file'
  | 'empty-file'
  | 'header-only'
  | 'missing-column'
  | 'missing-value'
  | 'not-a-number'
  | 'not-finite'
  | 'not-positive'
  | 'negative'
  | 'out-of-range'
  | 'unknown-value'
  | 'duplicate-id'
  | 'unknown-symbol'
  | 'unknown-venue'
  | 'unknown-account'
  | 'inconsistent'
  | 'malformed-csv'
  | 'malformed-json'
  | 'no-collateral-price'
  | 'unsupported';

/** One input problem, located in a file as precisely as possible. */
export interface Issue {
  readonly code: IssueCode;
  /** File name as the user gave it (or a label such as `--wallet`). */
  readonly file: string;
  /** 1-based physical line number in the file; 0 when the problem is about the file as a whole. */
  readonly line: number;
  /** Column (canonical name) or JSON field path; '' when not about one column. */
  readonly column: string;
  /** What is wrong, in plain words, without the offending value. */
  readonly message: string;
  /** The offending value as it appeared in the input, if any. */
  readonly value?: string;
  /** The account the row belongs to, when known (lets one bad row fail only its account). */
  readonly account?: string;
}

/** Longest value echoed back in an error line; hostile inputs must not flood the terminal. */
const MAX_ECHOED_VALUE_CHARS = 60;

/**
 * Printable, bounded rendering of a user-supplied value, escaped once: control characters become
 * `\xNN`; quotes and backslashes are shown as they are (the value sits between quotes in the
 * message, and a second escaping would print `abc\\def` for `abc\def`).
 */
export function echoValue(value: string): string {
  const visible = value.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return visible.length > MAX_ECHOED_VALUE_CHARS ? `${visible.slice(0, MAX_ECHOED_VALUE_CHARS)}…` : visible;
}

/**
 * The one-line form the contract fixes: `FILE:LINE: column COL: what is wrong (got VALUE)`.
 * Parts that do not apply are left out (no line for whole-file problems, no column, no value).
 */
export function formatIssue(issue: Issue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  const column = issue.column !== '' ? ` column ${issue.column}:` : '';
  const got = issue.value !== undefined ? ` (got "${echoValue(issue.value)}")` : '';
  return `${where}:${column} ${issue.message}${got}`;
}

/** Issues in file, then line order, so a user reads them top to bottom. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

// One CSV cell, RFC 4180 quoted. Text cells are also defused against spreadsheet formula
// injection: a user-supplied id such as `=HYPERLINK(...)` must not run when the file is opened.

/** Characters that make a spreadsheet treat a cell as a formula when they lead it. */
const FORMULA_LEADERS = /^[=+\-@\t\r]/;

/** Characters that force a cell to be quoted (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A text cell: prefixed with `'` and quoted when it starts like a formula (`= + - @`, tab, CR),
 * quoted when it holds a comma, quote or line break, with inner quotes doubled.
 * Example: `csvTextCell('=1+1')` → `"'=1+1"`; `csvTextCell('a,b')` → `"a,b"`.
 */
export function csvTextCell(text: string): string {
  if (FORMULA_LEADERS.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A number cell in its shortest round-trip form (`-0.0316`, `91250.5`); empty for null.
 * Numbers are produced by us, so a leading minus is a sign, not a formula, and is left as is.
 */
export function csvNumberCell(value: number | null): string {
  if (value === null) return '';
  if (!Number.isFinite(value)) throw new Error(`csvNumberCell: expected a finite number, got ${value}`);
  return Object.is(value, -0) ? '0' : String(value);
}

/** One CSV line (without the line terminator) from already-encoded cells. */
export function csvLine(cells: readonly string[]): string {
  return cells.join(',');
}

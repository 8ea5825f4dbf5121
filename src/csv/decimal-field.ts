// Reads a numeric CSV cell: plain decimals with an optional sign and exponent (`12`, `-0.5`,
// `+1.25e3`, `.5`). Rejected, each with its own explanation: empty cells, `NaN`, `Infinity` and
// overflow, hexadecimal/octal/binary literals, and commas in numbers. Commas are refused whatever
// the delimiter: `1,234` is one thousand two hundred and thirty-four in one locale and 1.234 in
// another, and guessing wrong moves a price or a size by a factor of a thousand. Write `1234.5`.

import type { IssueCode } from '../domain/issue.js';

/** Powers of ten exactly representable as doubles (10^0 … 10^22). */
const EXACT_POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/** Most significant digits the fast path takes: 10^15 < 2^53, so the digits form an exact integer. */
const FAST_PATH_MAX_SIGNIFICANT_DIGITS = 15;

/**
 * `text.slice(start, end)` read as a number without building the string, when it is a plain
 * decimal `[+-]digits[.digits]` with at most 15 significant digits and 22 after the point; NaN
 * for anything else (the caller then falls back to `parseDecimalCell`). Exactly `Number()`'s
 * result: the digits form an integer m < 2^53 and the point a power 10^k with k <= 22, both
 * exact doubles, so the one IEEE division m / 10^k is the correctly rounded value of the
 * decimal, as Number() gives (Clinger's fast path: W. D. Clinger, "How to Read Floating Point
 * Numbers Accurately", PLDI 1990, https://doi.org/10.1145/93548.93557).
 * Example: `parsePlainDecimalAt('x,61000.5,', 2, 9)` → 61000.5.
 */
export function parsePlainDecimalAt(text: string, start: number, end: number): number {
  if (start >= end) return NaN;
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === 45;
  if (negative || c === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let significant = 0;
  let fractionDigits = 0;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    if (mantissa !== 0) significant++;
  }
  if (i < end && c === 46) {
    for (i++; i < end; i++) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      fractionDigits++;
      if (mantissa !== 0) significant++;
    }
  }
  if (i !== end || digits === 0 || significant > FAST_PATH_MAX_SIGNIFICANT_DIGITS || fractionDigits >= EXACT_POWERS_OF_TEN.length) {
    return NaN;
  }
  const value = fractionDigits === 0 ? mantissa : mantissa / EXACT_POWERS_OF_TEN[fractionDigits]!;
  return negative ? -value : value;
}

/**
 * The number in `cell`, or NaN when it is not a plain finite decimal (then `decimalProblem`
 * explains why). Cost: one `Number()` plus two character tests; no regular expression.
 * Example: `parseDecimalCell(' 1.5e3 ')` → 1500; `parseDecimalCell('0x10')` → NaN.
 */
export function parseDecimalCell(cell: string): number {
  const value = Number(cell);
  // Number() is NaN for junk and ±Infinity for `Infinity`/overflow: both fail `v - v === 0`.
  if (value - value !== 0) return NaN;
  // Number() also reads '' and blanks as 0, and accepts 0x / 0o / 0b prefixes.
  const text = cell.length > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32) ? cell.trim() : cell;
  if (text.length === 0) return NaN;
  if (text.length > 2 && text.charCodeAt(0) === 48) {
    const second = text.charCodeAt(1) | 0x20;
    if (second === 0x78 || second === 0x6f || second === 0x62) return NaN;
  }
  return value;
}

interface DecimalProblem {
  readonly code: IssueCode;
  readonly message: string;
}

/** Why `cell` was rejected by `parseDecimalCell` (only called on the error path). */
export function decimalProblem(cell: string): DecimalProblem {
  const text = cell.trim();
  if (text.length === 0) return { code: 'missing-value', message: 'value is empty' };
  const lower = text.toLowerCase();
  if (/^[+-]?nan$/.test(lower)) return { code: 'not-a-number', message: 'NaN is not a number' };
  if (/^[+-]?(inf|infinity)$/.test(lower)) return { code: 'not-finite', message: 'must be a finite number' };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lower)) return { code: 'not-finite', message: 'number too large to be finite' };
  if (/^0[xob]/.test(lower)) return { code: 'not-a-number', message: 'hexadecimal, octal and binary numbers are not accepted; write a plain decimal' };
  if (text.includes(',')) {
    return {
      code: 'not-a-number',
      message: 'number contains a comma; write plain decimals with a point and no thousands separators (e.g. 1234.5)',
    };
  }
  if (text.endsWith('%')) return { code: 'not-a-number', message: 'percent signs are not accepted; write a fraction (0.5% is 0.005)' };
  return { code: 'not-a-number', message: 'not a number' };
}

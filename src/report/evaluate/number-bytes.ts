// Numbers appended to a UTF-8 buffer exactly as `String(x)` writes them, without making a string
// for most of them: the hot path of a large `evaluate --format csv`, where turning numbers into
// text was the largest single cost. Values with a short decimal form (input sizes, prices,
// leverage, balances) are written digit by digit; the others go through `String(x)` once and
// are remembered, since the same value recurs on the rows of one position in the three modes.
//
// Why the short path is exact. `String(v)` (ECMA-262 Number::toString) writes the decimal
// s × 10^(n−k) with the fewest digits k whose value rounds to v (the nearest such when several).
// Take J the largest level with v·10^J < 2^50 (J ≤ 22, so 10^J is an exact double) and
// m = round(v·10^J). Then:
//   - a decimal with J fractional digits, m'·10^−J, rounds to v iff m' / 10^J === v in doubles
//     (m' < 2^50 and 10^J are exact, and IEEE division rounds correctly);
//   - the rounding interval of v, scaled by 10^J, is narrower than v·10^J·2^−52 < 1/4, so it
//     holds at most one integer m', and |fl(v·10^J) − m'| < 1/8 + 1/8 < 1/2, so round() finds it;
//   - any shorter decimal with at most J fractional digits is that same m' with its trailing
//     zeros dropped (it is also a J-digit decimal, and there is only one), and one with more
//     fractional digits has more significant digits (a decimal with fewer integer digits would put
//     a power of ten inside v's rounding interval, making v an integer or the shortest form "1");
// so when m / 10^J === v, m without its trailing zeros (each dropping one fractional digit) is
// the shortest form and the only one of its length. Otherwise, or when the form would be
// exponential (below 1e−6), String(v) is used.

import type { Utf8TextBuffer } from '../format/utf8-text-buffer.js';

/** 2^50: the bound on v·10^J (see the header). */
const LIMIT = 1125899906842624;
/** 10^0 … 10^22, every one an exact double. */
const POW10 = Array.from({ length: 23 }, (_, j) => Number(`1e${j}`));

const MINUS = 45;
const DOT = 46;
const ZERO = 48;

/** Slots of the cache of long forms (a power of two). */
const CACHE_SLOTS = 1 << 16;
const cacheKeys = new Float64Array(CACHE_SLOTS).fill(NaN);
const cacheTexts: string[] = new Array<string>(CACHE_SLOTS).fill('');
const hashBits = new Float64Array(1);
const hashWords = new Int32Array(hashBits.buffer);

/** Decimal digits of an integer 0 < m < 2^50, most significant first, in `digits[0, count)`. */
const digits = new Uint8Array(16);
function digitsOf(m: number): number {
  // Two parts of at most 8 digits each, so every division below is an int32 one.
  const high = Math.floor(m / 1e8);
  let low = m - high * 1e8;
  if (high === 0) {
    let count = 0;
    for (let t = low; t > 0; t = (t / 10) | 0) count++;
    for (let at = count - 1; at >= 0; at--) {
      const q = (low / 10) | 0;
      digits[at] = ZERO + low - q * 10;
      low = q;
    }
    return count;
  }
  let count = 8;
  for (let t = high; t > 0; t = (t / 10) | 0) count++;
  for (let at = count - 1; at >= count - 8; at--) {
    const q = (low / 10) | 0;
    digits[at] = ZERO + low - q * 10;
    low = q;
  }
  let rest = high;
  for (let at = count - 9; at >= 0; at--) {
    const q = (rest / 10) | 0;
    digits[at] = ZERO + rest - q * 10;
    rest = q;
  }
  return count;
}

/** Appends `String(v)` for a finite v > 0 from its cache, filling the slot on a miss. */
function longFormInto(out: Utf8TextBuffer, v: number): void {
  hashBits[0] = v;
  const slot = (Math.imul(hashWords[0]! ^ Math.imul(hashWords[1]!, 0x9e3779b1), 0x85ebca6b) >>> 16) & (CACHE_SLOTS - 1);
  if (cacheKeys[slot] === v) {
    out.text(cacheTexts[slot]!);
    return;
  }
  const text = String(v);
  cacheKeys[slot] = v;
  cacheTexts[slot] = text;
  out.text(text);
}

/**
 * Appends `String(value)` for a finite, non-zero number (the caller writes 0, null and throws on
 * non-finite ones as its cell rules say).
 */
export function finiteNumberInto(out: Utf8TextBuffer, value: number): void {
  let v = value;
  if (v < 0) {
    // Number::toString(−v) is "-" followed by Number::toString(v).
    out.ascii(MINUS);
    v = -v;
  }
  if (!(v < LIMIT) || v < 1e-7) return longFormInto(out, v);
  let j = 0;
  while (j < 22 && v * POW10[j + 1]! < LIMIT) j++;
  const m = Math.round(v * POW10[j]!);
  if (m / POW10[j]! !== v) return longFormInto(out, v);
  let count = digitsOf(m);
  // Trailing zeros of fractional digits dropped (each one a level less).
  while (j > 0 && digits[count - 1] === ZERO) {
    count--;
    j--;
  }
  const integerDigits = count - j;
  if (integerDigits <= -6) return longFormInto(out, v);
  if (integerDigits <= 0) {
    out.ascii(ZERO);
    out.ascii(DOT);
    for (let z = integerDigits; z < 0; z++) out.ascii(ZERO);
    for (let d = 0; d < count; d++) out.ascii(digits[d]!);
    return;
  }
  for (let d = 0; d < count; d++) {
    if (d === integerDigits) out.ascii(DOT);
    out.ascii(digits[d]!);
  }
}

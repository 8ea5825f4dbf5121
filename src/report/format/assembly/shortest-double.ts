// AssemblyScript source of the shortest-double kernel (compiled by `npm run build`, see
// scripts/build-kernels.mjs; the host is src/report/format/shortest-double.ts, which writes the
// tables into the memory and copies the text out). Not TypeScript for tsc: `u64`, `i32`, `usize`,
// `load<T>`, `store<T>` and `reinterpret<T>` are AssemblyScript's.
//
// `shortest(v)` writes the ASCII text of JavaScript's `String(v)` for a finite, non-zero double v
// (ECMA-262 Number::toString): the decimal s × 10^e with the fewest digits that rounds back to v,
// the nearest to v when several have that many (ties to the even one), laid out in decimal
// notation for 1e−7 <= |v| < 1e21 and as d.ddde±x otherwise. The decimal comes from the Schubfach
// algorithm ("The Schubfach way to render doubles", Raffaello Giulietti, 2021), without the
// two-digit minimum Java's Double.toString adds: with v = c · 2^q,
//   the rounding interval R = [(c − 1/2) 2^q, (c + 1/2) 2^q] (its lower end (c − 1/4) 2^q when
//   c = 2^52 and q > −1074, where the spacing below v halves), closed when c is even, open when odd;
//   k = ⌊log10 2^q⌋ (⌊log10 (3/4) 2^q⌋ in that irregular case), so 10^k <= |R| < 10^(k+1);
//   vb, vbl, vbr = 4v, 4·(lower end), 4·(upper end), each divided by 10^k and rounded to odd
//   (the exact floor, with the last bit set when anything was dropped), from one 126-bit g(k);
//   s = ⌊vb / 4⌋ = ⌊v / 10^k⌋, t = s + 1;
//   R holds at most one multiple of 10^(k+1); if exactly one of 10⌊s/10⌋ and 10⌊s/10⌋ + 10 is in R
//   (times 10^k) it is the shortest decimal, and the only one of its length;
//   otherwise the shortest are multiples of 10^k, all of one length: s and t are the two nearest v,
//   at least one is in R (|R| >= 10^k); if both, the nearer (vb against 4s + 2; a tie takes the
//   even one).
// An integer v < 2^53 is written from its integer value directly. Trailing zeros of the digits
// are then dropped (each one raising e), so the digits are those of Number::toString.

import { DIGIT_PAIRS_AT, DIGITS_AT, K_MIN, POWERS_AT, TEXT_AT } from '../shortest-double-memory';
import {
  LOG10_2_MULTIPLIER,
  LOG10_2_SHIFT,
  LOG10_3_QUARTERS_MULTIPLIER,
  LOG10_3_QUARTERS_OFFSET,
  LOG10_3_QUARTERS_SHIFT,
  LOG2_10_MULTIPLIER,
  LOG2_10_SHIFT,
} from '../floor-logarithms';

/** 2^52, the smallest significand of a normal double (its implicit bit). */
const C_MIN: u64 = 0x10000000000000;
/** The exponent q of the subnormals and of the smallest normals. */
const Q_MIN: i32 = -1074;
const MASK_32: u64 = 0xffffffff;
const MASK_63: u64 = 0x7fffffffffffffff;
/** ASCII codes. */
const MINUS: u8 = 45;
const DOT: u8 = 46;
const ZERO: u8 = 48;
const LETTER_E: u8 = 101;
const PLUS: u8 = 43;
/** Eight ASCII zeros, and "0.000000", as little-endian u64 words. */
const ZEROS_8: u64 = 0x3030303030303030;
const ZERO_POINT_ZEROS: u64 = 0x3030303030302e30;

/** ⌊a · b / 2^64⌋ for a, b < 2^64, from four 32 × 32-bit products. */
@inline function multiplyHigh(a: u64, b: u64): u64 {
  const a0 = a & MASK_32;
  const a1 = a >> 32;
  const b0 = b & MASK_32;
  const b1 = b >> 32;
  const low = a0 * b0;
  const cross0 = a0 * b1;
  const cross1 = a1 * b0;
  const middle = (low >> 32) + (cross0 & MASK_32) + (cross1 & MASK_32);
  return a1 * b1 + (cross0 >> 32) + (cross1 >> 32) + (middle >> 32);
}

/**
 * ⌊x / 10⌋ for any x < 2^64, without a 64-bit division (tens of cycles; V8 does not turn it into a
 * product): ⌊x · m / 2^67⌋ with m = ⌈2^67 / 10⌉ = 0xCCCCCCCCCCCCCCCD, exact as m · 10 − 2^67 = 2
 * makes the error x · 2 / (10 · 2^67) < 1/10 ≤ 1 − (x mod 10)/10 … for the fraction it could push over.
 */
@inline function divideBy10(x: u64): u64 {
  return multiplyHigh(x, 0xcccccccccccccccd) >> 3;
}

/**
 * ⌊x / 10^8⌋ for x < 2^57 (a significand below 10^17): ⌊x · m / 2^90⌋ with m = ⌈2^90 / 10^8⌉ =
 * 0xABCC77118461CEFD; m · 10^8 − 2^90 < 10^8, so the error x · (m · 10^8 − 2^90) / (10^8 · 2^90) is
 * below 2^57 / 2^90 < 10^−8, less than the distance from x / 10^8 to the next integer.
 */
@inline function divideBy1e8(x: u64): u64 {
  return multiplyHigh(x, 0xabcc77118461cefd) >> 26;
}

/**
 * cp · g / 2^127 rounded to odd, g = g1 · 2^63 + g0 (g0 < 2^63, cp < 2^62):
 *   cp · g / 2^127 = y1 + (y0 / 2 + x1) / 2^63 + (bits below), with y1 · 2^64 + y0 = g1 · cp and
 *   x1 = ⌊g0 · cp / 2^64⌋; z = ⌊y0 / 2⌋ + x1 < 2^64; the result is y1 + ⌊z / 2^63⌋ with its last
 *   bit set when z mod 2^63 is not zero (Giulietti, section 9.9).
 */
@inline function roundToOdd(g1: u64, g0: u64, cp: u64): u64 {
  const x1 = multiplyHigh(g0, cp);
  const y0 = g1 * cp;
  const y1 = multiplyHigh(g1, cp);
  const z = (y0 >> 1) + x1;
  return (y1 + (z >> 63)) | (((z & MASK_63) + MASK_63) >> 63);
}

/** The significand and the exponent of the decimal chosen for the last v. */
let decimalSignificand: u64 = 0;
let decimalExponent: i32 = 0;

/** Chooses the decimal of v = c · 2^q (c >= 1) as the header says, into the two globals above. */
function chooseDecimal(c: u64, q: i32): void {
  if (q <= 0 && q > -53 && (c & ((<u64>1 << <u64>-q) - 1)) == 0) {
    decimalSignificand = c >> <u64>-q;
    decimalExponent = 0;
    return;
  }
  const odd: u64 = c & 1;
  const cb = c << 2;
  const cbr = cb + 2;
  let cbl: u64;
  let k: i32;
  if (c != C_MIN || q == Q_MIN) {
    cbl = cb - 2;
    k = (q * LOG10_2_MULTIPLIER) >> LOG10_2_SHIFT;
  } else {
    cbl = cb - 1;
    k = (q * LOG10_3_QUARTERS_MULTIPLIER - LOG10_3_QUARTERS_OFFSET) >> LOG10_3_QUARTERS_SHIFT;
  }
  // cb · 2^q / 10^k = (cb << h) · g(k) / 2^127, h in [2, 5].
  const h = <u64>(q + ((-k * LOG2_10_MULTIPLIER) >> LOG2_10_SHIFT) + 2);
  const entry: usize = POWERS_AT + (<usize>(k - K_MIN) << 4);
  const g1 = load<u64>(entry);
  const g0 = load<u64>(entry, 8);
  const vb = roundToOdd(g1, g0, cb << h);
  const vbl = roundToOdd(g1, g0, cbl << h);
  const vbr = roundToOdd(g1, g0, cbr << h);
  const s = vb >> 2;
  decimalExponent = k;
  // A multiple of 10^(k+1) in R: u' = 10⌊s/10⌋, w' = u' + 10 (times 10^k). "x · 10^k in R" is
  // vbl + odd <= 4x for the lower end and 4x + odd <= vbr for the upper (exact for rounded-to-odd
  // ends, 4x being even).
  const sp10 = divideBy10(s) * 10;
  const tp10 = sp10 + 10;
  const upin = vbl + odd <= sp10 << 2;
  const wpin = (tp10 << 2) + odd <= vbr;
  if (upin != wpin) {
    decimalSignificand = upin ? sp10 : tp10;
    return;
  }
  const t = s + 1;
  const uin = vbl + odd <= s << 2;
  const win = (t << 2) + odd <= vbr;
  if (uin != win) {
    decimalSignificand = uin ? s : t;
    return;
  }
  // Both in R: the nearer to v; vb is even only when exact, so vb = 4s + 2 is a true tie.
  const midpoint = (s << 2) + 2;
  decimalSignificand = vb < midpoint || (vb == midpoint && (s & 1) == 0) ? s : t;
}

/** Writes the two ASCII digits of x < 100 at `at`. */
@inline function pairAt(at: usize, x: u32): void {
  store<u16>(at, load<u16>(DIGIT_PAIRS_AT + (<usize>x << 1)));
}

/** Writes the 8 digits of x < 10^8 (leading zeros included) at `at`. */
@inline function eightDigitsAt(at: usize, x: u32): void {
  const high = x / 10000;
  const low = x - high * 10000;
  const a = high / 100;
  const b = low / 100;
  pairAt(at, a);
  pairAt(at + 2, high - a * 100);
  pairAt(at + 4, b);
  pairAt(at + 6, low - b * 100);
}

/** Copies 24 bytes from `from` to `to` (every copy below needs at most 17; the rest is scratch). */
@inline function copy24(to: usize, from: usize): void {
  store<u64>(to, load<u64>(from));
  store<u64>(to, load<u64>(from, 8), 8);
  store<u64>(to, load<u64>(from, 16), 16);
}

/** Writes the decimal digits of 0 < x < 1000 ending at `end`; returns where they start. */
function smallDigitsBefore(end: usize, x: u32): usize {
  if (x >= 100) {
    store<u8>(end - 3, ZERO + <u8>(x / 100));
    pairAt(end - 2, x % 100);
    return end - 3;
  }
  if (x >= 10) {
    pairAt(end - 2, x);
    return end - 2;
  }
  store<u8>(end - 1, ZERO + <u8>x);
  return end - 1;
}

/**
 * `shortest(v) -> length`: writes String(v) for a finite, non-zero v at TEXT_AT and returns its
 * length in bytes (at most 25: a sign, "0.", five zeros, 17 digits).
 */
export function shortest(v: f64): i32 {
  return <i32>(shortestAt(v, TEXT_AT) - TEXT_AT);
}

/**
 * `shortestAt(v, textAt) -> end`: writes String(v) for a finite, non-zero v at `textAt` (anywhere
 * in the memory past the tables, e.g. a host's text area) and returns where it ends; the 64 bytes
 * from `textAt` may be scribbled beyond the text.
 */
export function shortestAt(v: f64, textAt: usize): usize {
  const bits = reinterpret<u64>(v);
  let at: usize = textAt;
  if (<i64>bits < 0) {
    store<u8>(at, MINUS);
    at++;
  }
  const fraction = bits & (C_MIN - 1);
  const biased = <i32>(bits >> 52) & 0x7ff;
  if (biased == 0) chooseDecimal(fraction, Q_MIN);
  else chooseDecimal(fraction | C_MIN, biased - 1075);

  // The significand f < 10^17 as exactly 17 digits at [DIGITS_AT, DIGITS_AT + 17): f = high · 10^8
  // + low, high < 10^9 a digit and 8 more; then its leading and trailing zeros skipped, counted
  // eight characters at a time (a word XOR eight zeros has a zero byte for each '0' character; in
  // a little-endian word the first character is the low byte).
  const f = decimalSignificand;
  const high = <u32>divideBy1e8(f);
  const top = high / 100000000;
  store<u8>(DIGITS_AT, ZERO + <u8>top);
  eightDigitsAt(DIGITS_AT + 1, high - top * 100000000);
  eightDigitsAt(DIGITS_AT + 9, <u32>(f - <u64>high * 100000000));
  let start: usize = DIGITS_AT;
  let word = load<u64>(start) ^ ZEROS_8;
  while (word == 0) {
    start += 8;
    word = load<u64>(start) ^ ZEROS_8;
  }
  start += <usize>(ctz(word) >> 3);
  let end: usize = DIGITS_AT + 17;
  word = load<u64>(end - 8) ^ ZEROS_8;
  while (word == 0) {
    end -= 8;
    word = load<u64>(end - 8) ^ ZEROS_8;
  }
  end -= <usize>(clz(word) >> 3);
  const count = <i32>(end - start);
  // Number::toString's layout, with n the position of the decimal point (v = 0.d1d2… × 10^n).
  const n = count + decimalExponent + <i32>(DIGITS_AT + 17 - end);
  if (count <= n && n <= 21) {
    copy24(at, start);
    for (let i = count; i < n; i += 8) store<u64>(at + <usize>i, ZEROS_8);
    return at + <usize>n;
  }
  if (0 < n && n <= 21) {
    copy24(at, start);
    store<u8>(at + <usize>n, DOT);
    copy24(at + <usize>n + 1, start + <usize>n);
    return at + <usize>count + 1;
  }
  if (-6 < n && n <= 0) {
    store<u64>(at, ZERO_POINT_ZEROS);
    at += <usize>(2 - n);
    copy24(at, start);
    return at + <usize>count;
  }
  store<u8>(at, load<u8>(start));
  at++;
  if (count > 1) {
    store<u8>(at, DOT);
    copy24(at + 1, start + 1);
    at += <usize>count;
  }
  store<u8>(at, LETTER_E);
  let exponent = n - 1;
  if (exponent < 0) {
    store<u8>(at + 1, MINUS);
    exponent = -exponent;
  } else {
    store<u8>(at + 1, PLUS);
  }
  const textEnd = at + 2 + (exponent >= 100 ? 3 : exponent >= 10 ? 2 : 1);
  smallDigitsBefore(textEnd, <u32>exponent);
  return textEnd;
}

/**
 * `copyWithin(to, from, length)`: copies bytes [from, from + length) of the memory to `to`
 * (memory.copy: overlapping ranges as memmove), for a host laying out text in the memory, where
 * one call costs about what copying eight bytes one by one from JavaScript does.
 */
export function copyWithin(to: usize, from: usize, length: usize): void {
  memory.copy(to, from, length);
}

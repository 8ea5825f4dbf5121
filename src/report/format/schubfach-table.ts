// The table of 126-bit powers of ten of the shortest-double kernel, computed exactly with BigInt
// when the kernel is first loaded, never copied from elsewhere: `schubfachTable` (about 2 ms) walks
// the powers of ten one multiplication at a time and takes ⌊log2 10^e⌋ from floor-logarithms.ts;
// `schubfachPower`, the readable form of one entry (about 10 ms for the whole table), is the
// reference its test holds it to.
//
// For each k in [K_MIN, K_MAX] (every ⌊log10 2^q⌋ of a double) the kernel divides by 10^k by
// multiplying with
//   g(k) = ⌊10^−k · 2^−r⌋ + 1,   r = ⌊log2 10^−k⌋ − 125,
// that is 10^−k scaled into [2^125, 2^126) and rounded up: 2^125 < g(k) < 2^126 (a test checks it).
// "The Schubfach way to render doubles" (Raffaello Giulietti, 2021, section 9) shows that with this
// g the kernel's 64 × 126-bit product, rounded to odd, decides membership in the rounding interval
// and the nearer decimal exactly as the real product would. Stored as g >> 63 and g & (2^63 − 1),
// so the kernel multiplies 63-bit halves.

import { LOG2_10_MULTIPLIER, LOG2_10_SHIFT } from './floor-logarithms.js';
import { K_MAX, K_MIN } from './shortest-double-memory.js';

const MASK_63 = (1n << 63n) - 1n;

/** Bits of a positive BigInt. */
function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** ⌊log2 10^e⌋ for an integer e, exactly (10^e is a power of two only at e = 0). */
export function floorLog2Pow10(e: number): number {
  if (e === 0) return 0;
  const power = 10n ** BigInt(Math.abs(e));
  return e > 0 ? bitLength(power) - 1 : -bitLength(power);
}

/** g(k) as in the header. */
export function schubfachPower(k: number): bigint {
  const e = -k;
  const r = floorLog2Pow10(e) - 125;
  if (e >= 0) {
    const power = 10n ** BigInt(e);
    return (r >= 0 ? power >> BigInt(r) : power << BigInt(-r)) + 1n;
  }
  // 10^e · 2^−r = 2^−r / 10^−e, with −r > 0.
  return (1n << BigInt(-r)) / 10n ** BigInt(-e) + 1n;
}

/**
 * The table as the kernel's memory holds it: [g(k) >> 63, g(k) & (2^63 − 1)] for k = K_MIN … K_MAX.
 * The same g(k) as `schubfachPower`, with 10^|k| carried from one k to the next (one BigInt
 * multiplication each instead of a power) and r from ⌊log2 10^e⌋ = (e · LOG2_10_MULTIPLIER) >>
 * LOG2_10_SHIFT (exact for |e| <= 400) instead of the bit length of 10^e.
 */
export function schubfachTable(): BigUint64Array {
  const table = new BigUint64Array(2 * (K_MAX - K_MIN + 1));
  const put = (k: number, g: bigint): void => {
    table[2 * (k - K_MIN)] = g >> 63n;
    table[2 * (k - K_MIN) + 1] = g & MASK_63;
  };
  // k <= 0: e = −k >= 0, g = 10^e shifted to 126 bits, + 1.
  let power = 1n;
  for (let e = 0; e <= -K_MIN; e++) {
    const r = ((e * LOG2_10_MULTIPLIER) >> LOG2_10_SHIFT) - 125;
    put(-e, (r >= 0 ? power >> BigInt(r) : power << BigInt(-r)) + 1n);
    power *= 10n;
  }
  // k > 0: e = −k < 0, g = 2^−r / 10^k + 1.
  power = 10n;
  for (let k = 1; k <= K_MAX; k++) {
    const r = ((-k * LOG2_10_MULTIPLIER) >> LOG2_10_SHIFT) - 125;
    put(k, (1n << BigInt(-r)) / power + 1n);
    power *= 10n;
  }
  return table;
}

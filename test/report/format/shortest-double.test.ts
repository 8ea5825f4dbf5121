// The shortest-double writer must put down exactly the bytes of String(x) for every double: the
// kernel's table and integer logarithms are checked against BigInt, then its text against String
// on the forms of each layout, random bit patterns and decimals (fixed seeds), powers of two and
// ten with their neighbours, subnormals, every exponent and the cases known to be hard; and written
// in place anywhere in the kernel's text area (shortestDoubleKernel).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../../../src/scenarios/random/xoshiro128.js';
import {
  LOG10_2_MULTIPLIER,
  LOG10_2_SHIFT,
  LOG10_3_QUARTERS_MULTIPLIER,
  LOG10_3_QUARTERS_OFFSET,
  LOG10_3_QUARTERS_SHIFT,
  LOG2_10_MULTIPLIER,
  LOG2_10_SHIFT,
} from '../../../src/report/format/floor-logarithms.js';
import { floorLog2Pow10, schubfachPower, schubfachTable } from '../../../src/report/format/schubfach-table.js';
import { shortestDoubleInto, shortestDoubleKernel } from '../../../src/report/format/shortest-double.js';
import { K_MAX, K_MIN, TEXT_AREA_AT, TEXT_AREA_BYTES } from '../../../src/report/format/shortest-double-memory.js';
import { Utf8TextBuffer } from '../../../src/report/format/utf8-text-buffer.js';

const decoder = new TextDecoder();

function written(x: number): string {
  const out = new Utf8TextBuffer(32);
  shortestDoubleInto(out, x);
  return decoder.decode(out.view());
}

/** The values whose text differs from String's (at most 5), all written into one buffer. */
function mismatches(values: readonly number[]): string[] {
  const out = new Utf8TextBuffer(values.length * 26);
  for (const x of values) {
    shortestDoubleInto(out, x);
    out.ascii(32);
  }
  const texts = decoder.decode(out.view()).split(' ');
  const wrong: string[] = [];
  for (let i = 0; i < values.length && wrong.length < 5; i++) if (texts[i] !== String(values[i])) wrong.push(`${String(values[i])} written as ${texts[i]}`);
  return wrong;
}

const bits = new DataView(new ArrayBuffer(8));
function fromWords(high: number, low: number): number {
  bits.setUint32(0, high >>> 0);
  bits.setUint32(4, low >>> 0);
  return bits.getFloat64(0);
}
/** The next double up (towards +∞) of a finite x, by its bits. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  bits.setFloat64(0, x);
  const high = bits.getUint32(0);
  const low = bits.getUint32(4);
  if (x > 0) return low === 0xffffffff ? fromWords(high + 1, 0) : fromWords(high, low + 1);
  return low === 0 ? fromWords(high - 1, 0xffffffff) : fromWords(high, low - 1);
}
function nextDown(x: number): number {
  return -nextUp(-x);
}
/** x and its `count` neighbours each way, the finite ones. */
function around(x: number, count: number): number[] {
  const values = [x];
  let up = x;
  let down = x;
  for (let i = 0; i < count; i++) {
    up = nextUp(up);
    down = nextDown(down);
    values.push(up, down);
  }
  return values.filter(Number.isFinite);
}

/** floor(log10(n / d)) of a positive rational, exactly. */
function floorLog10(n: bigint, d: bigint): number {
  let k = n.toString().length - d.toString().length;
  const below = (e: number): boolean => (e >= 0 ? n < d * 10n ** BigInt(e) : n * 10n ** BigInt(-e) < d);
  while (below(k)) k--;
  while (!below(k + 1)) k++;
  return k;
}

describe('the kernel tables', () => {
  it('has the integer logarithms exact over their ranges', () => {
    for (let q = -1074; q <= 971; q++) {
      const [n, d] = q >= 0 ? [1n << BigInt(q), 1n] : [1n, 1n << BigInt(-q)];
      expect((q * LOG10_2_MULTIPLIER) >> LOG10_2_SHIFT, `log10 2^${q}`).toBe(floorLog10(n, d));
      expect((q * LOG10_3_QUARTERS_MULTIPLIER - LOG10_3_QUARTERS_OFFSET) >> LOG10_3_QUARTERS_SHIFT, `log10 3/4 2^${q}`).toBe(floorLog10(3n * n, 4n * d));
    }
    for (let e = -400; e <= 400; e++) expect((e * LOG2_10_MULTIPLIER) >> LOG2_10_SHIFT, `log2 10^${e}`).toBe(floorLog2Pow10(e));
    expect(floorLog2Pow10(1)).toBe(3);
    expect(floorLog2Pow10(-1)).toBe(-4);
    expect(floorLog10(1n, 1n << 1074n)).toBe(K_MIN);
    expect(floorLog10((1n << 1024n) - (1n << 971n), 1n)).toBe(308);
    expect(K_MAX).toBe((971 * LOG10_2_MULTIPLIER) >> LOG10_2_SHIFT);
  });

  it('holds 10^-k rounded up to 126 bits, split at bit 63', () => {
    const table = schubfachTable();
    expect(table.length).toBe(2 * (K_MAX - K_MIN + 1));
    for (let k = K_MIN; k <= K_MAX; k++) {
      const g = schubfachPower(k);
      expect(g > 1n << 125n && g < 1n << 126n, `g(${k})`).toBe(true);
      expect((table[2 * (k - K_MIN)]! << 63n) + table[2 * (k - K_MIN) + 1]!).toBe(g);
      // g − 1 <= 10^−k 2^(125 − ⌊log2 10^−k⌋) < g, compared in integers.
      const shift = 125 - floorLog2Pow10(-k);
      const [n, d] = k <= 0 ? [10n ** BigInt(-k), 1n] : [1n, 10n ** BigInt(k)];
      const [scaledN, scaledD] = shift >= 0 ? [n << BigInt(shift), d] : [n, d << BigInt(-shift)];
      expect((g - 1n) * scaledD <= scaledN && scaledN < g * scaledD, `g(${k}) rounds 10^${-k} up`).toBe(true);
    }
    expect(schubfachPower(0)).toBe((1n << 125n) + 1n);
  });
});

describe('shortestDoubleInto', () => {
  it('writes String(x) for the forms of each layout and the known hard cases', () => {
    const cases: [number, string][] = [
      [91250, '91250'],
      [91250.5, '91250.5'],
      [-0.0316, '-0.0316'],
      [0.1 + 0.2, '0.30000000000000004'],
      [1 / 3, '0.3333333333333333'],
      [88.1817365829528, '88.1817365829528'],
      [-900.9039415619969, '-900.9039415619969'],
      [0.07538703149942427, '0.07538703149942427'],
      [1e-6, '0.000001'],
      [1e-7, '1e-7'],
      [1.5e-7, '1.5e-7'],
      [-1.2345678901234566e-7, '-1.2345678901234566e-7'],
      [2 ** 50, '1125899906842624'],
      [2 ** 53 + 2, '9007199254740994'],
      [9007199254740993, '9007199254740992'],
      [2 ** 64, '18446744073709552000'],
      [123e18, '123000000000000000000'],
      [1e21, '1e+21'],
      [nextDown(1e21), '999999999999999900000'],
      [1.2345e21, '1.2345e+21'],
      [1e23, '1e+23'],
      [123456789.12345678, '123456789.12345678'],
      [5e-324, '5e-324'],
      [-Number.MIN_VALUE, '-5e-324'],
      [1e-323, '1e-323'],
      [Number.MAX_VALUE, '1.7976931348623157e+308'],
      [2.2250738585072014e-308, '2.2250738585072014e-308'],
      [2.225073858507201e-308, '2.225073858507201e-308'],
      [9.5367431640625e-7, '9.5367431640625e-7'],
      [4.940656458412465e-324, '5e-324'],
      [0, '0'],
      [-0, '0'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [Number.NEGATIVE_INFINITY, '-Infinity'],
    ];
    for (const [x, text] of cases) {
      expect(written(x), String(x)).toBe(text);
      expect(text).toBe(String(x));
    }
    const hard = [9007199254740993, 2.2250738585072014e-308, 1.7976931348623157e308, 5e-324, 9.5367431640625e-7, 1e21, 1e-7, 0.1 + 0.2];
    expect(mismatches(hard.flatMap((x) => around(x, 20)).flatMap((x) => [x, -x]))).toEqual([]);
  });

  it('matches String(x) on 200,000 random bit patterns (fixed seed), both signs', () => {
    const rng = new Xoshiro128([0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x12345678]);
    const values: number[] = [];
    while (values.length < 200_000) {
      const x = fromWords(rng.nextInt32(), rng.nextInt32());
      if (Number.isFinite(x) && x !== 0) values.push(x);
    }
    expect(values.some((x) => x < 0) && values.some((x) => x > 0)).toBe(true);
    expect(mismatches(values)).toEqual([]);
  });

  it('matches String(x) on random decimals of 1 to 17 digits at exponents −30 … +30 and their neighbours', () => {
    const rng = new Xoshiro128([1, 2, 3, 4]);
    const values: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      const digits = 1 + ((rng.nextInt32() >>> 0) % 17);
      let significand = String(1 + ((rng.nextInt32() >>> 0) % 9));
      for (let d = 1; d < digits; d++) significand += String((rng.nextInt32() >>> 0) % 10);
      const exponent = ((rng.nextInt32() >>> 0) % 61) - 30;
      const x = Number(`${rng.nextInt32() < 0 ? '-' : ''}${significand}e${exponent}`);
      values.push(x, nextUp(x), nextDown(x));
    }
    expect(mismatches(values)).toEqual([]);
  });

  it('matches String(x) on powers of two and ten and their neighbours', () => {
    const values: number[] = [];
    for (let e = -1074; e <= 1023; e++) values.push(...around(2 ** e, 3));
    for (let e = -323; e <= 308; e++) values.push(...around(Number(`1e${e}`), 3), ...around(Number(`5e${e}`), 1));
    expect(mismatches(values.flatMap((x) => [x, -x]))).toEqual([]);
  });

  it('matches String(x) on subnormals and at every binary exponent', () => {
    const values: number[] = [];
    for (let low = 1; low <= 20_000; low++) values.push(fromWords(0, low));
    for (let i = 0; i < 2_000; i++) values.push(fromWords(0x000fffff, 0xffffffff - i));
    values.push(Number.MIN_VALUE, 2 * Number.MIN_VALUE, Number.MAX_VALUE, nextDown(Number.MAX_VALUE));
    const rng = new Xoshiro128([5, 6, 7, 8]);
    for (let biased = 0; biased < 2047; biased++) {
      for (const [high, low] of [[0, 0], [0, 1], [0, 2], [0xfffff, 0xffffffff], [0xfffff, 0xfffffffe], [0x80000, 0]] as const) values.push(fromWords((biased << 20) | high, low));
      for (let i = 0; i < 20; i++) values.push(fromWords((biased << 20) | (rng.nextInt32() & 0xfffff), rng.nextInt32()));
    }
    expect(mismatches(values.filter((x) => x !== 0).flatMap((x) => [x, -x]))).toEqual([]);
  });

  it('matches String(x) on integers up to 2^53 and beyond, and on short fractions', () => {
    const rng = new Xoshiro128([9, 10, 11, 12]);
    const values: number[] = [];
    for (let i = 1; i <= 20_000; i++) values.push(i, i / 100, i / 1e8, i * 1e15);
    for (let i = 0; i < 20_000; i++) {
      const x = Math.floor(((rng.nextInt32() >>> 0) * 2 ** 32 + (rng.nextInt32() >>> 0)) / 2 ** 11);
      values.push(x, x + 2 ** 53, x * 1024, 2 ** 53 - i, 2 ** 53 + 2 * i);
    }
    expect(mismatches(values.filter((x) => x !== 0))).toEqual([]);
  });

  it('matches String(x) on arbitrary doubles', () => {
    fc.assert(
      fc.property(fc.double(), (x) => written(x) === String(x)),
      { numRuns: 20_000 },
    );
  });
});

describe('shortestDoubleKernel', () => {
  it('writes String(x) in place at any address of the text area, leaving the bytes before it', () => {
    const { bytes, shortestAt } = shortestDoubleKernel();
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x !== 0), fc.integer({ min: 0, max: TEXT_AREA_BYTES - 64 }), (x, offset) => {
        const at = TEXT_AREA_AT + offset;
        bytes[at - 1] = 35;
        const end = shortestAt(x, at);
        return bytes[at - 1] === 35 && decoder.decode(bytes.subarray(at, end)) === String(x);
      }),
      { numRuns: 20_000 },
    );
  });
});

// The CSV's number writer must put down exactly the bytes of String(x), for every finite non-zero
// double: short decimals written digit by digit, the others through String and its cache.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finiteNumberInto } from '../../../src/report/evaluate/number-bytes.js';
import { Utf8TextBuffer } from '../../../src/report/format/utf8-text-buffer.js';

const decoder = new TextDecoder();

function written(x: number): string {
  const out = new Utf8TextBuffer(32);
  finiteNumberInto(out, x);
  return decoder.decode(out.view());
}

const finiteNonZero = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x !== 0);

describe('finiteNumberInto', () => {
  it('writes String(x) for the forms of each branch', () => {
    const cases: [number, string][] = [
      [91250, '91250'],
      [91250.5, '91250.5'],
      [-0.0316, '-0.0316'],
      [0.1 + 0.2, '0.30000000000000004'],
      [1e-6, '0.000001'],
      [1.5e-7, '1.5e-7'],
      [2 ** 50, '1125899906842624'],
      [2 ** 53 + 2, '9007199254740994'],
      [1e21, '1e+21'],
      [123456789.12345678, '123456789.12345678'],
      [5e-324, '5e-324'],
    ];
    for (const [x, text] of cases) expect(written(x)).toBe(text);
  });

  it('matches String(x) on arbitrary doubles', () => {
    fc.assert(fc.property(finiteNonZero, (x) => written(x) === String(x)), { numRuns: 20_000 });
  });

  it('matches String(x) on short decimals at every scale, their neighbours and their sums', () => {
    const decimal = fc.tuple(fc.integer({ min: 1, max: 2 ** 53 - 1 }), fc.integer({ min: -26, max: 20 })).map(([m, e]) => Number(`${m}e${e}`));
    fc.assert(
      fc.property(decimal, decimal, (x, y) => {
        for (const v of [x, -x, x * (1 + Number.EPSILON), x * (1 - Number.EPSILON / 2), x + y, x * y, x / y]) {
          if (Number.isFinite(v) && v !== 0 && written(v) !== String(v)) return false;
        }
        return true;
      }),
      { numRuns: 20_000 },
    );
  });

  it('matches String(x) around powers of ten and of two', () => {
    for (let e = -30; e <= 30; e++) {
      for (const base of [10 ** e, 2 ** (e * 2)]) {
        for (const v of [base, base * (1 + Number.EPSILON), base * (1 - Number.EPSILON / 2), base * (1 - Number.EPSILON)]) expect(written(v)).toBe(String(v));
      }
    }
  });
});

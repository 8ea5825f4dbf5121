// Numeric cells: the accepted forms, each rejected form with its explanation, and the fast path
// that reads digits in place checked to give exactly Number()'s double.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalProblem, parseDecimalCell, parsePlainDecimalAt } from '../../src/csv/decimal-field.js';

describe('parseDecimalCell', () => {
  it.each([
    ['12', 12],
    ['-0.5', -0.5],
    ['+1.25e3', 1250],
    ['.5', 0.5],
    ['5.', 5],
    [' 61000.5 ', 61000.5],
    ['1E-3', 0.001],
    ['007', 7],
  ])('reads %j as %d', (cell, expected) => {
    expect(parseDecimalCell(cell)).toBe(expected);
  });

  it.each(['', '   ', 'NaN', 'Infinity', '-Infinity', '1e400', '0x10', '0o7', '0b1', '1,5', '1,234.5', '12%', 'abc', '1_000', '--1', '1.2.3', '=1+2'])(
    'rejects %j',
    (cell) => {
      expect(parseDecimalCell(cell)).toBeNaN();
    },
  );
});

describe('decimalProblem', () => {
  it.each([
    ['', 'missing-value', 'value is empty'],
    ['NaN', 'not-a-number', 'NaN is not a number'],
    ['-inf', 'not-finite', 'must be a finite number'],
    ['Infinity', 'not-finite', 'must be a finite number'],
    ['1e999', 'not-finite', 'number too large to be finite'],
    ['0x1F', 'not-a-number', 'hexadecimal, octal and binary numbers are not accepted; write a plain decimal'],
    ['1,5', 'not-a-number', 'number contains a comma; write plain decimals with a point and no thousands separators (e.g. 1234.5)'],
    ['0.4%', 'not-a-number', 'percent signs are not accepted; write a fraction (0.5% is 0.005)'],
    ['ten', 'not-a-number', 'not a number'],
  ])('explains %j as %s', (cell, code, message) => {
    expect(decimalProblem(cell)).toEqual({ code, message });
  });
});

describe('parsePlainDecimalAt (fast path)', () => {
  it('reads a field inside a longer text without slicing it', () => {
    expect(parsePlainDecimalAt('x,61000.5,y', 2, 9)).toBe(61000.5);
    expect(parsePlainDecimalAt('a,-0.001,b', 2, 8)).toBe(-0.001);
  });

  it('declines what it does not cover, so the caller falls back to Number()', () => {
    for (const text of ['', '1e5', ' 1', '1 ', '1234567890123456', '0.12345678901234567', '0.00000000000000000000001', '0x10', '.', '-', '+', '1.2.3']) {
      expect(parsePlainDecimalAt(text, 0, text.length)).toBeNaN();
    }
  });

  it('gives exactly Number()’s double for every plain decimal it takes, and takes every short one', () => {
    const digit = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9');
    const digits = fc.oneof(fc.string({ unit: digit, maxLength: 8 }), fc.string({ unit: digit, maxLength: 24 }));
    fc.assert(
      fc.property(fc.constantFrom('', '-', '+'), digits, fc.option(digits), (sign, whole, fraction) => {
        const text = fraction === null ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
        const fast = parsePlainDecimalAt(text, 0, text.length);
        if (fast === fast) expect(Object.is(fast, Number(text))).toBe(true);
        else if (whole.length + (fraction?.length ?? 0) > 0) expect(whole.length + (fraction?.length ?? 0)).toBeGreaterThan(15);
      }),
      { numRuns: 5000 },
    );
  });

  it('matches Number() on hard cases: halfway values and the most digits', () => {
    for (const text of ['0.1', '0.3', '2.675', '1.005', '999999999999999', '0.000000000000001', '0.0000000012345678', '123456789012.345', '900719925.474099', '-0', '-0.0']) {
      expect([text, parsePlainDecimalAt(text, 0, text.length)]).toEqual([text, Number(text)]);
    }
  });
});

// copyShort and fillShort against the typed-array builtins they stand in for, on every length
// around the loop/builtin switch, with NaN, −0 and infinities among the values.

import { describe, expect, it } from 'vitest';
import { copyShort, fillShort } from '../../src/kernel/short-copy.js';

const SPECIAL = [NaN, -0, 0, Infinity, -Infinity, 1e-300, -5.5];

function values(length: number, seed: number): Float64Array {
  return Float64Array.from({ length }, (_, i) => (i % 3 === 0 ? SPECIAL[(i + seed) % SPECIAL.length]! : Math.sin(i * 7.3 + seed) * 1e6));
}

/** The values, −0 told from 0 (toEqual would not). */
function plain(array: Float64Array): (number | string)[] {
  return Array.from(array, (x) => (Object.is(x, -0) ? '-0' : x));
}

describe('short copies and fills', () => {
  it('copy exactly what set copies, leaving the rest of a longer target alone', () => {
    for (let length = 0; length <= 40; length++) {
      const from = values(length, length);
      const expected = values(length + 3, 99);
      expected.set(from);
      const actual = values(length + 3, 99);
      copyShort(actual, from);
      expect(plain(actual)).toEqual(plain(expected));
    }
  });

  it('fill exactly as fill does', () => {
    for (let length = 0; length <= 40; length++) {
      for (const value of [1, -0, NaN, Infinity]) {
        const expected = values(length, 3).fill(value);
        const actual = values(length, 3);
        fillShort(actual, value);
        expect(plain(actual)).toEqual(plain(expected));
      }
    }
  });
});

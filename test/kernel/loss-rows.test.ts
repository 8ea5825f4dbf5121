// The loss rows' radix sort against the built-in sort it stands in for, bit for bit: random
// losses of both signs, ±0, infinities, subnormals, repeats, rows of 0, 1 and 2 values, rows
// longer than a chunk, every row of several, and a row with a NaN (left to the built-in sort).

import { describe, expect, it } from 'vitest';
import { LossRows, MIN_RADIX_PATHS } from '../../src/kernel/loss-rows.js';

const SPECIAL = [-0, 0, Infinity, -Infinity, 5e-324, -5e-324, 2.2250738585072014e-308, -1.5, 1.5, Number.MAX_VALUE, -Number.MAX_VALUE];

/** A deterministic row: mostly spread losses (mixed magnitudes), some special values and repeats. */
function losses(length: number, seed: number): Float64Array {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  return Float64Array.from({ length }, (_, i) => {
    const u = next();
    if (i % 11 === 0) return SPECIAL[Math.floor(u * SPECIAL.length)]!;
    if (i % 7 === 0) return 123.25;
    return (u - 0.4) * 10 ** Math.floor(next() * 12 - 4);
  });
}

/** The first index where two rows' bits differ (−0 told from 0, NaN by its bits), or −1 (a length apart: the shorter length). */
function firstDifference(a: Float64Array, b: Float64Array): number {
  const wordsA = new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
  const wordsB = new Uint32Array(b.buffer, b.byteOffset, 2 * b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (wordsA[2 * i] !== wordsB[2 * i] || wordsA[2 * i + 1] !== wordsB[2 * i + 1]) return i;
  return a.length === b.length ? -1 : Math.min(a.length, b.length);
}

function sortedByBoth(rowCount: number, pathCount: number, seed: number): { radix: Float64Array[]; builtin: Float64Array[] } {
  const rows = new LossRows(rowCount, pathCount, 0);
  expect(rows.radix).toBe(true);
  const builtin: Float64Array[] = [];
  for (let r = 0; r < rowCount; r++) {
    const row = losses(pathCount, seed + r);
    rows.row(r).set(row);
    builtin.push(row.sort());
  }
  for (let r = 0; r < rowCount; r++) rows.sortRow(r);
  return { radix: Array.from({ length: rowCount }, (_, r) => rows.row(r)), builtin };
}

describe('loss rows', () => {
  it('sort every row to the same bits as Float64Array.prototype.sort', () => {
    for (const [rowCount, pathCount] of [[1, 0], [1, 1], [2, 2], [3, 17], [2, 1000], [2, 40_000], [1, 100_003]] as const) {
      const { radix, builtin } = sortedByBoth(rowCount, pathCount, rowCount * 1000 + pathCount);
      for (let r = 0; r < rowCount; r++) expect(firstDifference(radix[r]!, builtin[r]!)).toBe(-1);
    }
  });

  it('sort rows where a digit never varies (the pass is skipped) and rows of one value', () => {
    for (const fill of [0, -0, 1, -2.5, Infinity]) {
      const rows = new LossRows(1, 500, 0);
      const row = losses(500, 9).map((x) => fill + Math.abs(x % 1) * 0);
      rows.row(0).set(row);
      rows.sortRow(0);
      expect(firstDifference(rows.row(0), row.slice().sort())).toBe(-1);
    }
    const rows = new LossRows(1, 4096, 0);
    const row = Float64Array.from({ length: 4096 }, (_, i) => 1 + (i % 64) * 2 ** -52);
    rows.row(0).set(row);
    rows.sortRow(0);
    expect(firstDifference(rows.row(0), row.slice().sort())).toBe(-1);
  });

  it('keep the rows of a short run in plain arrays (the built-in sort), of a long one on the kernel', () => {
    expect(new LossRows(2, MIN_RADIX_PATHS - 1).radix).toBe(false);
    const long = new LossRows(1, MIN_RADIX_PATHS);
    expect(long.radix).toBe(true);
    const row = losses(MIN_RADIX_PATHS, 3);
    long.row(0).set(row);
    long.sortRow(0);
    expect(firstDifference(long.row(0), row.sort())).toBe(-1);
  });

  it('leave a row with a NaN to the built-in sort (NaN last), the other rows sorted as before', () => {
    const rows = new LossRows(2, 300, 0);
    const withNaN = losses(300, 5);
    withNaN[123] = NaN;
    const other = losses(300, 6);
    rows.row(0).set(withNaN);
    rows.row(1).set(other);
    rows.sortRow(0);
    rows.sortRow(1);
    expect(firstDifference(rows.row(0), withNaN.slice().sort())).toBe(-1);
    expect(Number.isNaN(rows.row(0)[299])).toBe(true);
    expect(firstDifference(rows.row(1), other.slice().sort())).toBe(-1);
  });
});

// The gradient kernel's price factors (src/kernel/assembly/price-factors.ts: e^x of a row of log
// prices, two assets at a time in f64x2 lanes where both logs lie in fdlibm's unreduced range, the
// scalar copy of the host's exp otherwise) against Math.exp, bit for bit: every pairing of logs
// inside and outside that range and at its edges (the lane test), the last asset of an odd row
// alone, and rows of log price moves as paths make them.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PathLayout } from '../../src/kernel/path-layout.js';
import { streamForBlock } from '../../src/scenarios/random/stream-for-block.js';
import { partlyClosedContext } from './support/partly-closed-context.js';
import { jumpyModel, linearAccountArb, MODEL_ASSETS, testCorrelationMatrix } from './support/random-books.js';

const model = jumpyModel(4, 2);
const layout: PathLayout = { assets: MODEL_ASSETS, nSteps: 4, stepVariance: model.stepVariance, correlation: testCorrelationMatrix(), hasBars: false };

/** Doubles next to x (n ulps either way, finite positive x). */
function around(x: number, n: number): number[] {
  const bits = new Float64Array([x]);
  const words = new BigUint64Array(bits.buffer);
  const out: number[] = [];
  for (let d = -n; d <= n; d++) {
    words[0] = BigInt.asUintN(64, new BigUint64Array(new Float64Array([x]).buffer)[0]! + BigInt(d));
    out.push(bits[0]!);
  }
  return out;
}

describe("the gradient kernel's price factors", () => {
  // A book on all three assets: an odd row, whose last asset is taken alone.
  const account = fc.sample(linearAccountArb.filter((input) => new Set(input.positions.map((p) => p.baseAsset)).size === 3), { seed: 5, numRuns: 1 })[0]!;
  const ctx = partlyClosedContext(account, layout, [1], 1);
  const nA = ctx.book.assetCount;
  const factors = new Float64Array(nA);
  /** Rows of nA logs from `xs` (every x in each position, beside every other), and how many factors differ from Math.exp's bits. */
  const mismatchesOf = (rows: number[][]): number => {
    let count = 0;
    for (const row of rows) {
      ctx.gradientScan.priceFactors(Float64Array.from(row), factors);
      for (let a = 0; a < nA; a++) if (!Object.is(factors[a], Math.exp(row[a]!))) count++;
    }
    return count;
  };

  it('is Math.exp for every pairing of logs inside, outside and at the edges of the lanes’ range', () => {
    const edge = 0.3465735912322998; // the double whose high word is 0x3fd62e43: the lanes' range ends just below it
    const xs = [0, -0, NaN, Infinity, -Infinity, 1, -1, 0.5, -0.5, 1e-12, -1e-12, 2 ** -28, -(2 ** -28), 0.01, -0.2, 0.3, 800, -800, ...around(edge, 3), ...around(2 ** -28, 3)];
    const rows: number[][] = [];
    for (const x of xs) for (const y of xs) rows.push(Array.from({ length: nA }, (_, a) => (a % 2 === 0 ? x : y)));
    for (const x of xs) for (const y of xs) rows.push(Array.from({ length: nA }, (_, a) => (a === nA - 1 ? x : a % 2 === 0 ? y : -y)));
    expect(nA % 2, 'an odd row: its last asset alone').toBe(1);
    expect(mismatchesOf(rows)).toBe(0);
  });

  it('is Math.exp on rows of log price moves', () => {
    const rng = streamForBlock(29, 0);
    const rows: number[][] = [];
    for (let i = 0; i < 100_000; i++) rows.push(Array.from({ length: nA }, () => (rng.nextUniform() - 0.5) * (i % 10 === 0 ? 4 : 0.6)));
    expect(mismatchesOf(rows)).toBe(0);
  });
});

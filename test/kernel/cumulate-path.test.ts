// The path scan's cumulative sum (`cumulatePath`, WebAssembly: the single-asset loop, the SIMD
// sums of up to eight assets at a time held over all the steps when the columns are the assets in
// order (blocks of 8, 4, 2 and a last odd asset), the general rows otherwise) against the readable
// sum path[k + 1][a] = path[k][a] + returns[k][column a], bit for bit, with the largest step
// variance scale it returns.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PathScan } from '../../src/kernel/path-scan.js';

/** The readable sums, row after row, and the largest scale (0 if none is larger). */
function readableCumulative(returns: Float64Array, scales: Float64Array, nA: number, nSteps: number, columns: number, assetColumns: Int32Array): { path: number[]; maxScale: number } {
  const path = new Array<number>((nSteps + 1) * nA).fill(0);
  for (let k = 0; k < nSteps; k++) {
    for (let a = 0; a < nA; a++) path[(k + 1) * nA + a] = path[k * nA + a]! + returns[k * columns + assetColumns[a]!]!;
  }
  let maxScale = 0;
  for (let k = 0; k < nSteps; k++) if (scales[k]! > maxScale) maxScale = scales[k]!;
  return { path, maxScale };
}

const layoutArb = fc
  .record({
    nA: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 19 })),
    extraColumns: fc.integer({ min: 0, max: 2 }),
    nSteps: fc.integer({ min: 0, max: 40 }),
    shuffle: fc.boolean(),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .map((l) => ({ ...l, columns: l.nA + l.extraColumns }));

describe('cumulatePath (WebAssembly) vs the readable sum', () => {
  it('agrees bit for bit for one asset and several, in column order or not', () => {
    let oneAsset = 0;
    fc.assert(
      fc.property(layoutArb, ({ nA, columns, nSteps, shuffle, seed }) => {
        // Asset a's column: a, or (when shuffled or with extra columns) some other column.
        const assetColumns = Int32Array.from({ length: nA }, (_, a) => (shuffle ? (a * 7 + seed) % columns : a));
        const scan = new PathScan(nSteps, columns, nA, 0, new Int32Array(0), 0, assetColumns);
        let state = seed + 1;
        const next = (): number => {
          state = (state * 1103515245 + 12345) % 2147483648;
          return state / 2147483648;
        };
        for (let i = 0; i < scan.logReturns.length; i++) scan.logReturns[i] = (next() - 0.5) * 0.1 * (next() < 0.1 ? 40 : 1);
        for (let k = 0; k < nSteps; k++) scan.stepVarianceScale[k] = next() < 0.5 ? 1 : next() * 3;
        // Row 0 must come out 0 whatever the buffer held.
        scan.cumulativePath.fill(Number.NaN);
        const maxScale = scan.cumulatePath(nA);
        const expected = readableCumulative(scan.logReturns, scan.stepVarianceScale, nA, nSteps, columns, assetColumns);
        expect(maxScale).toBe(expected.maxScale);
        expect(Array.from(scan.cumulativePath)).toEqual(expected.path);
        if (nA === 1) oneAsset++;
      }),
      { seed: 4711, numRuns: 400 },
    );
    expect(oneAsset).toBeGreaterThan(20);
  });
});

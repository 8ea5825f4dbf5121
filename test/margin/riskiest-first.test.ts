// The positions of a mode are listed riskiest first; the sort (insertion for a few entries, a
// merge sort on the keys read once otherwise) must give exactly the array Array.prototype.sort
// gives with the same ordering.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { riskiestFirst, sortRiskiestFirst } from '../../src/margin/riskiest-first.js';
import type { PositionEvaluation } from '../../src/margin/evaluation.js';

/** Only the two fields the ordering reads matter; `at` tells equal-looking entries apart. */
function entry(positionId: string, distanceToLiquidation: number | null, at: number): PositionEvaluation {
  return { positionId, distanceToLiquidation, at } as unknown as PositionEvaluation;
}

describe('sortRiskiestFirst', () => {
  it('orders as Array.prototype.sort(riskiestFirst) does, ties and unliquidatable positions included', () => {
    const distance = fc.oneof(fc.constant(null), fc.constantFrom(0, -0, 0.1, -0.1, 0.25), fc.double({ min: -1, max: 5, noNaN: true }));
    const row = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'p1', 'p10', 'p2'), distance });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const entries = rows.map((r, i) => entry(r.id, r.distance, i));
        const expected = [...entries].sort(riskiestFirst);
        const sorted = [...entries];
        sortRiskiestFirst(sorted);
        expect(sorted).toEqual(expected);
        expect(sorted.every((e, i) => e === expected[i])).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('orders a large mode as Array.prototype.sort(riskiestFirst) does (many ties, runs already in order)', () => {
    // Distances from a few values (a cross pool's members of one symbol share one), ids out of order.
    const distance = fc.oneof(fc.constant(null), fc.constantFrom(0, -0, 0.1, -0.1, 0.25, -0.25, Infinity), fc.double({ min: -1, max: 5, noNaN: true }));
    fc.assert(
      fc.property(fc.array(distance, { minLength: 13, maxLength: 700 }), fc.integer({ min: 1, max: 50 }), (distances, idSpread) => {
        const entries = distances.map((d, i) => entry(`p${(i * 7919) % idSpread}`, d, i));
        const expected = [...entries].sort(riskiestFirst);
        const sorted = [...entries];
        sortRiskiestFirst(sorted);
        expect(sorted.every((e, i) => e === expected[i])).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

// The O(1) sign of "the in-order sum leaving one term out" agrees with summing the others in
// order wherever it decides: random terms of mixed signs and magnitudes, exact cancellations
// (integers), near-cancellations (terms that differ in the last bits), zeros and lone terms.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { othersSumSign, SUM_NOT_POSITIVE, SUM_POSITIVE, SUM_UNDECIDED } from '../../src/contagion/others-sum-sign.js';

/** Σ_{k≠left} terms_k in order, as the cause-share rules sum it. */
function othersInOrder(terms: readonly number[], left: number): number {
  let net = 0;
  for (let k = 0; k < terms.length; k++) if (k !== left) net += terms[k]!;
  return net;
}

/** Decisions made for every left-out term of `terms`, each checked against the in-order sum. */
function decisionsAgree(terms: readonly number[]): number {
  let total = 0;
  let magnitude = 0;
  for (const x of terms) {
    total += x;
    magnitude += Math.abs(x);
  }
  let decided = 0;
  for (let left = 0; left < terms.length; left++) {
    const sign = othersSumSign(total, magnitude, terms.length, terms[left]!);
    if (sign === SUM_UNDECIDED) continue;
    decided++;
    expect(sign).toBe(othersInOrder(terms, left) > 0 ? SUM_POSITIVE : SUM_NOT_POSITIVE);
  }
  return decided;
}

/** A term as the rules leave it: 0, or at least 1e-9 in size. */
const term = fc.oneof(
  fc.constant(0),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => Math.abs(x) > 1e-9),
  fc.integer({ min: -50, max: 50 }),
  fc.double({ min: 1e-9, max: 1e-6 }),
  fc.double({ min: 1e12, max: 1e15 }).map((x) => (x > 1.1e12 ? x : -x)),
);

describe('othersSumSign', () => {
  it('agrees with the in-order sum of the others on random terms', () => {
    fc.assert(fc.property(fc.array(term, { minLength: 1, maxLength: 40 }), (terms) => void decisionsAgree(terms)), { numRuns: 3000 });
  });

  it('agrees where the others nearly cancel (a term and its neighbours a few ulps away)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e9 }), fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 2, maxLength: 12 }), (x, ulps) => {
        const terms = ulps.map((u, k) => (k % 2 === 0 ? 1 : -1) * (x + u * x * Number.EPSILON));
        decisionsAgree(terms);
      }),
      { numRuns: 2000 },
    );
  });

  it('decides ordinary terms and leaves exact cancellations to the in-order sum', () => {
    // 5 − 3 + 2: every sum without one term is clearly positive or negative.
    expect(decisionsAgree([5, -3, 2])).toBe(3);
    // Leaving out the 0 leaves 1 − 1 = 0: undecided; leaving out either 1 decides.
    expect(othersSumSign(0, 2, 3, 0)).toBe(SUM_UNDECIDED);
    expect(othersSumSign(0, 2, 3, 1)).toBe(SUM_NOT_POSITIVE);
    expect(othersSumSign(0, 2, 3, -1)).toBe(SUM_POSITIVE);
    // A lone term: the others' sum is 0, never positive.
    expect(othersSumSign(7, 7, 1, 7)).toBe(SUM_UNDECIDED);
    // An overflowing sum decides nothing.
    expect(othersSumSign(Infinity, Infinity, 3, 1e308)).toBe(SUM_UNDECIDED);
  });
});

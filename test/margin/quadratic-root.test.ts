// lineRootOutside may stand in for solveRootProblem only where the solver finds no root: on lines
// (c = 0, ±0) with coefficients of every sign and scale, roots at, just inside and just outside the
// stretch's ends, zeros, tiny and huge |a| (where √(a²) is not |a|) and non-finite numbers.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineRootOutside, ROOT_PROBLEM_SIZE, solveRootProblem } from '../../src/margin/quadratic-root.js';

const magnitude = fc.oneof(
  fc.double({ min: 1e-320, max: 1e300, noNaN: true }),
  fc.constantFrom(0, -0, 1e-160, 1e-150, 1e150, 1e160, Infinity, -Infinity, NaN),
);

function problem(a: number, b: number, c: number, lo: number, hi: number): Float64Array {
  const p = new Float64Array(ROOT_PROBLEM_SIZE);
  p.set([a, b, c, lo, hi]);
  return p;
}

describe('lineRootOutside', () => {
  it('is true only where solveRootProblem finds no root', () => {
    fc.assert(
      fc.property(
        magnitude,
        magnitude,
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(0, -0),
        fc.double({ min: 1e-12, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 1e3, noNaN: true }),
        // Where the root sits: a = −b·root, root at an end, within 1e-12 of it, or anywhere.
        fc.constantFrom('free', 'lo', 'hi', 'near-lo', 'near-hi'),
        (aAbs, bAbs, aNegative, bNegative, c, lo, width, place) => {
          const hi = lo * width;
          const b = bNegative ? -bAbs : bAbs;
          const root = place === 'lo' ? lo : place === 'hi' ? hi : place === 'near-lo' ? lo * (1 - 1e-12) : hi * (1 + 1e-12);
          const a = place === 'free' ? (aNegative ? -aAbs : aAbs) : -b * root;
          for (const largest of [true, false]) {
            const p = problem(a, b, c, lo, hi);
            if (lineRootOutside(p)) expect(solveRootProblem(p, largest)).toBe(false);
          }
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('skips the lines it is meant to: root far outside, or slope and constant of one sign', () => {
    expect(lineRootOutside(problem(100, -1, 0, 1, 2))).toBe(true); // root 100
    expect(lineRootOutside(problem(1, -100, 0, 1, 2))).toBe(true); // root 0.01
    expect(lineRootOutside(problem(100, 1, 0, 1, 2))).toBe(true); // root −100
    expect(lineRootOutside(problem(1.5, -1, 0, 1, 2))).toBe(false); // root 1.5: solve it
    expect(lineRootOutside(problem(1e-200, -1e-200, 0, 0.5, 2))).toBe(false); // a out of 1e±150: solve it
  });
});

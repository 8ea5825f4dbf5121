import { eigs } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { recompose, symmetricEigen } from '../../../src/scenarios/correlation/symmetric-eigen.js';
import { Xoshiro128 } from '../../../src/scenarios/random/xoshiro128.js';

function randomSymmetric(n: number, seed: number): number[][] {
  const rng = Xoshiro128.fromSeed(seed);
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i]![j] = a[j]![i] = 2 * rng.nextUniform() - 1;
  return a;
}

describe('symmetricEigen (cyclic Jacobi)', () => {
  it('matches the closed form of a 2 × 2 matrix', () => {
    // [[a, b], [b, d]]: λ = (a + d)/2 ± sqrt(((a - d)/2)² + b²).
    const { values } = symmetricEigen([[2, 1], [1, 3]]);
    const sorted = [...values].sort((x, y) => x - y);
    expect(sorted[0]).toBeCloseTo(2.5 - Math.sqrt(1.25), 14);
    expect(sorted[1]).toBeCloseTo(2.5 + Math.sqrt(1.25), 14);
  });

  it('returns orthonormal vectors that rebuild the matrix (n = 8)', () => {
    const a = randomSymmetric(8, 3);
    const eigen = symmetricEigen(a);
    const rebuilt = recompose(eigen, eigen.values);
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        expect(Math.abs(rebuilt[i]![j]! - a[i]![j]!)).toBeLessThan(1e-13);
        const dot = eigen.vectors[i]!.reduce((s, x, k) => s + x * eigen.vectors[j]![k]!, 0);
        expect(Math.abs(dot - (i === j ? 1 : 0))).toBeLessThan(1e-13);
      }
    }
  });

  it('agrees with mathjs eigs', () => {
    const a = randomSymmetric(6, 4);
    const ours = [...symmetricEigen(a).values].sort((x, y) => x - y);
    const theirs = (eigs(a).values as number[]).map(Number).sort((x, y) => x - y);
    ours.forEach((v, k) => expect(v).toBeCloseTo(theirs[k]!, 12));
  });

  it('handles a diagonal matrix and the empty matrix', () => {
    expect(symmetricEigen([[3, 0], [0, -1]]).values).toEqual([3, -1]);
    expect(symmetricEigen([]).values).toEqual([]);
  });
});

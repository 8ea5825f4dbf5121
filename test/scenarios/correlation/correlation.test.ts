import { describe, expect, it } from 'vitest';
import { choleskyLower, isIdentityFactor } from '../../../src/scenarios/correlation/cholesky.js';
import { constantCorrelation, constantCorrelationProblems } from '../../../src/scenarios/correlation/constant-correlation.js';
import { identityCorrelation, validateCorrelation } from '../../../src/scenarios/correlation/correlation-matrix.js';
import { nearestCorrelation } from '../../../src/scenarios/correlation/nearest-correlation.js';
import { symmetricEigen } from '../../../src/scenarios/correlation/symmetric-eigen.js';

function multiplyLowerByTranspose(l: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let k = 0; k < n; k++) s += l[i * n + k]! * l[j * n + k]!;
      return s;
    }),
  );
}

function maxAbsDifference(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let m = 0;
  a.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i]![j]!)))));
  return m;
}

/** Pairwise correlations of six crypto assets, roughly as estimated from hourly returns. */
const SIX_ASSETS = [
  [1, 0.69, 0.67, 0.72, 0.67, 0.6],
  [0.69, 1, 0.72, 0.8, 0.75, 0.63],
  [0.67, 0.72, 1, 0.74, 0.71, 0.66],
  [0.72, 0.8, 0.74, 1, 0.76, 0.66],
  [0.67, 0.75, 0.71, 0.76, 1, 0.63],
  [0.6, 0.63, 0.66, 0.66, 0.63, 1],
];

describe('validateCorrelation', () => {
  it('accepts a valid matrix', () => {
    expect(validateCorrelation(SIX_ASSETS)).toEqual([]);
  });

  it.each([
    { name: 'not square', values: [[1, 0.5], [0.5]], pattern: /must be square/ },
    { name: 'asymmetric', values: [[1, 0.5], [0.4, 1]], pattern: /symmetric/ },
    { name: 'diagonal not 1', values: [[1, 0.5], [0.5, 0.9]], pattern: /diagonal entry must be 1/ },
    { name: 'entry beyond 1', values: [[1, 1.2], [1.2, 1]], pattern: /outside \[-1, 1\]/ },
    { name: 'not finite', values: [[1, NaN], [NaN, 1]], pattern: /not a finite number/ },
    { name: 'empty', values: [], pattern: /empty/ },
  ])('reports a matrix that is $name', ({ values, pattern }) => {
    const problems = validateCorrelation(values);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(pattern);
  });

  it('names rows by symbol when given names', () => {
    expect(validateCorrelation([[1, 2], [2, 1]], ['BTC', 'ETH'])[0]).toBe('entry (BTC, ETH) is 2, outside [-1, 1]');
  });

  it('tolerates asymmetry below 1e-9', () => {
    expect(validateCorrelation([[1, 0.5], [0.5 + 5e-10, 1]])).toEqual([]);
  });
});

describe('nearestCorrelation', () => {
  const broken = [
    [1, 1, 0],
    [1, 1, 1],
    [0, 1, 1],
  ];

  it("reproduces Higham's example (2002, section 4): 0.7607 and 0.1573", () => {
    const result = nearestCorrelation(broken);
    expect(result.unchanged).toBe(false);
    expect(result.inputMinEigenvalue).toBeCloseTo(1 - Math.SQRT2, 12);
    expect(result.values[0]![1]).toBeCloseTo(0.7607, 4);
    expect(result.values[1]![2]).toBeCloseTo(0.7607, 4);
    expect(result.values[0]![2]).toBeCloseTo(0.1573, 4);
  });

  it('returns a positive definite matrix with a unit diagonal, close to the input', () => {
    for (const method of ['higham', 'clip'] as const) {
      const { values, frobeniusDistance } = nearestCorrelation(broken, { method });
      expect(validateCorrelation(values)).toEqual([]);
      expect(Math.min(...symmetricEigen(values).values)).toBeGreaterThan(0);
      expect(values.map((row, i) => row[i])).toEqual([1, 1, 1]);
      // The nearest correlation matrix is 0.5278 away (Higham); nothing valid is much closer.
      expect(frobeniusDistance).toBeGreaterThan(0.527);
      expect(frobeniusDistance).toBeLessThan(0.55);
    }
  });

  it('Higham is at least as close as the one-step clip', () => {
    const higham = nearestCorrelation(broken, { method: 'higham' });
    const clip = nearestCorrelation(broken, { method: 'clip' });
    expect(higham.frobeniusDistance).toBeLessThan(clip.frobeniusDistance);
  });

  it('leaves a valid positive definite matrix unchanged', () => {
    const result = nearestCorrelation(SIX_ASSETS);
    expect(result.unchanged).toBe(true);
    expect(result.values).toEqual(SIX_ASSETS);
  });

  it('makes a singular (rho = 1) matrix strictly positive definite with a tiny change', () => {
    const result = nearestCorrelation(constantCorrelation(3, 1));
    expect(Math.min(...symmetricEigen(result.values).values)).toBeGreaterThan(0);
    expect(maxAbsDifference(result.values, constantCorrelation(3, 1))).toBeLessThan(1e-7);
  });
});

describe('choleskyLower', () => {
  it('reproduces the matrix: L Lᵀ = A', () => {
    const l = choleskyLower(SIX_ASSETS);
    expect(maxAbsDifference(multiplyLowerByTranspose(l, 6), SIX_ASSETS)).toBeLessThan(1e-14);
    for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) expect(l[i * 6 + j]).toBe(0);
  });

  it('matches the closed form for two assets: [[1, 0], [ρ, sqrt(1 - ρ²)]]', () => {
    const l = choleskyLower([[1, 0.6], [0.6, 1]]);
    expect(Array.from(l)).toEqual([1, 0, 0.6, 0.8]);
  });

  it('handles perfectly dependent assets (positive semi-definite) with a zero column', () => {
    const a = constantCorrelation(3, 1);
    const l = choleskyLower(a);
    expect(maxAbsDifference(multiplyLowerByTranspose(l, 3), a)).toBeLessThan(1e-12);
    expect(l[4]).toBe(0);
  });

  it('throws on a matrix that is not positive semi-definite', () => {
    expect(() => choleskyLower([[1, 1, 0], [1, 1, 1], [0, 1, 1]])).toThrow(/not positive semi-definite/);
  });

  it('recognises the identity factor', () => {
    expect(isIdentityFactor(choleskyLower(identityCorrelation(4)), 4)).toBe(true);
    expect(isIdentityFactor(choleskyLower(SIX_ASSETS), 6)).toBe(false);
  });
});

describe('constantCorrelation', () => {
  it('has eigenvalues 1 + (n-1)ρ and 1 - ρ', () => {
    const values = symmetricEigen(constantCorrelation(4, 0.3)).values.sort((a, b) => a - b);
    expect(values[0]).toBeCloseTo(0.7, 12);
    expect(values[3]).toBeCloseTo(1.9, 12);
  });

  it('accepts ρ in [-1/(n-1), 1] and explains anything else', () => {
    expect(constantCorrelationProblems(4, -1 / 3)).toEqual([]);
    expect(constantCorrelationProblems(4, 1)).toEqual([]);
    expect(constantCorrelationProblems(4, -0.5)[0]).toMatch(/at least -1\/\(n-1\) = -0.3333/);
    expect(constantCorrelationProblems(2, 1.5)[0]).toMatch(/outside \[-1, 1\]/);
    expect(constantCorrelationProblems(2, NaN)[0]).toMatch(/finite/);
  });
});

describe('nearestCorrelation on arbitrary symmetric matrices (property)', () => {
  it('always returns a valid, positive definite correlation matrix that Cholesky factors', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }).chain((n) =>
          fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((upper) => {
            const a: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
            let k = 0;
            for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) a[i]![j] = a[j]![i] = upper[k++]!;
            return a;
          }),
        ),
        (a) => {
          const { values } = nearestCorrelation(a);
          expect(validateCorrelation(values)).toEqual([]);
          expect(Math.min(...symmetricEigen(values).values)).toBeGreaterThan(0);
          const l = choleskyLower(values);
          expect(maxAbsDifference(multiplyLowerByTranspose(l, values.length), values)).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 60, seed: 20251010 },
    );
  });
});

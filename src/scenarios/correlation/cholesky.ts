// The Cholesky factor that turns independent normals into correlated ones: z_corr = L z.
// Stored flat (row-major, n × n, zeros above the diagonal) for the simulation's inner loop.

import type { CorrelationValues } from './correlation-matrix.js';

/** Pivots below this are treated as zero (a perfectly dependent asset) rather than as an error. */
const PIVOT_TOLERANCE = 1e-12;

/**
 * Lower-triangular L with L Lᵀ = A, for a symmetric positive semi-definite A, as a flat
 * Float64Array with `L[i * n + j]` (j <= i). Cholesky–Banachiewicz:
 *   L[i][j] = (A[i][j] - Σ_{k<j} L[i][k] L[j][k]) / L[j][j]   (j < i)
 *   L[i][i] = sqrt(A[i][i] - Σ_{k<i} L[i][k]²)
 * A pivot within 1e-12 of zero (e.g. rho = 1 between two assets) gives a zero column: that asset is
 * a combination of the earlier ones, and L Lᵀ still equals A. Throws, naming the row, when a pivot
 * is clearly negative, or zero above a residual that is not (A is not PSD: repair it with
 * `nearestCorrelation` first).
 */
export function choleskyLower(a: CorrelationValues): Float64Array {
  const n = a.length;
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    if (a[i]!.length !== n) throw new Error(`choleskyLower: row ${i} has ${a[i]!.length} entries, expected ${n}`);
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (sum < -PIVOT_TOLERANCE * Math.max(1, Math.abs(a[i]![i]!))) {
          throw new Error(`choleskyLower: matrix is not positive semi-definite (pivot ${sum} at row ${i})`);
        }
        l[i * n + i] = sum > PIVOT_TOLERANCE ? Math.sqrt(sum) : 0;
      } else {
        const pivot = l[j * n + j]!;
        if (pivot > 0) {
          l[i * n + j] = sum / pivot;
        } else if (Math.abs(sum) > Math.sqrt(PIVOT_TOLERANCE)) {
          // A zero pivot with a non-zero residual below it: no PSD matrix has that.
          throw new Error(`choleskyLower: matrix is not positive semi-definite (zero pivot at row ${j}, residual ${sum} at row ${i})`);
        }
      }
    }
  }
  return l;
}

/** True when L is the identity (independent assets): callers may skip the multiply. */
export function isIdentityFactor(l: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) if (l[i * n + j] !== (i === j ? 1 : 0)) return false;
  return true;
}

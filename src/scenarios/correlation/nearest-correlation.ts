// Repair of a symmetric matrix that is not a valid (positive semi-definite) correlation matrix:
// pairwise-estimated correlations and hand-written matrices often are not. The result is strictly
// positive definite, so the Cholesky factor that drives the simulation always exists.

import type { CorrelationValues } from './correlation-matrix.js';
import { recompose, symmetricEigen } from './symmetric-eigen.js';

/** Smallest eigenvalue kept by the final clip (before the rescale to a unit diagonal). */
const DEFAULT_EIGEN_FLOOR = 1e-8;

interface NearestCorrelationOptions {
  /**
   * `higham` (default): the nearest correlation matrix in the Frobenius norm, by Higham's
   * alternating projections with Dykstra's correction, then the clip below for strict definiteness.
   * `clip`: eigenvalues below the floor raised to it, then rescaled to a unit diagonal (one step,
   * close but not the nearest).
   */
  readonly method?: 'higham' | 'clip';
  /** Floor for eigenvalues in the final clip (default 1e-8). */
  readonly eigenFloor?: number;
  /** Higham: stop when successive iterates differ by less than this, relative (default 1e-10). */
  readonly tolerance?: number;
  /** Higham: iteration limit (default 500). */
  readonly maxIterations?: number;
}

export interface NearestCorrelationResult {
  /** The repaired matrix: symmetric, unit diagonal, every eigenvalue > 0. */
  readonly values: number[][];
  /** True when the input was already positive definite above the floor (returned unchanged). */
  readonly unchanged: boolean;
  /** Smallest eigenvalue of the input (negative when it was not PSD). */
  readonly inputMinEigenvalue: number;
  /** Frobenius distance between the input and the result. */
  readonly frobeniusDistance: number;
  /** Higham iterations used (0 for `clip` or an unchanged input). */
  readonly iterations: number;
}

/**
 * The nearest valid correlation matrix to the symmetric matrix `values` (unit diagonal assumed;
 * check with `validateCorrelation` first).
 *
 * Higham, "Computing the nearest correlation matrix — a problem from finance", IMA J. Numer. Anal.
 * 22 (2002), algorithm 3.3: with ΔS₀ = 0, Y₀ = A, repeat
 *   R = Y - ΔS;  X = P_S(R) (eigenvalues clipped at 0);  ΔS = X - R;  Y = P_U(X) (diagonal set to 1)
 * until ‖Y - X‖_F ≤ tol ‖Y‖_F. The limit is the minimiser of ‖A - X‖_F over correlation matrices.
 * A final clip (eigenvalues raised to `eigenFloor`, then D^-1/2 X D^-1/2 to restore the unit
 * diagonal) makes the result strictly positive definite; it moves entries by about the floor.
 */
export function nearestCorrelation(values: CorrelationValues, options: NearestCorrelationOptions = {}): NearestCorrelationResult {
  const n = values.length;
  const floor = options.eigenFloor ?? DEFAULT_EIGEN_FLOOR;
  const input = values.map((row) => [...row]);
  const inputEigen = symmetricEigen(input);
  const inputMin = Math.min(...inputEigen.values);
  if (inputMin >= floor) {
    return { values: input, unchanged: true, inputMinEigenvalue: inputMin, frobeniusDistance: 0, iterations: 0 };
  }
  let start = input;
  let iterations = 0;
  if ((options.method ?? 'higham') === 'higham') {
    const tol = options.tolerance ?? 1e-10;
    const maxIterations = options.maxIterations ?? 500;
    let y = input;
    let correction: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (iterations = 1; iterations <= maxIterations; iterations++) {
      const r = subtract(y, correction);
      const x = projectPositiveSemidefinite(r, 0);
      correction = subtract(x, r);
      const nextY = x.map((row, i) => row.map((v, j) => (i === j ? 1 : v)));
      const change = frobenius(subtract(nextY, x)) / Math.max(frobenius(nextY), 1e-300);
      y = nextY;
      if (change <= tol) break;
    }
    start = y;
  }
  const repaired = clipAndRescale(start, floor);
  return {
    values: repaired,
    unchanged: false,
    inputMinEigenvalue: inputMin,
    frobeniusDistance: frobenius(subtract(repaired, input)),
    iterations,
  };
}

/** P_S: the nearest PSD matrix in the Frobenius norm, V diag(max(λ, floor)) Vᵀ. */
function projectPositiveSemidefinite(a: CorrelationValues, floor: number): number[][] {
  const eigen = symmetricEigen(a);
  const out = recompose(
    eigen,
    eigen.values.map((l) => Math.max(l, floor)),
  );
  return symmetrize(out);
}

/** Eigenvalues raised to `floor`, then scaled back to a unit diagonal: X ← D^-1/2 X D^-1/2. */
function clipAndRescale(a: CorrelationValues, floor: number): number[][] {
  const clipped = projectPositiveSemidefinite(a, floor);
  const n = clipped.length;
  const scale = clipped.map((row, i) => 1 / Math.sqrt(row[i]!));
  const out = clipped.map((row, i) => row.map((v, j) => (i === j ? 1 : v * scale[i]! * scale[j]!)));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i]![j] = Math.max(-1, Math.min(1, out[i]![j]!));
  }
  return out;
}

function subtract(a: CorrelationValues, b: CorrelationValues): number[][] {
  return a.map((row, i) => row.map((v, j) => v - b[i]![j]!));
}

function symmetrize(a: number[][]): number[][] {
  return a.map((row, i) => row.map((v, j) => 0.5 * (v + a[j]![i]!)));
}

function frobenius(a: CorrelationValues): number {
  let sum = 0;
  for (const row of a) for (const v of row) sum += v * v;
  return Math.sqrt(sum);
}

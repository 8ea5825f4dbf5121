// Correlation matrices as plain nested arrays, and the checks a user-supplied one must pass:
// square, symmetric, unit diagonal, entries in [-1, 1]. Problems come back as plain words.

/** A dense correlation matrix, row-major: `values[i][j]` is the correlation of assets i and j. */
export type CorrelationValues = readonly (readonly number[])[];

/** Asymmetry tolerated between `values[i][j]` and `values[j][i]` (rounding in exported files). */
const SYMMETRY_TOLERANCE = 1e-9;
/** Distance from 1 tolerated on the diagonal. */
const DIAGONAL_TOLERANCE = 1e-9;

/**
 * The problems with `values` as a correlation matrix, in plain words; empty when it is square,
 * finite, symmetric within 1e-9, has a unit diagonal (within 1e-9) and entries in [-1, 1].
 * Positive semi-definiteness is not checked here (see `nearestCorrelation` to repair it).
 * `names` labels rows and columns in the messages (default: 1-based indices).
 *
 * @example validateCorrelation([[1, 2], [2, 1]]) // => ['entry (1, 2) is 2, outside [-1, 1]']
 */
export function validateCorrelation(values: CorrelationValues, names?: readonly string[]): string[] {
  const problems: string[] = [];
  const n = values.length;
  const label = (i: number): string => (names !== undefined && names[i] !== undefined ? names[i] : String(i + 1));
  if (n === 0) return ['the matrix is empty'];
  for (let i = 0; i < n; i++) {
    const row = values[i]!;
    if (row.length !== n) problems.push(`row ${label(i)} has ${row.length} entries, expected ${n} (the matrix must be square)`);
  }
  if (problems.length > 0) return problems;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = values[i]![j]!;
      const where = `entry (${label(i)}, ${label(j)})`;
      if (!Number.isFinite(v)) {
        problems.push(`${where} is not a finite number`);
        continue;
      }
      if (i === j) {
        if (Math.abs(v - 1) > DIAGONAL_TOLERANCE) problems.push(`${where} is ${v}, a diagonal entry must be 1`);
        continue;
      }
      if (v < -1 || v > 1) problems.push(`${where} is ${v}, outside [-1, 1]`);
      if (j > i) {
        const w = values[j]![i]!;
        if (Number.isFinite(w) && Math.abs(v - w) > SYMMETRY_TOLERANCE) {
          problems.push(`${where} is ${v} but (${label(j)}, ${label(i)}) is ${w}: the matrix must be symmetric`);
        }
      }
    }
  }
  return problems;
}

/** The n × n identity (no correlation). */
export function identityCorrelation(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

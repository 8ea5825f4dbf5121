// Eigen-decomposition of a small symmetric matrix (a correlation matrix of a book's assets), at
// setup time only, by the cyclic Jacobi method.
//
// Why not mathjs `eigs`: it gives the same results (the tests compare them), but importing mathjs
// costs the CLI about half a second to two seconds of start-up on every command, for a 6 × 6
// problem that Jacobi solves in microseconds with full accuracy. Jacobi is also the most accurate
// method for small symmetric matrices (Demmel & Veselić 1992).

interface SymmetricEigen {
  /** Eigenvalues (in no particular order). */
  readonly values: number[];
  /** `vectors[k]` is the unit eigenvector of `values[k]`; the vectors are orthonormal. */
  readonly vectors: number[][];
}

/** Sweeps after which Jacobi gives up (it converges quadratically, in under 10 sweeps for n <= 50). */
const MAX_SWEEPS = 100;

/**
 * Eigenvalues and orthonormal eigenvectors of the symmetric matrix `a`: a = V diag(λ) Vᵀ.
 * The input is symmetrised as (a + aᵀ)/2 first. Cyclic Jacobi (Golub & Van Loan, Matrix
 * Computations, 4th ed., algorithm 8.5.3): sweep over pairs p < q, each rotation
 *   θ = (a_qq - a_pp) / (2 a_pq),  t = sgn(θ) / (|θ| + sqrt(θ² + 1)),  c = 1 / sqrt(t² + 1),  s = t c
 * zeroes a_pq; a_pp -= t a_pq, a_qq += t a_pq, other rows r: a_rp ← c a_rp - s a_rq,
 * a_rq ← s a_rp + c a_rq; V accumulates the same rotations. Stops when the off-diagonal mass is
 * below 1e-30 of the total. Throws if that fails within 100 sweeps (never seen: a bug guard).
 */
export function symmetricEigen(a: readonly (readonly number[])[]): SymmetricEigen {
  const n = a.length;
  const m: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 0.5 * (a[i]![j]! + a[j]![i]!)));
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  let total = 0;
  for (const row of m) for (const x of row) total += x * x;
  for (let sweep = 0; ; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p]![q]! * m[p]![q]!;
    if (off <= 1e-30 * total || off === 0) break;
    if (sweep >= MAX_SWEEPS) throw new Error(`symmetricEigen: Jacobi did not converge in ${MAX_SWEEPS} sweeps`);
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p]![q]!;
        if (apq === 0) continue;
        const theta = (m[q]![q]! - m[p]![p]!) / (2 * apq);
        const t = Math.abs(theta) > 1e150 ? 1 / (2 * theta) : Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < n; r++) {
          if (r === p || r === q) continue;
          const arp = m[r]![p]!;
          const arq = m[r]![q]!;
          m[r]![p] = m[p]![r] = c * arp - s * arq;
          m[r]![q] = m[q]![r] = s * arp + c * arq;
        }
        m[p]![p] = m[p]![p]! - t * apq;
        m[q]![q] = m[q]![q]! + t * apq;
        m[p]![q] = m[q]![p] = 0;
        for (let r = 0; r < n; r++) {
          const vrp = v[r]![p]!;
          const vrq = v[r]![q]!;
          v[r]![p] = c * vrp - s * vrq;
          v[r]![q] = s * vrp + c * vrq;
        }
      }
    }
  }
  return {
    values: m.map((row, i) => row[i]!),
    vectors: Array.from({ length: n }, (_, k) => v.map((row) => row[k]!)),
  };
}

/** Rebuild V diag(λ) Vᵀ from an eigen-decomposition with the eigenvalues replaced by `lambda`. */
export function recompose(eigen: SymmetricEigen, lambda: readonly number[]): number[][] {
  const n = eigen.vectors.length === 0 ? 0 : eigen.vectors[0]!.length;
  const out: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let k = 0; k < lambda.length; k++) {
    const vec = eigen.vectors[k]!;
    const l = lambda[k]!;
    if (l === 0) continue;
    for (let i = 0; i < n; i++) {
      const li = l * vec[i]!;
      const row = out[i]!;
      for (let j = 0; j < n; j++) row[j] = row[j]! + li * vec[j]!;
    }
  }
  return out;
}

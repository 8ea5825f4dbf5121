// Applies a Cholesky factor to one cross-section of independent normals, in place.

/**
 * z ← L z for the lower-triangular n × n factor `l` (flat, row-major) acting on
 * `z[offset .. offset + n)`. Rows are computed from the last to the first: row a reads z[0..a],
 * which rows after it never overwrote. Readable form: `out[a] = Σ_{b<=a} L[a][b] z[b]`.
 */
export function correlateInPlace(l: Float64Array, n: number, z: Float64Array, offset: number): void {
  for (let a = n - 1; a >= 0; a--) {
    const row = a * n;
    let sum = 0;
    for (let b = 0; b <= a; b++) sum += l[row + b]! * z[offset + b]!;
    z[offset + a] = sum;
  }
}

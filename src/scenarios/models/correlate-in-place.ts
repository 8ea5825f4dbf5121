// Applies a Cholesky factor to cross-sections of independent normals: in place, one step at a
// time; or over all the steps of a path at once, in TypeScript or as a WebAssembly kernel (its
// AssemblyScript source: assembly/correlate.ts).

import { compileWasmBase64, instantiateWasm, type CompiledWasm, type WasmMemory } from '../wasm-runtime.js';
import { correlateWasm } from './correlate-binary.js';

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

/**
 * out[s n + a] = shift[a] + Σ_{b<=a} factor[a n + b] z[s n + b] for every step s in [0, steps): the
 * lower-triangular n × n `factor` (flat, row-major; entries above the diagonal are never read)
 * applied to each step's cross-section of `z`, plus `shift[a]`. `out` must not overlap `z`.
 *
 * Register-blocked for speed: two steps and four rows at a time, so each factor entry loaded
 * feeds two multiply-adds, each z value four, and eight independent sums hide the add latency.
 * Every sum still runs over b = 0 … a in order and adds `shift[a]` last, so the result is
 * bit-identical to the readable form above, whatever the blocking.
 */
export function correlateSteps(factor: Float64Array, n: number, z: Float64Array, out: Float64Array, shift: Float64Array, steps: number): void {
  let o = 0;
  for (let s = 0; s + 1 < steps; s += 2, o += 2 * n) {
    const p = o + n;
    let a = 0;
    for (; a + 3 < n; a += 4) {
      const r0 = a * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let x0 = 0;
      let x1 = 0;
      let x2 = 0;
      let x3 = 0;
      let y0 = 0;
      let y1 = 0;
      let y2 = 0;
      let y3 = 0;
      for (let b = 0; b <= a; b++) {
        const c0 = factor[r0 + b]!;
        const c1 = factor[r1 + b]!;
        const c2 = factor[r2 + b]!;
        const c3 = factor[r3 + b]!;
        const u = z[o + b]!;
        const v = z[p + b]!;
        x0 += c0 * u;
        x1 += c1 * u;
        x2 += c2 * u;
        x3 += c3 * u;
        y0 += c0 * v;
        y1 += c1 * v;
        y2 += c2 * v;
        y3 += c3 * v;
      }
      // The triangle's corner: row a+1 to column a+1, row a+2 to a+2, row a+3 to a+3.
      const u1 = z[o + a + 1]!;
      const v1 = z[p + a + 1]!;
      const u2 = z[o + a + 2]!;
      const v2 = z[p + a + 2]!;
      const u3 = z[o + a + 3]!;
      const v3 = z[p + a + 3]!;
      x1 += factor[r1 + a + 1]! * u1;
      y1 += factor[r1 + a + 1]! * v1;
      x2 += factor[r2 + a + 1]! * u1;
      y2 += factor[r2 + a + 1]! * v1;
      x3 += factor[r3 + a + 1]! * u1;
      y3 += factor[r3 + a + 1]! * v1;
      x2 += factor[r2 + a + 2]! * u2;
      y2 += factor[r2 + a + 2]! * v2;
      x3 += factor[r3 + a + 2]! * u2;
      y3 += factor[r3 + a + 2]! * v2;
      x3 += factor[r3 + a + 3]! * u3;
      y3 += factor[r3 + a + 3]! * v3;
      out[o + a] = shift[a]! + x0;
      out[o + a + 1] = shift[a + 1]! + x1;
      out[o + a + 2] = shift[a + 2]! + x2;
      out[o + a + 3] = shift[a + 3]! + x3;
      out[p + a] = shift[a]! + y0;
      out[p + a + 1] = shift[a + 1]! + y1;
      out[p + a + 2] = shift[a + 2]! + y2;
      out[p + a + 3] = shift[a + 3]! + y3;
    }
    for (; a < n; a++) {
      const r = a * n;
      let x = 0;
      let y = 0;
      for (let b = 0; b <= a; b++) {
        const c = factor[r + b]!;
        x += c * z[o + b]!;
        y += c * z[p + b]!;
      }
      out[o + a] = shift[a]! + x;
      out[p + a] = shift[a]! + y;
    }
  }
  if (steps % 2 === 1) {
    for (let a = 0; a < n; a++) {
      const r = a * n;
      let x = 0;
      for (let b = 0; b <= a; b++) x += factor[r + b]! * z[o + b]!;
      out[o + a] = shift[a]! + x;
    }
  }
}

/**
 * Bytes of the factor packed for `CorrelateKernel`: rows in pairs (a, a + 1), each pair's columns
 * b = 0 … min(a + 2, n) − 1 as [L[a][b], L[a + 1][b]] (L[a][a + 1] = 0; a lone last row has 0 in
 * the second lane).
 */
export function packedFactorBytes(n: number): number {
  let cells = 0;
  for (let a = 0; a < n; a += 2) cells += Math.min(a + 2, n);
  return 16 * cells;
}

/** Pack the lower-triangular row-major n × n `factor` into `out` (f64, packedFactorBytes(n) / 8 values). */
export function packFactor(factor: Float64Array, n: number, out: Float64Array): void {
  let at = 0;
  for (let a = 0; a < n; a += 2) {
    for (let b = 0; b < Math.min(a + 2, n); b++) {
      out[at++] = b <= a ? factor[a * n + b]! : 0;
      out[at++] = a + 1 < n && b <= a + 1 ? factor[(a + 1) * n + b]! : 0;
    }
  }
}

let correlateModule: CompiledWasm | null = null;

/**
 * `correlateSteps` as a WebAssembly kernel on a caller's memory (AssemblyScript:
 * assembly/correlate.ts): four steps at a time and two rows at a time in the two lanes of f64x2,
 * each lane summing over b = 0 … a in order and adding the shift last, so the same bits.
 */
export class CorrelateKernel {
  private readonly correlate: (packed: number, n: number, z: number, out: number, shift: number, quads: number) => void;
  private readonly scaleShiftKernel: (scale: number, n: number, z: number, out: number, shift: number, cells: number) => void;

  constructor(memory: WasmMemory) {
    correlateModule ??= compileWasmBase64(correlateWasm);
    const exports = instantiateWasm(correlateModule, memory);
    this.correlate = exports['correlate'] as CorrelateKernel['correlate'];
    this.scaleShiftKernel = exports['scaleShift'] as CorrelateKernel['scaleShiftKernel'];
  }

  /**
   * out[s n + a] = shift[a] + scale[a] z[s n + a] for `cells` values (whole steps of n), every
   * array at a byte address of the memory (f64, 8-aligned): the uncorrelated fill, same bits as
   * that loop in TypeScript.
   */
  scaleShift(scale: number, n: number, z: number, out: number, shift: number, cells: number): void {
    this.scaleShiftKernel(scale, n, z, out, shift, cells);
  }

  /**
   * `correlateSteps(factor, n, z, out, shift, 4 × quads)` with every array at a byte address of
   * the memory (f64, 8-aligned; the factor packed by `packFactor`, the shifts followed by at
   * least 8 more bytes of the memory): z and out hold 4 × quads steps of n values each.
   */
  run(packed: number, n: number, z: number, out: number, shift: number, quads: number): void {
    this.correlate(packed, n, z, out, shift, quads);
  }
}

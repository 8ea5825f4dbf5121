// Applies a Cholesky factor to cross-sections of independent normals: in place, one step at a
// time; or over all the steps of a path at once, in TypeScript or as a WebAssembly kernel.

import { assembleModule, FunctionBody, I32, Op, Simd, V128, type FunctionDefinition } from '../random/wasm-assembler.js';
import { compileWasm, instantiateWasm, type CompiledWasm, type WasmMemory } from '../wasm-runtime.js';

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

/**
 * `correlate(packed, n, z, out, shift, quads)`: `correlateSteps` on a WebAssembly memory (byte
 * addresses; the factor packed by `packFactor`) for 4 × quads steps, four steps at a time and two
 * rows at a time in the two lanes of f64x2: each pair of factor entries loaded feeds eight
 * multiply-adds, into four independent sums of pairs. Each lane sums over b = 0 … a in order (the
 * packed zero above the diagonal adds +0 to a sum that starts at +0, which changes no bit) and
 * adds the shift last, so the result has the same bits as `correlateSteps`.
 */
function correlateFunction(): FunctionDefinition {
  const f = new FunctionBody(6);
  const [packed, n, z, out, shift, quads] = [0, 1, 2, 3, 4, 5];
  const q = f.local(I32);
  const a = f.local(I32);
  const b = f.local(I32);
  const bEnd = f.local(I32);
  const n8 = f.local(I32);
  const n16 = f.local(I32);
  const n24 = f.local(I32);
  const zq = f.local(I32);
  const oq = f.local(I32);
  const pr = f.local(I32);
  const zb = f.local(I32);
  const oa = f.local(I32);
  const c = f.local(V128);
  const sh = f.local(V128);
  const x = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const offsets = [0, n8, n16, n24];
  f.get(n).i32(3).op(Op.i32Shl).set(n8);
  f.get(n8).i32(1).op(Op.i32Shl).set(n16);
  f.get(n16).get(n8).op(Op.i32Add).set(n24);
  f.get(z).set(zq);
  f.get(out).set(oq);
  f.begin(Op.block).begin(Op.loop); // quads
  f.get(q).get(quads).op(Op.i32GeU).branch(Op.brIf, 1);
  f.i32(0).set(a);
  f.get(packed).set(pr);
  f.begin(Op.block).begin(Op.loop); // row pairs a, a + 1
  f.get(a).get(n).op(Op.i32GeU).branch(Op.brIf, 1);
  for (const xi of x) f.f64(0).simd(Simd.f64x2Splat).set(xi);
  // bEnd = min(a + 2, n)
  f.get(a).i32(2).op(Op.i32Add).get(n).get(a).i32(2).op(Op.i32Add).get(n).op(Op.i32LtS).op(Op.select).set(bEnd);
  f.i32(0).set(b);
  f.get(zq).set(zb);
  f.begin(Op.loop); // columns b < bEnd (at least one)
  f.get(pr).simdMemory(Simd.v128Load).set(c);
  x.forEach((xi, i) => {
    f.get(xi).get(c).get(zb);
    if (i > 0) f.get(offsets[i]!).op(Op.i32Add);
    f.memory(Op.f64Load).simd(Simd.f64x2Splat).simd(Simd.f64x2Mul).simd(Simd.f64x2Add).set(xi);
  });
  f.get(pr).i32(16).op(Op.i32Add).set(pr);
  f.get(zb).i32(8).op(Op.i32Add).set(zb);
  f.get(b).i32(1).op(Op.i32Add).tee(b).get(bEnd).op(Op.i32LtS).branch(Op.brIf, 0);
  f.op(Op.end);
  // shift pair (the second lane is past the shifts for a lone last row: never stored)
  f.get(shift).get(a).i32(3).op(Op.i32Shl).op(Op.i32Add).simdMemory(Simd.v128Load).set(sh);
  f.get(oq).get(a).i32(3).op(Op.i32Shl).op(Op.i32Add).set(oa);
  f.get(a).i32(1).op(Op.i32Add).get(n).op(Op.i32LtS).begin(Op.if);
  x.forEach((xi, i) => {
    f.get(oa);
    if (i > 0) f.get(offsets[i]!).op(Op.i32Add);
    f.get(sh).get(xi).simd(Simd.f64x2Add).simdMemory(Simd.v128Store);
  });
  f.op(Op.else);
  x.forEach((xi, i) => {
    f.get(oa);
    if (i > 0) f.get(offsets[i]!).op(Op.i32Add);
    f.get(sh).get(xi).simd(Simd.f64x2Add).extractLane(0).memory(Op.f64Store);
  });
  f.op(Op.end);
  f.get(a).i32(2).op(Op.i32Add).set(a);
  f.branch(Op.br, 0);
  f.op(Op.end).op(Op.end);
  f.get(zq).get(n24).get(n8).op(Op.i32Add).op(Op.i32Add).set(zq);
  f.get(oq).get(n24).get(n8).op(Op.i32Add).op(Op.i32Add).set(oq);
  f.get(q).i32(1).op(Op.i32Add).set(q);
  f.branch(Op.br, 0);
  f.op(Op.end).op(Op.end);
  return { exportName: 'correlate', params: [I32, I32, I32, I32, I32, I32], results: [], body: f };
}

let correlateModule: CompiledWasm | null = null;

/** `correlateSteps` as a WebAssembly kernel on a caller's memory (see `correlateFunction`). */
export class CorrelateKernel {
  private readonly correlate: (packed: number, n: number, z: number, out: number, shift: number, quads: number) => void;

  constructor(memory: WasmMemory) {
    correlateModule ??= compileWasm(assembleModule([correlateFunction()], 1));
    this.correlate = instantiateWasm(correlateModule, memory)['correlate'] as CorrelateKernel['correlate'];
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

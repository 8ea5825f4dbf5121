// Applies a Cholesky factor to cross-sections of independent normals: in place, one step at a
// time; or over all the steps of a path at once, in TypeScript or as a WebAssembly kernel.

import { assembleModule, compileWasm, F64, FunctionBody, I32, instantiateWasm, Op, type CompiledWasm, type FunctionDefinition, type WasmMemory } from '../random/wasm-assembler.js';

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
 * `correlate(factor, n, z, out, shift, quads)`: `correlateSteps` on a WebAssembly memory (byte
 * addresses; f64, row-major factor) for 4 × quads steps, four steps at a time: each factor entry
 * loaded feeds four multiply-adds, into four independent sums. Same sums in the same order as
 * `correlateSteps`, so the same bits.
 */
function correlateFunction(): FunctionDefinition {
  const f = new FunctionBody(6);
  const [factor, n, z, out, shift, quads] = [0, 1, 2, 3, 4, 5];
  const q = f.local(I32);
  const a = f.local(I32);
  const b = f.local(I32);
  const n8 = f.local(I32);
  const n16 = f.local(I32);
  const n24 = f.local(I32);
  const zq = f.local(I32);
  const oq = f.local(I32);
  const row = f.local(I32);
  const rb = f.local(I32);
  const zb = f.local(I32);
  const oa = f.local(I32);
  const c = f.local(F64);
  const sh = f.local(F64);
  const x = [f.local(F64), f.local(F64), f.local(F64), f.local(F64)];
  f.get(n).i32(3).op(Op.i32Shl).set(n8);
  f.get(n8).i32(1).op(Op.i32Shl).set(n16);
  f.get(n16).get(n8).op(Op.i32Add).set(n24);
  f.get(z).set(zq);
  f.get(out).set(oq);
  f.begin(Op.block).begin(Op.loop); // quads
  f.get(q).get(quads).op(Op.i32GeU).branch(Op.brIf, 1);
  f.i32(0).set(a);
  f.get(factor).set(row);
  f.begin(Op.block).begin(Op.loop); // rows a
  f.get(a).get(n).op(Op.i32GeU).branch(Op.brIf, 1);
  for (const xi of x) f.f64(0).set(xi);
  f.i32(0).set(b);
  f.get(row).set(rb);
  f.get(zq).set(zb);
  f.begin(Op.block).begin(Op.loop); // columns b <= a
  f.get(b).get(a).op(Op.i32GtS).branch(Op.brIf, 1);
  f.get(rb).memory(Op.f64Load).set(c);
  const offsets = [0, n8, n16, n24];
  x.forEach((xi, i) => {
    f.get(xi).get(c).get(zb);
    if (i > 0) f.get(offsets[i]!).op(Op.i32Add);
    f.memory(Op.f64Load).op(Op.f64Mul).op(Op.f64Add).set(xi);
  });
  f.get(b).i32(1).op(Op.i32Add).set(b);
  f.get(rb).i32(8).op(Op.i32Add).set(rb);
  f.get(zb).i32(8).op(Op.i32Add).set(zb);
  f.branch(Op.br, 0);
  f.op(Op.end).op(Op.end);
  f.get(shift).get(a).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load).set(sh);
  f.get(oq).get(a).i32(3).op(Op.i32Shl).op(Op.i32Add).set(oa);
  x.forEach((xi, i) => {
    f.get(oa);
    if (i > 0) f.get(offsets[i]!).op(Op.i32Add);
    f.get(sh).get(xi).op(Op.f64Add).memory(Op.f64Store);
  });
  f.get(a).i32(1).op(Op.i32Add).set(a);
  f.get(row).get(n8).op(Op.i32Add).set(row);
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
  private readonly correlate: (factor: number, n: number, z: number, out: number, shift: number, quads: number) => void;

  constructor(memory: WasmMemory) {
    correlateModule ??= compileWasm(assembleModule([correlateFunction()], 1));
    this.correlate = instantiateWasm(correlateModule, memory)['correlate'] as CorrelateKernel['correlate'];
  }

  /**
   * `correlateSteps(factor, n, z, out, shift, 4 × quads)` with every array at a byte address of
   * the memory (f64, 8-aligned): z and out hold 4 × quads steps of n values each.
   */
  run(factor: number, n: number, z: number, out: number, shift: number, quads: number): void {
    this.correlate(factor, n, z, out, shift, quads);
  }
}

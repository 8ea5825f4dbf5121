// AssemblyScript source of the correlate kernel (compiled by `npm run build`, see
// scripts/build-kernels.mjs; the host side is `CorrelateKernel` in
// src/scenarios/models/correlate-in-place.ts, on the GBM model's memory). Not TypeScript for tsc:
// `f64`, `i32`, `usize`, `load<T>`, `store<T>`, `v128` and `f64x2` are AssemblyScript's.
//
// The GBM fill's log returns r = drift + (σL) z, step by step: `correlateSteps` of
// correlate-in-place.ts (its readable twin),
//   out[s n + a] = shift[a] + Σ_{b<=a} factor[a n + b] z[s n + b]   for every step s,
// four steps at a time and two rows at a time in the two lanes of f64x2 (128-bit SIMD). Each lane
// sums over b = 0 … a in order, from +0, and adds the shift last, so the result has the same bits
// as `correlateSteps`.

/** sum + c z, lane by lane, z the f64 at `at` in both lanes. */
@inline function multiplyAdd(sum: v128, c: v128, at: usize): v128 {
  return f64x2.add(sum, f64x2.mul(c, f64x2.splat(load<f64>(at))));
}

/**
 * `correlate(packed, n, z, out, shift, quads)`: `correlateSteps` on the memory (byte addresses)
 * for 4 × quads steps of n values each in z and out. The factor is packed by `packFactor`: rows
 * in pairs (a, a + 1), each pair's columns b = 0 … min(a + 2, n) − 1 as [L[a][b], L[a + 1][b]]
 * (L[a][a + 1] = 0, and 0 in the second lane of a lone last row). Each pair of factor entries
 * loaded feeds eight multiply-adds, into four independent sums of pairs (the four steps). The
 * packed zero above the diagonal adds +0 to a sum that starts at +0, which changes no bit. The
 * shifts must be followed by at least 8 more bytes of the memory (a lone last row loads a pair).
 */
export function correlate(packed: usize, n: u32, z: usize, out: usize, shift: usize, quads: u32): void {
  // Byte offsets of the steps q + 1, q + 2, q + 3 from step q (n values each), and of the next quad.
  const step1 = <usize>n << 3;
  const step2 = step1 << 1;
  const step3 = step2 + step1;
  const quadBytes = step3 + step1;
  let zq = z;
  let oq = out;
  for (let q: u32 = 0; q < quads; q++) {
    let pr = packed;
    for (let a: u32 = 0; a < n; a += 2) {
      // Rows a and a + 1 (the lanes) for the steps q, q + 1, q + 2, q + 3 (x0 … x3).
      let x0 = f64x2.splat(0);
      let x1 = f64x2.splat(0);
      let x2 = f64x2.splat(0);
      let x3 = f64x2.splat(0);
      const bEnd = min<u32>(a + 2, n);
      let zb = zq;
      let b: u32 = 0;
      do {
        const c = v128.load(pr);
        x0 = multiplyAdd(x0, c, zb);
        x1 = multiplyAdd(x1, c, zb + step1);
        x2 = multiplyAdd(x2, c, zb + step2);
        x3 = multiplyAdd(x3, c, zb + step3);
        pr += 16;
        zb += 8;
        b++;
      } while (b < bEnd);
      // out = shift + sum, lane by lane; a lone last row stores its first lane only.
      const sh = v128.load(shift + (<usize>a << 3));
      const oa = oq + (<usize>a << 3);
      if (a + 1 < n) {
        v128.store(oa, f64x2.add(sh, x0));
        v128.store(oa + step1, f64x2.add(sh, x1));
        v128.store(oa + step2, f64x2.add(sh, x2));
        v128.store(oa + step3, f64x2.add(sh, x3));
      } else {
        store<f64>(oa, f64x2.extract_lane(f64x2.add(sh, x0), 0));
        store<f64>(oa + step1, f64x2.extract_lane(f64x2.add(sh, x1), 0));
        store<f64>(oa + step2, f64x2.extract_lane(f64x2.add(sh, x2), 0));
        store<f64>(oa + step3, f64x2.extract_lane(f64x2.add(sh, x3), 0));
      }
    }
    zq += quadBytes;
    oq += quadBytes;
  }
}

/**
 * `scaleShift(scale, n, z, out, shift, cells)`: the uncorrelated GBM fill, `out[s n + a] =
 * shift[a] + scale[a] z[s n + a]` for `cells` values (whole steps of n), the same two IEEE
 * operations per value as the host loop it replaces, so the same bits. One asset (the common
 * single-asset book) runs two steps at a time in the lanes of f64x2.
 */
export function scaleShift(scale: usize, n: u32, z: usize, out: usize, shift: usize, cells: u32): void {
  const end = <usize>cells << 3;
  if (n == 1) {
    const c = f64x2.splat(load<f64>(scale));
    const s = f64x2.splat(load<f64>(shift));
    let o: usize = 0;
    for (; o + 16 <= end; o += 16) v128.store(out + o, f64x2.add(s, f64x2.mul(c, v128.load(z + o))));
    if (o < end) store<f64>(out + o, load<f64>(shift) + load<f64>(scale) * load<f64>(z + o));
    return;
  }
  const row = <usize>n << 3;
  for (let at: usize = 0; at < end; at += row) {
    for (let a: usize = 0; a < row; a += 8) store<f64>(out + at + a, load<f64>(shift + a) + load<f64>(scale + a) * load<f64>(z + at + a));
  }
}

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

/** sum + c z, lane by lane, z the f64 at `at` in both lanes (one splatting load). */
@inline function multiplyAdd(sum: v128, c: v128, at: usize): v128 {
  return f64x2.add(sum, f64x2.mul(c, v128.load64_splat(at)));
}

/** The four sums of a row pair (steps q … q + 3) as out = shift + sum, `oa` the pair's address at step q; a lone last row stores its first lane only. */
@inline function storePair(oa: usize, sh: v128, full: bool, step1: usize, x0: v128, x1: v128, x2: v128, x3: v128): void {
  const step2 = step1 << 1;
  const step3 = step2 + step1;
  if (full) {
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

/**
 * `correlate(packed, n, z, out, shift, quads)`: `correlateSteps` on the memory (byte addresses)
 * for 4 × quads steps of n values each in z and out. The factor is packed by `packFactor`: rows
 * in pairs (a, a + 1), each pair's columns b = 0 … min(a + 2, n) − 1 as [L[a][b], L[a + 1][b]]
 * (L[a][a + 1] = 0, and 0 in the second lane of a lone last row). Two pairs at a time, (a, a + 1)
 * and (a + 2, a + 3): over their common columns b < a + 2 each z loaded (in both lanes) feeds
 * both pairs, each pair of factor entries four steps, so eight independent sums of pairs; then
 * the second pair's last one or two columns alone; a last pair left over runs alone. Each lane
 * still sums over b = 0 … a in order from +0 and adds the shift last (the packed zero above the
 * diagonal adds +0 to a sum that starts at +0, which changes no bit), so the result has the same
 * bits as `correlateSteps`. The shifts must be followed by at least 8 more bytes of the memory (a
 * lone last row loads a pair).
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
    let a: u32 = 0;
    for (; a + 2 < n; a += 4) {
      // Rows a, a + 1 (x0 … x3, steps q … q + 3) and a + 2, a + 3 (y0 … y3).
      let x0 = f64x2.splat(0);
      let x1 = f64x2.splat(0);
      let x2 = f64x2.splat(0);
      let x3 = f64x2.splat(0);
      let y0 = f64x2.splat(0);
      let y1 = f64x2.splat(0);
      let y2 = f64x2.splat(0);
      let y3 = f64x2.splat(0);
      const common = a + 2;
      const pr1 = pr + (<usize>common << 4);
      let zb = zq;
      let b: u32 = 0;
      do {
        const c = v128.load(pr);
        const d = v128.load(pr1 + (<usize>b << 4));
        const z0 = v128.load64_splat(zb);
        const z1 = v128.load64_splat(zb + step1);
        const z2 = v128.load64_splat(zb + step2);
        const z3 = v128.load64_splat(zb + step3);
        x0 = f64x2.add(x0, f64x2.mul(c, z0));
        y0 = f64x2.add(y0, f64x2.mul(d, z0));
        x1 = f64x2.add(x1, f64x2.mul(c, z1));
        y1 = f64x2.add(y1, f64x2.mul(d, z1));
        x2 = f64x2.add(x2, f64x2.mul(c, z2));
        y2 = f64x2.add(y2, f64x2.mul(d, z2));
        x3 = f64x2.add(x3, f64x2.mul(c, z3));
        y3 = f64x2.add(y3, f64x2.mul(d, z3));
        pr += 16;
        zb += 8;
        b++;
      } while (b < common);
      // The second pair's own columns a + 2 and, unless it is a lone last row, a + 3.
      const bEnd = min<u32>(a + 4, n);
      let pd = pr1 + (<usize>common << 4);
      for (; b < bEnd; b++) {
        const d = v128.load(pd);
        y0 = multiplyAdd(y0, d, zb);
        y1 = multiplyAdd(y1, d, zb + step1);
        y2 = multiplyAdd(y2, d, zb + step2);
        y3 = multiplyAdd(y3, d, zb + step3);
        pd += 16;
        zb += 8;
      }
      storePair(oq + (<usize>a << 3), v128.load(shift + (<usize>a << 3)), true, step1, x0, x1, x2, x3);
      storePair(oq + (<usize>common << 3), v128.load(shift + (<usize>common << 3)), a + 3 < n, step1, y0, y1, y2, y3);
      pr = pd;
    }
    if (a < n) {
      // A last pair alone (rows a and a + 1, or a lone row a).
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
      storePair(oq + (<usize>a << 3), v128.load(shift + (<usize>a << 3)), a + 1 < n, step1, x0, x1, x2, x3);
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

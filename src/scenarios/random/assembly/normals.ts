// AssemblyScript source of the normals kernel (compiled by `npm run build`, see
// scripts/build-kernels.mjs; the host side is `NormalKernel` in src/scenarios/random/standard-normal.ts,
// which writes the ziggurat tables into the memory). Not TypeScript for tsc: `f64`, `i32`, `usize`,
// `load<T>`, `store<T>` and `rotl<T>` are AssemblyScript's.
//
// Standard normals by the ziggurat method (Marsaglia & Tsang 2000) with 256 layers, one 32-bit
// xoshiro128** output per attempt: the low 8 bits choose the layer, the high 24 bits (signed) the
// value. Readable twins: `nextStandardNormal` and `slowPath` in standard-normal.ts; the arithmetic
// is theirs, operation for operation and in the same order (and exp is the host's Math.exp), so
// the results are the same bits.

import { F_AT, K_AT, LAYERS, MISSED_AT, STATE_AT, W_AT } from '../normal-kernel-memory';

/** The host's Math.exp (the very function `slowPath` calls, so the same bits). */
@external("env", "exp")
declare function kernelExp(x: f64): f64;

/** 2^26 and 2^-52, as in `Xoshiro128.nextUniform`. */
const TWO_POW_26: f64 = 67108864;
const TWO_POW_MINUS_52: f64 = 2.220446049250313e-16;

/**
 * `normals(out, count) -> done`: fills the f64 at byte address `out` with up to `count` normals,
 * the generator state read from and written back to the memory (STATE_AT). Per draw, with the
 * tables K, W, F of standard-normal.ts:
 * ```
 * w = next output; layer = w & 255; j = w >> 8; x = ((w >> 7) | 1) × W[layer]
 * (j ^ (j >> 31)) < K[layer]  (the fast path, |x| <= x[layer + 1]): out[k] = x, next k
 * layer 0 (the base strip and the tail): stop, w at MISSED_AT, for `slowPath` in TypeScript
 * otherwise (a wedge): height = F[layer] + U (F[layer + 1] − F[layer]), U = nextUniform();
 *   height < exp(−0.5 x x): out[k] = x, next k; otherwise draw afresh for the same k
 * ```
 * Returns how many it wrote (count, or the index of the layer-0 draw it stopped at; the state is
 * then already past that draw).
 *
 * The generator is xoshiro128** (`Xoshiro128.nextInt32`) on the locals s0 … s3, its step written
 * out where a word is drawn:
 *   out = rotl(s1 × 5, 7) × 9; t = s1 << 9;
 *   s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11)
 */
export function normals(out: usize, count: u32): u32 {
  let s0 = load<i32>(STATE_AT);
  let s1 = load<i32>(STATE_AT + 4);
  let s2 = load<i32>(STATE_AT + 8);
  let s3 = load<i32>(STATE_AT + 12);
  let t: i32;
  let k: u32 = 0;
  while (k < count) {
    // w: one generator step.
    const w = rotl<i32>(s1 * 5, 7) * 9;
    t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<i32>(s3, 11);
    const layer = <usize>(w & (LAYERS - 1));
    const j = w >> 8;
    const x = <f64>((w >> 7) | 1) * load<f64>(layer << 3, W_AT);
    if ((j ^ (j >> 31)) < load<i32>(layer << 2, K_AT)) {
      store<f64>(out + (<usize>k << 3), x);
      k++;
      continue;
    }
    if (layer == 0) {
      store<i32>(MISSED_AT, w);
      break;
    }
    // The wedge: U from two more steps, hi and lo (`Xoshiro128.nextUniform`).
    const hi = rotl<i32>(s1 * 5, 7) * 9;
    t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<i32>(s3, 11);
    const lo = rotl<i32>(s1 * 5, 7) * 9;
    t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<i32>(s3, 11);
    const u = (<f64>(<u32>hi >> 6) * TWO_POW_26 + <f64>(<u32>lo >> 6) + 0.5) * TWO_POW_MINUS_52;
    const low = load<f64>(layer << 3, F_AT);
    const height = low + u * (load<f64>(layer << 3, F_AT + 8) - low);
    if (height < kernelExp(-0.5 * x * x)) {
      store<f64>(out + (<usize>k << 3), x);
      k++;
    }
  }
  store<i32>(STATE_AT, s0);
  store<i32>(STATE_AT + 4, s1);
  store<i32>(STATE_AT + 8, s2);
  store<i32>(STATE_AT + 12, s3);
  return k;
}

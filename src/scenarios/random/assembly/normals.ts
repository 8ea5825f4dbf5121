// AssemblyScript source of the normals kernel (compiled by `npm run build`, see
// scripts/build-kernels.mjs; the host side is `NormalKernel` in src/scenarios/random/standard-normal.ts,
// which writes the ziggurat tables into the memory). Not TypeScript for tsc: `f64`, `i32`, `usize`,
// `load<T>`, `store<T>` and `rotl<T>` are AssemblyScript's.
//
// Standard normals by the ziggurat method (Marsaglia & Tsang 2000) with 256 layers, one 32-bit
// xoshiro128** output per attempt: the low 8 bits choose the layer, the high 24 bits (signed) the
// value. Readable twins: `nextStandardNormal` and `slowPath` in standard-normal.ts; the arithmetic
// is theirs, operation for operation and in the same order (and exp is the host's Math.exp, computed here, host-exp.ts), so
// the results are the same bits.

import { F_AT, LAYER_AT, LAYERS, MISSED_AT, STATE_AT, WEDGE_AT } from '../normal-kernel-memory';

/** The host's Math.exp (the very function `slowPath` calls), its operations inlined (host-exp.ts): the same bits. */
import { hostExp as kernelExp } from './host-exp';

/** 2^26 and 2^-52, as in `Xoshiro128.nextUniform`. */
const TWO_POW_26: f64 = 67108864;
const TWO_POW_MINUS_52: f64 = 2.220446049250313e-16;
/** 2^-40: the wedge bounds' margin, far above their rounding (below 2^-48, see `wedgeTest`). */
const WEDGE_MARGIN: f64 = 9.094947017729282e-13;

/** xoshiro128**'s state in the memory (STATE_AT): one step, its output returned. */
@inline function nextWord(): i32 {
  const s0 = load<i32>(STATE_AT);
  const s1 = load<i32>(STATE_AT + 4);
  const s2 = load<i32>(STATE_AT + 8) ^ s0;
  const s3 = load<i32>(STATE_AT + 12) ^ s1;
  store<i32>(STATE_AT + 4, s1 ^ s2);
  store<i32>(STATE_AT, s0 ^ s3);
  store<i32>(STATE_AT + 8, s2 ^ (s1 << 9));
  store<i32>(STATE_AT + 12, rotl<i32>(s3, 11));
  return rotl<i32>(s1 * 5, 7) * 9;
}

/**
 * The fast path alone, from the value at byte address `at` up to `end`: per draw
 * ```
 * w = next output; layer = w & 255; x = ((w >> 7) | 1) × W[layer]
 * (w + KA[layer]) mod 2^32 < KB[layer] as u32: out = x, next value
 * ```
 * with the layer's record at LAYER_AT (W, KA = K·2^8, KB = K·2^9): the same test as
 * (j ^ (j >> 31)) < K[layer] with j = w >> 8, i.e. |x| <= x[layer + 1] (`fastPathByWord` of
 * standard-normal.ts). Stops at `end`, or at the first draw off the fast path, its word left at
 * MISSED_AT (the state already past it). Returns the address after the last value written.
 * Its loop calls nothing, so the generator's state stays in registers (the step written out on
 * the locals s0 … s3, as in `Xoshiro128.nextInt32`: out = rotl(s1 × 5, 7) × 9; t = s1 << 9;
 * s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11)); the wedge, which calls the
 * host's exp, is `normals`' outer loop. (One loop with the wedge inside spilled the state to the
 * stack on every draw: 3.3 against 2.45 ns a normal.)
 */
function fastRun(at: usize, end: usize): usize {
  let s0 = load<i32>(STATE_AT);
  let s1 = load<i32>(STATE_AT + 4);
  let s2 = load<i32>(STATE_AT + 8);
  let s3 = load<i32>(STATE_AT + 12);
  while (at < end) {
    const w = rotl<i32>(s1 * 5, 7) * 9;
    const t = s1 << 9;
    s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl<i32>(s3, 11);
    const record = <usize>(w & (LAYERS - 1)) << 4;
    if (<u32>(w + load<i32>(record, LAYER_AT + 8)) >= load<u32>(record, LAYER_AT + 12)) {
      store<i32>(MISSED_AT, w);
      break;
    }
    store<f64>(at, <f64>((w >> 7) | 1) * load<f64>(record, LAYER_AT));
    at += 8;
  }
  store<i32>(STATE_AT, s0);
  store<i32>(STATE_AT + 4, s1);
  store<i32>(STATE_AT + 8, s2);
  store<i32>(STATE_AT + 12, s3);
  return at;
}

/**
 * The wedge's test height < exp(−0.5 x x) (the host's exp, `kernelExp`), mostly without the exp:
 * with t = x x, g(t) = e^(−t/2) is convex in t, so below it lies every tangent (the layer's at
 * the middle of its t range: lower(t) = A + B t) and above it, over the layer's range
 * [x[i + 1]², x[i]²], the chord through its two corners (upper(t) = C + D t); the table at
 * WEDGE_AT (standard-normal.ts `writeWedgeBounds`) holds A, B, C, D per layer. Then
 * ```
 * height < lower(t) − 2^-40:   true;   height >= upper(t) + 2^-40:   false;   else the exp
 * ```
 * decides as the exp would: the exp's result is within 1 ulp (< 2^-52, all values here are at
 * most 1) of g at the very t it is given (−0.5 x x = −t / 2 exactly, a halving), the table's
 * values within a few ulps of the true lines (from F and Math.exp), and each bound's two
 * operations round by less than 2^-52; a t just off the layer's range (x rounded, by a relative
 * 2^-52) leaves the chord above g by all but a like amount. All that is below 2^-48, far inside
 * the margin; and the band between the bounds is thin (a layer's lines differ by its width
 * squared), so the exp runs for a small part of the wedges only.
 */
@inline function wedgeTest(layer: usize, x: f64, height: f64): bool {
  const t = x * x;
  const record = layer << 5;
  if (height < load<f64>(record, WEDGE_AT) + load<f64>(record, WEDGE_AT + 8) * t - WEDGE_MARGIN) return true;
  if (height >= load<f64>(record, WEDGE_AT + 16) + load<f64>(record, WEDGE_AT + 24) * t + WEDGE_MARGIN) return false;
  return height < kernelExp(-0.5 * x * x);
}

/** `wedgeTest` alone (1 accepted, 0 not), for the kernel's tests. */
export function wedgeAccepts(layer: u32, x: f64, height: f64): i32 {
  return wedgeTest(<usize>layer, x, height) ? 1 : 0;
}

/**
 * `normals(out, count) -> done`: fills the f64 at byte address `out` with up to `count` normals,
 * the generator state read from and written back to the memory (STATE_AT). Per draw, with the
 * tables of standard-normal.ts:
 * ```
 * the fast path (`fastRun`): out[k] = x, next k
 * layer 0 (the base strip and the tail): stop, w at MISSED_AT, for `slowPath` in TypeScript
 * otherwise (a wedge): height = F[layer] + U (F[layer + 1] − F[layer]), U = nextUniform();
 *   height < exp(−0.5 x x) (`wedgeTest`): out[k] = x, next k; otherwise draw afresh for the same k
 * ```
 * Returns how many it wrote (count, or the index of the layer-0 draw it stopped at; the state is
 * then already past that draw).
 */
export function normals(out: usize, count: u32): u32 {
  let at = out;
  const end = out + (<usize>count << 3);
  while (at < end) {
    at = fastRun(at, end);
    if (at >= end) break;
    const w = load<i32>(MISSED_AT);
    const layer = <usize>(w & (LAYERS - 1));
    if (layer == 0) break;
    // The wedge: U from two more steps, hi and lo (`Xoshiro128.nextUniform`).
    const x = <f64>((w >> 7) | 1) * load<f64>(LAYER_AT + (layer << 4));
    const hi = nextWord();
    const lo = nextWord();
    const u = (<f64>(<u32>hi >> 6) * TWO_POW_26 + <f64>(<u32>lo >> 6) + 0.5) * TWO_POW_MINUS_52;
    const low = load<f64>(layer << 3, F_AT);
    const height = low + u * (load<f64>(layer << 3, F_AT + 8) - low);
    if (wedgeTest(layer, x, height)) {
      store<f64>(at, x);
      at += 8;
    }
  }
  return <u32>((at - out) >> 3);
}

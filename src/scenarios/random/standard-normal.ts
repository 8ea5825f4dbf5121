// Standard normal variates by the ziggurat method (Marsaglia & Tsang 2000) with 256 layers, one
// 32-bit output per attempt: the low 8 bits choose the layer, the high 24 bits (signed) the value.
// The two fields are disjoint bits of one xoshiro128** output, so layer and value are independent
// (the concern of Doornik 2005 about the original, which took both from the same bits). About
// 98.5 % of draws take the fast path: one generator step, one integer compare, one multiply.

import { standardNormalUpperTail } from '../monitoring/normal-cdf.js';
import { compileWasmBase64, createWasmMemory, instantiateWasm, type CompiledWasm, type WasmMemory } from '../wasm-runtime.js';
import { F_AT, LAYER_AT, LAYER_BYTES, LAYERS, MISSED_AT, NORMAL_KERNEL_BYTES, STATE_AT, WEDGE_AT, WEDGE_BYTES } from './normal-kernel-memory.js';
import { normalsWasm } from './normals-binary.js';
import type { Xoshiro128 } from './xoshiro128.js';

export { NORMAL_KERNEL_BYTES } from './normal-kernel-memory.js';
/** Right edge of the base strip's rectangle, where the tail starts (for 256 layers). */
const TAIL_START = 3.6541528853610088;
/** 2^24: the odd integer 2j + 1 (|2j + 1| < 2^24) maps to u = (2j + 1) / 2^24 in (-1, 1). */
const TWO_POW_24 = 16777216;

/** Unnormalised density f(x) = exp(-x^2 / 2). */
function gaussianKernel(x: number): number {
  return Math.exp(-0.5 * x * x);
}

/**
 * Ziggurat tables, computed once at load. With r = TAIL_START and the common strip area
 * v = r f(r) + ∫_r^∞ f = r f(r) + sqrt(2π) (1 - Φ(r)):
 *   x[0] = v / f(r)  (the base strip, widened so its rectangle also carries the tail's area),
 *   x[1] = r,  x[i+1] = sqrt(-2 ln(v / x[i] + f(x[i]))) for i = 1..254,  x[256] = 0.
 * Layer i is the rectangle [0, x[i]] × [f(x[i]), f(x[i+1])] (layer 0: [0, x[0]] × [0, f(r)]).
 * A draw w (signed 32-bit) gives layer i = w & 255 and j = w >> 8 in [-2^23, 2^23), and the
 * candidate x = (2j + 1) x[i] / 2^24: the midpoints of 2^24 equal cells of (-x[i], x[i]), a grid
 * symmetric about 0. With u = |j + 1/2| − 1/2 (j for j >= 0, −j − 1 for j < 0; branch-free as
 * j ^ (j >> 31)), |x| = (2u + 1) x[i] / 2^24, and the fast path u < K[i] = floor((2^24 x[i+1] / x[i]
 * + 1) / 2) is exactly |x| <= x[i+1], inside the curve.
 */
const X = new Float64Array(LAYERS + 1);
const F = new Float64Array(LAYERS + 1);
const W = new Float64Array(LAYERS);
const K = new Int32Array(LAYERS);
{
  const fr = gaussianKernel(TAIL_START);
  const stripArea = TAIL_START * fr + Math.sqrt(2 * Math.PI) * standardNormalUpperTail(TAIL_START);
  X[0] = stripArea / fr;
  X[1] = TAIL_START;
  for (let i = 1; i < LAYERS - 1; i++) X[i + 1] = Math.sqrt(-2 * Math.log(stripArea / X[i]! + gaussianKernel(X[i]!)));
  X[LAYERS] = 0;
  for (let i = 0; i <= LAYERS; i++) F[i] = gaussianKernel(X[i]!);
  F[0] = 0;
  for (let i = 0; i < LAYERS; i++) {
    W[i] = X[i]! / TWO_POW_24;
    K[i] = Math.floor(((TWO_POW_24 * X[i + 1]!) / X[i]! + 1) / 2);
  }
}

/**
 * The slow path for a draw `w` that missed the fast test. Returns the normal variate, drawing more
 * numbers from `rng` as needed. Readable form of one ziggurat attempt (Marsaglia & Tsang 2000,
 * section 2), with layer i and candidate x taken from w as in the tables' comment:
 *   layer 0 and |x| >= r: sample the tail x > r by Marsaglia's method (1964):
 *     repeat a = -ln(U1) / r, b = -ln(U2) until 2b >= a^2; return ±(r + a), the sign of x
 *   layer 0 and |x| < r: inside the base rectangle, accept x
 *   other layers: accept x if a uniform height in [f(x[i]), f(x[i+1])] falls below f(x)
 *   otherwise start over with a fresh draw (and its fast test).
 */
function slowPath(rng: Xoshiro128, w: number): number {
  for (;;) {
    const layer = w & (LAYERS - 1);
    const x = ((w >> 7) | 1) * W[layer]!;
    if (layer === 0) {
      if (Math.abs(x) < TAIL_START) return x;
      let a: number;
      let b: number;
      do {
        a = -Math.log(rng.nextUniform()) / TAIL_START;
        b = -Math.log(rng.nextUniform());
      } while (b + b < a * a);
      return x < 0 ? -(TAIL_START + a) : TAIL_START + a;
    }
    const height = F[layer]! + rng.nextUniform() * (F[layer + 1]! - F[layer]!);
    if (height < gaussianKernel(x)) return x;
    w = rng.nextInt32();
    const j = w >> 8;
    if ((j ^ (j >> 31)) < K[w & (LAYERS - 1)]!) return ((w >> 7) | 1) * W[w & (LAYERS - 1)]!;
  }
}

/**
 * The fast path's test on the whole word, as the kernel runs it: with KA = K·2^8 and KB = K·2^9
 * (K < 2^23, so both fit 32 bits), u < K[layer] ⇔ −K <= j < K ⇔ −K·2^8 <= w < K·2^8 (the layer's
 * 8 low bits below 2^8 change neither side: j·2^8 <= w < j·2^8 + 2^8) ⇔ (w + KA) mod 2^32 < KB as
 * unsigned 32-bit integers (w + KA is in [0, KB) exactly then; outside, in [KB, 2^31 + KA) or, as
 * unsigned, in [2^31 + KA, 2^32), both >= KB as KA < 2^31). One add and one compare per draw
 * instead of two shifts, an xor and a compare.
 */
export function fastPathByWord(w: number): boolean {
  const limit = K[w & (LAYERS - 1)]!;
  return ((w + limit * 256) >>> 0) < limit * 512;
}

/** The fast path's test as `nextStandardNormal` reads it: (j ^ (j >> 31)) < K[layer], j = w >> 8. */
export function fastPathByValue(w: number): boolean {
  const j = w >> 8;
  return (j ^ (j >> 31)) < K[w & (LAYERS - 1)]!;
}

/** The candidate x of a draw `w`, ((w >> 7) | 1) W[layer], and its layer's heights [F[layer], F[layer + 1]] (for tests). */
export function drawCandidate(w: number): { x: number; low: number; high: number } {
  const layer = w & (LAYERS - 1);
  return { x: ((w >> 7) | 1) * W[layer]!, low: F[layer]!, high: F[layer + 1]! };
}

/** K[layer]: the fast path's bound on u = |j + 1/2| − 1/2 in that layer (for tests). */
export function fastPathLimit(layer: number): number {
  return K[layer]!;
}

/**
 * The kernel's fast-path table (LAYER_AT): per layer [W, K·2^8, K·2^9] as f64, i32, u32 in a
 * 16-byte record, written into `memory` at byte `at`.
 */
function writeFastPathRecords(memory: WasmMemory, at: number): void {
  for (let i = 0; i < LAYERS; i++) {
    const record = at + i * LAYER_BYTES;
    memory.f64[record / 8] = W[i]!;
    memory.i32[record / 4 + 2] = K[i]! * 256;
    memory.i32[record / 4 + 3] = (K[i]! * 512) | 0;
  }
}

/**
 * The kernel's wedge bounds (WEDGE_AT), per layer i >= 1 a 32-byte record [A, B, C, D] (f64) of
 * two lines in t = x², around g(t) = exp(−t / 2) = f(x) over the layer's t range
 * [a, b] = [x[i + 1]², x[i]²] (g is convex, so a tangent lies below it and the chord above it there):
 *   the tangent at m = (a + b) / 2:  A + B t,  B = −g(m) / 2,  A = g(m) − B m
 *   the chord through (a, F[i + 1]) and (b, F[i]):  C + D t,  D = (F[i] − F[i + 1]) / (b − a),  C = F[i + 1] − D a
 * (the normals kernel's `wedgeTest` decides most wedges by them, the rest by the exp).
 */
function writeWedgeBounds(memory: WasmMemory, at: number): void {
  for (let i = 1; i < LAYERS; i++) {
    const a = X[i + 1]! * X[i + 1]!;
    const b = X[i]! * X[i]!;
    const m = (a + b) / 2;
    const gm = Math.exp(-m / 2);
    const slopeTangent = -gm / 2;
    const slopeChord = (F[i]! - F[i + 1]!) / (b - a);
    const record = (at + i * WEDGE_BYTES) / 8;
    memory.f64[record] = gm - slopeTangent * m;
    memory.f64[record + 1] = slopeTangent;
    memory.f64[record + 2] = F[i + 1]! - slopeChord * a;
    memory.f64[record + 3] = slopeChord;
  }
}

/** One standard normal variate (mean 0, variance 1). */
export function nextStandardNormal(rng: Xoshiro128): number {
  const w = rng.nextInt32();
  const j = w >> 8;
  if ((j ^ (j >> 31)) < K[w & (LAYERS - 1)]!) return ((w >> 7) | 1) * W[w & (LAYERS - 1)]!;
  return slowPath(rng, w);
}

// ---- The generator in WebAssembly ----
//
// The normal kernel (AssemblyScript: assembly/normals.ts) runs the fast path and the wedges on a
// WebAssembly memory laid out in normal-kernel-memory.ts: the generator state, the word of a draw
// left to TypeScript, and the tables above, written by the host (W and K as one record per layer
// for the fast path, `fastPathByWord`; F and the bounds of `writeWedgeBounds` for the wedges).

let normalsModule: CompiledWasm | null = null;

/**
 * Standard normals generated into a WebAssembly memory (its first NORMAL_KERNEL_BYTES hold the
 * kernel's tables; the caller owns the rest). `fill` gives exactly the sequence
 * `nextStandardNormal` would, the rare slow path running in JavaScript on `rng` itself.
 */
export class NormalKernel {
  private readonly normals: (out: number, count: number) => number;
  private readonly wedgeAccepts: (layer: number, x: number, height: number) => number;

  constructor(readonly memory: WasmMemory) {
    if (memory.bytes < NORMAL_KERNEL_BYTES) throw new Error(`NormalKernel: memory of ${memory.bytes} bytes is too small`);
    normalsModule ??= compileWasmBase64(normalsWasm);
    writeFastPathRecords(memory, LAYER_AT);
    memory.f64.set(F, F_AT / 8);
    writeWedgeBounds(memory, WEDGE_AT);
    const exports = instantiateWasm(normalsModule, memory);
    this.normals = exports['normals'] as (out: number, count: number) => number;
    this.wedgeAccepts = exports['wedgeAccepts'] as (layer: number, x: number, height: number) => number;
  }

  /**
   * The kernel's wedge test for a candidate `x` of `layer` (1 … 255) at `height`: whether it
   * accepts x (height < exp(−x² / 2), decided by its bounds or by the exp), for tests.
   */
  wedgeTest(layer: number, x: number, height: number): boolean {
    return this.wedgeAccepts(layer, x, height) === 1;
  }

  /** Fill the f64 at byte address `at` (8-aligned, past NORMAL_KERNEL_BYTES) with `count` normals from `rng`. */
  fill(rng: Xoshiro128, at: number, count: number): void {
    const state = rng.state;
    const words = this.memory.i32;
    const values = this.memory.f64;
    for (let i = 0; i < 4; i++) words[STATE_AT / 4 + i] = state[i]!;
    let done = 0;
    for (;;) {
      done += this.normals(at + 8 * done, count - done);
      if (done >= count) break;
      // The draw at `done` fell in layer 0 off the fast path: finish it on `rng`, then go on.
      for (let i = 0; i < 4; i++) state[i] = words[STATE_AT / 4 + i]!;
      values[at / 8 + done] = slowPath(rng, words[MISSED_AT / 4]!);
      words.set(state, STATE_AT / 4);
      done++;
    }
    for (let i = 0; i < 4; i++) state[i] = words[STATE_AT / 4 + i]!;
  }
}

/** Normals per pass of `fillStandardNormal` through its kernel's buffer. */
const FILL_CHUNK = 8192;
let fillKernel: NormalKernel | null = null;

/**
 * Fill `out[from .. to)` (default: all of `out`) with independent standard normal variates.
 * Allocates nothing after the first call. Produces exactly the numbers `nextStandardNormal` would,
 * in order: the fast path runs in a WebAssembly kernel (`NormalKernel`), chunk by chunk, and is
 * copied out. Readable form of the kernel's loop:
 * ```
 * for k: w = rng.nextInt32(); layer = w & 255; j = w >> 8
 *        out[k] = (j ^ (j >> 31)) < K[layer] ? ((w >> 7) | 1) * W[layer] : slowPath(rng, w)
 * ```
 */
export function fillStandardNormal(rng: Xoshiro128, out: Float64Array, from = 0, to = out.length): void {
  fillKernel ??= new NormalKernel(createWasmMemory(NORMAL_KERNEL_BYTES + 8 * FILL_CHUNK));
  const values = fillKernel.memory.f64;
  for (let k = from; k < to; k += FILL_CHUNK) {
    const count = Math.min(FILL_CHUNK, to - k);
    fillKernel.fill(rng, NORMAL_KERNEL_BYTES, count);
    out.set(values.subarray(NORMAL_KERNEL_BYTES / 8, NORMAL_KERNEL_BYTES / 8 + count), k);
  }
}

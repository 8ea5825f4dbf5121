// Standard normal variates by the ziggurat method (Marsaglia & Tsang 2000) with 256 layers, the
// layer chosen from its own random bits (Doornik 2005's fix for the original's correlation between
// the layer and the value). About 99 % of draws take the fast path: two 32-bit outputs, one
// integer compare, one multiply.

import { standardNormalUpperTail } from '../monitoring/normal-cdf.js';
import type { Xoshiro128 } from './xoshiro128.js';

/** Number of ziggurat layers (equal-area strips under exp(-x^2/2)). */
const LAYERS = 256;
/** Right edge of the base strip's rectangle, where the tail starts (for 256 layers). */
const TAIL_START = 3.6541528853610088;
/** 2^31 and its inverse: a signed 32-bit integer j maps to u = j / 2^31 in [-1, 1). */
const TWO_POW_31 = 2147483648;

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
 * Fast path: |j| < K[i] = floor(2^31 x[i+1] / x[i]) puts x = j x[i] / 2^31 inside the curve.
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
    W[i] = X[i]! / TWO_POW_31;
    K[i] = Math.floor((TWO_POW_31 * X[i + 1]!) / X[i]!);
  }
}

/**
 * The slow path for a draw that missed the fast test: `j` is the signed 32-bit value already drawn,
 * `layer` its layer. Returns the normal variate, drawing more numbers from `rng` as needed.
 * Readable form of one ziggurat attempt (Marsaglia & Tsang 2000, section 2):
 *   layer 0 and |x| >= r: sample the tail x > r by Marsaglia's method (1964):
 *     repeat a = -ln(U1) / r, b = -ln(U2) until 2b >= a^2; return ±(r + a)
 *   other layers: accept x if a uniform height in [f(x[i]), f(x[i+1])] falls below f(x)
 *   otherwise start over with a fresh layer and value.
 */
function slowPath(rng: Xoshiro128, j: number, layer: number): number {
  for (;;) {
    const x = j * W[layer]!;
    if (layer === 0) {
      if (Math.abs(x) < TAIL_START) return x;
      let a: number;
      let b: number;
      do {
        a = -Math.log(rng.nextUniform()) / TAIL_START;
        b = -Math.log(rng.nextUniform());
      } while (b + b < a * a);
      return j < 0 ? -(TAIL_START + a) : TAIL_START + a;
    }
    const height = F[layer]! + rng.nextUniform() * (F[layer + 1]! - F[layer]!);
    if (height < gaussianKernel(x)) return x;
    j = rng.nextInt32();
    layer = rng.nextInt32() & (LAYERS - 1);
    if (Math.abs(j) < K[layer]!) return j * W[layer]!;
  }
}

/** One standard normal variate (mean 0, variance 1). */
export function nextStandardNormal(rng: Xoshiro128): number {
  const j = rng.nextInt32();
  const layer = rng.nextInt32() & (LAYERS - 1);
  if (Math.abs(j) < K[layer]!) return j * W[layer]!;
  return slowPath(rng, j, layer);
}

/**
 * Fill `out[from .. to)` (default: all of `out`) with independent standard normal variates.
 * Allocates nothing. Produces exactly the numbers `nextStandardNormal` would, in order.
 *
 * The generator step is inlined for speed on locals (readable form: `j = rng.nextInt32();
 * layer = rng.nextInt32() & 255`, see `Xoshiro128`); the state is written back before the slow
 * path, which draws through `rng`, and read again after it.
 */
export function fillStandardNormal(rng: Xoshiro128, out: Float64Array, from = 0, to = out.length): void {
  const s = rng.state;
  let s0 = s[0]!;
  let s1 = s[1]!;
  let s2 = s[2]!;
  let s3 = s[3]!;
  for (let k = from; k < to; k++) {
    // j = rng.nextInt32()
    let m = Math.imul(s1, 5);
    const j = Math.imul((m << 7) | (m >>> 25), 9);
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    // layer = rng.nextInt32() & 255
    m = Math.imul(s1, 5);
    const layer = Math.imul((m << 7) | (m >>> 25), 9) & (LAYERS - 1);
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    if ((j < 0 ? -j : j) < K[layer]!) {
      out[k] = j * W[layer]!;
    } else {
      s[0] = s0;
      s[1] = s1;
      s[2] = s2;
      s[3] = s3;
      out[k] = slowPath(rng, j, layer);
      s0 = s[0]!;
      s1 = s[1]!;
      s2 = s[2]!;
      s3 = s[3]!;
    }
  }
  s[0] = s0;
  s[1] = s1;
  s[2] = s2;
  s[3] = s3;
}

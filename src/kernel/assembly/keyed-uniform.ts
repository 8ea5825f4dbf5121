// AssemblyScript (see path-scan.ts): `keyedUniform` of src/kernel/keyed-uniform.ts (with
// `hashWords128` and `mix32` of src/scenarios/random/seed-hash.ts), so the gradient kernel
// (gradient-scan.ts) draws a gradient pool's lower threshold itself, the same bits as the
// TypeScript; and `keyedUniforms4`, four such draws at once in 32-bit SIMD lanes, with which the
// barrier scan (barrier-scan.ts) draws the assets' first thresholds.

/** Key kinds, = KEY_ASSET_LOWER and KEY_ASSET_UPPER in src/kernel/keyed-uniform.ts. */
export const KEY_ASSET_LOWER: u32 = 0x01000000;
export const KEY_ASSET_UPPER: u32 = 0x02000000;

/** 2^26 and 2^-52, as in `Xoshiro128.nextUniform`. */
const TWO_POW_26: f64 = 67108864;
const TWO_POW_MINUS_52: f64 = 2.220446049250313e-16;

/**
 * `mix32` ("lowbias32"), mod 2^32:
 * x ^= x >>> 16; x *= 0x7feb352d; x ^= x >>> 15; x *= 0x846ca68b; x ^= x >>> 16.
 */
@inline function mix32(x: u32): u32 {
  x ^= x >> 16;
  x *= 0x7feb352d;
  x ^= x >> 15;
  x *= 0x846ca68b;
  x ^= x >> 16;
  return x;
}

/**
 * The first round's a = mix32(word0 ^ 0x9e3779b9) and b = mix32(word1 ^ a ^ 0x85ebca6b) depend on
 * the path's words alone: kept for the last words seen (the words of the path being run, for
 * every draw on it), so a draw starts its chain of mix32 at the key's, ten instead of twelve.
 */
let premixWord0: u32 = 0;
let premixWord1: u32 = 0;
let premixA: u32 = 0;
let premixB: u32 = 0;
let premixSet = false;

/**
 * `keyedUniform(word0, word1, key, counter)`: `hashWords128` of the four words (three rounds of
 * `mix32`, each word mixed and xored into the next; the all-zero state replaced), its first two
 * words' top 26 bits joined into u = (k + 0.5) 2^-52. The first round's first two mixes come from
 * the words' kept values (`premixA`, `premixB`) when they are the last words seen: the same
 * operations on the same inputs, so the same bits.
 */
export function keyedUniform(word0: u32, word1: u32, key: u32, counter: u32): f64 {
  if (!premixSet || word0 != premixWord0 || word1 != premixWord1) {
    premixA = mix32(word0 ^ 0x9e3779b9);
    premixB = mix32(word1 ^ premixA ^ 0x85ebca6b);
    premixWord0 = word0;
    premixWord1 = word1;
    premixSet = true;
  }
  let a = premixA;
  let b = premixB;
  let c = mix32(key ^ b ^ 0xc2b2ae35);
  let d = mix32(counter ^ c ^ 0x27d4eb2f);
  a ^= d;
  for (let round = 1; round < 3; round++) {
    a = mix32(a ^ 0x9e3779b9);
    b = mix32(b ^ a ^ 0x85ebca6b);
    c = mix32(c ^ b ^ 0xc2b2ae35);
    d = mix32(d ^ c ^ 0x27d4eb2f);
    a ^= d;
  }
  if ((a | b | c | d) == 0) a = 0x9e3779b9;
  return (<f64>(a >> 6) * TWO_POW_26 + <f64>(b >> 6) + 0.5) * TWO_POW_MINUS_52;
}

/** `mix32` in each 32-bit lane (i32x4.mul keeps the low 32 bits of the product: the same mod 2^32). */
@inline function mix32x4(x: v128): v128 {
  x = v128.xor(x, i32x4.shr_u(x, 16));
  x = i32x4.mul(x, i32x4.splat(0x7feb352d));
  x = v128.xor(x, i32x4.shr_u(x, 15));
  x = i32x4.mul(x, i32x4.splat(<i32>0x846ca68b));
  x = v128.xor(x, i32x4.shr_u(x, 16));
  return x;
}

/** u = ((a >> 6) 2^26 + (b >> 6) + 0.5) 2^-52 of lanes 0 and 1 of a and b (`keyedUniform`'s last line, the same IEEE operations). */
@inline function uniformPair(a: v128, b: v128): v128 {
  const high = f64x2.convert_low_i32x4_u(i32x4.shr_u(a, 6));
  const low = f64x2.convert_low_i32x4_u(i32x4.shr_u(b, 6));
  return f64x2.mul(f64x2.add(f64x2.add(f64x2.mul(high, f64x2.splat(TWO_POW_26)), low), f64x2.splat(0.5)), f64x2.splat(TWO_POW_MINUS_52));
}

/**
 * `keyedUniform(word0, word1, key_j, 0)` for the four keys in the lanes of `keys`, stored as
 * four f64 at `out`: the same operations lane by lane (`mix32x4`), so the same bits; the four
 * chains of dependent mixes run side by side instead of one after the other. The first round's
 * a and b depend on the words alone, mixed once (scalar) and splatted.
 */
@inline export function keyedUniforms4(word0: u32, word1: u32, keys: v128, out: usize): void {
  const a0 = mix32(word0 ^ 0x9e3779b9);
  const b0 = mix32(word1 ^ a0 ^ 0x85ebca6b);
  let a = i32x4.splat(<i32>a0);
  let b = i32x4.splat(<i32>b0);
  let c = mix32x4(v128.xor(keys, i32x4.splat(<i32>(b0 ^ 0xc2b2ae35))));
  // counter 0: d = mix32(0 ^ c ^ 0x27d4eb2f)
  let d = mix32x4(v128.xor(c, i32x4.splat(0x27d4eb2f)));
  a = v128.xor(a, d);
  for (let round = 1; round < 3; round++) {
    a = mix32x4(v128.xor(a, i32x4.splat(<i32>0x9e3779b9)));
    b = mix32x4(v128.xor(v128.xor(b, a), i32x4.splat(<i32>0x85ebca6b)));
    c = mix32x4(v128.xor(v128.xor(c, b), i32x4.splat(<i32>0xc2b2ae35)));
    d = mix32x4(v128.xor(v128.xor(d, c), i32x4.splat(0x27d4eb2f)));
    a = v128.xor(a, d);
  }
  // The all-zero state replaced, lane by lane.
  const zero = i32x4.eq(v128.or(v128.or(a, b), v128.or(c, d)), i32x4.splat(0));
  a = v128.bitselect(i32x4.splat(<i32>0x9e3779b9), a, zero);
  v128.store(out, uniformPair(a, b));
  v128.store(out, uniformPair(i64x2.shuffle(a, a, 1, 0), i64x2.shuffle(b, b, 1, 0)), 16);
}

// Seed hashing: turns a user seed and a block index into a well-mixed 128-bit generator state.
// Every block of Monte Carlo paths gets its own state hashed from (seed, block), never a run of
// consecutive states of one generator, so results do not depend on how blocks are spread over
// threads.

/** 2^32, for splitting a seed into 32-bit words. */
const TWO_POW_32 = 4294967296;

/**
 * A bijective 32-bit mixer ("lowbias32", C. Wellons, https://nullprogram.com/blog/2018/07/31/),
 * the 32-bit counterpart of the SplitMix64 finaliser (xor-shift, odd multiply, twice):
 * `x ^= x >>> 16; x *= 0x7feb352d; x ^= x >>> 15; x *= 0x846ca68b; x ^= x >>> 16` (mod 2^32).
 * Each step is invertible, so distinct inputs give distinct outputs; one flipped input bit flips
 * about half the output bits. Returns an unsigned 32-bit integer.
 */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Throws unless `seed` is an integer in [0, 2^53): a broken precondition, not an input problem. */
export function assertSeed(seed: number, functionName: string): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`${functionName}: seed must be an integer in [0, 2^53), got ${seed}`);
  }
}

/**
 * Hash four 32-bit words into four, writing `out[0..3]`. The map is a bijection on 128 bits:
 * each round applies `mix32` to one word (invertible) and xors it into the next word (invertible
 * given the other), so distinct (seed, block, domain) inputs can never produce the same state.
 * Three rounds over the four words make every output word depend on every input bit.
 *
 * The all-zero state (the one forbidden state of xoshiro) is the image of exactly one input; it is
 * replaced by a fixed non-zero word, which cannot collide in practice (probability 2^-128).
 */
export function hashWords128(w0: number, w1: number, w2: number, w3: number, out: Uint32Array): void {
  let a = w0 >>> 0;
  let b = w1 >>> 0;
  let c = w2 >>> 0;
  let d = w3 >>> 0;
  for (let round = 0; round < 3; round++) {
    a = mix32(a ^ 0x9e3779b9);
    b = (b ^ a) >>> 0;
    b = mix32(b ^ 0x85ebca6b);
    c = (c ^ b) >>> 0;
    c = mix32(c ^ 0xc2b2ae35);
    d = (d ^ c) >>> 0;
    d = mix32(d ^ 0x27d4eb2f);
    a = (a ^ d) >>> 0;
  }
  if ((a | b | c | d) === 0) a = 0x9e3779b9;
  out[0] = a;
  out[1] = b;
  out[2] = c;
  out[3] = d;
}

/** Low and high 32-bit words of an integer seed in [0, 2^53). */
export function seedWords(seed: number): { lo: number; hi: number } {
  return { lo: seed % TWO_POW_32 >>> 0, hi: Math.floor(seed / TWO_POW_32) >>> 0 };
}

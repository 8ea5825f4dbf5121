// The seeded random source of every scenario: xoshiro128** (Blackman & Vigna), a 32-bit
// generator with 128 bits of state, period 2^128 - 1, that passes BigCrush and PractRand.
// Integer math only (Math.imul, shifts); the state lives in an Int32Array so no number is boxed.

import { assertSeed, hashWords128, seedWords } from './seed-hash.js';

/** 2^-52: turns a 52-bit integer into a fraction of one. */
const TWO_POW_MINUS_52 = 2.220446049250313e-16;
/** 2^26: shifts the high 26-bit half of a 52-bit integer into place. */
const TWO_POW_26 = 67108864;

/** Domain tag hashed with a plain seed, so `fromSeed(s)` never equals `streamForBlock(s, b)`. */
const DOMAIN_PLAIN_SEED = 0x5eed0001;

/**
 * xoshiro128** (https://prng.di.unimi.it/xoshiro128starstar.c). One step:
 * ```
 * result = rotl(s1 * 5, 7) * 9
 * t = s1 << 9
 * s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11)
 * ```
 * Hot loops may copy `state` into locals, run the step inline and write it back (see
 * `fillStandardNormal`); they must then produce exactly the sequence `nextUint32` would.
 */
export class Xoshiro128 {
  /** The four state words (as signed 32-bit integers); never all zero. */
  readonly state: Int32Array;

  /** A generator at the given state: four 32-bit words, not all zero (throws otherwise). */
  constructor(words: ArrayLike<number>) {
    if (words.length !== 4) throw new Error(`Xoshiro128: state must be 4 words, got ${words.length}`);
    this.state = new Int32Array(4);
    for (let k = 0; k < 4; k++) this.state[k] = words[k]! | 0;
    if ((this.state[0]! | this.state[1]! | this.state[2]! | this.state[3]!) === 0) {
      throw new Error('Xoshiro128: the all-zero state is forbidden');
    }
  }

  /**
   * The generator for a plain seed (an integer in [0, 2^53)), its state hashed from the seed.
   * For Monte Carlo blocks use `streamForBlock`, which hashes the block index in as well.
   */
  static fromSeed(seed: number): Xoshiro128 {
    assertSeed(seed, 'Xoshiro128.fromSeed');
    const { lo, hi } = seedWords(seed);
    const words = new Uint32Array(4);
    hashWords128(lo, hi, 0, DOMAIN_PLAIN_SEED, words);
    return new Xoshiro128(words);
  }

  /** A copy at the same state: both then produce the same sequence. */
  clone(): Xoshiro128 {
    return new Xoshiro128(this.state);
  }

  /** Next output as a signed 32-bit integer in [-2^31, 2^31). */
  nextInt32(): number {
    const s = this.state;
    const s0 = s[0]!;
    const s1 = s[1]!;
    let s2 = s[2]!;
    let s3 = s[3]!;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s[1] = s1 ^ s2;
    s[0] = s0 ^ s3;
    s[2] = s2 ^ t;
    s[3] = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** Next output as an unsigned 32-bit integer in [0, 2^32). */
  nextUint32(): number {
    return this.nextInt32() >>> 0;
  }

  /**
   * Uniform in the open interval (0, 1), never 0 nor 1, on a grid of 2^52 points:
   * `u = (k + 0.5) * 2^-52` with k the top 26 bits of two outputs joined (k in [0, 2^52)).
   * The smallest value is 2^-53, the largest 1 - 2^-53, both exact in a double.
   */
  nextUniform(): number {
    const hi = this.nextInt32() >>> 6;
    const lo = this.nextInt32() >>> 6;
    return (hi * TWO_POW_26 + lo + 0.5) * TWO_POW_MINUS_52;
  }

  /** Uniform integer in [0, n) for 1 <= n <= 2^52, by `floor(u * n)` (bias below n * 2^-52). */
  nextIndex(n: number): number {
    return Math.floor(this.nextUniform() * n);
  }
}

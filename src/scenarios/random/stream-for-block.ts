// Independent random streams for blocks of Monte Carlo paths: block b of a run with seed s draws
// from a generator whose state is a hash of (s, b). The streams of a run therefore do not depend
// on how blocks are spread over threads, and blocks never share consecutive generator states.

import { assertSeed, hashWords128, seedWords } from './seed-hash.js';
import { Xoshiro128 } from './xoshiro128.js';

/** Domain tag for block streams (see `Xoshiro128.fromSeed` for the plain-seed tag). */
const DOMAIN_BLOCK_STREAM = 0xb10c0001;

/** Largest block index: block indices are 32-bit. */
const MAX_BLOCK_INDEX = 0xffffffff;

/**
 * The generator for block `blockIndex` (an integer in [0, 2^32)) of a run seeded with `seed`
 * (an integer in [0, 2^53)). The state is `hashWords128(seedLo, seedHi, blockIndex, tag)`, a
 * bijection, so two different (seed, block) pairs never start from the same state; starting
 * points are spread over the period 2^128 - 1, so streams of any practical length do not overlap.
 * Throws on a seed or block index out of range (a caller bug).
 */
export function streamForBlock(seed: number, blockIndex: number): Xoshiro128 {
  assertSeed(seed, 'streamForBlock');
  if (!Number.isInteger(blockIndex) || blockIndex < 0 || blockIndex > MAX_BLOCK_INDEX) {
    throw new Error(`streamForBlock: blockIndex must be an integer in [0, 2^32), got ${blockIndex}`);
  }
  const { lo, hi } = seedWords(seed);
  const words = new Uint32Array(4);
  hashWords128(lo, hi, blockIndex, DOMAIN_BLOCK_STREAM, words);
  return new Xoshiro128(words);
}

// Uniforms for liquidation monitoring, keyed instead of streamed: each path draws two 32-bit
// words from its block's stream, and every threshold the monitor needs is a hash of those words
// and a key naming what it is for (an asset's lower or upper barrier, a wallet, the n-th
// liquidation event of a pool). The stream is consumed by a fixed amount per path whatever
// happens on it, and a threshold depends on what it is for, not on the order it is needed in:
// two identical pools in two modes see the same thresholds, so computing a mode once and copying
// it is exactly equivalent to computing it again.

import { hashWords128 } from '../scenarios/random/seed-hash.js';

/** 2^-52 and 2^26, to join two 26-bit halves into a 52-bit fraction (as Xoshiro128.nextUniform). */
const TWO_POW_MINUS_52 = 2.220446049250313e-16;
const TWO_POW_26 = 67108864;

/** Key kinds, in the top byte of the key word; the low 24 bits carry an index. */
export const KEY_ASSET_LOWER = 0x01000000;
export const KEY_ASSET_UPPER = 0x02000000;
export const KEY_WALLET = 0x03000000;
export const KEY_ISOLATED_EVENT = 0x04000000;
export const KEY_CROSS_EVENT = 0x05000000;

/** Largest index a key can carry (24 bits). */
export const MAX_KEY_INDEX = 0xffffff;

/**
 * Uniform in (0, 1) for (`word0`, `word1`, `key`, `counter`): the 128-bit bijective hash
 * `hashWords128` of the four words, its first two output words' top 26 bits joined as in
 * `Xoshiro128.nextUniform`: u = (k + 0.5) 2^-52. Distinct inputs give distinct hash states.
 * `scratch` is a caller-owned Uint32Array(4), so nothing is allocated.
 */
export function keyedUniform(word0: number, word1: number, key: number, counter: number, scratch: Uint32Array): number {
  hashWords128(word0, word1, key, counter, scratch);
  const hi = scratch[0]! >>> 6;
  const lo = scratch[1]! >>> 6;
  return (hi * TWO_POW_26 + lo + 0.5) * TWO_POW_MINUS_52;
}

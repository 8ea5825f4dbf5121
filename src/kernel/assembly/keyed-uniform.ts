// AssemblyScript (see path-scan.ts): `keyedUniform` of src/kernel/keyed-uniform.ts (with
// `hashWords128` and `mix32` of src/scenarios/random/seed-hash.ts), so `barrierSteps` draws an
// asset's first thresholds itself, and the gradient kernel (gradient-scan.ts) a gradient pool's
// lower threshold, the same bits as the TypeScript.

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

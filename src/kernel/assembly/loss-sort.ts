// AssemblyScript (see loss-rows.ts): the steps of an ascending sort of doubles in this memory with
// exactly the result of `Float64Array.prototype.sort()` (its readable form), a least-significant-
// digit radix sort on the values' IEEE-754 bits. The host calls one step at a time (`hasNaN`,
// `toKeys`, then per pass `startPositions` and `scatter`, and `fromKeys`), each over a chunk of
// the row: V8 runs a WebAssembly function's first calls on its baseline compiler and the next ones
// on its optimising compiler once that is done, so short calls reach the optimised code within
// the first sort.
//
// Key of a double with bits b (an unsigned 64-bit integer):
//   key = b | 2^63   when the sign bit is clear (+0, positives, +∞)
//   key = NOT b      when it is set (−0, negatives, −∞)
// so key order is numeric order and −0 (key 2^63 − 1) comes just before +0 (key 2^63), as the
// built-in sort puts them. Equal doubles have equal bits (±0 apart), so the order among equal
// values cannot change a bit of the result. NaN has no place in key order (the built-in sort puts
// it last): the host checks a row for NaN first (`hasNaN`) and sorts such a row itself.
//
// Six stable passes of 11 bits each (6 × 11 >= 64; 2,048 counts a pass, all six counted in one
// read of the keys), from the lowest digit up, between the row and the scratch row; a pass whose
// digit is the same for every key moves nothing and is skipped. The sorted keys go back to doubles
// in the row.

/** Bits of a digit, its buckets and mask, and the passes over a key's 64 bits (= PASSES of loss-rows.ts). */
const DIGIT_BITS: u64 = 11;
const BUCKETS: i32 = 2048;
const DIGIT_MASK: u64 = 2047;
const PASSES: i32 = 6;
/** Bytes of the counts (PASSES × BUCKETS i32), at `counts`. */
export const COUNT_BYTES: i32 = PASSES * BUCKETS * 4;

/** The sign bit, and the bits below it. */
const SIGN: u64 = 0x8000000000000000;
const MAGNITUDE: u64 = 0x7fffffffffffffff;
/** The bits of +∞: every magnitude above them is a NaN. */
const INFINITY_BITS: u64 = 0x7ff0000000000000;

/** 1 when any of the n doubles at byte address `values` is a NaN, else 0. */
export function hasNaN(values: usize, n: i32): i32 {
  for (let i = 0; i < n; i++) {
    if ((load<u64>(values + (<usize>i << 3)) & MAGNITUDE) > INFINITY_BITS) return 1;
  }
  return 0;
}

/**
 * The n doubles at byte address `values` (no NaN) to their keys in place, every pass's digit of
 * each added to the counts at `counts` (COUNT_BYTES, zeroed by the host before a row's first call).
 */
export function toKeys(values: usize, n: i32, counts: usize): void {
  for (let i = 0; i < n; i++) {
    const at = values + (<usize>i << 3);
    const bits = load<u64>(at);
    const key = (bits & SIGN) != 0 ? ~bits : bits | SIGN;
    store<u64>(at, key);
    for (let pass = 0; pass < PASSES; pass++) {
      const count = counts + (<usize>(pass * BUCKETS + <i32>((key >> (DIGIT_BITS * <u64>pass)) & DIGIT_MASK)) << 2);
      store<i32>(count, load<i32>(count) + 1);
    }
  }
}

/**
 * The counts of pass `pass` (0 = the lowest digit) of a row of n keys to each bucket's first
 * position (exclusive prefix sums); returns 1, or 0 when one bucket holds every key (the pass
 * would move none: it is skipped, its counts left as they are).
 */
export function startPositions(counts: usize, n: i32, pass: i32): i32 {
  const base = counts + (<usize>(pass * BUCKETS) << 2);
  let sum = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const at = base + (<usize>b << 2);
    const count = load<i32>(at);
    if (count == n) return 0;
    store<i32>(at, sum);
    sum += count;
  }
  return 1;
}

/**
 * Pass `pass` over the n keys at `from` (the next ones of the row, in order): each to the next
 * position of its digit's bucket in the row of keys at `to`. Stable.
 */
export function scatter(from: usize, n: i32, to: usize, counts: usize, pass: i32): void {
  const base = counts + (<usize>(pass * BUCKETS) << 2);
  const shift = DIGIT_BITS * <u64>pass;
  for (let i = 0; i < n; i++) {
    const key = load<u64>(from + (<usize>i << 3));
    const bucket = base + (<usize>((key >> shift) & DIGIT_MASK) << 2);
    const position = load<i32>(bucket);
    store<i32>(bucket, position + 1);
    store<u64>(to + (<usize>position << 3), key);
  }
}

/** The n keys at `from` back to doubles, at `values` (the same address or another). */
export function fromKeys(from: usize, values: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const key = load<u64>(from + (<usize>i << 3));
    store<u64>(values + (<usize>i << 3), (key & SIGN) != 0 ? key & MAGNITUDE : ~key);
  }
}

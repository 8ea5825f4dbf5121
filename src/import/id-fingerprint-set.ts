// Remembers every position id of a file in 12 bytes per slot (two 32-bit hashes and the line of
// first use, in one typed array, load factor at most 1/2), so duplicate detection over millions of
// rows costs tens of megabytes instead of a Set of strings that would also pin the file's text.
//
// Exactness: an id seen before is always found (no false negatives). Two different ids are taken
// for the same only if both 32-bit hashes collide: about n^2 / 2^65 for n ids, 3e-8 for a
// million, and such a report names the earlier line, so a reader can check it.
//
// Sizing: the table doubles when it is half full, each doubling moving every id already held;
// a reader that knows about how many ids are coming (the file's size over its rows' length)
// reserves room for them once (`reserve`), so a large file's ids are never moved.

const INITIAL_CAPACITY = 1 << 12;

/**
 * Open-addressing set of 64-bit string fingerprints, each with the line it was first seen on.
 * Slot k occupies entries 3k (hash A), 3k+1 (hash B), 3k+2 (line; 0 = empty) of one array, so a
 * probe touches one cache line.
 */
export class IdFingerprintSet {
  #slots = new Int32Array(INITIAL_CAPACITY * 3);
  #capacity = INITIAL_CAPACITY;
  #size = 0;
  #a = 0;
  #b = 0;

  get size(): number {
    return this.#size;
  }

  /** Slots of the table (a power of two, at least twice the ids it holds). */
  get capacity(): number {
    return this.#capacity;
  }

  /**
   * Make room for `ids` ids in all (those held included) without growing again: capacity the
   * smallest power of two ≥ 2·(ids + 1). Only ever grows; ids held keep their lines. Past
   * `ids`, the table doubles as usual.
   */
  reserve(ids: number): void {
    let capacity = this.#capacity;
    while ((ids + 1) * 2 > capacity) capacity *= 2;
    if (capacity > this.#capacity) this.#rehash(capacity);
  }

  /** Start hashing a new id; then `feed` its pieces in order and `commit` it. */
  begin(): void {
    this.#a = 0x811c9dc5 | 0;
    this.#b = 0x9747b28c | 0;
  }

  /** Append `piece` to the id being hashed (pieces hash exactly like their concatenation). */
  feed(piece: string): void {
    let a = this.#a;
    let b = this.#b;
    for (let i = 0; i < piece.length; i++) {
      const c = piece.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    this.#a = a;
    this.#b = b;
  }

  /** Hash A of the id fed since `begin` (with `hashB`, its fingerprint for `addHashes`). */
  get hashA(): number {
    return fmix32(this.#a);
  }

  get hashB(): number {
    return fmix32(this.#b);
  }

  /** Record the id fed since `begin` as seen on `line`; 0 when new, else the line of its first use. */
  commit(line: number): number {
    return this.addHashes(this.hashA, this.hashB, line);
  }

  /** Record `id` as seen on `line`; 0 when new, else the line of its first use. */
  add(id: string, line: number): number {
    this.begin();
    this.feed(id);
    return this.commit(line);
  }

  /**
   * Record the id of fingerprint (a, b) (`hashA`, `hashB` after feeding it) as seen on `line`;
   * 0 when new, else the line of its first use. Calls made back to back, for a batch of ids
   * hashed beforehand, overlap their waits for memory (the table is far larger than the caches).
   */
  addHashes(a: number, b: number, line: number): number {
    if ((this.#size + 1) * 2 > this.#capacity) this.#rehash(this.#capacity * 2);
    const slots = this.#slots;
    const mask = this.#capacity - 1;
    let k = a & mask;
    for (;;) {
      const at = k * 3;
      const seen = slots[at + 2]!;
      if (seen === 0) {
        slots[at] = a;
        slots[at + 1] = b;
        slots[at + 2] = line;
        this.#size++;
        return 0;
      }
      if (slots[at] === a && slots[at + 1] === b) return seen;
      k = (k + 1) & mask;
    }
  }

  /** Move every id held into a table of `capacity` slots (a power of two). */
  #rehash(capacity: number): void {
    const old = this.#slots;
    const oldCapacity = this.#capacity;
    this.#capacity = capacity;
    this.#slots = new Int32Array(this.#capacity * 3);
    const slots = this.#slots;
    const mask = this.#capacity - 1;
    for (let j = 0; j < oldCapacity; j++) {
      const from = j * 3;
      if (old[from + 2] === 0) continue;
      let k = old[from]! & mask;
      while (slots[k * 3 + 2] !== 0) k = (k + 1) & mask;
      slots[k * 3] = old[from]!;
      slots[k * 3 + 1] = old[from + 1]!;
      slots[k * 3 + 2] = old[from + 2]!;
    }
  }
}

/** MurmurHash3's 32-bit finaliser: spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

// Symbol cells → their parsed symbol entry, looked up straight from the row's text: the cell is
// hashed and compared in place, so a row whose symbol was seen before allocates no string.
// Bounded: past `maxEntries` distinct spellings the cache starts over.

import type { CsvRow } from '../csv/csv-row.js';

const INITIAL_CAPACITY = 256;

export class SymbolCache<Entry> {
  readonly #maxEntries: number;
  /** Cell text of each entry, as written in the file. */
  #keys: string[] = [];
  #entries: Entry[] = [];
  /** Open addressing: entry index + 1, 0 = empty. */
  #slots = new Int32Array(INITIAL_CAPACITY);

  constructor(maxEntries: number) {
    this.#maxEntries = maxEntries;
  }

  /** The entry stored for field k of `row`, if any (no string is built). */
  find(row: CsvRow, k: number): Entry | undefined {
    const text = row.text;
    const start = row.starts[k]!;
    const end = row.ends[k]!;
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const mask = this.#slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const index = this.#slots[slot]!;
      if (index === 0) return undefined;
      if (row.cellIs(k, this.#keys[index - 1]!)) return this.#entries[index - 1];
    }
  }

  /** Store `entry` under the cell text `key` (not already present). */
  add(key: string, entry: Entry): void {
    if (this.#keys.length >= this.#maxEntries) this.#clear();
    if ((this.#keys.length + 1) * 2 > this.#slots.length) this.#grow();
    this.#keys.push(key);
    this.#entries.push(entry);
    this.#place(key, this.#keys.length);
  }

  #place(key: string, index: number): void {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    const mask = this.#slots.length - 1;
    let slot = h & mask;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
    this.#slots[slot] = index;
  }

  #grow(): void {
    this.#slots = new Int32Array(this.#slots.length * 2);
    for (let k = 0; k < this.#keys.length; k++) this.#place(this.#keys[k]!, k + 1);
  }

  #clear(): void {
    this.#keys = [];
    this.#entries = [];
    this.#slots = new Int32Array(INITIAL_CAPACITY);
  }
}

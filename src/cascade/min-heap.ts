// A binary min-heap of (key, pool) pairs in typed arrays, growable, with a saved snapshot to
// reset to at the start of every path (one typed-array copy instead of rebuilding).

export class MinHeap {
  private keys: Float64Array;
  private values: Int32Array;
  size = 0;
  private savedKeys = new Float64Array(0);
  private savedValues = new Int32Array(0);

  constructor(capacity = 16) {
    this.keys = new Float64Array(Math.max(4, capacity));
    this.values = new Int32Array(Math.max(4, capacity));
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) this.grow();
    let i = this.size++;
    const keys = this.keys;
    const values = this.values;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Smallest key (Infinity when empty). */
  topKey(): number {
    return this.size === 0 ? Infinity : this.keys[0]!;
  }

  topValue(): number {
    return this.values[0]!;
  }

  /** Removes the smallest entry. */
  pop(): void {
    const keys = this.keys;
    const values = this.values;
    const n = --this.size;
    if (n === 0) return;
    const key = keys[n]!;
    const value = values[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1]! < keys[child]!) child++;
      if (keys[child]! >= key) break;
      keys[i] = keys[child]!;
      values[i] = values[child]!;
      i = child;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Remember the current contents as the state `restore` returns to. */
  save(): void {
    this.savedKeys = this.keys.slice(0, this.size);
    this.savedValues = this.values.slice(0, this.size);
  }

  restore(): void {
    while (this.keys.length < this.savedKeys.length) this.grow();
    this.keys.set(this.savedKeys);
    this.values.set(this.savedValues);
    this.size = this.savedKeys.length;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const values = new Int32Array(this.values.length * 2);
    keys.set(this.keys);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}

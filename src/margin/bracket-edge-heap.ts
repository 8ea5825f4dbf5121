// The next bracket edge of a health-roots walk (health-roots.ts): every stepping member has the
// factor at which it meets its next bracket boundary, and the walk needs the nearest one (the
// largest when prices fall, the smallest when they rise) and every member sitting on it. A linear
// scan over m members per step made a cross pool of m members cost O(m² · brackets); this binary
// heap makes it O(m · brackets · log m). Members on the same edge are handed out in member order,
// so the walk adds their terms in exactly the order the scan did (bit-identical coefficients).
// One heap serves every walk: `start` empties it for the next one and its arrays only grow, so a
// walk allocates nothing (a search runs two walks, and an evaluation about three searches a position).

/** A binary heap of (edge factor, member slot) keyed so the walk's next edge is on top. */
export class BracketEdgeHeap {
  /** Edge factor of each slot (the walk's `edges`). */
  #edges = new Float64Array(16);
  /** Heap of slots. */
  #heap = new Int32Array(16);
  /** The slots the last popAt removed, in ascending order (its first `count`). */
  #popped = new Int32Array(16);
  #size = 0;
  /** true: the largest edge is on top (prices falling); false: the smallest. */
  #down = true;

  /** Empties the heap for a walk over slots 0 … slots − 1 (`down`: largest edge on top); then push each slot. */
  start(slots: number, down: boolean): void {
    if (this.#edges.length < slots) {
      const capacity = Math.max(slots, 2 * this.#edges.length);
      this.#edges = new Float64Array(capacity);
      this.#heap = new Int32Array(capacity);
      this.#popped = new Int32Array(capacity);
    }
    this.#size = 0;
    this.#down = down;
  }

  /** The nearest edge, or NaN when the heap is empty. */
  peek(): number {
    return this.#size === 0 ? NaN : this.#edges[this.#heap[0]!]!;
  }

  /**
   * Removes every slot whose edge equals `edge` and returns how many; `popped(0 … count − 1)`
   * gives them in ascending slot order (no array per step: the walk pops once per edge crossed).
   */
  popAt(edge: number): number {
    const popped = this.#popped;
    let count = 0;
    while (this.#size > 0 && this.#edges[this.#heap[0]!] === edge) {
      // Insertion in slot order (a handful of slots share an edge at most).
      const slot = this.#pop();
      let k = count++;
      while (k > 0 && popped[k - 1]! > slot) {
        popped[k] = popped[k - 1]!;
        k--;
      }
      popped[k] = slot;
    }
    return count;
  }

  /** The k-th slot (ascending) the last popAt removed. */
  popped(k: number): number {
    return this.#popped[k]!;
  }

  /** Puts slot `j` (below `start`'s slots, not in the heap) in with its edge. */
  push(j: number, edge: number): void {
    this.#edges[j] = edge;
    this.#push(j);
  }

  /** Does slot x come before slot y? Nearer edge first; equal edges by slot. */
  #before(x: number, y: number): boolean {
    const ex = this.#edges[x]!;
    const ey = this.#edges[y]!;
    if (ex !== ey) return this.#down ? ex > ey : ex < ey;
    return x < y;
  }

  #push(j: number): void {
    const heap = this.#heap;
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(j, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = j;
  }

  #pop(): number {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap[--this.#size]!;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.#size) break;
      const right = left + 1;
      const child = right < this.#size && this.#before(heap[right]!, heap[left]!) ? right : left;
      if (!this.#before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}

// The next bracket edge of a health-roots walk (bracket-walk.ts): every stepping member has the
// factor at which it meets its next bracket boundary, and the walk needs the nearest one (the
// largest when prices fall, the smallest when they rise) and every member sitting on it. A linear
// scan over m members per step made a cross pool of m members cost O(m² · brackets); this binary
// heap makes it O(m · brackets · log m). Members on the same edge are handed out in member order,
// so the walk adds their terms in exactly the order the scan did (bit-identical coefficients).
// One heap serves every walk: `start` empties it for the next one and its arrays only grow, so a
// walk allocates nothing (a search runs two walks, and an evaluation about three searches a position).
//
// The heap holds each entry's key beside its slot (no lookup through the slot per comparison):
// key = edge when prices rise, −edge when they fall (negation is exact), so the smallest key is
// always on top and entries are ordered by (key, slot), a total order. A step whose edge holds a
// single member (the usual case) gives that member its next edge in place (`replaceTop`, one
// sift-down) instead of a pop and a push. Edges go in and out through `slotEdges`, never as
// arguments or results: a call V8 does not inline boxes every number it passes, and the walk
// makes several per step.

/** A binary heap of (edge factor, member slot) keyed so the walk's next edge is on top. */
export class BracketEdgeHeap {
  /** Edge of each slot: the walk writes a slot's edge here before `push` or `replaceTop`. */
  slotEdges = new Float64Array(16);
  /** Key of each heap entry: ±edge (see the file header). */
  #keys = new Float64Array(16);
  /** Slot of each heap entry. */
  #slots = new Int32Array(16);
  /** The slots the last popNearest removed, in ascending order (its first `count`). */
  #popped = new Int32Array(16);
  #size = 0;
  /** −1: the largest edge is on top (prices falling); 1: the smallest. */
  #sign = 1;

  /** Empties the heap for a walk over slots 0 … slots − 1 (`down`: largest edge on top); then push each slot. */
  start(slots: number, down: boolean): void {
    if (this.#keys.length < slots) {
      const capacity = Math.max(slots, 2 * this.#keys.length);
      this.slotEdges = new Float64Array(capacity);
      this.#keys = new Float64Array(capacity);
      this.#slots = new Int32Array(capacity);
      this.#popped = new Int32Array(capacity);
    }
    this.#size = 0;
    this.#sign = down ? -1 : 1;
  }

  /** Is the heap empty (no edge left to meet)? */
  isEmpty(): boolean {
    return this.#size === 0;
  }

  /** Is the slot on top the only one on the nearest edge? (The heap is not empty.) */
  topIsAlone(): boolean {
    const size = this.#size;
    const keys = this.#keys;
    const top = keys[0]!;
    // Entries on the top's edge form a subtree at the root, so one of them is a child of it.
    return (size < 2 || keys[1] !== top) && (size < 3 || keys[2] !== top);
  }

  /** The slot on top (the heap is not empty). */
  topSlot(): number {
    return this.#slots[0]!;
  }

  /** Gives the slot on top its next edge (its `slotEdges` entry), where a pop and a push of it would put it. */
  replaceTop(): void {
    this.#siftDown(this.#slots[0]!);
  }

  /**
   * Removes every slot on the nearest edge and returns how many; `popped(0 … count − 1)` gives
   * them in ascending slot order (no array per step: the walk pops once per edge crossed).
   */
  popNearest(): number {
    const popped = this.#popped;
    const key = this.#keys[0]!;
    let count = 0;
    while (this.#size > 0 && this.#keys[0] === key) {
      // Insertion in slot order (a handful of slots share an edge at most).
      const slot = this.#slots[0]!;
      const last = --this.#size;
      if (last > 0) this.#siftDown(this.#slots[last]!);
      let k = count++;
      while (k > 0 && popped[k - 1]! > slot) {
        popped[k] = popped[k - 1]!;
        k--;
      }
      popped[k] = slot;
    }
    return count;
  }

  /** The k-th slot (ascending) the last popNearest removed. */
  popped(k: number): number {
    return this.#popped[k]!;
  }

  /** Puts slot `j` (below `start`'s slots, not in the heap) in with its edge (its `slotEdges` entry). */
  push(j: number): void {
    const keys = this.#keys;
    const slots = this.#slots;
    const key = this.#sign * this.slotEdges[j]!;
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = keys[parent]!;
      if (!(key < parentKey || (key === parentKey && j < slots[parent]!))) break;
      keys[i] = parentKey;
      slots[i] = slots[parent]!;
      i = parent;
    }
    keys[i] = key;
    slots[i] = j;
  }

  /**
   * Places `slot` (with its `slotEdges` entry: an entry's edge never changes while it is in the
   * heap, so its key is read back from there) at the root and sifts it down to its place among
   * the first `size` entries.
   */
  #siftDown(slot: number): void {
    const key = this.#sign * this.slotEdges[slot]!;
    const keys = this.#keys;
    const slots = this.#slots;
    const size = this.#size;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let childKey = keys[child]!;
      const right = child + 1;
      if (right < size) {
        const rightKey = keys[right]!;
        if (rightKey < childKey || (rightKey === childKey && slots[right]! < slots[child]!)) {
          child = right;
          childKey = rightKey;
        }
      }
      if (!(childKey < key || (childKey === key && slots[child]! < slot))) break;
      keys[i] = childKey;
      slots[i] = slots[child]!;
      i = child;
    }
    keys[i] = key;
    slots[i] = slot;
  }
}

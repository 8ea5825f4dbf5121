// Where every value of a parsed JSON document lies in its text, in flat typed columns (no object
// per value or per container), and the lookup of a value's span by its path. The locating reader
// (located-json.ts) fills it as it parses; issues about an export ask it for a field's line.
//
// Layout: each array or object is a container; its members are contiguous rows of the member
// columns (start and end offset in the text, the member's own container or -1, its name in an
// object), in document order, written when the container closes (members are collected on a
// scratch stack while nested values are parsed). About 20 bytes a value, where a map from path
// strings to offsets held a path string and two map entries (a 60,000-position Hyperliquid export
// needed hundreds of MB for it).

import type { JsonPathStep } from './json-path.js';

/** A growable column of 32-bit integers (text offsets fit: a JS string is shorter than 2^30). */
class Int32Column {
  values = new Int32Array(64);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** Above this many members, an object's names are looked up in a Map instead of scanned. */
const SCANNED_NAMES = 16;

/** The spans of a document's values; built by `open` / `member` / `close` while parsing. */
export class JsonSpans {
  // Member rows of closed containers.
  readonly #starts = new Int32Column();
  readonly #ends = new Int32Column();
  readonly #children = new Int32Column();
  readonly #names: string[] = [];
  // Containers: the first member row and the member count; objects name their members.
  readonly #firstRow = new Int32Column();
  readonly #counts = new Int32Column();
  readonly #isObject: boolean[] = [];
  readonly #namesToSlots = new Map<number, Map<string, number>>();
  // Members of the containers still open, innermost last.
  #scratchStarts: number[] = [];
  #scratchEnds: number[] = [];
  #scratchChildren: number[] = [];
  #scratchNames: string[] = [];
  #top = 0;

  /** Start collecting a container's members; returns its base on the scratch stack. */
  open(): number {
    return this.#top;
  }

  /** Add a member (name '' in an array) to the innermost open container; returns its slot there. */
  member(base: number, name: string, start: number, end: number, child: number): number {
    const at = this.#top++;
    this.#scratchStarts[at] = start;
    this.#scratchEnds[at] = end;
    this.#scratchChildren[at] = child;
    this.#scratchNames[at] = name;
    return at - base;
  }

  /** Give slot `slot` of the open container at `base` a new value (a repeated member name). */
  replaceMember(base: number, slot: number, start: number, end: number, child: number): void {
    this.#scratchStarts[base + slot] = start;
    this.#scratchEnds[base + slot] = end;
    this.#scratchChildren[base + slot] = child;
  }

  /** Where the value in slot `slot` of the open container at `base` starts. */
  openMemberStart(base: number, slot: number): number {
    return this.#scratchStarts[base + slot]!;
  }

  /** The slot named `name` in the open object at `base` (scanned: for a repeated name only). */
  openSlotOf(base: number, name: string): number {
    for (let at = base; at < this.#top; at++) if (this.#scratchNames[at] === name) return at - base;
    return -1;
  }

  /** The names of the open object at `base`, by slot (to index a large object's repeats). */
  openNames(base: number): string[] {
    return this.#scratchNames.slice(base, this.#top);
  }

  /** Close the innermost open container (started at `base`); returns its container index. */
  close(base: number, isObject: boolean): number {
    const container = this.#counts.length;
    this.#firstRow.push(this.#starts.length);
    this.#counts.push(this.#top - base);
    this.#isObject.push(isObject);
    for (let at = base; at < this.#top; at++) {
      this.#starts.push(this.#scratchStarts[at]!);
      this.#ends.push(this.#scratchEnds[at]!);
      this.#children.push(this.#scratchChildren[at]!);
      this.#names.push(this.#scratchNames[at]!);
    }
    this.#top = base;
    if (base === 0) this.#releaseScratch();
    return container;
  }

  /** The scratch stack is empty between top-level values: drop its arrays' memory. */
  #releaseScratch(): void {
    this.#scratchStarts = [];
    this.#scratchEnds = [];
    this.#scratchChildren = [];
    this.#scratchNames = [];
  }

  /** The member row of `step` in `container`, or -1 when there is none. */
  #rowOf(container: number, step: JsonPathStep): number {
    const first = this.#firstRow.values[container]!;
    const count = this.#counts.values[container]!;
    if (typeof step === 'number') return !this.#isObject[container] && step < count ? first + step : -1;
    if (!this.#isObject[container]) return -1;
    if (count <= SCANNED_NAMES) {
      for (let row = first; row < first + count; row++) if (this.#names[row] === step) return row;
      return -1;
    }
    let slots = this.#namesToSlots.get(container);
    if (slots === undefined) {
      slots = new Map();
      for (let row = first; row < first + count; row++) slots.set(this.#names[row]!, row);
      this.#namesToSlots.set(container, slots);
    }
    return slots.get(step) ?? -1;
  }

  /**
   * [start, end) of the value `steps` below the root container `root` (-1: the root is no
   * container), or null when the steps name no value. The root's own span is the caller's.
   */
  spanBelow(root: number, steps: readonly JsonPathStep[]): [number, number] | null {
    let container = root;
    for (let i = 0; i < steps.length; i++) {
      if (container < 0) return null;
      const row = this.#rowOf(container, steps[i]!);
      if (row < 0) return null;
      if (i === steps.length - 1) return [this.#starts.values[row]!, this.#ends.values[row]!];
      container = this.#children.values[row]!;
    }
    return null;
  }
}

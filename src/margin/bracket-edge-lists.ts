// The next bracket edge of a health-roots walk (bracket-walk.ts) for many linear members, from
// lists sorted once per search instead of a heap over every member (bracket-edge-heap.ts).
//
// A linear member of quantity·mark N meets the floor F_t of its schedule at f = F_t / N. Members
// whose schedules share one floors array (one tier table: a cross pool's positions on one symbol)
// are sorted once by N, largest first; then, for each floor t, the members that cross it in the
// walk's direction are a run of that order (the bracket at f = 1 follows N), and their edges
// F_t / N come in the walk's order along it (division by a larger N never gives a larger
// quotient). The walk's next edge is the nearest head of these runs, one cursor per (floors, t),
// kept on a heap: a cross pool of m members on s tier tables of k floors keeps s·k cursors there,
// not m, and the edges of a member are never pushed one by one.
//
// Exactly the heap's order: the heap takes at each step every member on the nearest edge, in
// member order; here every cursor entry equal to that edge is taken and the members sorted by
// slot. A member's next edge is strictly beyond its last one (floors checked to differ by far
// more than rounding, N and floors well inside the double range), so no member is on one edge
// twice and the runs hold nothing the heap would not offer at that step. Where that cannot be
// promised (an inverse member, floors too close, too many tables) `prepare` declines and the walk
// uses the heap.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import { BracketEdgeHeap } from './bracket-edge-heap.js';

/** Consecutive floors must differ by this share at least: far above rounding, so edges of one member never tie. */
const FLOOR_SEPARATION = 1e-9;
/** Notionals and floors in [1/LIMIT, LIMIT]: their quotients stay normal doubles (no underflow to ties). */
const MAGNITUDE_LIMIT = 1e150;
/** More distinct floors arrays than this: the cursors would not be fewer than the members. */
const MAX_TABLES = 64;

/** The walk's stepping members as the lists read them (bracket-walk.ts's flat arrays, slot j each). */
export interface SteppingArrays {
  readonly count: number;
  readonly schedules: readonly MaintenanceSchedule[];
  readonly linear: Uint8Array;
  readonly notionalAtMark: Float64Array;
  readonly startBracket: Int32Array;
}

/** Are the floors of a table (strictly rising by FLOOR_SEPARATION, in range) fit for the lists? */
function separatedFloors(floors: readonly number[]): boolean {
  for (let t = 1; t < floors.length; t++) {
    const floor = floors[t]!;
    if (!(floor >= 1 / MAGNITUDE_LIMIT && floor <= MAGNITUDE_LIMIT)) return false;
    if (t > 1 && !(floor >= floors[t - 1]! * (1 + FLOOR_SEPARATION))) return false;
  }
  return true;
}

/** Bracket edges of one search's linear members, from per-table sorted runs (see the file header). */
export class BracketEdgeLists {
  /** Cursors by edge (cursor c's edge in `heap.slotEdges[c]`), nearest on top. */
  readonly heap = new BracketEdgeHeap();
  /** The slots taken at the last step, ascending (first `takenCount`). */
  #taken = new Int32Array(16);
  /** Slots sorted by (table, N descending). */
  #order = new Int32Array(16);
  /** Sort buffer. */
  #buffer = new Int32Array(16);
  /** Each table's floors, and its run [tableStart, tableEnd) of `#order`. */
  #tables: (readonly number[])[] = [];
  #tableOfSlot = new Int32Array(16);
  #tableStart = new Int32Array(MAX_TABLES + 1);
  #tableCount = 0;
  /** Per cursor: its floor F_t, position in `#order` and end (exclusive; the step is ±1 by direction). */
  #cursorFloorValue = new Float64Array(16);
  #cursorAt = new Int32Array(16);
  #cursorEnd = new Int32Array(16);
  #cursorCount = 0;
  /** The arrays of the search prepared for. */
  #members: SteppingArrays | null = null;

  /** Number of cursors of the walk started last: the index of the empty cursor's NaN edge. */
  get cursorCount(): number {
    return this.#cursorCount;
  }

  /**
   * Sorts the search's stepping members into per-table runs; false (and nothing kept) when the
   * lists cannot promise the heap's order (see the file header).
   */
  prepare(members: SteppingArrays): boolean {
    this.#members = null;
    const count = members.count;
    if (this.#order.length < count) {
      const capacity = Math.max(count, 2 * this.#order.length);
      this.#order = new Int32Array(capacity);
      this.#buffer = new Int32Array(capacity);
      this.#tableOfSlot = new Int32Array(capacity);
      this.#taken = new Int32Array(capacity);
    }
    const tables = this.#tables;
    tables.length = 0;
    const tableOfSlot = this.#tableOfSlot;
    const notional = members.notionalAtMark;
    for (let j = 0; j < count; j++) {
      if (members.linear[j] !== 1) return false;
      const n = notional[j]!;
      if (!(n >= 1 / MAGNITUDE_LIMIT && n <= MAGNITUDE_LIMIT)) return false;
      const floors = members.schedules[j]!.floors;
      let table = tables.indexOf(floors);
      if (table < 0) {
        if (tables.length === MAX_TABLES || !separatedFloors(floors)) return false;
        table = tables.length;
        tables.push(floors);
      }
      tableOfSlot[j] = table;
    }
    // Counting sort by table, then each table's run by N descending.
    const tableStart = this.#tableStart;
    tableStart.fill(0, 0, tables.length + 1);
    for (let j = 0; j < count; j++) tableStart[tableOfSlot[j]! + 1] = tableStart[tableOfSlot[j]! + 1]! + 1;
    for (let g = 0; g < tables.length; g++) tableStart[g + 1] = tableStart[g + 1]! + tableStart[g]!;
    const order = this.#order;
    const buffer = this.#buffer;
    for (let j = 0; j < count; j++) {
      const table = tableOfSlot[j]!;
      buffer[tableStart[table]!] = j;
      tableStart[table] = tableStart[table]! + 1;
    }
    for (let g = tables.length; g > 0; g--) tableStart[g] = tableStart[g - 1]!;
    tableStart[0] = 0;
    for (let i = 0; i < count; i++) order[i] = buffer[i]!;
    for (let g = 0; g < tables.length; g++) {
      const start = tableStart[g]!;
      const end = tableStart[g + 1]!;
      sortByNotionalDescending(order, buffer, notional, start, end);
      // The bracket at f = 1 must follow N along the run (it is the bracket of N itself).
      const brackets = members.startBracket;
      for (let i = start + 1; i < end; i++) if (brackets[order[i]!]! > brackets[order[i - 1]!]!) return false;
    }
    this.#tableCount = tables.length;
    this.#members = members;
    return true;
  }

  /**
   * Starts a walk (`down`: prices falling) over the prepared members: one cursor per floor t ≥ 1
   * of each table with members crossing it (rising: those below it, N descending; falling: those
   * at or above it, N ascending), each on the heap at its first edge F_t / N.
   */
  start(down: boolean): void {
    const members = this.#members!;
    const order = this.#order;
    const brackets = members.startBracket;
    const notional = members.notionalAtMark;
    let cursors = 0;
    for (let g = 0; g < this.#tableCount; g++) cursors += this.#tables[g]!.length - 1;
    if (this.#cursorAt.length < cursors) {
      const capacity = Math.max(cursors, 2 * this.#cursorAt.length);
      this.#cursorFloorValue = new Float64Array(capacity);
      this.#cursorAt = new Int32Array(capacity);
      this.#cursorEnd = new Int32Array(capacity);
    }
    const heap = this.heap;
    heap.start(cursors + 1, down);
    const edges = heap.slotEdges;
    let c = 0;
    for (let g = 0; g < this.#tableCount; g++) {
      const floors = this.#tables[g]!;
      const start = this.#tableStart[g]!;
      const end = this.#tableStart[g + 1]!;
      // Along the run brackets fall: the members at or above floor t are a prefix [start, split),
      // longer for a lower floor.
      let split = start;
      for (let t = floors.length - 1; t >= 1; t--) {
        while (split < end && brackets[order[split]!]! >= t) split++;
        // Rising: members below floor t, [split, end) in N-descending order. Falling: members at
        // or above it, [start, split) read backwards.
        const first = down ? split - 1 : split;
        const stop = down ? start - 1 : end;
        if (first === stop) continue;
        this.#cursorFloorValue[c] = floors[t]!;
        this.#cursorAt[c] = first;
        this.#cursorEnd[c] = stop;
        edges[c] = floors[t]! / notional[order[first]!]!;
        heap.push(c);
        c++;
      }
    }
    this.#cursorCount = c;
    edges[c] = NaN;
  }

  /**
   * Takes every member on the nearest edge (the top cursor's; the heap is not empty), advancing
   * the cursors past them; returns how many, readable in ascending slot order through `taken`.
   * The edge is read off the heap, not passed: a number passed to a call V8 does not inline is
   * boxed, one heap object per step of the walk.
   */
  takeNearest(down: boolean): number {
    const order = this.#order;
    const notional = this.#members!.notionalAtMark;
    const heap = this.heap;
    const edges = heap.slotEdges;
    const edge = edges[heap.topSlot()]!;
    const taken = this.#taken;
    const cursorAt = this.#cursorAt;
    const step = down ? -1 : 1;
    // A cursor run out sinks below every edge (±Infinity: key +Infinity either way), never reached.
    const exhausted = down ? -Infinity : Infinity;
    let count = 0;
    while (!heap.isEmpty() && edges[heap.topSlot()] === edge) {
      const c = heap.topSlot();
      const floor = this.#cursorFloorValue[c]!;
      const end = this.#cursorEnd[c]!;
      let at = cursorAt[c]!;
      for (;;) {
        // In ascending slot order (a handful of members share an edge at most).
        const slot = order[at]!;
        let k = count++;
        while (k > 0 && taken[k - 1]! > slot) {
          taken[k] = taken[k - 1]!;
          k--;
        }
        taken[k] = slot;
        at += step;
        if (at === end) {
          edges[c] = exhausted;
          break;
        }
        edges[c] = floor / notional[order[at]!]!;
        if (edges[c] !== edge) break;
      }
      cursorAt[c] = at;
      heap.replaceTop();
    }
    return count;
  }

  /** The k-th slot (ascending) the last takeNearest took. */
  taken(k: number): number {
    return this.#taken[k]!;
  }
}

/** order[lo, hi) sorted by notional descending (merge sort through `buffer`; ties in any order). */
function sortByNotionalDescending(order: Int32Array, buffer: Int32Array, notional: Float64Array, lo: number, hi: number): void {
  if (hi - lo <= 12) {
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i]!;
      const key = notional[x]!;
      let j = i;
      while (j > lo && notional[order[j - 1]!]! < key) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = x;
    }
    return;
  }
  const mid = (lo + hi) >>> 1;
  sortByNotionalDescending(order, buffer, notional, lo, mid);
  sortByNotionalDescending(order, buffer, notional, mid, hi);
  if (!(notional[order[mid]!]! > notional[order[mid - 1]!]!)) return;
  for (let t = lo; t < mid; t++) buffer[t] = order[t]!;
  let i = lo;
  let j = mid;
  let k = lo;
  while (i < mid && j < hi) {
    if (notional[order[j]!]! > notional[buffer[i]!]!) order[k++] = order[j++]!;
    else order[k++] = buffer[i++]!;
  }
  while (i < mid) order[k++] = buffer[i++]!;
}

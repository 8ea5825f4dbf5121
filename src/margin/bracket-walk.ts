// One walk of a health-roots search (health-roots.ts): from the brackets in force at f = 1,
// outward one bracket edge at a time, the first root of h(f) = a + b f + c / f on one side of
// f = 1. Between two edges no moving member changes bracket, so h keeps its closed form there and
// its root is the quadratic's; at an edge every member sitting on it steps into its neighbouring
// bracket (in member order) and the coefficients change by the difference of its maintenance terms.
//
// The members whose bracket follows the price (the stepping members) are copied once per search
// into flat arrays (slot j = the j-th stepping member, in member order) that both walks of the
// search read: a walk of a large cross pool crosses thousands of edges, and reading each member's
// quantity, mark and schedule through its position object cost more than the step's arithmetic.
// The next edge comes off a heap of the members (bracket-edge-heap.ts) or, for a search of many
// linear members, off runs sorted once per search (bracket-edge-lists.ts); the same edges in the
// same order either way. With linear members only (c = 0) a stretch is first tested as a line
// (lineRootOutside), the solver asked only when the line's root is near it.
// The numbers a walk carries from step to step (h's coefficients, the edge reached) live in a
// Float64Array, and an edge is written straight into the heap's array: held in local variables,
// or chosen by a conditional expression, V8 kept them as heap numbers and allocated one per step.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import { BracketEdgeHeap } from './bracket-edge-heap.js';
import { BracketEdgeLists } from './bracket-edge-lists.js';
import type { PoolMember } from './pool.js';
import { CONSTANT_ROUNDING, lineRootOutside, ROOT_PROBLEM_SIZE, solveRootProblem } from './quadratic-root.js';

/** The stepping members of the search under way, one slot each; arrays only grow (no allocation per search). */
const stepping = {
  count: 0,
  schedules: [] as MaintenanceSchedule[],
  /** 1 for a linear member (notional grows with f), 0 for an inverse one (notional shrinks with f). */
  linear: new Uint8Array(16),
  /** size × contract size. */
  quantity: new Float64Array(16),
  mark: new Float64Array(16),
  /** quantity × mark: a linear member's notional at f = 1, the divisor of its edges. */
  notionalAtMark: new Float64Array(16),
  /** Bracket at f = 1. */
  startBracket: new Int32Array(16),
  /** Bracket during a walk. */
  bracket: new Int32Array(16),
  edges: new BracketEdgeHeap(),
  /** h(f) = a + b f + c / f as the walk updates it: [a, |a|'s scale, b, c]. */
  coefficients: new Float64Array(4),
  /** The root test of a step (see solveRootProblem). */
  problem: new Float64Array(ROOT_PROBLEM_SIZE),
  /** The edge the walk has reached, and the ends of the searched range (fMin, fMax). */
  reached: new Float64Array(3),
  /** The edges from per-table sorted runs, for a search of many linear members (bracket-edge-lists.ts). */
  lists: new BracketEdgeLists(),
  /** Whether `lists` holds this search's members: 0 not asked yet, 1 yes, −1 declined (the heap walks). */
  listsReady: 0,
};

/** From this many stepping members on, a search sorts them into edge lists (fewer: the heap is as quick). */
const LISTS_MIN_MEMBERS = 16;

/** Empties the stepping members for a search of at most `members` of them. */
export function startSteppingMembers(members: number): void {
  stepping.count = 0;
  stepping.listsReady = 0;
  if (stepping.linear.length >= members) return;
  const capacity = Math.max(members, 2 * stepping.linear.length);
  stepping.linear = new Uint8Array(capacity);
  stepping.quantity = new Float64Array(capacity);
  stepping.mark = new Float64Array(capacity);
  stepping.notionalAtMark = new Float64Array(capacity);
  stepping.startBracket = new Int32Array(capacity);
  stepping.bracket = new Int32Array(capacity);
}

/** Adds the next stepping member (in member order), in bracket `startBracket` at f = 1. */
export function addSteppingMember(member: PoolMember, startBracket: number): void {
  const j = stepping.count++;
  const p = member.position;
  const quantity = p.size * p.contractSize;
  stepping.schedules[j] = member.schedule;
  stepping.linear[j] = p.instrument === 'linear' ? 1 : 0;
  stepping.quantity[j] = quantity;
  stepping.mark[j] = p.markPrice;
  stepping.notionalAtMark[j] = quantity * p.markPrice;
  stepping.startBracket[j] = startBracket;
}

/**
 * Writes at `edges[j]` the lower (`down`) or upper edge, as a factor f, of the range where slot
 * `j` stays in bracket `b`. Linear notional grows with f: edges floor / (q·mark); inverse notional
 * shrinks with f: edges q / (mark·floor). (Written, not returned: see BracketEdgeHeap.slotEdges.)
 */
function writeBracketEdge(edges: Float64Array, j: number, b: number, down: boolean): void {
  const floors = stepping.schedules[j]!.floors;
  // One store per case (a conditional expression mixing 0 or Infinity with a quotient was boxed).
  if (stepping.linear[j] === 1) {
    if (down) {
      if (b === 0) edges[j] = 0;
      else edges[j] = floors[b]! / stepping.notionalAtMark[j]!;
    } else if (b + 1 < floors.length) edges[j] = floors[b + 1]! / stepping.notionalAtMark[j]!;
    else edges[j] = Infinity;
  } else if (down) {
    if (b + 1 < floors.length) edges[j] = stepping.quantity[j]! / (stepping.mark[j]! * floors[b + 1]!);
    else edges[j] = 0;
  } else if (b === 0) edges[j] = Infinity;
  else edges[j] = stepping.quantity[j]! / (stepping.mark[j]! * floors[b]!);
}

/**
 * Steps slot `j` into its neighbouring bracket in the walk's direction, updating h's coefficients
 * by the difference of its maintenance terms (readable form: recompute all).
 */
function stepMember(j: number, down: boolean): void {
  const { coefficients, bracket } = stepping;
  const s = stepping.schedules[j]!;
  const isLinear = stepping.linear[j] === 1;
  const from = bracket[j]!;
  const to = from + (isLinear ? (down ? -1 : 1) : down ? 1 : -1);
  bracket[j] = to;
  const rateDelta = (s.rates[to]! - s.rates[from]!) * stepping.quantity[j]!;
  if (isLinear) coefficients[2] = coefficients[2]! - rateDelta * stepping.mark[j]!;
  else coefficients[3] = coefficients[3]! - rateDelta / stepping.mark[j]!;
  coefficients[0] = coefficients[0]! + (s.amounts[to]! - s.amounts[from]!);
  coefficients[1] = coefficients[1]! + (Math.abs(s.amounts[to]!) + Math.abs(s.amounts[from]!));
}

/**
 * The first root of h(f) = a + b f + c / f on one side of f = 1 (`down`: the largest below, else
 * the smallest above), with h's coefficients `a` (|a|'s scale `aMagnitude`), `b`, `c` for every
 * member in its bracket at f = 1, walking through the stepping members' bracket edges within
 * [fMin, fMax]; null when there is none. The edges come off the heap of members, or, for a
 * search of many linear members, off the sorted lists (the same edges in the same order).
 */
export function walkToRoot(a: number, aMagnitude: number, b: number, c: number, fMin: number, fMax: number, down: boolean): number | null {
  stageWalkInputs(a, aMagnitude, b, c, fMin, fMax);
  return walkFromInputs(down);
}

/**
 * Puts a walk's numbers in `walkInputs` (walkToRoot's, for walks that run from them, several on
 * the same numbers), with no limit on the walk up (WALK_UP_MOVE_LIMIT: Infinity).
 */
export function stageWalkInputs(a: number, aMagnitude: number, b: number, c: number, fMin: number, fMax: number): void {
  walkInputs[0] = a;
  walkInputs[1] = aMagnitude;
  walkInputs[2] = b;
  walkInputs[3] = c;
  walkInputs[4] = fMin;
  walkInputs[5] = fMax;
  walkInputs[WALK_UP_MOVE_LIMIT] = Infinity;
}

/**
 * Index in `walkInputs` of a limit on the walk up, as a move m = f − 1: once a stretch ending at
 * an edge e with e − 1 > m holds no root, the walk stops and finds none (every root left is past
 * e). Infinity (as staged): the walk goes on to fMax. Read by walks up only.
 */
export const WALK_UP_MOVE_LIMIT = 6;

/**
 * walkToRoot's arguments but `down`, [a, aMagnitude, b, c, fMin, fMax], then the walk up's limit
 * (WALK_UP_MOVE_LIMIT), as the caller writes them for walkFromInputs: six numbers passed to a
 * call that is not inlined are boxed (about 100 bytes a walk, and a search walks up to twice); a
 * walk only reads them.
 */
export const walkInputs = new Float64Array(7);

/** walkToRoot with its numbers read from `walkInputs`. */
export function walkFromInputs(down: boolean): number | null {
  const { bracket, coefficients, problem, reached, lists } = stepping;
  const count = stepping.count;
  for (let j = 0; j < count; j++) bracket[j] = stepping.startBracket[j]!;
  if (stepping.listsReady === 0) stepping.listsReady = count >= LISTS_MIN_MEMBERS && lists.prepare(stepping) ? 1 : -1;
  const fromLists = stepping.listsReady === 1;
  // The edge each stepping member (or each list) meets next in this direction, nearest on top
  // (updated on a step); the slot past the last of the edges is NaN, read as the nearest edge
  // once none is left.
  const edges = fromLists ? lists.heap : stepping.edges;
  let emptySlot: number;
  if (fromLists) {
    lists.start(down);
    emptySlot = lists.cursorCount;
  } else {
    edges.start(count + 1, down);
    for (let j = 0; j < count; j++) {
      writeBracketEdge(edges.slotEdges, j, bracket[j]!, down);
      edges.push(j);
    }
    edges.slotEdges[count] = NaN;
    emptySlot = count;
  }
  const slotEdges = edges.slotEdges;
  coefficients[0] = walkInputs[0]!;
  coefficients[1] = walkInputs[1]!;
  coefficients[2] = walkInputs[2]!;
  coefficients[3] = walkInputs[3]!;
  reached[0] = 1;
  // The range's ends read back as plain numbers, so that `next` never mixes with the arguments.
  reached[1] = walkInputs[4]!;
  reached[2] = walkInputs[5]!;
  const lowest = reached[1]!;
  const highest = reached[2]!;
  const upMoveLimit = walkInputs[WALK_UP_MOVE_LIMIT]!;
  for (;;) {
    const nearest = slotEdges[edges.isEmpty() ? emptySlot : edges.topSlot()]!;
    const next = down ? (nearest > lowest ? nearest : lowest) : nearest < highest ? nearest : highest;
    // A constant term within rounding of its terms' scale is taken as 0 (CONSTANT_ROUNDING).
    if (Math.abs(coefficients[0]!) <= CONSTANT_ROUNDING * coefficients[1]!) problem[0] = 0;
    else problem[0] = coefficients[0]!;
    problem[1] = coefficients[2]!;
    problem[2] = coefficients[3]!;
    problem[3] = down ? next : reached[0]!;
    problem[4] = down ? reached[0]! : next;
    // A line (no inverse term) whose root is clearly outside the stretch needs no solving.
    const outside = problem[2] === 0 && lineRootOutside(problem);
    if (!outside && solveRootProblem(problem, down)) return problem[5]!;
    if (down ? next <= lowest : next >= highest) return null;
    // No root up to `next`: any root left has a move of at least next − 1.
    if (!down && next - 1 > upMoveLimit) return null;
    reached[0] = next;
    // Step every member sitting on that edge (next is the top's edge here) into its neighbouring
    // bracket, in member order.
    if (fromLists) {
      // `next` is the top cursor's edge here (a clamped or missing edge returned above).
      const taken = lists.takeNearest(down);
      for (let t = 0; t < taken; t++) stepMember(lists.taken(t), down);
      continue;
    }
    // A lone member gets its next edge in place.
    const alone = edges.topIsAlone();
    const popped = alone ? 1 : edges.popNearest();
    for (let t = 0; t < popped; t++) {
      const j = alone ? edges.topSlot() : edges.popped(t);
      stepMember(j, down);
      writeBracketEdge(slotEdges, j, bracket[j]!, down);
      if (alone) edges.replaceTop();
      else edges.push(j);
    }
  }
}

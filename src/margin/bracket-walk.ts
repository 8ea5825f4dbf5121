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

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import { BracketEdgeHeap } from './bracket-edge-heap.js';
import type { PoolMember } from './pool.js';
import { rootInRange } from './quadratic-root.js';

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
};

/** Empties the stepping members for a search of at most `members` of them. */
export function startSteppingMembers(members: number): void {
  stepping.count = 0;
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
 * Lower (`down`) or upper edge, as a factor f, of the range where slot `j` stays in bracket `b`.
 * Linear notional grows with f: edges floor / (q·mark); inverse notional shrinks with f: edges
 * q / (mark·floor).
 */
function bracketEdge(j: number, b: number, down: boolean): number {
  const floors = stepping.schedules[j]!.floors;
  if (stepping.linear[j] === 1) {
    if (down) return b === 0 ? 0 : floors[b]! / stepping.notionalAtMark[j]!;
    return b + 1 < floors.length ? floors[b + 1]! / stepping.notionalAtMark[j]! : Infinity;
  }
  if (down) return b + 1 < floors.length ? stepping.quantity[j]! / (stepping.mark[j]! * floors[b + 1]!) : 0;
  return b === 0 ? Infinity : stepping.quantity[j]! / (stepping.mark[j]! * floors[b]!);
}

/**
 * The first root of h(f) = a + b f + c / f on one side of f = 1 (`down`: the largest below, else
 * the smallest above), with h's coefficients `a` (|a|'s scale `aMagnitude`), `b`, `c` for every
 * member in its bracket at f = 1, walking through the stepping members' bracket edges within
 * [fMin, fMax]; null when there is none.
 */
export function walkToRoot(a: number, aMagnitude: number, b: number, c: number, fMin: number, fMax: number, down: boolean): number | null {
  const { schedules, linear, quantity, mark, bracket, edges } = stepping;
  const count = stepping.count;
  // The edge each stepping member meets next in this direction, nearest on top (updated on a step).
  edges.start(count, down);
  for (let j = 0; j < count; j++) {
    bracket[j] = stepping.startBracket[j]!;
    edges.push(j, bracketEdge(j, bracket[j]!, down));
  }
  let aMag = aMagnitude;
  let edge = 1;
  for (;;) {
    const nearest = edges.peek();
    const next = down ? (nearest > fMin ? nearest : fMin) : nearest < fMax ? nearest : fMax;
    const root = down ? rootInRange(a, aMag, b, c, next, edge, true) : rootInRange(a, aMag, b, c, edge, next, false);
    if (root !== null) return root;
    if (down ? next <= fMin : next >= fMax) return null;
    // Step every member sitting on that edge (next is the top's edge here) into its neighbouring
    // bracket, in member order, updating the coefficients by the difference of its maintenance
    // terms (readable form: recompute all). A lone member gets its next edge in place.
    const alone = edges.topIsAlone();
    const popped = alone ? 1 : edges.popAt(next);
    for (let t = 0; t < popped; t++) {
      const j = alone ? edges.topSlot() : edges.popped(t);
      const s = schedules[j]!;
      const isLinear = linear[j] === 1;
      const from = bracket[j]!;
      const to = from + (isLinear ? (down ? -1 : 1) : down ? 1 : -1);
      bracket[j] = to;
      const rateDelta = (s.rates[to]! - s.rates[from]!) * quantity[j]!;
      if (isLinear) b -= rateDelta * mark[j]!;
      else c -= rateDelta / mark[j]!;
      a += s.amounts[to]! - s.amounts[from]!;
      aMag += Math.abs(s.amounts[to]!) + Math.abs(s.amounts[from]!);
      const nextEdge = bracketEdge(j, to, down);
      if (alone) edges.replaceTop(nextEdge);
      else edges.push(j, nextEdge);
    }
    edge = next;
  }
}

// The bracket walk (heap of edges, flat member arrays, numbers kept in typed arrays) must give
// exactly, bit for bit, the root the readable walk gives: at each step the nearest edge found by
// a scan of every stepping member, every member on it stepped in member order, the coefficients
// updated by the same differences. Random members, linear and inverse, long and short, on random
// schedules (rates rising or falling, zero rates), notionals on a bracket floor, shared edges.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MaintenanceSchedule } from '../../src/domain/maintenance-schedule.js';
import { addSteppingMember, stageWalkInputs, startSteppingMembers, walkFromInputs, walkInputs, walkToRoot, WALK_UP_MOVE_LIMIT } from '../../src/margin/bracket-walk.js';
import type { PoolMember } from '../../src/margin/pool.js';
import { bracketIndex, notionalSettlement } from '../../src/margin/position-risk.js';
import { CONSTANT_ROUNDING, quadraticRootInRange, searchFactorRange } from '../../src/margin/quadratic-root.js';
import { makePosition } from '../support/make-position.js';

/** The readable walk: a linear scan for the nearest edge at every step. */
function scannedWalk(members: readonly PoolMember[], starts: readonly number[], coefficients: readonly number[], fMin: number, fMax: number, down: boolean): number | null {
  let [a, aMag, b, c] = coefficients as [number, number, number, number];
  const brackets = [...starts];
  const edgeOf = (m: PoolMember, k: number): number => {
    const { floors } = m.schedule;
    const q = m.position.size * m.position.contractSize;
    const mark = m.position.markPrice;
    if (m.position.instrument === 'linear') {
      if (down) return k === 0 ? 0 : floors[k]! / (q * mark);
      return k + 1 < floors.length ? floors[k + 1]! / (q * mark) : Infinity;
    }
    if (down) return k + 1 < floors.length ? q / (mark * floors[k + 1]!) : 0;
    return k === 0 ? Infinity : q / (mark * floors[k]!);
  };
  let edge = 1;
  for (;;) {
    let nearest = NaN;
    for (let j = 0; j < members.length; j++) {
      const e = edgeOf(members[j]!, brackets[j]!);
      if (Number.isNaN(nearest) || (down ? e > nearest : e < nearest)) nearest = e;
    }
    const next = down ? (nearest > fMin ? nearest : fMin) : nearest < fMax ? nearest : fMax;
    const a0 = Math.abs(a) <= CONSTANT_ROUNDING * aMag ? 0 : a;
    const root = down ? quadraticRootInRange(a0, b, c, next, edge, true) : quadraticRootInRange(a0, b, c, edge, next, false);
    if (!Number.isNaN(root)) return root;
    if (down ? next <= fMin : next >= fMax) return null;
    const onEdge = members.flatMap((m, j) => (edgeOf(m, brackets[j]!) === next ? [j] : []));
    for (const j of onEdge) {
      const { position: p, schedule: s } = members[j]!;
      const from = brackets[j]!;
      const to = from + (p.instrument === 'linear' ? (down ? -1 : 1) : down ? 1 : -1);
      brackets[j] = to;
      const rateDelta = (s.rates[to]! - s.rates[from]!) * (p.size * p.contractSize);
      if (p.instrument === 'linear') b -= rateDelta * p.markPrice;
      else c -= rateDelta / p.markPrice;
      a += s.amounts[to]! - s.amounts[from]!;
      aMag += Math.abs(s.amounts[to]!) + Math.abs(s.amounts[from]!);
    }
    edge = next;
  }
}

/** Schedules on the same floors (so members of different schedules share edges) with their own rates. */
const schedulesArb = fc
  .record({
    steps: fc.array(fc.constantFrom(1000, 5000, 50_000, 250_000, 1e6), { minLength: 1, maxLength: 9 }),
    rates: fc.array(fc.record({ rates: fc.array(fc.constantFrom(0, 0.004, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5), { minLength: 10, maxLength: 10 }), rising: fc.boolean() }), { minLength: 3, maxLength: 3 }),
  })
  .map(({ steps, rates }) => {
    const floors = [0];
    for (const step of steps) floors.push(floors[floors.length - 1]! + step);
    return rates.map((r) => schedule(floors, r.rates, r.rising));
  });

function schedule(floors: readonly number[], rates: readonly number[], rising: boolean): MaintenanceSchedule {
  const used = rates.slice(0, floors.length);
  if (rising) used.sort((x, y) => x - y);
  // Maintenance continuous across floors: amount_k = amount_{k-1} + floor_k (rate_k − rate_{k−1}).
  const amounts = [0];
  for (let k = 1; k < floors.length; k++) amounts.push(amounts[k - 1]! + floors[k]! * (used[k]! - used[k - 1]!));
  return { notionalBasis: 'mark', bracketsOn: 'notional', floors: [...floors], rates: used, amounts, feeReserveRate: 0, feeReserveAmount: 0, liquidationFeeRate: 0, defaultLeverage: 20 };
}

const memberArb = fc.record({
  inverse: fc.boolean(),
  side: fc.constantFrom<'long' | 'short'>('long', 'short'),
  // Shared sizes put several members on one edge; 1000 / 50 puts a notional on a floor.
  size: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(1, 2.5, 20, 50, 1000) }, { weight: 1, arbitrary: fc.double({ min: 0.001, max: 5000, noNaN: true }) }),
  mark: fc.constantFrom(50, 100, 100, 91_000),
  schedule: fc.nat(2),
});

type MemberRow = { inverse: boolean; side: 'long' | 'short'; size: number; mark: number; schedule: number };

/** The pool members of `rows` (linear BTCUSDT or inverse BTCUSD_PERP, entered at their mark) and each one's bracket now. */
function poolOf(rows: readonly MemberRow[], schedules: readonly MaintenanceSchedule[]): { members: PoolMember[]; starts: number[] } {
  const members: PoolMember[] = rows.map((r, i) => ({
    position: makePosition({
      positionId: `p${i}`,
      symbol: r.inverse ? 'BTCUSD_PERP' : 'BTCUSDT',
      instrument: r.inverse ? 'inverse' : 'linear',
      contractSize: r.inverse ? 100 : 1,
      side: r.side,
      size: r.size,
      markPrice: r.mark,
      entryPrice: r.mark,
    }),
    schedule: schedules[r.schedule]!,
  }));
  const starts = members.map((m) => bracketIndex(m.schedule.floors, notionalSettlement(m.position, m.position.markPrice)));
  return { members, starts };
}

describe('walkToRoot', () => {
  it('finds bit for bit the root of the readable scan, both ways, on random members and schedules', () => {
    fc.assert(
      fc.property(
        schedulesArb,
        fc.array(memberArb, { minLength: 0, maxLength: 40 }),
        // Healthy now with a slope that reaches 0 far out, so that walks cross many edges.
        fc.record({ a: fc.double({ min: 1e3, max: 1e9, noNaN: true }), b: fc.double({ min: -1e3, max: 1e3, noNaN: true }), c: fc.double({ min: -1e5, max: 1e5, noNaN: true }) }),
        (schedules, rows, coefficients) => {
          const { members, starts } = poolOf(rows, schedules);
          const { min, max } = searchFactorRange(50, 91_000);
          const start = [coefficients.a, Math.abs(coefficients.a), coefficients.b, coefficients.c];
          for (const down of [true, false]) {
            startSteppingMembers(members.length);
            members.forEach((m, j) => addSteppingMember(m, starts[j]!));
            const got = walkToRoot(start[0]!, start[1]!, start[2]!, start[3]!, min, max, down);
            expect(Object.is(got, scannedWalk(members, starts, start, min, max, down))).toBe(true);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('gives the same roots from the sorted edge lists of many linear members (shared edges, shared and own floors)', () => {
    fc.assert(
      fc.property(
        schedulesArb,
        fc.array(memberArb.map((r) => ({ ...r, inverse: false })), { minLength: 16, maxLength: 120 }),
        fc.boolean(),
        fc.record({ a: fc.double({ min: 1e3, max: 1e9, noNaN: true }), b: fc.double({ min: -1e3, max: 1e3, noNaN: true }) }),
        (schedules, rows, oneTable, coefficients) => {
          // One floors array for every schedule (one table), or each its own copy (three tables).
          const used = oneTable ? schedules.map((s) => ({ ...s, floors: schedules[0]!.floors })) : schedules;
          const members: PoolMember[] = rows.map((r, i) => ({
            position: makePosition({ positionId: `p${i}`, symbol: 'BTCUSDT', side: r.side, size: r.size, markPrice: r.mark, entryPrice: r.mark }),
            schedule: used[r.schedule]!,
          }));
          const starts = members.map((m) => bracketIndex(m.schedule.floors, notionalSettlement(m.position, m.position.markPrice)));
          const { min, max } = searchFactorRange(50, 91_000);
          // Linear members only: c = 0, so each stretch is first tested as a line (lineRootOutside).
          const start = [coefficients.a, Math.abs(coefficients.a), coefficients.b, 0];
          startSteppingMembers(members.length);
          members.forEach((m, j) => addSteppingMember(m, starts[j]!));
          for (const down of [true, false]) {
            const got = walkToRoot(start[0]!, start[1]!, start[2]!, start[3]!, min, max, down);
            expect(Object.is(got, scannedWalk(members, starts, start, min, max, down))).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('stops a walk up past its move limit only where the root is past it too, else finds the same root', () => {
    let reached = 0;
    fc.assert(
      fc.property(
        schedulesArb,
        fc.array(memberArb, { minLength: 0, maxLength: 60 }),
        // Healthy now, falling as prices rise: a root above, most often past several edges.
        fc.record({ a: fc.double({ min: 1e3, max: 1e7, noNaN: true }), b: fc.double({ min: -1e3, max: -1, noNaN: true }), c: fc.double({ min: -1e3, max: 1e3, noNaN: true }) }),
        // The limit as a share of the root's own move (when there is one): below, at and past it.
        fc.integer({ min: 0, max: 40 }).map((k) => k / 20),
        (schedules, rows, coefficients, share) => {
          const { members, starts } = poolOf(rows, schedules);
          const { min, max } = searchFactorRange(50, 91_000);
          const start = [coefficients.a, Math.abs(coefficients.a), coefficients.b, coefficients.c] as const;
          const exact = scannedWalk(members, starts, start, min, max, false);
          const limit = exact === null ? share * 1e3 : share * (exact - 1);
          startSteppingMembers(members.length);
          members.forEach((m, j) => addSteppingMember(m, starts[j]!));
          stageWalkInputs(start[0], start[1], start[2], start[3], min, max);
          walkInputs[WALK_UP_MOVE_LIMIT] = limit;
          const got = walkFromInputs(false);
          if (exact !== null && exact - 1 <= limit) reached++;
          if (exact !== null && exact - 1 <= limit) expect(Object.is(got, exact)).toBe(true);
          else expect(got === null || Object.is(got, exact)).toBe(true);
          // Staged again, the walk has no limit.
          stageWalkInputs(start[0], start[1], start[2], start[3], min, max);
          expect(Object.is(walkFromInputs(false), exact)).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
    // Many walks had a root within their limit (the case a wrong stop would get wrong).
    expect(reached).toBeGreaterThan(50);
  });
});

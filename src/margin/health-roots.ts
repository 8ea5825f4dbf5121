// Exact roots of a pool's health h = equity - maintenance along one direction of price moves:
// the prices of a chosen set of members (and collateral in their base asset) are scaled by a
// factor f > 0, all others held. Used for liquidation prices (one symbol moves) and for the
// uniform move of all marks.
//
// Within a range of f where no moving member changes bracket, every term is of the form
// a, b*f or c/f (linear: PnL and notional proportional to price; inverse: proportional to
// 1/price), so h(f) = A + B*f + C/f there, and h(f) = 0 solves B*f^2 + A*f + C = 0 exactly.
// Bracket boundaries split (0, inf) into such ranges; the search walks outward from f = 1 and
// stops at the first root on each side. This is the bracket-consistent iteration the venues
// describe ("maintenance margin taken at the liquidation price"), done in closed form.

import { sideSign } from '../domain/position.js';
import type { Pool, PoolMember } from './pool.js';
import { bracketIndex, maintenanceMarginSettlement, unrealizedPnlSettlement } from './position-risk.js';

/** Which members move with f, and which collateral assets do. */
export interface MoveSelection {
  readonly moves: (member: PoolMember) => boolean;
  readonly collateralMoves: (asset: string) => boolean;
}

/** Outcome on each side of f = 1: the first factor where health reaches 0, or null. */
export interface HealthRoots {
  /** Health at f = 1 (current marks). */
  readonly healthNow: number;
  /** Largest root f < 1 (price falls), or null. */
  readonly below: number | null;
  /** Smallest root f > 1 (price rises), or null. */
  readonly above: number | null;
}

/** Factor range searched: prices from 1e-9 to 1e9 times the mark. */
const F_MIN = 1e-9;
const F_MAX = 1e9;

interface Coefficients {
  a: number;
  b: number;
  c: number;
}

/** Bracket boundaries, as factors f, where a moving member's maintenance bracket changes. */
function breakpoints(members: readonly PoolMember[]): number[] {
  const points: number[] = [];
  for (const m of members) {
    const s = m.schedule;
    if (s.bracketsOn !== 'notional' || s.notionalBasis !== 'mark') continue;
    const p = m.position;
    const mark = p.markPrice;
    for (let k = 1; k < s.floors.length; k++) {
      const floor = s.floors[k]!;
      if (!(floor > 0) || !Number.isFinite(floor)) continue;
      const f = p.instrument === 'linear' ? floor / (p.size * p.contractSize * mark) : (p.size * p.contractSize) / (mark * floor);
      if (f > F_MIN && f < F_MAX) points.push(f);
    }
  }
  return points.sort((x, y) => x - y);
}

/** Coefficients of h(f) = a + b f + c / f for moving members with brackets as at factor `fProbe`. */
function movingCoefficients(members: readonly PoolMember[], fProbe: number, into: Coefficients): void {
  for (const m of members) {
    const p = m.position;
    const s = m.schedule;
    const q = p.size * p.contractSize;
    const sign = sideSign(p.side);
    const mark = p.markPrice;
    const extraRate = s.feeReserveRate;
    if (p.instrument === 'linear') {
      // PnL = s q (mark f - entry)
      into.a -= sign * q * p.entryPrice;
      into.b += sign * q * mark;
      if (s.notionalBasis === 'entry') {
        into.a -= maintenanceMarginSettlement(p, s, p.entryPrice);
      } else {
        const notionalProbe = q * mark * fProbe;
        const k = s.bracketsOn === 'notional' ? bracketIndex(s.floors, notionalProbe) : 0;
        into.b -= (s.rates[k]! + extraRate) * q * mark;
        into.a += s.amounts[k]! - s.feeReserveAmount;
      }
    } else {
      // PnL = s q (1/entry - 1/(mark f))
      into.a += (sign * q) / p.entryPrice;
      into.c -= (sign * q) / mark;
      if (s.notionalBasis === 'entry') {
        into.a -= maintenanceMarginSettlement(p, s, p.entryPrice);
      } else {
        const notionalProbe = q / (mark * fProbe);
        const k = s.bracketsOn === 'notional' ? bracketIndex(s.floors, notionalProbe) : 0;
        into.c -= ((s.rates[k]! + extraRate) * q) / mark;
        into.a += s.amounts[k]! - s.feeReserveAmount;
      }
    }
  }
}

/** Roots of b f^2 + a f + c = 0 inside [lo, hi], ascending. Numerically stable quadratic. */
function rootsInRange(co: Coefficients, lo: number, hi: number): number[] {
  const { a, b, c } = co;
  const scale = Math.max(Math.abs(a), Math.abs(b) * hi, Math.abs(c) / lo, 1e-300);
  const found: number[] = [];
  if (Math.abs(b) * hi <= 1e-14 * scale) {
    if (Math.abs(a) > 1e-14 * scale) found.push(-c / a);
  } else {
    const disc = a * a - 4 * b * c;
    if (disc >= 0) {
      const sq = Math.sqrt(disc);
      const q = -0.5 * (a + (a >= 0 ? sq : -sq));
      if (q !== 0) {
        found.push(q / b);
        found.push(c / q);
      } else {
        found.push(0);
      }
    }
  }
  return found.filter((f) => f >= lo && f <= hi && f > 0).sort((x, y) => x - y);
}

/**
 * Health roots of `pool` when the selected prices are scaled by f. Exact for linear and inverse
 * positions and notional brackets; O(members x brackets visited).
 */
export function healthRoots(pool: Pool, selection: MoveSelection): HealthRoots {
  const moving: PoolMember[] = [];
  // Constant part: cash, collateral that does not move, held members' equity minus maintenance.
  let constant = pool.cashCollateral;
  let collateralSlope = 0;
  for (const c of pool.assetCollateral) {
    const value = c.amount * c.priceSettlement * (1 - c.haircut);
    if (selection.collateralMoves(c.asset)) collateralSlope += value;
    else constant += value;
  }
  for (const m of pool.members) {
    if (selection.moves(m)) {
      moving.push(m);
    } else {
      const price = m.position.markPrice;
      constant += unrealizedPnlSettlement(m.position, price) - maintenanceMarginSettlement(m.position, m.schedule, price);
    }
  }
  const coefficientsAt = (fProbe: number): Coefficients => {
    const co = { a: constant, b: collateralSlope, c: 0 };
    movingCoefficients(moving, fProbe, co);
    return co;
  };
  const now = coefficientsAt(1);
  const healthNow = now.a + now.b + now.c;
  const points = breakpoints(moving);
  // Ranges [edges[i], edges[i+1]] on which brackets are fixed.
  const edges = [F_MIN, ...points.filter((f, i) => i === 0 || f !== points[i - 1]), F_MAX];
  let start = 0;
  while (start + 1 < edges.length - 1 && edges[start + 1]! <= 1) start++;
  let below: number | null = null;
  for (let i = start; i >= 0 && below === null; i--) {
    const lo = edges[i]!;
    const hi = Math.min(edges[i + 1]!, 1);
    if (hi <= lo) continue;
    const roots = rootsInRange(coefficientsAt(Math.sqrt(lo * hi)), lo, hi);
    if (roots.length > 0) below = roots[roots.length - 1]!;
  }
  let above: number | null = null;
  for (let i = start; i < edges.length - 1 && above === null; i++) {
    const lo = Math.max(edges[i]!, 1);
    const hi = edges[i + 1]!;
    if (hi <= lo) continue;
    const roots = rootsInRange(coefficientsAt(Math.sqrt(lo * hi)), lo, hi);
    if (roots.length > 0) above = roots[0]!;
  }
  return { healthNow, below, above };
}


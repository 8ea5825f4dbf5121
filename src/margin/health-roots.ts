// Exact roots of a pool's health h = equity - maintenance along one direction of price moves:
// the prices of a chosen set of members (and collateral in their base asset) are scaled by a
// factor f > 0, all others held. Used for liquidation prices (one symbol moves) and for the
// uniform move of all marks.
//
// Within a range of f where no moving member changes bracket, every term is of the form
// a, b*f or c/f (linear: PnL and notional proportional to price; inverse: proportional to
// 1/price), so h(f) = A + B*f + C/f there, and h(f) = 0 solves B*f^2 + A*f + C = 0 exactly.
// The search starts in the brackets in force at f = 1 and walks outward one bracket boundary
// at a time, stopping at the first root on each side. This is the bracket-consistent iteration
// the venues describe ("maintenance margin taken at the liquidation price"), in closed form.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import { sideSign } from '../domain/position.js';
import { addSteppingMember, startSteppingMembers, stageWalkInputs, walkFromInputs, walkInputs, WALK_UP_MOVE_LIMIT } from './bracket-walk.js';
import { searchFactorRange } from './quadratic-root.js';
import type { Pool, PoolMember } from './pool.js';
import { membersOfSymbol } from './pool-symbol-index.js';
import { bracketIndex, maintenanceMarginSettlement, notionalSettlement, unrealizedPnlSettlement } from './position-risk.js';

/** Which members move with f, and which collateral assets do. */
interface MoveSelection {
  /** Members whose price scales with f: all, or those of one symbol. */
  readonly symbol: string | null;
  /** Collateral asset whose price scales with f (null: none; '*': every non-settlement asset). */
  readonly collateralAsset: string | null;
}

/**
 * Which roots a search must find. `both`: each side's first root. `nearerMove`: only what the
 * nearer side of the uniform move, min(down, up) = min(1 − below, above − 1), needs: nothing
 * walked when the pool is liquidatable now (the move is 0 either way, uniform-move.ts); the root
 * below exactly; the root above exactly where above − 1 ≤ 1 − below, else null (its walk stops at
 * the first edge e with e − 1 > 1 − below: every root past e has above − 1 ≥ e − 1 > 1 − below).
 */
export type RootsWanted = 'both' | 'nearerMove';

/** Outcome on each side of f = 1: the first factor where health reaches 0, or null. */
export interface HealthRoots {
  /** Health at f = 1 (current marks). */
  readonly healthNow: number;
  /** Largest root f <= 1 (prices fall), or null. */
  readonly below: number | null;
  /** Smallest root f >= 1 (prices rise), or null. */
  readonly above: number | null;
}


interface RateRange {
  readonly low: number;
  readonly high: number;
  /** Rates never fall from one bracket to the next (so maintenance is convex in notional). */
  readonly nonDecreasing: boolean;
}

const ZERO_RANGE: RateRange = { low: 0, high: 0, nonDecreasing: true };
const rateRanges = new WeakMap<MaintenanceSchedule, RateRange>();
/**
 * The last RECENT_RANGES schedules asked for and their ranges, scanned by identity before the
 * WeakMap: a book compiles a handful of schedules (bracket-schedule.ts), and a WeakMap look-up
 * per member cost more than the scan.
 */
const RECENT_RANGES = 16;
const recentSchedules: MaintenanceSchedule[] = [];
const recentRanges: RateRange[] = [];
let recentNext = 0;

/** Lowest and highest maintenance rate (with any fee-reserve rate) a schedule can charge. */
function rateRange(s: MaintenanceSchedule): RateRange {
  for (let i = 0; i < recentSchedules.length; i++) if (recentSchedules[i] === s) return recentRanges[i]!;
  let range = rateRanges.get(s);
  if (range === undefined) {
    let low = Infinity;
    let high = -Infinity;
    let nonDecreasing = true;
    for (let k = 0; k < s.rates.length; k++) {
      const r = s.rates[k]!;
      if (r < low) low = r;
      if (r > high) high = r;
      if (k > 0 && r < s.rates[k - 1]!) nonDecreasing = false;
    }
    range = { low: low + s.feeReserveRate, high: high + s.feeReserveRate, nonDecreasing };
    rateRanges.set(s, range);
  }
  recentSchedules[recentNext] = s;
  recentRanges[recentNext] = range;
  recentNext = (recentNext + 1) % RECENT_RANGES;
  return range;
}

/**
 * Each member's PnL − MM at its mark, and their sum, of the last pool asked for: a cross pool is
 * searched once per symbol, one search after another, and each reads the held members' part as
 * the total less the moving members' terms. Kept for the last pool only, in an array reused from
 * pool to pool (pools are immutable; a WeakMap entry per pool cost more than the terms).
 */
const healthTerms = { pool: null as Pool | null, perMember: new Float64Array(16), total: 0 };

function memberHealthTerms(pool: Pool): { readonly perMember: Float64Array; readonly total: number } {
  if (healthTerms.pool === pool) return healthTerms;
  const members = pool.members;
  if (healthTerms.perMember.length < members.length) healthTerms.perMember = new Float64Array(Math.max(members.length, 2 * healthTerms.perMember.length));
  const perMember = healthTerms.perMember;
  let total = 0;
  for (let i = 0; i < members.length; i++) {
    const { position, schedule } = members[i]!;
    const price = position.markPrice;
    perMember[i] = unrealizedPnlSettlement(position, price) - maintenanceMarginSettlement(position, schedule, price);
    total += perMember[i]!;
  }
  healthTerms.pool = pool;
  healthTerms.total = total;
  return healthTerms;
}

/** Does the member's bracket follow its notional as the price moves? */
function followsBrackets(m: PoolMember): boolean {
  return m.schedule.bracketsOn === 'notional' && m.schedule.notionalBasis === 'mark' && m.schedule.floors.length > 1;
}

/** The rounding rule of the constant term (quadratic-root.ts), shared with the kernel's barriers. */
export { CONSTANT_ROUNDING } from './quadratic-root.js';

/**
 * Scratch of one search, reused by every call: healthRoots is never re-entered (it calls nothing
 * that searches), so one set of arrays serves them all and grows to the largest pool seen. A
 * search made about 1 KiB of short-lived arrays and closures, and an account's evaluation runs
 * about three per position.
 */
const scratch = {
  /** Index in `pool.members` of each moving member (slot i below is moving member i). */
  moving: new Int32Array(16),
  /** Each moving member's bracket at f = 1. */
  startBrackets: new Int32Array(16),
  /** 1 where a moving member's bracket follows its notional (followsBrackets), else 0. */
  follows: new Uint8Array(16),
  /** h's constant and collateral slope, for healthAtFactor. */
  terms: new Float64Array(2),
};

/** Room for `members` moving members in the scratch arrays. */
function reserveScratch(members: number): void {
  if (scratch.moving.length >= members) return;
  const capacity = Math.max(members, 2 * scratch.moving.length);
  scratch.moving = new Int32Array(capacity);
  scratch.startBrackets = new Int32Array(capacity);
  scratch.follows = new Uint8Array(capacity);
}

/**
 * h(f) = constant + collateralSlope·f + Σ over the `count` moving members of (PnL − MM) at
 * mark·f: the readable sum, for the concavity test at the ends of the searched range. The
 * constant and the collateral slope are read from `scratch.terms` (as arguments they were boxed).
 */
function healthAtFactor(members: readonly PoolMember[], count: number, f: number): number {
  const moving = scratch.moving;
  let h = scratch.terms[0]! + scratch.terms[1]! * f;
  for (let i = 0; i < count; i++) {
    const { position: p, schedule } = members[moving[i]!]!;
    const price = p.markPrice * f;
    h += unrealizedPnlSettlement(p, price) - maintenanceMarginSettlement(p, schedule, price);
  }
  return h;
}

/**
 * Health roots of `pool` when the selected prices are scaled by f. Exact for linear and inverse
 * positions and notional brackets; cost O(moving members x bracket boundaries crossed).
 * `wanted`: every root (`both`), or only those the uniform move's nearer side needs (RootsWanted).
 */
export function healthRoots(pool: Pool, selection: MoveSelection, wanted: RootsWanted = 'both'): HealthRoots {
  const members = pool.members;
  // h(f) = a + b f + c / f. Constant part: cash, collateral that does not move, and the
  // equity minus maintenance of members held at their marks.
  let constant = pool.cashCollateral;
  let collateralSlope = 0;
  for (const c of pool.assetCollateral) {
    const value = c.amount * c.priceSettlement * (1 - c.haircut);
    const moves = selection.collateralAsset === '*' ? c.asset !== pool.asset : c.asset === selection.collateralAsset;
    if (moves) collateralSlope += value;
    else constant += value;
  }
  // Readable form: constant += Σ over held members of (PnL − MM) at their marks. The per-member
  // terms are computed once per pool (a cross pool is searched once per symbol), and the held
  // part is the pool total less the moving members' terms.
  // One symbol's members come from the pool's symbol index (in member order), so a pool of many
  // symbols is searched in time proportional to the symbol's members, not the pool's.
  const movingIndices = selection.symbol === null ? null : membersOfSymbol(pool, selection.symbol);
  const count = movingIndices === null ? members.length : movingIndices.length;
  reserveScratch(count);
  const moving = scratch.moving;
  if (movingIndices === null) for (let i = 0; i < count; i++) moving[i] = i;
  else for (let i = 0; i < count; i++) moving[i] = movingIndices[i]!;
  if (count < members.length) {
    const terms = memberHealthTerms(pool);
    let heldSum = terms.total;
    for (let i = 0; i < count; i++) heldSum -= terms.perMember[moving[i]!]!;
    constant += heldSum;
  }
  // One pass over the moving members (their position and schedule read once each): the marks'
  // range, each member's bracket at f = 1, h's coefficients there and the range of h's slopes.
  // Each sum adds its terms in member order, as a loop of its own would.
  let lowestMark = Infinity;
  let highestMark = 0;
  // h(f) = a + b f + c / f with every moving member in bracket `startBrackets`.
  let aSum = constant;
  let aMagnitudeSum = Math.abs(constant);
  let bSum = collateralSlope;
  let cSum = 0;
  // Shortcut: with only linear members the pieces of h are straight lines; if every possible
  // slope has one sign, h is monotone on (0, inf) (MM is continuous across brackets) and a
  // healthy pool has no root on the side where h keeps growing. The slopes are summed over the
  // members up to the first one not linear (then none of them is read).
  let slopeMin = collateralSlope;
  let slopeMax = collateralSlope;
  let linearOnly = true;
  // Maintenance rates never fall from one bracket to the next for any moving member.
  let ratesNonDecreasing = true;
  const startBrackets = scratch.startBrackets;
  const follows = scratch.follows;
  for (let i = 0; i < count; i++) {
    const m = members[moving[i]!]!;
    const p = m.position;
    const s = m.schedule;
    const mark = p.markPrice;
    // Factors searched: 1e-9 … 1e9 of the marks, widened to reach every accepted price.
    if (mark < lowestMark) lowestMark = mark;
    if (mark > highestMark) highestMark = mark;
    // Bracket of each moving member at f = 1.
    const bracketed = followsBrackets(m);
    follows[i] = bracketed ? 1 : 0;
    const k = bracketed ? bracketIndex(s.floors, notionalSettlement(p, mark)) : 0;
    startBrackets[i] = k;
    const q = p.size * p.contractSize;
    const sign = sideSign(p.side);
    if (p.instrument === 'linear') {
      // PnL = s q (mark f - entry); MM = (rate_k + feeRate) q mark f - amount_k + feeAmount
      aSum -= sign * q * p.entryPrice;
      aMagnitudeSum += q * p.entryPrice;
      bSum += sign * q * mark;
      if (s.notionalBasis === 'entry') {
        const mm = maintenanceMarginSettlement(p, s, p.entryPrice);
        aSum -= mm;
        aMagnitudeSum += Math.abs(mm);
      } else {
        bSum -= (s.rates[k]! + s.feeReserveRate) * q * mark;
        aSum += s.amounts[k]! - s.feeReserveAmount;
        aMagnitudeSum += Math.abs(s.amounts[k]!) + Math.abs(s.feeReserveAmount);
      }
      if (linearOnly) {
        const qm = q * mark;
        const rates = rateRange(s);
        const range = s.notionalBasis === 'mark' ? rates : ZERO_RANGE;
        slopeMin += sign * qm - range.high * qm;
        slopeMax += sign * qm - range.low * qm;
        if (!rates.nonDecreasing) ratesNonDecreasing = false;
      }
    } else {
      linearOnly = false;
      // PnL = s q (1/entry - 1/(mark f)); MM = (rate_k + feeRate) q / (mark f) - amount_k + feeAmount
      aSum += (sign * q) / p.entryPrice;
      aMagnitudeSum += q / p.entryPrice;
      cSum -= (sign * q) / mark;
      if (s.notionalBasis === 'entry') {
        const mm = maintenanceMarginSettlement(p, s, p.entryPrice);
        aSum -= mm;
        aMagnitudeSum += Math.abs(mm);
      } else {
        cSum -= ((s.rates[k]! + s.feeReserveRate) * q) / mark;
        aSum += s.amounts[k]! - s.feeReserveAmount;
        aMagnitudeSum += Math.abs(s.amounts[k]!) + Math.abs(s.feeReserveAmount);
      }
    }
  }
  const { min: fMin, max: fMax } = searchFactorRange(lowestMark, highestMark);
  const healthNow = aSum + bSum + cSum;
  // Increasing h: a root only above f = 1 if unhealthy now, only below if healthy; decreasing h:
  // the reverse.
  const increasing = linearOnly && slopeMin > 0;
  const decreasing = linearOnly && slopeMax < 0;
  let skipAbove = (increasing && healthNow > 0) || (decreasing && healthNow <= 0);
  let skipBelow = (decreasing && healthNow > 0) || (increasing && healthNow <= 0);
  // Concavity: with linear members only and maintenance rates that never fall from one bracket
  // to the next, MM is convex in f (continuous, slopes rising) and PnL linear, so h is concave:
  // {h > 0} is one interval. A healthy pool still healthy at the end of the searched range has no
  // root on that side at all, and the walk through every bracket edge can be skipped.
  if (linearOnly && healthNow > 0 && (!skipAbove || !skipBelow) && ratesNonDecreasing) {
    scratch.terms[0] = constant;
    scratch.terms[1] = collateralSlope;
    if (!skipAbove && healthAtFactor(members, count, fMax) > 0) skipAbove = true;
    if (!skipBelow && healthAtFactor(members, count, fMin) > 0) skipBelow = true;
  } else if (linearOnly && healthNow <= 0 && (!skipAbove || !skipBelow) && ratesNonDecreasing) {
    // Concave h, unhealthy now: the healthy interval, if any, lies on the side h rises towards
    // (its slope at the marks, b0 here as c0 = 0 for linear members); the other side has no root.
    if (bSum >= 0) skipBelow = true;
    if (bSum <= 0) skipAbove = true;
  }
  // Liquidatable now: the uniform move is 0 on both sides, whatever the roots.
  const nearerMove = wanted === 'nearerMove';
  if (nearerMove && healthNow <= 0) {
    skipBelow = true;
    skipAbove = true;
  }
  if (!skipBelow || !skipAbove) {
    startSteppingMembers(count);
    for (let i = 0; i < count; i++) if (follows[i] === 1) addSteppingMember(members[moving[i]!]!, startBrackets[i]!);
    // The walks' numbers go through walkInputs, staged once (as arguments each walk boxed them).
    stageWalkInputs(aSum, aMagnitudeSum, bSum, cSum, fMin, fMax);
  }
  const below = skipBelow ? null : walkFromInputs(true);
  // The walk up stops past a move of 1 − below (the nearer side is then `down`): see RootsWanted.
  if (nearerMove && below !== null) walkInputs[WALK_UP_MOVE_LIMIT] = 1 - below;
  return {
    healthNow,
    below,
    above: skipAbove ? null : walkFromInputs(false),
  };
}

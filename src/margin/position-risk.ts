// The readable reference for one position's risk at a price: notional, unrealised PnL and
// maintenance margin, all in the position's settlement asset. Isolated and cross use these same
// functions; a margin mode only changes how positions are grouped into collateral pools.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import { sideSign, type Position } from '../domain/position.js';

/**
 * Position value in the settlement asset at `priceQuote`.
 * Linear: `size * p` (quote). Inverse: `size * contractSize / p` (coin).
 */
export function notionalSettlement(position: Position, priceQuote: number): number {
  return position.instrument === 'linear'
    ? position.size * position.contractSize * priceQuote
    : (position.size * position.contractSize) / priceQuote;
}

/**
 * Unrealised PnL in the settlement asset at `priceQuote`.
 * Linear: `side * size * (p - entry)`. Inverse: `side * size * cs * (1/entry - 1/p)`.
 */
export function unrealizedPnlSettlement(position: Position, priceQuote: number): number {
  const s = sideSign(position.side);
  return position.instrument === 'linear'
    ? s * position.size * position.contractSize * (priceQuote - position.entryPrice)
    : s * position.size * position.contractSize * (1 / position.entryPrice - 1 / priceQuote);
}

/** Index of the bracket whose floor is the largest one <= measure (brackets sorted by floor). */
export function bracketIndex(floors: readonly number[], measure: number): number {
  let b = 0;
  while (b + 1 < floors.length && measure >= floors[b + 1]!) b++;
  return b;
}

/**
 * Maintenance margin in the settlement asset when the mark is `priceQuote`:
 * `MM = N * rate_b - amount_b + N * feeReserveRate + feeReserveAmount`, with N measured at the
 * mark or at entry per the schedule, and bracket b chosen at that N (see MaintenanceSchedule).
 * Never negative.
 */
export function maintenanceMarginSettlement(
  position: Position,
  schedule: MaintenanceSchedule,
  priceQuote: number,
): number {
  const basisPrice = schedule.notionalBasis === 'entry' ? position.entryPrice : priceQuote;
  const notional = notionalSettlement(position, basisPrice);
  const b = schedule.bracketsOn === 'notional' ? bracketIndex(schedule.floors, notional) : 0;
  const bracketed = notional * schedule.rates[b]! - schedule.amounts[b]!;
  return Math.max(0, bracketed) + notional * schedule.feeReserveRate + schedule.feeReserveAmount;
}

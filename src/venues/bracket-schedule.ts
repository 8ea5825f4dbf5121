// Builds a MaintenanceSchedule from a notional-bracket tier table (the Binance convention that
// Bybit, Hyperliquid and the generic profile share), and picks a fixed bracket for venues whose
// bracket does not move with price.

import type { MaintenanceSchedule } from '../domain/maintenance-schedule.js';
import type { TierTable } from '../domain/tier.js';

interface ScheduleExtras {
  readonly notionalBasis?: 'mark' | 'entry';
  readonly feeReserveRate?: number;
  readonly feeReserveAmount?: number;
  readonly liquidationFeeRate?: number;
  /** Leverage for allocation when the row has none; default: the first tier's max leverage. */
  readonly defaultLeverage?: number;
}

const scheduleCache = new WeakMap<TierTable, Map<string, MaintenanceSchedule>>();

/**
 * Brackets that follow the notional as the price moves (bracket iterated at the liquidation
 * price). Schedules are immutable and depend only on the table and the extras, so equal requests
 * share one object (a book of a million positions compiles a handful of schedules).
 */
export function notionalBracketSchedule(table: TierTable, extras: ScheduleExtras = {}): MaintenanceSchedule {
  const key = `${extras.notionalBasis ?? ''}|${extras.feeReserveRate ?? ''}|${extras.feeReserveAmount ?? ''}|${extras.liquidationFeeRate ?? ''}|${extras.defaultLeverage ?? ''}`;
  let byExtras = scheduleCache.get(table);
  if (byExtras === undefined) {
    byExtras = new Map();
    scheduleCache.set(table, byExtras);
  }
  let schedule = byExtras.get(key);
  if (schedule === undefined) {
    schedule = buildNotionalBracketSchedule(table, extras);
    // Per-position extras (fee amounts) would grow the cache without bound; keep it small.
    if (byExtras.size < 256) byExtras.set(key, schedule);
  }
  return schedule;
}

function buildNotionalBracketSchedule(table: TierTable, extras: ScheduleExtras): MaintenanceSchedule {
  return {
    notionalBasis: extras.notionalBasis ?? 'mark',
    bracketsOn: 'notional',
    floors: table.tiers.map((t) => t.floor),
    rates: table.tiers.map((t) => t.maintenanceMarginRate),
    amounts: table.tiers.map((t) => t.maintenanceAmount),
    feeReserveRate: extras.feeReserveRate ?? 0,
    feeReserveAmount: extras.feeReserveAmount ?? 0,
    liquidationFeeRate: extras.liquidationFeeRate ?? table.tiers[0]?.liquidationFeeRate ?? 0,
    defaultLeverage: extras.defaultLeverage ?? table.tiers[0]?.maxLeverage ?? 1,
  };
}

/** One bracket fixed for the life of the position (chosen from contracts, size, or a single fraction). */
export function fixedRateSchedule(rate: number, amount: number, extras: ScheduleExtras & { defaultLeverage: number }): MaintenanceSchedule {
  return {
    notionalBasis: extras.notionalBasis ?? 'mark',
    bracketsOn: 'fixed',
    floors: [0],
    rates: [rate],
    amounts: [amount],
    feeReserveRate: extras.feeReserveRate ?? 0,
    feeReserveAmount: extras.feeReserveAmount ?? 0,
    liquidationFeeRate: extras.liquidationFeeRate ?? 0,
    defaultLeverage: extras.defaultLeverage,
  };
}

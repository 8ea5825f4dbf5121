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

/** A table's schedules by extras, with the last request in front of them. */
interface TableSchedules {
  /** The extras of the last request and the schedule it got: profiles ask with the same extras position after position. */
  last: { readonly extras: ScheduleExtras; readonly schedule: MaintenanceSchedule } | null;
  /** By the extras written as one key (see notionalBracketSchedule). */
  readonly byKey: Map<string, MaintenanceSchedule>;
}

const scheduleCache = new WeakMap<TierTable, TableSchedules>();

/** Do two values of an extra write the same key text? (undefined is its own; NaN matches NaN, 0 matches -0, as their text does.) */
function sameExtra<T extends string | number | undefined>(a: T, b: T): boolean {
  return a === b || (a !== a && b !== b);
}

function sameExtras(a: ScheduleExtras, b: ScheduleExtras): boolean {
  return (
    sameExtra(a.notionalBasis, b.notionalBasis) &&
    sameExtra(a.feeReserveRate, b.feeReserveRate) &&
    sameExtra(a.feeReserveAmount, b.feeReserveAmount) &&
    sameExtra(a.liquidationFeeRate, b.liquidationFeeRate) &&
    sameExtra(a.defaultLeverage, b.defaultLeverage)
  );
}

/**
 * Brackets that follow the notional as the price moves (bracket iterated at the liquidation
 * price). Schedules are immutable and depend only on the table and the extras, so equal requests
 * share one object (a book of a million positions compiles a handful of schedules). A request
 * with the same extras as the table's last one is answered without writing its key (the key's
 * numbers as text were most of the cost of compiling a position's schedules).
 */
export function notionalBracketSchedule(table: TierTable, extras: ScheduleExtras = {}): MaintenanceSchedule {
  let cached = scheduleCache.get(table);
  if (cached === undefined) {
    cached = { last: null, byKey: new Map() };
    scheduleCache.set(table, cached);
  }
  const last = cached.last;
  if (last !== null && sameExtras(last.extras, extras)) return last.schedule;
  const key = `${extras.notionalBasis ?? ''}|${extras.feeReserveRate ?? ''}|${extras.feeReserveAmount ?? ''}|${extras.liquidationFeeRate ?? ''}|${extras.defaultLeverage ?? ''}`;
  let schedule = cached.byKey.get(key);
  if (schedule === undefined) {
    schedule = buildNotionalBracketSchedule(table, extras);
    // Per-position extras (fee amounts) would grow the cache without bound; keep it small.
    if (cached.byKey.size < 256) cached.byKey.set(key, schedule);
  }
  // A copy: the caller's object is its own.
  cached.last = {
    extras: {
      notionalBasis: extras.notionalBasis,
      feeReserveRate: extras.feeReserveRate,
      feeReserveAmount: extras.feeReserveAmount,
      liquidationFeeRate: extras.liquidationFeeRate,
      defaultLeverage: extras.defaultLeverage,
    },
    schedule,
  };
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

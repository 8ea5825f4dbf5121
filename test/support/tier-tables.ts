// Test helper: tier tables built from compact rows, with the maintenance amounts derived by the
// continuity recursion so fixtures cannot drift from it.

import type { Tier, TierTable } from '../../src/domain/tier.js';

/** Rows of [cap, maintenanceRate, maxLeverage]; floors chain from 0, amounts by recursion. */
export function notionalTable(symbol: string, rows: readonly (readonly [number, number, number])[]): TierTable {
  const tiers: Tier[] = [];
  let floor = 0;
  let amount = 0;
  let prevRate = 0;
  for (const [cap, rate, maxLeverage] of rows) {
    amount = tiers.length === 0 ? 0 : amount + floor * (rate - prevRate);
    tiers.push({ floor, cap, maintenanceMarginRate: rate, maintenanceAmount: amount, maxLeverage, initialMarginRate: null, liquidationFeeRate: null });
    prevRate = rate;
    floor = cap;
  }
  return { symbol, measure: 'notional', tiers, source: 'test', snapshotDate: 'test' };
}

/** Binance USDⓈ-M BTCUSDT legacy brackets (2020–21), as in the venue's FAQ examples. */
export const LEGACY_BINANCE_BTCUSDT = notionalTable('BTCUSDT', [
  [50_000, 0.004, 125],
  [250_000, 0.005, 100],
  [1_000_000, 0.01, 50],
  [10_000_000, 0.025, 20],
  [20_000_000, 0.05, 10],
  [Infinity, 0.1, 5],
]);

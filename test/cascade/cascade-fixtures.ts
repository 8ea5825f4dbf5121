// Small markets for the cascade tests: the generic venue's one-bracket schedule and a builder of
// isolated one-symbol pools.

import type { MaintenanceSchedule } from '../../src/domain/maintenance-schedule.js';
import { compileCascadeMarket, type CascadePoolInput, type MarketDepth } from '../../src/cascade/cascade-market.js';

export function flatSchedule(rate: number, liquidationFeeRate = 0): MaintenanceSchedule {
  return { notionalBasis: 'mark', bracketsOn: 'notional', floors: [0], rates: [rate], amounts: [0], feeReserveRate: 0, feeReserveAmount: 0, liquidationFeeRate, defaultLeverage: 20 };
}

export function isolated(account: string, symbol: string, side: 'long' | 'short', size: number, entry: number, margin: number, rate = 0.005): CascadePoolInput {
  return { account, cash: margin, members: [{ positionId: `${account}:${symbol}:${side}`, symbol, side, size, entryPrice: entry, schedule: flatSchedule(rate), venue: 'generic' }] };
}

/** The worked example of cascade.md: E, F short, G long on YUSDT at 50, depth 2,000 per 1 %. */
export function workedExampleMarket(depth1pct = 2000) {
  const depth: MarketDepth = { bid1pct: depth1pct, ask1pct: depth1pct };
  return compileCascadeMarket('USDT', ['YUSDT'], [50], [depth], [
    isolated('E', 'YUSDT', 'short', 100, 50, 250),
    isolated('F', 'YUSDT', 'short', 200, 50, 1200),
    isolated('G', 'YUSDT', 'long', 300, 50, 15000),
  ]);
}

// Log returns of a price series with the time each covers, so gaps (exchange outages, missing
// bars) are accounted for rather than treated as one ordinary bar.

import type { PriceSeries } from './price-history.js';
import { MINUTES_PER_YEAR } from '../models/return-history.js';

const MS_PER_YEAR = MINUTES_PER_YEAR * 60_000;

export interface TimedReturns {
  /** ln(close_i / close_{i-1}). */
  readonly logReturns: Float64Array;
  /** Length of each return's interval in years (365-day years). */
  readonly dtYears: Float64Array;
}

/** Returns between consecutive closes of `series` (n closes → n - 1 returns). */
export function timedLogReturns(series: PriceSeries): TimedReturns {
  const n = Math.max(0, series.closes.length - 1);
  const logReturns = new Float64Array(n);
  const dtYears = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    logReturns[i] = Math.log(series.closes[i + 1]! / series.closes[i]!);
    dtYears[i] = (series.timesMs[i + 1]! - series.timesMs[i]!) / MS_PER_YEAR;
  }
  return { logReturns, dtYears };
}

/**
 * The bar interval of a series in minutes: the most common gap between consecutive timestamps
 * (the smallest on a tie). Gaps from outages are rarer than ordinary bars, so they do not move it.
 * Returns NaN for fewer than two points.
 */
export function barIntervalMinutes(timesMs: Float64Array): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < timesMs.length; i++) {
    const gap = timesMs[i]! - timesMs[i - 1]!;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = NaN;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount || (count === bestCount && gap < best)) {
      best = gap;
      bestCount = count;
    }
  }
  return best / 60_000;
}

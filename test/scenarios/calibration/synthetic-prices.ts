// Test helper: price series from seeded simulated log returns, as PriceSeries or long-format CSV.

import type { PriceSeries } from '../../../src/scenarios/calibration/price-history.js';

export const HOUR_MS = 3_600_000;
export const START_MS = Date.UTC(2024, 0, 1);

/** Closes S_k = 100 · exp(Σ r) at START_MS + k · stepMs (k = 0..n), from the returns given. */
export function seriesFromReturns(symbol: string, logReturns: ArrayLike<number>, stepMs = HOUR_MS): PriceSeries {
  const n = logReturns.length;
  const timesMs = new Float64Array(n + 1);
  const closes = new Float64Array(n + 1);
  let x = Math.log(100);
  closes[0] = 100;
  timesMs[0] = START_MS;
  for (let k = 0; k < n; k++) {
    x += logReturns[k]!;
    closes[k + 1] = Math.exp(x);
    timesMs[k + 1] = START_MS + (k + 1) * stepMs;
  }
  return { symbol, timesMs, closes };
}

/** The same series with the points at `drop[k] === true` removed (never the first). */
export function withGaps(series: PriceSeries, drop: (k: number) => boolean): PriceSeries {
  const keep: number[] = [];
  for (let k = 0; k < series.closes.length; k++) if (k === 0 || !drop(k)) keep.push(k);
  return { symbol: series.symbol, timesMs: Float64Array.from(keep, (k) => series.timesMs[k]!), closes: Float64Array.from(keep, (k) => series.closes[k]!) };
}

// Whole cross-sections of returns from a price history: the bars at which every chosen symbol
// has a close at both ends, for the bootstrap model.

import type { ReturnHistory } from '../models/return-history.js';
import { barIntervalMinutes } from './log-returns.js';
import type { PriceSeries } from './price-history.js';

/**
 * Returns of all `series` over the same bars: timestamps common to every series, and of those the
 * consecutive pairs exactly one bar apart (the most common gap between common timestamps). A bar
 * where any symbol is missing, or that spans an outage, is dropped for all symbols, so each row is
 * a real simultaneous cross-section. Returns null when fewer than 2 such bars exist.
 */
export function alignedReturnHistory(series: readonly PriceSeries[], columnNames?: readonly string[]): ReturnHistory | null {
  const width = series.length;
  if (width === 0) return null;
  // Common timestamps: intersect the sorted time arrays.
  let common = Array.from(series[0]!.timesMs);
  for (let k = 1; k < width; k++) {
    const other = series[k]!.timesMs;
    const next: number[] = [];
    let j = 0;
    for (const t of common) {
      while (j < other.length && other[j]! < t) j++;
      if (j < other.length && other[j] === t) next.push(t);
    }
    common = next;
  }
  if (common.length < 3) return null;
  const barMinutes = barIntervalMinutes(Float64Array.from(common));
  const barMs = barMinutes * 60_000;
  // Index of each common timestamp in each series.
  const positions = series.map((s) => {
    const idx = new Int32Array(common.length);
    let j = 0;
    common.forEach((t, k) => {
      while (s.timesMs[j]! < t) j++;
      idx[k] = j;
    });
    return idx;
  });
  const rows: number[] = [];
  const ends: number[] = [];
  for (let k = 1; k < common.length; k++) {
    if (common[k]! - common[k - 1]! !== barMs) continue;
    for (let c = 0; c < width; c++) {
      const closes = series[c]!.closes;
      rows.push(Math.log(closes[positions[c]![k]!]! / closes[positions[c]![k - 1]!]!));
    }
    ends.push(common[k]!);
  }
  const nBars = ends.length;
  if (nBars < 2) return null;
  return {
    symbols: columnNames ?? series.map((s) => s.symbol),
    barMinutes,
    nBars,
    logReturns: Float64Array.from(rows),
    barEndMs: Float64Array.from(ends),
  };
}

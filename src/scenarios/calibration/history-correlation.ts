// Correlation of log returns between symbols of a price history, pairwise on the timestamps both
// symbols have, then repaired to a valid correlation matrix.

import { sampleCorrelation } from 'simple-statistics';
import { nearestCorrelation } from '../correlation/nearest-correlation.js';
import type { PriceSeries } from './price-history.js';

/** Fewest overlapping returns for a pairwise correlation to be estimated at all. */
const MIN_OVERLAPPING_RETURNS = 30;

interface PairReturns {
  /** Returns of each series between consecutive common timestamps, divided by sqrt(interval). */
  readonly x: number[];
  readonly y: number[];
}

/**
 * Returns of two series on their common timestamps: for consecutive times t_{k-1} < t_k present
 * in both, r = ln(close(t_k) / close(t_{k-1})) for each, divided by sqrt(t_k - t_{k-1}) so that a
 * return across a gap (longer interval, larger variance) does not dominate. Both members of a pair
 * cover exactly the same interval, whatever the two series' bar lengths.
 */
function commonTimestampReturns(a: PriceSeries, b: PriceSeries): PairReturns {
  const x: number[] = [];
  const y: number[] = [];
  let i = 0;
  let j = 0;
  let prevA = -1;
  let prevB = -1;
  let prevT = NaN;
  while (i < a.timesMs.length && j < b.timesMs.length) {
    const ta = a.timesMs[i]!;
    const tb = b.timesMs[j]!;
    if (ta < tb) i++;
    else if (tb < ta) j++;
    else {
      if (prevA >= 0) {
        const scale = 1 / Math.sqrt((ta - prevT) / 3_600_000);
        x.push(Math.log(a.closes[i]! / a.closes[prevA]!) * scale);
        y.push(Math.log(b.closes[j]! / b.closes[prevB]!) * scale);
      }
      prevA = i;
      prevB = j;
      prevT = ta;
      i++;
      j++;
    }
  }
  return { x, y };
}

interface HistoryCorrelation {
  readonly symbols: string[];
  /** The repaired matrix (valid, positive definite), `values[i][j]`. */
  readonly values: number[][];
  /** The pairwise estimates before repair (NaN-free: pairs with too few returns hold 0). */
  readonly pairwise: number[][];
  /** Overlapping returns behind each pairwise estimate. */
  readonly overlaps: number[][];
  /** Plain-words notes: pairs left at 0 for lack of data, a repair that moved the matrix. */
  readonly notes: string[];
}

/**
 * Pearson correlation (simple-statistics `sampleCorrelation`) of every pair's common-timestamp
 * returns (`commonTimestampReturns`); a pair with fewer than 30 overlapping returns, or a constant
 * series, gets 0 and a note. Pairwise-complete estimates need not form a PSD matrix, so the result
 * is passed through `nearestCorrelation` (Higham), noted when it changed anything.
 */
export function historyCorrelation(series: readonly PriceSeries[]): HistoryCorrelation {
  const n = series.length;
  const symbols = series.map((s) => s.symbol);
  const pairwise: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  const overlaps: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const notes: string[] = [];
  for (let i = 0; i < n; i++) {
    overlaps[i]![i] = Math.max(0, series[i]!.closes.length - 1);
    for (let j = i + 1; j < n; j++) {
      const { x, y } = commonTimestampReturns(series[i]!, series[j]!);
      overlaps[i]![j] = overlaps[j]![i] = x.length;
      let rho = NaN;
      if (x.length >= MIN_OVERLAPPING_RETURNS) rho = sampleCorrelation(x, y);
      if (!Number.isFinite(rho)) {
        notes.push(`correlation of ${symbols[i]!} and ${symbols[j]!} set to 0: ${x.length} overlapping returns (at least ${MIN_OVERLAPPING_RETURNS} non-constant ones needed)`);
        rho = 0;
      }
      pairwise[i]![j] = pairwise[j]![i] = Math.max(-1, Math.min(1, rho));
    }
  }
  const repaired = nearestCorrelation(pairwise);
  if (!repaired.unchanged) {
    notes.push(
      `pairwise correlations were not positive definite (smallest eigenvalue ${repaired.inputMinEigenvalue.toPrecision(3)}); repaired to the nearest valid matrix (Frobenius distance ${repaired.frobeniusDistance.toPrecision(3)})`,
    );
  }
  return { symbols, values: repaired.values, pairwise, overlaps, notes };
}

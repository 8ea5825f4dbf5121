// The loss distribution of a Monte Carlo run as the report draws it: every path's account loss
// per mode, counted into bins shared by the three modes (equal width from the smallest to the
// largest loss of any mode), so the modes can be compared bin by bin.

import { MODE_NAMES, type ModeName } from '../../margin/evaluation.js';
import type { LossHistogram, PerMode } from './report-model.js';

/** Bins of the shared histogram. */
const LOSS_HISTOGRAM_BINS = 40;

/**
 * Counts `lossesByMode` (one loss per path, positive = loss) into `bins` equal-width bins over
 * the range of every mode's losses. Null when there are no paths. When every loss is the same,
 * one bin of width 1 (in the losses' asset) holds them all.
 * Example: losses {0, 0, 10} in each mode with 2 bins → edges [0, 5, 10], counts [2, 1].
 */
export function lossHistogram(lossesByMode: PerMode<Float64Array>, bins: number = LOSS_HISTOGRAM_BINS): LossHistogram | null {
  let low = Infinity;
  let high = -Infinity;
  for (const mode of MODE_NAMES) {
    for (const loss of lossesByMode[mode]) {
      if (loss < low) low = loss;
      if (loss > high) high = loss;
    }
  }
  if (!Number.isFinite(low) || !Number.isFinite(high)) return null;
  const count = high > low ? Math.max(1, Math.floor(bins)) : 1;
  const width = high > low ? (high - low) / count : 1;
  const edges = Array.from({ length: count + 1 }, (_, i) => (i === count && high > low ? high : low + i * width));
  const countsOf = (mode: ModeName): number[] => {
    const counts = new Array<number>(count).fill(0);
    for (const loss of lossesByMode[mode]) counts[Math.min(count - 1, Math.floor((loss - low) / width))]!++;
    return counts;
  };
  return { lossBinEdges: edges, countsByMode: { exported: countsOf('exported'), isolated: countsOf('isolated'), cross: countsOf('cross') } };
}

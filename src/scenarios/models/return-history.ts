// Historical multi-asset log returns on a common bar grid: the raw material of the bootstrap.
// Each row is one whole cross-section (all assets over the same bar), so resampling rows keeps
// the dependence between assets.

export interface ReturnHistory {
  /** Column names (base assets such as BTC, or symbols as the history named them). */
  readonly symbols: readonly string[];
  /** Bar length in minutes: every row is a return over exactly this interval. */
  readonly barMinutes: number;
  /** Number of rows (bars). */
  readonly nBars: number;
  /** `logReturns[bar * symbols.length + column]` = ln(close_bar / close_{bar-1}). */
  readonly logReturns: Float64Array;
  /** Epoch ms at which each bar ends (ascending; a gap in the history shows as a jump > 1 bar). */
  readonly barEndMs: Float64Array;
}

/** Minutes in a 365-day year, the contract's year. */
export const MINUTES_PER_YEAR = 365 * 24 * 60;

// A replay scenario as the path kernel consumes it: for the book's assets, prices at the end of
// every step and the extremes within every step, rebased to today's marks. Built from a historical
// event (`eventReplayPath`) or from the user's own price paths (`userReplayPath`).

/** How one asset's path was obtained (kind `user` for --prices; see EventPathKind otherwise). */
export interface ReplayAssetSource {
  readonly kind: 'own' | 'alias' | 'stable' | 'proxy' | 'user';
  /** The series used (event asset or --prices symbol); null when held flat. */
  readonly series: string | null;
}

/**
 * Step k (0-based) runs from time stepStartMs(k) to stepEndMs[k]; step 0 starts at startMs with
 * every asset at its mark. Layout as the Monte Carlo buffers: `[step * nAssets + asset]`.
 * Invariant (enforced): low <= min(close at the step's start, close at its end) and
 * high >= max(both), so a kernel may monitor the step's extremes without contradicting its closes.
 */
export interface ReplayPricePath {
  /** The event's name, or `prices` for --prices. */
  readonly name: string;
  readonly startMs: number;
  readonly endMs: number;
  /** Asset names as requested (book symbols or base assets), in order. */
  readonly assets: readonly string[];
  readonly sources: readonly ReplayAssetSource[];
  /** Marks the path was rebased to (price at startMs). */
  readonly marks: Float64Array;
  readonly nSteps: number;
  /** End time of each step, epoch ms. */
  readonly stepEndMs: Float64Array;
  /** Price at the end of each step, quote units. */
  readonly close: Float64Array;
  /** Highest and lowest price within each step. */
  readonly high: Float64Array;
  readonly low: Float64Array;
}

/** Widen each step's high/low to include the closes at both ends of the step (the invariant above). */
export function enforceRangeInvariant(nAssets: number, nSteps: number, marks: Float64Array, close: Float64Array, high: Float64Array, low: Float64Array): void {
  for (let step = 0; step < nSteps; step++) {
    for (let a = 0; a < nAssets; a++) {
      const k = step * nAssets + a;
      const before = step === 0 ? marks[a]! : close[k - nAssets]!;
      const after = close[k]!;
      high[k] = Math.max(high[k]!, before, after);
      low[k] = Math.min(low[k]!, before, after);
    }
  }
}

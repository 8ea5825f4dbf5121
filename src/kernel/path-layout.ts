// Where the kernel's paths come from, as the kernel sees it (a scenario model or a replay): which
// column of the path buffer is which asset, each column's step variance and their correlation, and
// whether the steps carry bars. The kernel context is laid out from it (kernel-context.ts).

/** What the kernel needs to know about where its paths come from (a model or a replay). */
export interface PathLayout {
  /** Asset name of each column of the path buffer (a superset of the book's assets). */
  readonly assets: readonly string[];
  readonly nSteps: number;
  /**
   * Baseline variance of one step's log return per column (σ² Δt); the variance of step k is
   * `stepVariance[col] * stepVarianceScale[k]` (as in the scenario models' `PathModel`).
   */
  readonly stepVariance: Float64Array;
  /**
   * Correlation of the columns' log returns, flat row-major columns × columns, or null for
   * independent columns (the scenario models' convention for a null Cholesky factor).
   */
  readonly correlation: Float64Array | null;
  /** True for replays that carry each bar's high and low (bar monitoring instead of the bridge). */
  readonly hasBars: boolean;
}

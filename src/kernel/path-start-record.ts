// The record in which the gradient-pool kernel keeps a gradient pool's state after step 0
// (assembly/path-start-copy.ts copies it; the host, src/kernel/gradient-scan.ts, sizes and places
// one per gradient pool; path-start.ts keeps and restores through it). A leaf of plain constants:
// the AssemblyScript kernel imports it too.

/** Values per pool kept one each (f64): health, anchor health, anchor σ bound, anchor gradient norm, the kinks' σ. */
export const KEPT_SCALARS = 5;
/**
 * Rows of nA values (f64) after them: gradient, anchor log prices, anchor slopes, and the second
 * bound's gradient, curvature, spread, radius up, radius down and kinks.
 */
export const KEPT_ROWS = 9;

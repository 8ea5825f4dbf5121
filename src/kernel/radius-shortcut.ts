// The shortcut of the bracket-safe radii (lazy-bound.ts) in the pool health, in TypeScript
// (pool-health-kernel.ts) and in WebAssembly (assembly/pool-health.ts). A leaf of plain constants:
// the AssemblyScript kernel imports it too.
//
// A member's radius above its notional N is logRatioFloor(U / N) for the bracket's upper edge U
// (and below, logRatioFloor(N / L)): two divisions, at every exact step. Every reader takes the
// radius capped at the lazy box's half-width δ = LAZY_RADIUS = 0.25, so when U >= 1.3 N the exact
// value (>= logRatioFloor(1.3) = 0.2609 even with U / N one rounding below 1.3) is capped to δ
// anyway, and RADIUS_SHORTCUT (0.26, still <= ln 1.3 = 0.2624: a true radius) caps to the same δ.

/** When the edge is at least this factor away from the notional (U >= ratio × N), the radius is RADIUS_SHORTCUT. */
export const RADIUS_SHORTCUT_RATIO = 1.3;
/** The radius taken then: <= ln(RADIUS_SHORTCUT_RATIO), and >= LAZY_RADIUS. */
export const RADIUS_SHORTCUT = 0.26;

// Limits of liquidation monitoring shared by the barrier pools, the gradient pools, their
// WebAssembly scans (path-scan.ts) and the readable reference (reference-path.ts). A leaf: it
// imports nothing, so every one of them can read it without an import cycle, and plain constants,
// so the AssemblyScript kernels import it too (assembly/path-scan.ts, barrier-steps.ts).

/**
 * Bridge exponents 2 d0 d1 / v at or above this are skipped: a crossing probability p = e^-exponent
 * below e^-23 ≈ 1.0e-10 in a step counts as no crossing. The bias is bounded: a pool can lose at
 * most that much liquidation probability per step, under 1e-8 over a path of 96 steps, where the
 * standard error of an estimated probability p at N paths is sqrt(p (1 − p) / N) (above 1e-4 for
 * every p from 1 % to 99 % at a million paths). At 37.5 (where 1 − p rounds to 1, so skipping
 * was exact) the exponent test ruled out fewer steps: on the shared benchmark book 23 leaves 38 %
 * fewer exact steps in the cross pool and 31 % fewer bridge tests of isolated pools, with the same
 * output. The readable reference (reference-pool-path.ts) applies the same rule.
 */
export const CROSSING_EXPONENT_CUTOFF = 23;
/**
 * Liquidation events of one pool within one step (each a partial liquidation it survived, with the
 * price moving on beyond its new threshold); the next one closes everything left.
 */
export const MAX_EVENTS_PER_STEP = 64;
/** Bisection steps of a trigger search at most: 2^-56 of the interval, below double precision of the trigger. */
export const BISECTION_STEPS = 56;
/**
 * A trigger search (crossing-point.ts) stops once its bracket spans less than this in every log
 * price: the trigger prices are known to a relative 1e-10, two orders of magnitude below the
 * finest quotes (venues quote about 8 significant digits; a BTC tick of 0.1 is 1e-6). Halving
 * further mostly follows the rounding of the health (each halving then costs an exact
 * evaluation): on the shared benchmark book, 1e-12 took 3.3 times the evaluations.
 */
export const TRIGGER_LOG_RESOLUTION = 1e-10;

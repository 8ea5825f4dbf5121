// The one quadratic both liquidation searches solve: on a stretch of prices where no bracket
// changes, health h(f) = A + B f + C / f, and h(f) = 0 is B f² + A f + C = 0 (f > 0), solved on
// numbers passed in a typed array (a walk solves one per bracket edge); the rounding below which
// the constant term counts as 0; and the range of factors f a search covers.

import { PRICE_RANGE } from '../domain/input-ranges.js';

/** Floor of the factor dividing C in the scale of the terms (a bound on C / f, not on the search). */
const QUADRATIC_F_MIN = 1e-9;

/**
 * A root of `b f² + a f + c = 0` inside [lo, hi] — the largest when `largest`, else the smallest —
 * or NaN when there is none. Numerically stable form (Numerical Recipes §5.6):
 *   q = -(a + sign(a) sqrt(a² - 4bc)) / 2,  roots q / b and c / q;
 * a leading coefficient below 1e-14 of the scale of the terms is treated as zero (linear case).
 */
export function quadraticRootInRange(a: number, b: number, c: number, lo: number, hi: number, largest: boolean): number {
  const problem = directProblem;
  problem[0] = a;
  problem[1] = b;
  problem[2] = c;
  problem[3] = lo;
  problem[4] = hi;
  solveRootProblem(problem, largest);
  return problem[5]!;
}

/** A root problem in one array: the quadratic's a, b, c at 0 … 2, the range lo, hi at 3, 4, the root (or NaN) at 5. */
export const ROOT_PROBLEM_SIZE = 6;

const directProblem = new Float64Array(ROOT_PROBLEM_SIZE);

/**
 * `quadraticRootInRange` of the problem in `problem` (layout above): writes the root or NaN at
 * index 5 and tells whether there is one. Numbers go in and out through the array: a call V8
 * does not inline boxes every number it passes or returns, and a walk asks once per bracket edge.
 */
export function solveRootProblem(problem: Float64Array, largest: boolean): boolean {
  const a = problem[0]!;
  const b = problem[1]!;
  const c = problem[2]!;
  const lo = problem[3]!;
  const hi = problem[4]!;
  const scale = Math.max(Math.abs(a), Math.abs(b) * hi, Math.abs(c) / Math.max(lo, QUADRATIC_F_MIN), 1e-300);
  let r1 = NaN;
  let r2 = NaN;
  if (Math.abs(b) * hi <= 1e-14 * scale) {
    if (Math.abs(a) > 1e-14 * scale) r1 = -c / a;
  } else {
    const disc = a * a - 4 * b * c;
    if (disc >= 0) {
      const sq = Math.sqrt(disc);
      const q = -0.5 * (a + (a >= 0 ? sq : -sq));
      r1 = q / b;
      r2 = q !== 0 ? c / q : NaN;
    }
  }
  const ok1 = r1 > 0 && r1 >= lo && r1 <= hi;
  const ok2 = r2 > 0 && r2 >= lo && r2 <= hi;
  if (ok1 && ok2) problem[5] = largest ? Math.max(r1, r2) : Math.min(r1, r2);
  else if (ok1) problem[5] = r1;
  else if (ok2) problem[5] = r2;
  else {
    problem[5] = NaN;
    return false;
  }
  return true;
}

/** Margin of lineRootOutside: far above the solver's rounding of a line's root (a few units in the last place). */
const LINE_ROOT_MARGIN = 1e-9;

/**
 * For a problem with c = 0 (h(f) = a + b f on [lo, hi], a line), true only where solveRootProblem
 * finds no root, found without its square root and divisions: a and b not of opposite signs (the
 * solver's one candidate q / b, with q of −a's sign, is then not positive), or the line's root
 * |a| / |b| outside [lo, hi] by LINE_ROOT_MARGIN (the solver's q / b is that root within a few
 * units in the last place, as √(a²) is |a| within as much while a² is a normal double: |a| is
 * kept within 1e±150). False: solve it. A walk of linear members tests every stretch this way first.
 */
export function lineRootOutside(problem: Float64Array): boolean {
  const a = problem[0]!;
  const b = problem[1]!;
  const magnitude = Math.abs(a);
  if (!(magnitude >= 1e-150 && magnitude <= 1e150)) return false;
  if (!(a * b < 0)) return true;
  const slope = Math.abs(b);
  return magnitude > slope * problem[4]! * (1 + LINE_ROOT_MARGIN) || magnitude < slope * problem[3]! * (1 - LINE_ROOT_MARGIN);
}

/**
 * Relative rounding of the constant term: `a` sums terms of magnitude up to `aMagnitude` (cash,
 * entry notionals, bracket amounts), so |a| below this share of it is rounding, not health. Left
 * as is, such a residue puts a spurious root at f ≈ residue / slope: a fully collateralised 1x
 * long (h = q·mark·(1 − rate)·f) would show a liquidation price 1e-14 of its mark.
 */
export const CONSTANT_ROUNDING = 64 * Number.EPSILON;

/** Factors searched around any mark: prices from 1e-9 to 1e9 times it. */
const RELATIVE_F_MIN = 1e-9;
const RELATIVE_F_MAX = 1e9;

/** The accepted price range's ends, read once (a search per pool read them through the bundle's module getters). */
const LOWEST_PRICE = PRICE_RANGE.min;
const HIGHEST_PRICE = PRICE_RANGE.max;

/**
 * The factors f a root search covers when prices between `lowestMark` and `highestMark` move
 * together: 1e-9 … 1e9 times the marks, widened so that every price of the accepted input range
 * (src/domain/input-ranges.ts, 1e-12 … 1e12) is reached from every mark. A long at a mark of 1e12
 * entered at 100 is liquidated near f = 1e-10, which the relative range alone would miss.
 */
export function searchFactorRange(lowestMark: number, highestMark: number): { readonly min: number; readonly max: number } {
  const min = highestMark > 0 && Number.isFinite(highestMark) ? Math.min(RELATIVE_F_MIN, LOWEST_PRICE / highestMark) : RELATIVE_F_MIN;
  const max = lowestMark > 0 && Number.isFinite(lowestMark) ? Math.max(RELATIVE_F_MAX, HIGHEST_PRICE / lowestMark) : RELATIVE_F_MAX;
  return { min, max };
}

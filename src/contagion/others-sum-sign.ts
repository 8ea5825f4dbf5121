// Whether the in-order floating sum of a pool's terms leaving one out is positive, decided from
// the whole sum in O(1) when rounding cannot flip it. The cause-share rules test the others' net
// drawdown (gain) `Σ_{k≠v} x_k > 0`, summed in member order; every entry of a pool on a path
// leaves out a different term, so the plain loop costs O(pool size) per entry. With
//   T = fl(Σ_k x_k) (in order), B = fl(Σ_k |x_k|), n terms, u = 2⁻⁵³, A = fl(T − x_v):
// the in-order sum without v, s, differs from the exact one by at most γ_n B (γ_n = n u / (1 − n u)),
// and so does T, so |A − s| ≤ 2.1 n u B (+ u |A|) for pools of fewer than 10¹³ members. Beyond
// the margin M = 8 (n + 1) u B the sign of A is the sign of s; within it the caller sums in order.
// Terms are finite (the rules zero what is not) and either 0 or above 1e-9 in size (rounding is
// zeroed), so M never underflows; an overflowing T or B makes A or M non-finite: undecided.

/** `othersSumSign`: s > 0. */
export const SUM_POSITIVE = 1;
/** `othersSumSign`: s ≤ 0. */
export const SUM_NOT_POSITIVE = 0;
/** `othersSumSign`: too close to zero to tell; sum the others in order. */
export const SUM_UNDECIDED = -1;

/** 8 u: the margin per term (see the header). */
const MARGIN_PER_TERM = 2 ** -50;

/**
 * The sign of the in-order sum of `terms` terms leaving out `left` (one of them), given their
 * in-order sum `total` and sum of magnitudes `magnitude`: SUM_POSITIVE, SUM_NOT_POSITIVE, or
 * SUM_UNDECIDED when |total − left| ≤ 8 (terms + 1) u × magnitude.
 */
export function othersSumSign(total: number, magnitude: number, terms: number, left: number): number {
  const others = total - left;
  const margin = (terms + 1) * MARGIN_PER_TERM * magnitude;
  if (others > margin) return SUM_POSITIVE;
  if (others < -margin) return SUM_NOT_POSITIVE;
  return SUM_UNDECIDED;
}

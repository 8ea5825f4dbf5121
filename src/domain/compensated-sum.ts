// Sums of many floating-point amounts without the drift of adding them one by one: Neumaier's
// compensated summation, for Monte Carlo estimators and for money totals taken from exports
// (4,000 unrealized PnLs of -0.01 add up to -400, not -399.9999999997812).

/**
 * Σ values[from..to), Neumaier's compensated summation: the rounding error of each addition is
 * kept in a second accumulator and added back at the end (error independent of n to first
 * order). Readable form: `values.reduce((s, x) => s + x, 0)`.
 */
export function compensatedSum(values: ArrayLike<number>, from = 0, to = values.length): number {
  let sum = 0;
  let compensation = 0;
  for (let i = from; i < to; i++) {
    const x = values[i]!;
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}

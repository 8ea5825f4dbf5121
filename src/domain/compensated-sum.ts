// Sums of many floating-point amounts without the drift of adding them one by one: Neumaier's
// compensated summation, for Monte Carlo estimators and for money totals taken from exports
// (4,000 unrealized PnLs of -0.01 add up to -400, not -399.9999999997812); at once, or as the
// values arrive (`RunningCompensatedSum`, the same bits).

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

/**
 * `compensatedSum` of values that arrive in parts: `add` takes the next part, `value` is
 * compensatedSum of every value added so far, in their order (the same additions, so the same
 * bits). The outcome accumulator sums each mode's losses so as blocks arrive, in code that is hot
 * by then, instead of once over the whole row at the end, in code that is still cold.
 */
export class RunningCompensatedSum {
  private sum = 0;
  private compensation = 0;

  /** Adds values[from..to), in order. */
  add(values: ArrayLike<number>, from: number, to: number): void {
    let sum = this.sum;
    let compensation = this.compensation;
    for (let i = from; i < to; i++) {
      const x = values[i]!;
      const t = sum + x;
      compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
      sum = t;
    }
    this.sum = sum;
    this.compensation = compensation;
  }

  /** Σ of the values added: sum + compensation. */
  get value(): number {
    return this.sum + this.compensation;
  }
}

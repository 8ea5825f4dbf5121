// The one-number correlation model (`--corr RHO`): every pair of assets correlated by rho.

/**
 * The n × n matrix with 1 on the diagonal and `rho` elsewhere. Its eigenvalues are
 * 1 + (n - 1) rho (once) and 1 - rho (n - 1 times), so it is a valid (PSD) correlation matrix
 * exactly when -1 / (n - 1) <= rho <= 1; `constantCorrelationProblems` says when it is not.
 */
export function constantCorrelation(n: number, rho: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : rho)));
}

/** Why `rho` cannot be a constant correlation among `n` assets, in plain words; empty if it can. */
export function constantCorrelationProblems(n: number, rho: number): string[] {
  if (!Number.isFinite(rho)) return ['the correlation must be a finite number'];
  if (rho < -1 || rho > 1) return [`the correlation ${rho} is outside [-1, 1]`];
  const lowest = n > 1 ? -1 / (n - 1) : -1;
  if (rho < lowest) {
    return [`a constant correlation among ${n} assets must be at least -1/(n-1) = ${lowest.toPrecision(4)}, got ${rho}`];
  }
  return [];
}

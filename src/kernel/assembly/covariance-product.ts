// AssemblyScript (see gradient-scan.ts): Σ g, the assets' covariance matrix times a vector, for the
// kernel's quadratic forms gᵀ Σ g (the bridge crossing's variance, the anchor's norm) and the
// bridge trigger's ray. Σ is laid out by pairs of rows (kernel-memory.ts `covariancePairsAt`):
// rows 2p and 2p + 1 interleaved, [Σ_{2p,b}, Σ_{2p+1,b}] for b = 0 … nA − 1 (the second row all
// 0 past an odd nA), so two rows are summed at once in the two f64 lanes of a 128-bit vector, and
// two pairs side by side (independent sums, so neither waits on the other's additions). Each lane
// adds its row's products in b order from 0, the operations of the scalar sum
// s_a = Σ_b Σ_ab g_b one for one, so the same bits as the TypeScript twins' loops.

import { nA, covariancePairsAt } from './kernel-memory';

/**
 * out[a] = Σ_b Σ_ab g_b (b = 0 … nA − 1 in order, from 0) for every asset a, g and out at byte
 * addresses; out must have room for nA + 1 values (an odd nA's padding row is stored past nA).
 */
export function covarianceTimes(g: usize, out: usize): void {
  const n = nA;
  const pairs = (n + 1) >> 1;
  const pairBytes = <usize>n << 4;
  let row = covariancePairsAt;
  let p = 0;
  for (; p + 1 < pairs; p += 2) {
    const nextRow = row + pairBytes;
    let sum0 = f64x2.splat(0);
    let sum1 = f64x2.splat(0);
    for (let b = 0; b < n; b++) {
      const gb = v128.load64_splat(g + (<usize>b << 3));
      const at = <usize>b << 4;
      sum0 = f64x2.add(sum0, f64x2.mul(v128.load(row + at), gb));
      sum1 = f64x2.add(sum1, f64x2.mul(v128.load(nextRow + at), gb));
    }
    v128.store(out + (<usize>p << 4), sum0);
    v128.store(out + (<usize>p << 4), sum1, 16);
    row = nextRow + pairBytes;
  }
  if (p < pairs) {
    let sum = f64x2.splat(0);
    for (let b = 0; b < n; b++) sum = f64x2.add(sum, f64x2.mul(v128.load(row + (<usize>b << 4)), v128.load64_splat(g + (<usize>b << 3))));
    v128.store(out + (<usize>p << 4), sum);
  }
}

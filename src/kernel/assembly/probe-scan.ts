// AssemblyScript (see path-scan.ts): the two-factor probe's lazy test (src/kernel/two-factor-probe.ts)
// over one path's steps. Its readable twin is the inner loop of `twoFactorProbeHit` there; the
// arithmetic is that loop's, operation for operation and in the same order, so the steps it stops
// at are the same. The log factors of the probe's two assets are read from the path's cumulative
// log returns (`cumulatePath`, the same additions from 0 as the twin's running sums): at step k,
// x_a = path[(k + 1) nA + a].

/**
 * `probeScan(path, nA, assetA, assetB, k0, nSteps, xA, xB, hE, slack, gA, qA, upA, downA, gB, qB,
 * upB, downB, tolerance) -> k`: the first step k >= k0 at which the bound anchored at (xA, xB)
 * does not decide, or nSteps when none. With dA = x_A,k − xA, dB = x_B,k − xB, step k is decided
 * while −downA < dA < upA and −downB < dB < upB and
 *   hE + dA (gA + ½ qA dA) + dB (gB + ½ qB dB) − slack > tolerance.
 */
export function probeScan(path: usize, nA: i32, assetA: i32, assetB: i32, k0: i32, nSteps: i32, xA: f64, xB: f64, hE: f64, slack: f64, gA: f64, qA: f64, upA: f64, downA: f64, gB: f64, qB: f64, upB: f64, downB: f64, tolerance: f64): i32 {
  const row = <usize>nA << 3;
  let atA = path + (<usize>(k0 + 1) * row) + (<usize>assetA << 3);
  let atB = path + (<usize>(k0 + 1) * row) + (<usize>assetB << 3);
  let k = k0;
  for (; k < nSteps; k++, atA += row, atB += row) {
    const dA = load<f64>(atA) - xA;
    const dB = load<f64>(atB) - xB;
    if (!(dA < upA && dA > -downA && dB < upB && dB > -downB)) break;
    const lower = hE + dA * (gA + 0.5 * qA * dA) + dB * (gB + 0.5 * qB * dB) - slack;
    if (!(lower > tolerance)) break;
  }
  return k;
}

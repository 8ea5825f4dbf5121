// AssemblyScript source of the gradient-pool kernel (compiled by `npm run build`, see
// build-kernels.mjs beside it; the host side is src/kernel/gradient-scan.ts). Not TypeScript for
// tsc: `f64`, `i32`, `usize`, `load<T>` and `store<T>` are AssemblyScript's (a load is one machine
// instruction on the WebAssembly memory).
//
// It runs one gradient pool (a pool whose health depends on several assets: a cross account) of
// one path through its steps for `stepsByAsset` in path-kernel.ts, as `gradientStep`
// (gradient-pools.ts) would step by step behind the lazy test, and stops at the first step where
// something must happen in TypeScript: a liquidation trigger (health ≤ 0 at the step end, or the
// bridge crossing drawn), or a threshold not drawn yet. At such a step it changes nothing the TypeScript step would not change
// the same way, so TypeScript simply runs `gradientStep` there. Every other step is either
//   skipped by the lazy bound (h ≥ h_E − Σ_a D_a |x_a − x_E,a| − J > 0, and the bridge exponent of
//     the bounds ≥ cutoff), or
//   evaluated exactly: health h = cash + Σ collateral + Σ_k (PnL_k − MM_k) and its gradient
//     ∂h/∂x_a at the step end, the crossing probability p = exp(−2 h0 h1 / σ_h²) with
//     σ_h² = ḡᵀ Σ ḡ × scale and ḡ = (g0 + g1) / 2, survival S ← S (1 − p), and a new anchor.
// The arithmetic is the TypeScript twin's, operation for operation and in the same order (and exp
// is the host's Math.exp), so the results are the same bits.
//
// Memory: every array is addressed by a byte address set once by `setup` (and `setPool`), laid
// out by the host; per-pool rows of nA values (anchors, gradients) are contiguous, as are the
// member columns (struct of arrays over members) the health loop streams through.

/**
 * The host's Math.exp (the very function the TypeScript twin calls, so the same bits). Measured
 * against AssemblyScript's own exp (a musl port, in WebAssembly): about 4 % slower overall on the
 * shared benchmark, kept for outputs identical to the TypeScript kernel's.
 */
@external("env", "exp")
declare function kernelExp(x: f64): f64;

// Path and scales.
let pathAt: usize = 0;
let scalesAt: usize = 0;
let nA: i32 = 0;
let nSteps: i32 = 0;
// Per asset.
let sdAt: usize = 0;
let covarianceAt: usize = 0;
// Per pool.
let memberStartAt: usize = 0;
let collateralStartAt: usize = 0;
let cashAt: usize = 0;
let collateralScaleAt: usize = 0;
let jumpAt: usize = 0;
let healthPrevAt: usize = 0;
let gradientPrevAt: usize = 0;
let freshAt: usize = 0;
let anchorHealthAt: usize = 0;
let anchorSigmaAt: usize = 0;
let anchorLogAt: usize = 0;
let anchorSlopeAt: usize = 0;
let lowerPrevAt: usize = 0;
let survivalAt: usize = 0;
let thresholdAt: usize = 0;
// Per collateral entry.
let collateralAssetAt: usize = 0;
let collateralValueAt: usize = 0;
// Per member (the member table, and the live quantities).
let mAssetAt: usize = 0;
let mSignAt: usize = 0;
let mEntryAt: usize = 0;
let mMarkAt: usize = 0;
let mInverseAt: usize = 0;
let mEntryBasisAt: usize = 0;
let mBracketStartAt: usize = 0;
let mBracketCountAt: usize = 0;
let mFeeRateAt: usize = 0;
let mFeeAmountAt: usize = 0;
let mSlopeFactorAt: usize = 0;
let mQuantityAt: usize = 0;
let mBracketAt: usize = 0;
// Brackets.
let floorAt: usize = 0;
let rateAt: usize = 0;
let amountAt: usize = 0;
// Scratch (nA each) and results.
let factorAt: usize = 0;
let trialAt: usize = 0;
let gradientAt: usize = 0;
let slopeAt: usize = 0;
let midAt: usize = 0;
let resultAt: usize = 0;

/** The path, step and per-asset addresses (see the host's layout). */
export function setup(path: usize, scales: usize, assets: i32, steps: i32, sd: usize, covariance: usize, factor: usize, trial: usize, gradient: usize, slope: usize, mid: usize, result: usize): void {
  pathAt = path;
  scalesAt = scales;
  nA = assets;
  nSteps = steps;
  sdAt = sd;
  covarianceAt = covariance;
  factorAt = factor;
  trialAt = trial;
  gradientAt = gradient;
  slopeAt = slope;
  midAt = mid;
  resultAt = result;
}

/** The per-pool addresses. */
export function setPools(memberStart: usize, collateralStart: usize, cash: usize, collateralScale: usize, jump: usize, healthPrev: usize, gradientPrev: usize, fresh: usize, anchorHealth: usize, anchorSigma: usize, anchorLog: usize, anchorSlope: usize, lowerPrev: usize, survival: usize, threshold: usize): void {
  memberStartAt = memberStart;
  collateralStartAt = collateralStart;
  cashAt = cash;
  collateralScaleAt = collateralScale;
  jumpAt = jump;
  healthPrevAt = healthPrev;
  gradientPrevAt = gradientPrev;
  freshAt = fresh;
  anchorHealthAt = anchorHealth;
  anchorSigmaAt = anchorSigma;
  anchorLogAt = anchorLog;
  anchorSlopeAt = anchorSlope;
  lowerPrevAt = lowerPrev;
  survivalAt = survival;
  thresholdAt = threshold;
}

/** The per-member, collateral and bracket addresses. */
export function setMembers(asset: usize, sign: usize, entry: usize, mark: usize, inverse: usize, entryBasis: usize, bracketStart: usize, bracketCount: usize, feeRate: usize, feeAmount: usize, slopeFactor: usize, quantity: usize, bracket: usize, collateralAsset: usize, collateralValue: usize, floor: usize, rate: usize, amount: usize): void {
  mAssetAt = asset;
  mSignAt = sign;
  mEntryAt = entry;
  mMarkAt = mark;
  mInverseAt = inverse;
  mEntryBasisAt = entryBasis;
  mBracketStartAt = bracketStart;
  mBracketCountAt = bracketCount;
  mFeeRateAt = feeRate;
  mFeeAmountAt = feeAmount;
  mSlopeFactorAt = slopeFactor;
  mQuantityAt = quantity;
  mBracketAt = bracket;
  collateralAssetAt = collateralAsset;
  collateralValueAt = collateralValue;
  floorAt = floor;
  rateAt = rate;
  amountAt = amount;
}

@inline function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}
@inline function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}

/**
 * Health h = equity − maintenance of `pool` at the price factors at `factor` (pool-health-kernel.ts
 * `poolHealthAt`, the same operations in the same order): when `withGradient` the gradient
 * ∂h/∂ln S_a into `gradient`, and when `withSlope` the bound D_a = Σ slopeFactor × N + Σ |v| into `slope`; [equity, maintenance]
 * into result[2, 3].
 */
@inline function health(pool: i32, factor: usize, withGradient: bool, withSlope: bool): f64 {
  const n = nA;
  if (withGradient) for (let a = 0; a < n; a++) setF64(gradientAt, a, 0);
  if (withSlope) for (let a = 0; a < n; a++) setF64(slopeAt, a, 0);
  let equity = f64At(cashAt, pool);
  const collateralScale = f64At(collateralScaleAt, pool);
  if (collateralScale != 0) {
    const cEnd = i32At(collateralStartAt, pool + 1);
    for (let c = i32At(collateralStartAt, pool); c < cEnd; c++) {
      const a = i32At(collateralAssetAt, c);
      const value = f64At(collateralValueAt, c) * collateralScale * (a == -1 ? 1.0 : f64At(factor, a));
      equity += value;
      if (a != -1) {
        if (withGradient) setF64(gradientAt, a, f64At(gradientAt, a) + value);
        if (withSlope) setF64(slopeAt, a, f64At(slopeAt, a) + (value < 0 ? -value : value));
      }
    }
  }
  let maintenance: f64 = 0;
  const kEnd = i32At(memberStartAt, pool + 1);
  for (let k = i32At(memberStartAt, pool); k < kEnd; k++) {
    const q = f64At(mQuantityAt, k);
    if (q == 0) continue;
    const a = i32At(mAssetAt, k);
    const sign = f64At(mSignAt, k);
    const entry = f64At(mEntryAt, k);
    const price = f64At(mMarkAt, k) * f64At(factor, a);
    const inverse = load<u8>(mInverseAt + <usize>k) == 1;
    const entryBasis = load<u8>(mEntryBasisAt + <usize>k) == 1;
    let pnl: f64;
    let notional: f64;
    if (inverse) {
      pnl = sign * q * (1 / entry - 1 / price);
      notional = entryBasis ? q / entry : q / price;
    } else {
      pnl = sign * q * (price - entry);
      notional = entryBasis ? q * entry : q * price;
    }
    // The bracket of the notional, walking from the cached one.
    const start = i32At(mBracketStartAt, k);
    const count = i32At(mBracketCountAt, k);
    let b = i32At(mBracketAt, k);
    if (b >= count) b = count - 1;
    while (b + 1 < count && notional >= f64At(floorAt, start + b + 1)) b++;
    while (b > 0 && notional < f64At(floorAt, start + b)) b--;
    store<i32>(mBracketAt + (<usize>k << 2), b);
    const rate = f64At(rateAt, start + b);
    const raw = notional * rate - f64At(amountAt, start + b);
    const feeRate = f64At(mFeeRateAt, k);
    const mm = (raw > 0 ? raw : 0.0) + notional * feeRate + f64At(mFeeAmountAt, k);
    equity += pnl;
    maintenance += mm;
    if (withGradient) {
      const slopeRate = (raw > 0 ? rate : 0.0) + feeRate;
      if (inverse) {
        setF64(gradientAt, a, f64At(gradientAt, a) + ((sign * q) / price + (entryBasis ? 0.0 : slopeRate * notional)));
      } else {
        setF64(gradientAt, a, f64At(gradientAt, a) + (sign * q * price - (entryBasis ? 0.0 : slopeRate * notional)));
      }
    }
    if (withSlope) setF64(slopeAt, a, f64At(slopeAt, a) + f64At(mSlopeFactorAt, k) * (inverse ? q / price : q * price));
  }
  setF64(resultAt, 2, equity);
  setF64(resultAt, 3, maintenance);
  return equity - maintenance;
}

/**
 * `poolHealthAt` for TypeScript (pool-health-kernel.ts) at the factors at byte address `factor`:
 * h returned; [equity, maintenance] in result[2, 3]; the gradient when `withGradient` is 1 (and the
 * slope bounds when `withSlope` is 1, which implies the gradient) in the scratch rows.
 */
export function poolHealth(pool: i32, factor: usize, withGradient: i32, withSlope: i32): f64 {
  if (withSlope != 0) return health(pool, factor, true, true);
  if (withGradient != 0) return health(pool, factor, true, false);
  return health(pool, factor, false, false);
}

/**
 * `gradientStep` at step k (0-based: from path row k to row k + 1) when it ends without a trigger:
 * commits the step (health, gradient, survival, anchor) and returns true. Returns false, having
 * changed nothing the TypeScript step would not recompute to the same bits, when the step needs
 * TypeScript: health ≤ 0 at the end, a crossing drawn, or the pool's threshold not drawn yet.
 */
function exactStep(pool: i32, k: i32, bridge: bool, cutoff: f64, growth: f64): bool {
  const n = nA;
  const rowPrev = pathAt + (<usize>(k * n) << 3);
  const row = rowPrev + (<usize>n << 3);
  const gPrev = gradientPrevAt + (<usize>(pool * n) << 3);
  if (load<u8>(freshAt + <usize>pool) == 0) {
    for (let a = 0; a < n; a++) setF64(trialAt, a, kernelExp(f64At(rowPrev, a)));
    setF64(healthPrevAt, pool, health(pool, trialAt, true, false));
    for (let a = 0; a < n; a++) setF64(gPrev, a, f64At(gradientAt, a));
  }
  for (let a = 0; a < n; a++) setF64(factorAt, a, kernelExp(f64At(row, a)));
  const h1 = health(pool, factorAt, true, true);
  const h0 = f64At(healthPrevAt, pool);
  if (h1 <= 0) return false;
  if (bridge) {
    let bound: f64 = 0;
    for (let a = 0; a < n; a++) {
      const g = 0.5 * (f64At(gPrev, a) + f64At(gradientAt, a));
      setF64(midAt, a, g);
      bound += (g < 0 ? -g : g) * f64At(sdAt, a);
    }
    const e2 = 2 * h0 * h1;
    const scale = f64At(scalesAt, k);
    if (e2 < cutoff * bound * bound * scale) {
      let variance: f64 = 0;
      for (let a = 0; a < n; a++) {
        let sum: f64 = 0;
        const covRow = covarianceAt + (<usize>(a * n) << 3);
        for (let b = 0; b < n; b++) sum += f64At(covRow, b) * f64At(midAt, b);
        variance += f64At(midAt, a) * sum;
      }
      variance *= scale;
      if (variance > 0 && e2 < cutoff * variance) {
        const p = kernelExp(-e2 / variance);
        const survival = f64At(survivalAt, pool) * (1 - p);
        const u = f64At(thresholdAt, pool);
        if (isNaN(u) || survival <= u) return false;
        setF64(survivalAt, pool, survival);
      }
    }
  }
  // No trigger: keep health and gradient, and anchor the lazy bound here (gradient-pools.ts setAnchor).
  setF64(healthPrevAt, pool, h1);
  for (let a = 0; a < n; a++) setF64(gPrev, a, f64At(gradientAt, a));
  store<u8>(freshAt + <usize>pool, 1);
  setF64(anchorHealthAt, pool, h1);
  const anchorLog = anchorLogAt + (<usize>(pool * n) << 3);
  const anchorSlope = anchorSlopeAt + (<usize>(pool * n) << 3);
  let sigma: f64 = 0;
  for (let a = 0; a < n; a++) {
    const slope = growth * f64At(slopeAt, a);
    setF64(anchorLog, a, f64At(row, a));
    setF64(anchorSlope, a, slope);
    sigma += slope * f64At(sdAt, a);
  }
  setF64(anchorSigmaAt, pool, sigma);
  return true;
}

/**
 * The lazy test (path-kernel.ts, lazy evaluation) from step k0: the first step it
 * cannot skip, or nSteps; the bound at the end of the last step skipped into `lowerPrev[pool]`.
 * Per step k: lower1 = start − Σ_a slope_a |x_{k+1,a} − anchor_a| (−∞ once some |…| > radius);
 * skipped when lower1 > 0 and (no bridge, or lower0 > 0 and 2 lower0 lower1 ≥ cutoff σ² scale_k).
 */
function lazyScan(pool: i32, k0: i32, start: f64, radius: f64, lower0In: f64, sigma: f64, bridge: bool, cutoff: f64): i32 {
  const n = nA;
  const anchorLog = anchorLogAt + (<usize>(pool * n) << 3);
  const anchorSlope = anchorSlopeAt + (<usize>(pool * n) << 3);
  let lower0 = lower0In;
  let k = k0;
  for (; k < nSteps; k++) {
    const row = pathAt + (<usize>((k + 1) * n) << 3);
    let lower1 = start;
    for (let a = 0; a < n; a++) {
      const d = abs<f64>(f64At(row, a) - f64At(anchorLog, a));
      lower1 = d > radius ? -Infinity : lower1 - f64At(anchorSlope, a) * d;
    }
    if (!(lower1 > 0)) break;
    if (bridge && !(lower0 > 0 && 2 * lower0 * lower1 >= cutoff * sigma * sigma * f64At(scalesAt, k))) break;
    setF64(lowerPrevAt, pool, lower1);
    lower0 = lower1;
  }
  return k;
}

/**
 * Gradient pool `pool` from step k0: lazy skips and exact steps until the first step TypeScript
 * must run (returned), or nSteps. Adds to result[0] the position-steps evaluated exactly and to
 * result[1] the pool-steps skipped (the kernel's counters 0 and 4).
 */
export function gradientScan(pool: i32, k0: i32, bridgeOn: i32, cutoff: f64, radius: f64, growth: f64): i32 {
  const bridge = bridgeOn != 0;
  const members = <f64>(i32At(memberStartAt, pool + 1) - i32At(memberStartAt, pool));
  let k = k0;
  while (k < nSteps) {
    const lower0 = load<u8>(freshAt + <usize>pool) == 1 ? f64At(healthPrevAt, pool) : f64At(lowerPrevAt, pool);
    const start = f64At(anchorHealthAt, pool) - f64At(jumpAt, pool);
    const next = lazyScan(pool, k, start, radius, lower0, f64At(anchorSigmaAt, pool), bridge, cutoff);
    if (next > k) {
      store<u8>(freshAt + <usize>pool, 0);
      setF64(resultAt, 1, f64At(resultAt, 1) + <f64>(next - k));
    }
    if (next >= nSteps) return nSteps;
    if (!exactStep(pool, next, bridge, cutoff, growth)) return next;
    setF64(resultAt, 0, f64At(resultAt, 0) + members);
    k = next + 1;
  }
  return nSteps;
}

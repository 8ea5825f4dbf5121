// AssemblyScript (see gradient-scan.ts): the gradient-pool kernel's memory map. Every array the
// kernel reads or writes is addressed by a byte address the host (src/kernel/gradient-scan.ts)
// lays out on the path scan's WebAssembly memory and sets once through `setup`, `setPools`,
// `setMembers`, `setBounds`, `setScan`, `setKeys` and `setLines`; per-pool rows of nA values (anchors,
// gradients) are contiguous; the members the health loop walks are records (one per member, its
// constant fields at fixed offsets: ../member-record.ts) beside the column of their live quantities,
// and the brackets records of their own.

// Path and scales.
export let pathAt: usize = 0;
export let scalesAt: usize = 0;
export let nA: i32 = 0;
export let nSteps: i32 = 0;
// Per asset.
export let sdAt: usize = 0;
// The covariance matrix Σ by pairs of rows (covariance-product.ts): rows 2p, 2p + 1 interleaved,
// [Σ_{2p,b}, Σ_{2p+1,b}] for each b (the second row 0 past an odd nA); ⌈nA / 2⌉ × nA × 16 bytes.
export let covariancePairsAt: usize = 0;
// Σ g (covariance-product.ts `covarianceTimes`): nA + 1 values of scratch.
export let covarianceProductAt: usize = 0;
// Per pool.
export let memberStartAt: usize = 0;
export let collateralStartAt: usize = 0;
export let cashAt: usize = 0;
export let collateralScaleAt: usize = 0;
export let jumpAt: usize = 0;
export let healthPrevAt: usize = 0;
export let gradientPrevAt: usize = 0;
export let freshAt: usize = 0;
export let anchorHealthAt: usize = 0;
export let anchorSigmaAt: usize = 0;
export let anchorLogAt: usize = 0;
export let anchorSlopeAt: usize = 0;
export let lowerPrevAt: usize = 0;
export let survivalAt: usize = 0;
export let thresholdAt: usize = 0;
// Per pool, to draw the lower threshold (monitor-thresholds.ts `thresholdLow`): the liquidation
// events so far (i32), the key before any event and the key after one (u32 each).
export let eventsAt: usize = 0;
export let firstKeyAt: usize = 0;
export let eventKeyAt: usize = 0;
// Per collateral entry.
export let collateralAssetAt: usize = 0;
export let collateralValueAt: usize = 0;
// Per member: the member records (../member-record.ts: sign, entry, mark, fee rate and amount,
// slope factor, asset, brackets, bracket count, the bracket found last, inverse, entry basis;
// MEMBER_RECORD_BYTES each) and the live quantities (f64, the kernel state's `memberQuantity`).
export let membersAt: usize = 0;
export let mQuantityAt: usize = 0;
// Per pool (u8): 1 when every member is linear and none at entry basis (pool-health.ts takes such a
// pool's members two at a time).
export let plainPoolsAt: usize = 0;
// (The brackets: one record each (../member-record.ts: floor, rate, amount, smooth floor), a
// schedule's consecutive from the byte address its members' records hold.)
// Scratch (nA each) and results.
export let factorAt: usize = 0;
export let trialAt: usize = 0;
export let gradientAt: usize = 0;
export let slopeAt: usize = 0;
export let midAt: usize = 0;
export let resultAt: usize = 0;
// The second lazy bound (lazy-bound.ts): per-asset scratch of `health` (the e^−x part of the
// gradient, bracket-safe radii), per-pool anchors (nA each: gradient, curvature, spread, radii; and
// the gradient's Σ-norm).
export let inverseAt: usize = 0;
export let upAt: usize = 0;
export let downAt: usize = 0;
// The kinks' K_a (lazy-bound.ts: Σ κ N over the members near an end of their smooth range), per
// asset, scratch of `health`; per pool at the anchors, e^δ K_a (nA each) and Σ_a e^δ K_a sd_a.
export let kinkAt: usize = 0;
export let anchorKinkAt: usize = 0;
export let anchorKinkSigmaAt: usize = 0;
export let anchorGradientAt: usize = 0;
export let anchorCurvatureAt: usize = 0;
export let anchorSpreadAt: usize = 0;
export let anchorUpAt: usize = 0;
export let anchorDownAt: usize = 0;
export let anchorNormAt: usize = 0;
// Per pool: the last anchor gradient whose Σ-norm was computed exactly (nA each), and that norm.
export let normGradientAt: usize = 0;
export let normExactAt: usize = 0;
// The lazy scan's scratch (nA each): the anchor's ½ Q_a and −(radius below), set per scan; the
// anchor's price factors while its kinks are computed (anchor-kinks.ts); per pool (u8) whether its
// anchor kinks are still to be computed.
export let scanHalfCurvatureAt: usize = 0;
export let scanLowerEdgeAt: usize = 0;
export let kinkFactorAt: usize = 0;
export let kinksPendingAt: usize = 0;
// The trigger search (crossing-point.ts): points of nA log prices (the trial point, the trigger,
// the ray's base and direction), the trigger's price factors (the host's buffer), and per pool the
// scale of the amounts its health sums (the rounding slack).
export let trialLogAt: usize = 0;
export let triggerLogAt: usize = 0;
export let triggerFactorAt: usize = 0;
export let baseLogAt: usize = 0;
export let directionAt: usize = 0;
export let roundingScaleAt: usize = 0;

/** The path, step and per-asset addresses (see the host's layout). */
export function setup(path: usize, scales: usize, assets: i32, steps: i32, sd: usize, covariancePairs: usize, covarianceProduct: usize, factor: usize, trial: usize, gradient: usize, slope: usize, mid: usize, result: usize): void {
  pathAt = path;
  scalesAt = scales;
  nA = assets;
  nSteps = steps;
  sdAt = sd;
  covariancePairsAt = covariancePairs;
  covarianceProductAt = covarianceProduct;
  factorAt = factor;
  trialAt = trial;
  gradientAt = gradient;
  slopeAt = slope;
  midAt = mid;
  resultAt = result;
}

/** The addresses of the second lazy bound's scratch and anchors (see the globals). */
export function setBounds(inverse: usize, up: usize, down: usize, anchorGradient: usize, anchorCurvature: usize, anchorSpread: usize, anchorUp: usize, anchorDown: usize, anchorNorm: usize, normGradient: usize, normExact: usize, kink: usize, anchorKink: usize, anchorKinkSigma: usize): void {
  kinkAt = kink;
  anchorKinkAt = anchorKink;
  anchorKinkSigmaAt = anchorKinkSigma;
  normGradientAt = normGradient;
  normExactAt = normExact;
  inverseAt = inverse;
  upAt = up;
  downAt = down;
  anchorGradientAt = anchorGradient;
  anchorCurvatureAt = anchorCurvature;
  anchorSpreadAt = anchorSpread;
  anchorUpAt = anchorUp;
  anchorDownAt = anchorDown;
  anchorNormAt = anchorNorm;
}

/** The lazy scan's scratch rows and the pools' pending kinks (see the globals). */
export function setScan(halfCurvature: usize, lowerEdge: usize, kinkFactor: usize, kinksPending: usize): void {
  scanHalfCurvatureAt = halfCurvature;
  scanLowerEdgeAt = lowerEdge;
  kinkFactorAt = kinkFactor;
  kinksPendingAt = kinksPending;
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

/** The addresses of the threshold draw's inputs (see the globals). */
export function setKeys(events: usize, firstKey: usize, eventKey: usize): void {
  eventsAt = events;
  firstKeyAt = firstKey;
  eventKeyAt = eventKey;
}

/** The trigger search's addresses (see the globals). */
export function setLines(trialLog: usize, triggerLog: usize, triggerFactor: usize, baseLog: usize, direction: usize, roundingScale: usize): void {
  trialLogAt = trialLog;
  triggerLogAt = triggerLog;
  triggerFactorAt = triggerFactor;
  baseLogAt = baseLog;
  directionAt = direction;
  roundingScaleAt = roundingScale;
}

/** The addresses of the member records, the live quantities, the collateral entries and the plain pools' marks. */
export function setMembers(members: usize, quantity: usize, collateralAsset: usize, collateralValue: usize, plainPools: usize): void {
  membersAt = members;
  mQuantityAt = quantity;
  plainPoolsAt = plainPools;
  collateralAssetAt = collateralAsset;
  collateralValueAt = collateralValue;
}

@inline export function f64At(base: usize, i: i32): f64 {
  return load<f64>(base + (<usize>i << 3));
}
@inline export function setF64(base: usize, i: i32, v: f64): void {
  store<f64>(base + (<usize>i << 3), v);
}
@inline export function i32At(base: usize, i: i32): i32 {
  return load<i32>(base + (<usize>i << 2));
}


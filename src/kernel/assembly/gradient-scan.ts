// AssemblyScript source of the gradient-pool kernel (compiled by `npm run build`, see
// scripts/build-kernels.mjs; the host side is src/kernel/gradient-scan.ts). Not TypeScript for
// tsc: `f64`, `i32`, `usize`, `load<T>` and `store<T>` are AssemblyScript's (a load is one machine
// instruction on the WebAssembly memory).
//
// It runs one gradient pool (a pool whose health depends on several assets: a cross account) of
// one path through its steps for `stepsByAsset` in path-kernel.ts, as `gradientStep`
// (gradient-pools.ts) would step by step behind the lazy test, and stops at the first step where
// something must happen in TypeScript: a liquidation trigger (health ≤ 0 at the step end, or the
// bridge crossing drawn). (A threshold not drawn yet it draws itself, as `thresholdLow` of
// monitor-thresholds.ts: the keyed uniform of the path's two words.) There it finds the trigger
// point itself (crossing-point.ts, the twin of `segmentTrigger` / `bridgeTrigger`), having changed
// nothing the TypeScript step would not change the same way, and TypeScript executes the
// liquidation (`gradientTriggerStep` of gradient-pools.ts). Every other step is either
//   skipped by the lazy bound (h ≥ h_E − Σ_a D_a |x_a − x_E,a| − J > 0, and the bridge exponent of
//     the bounds ≥ cutoff), or
//   evaluated exactly: health h = cash + Σ collateral + Σ_k (PnL_k − MM_k) and its gradient
//     ∂h/∂x_a at the step end, the crossing probability p = exp(−2 h0 h1 / σ_h²) with
//     σ_h² = ḡᵀ Σ ḡ × scale and ḡ = (g0 + g1) / 2, survival S ← S (1 − p), and a new anchor —
//     unless the step is so close to a crossing (e2 = 2 h0 h1 < EXACT_RUN_SHARE × cutoff × σ_h²)
//     that the next step is evaluated exactly without trying the lazy test (see EXACT_RUN_SHARE).
// The arithmetic is the TypeScript twin's, operation for operation and in the same order (and exp
// is the host's Math.exp, computed here: host-exp.ts), so the results are the same bits.
//
// Memory: every array is addressed by a byte address (kernel-memory.ts), laid
// out by the host; per-pool rows of nA values (anchors, gradients) are contiguous, and the health
// loop walks one record per member (src/kernel/member-record.ts) beside their live quantities
// (two at a time in a pool of linear members: pool-health.ts). The price factors e^x of a row
// are taken two assets at a time too (price-factors.ts).

/**
 * The host's Math.exp (the very function the TypeScript twin calls), computed here with its own
 * operations (host-exp.ts), so the same bits without a call out per exp. (AssemblyScript's own
 * exp, a musl port, differs from it in the last bit of some results.)
 */
import { hostExp as kernelExp } from '../../scenarios/random/assembly/host-exp';

import { anchorKinkSigmaAt, pathAt, scalesAt, nA, nSteps, sdAt, covarianceProductAt, memberStartAt, jumpAt, healthPrevAt, gradientPrevAt, freshAt, anchorHealthAt, anchorSigmaAt, anchorLogAt, anchorSlopeAt, anchorNormAt, anchorSpreadAt, anchorUpAt, anchorDownAt, lowerPrevAt, survivalAt, thresholdAt, eventsAt, firstKeyAt, eventKeyAt, factorAt, trialAt, gradientAt, slopeAt, midAt, resultAt, f64At, setF64, i32At } from './kernel-memory';
import { health, slopeOutputs } from './pool-health';
import { ensureAnchorKinks } from './anchor-kinks';
import { covarianceTimes } from './covariance-product';
import { anchorBounds } from './anchor-bounds';
import { lazyScan } from './lazy-scan';
import { priceFactors } from './price-factors';
import { keyedUniform } from './keyed-uniform';
import { bridgeTrigger, segmentTrigger, setLineBounds } from './crossing-point';

export { setup, setBounds, setScan, setPools, setMembers, setKeys, setLines } from './kernel-memory';
export { poolHealth, slopeBounds } from './pool-health';
export { copyPoolStart } from './path-start-copy';
export { anchorKinksNow } from './anchor-kinks';
export { priceFactors } from './price-factors';

/**
 * An exact step whose bridge exponent is below this share of the cutoff (e2 = 2 h0 h1 <
 * EXACT_RUN_SHARE × cutoff × σ_h²) is followed by an exact step: the kernel neither anchors the
 * lazy bounds there (their slope pass, `anchorBounds`) nor runs the lazy test on the next step,
 * which near a crossing fails at once. Either choice leaves every result the same (an exact step is
 * always allowed; the anchor left in place is an older exact one, still valid, and is moved at the
 * next step that anchors before the lazy test runs again), so this only trades work: on the shared
 * benchmark book 95 % of the steps below 0.8 × cutoff were followed by an exact step anyway. A step
 * inside such a run leaves the slope outputs of its health (needed only to anchor) for a pass of
 * their own (`slopeBounds`), run if it anchors after all; any other step sums them in its health's
 * pass, as on a book whose exact steps mostly anchor that costs less than a second pass.
 */
const EXACT_RUN_SHARE: f64 = 0.8;

/** `exactStep` outcomes: a trigger, a step anchored, a step after which the next is exact. */
const STEP_TRIGGER = 0;
const STEP_ANCHORED = 1;
const STEP_EXACT_NEXT = 2;

/** The path's two random words (monitoring thresholds), set by `gradientScan`. */
let pathWord0: u32 = 0;
let pathWord1: u32 = 0;

/**
 * The pool's lower threshold, drawn if not yet (NaN) as `thresholdLow` (monitor-thresholds.ts):
 * after the n-th event keyedUniform(word0, word1, eventKey, 2n), before any keyedUniform(word0,
 * word1, firstKey, 0); stored, and returned.
 */
function lowerThreshold(pool: i32): f64 {
  let u = f64At(thresholdAt, pool);
  if (isNaN(u)) {
    const events = i32At(eventsAt, pool);
    u = events > 0
      ? keyedUniform(pathWord0, pathWord1, <u32>i32At(eventKeyAt, pool), <u32>(2 * events))
      : keyedUniform(pathWord0, pathWord1, <u32>i32At(firstKeyAt, pool), 0);
    setF64(thresholdAt, pool, u);
  }
  return u;
}

/** `lowerThreshold` with the path's words `word0`, `word1` (the host's `threshold`, for its tests). */
export function drawThreshold(pool: i32, word0: i32, word1: i32): f64 {
  pathWord0 = <u32>word0;
  pathWord1 = <u32>word1;
  return lowerThreshold(pool);
}

/**
 * The trigger search alone (the host's `findTrigger`, for its tests): from path row 0 to row 1,
 * `segmentTrigger` with h0, h1 (the chord's ends) when `bridgeOn` is 0 (returns 1), else
 * `bridgeTrigger` with h0, h1, the gradient at `mid` and the variance scale (returns 1 when it
 * found a zero along its ray, else 0).
 */
export function triggerOnFirstStep(pool: i32, bridgeOn: i32, h0: f64, h1: f64, varianceScale: f64, radius: f64, growth: f64): i32 {
  setLineBounds(radius, growth);
  const row = pathAt + (<usize>nA << 3);
  if (bridgeOn == 0) {
    segmentTrigger(pool, pathAt, row, h0, h1);
    return 1;
  }
  return bridgeTrigger(pool, pathAt, row, h0, h1, midAt, varianceScale) ? 1 : 0;
}

/**
 * True when the bridge of step k cannot cross, from what is known without evaluating its start
 * (skipped by the lazy test): the start's lower bound lower0 (`lowerPrev`), the end's exact h1 and
 * gradient g1, and a bound on σ_h = ‖ḡ‖_Σ <= ½ (‖g0‖_Σ + ‖g1‖_Σ), with ‖g0‖_Σ bounded from the
 * anchor by either lazy bound (within its radius; the second's plus Σ_a K_a sd_a once the start
 * leaves the bracket-safe radii, the kinks computed then if the anchor left them pending:
 * anchor-kinks.ts) and ‖g1‖_Σ <= Σ_a |g1_a| sd_a. Then 2 h0 h1 >= 2 lower0 h1 >=
 * cutoff σ² scale, and the exact step would find no crossing either.
 */
function crossingExcluded(pool: i32, rowPrev: usize, h1: f64, scale: f64, cutoff: f64, radius: f64, growth: f64): bool {
  const lower0 = f64At(lowerPrevAt, pool);
  if (!(lower0 > 0)) return false;
  const n = nA;
  const base = <usize>(pool * n) << 3;
  let firstValid = true;
  let secondValid = true;
  let withinRadii = true;
  let sigmaSecond = f64At(anchorNormAt, pool);
  let sigma1: f64 = 0;
  for (let a = 0; a < n; a++) {
    const d = f64At(rowPrev, a) - f64At(anchorLogAt + base, a);
    if (abs<f64>(d) > radius) firstValid = false;
    if (!(abs<f64>(d) < radius)) secondValid = false;
    if (!(d < f64At(anchorUpAt + base, a) && d > -f64At(anchorDownAt + base, a)) && d != 0) withinRadii = false;
    sigmaSecond += f64At(anchorSpreadAt + base, a) * abs<f64>(d);
    sigma1 += abs<f64>(f64At(gradientAt, a)) * f64At(sdAt, a);
  }
  if (!withinRadii) {
    ensureAnchorKinks(pool, growth);
    sigmaSecond += f64At(anchorKinkSigmaAt, pool);
  }
  let sigma0: f64 = Infinity;
  if (firstValid) sigma0 = f64At(anchorSigmaAt, pool);
  if (secondValid && sigmaSecond < sigma0) sigma0 = sigmaSecond;
  const sigma = 0.5 * (sigma0 + sigma1);
  return 2 * lower0 * h1 >= cutoff * sigma * sigma * scale;
}

/**
 * `gradientStep` at step k (0-based: from path row k to row k + 1) when it ends without a trigger:
 * commits the step (health, gradient, survival) and returns STEP_ANCHORED with the lazy bounds
 * anchored at its end, or STEP_EXACT_NEXT without (see EXACT_RUN_SHARE). At a trigger (health ≤ 0
 * at the end, or a crossing drawn) it returns STEP_TRIGGER, with the trigger in `triggerLog` and
 * `triggerFactor` and result[4] = 1 when the bridge trigger found no zero along its ray (else 0),
 * having changed nothing else `gradientStep` would not change to the same bits (the threshold it
 * drew is the one TypeScript draws; the survival factor is stored as there). `inRun`: the step
 * before was exact and did not anchor (STEP_EXACT_NEXT).
 */
function exactStep(pool: i32, k: i32, bridge: bool, cutoff: f64, radius: f64, growth: f64, inRun: bool): i32 {
  const n = nA;
  const rowPrev = pathAt + (<usize>(k * n) << 3);
  const row = rowPrev + (<usize>n << 3);
  const gPrev = gradientPrevAt + (<usize>(pool * n) << 3);
  const fresh = load<u8>(freshAt + <usize>pool) == 1;
  priceFactors(row, factorAt);
  // Inside a run of exact steps the step most likely will not anchor either: its slope outputs are
  // left for a pass of their own if it does; else they are summed in the same pass (see EXACT_RUN_SHARE).
  const h1 = inRun ? health(pool, factorAt, true, false, false) : health(pool, factorAt, true, true, false);
  if (h1 <= 0) {
    // The chord's start: the start's health, or its lower bound when the lazy test skipped it (as
    // `gradientStep` passes it).
    segmentTrigger(pool, rowPrev, row, fresh ? f64At(healthPrevAt, pool) : f64At(lowerPrevAt, pool), h1);
    setF64(resultAt, 4, 0);
    return STEP_TRIGGER;
  }
  let anchorHere = true;
  if (!bridge) {
    // Step-end monitoring: the step start's health is not needed.
  } else if (!fresh && crossingExcluded(pool, rowPrev, h1, f64At(scalesAt, k), cutoff, radius, growth)) {
    // The step start was skipped, and its bound already rules the crossing out: no need to evaluate it.
  } else {
    if (!fresh) {
      // The previous step was skipped: evaluate the step start exactly, as if it had not been
      // (the step end's gradient kept aside in `mid` meanwhile).
      for (let a = 0; a < n; a++) setF64(midAt, a, f64At(gradientAt, a));
      priceFactors(rowPrev, trialAt);
      setF64(healthPrevAt, pool, health(pool, trialAt, true, false, false));
      for (let a = 0; a < n; a++) {
        setF64(gPrev, a, f64At(gradientAt, a));
        setF64(gradientAt, a, f64At(midAt, a));
      }
    }
    const h0 = f64At(healthPrevAt, pool);
    let bound: f64 = 0;
    for (let a = 0; a < n; a++) {
      const g = 0.5 * (f64At(gPrev, a) + f64At(gradientAt, a));
      setF64(midAt, a, g);
      bound += (g < 0 ? -g : g) * f64At(sdAt, a);
    }
    const e2 = 2 * h0 * h1;
    const scale = f64At(scalesAt, k);
    if (e2 < cutoff * bound * bound * scale) {
      // σ_h² = ḡᵀ Σ ḡ: Σ ḡ two rows at a time (covariance-product.ts), then Σ_a ḡ_a (Σ ḡ)_a.
      covarianceTimes(midAt, covarianceProductAt);
      let variance: f64 = 0;
      for (let a = 0; a < n; a++) variance += f64At(midAt, a) * f64At(covarianceProductAt, a);
      variance *= scale;
      if (e2 < EXACT_RUN_SHARE * cutoff * variance) anchorHere = false;
      if (variance > 0 && e2 < cutoff * variance) {
        const p = kernelExp(-e2 / variance);
        const survival = f64At(survivalAt, pool) * (1 - p);
        setF64(survivalAt, pool, survival);
        if (survival <= lowerThreshold(pool)) {
          setF64(resultAt, 4, bridgeTrigger(pool, rowPrev, row, h0, h1, midAt, scale) ? 0 : 1);
          return STEP_TRIGGER;
        }
      }
    }
  }
  // No trigger: keep health and gradient, and anchor the lazy bound here (gradient-pools.ts
  // setAnchor) unless the next step is to be exact.
  setF64(healthPrevAt, pool, h1);
  for (let a = 0; a < n; a++) setF64(gPrev, a, f64At(gradientAt, a));
  store<u8>(freshAt + <usize>pool, 1);
  if (!anchorHere) return STEP_EXACT_NEXT;
  if (inRun) slopeOutputs(pool, factorAt, false);
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
  anchorBounds(pool, radius, growth);
  return STEP_ANCHORED;
}

/**
 * Gradient pool `pool` from step k0: lazy skips and exact steps until the first trigger step, whose
 * trigger it leaves for TypeScript to execute (returned), or nSteps. `word0`, `word1`: the path's random words (thresholds). Adds to
 * result[0] the position-steps evaluated exactly and to result[1] the pool-steps skipped (the
 * kernel's counters 0 and 4).
 */
export function gradientScan(pool: i32, k0: i32, bridgeOn: i32, cutoff: f64, radius: f64, growth: f64, word0: i32, word1: i32): i32 {
  const bridge = bridgeOn != 0;
  pathWord0 = <u32>word0;
  pathWord1 = <u32>word1;
  setLineBounds(radius, growth);
  const members = <f64>(i32At(memberStartAt, pool + 1) - i32At(memberStartAt, pool));
  let k = k0;
  let exactNext = false;
  while (k < nSteps) {
    let next = k;
    if (!exactNext) {
      const lower0 = load<u8>(freshAt + <usize>pool) == 1 ? f64At(healthPrevAt, pool) : f64At(lowerPrevAt, pool);
      const start = f64At(anchorHealthAt, pool) - f64At(jumpAt, pool);
      next = lazyScan(pool, k, start, radius, growth, lower0, f64At(anchorSigmaAt, pool), bridge, cutoff);
      if (next > k) {
        store<u8>(freshAt + <usize>pool, 0);
        setF64(resultAt, 1, f64At(resultAt, 1) + <f64>(next - k));
      }
      if (next >= nSteps) return nSteps;
    }
    const outcome = exactStep(pool, next, bridge, cutoff, radius, growth, exactNext);
    if (outcome == STEP_TRIGGER) return next;
    exactNext = outcome == STEP_EXACT_NEXT;
    setF64(resultAt, 0, f64At(resultAt, 0) + members);
    k = next + 1;
  }
  return nSteps;
}


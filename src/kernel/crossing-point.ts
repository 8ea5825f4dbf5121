// Where a gradient pool (one whose health depends on several assets) is liquidated within a step:
// a vector of log prices at which its exact health is zero, found by bisection. Barrier pools do
// not need this (their trigger is the barrier itself).
//
//   Ended unhealthy (h1 <= 0): a zero on the straight log-price segment from the step start x0
//   (h > 0) to the end x1 (h <= 0): within the step the prices are taken to move straight in log
//   space (if h crosses zero several times on the segment, bisection finds one of the zeros).
//
//   Crossed and recovered (bridge: h0 > 0, h1 > 0, crossing drawn): conditional on the bridge of h
//   touching zero, the log prices move, to first order, along the regression direction −Σg (the
//   covariance of x with h = g·x); the trigger is the zero along −Σg from the segment point at
//   τ = h0 / (h0 + h1) (where the linear bridge of h is lowest relative to its end points).
//   If no zero is found along that ray (a strongly non-linear pool), the pool is liquidated at
//   that segment point, and the event is counted as unresolved.

import type { KernelContext } from './kernel-context-types.js';
import { poolHealthAt } from './pool-health-kernel.js';

/** Bisection steps: 2^-56 of the interval, below double precision of the trigger. */
const BISECTION_STEPS = 56;
/** Doublings of the ray length before giving up on finding a zero along −Σg. */
const RAY_DOUBLINGS = 40;

/** trialLog = from + t (to − from), trialFactor = exp(trialLog); returns h there. */
function healthOnLine(ctx: KernelContext, pool: number, from: Float64Array, to: Float64Array, t: number, isDirection: boolean): number {
  const st = ctx.state;
  const nA = ctx.book.assetCount;
  for (let a = 0; a < nA; a++) {
    const x = isDirection ? from[a]! + t * to[a]! : from[a]! + t * (to[a]! - from[a]!);
    st.trialLog[a] = x;
    st.trialFactor[a] = Math.exp(x);
  }
  return poolHealthAt(ctx, pool, st.trialFactor, null);
}

/** Copy the point at parameter t of the line into the trigger buffers. */
function setTrigger(ctx: KernelContext, from: Float64Array, to: Float64Array, t: number, isDirection: boolean): void {
  const st = ctx.state;
  const nA = ctx.book.assetCount;
  for (let a = 0; a < nA; a++) {
    const x = isDirection ? from[a]! + t * to[a]! : from[a]! + t * (to[a]! - from[a]!);
    st.triggerLog[a] = x;
    st.triggerFactor[a] = Math.exp(x);
  }
}

/**
 * Trigger on the segment `from` (health > 0) → `to` (health <= 0): bisection keeping
 * h(lo) > 0 >= h(hi); the trigger is the `hi` end, where the pool is liquidatable. Writes
 * `state.triggerLog` / `state.triggerFactor`. `from` and `to` must not be the trigger buffers.
 */
export function segmentTrigger(ctx: KernelContext, pool: number, from: Float64Array, to: Float64Array): void {
  let lo = 0;
  let hi = 1;
  for (let it = 0; it < BISECTION_STEPS; it++) {
    const mid = 0.5 * (lo + hi);
    if (healthOnLine(ctx, pool, from, to, mid, false) > 0) lo = mid;
    else hi = mid;
  }
  setTrigger(ctx, from, to, hi, false);
}

/**
 * Trigger for a bridge crossing between two healthy step ends (see the file header). `x0`, `x1`:
 * step start and end log prices; `h0`, `h1` their health; `g` the gradient used for the bridge;
 * `covariance` the step covariance (nA × nA) already scaled for the step. Returns false when no
 * zero was found along the ray (the trigger is then the segment point).
 */
export function bridgeTrigger(
  ctx: KernelContext,
  pool: number,
  x0: Float64Array,
  x1: Float64Array,
  h0: number,
  h1: number,
  g: Float64Array,
  covariance: Float64Array,
  varianceScale: number,
): boolean {
  const st = ctx.state;
  const nA = ctx.book.assetCount;
  const tau = h0 / (h0 + h1);
  const base = st.baseLog;
  for (let a = 0; a < nA; a++) base[a] = x0[a]! + tau * (x1[a]! - x0[a]!);
  // direction = −Σ g; its effect on h to first order: g · direction = −gᵀ Σ g.
  let slope = 0;
  for (let a = 0; a < nA; a++) {
    let sum = 0;
    for (let b = 0; b < nA; b++) sum += covariance[a * nA + b]! * g[b]!;
    st.direction[a] = -sum * varianceScale;
    slope += g[a]! * st.direction[a]!;
  }
  const hBase = healthOnLine(ctx, pool, base, st.direction, 0, true);
  if (hBase <= 0) {
    segmentTrigger(ctx, pool, x0, base);
    return true;
  }
  if (!(slope < 0)) {
    setTrigger(ctx, base, st.direction, 0, true);
    return false;
  }
  // Ray length: the first-order step to h = 0, doubled until h <= 0.
  let hi = hBase / -slope;
  let found = false;
  for (let it = 0; it < RAY_DOUBLINGS; it++) {
    if (healthOnLine(ctx, pool, base, st.direction, hi, true) <= 0) {
      found = true;
      break;
    }
    hi *= 2;
  }
  if (!found) {
    setTrigger(ctx, base, st.direction, 0, true);
    return false;
  }
  let lo = 0;
  for (let it = 0; it < BISECTION_STEPS; it++) {
    const mid = 0.5 * (lo + hi);
    if (healthOnLine(ctx, pool, base, st.direction, mid, true) > 0) lo = mid;
    else hi = mid;
  }
  setTrigger(ctx, base, st.direction, hi, true);
  return true;
}

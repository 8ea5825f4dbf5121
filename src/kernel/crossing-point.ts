// Where a gradient pool (one whose health depends on several assets) is liquidated within a step:
// a vector of log prices at which its exact health is zero, found by bisection. Barrier pools do
// not need this (their trigger is the barrier itself).
//
// This is the readable form, run by `gradientStep` (the step-by-step loop, and again after a
// partial liquidation); the gradient kernel runs its WebAssembly twin (assembly/crossing-point.ts,
// the same operations in the same order) at the triggers it finds.
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
//
// Bisection needs only the sign of h at each midpoint. From the last point evaluated exactly on
// the line (t_E), the second lazy bound (lazy-bound.ts) bounds h along the line direction v on
// both sides: with s = t − t_E,
//   h_E + s g·v + ½ s² Σ_a Q⁻_a v_a² − J  <=  h(t)  <=  h_E + s g·v + ½ s² Σ_a Q⁺_a v_a² + J
// (Q⁻ as in lazy-bound.ts, Q⁺ with max for min; J a rounding slack: within one bracket
// the maintenance does not jump), while s keeps every member in its bracket. A midpoint whose bounds have one sign takes that branch with
// no evaluation; only the others are evaluated (and become the new anchor, so the bounds tighten
// as the bracket shrinks). J is far above the rounding of h, so every branch is the one the plain
// bisection takes; it stops when the bracket spans less than TRIGGER_LOG_RESOLUTION (1e-10) in log
// price (monitoring-limits.ts). About 9 evaluations replace 56 on the shared
// benchmark book. The first anchor is not the first midpoint but where the chord through the
// bracket's ends (their health, or a lower bound of the start's) is 0, t_c = lo + (hi − lo) h_lo /
// (h_lo − h_hi) when it lies inside: for a pool nearly linear over the step that is near the zero,
// so the bounds from there decide the midpoints down to a much smaller bracket (on the shared book
// 2.7 → 1.7 anchors per search). Where the bounds are anchored decides only which midpoints are
// evaluated, never a branch: each is the sign of h there.

import { LAZY_GROWTH, LAZY_RADIUS } from './lazy-bound.js';
import type { KernelContext } from './kernel-context-types.js';
import { BISECTION_STEPS, TRIGGER_LOG_RESOLUTION } from './monitoring-limits.js';
import { poolHealthAt } from './pool-health-kernel.js';

/** Doublings of the ray length before giving up on finding a zero along −Σg. */
const RAY_DOUBLINGS = 40;

/** The point at parameter t of the line into `logs` (from + t (to − from), or from + t to for a direction) and `factors` (exp of it). */
function pointOnLine(ctx: KernelContext, from: Float64Array, to: Float64Array, t: number, isDirection: boolean, logs: Float64Array, factors: Float64Array): void {
  const nA = ctx.book.assetCount;
  for (let a = 0; a < nA; a++) {
    const x = isDirection ? from[a]! + t * to[a]! : from[a]! + t * (to[a]! - from[a]!);
    logs[a] = x;
    factors[a] = Math.exp(x);
  }
}

/** trialLog = from + t (to − from), trialFactor = exp(trialLog); returns h there. */
function healthOnLine(ctx: KernelContext, pool: number, from: Float64Array, to: Float64Array, t: number, isDirection: boolean): number {
  pointOnLine(ctx, from, to, t, isDirection, ctx.state.trialLog, ctx.state.trialFactor);
  return poolHealthAt(ctx, pool, ctx.state.trialFactor, null);
}

/** Copy the point at parameter t of the line into the trigger buffers. */
function setTrigger(ctx: KernelContext, from: Float64Array, to: Float64Array, t: number, isDirection: boolean): void {
  pointOnLine(ctx, from, to, t, isDirection, ctx.state.triggerLog, ctx.state.triggerFactor);
}

/** Slots of `state.lineBound`: the bounds of h along a line from its last exact point. */
const T_E = 0;
const H_E = 1;
const SLOPE = 2;
const CURVE_LOW = 3;
const CURVE_HIGH = 4;
const S_UP = 5;
const S_DOWN = 6;
const SLACK = 7;

/**
 * healthOnLine at t, and the bounds of h along the line anchored there (see the file header):
 * g·v, Σ Q⁻ v², Σ Q⁺ v² and the range of s within every member's bracket.
 */
function anchorOnLine(ctx: KernelContext, pool: number, from: Float64Array, to: Float64Array, t: number, isDirection: boolean): number {
  const st = ctx.state;
  const nA = ctx.book.assetCount;
  pointOnLine(ctx, from, to, t, isDirection, st.trialLog, st.trialFactor);
  const h = poolHealthAt(ctx, pool, st.trialFactor, st.lineGradient, st.lineSlope);
  let slope = 0;
  let low = 0;
  let high = 0;
  let up = Infinity;
  let down = Infinity;
  for (let a = 0; a < nA; a++) {
    const v = isDirection ? to[a]! : to[a]! - from[a]!;
    if (v === 0) continue;
    const g = st.lineGradient[a]!;
    const m = st.inverseSlope[a]!;
    const p = g + m;
    slope += g * v;
    low += (Math.min(p * LAZY_GROWTH, p / LAZY_GROWTH) + Math.min(m * LAZY_GROWTH, m / LAZY_GROWTH)) * v * v;
    high += (Math.max(p * LAZY_GROWTH, p / LAZY_GROWTH) + Math.max(m * LAZY_GROWTH, m / LAZY_GROWTH)) * v * v;
    const above = Math.min(LAZY_RADIUS, st.radiusUp[a]!);
    const below = Math.min(LAZY_RADIUS, st.radiusDown[a]!);
    up = Math.min(up, v > 0 ? above / v : below / -v);
    down = Math.min(down, v > 0 ? below / v : above / -v);
  }
  const bound = st.lineBound;
  bound[T_E] = t;
  bound[H_E] = h;
  bound[SLOPE] = slope;
  bound[CURVE_LOW] = low;
  bound[CURVE_HIGH] = high;
  bound[S_UP] = up;
  bound[S_DOWN] = down;
  // Rounding slack, far above the rounding of h and of the bounds: n·2^-49 (n members, at least
  // 1e-12) of the amounts h sums (gross notionals, equity, maintenance, and the book's scale).
  let gross = Math.abs(st.poolValues[0]!) + Math.abs(st.poolValues[1]!) + ctx.poolRoundingScale[pool]!;
  for (let a = 0; a < nA; a++) gross += st.lineSlope[a]!;
  const members = ctx.book.poolMemberStart[pool + 1]! - ctx.book.poolMemberStart[pool]!;
  bound[SLACK] = Math.max(1e-12, (members + 1) * 2 ** -49) * gross;
  return h;
}

/** h(t) > 0 on the line, from the bounds when they decide it, else evaluated (and anchored there). */
function healthyOnLine(ctx: KernelContext, pool: number, from: Float64Array, to: Float64Array, t: number, isDirection: boolean): boolean {
  const bound = ctx.state.lineBound;
  const s = t - bound[T_E]!;
  if (s < bound[S_UP]! && s > -bound[S_DOWN]!) {
    const base = bound[H_E]! + s * bound[SLOPE]!;
    const jump = bound[SLACK]!;
    if (base + 0.5 * s * s * bound[CURVE_LOW]! - jump > 0) return true;
    if (base + 0.5 * s * s * bound[CURVE_HIGH]! + jump <= 0) return false;
  }
  return anchorOnLine(ctx, pool, from, to, t, isDirection) > 0;
}

/**
 * Bisection of (lo, hi) on the line, h(lo) > 0 >= h(hi), until the bracket spans less than
 * TRIGGER_LOG_RESOLUTION in log price: the final hi, where the pool is liquidatable. The bounds
 * are first anchored where the chord through (lo, hLo) and (hi, hHi) is 0 (see the file header),
 * unless that is not inside (lo, hi) (a NaN leaves it out).
 */
function bisect(ctx: KernelContext, pool: number, from: Float64Array, to: Float64Array, lo: number, hi: number, isDirection: boolean, hLo: number, hHi: number): number {
  const bound = ctx.state.lineBound;
  bound[S_UP] = 0;
  bound[S_DOWN] = 0;
  // Width in log price of a unit of t: the bisection stops once the bracket is below TRIGGER_LOG_RESOLUTION.
  let span = 0;
  for (let a = 0; a < ctx.book.assetCount; a++) span = Math.max(span, Math.abs(isDirection ? to[a]! : to[a]! - from[a]!));
  if ((hi - lo) * span >= TRIGGER_LOG_RESOLUTION) {
    const chord = lo + (hi - lo) * (hLo / (hLo - hHi));
    if (chord > lo && chord < hi) anchorOnLine(ctx, pool, from, to, chord, isDirection);
  }
  for (let it = 0; it < BISECTION_STEPS && (hi - lo) * span >= TRIGGER_LOG_RESOLUTION; it++) {
    const mid = 0.5 * (lo + hi);
    if (healthyOnLine(ctx, pool, from, to, mid, isDirection)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * Trigger on the segment `from` (health > 0) → `to` (health <= 0): bisection keeping
 * h(lo) > 0 >= h(hi); the trigger is the `hi` end, where the pool is liquidatable. Writes
 * `state.triggerLog` / `state.triggerFactor`. `from` and `to` must not be the trigger buffers.
 * `hFrom` (the health at `from`, or a lower bound of it) and `hTo` place the first anchor of the
 * bounds (NaN: none); the trigger does not depend on them.
 */
export function segmentTrigger(ctx: KernelContext, pool: number, from: Float64Array, to: Float64Array, hFrom = NaN, hTo = NaN): void {
  setTrigger(ctx, from, to, bisect(ctx, pool, from, to, 0, 1, false, hFrom, hTo), false);
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
    segmentTrigger(ctx, pool, x0, base, h0, hBase);
    return true;
  }
  if (!(slope < 0)) {
    setTrigger(ctx, base, st.direction, 0, true);
    return false;
  }
  // Ray length: the first-order step to h = 0, doubled until h <= 0.
  let hi = hBase / -slope;
  let found = false;
  let hHi = NaN;
  for (let it = 0; it < RAY_DOUBLINGS; it++) {
    hHi = healthOnLine(ctx, pool, base, st.direction, hi, true);
    if (hHi <= 0) {
      found = true;
      break;
    }
    hi *= 2;
  }
  if (!found) {
    setTrigger(ctx, base, st.direction, 0, true);
    return false;
  }
  setTrigger(ctx, base, st.direction, bisect(ctx, pool, base, st.direction, 0, hi, true, hBase, hHi), true);
  return true;
}

// AssemblyScript (see gradient-scan.ts): where a gradient pool is liquidated within a step, the
// WebAssembly twin of src/kernel/crossing-point.ts (its header has the method: bisection on the
// step's segment, or along −Σg from the segment point at τ = h0 / (h0 + h1) after a drawn bridge
// crossing, deciding halves from the second lazy bound along the line where it can), operation for
// operation and in the same order, exp being the host's Math.exp (computed here, host-exp.ts): the same trigger, to the bit.
// The kernel runs it at a trigger step it found itself (gradient-scan.ts), so TypeScript only
// executes the liquidation there.
//
// Points are nA log prices at byte addresses on the memory (a path row, `baseLog`, `direction`);
// the trigger goes to `triggerLog` and, as price factors, `triggerFactor` (the host's buffer).

import { BISECTION_STEPS, TRIGGER_LOG_RESOLUTION } from '../monitoring-limits';
import { nA, memberStartAt, covarianceProductAt, trialAt, gradientAt, slopeAt, inverseAt, upAt, downAt, resultAt, trialLogAt, triggerLogAt, triggerFactorAt, baseLogAt, directionAt, roundingScaleAt, f64At, setF64, i32At } from './kernel-memory';
import { health } from './pool-health';
import { covarianceTimes } from './covariance-product';
/** The host's Math.exp (the function crossing-point.ts calls) of a row, two at a time (price-factors.ts, host-exp.ts): the same bits. */
import { priceFactors } from './price-factors';

/** Doublings of the ray length before giving up on finding a zero along −Σg (= RAY_DOUBLINGS). */
const RAY_DOUBLINGS = 40;
/** 2^-49, the rounding slack per member of `anchorOnLine`. */
const SLACK_PER_MEMBER: f64 = 1.7763568394002505e-15;

// The bounds of h along the line from its last exact point (crossing-point.ts `lineBound`).
let boundT: f64 = 0;
let boundH: f64 = 0;
let boundSlope: f64 = 0;
let boundCurveLow: f64 = 0;
let boundCurveHigh: f64 = 0;
let boundUp: f64 = 0;
let boundDown: f64 = 0;
let boundSlack: f64 = 0;

/** The lazy box half-width δ and e^δ (LAZY_RADIUS, LAZY_GROWTH of lazy-bound.ts), set by `setLineBounds`. */
let radiusOnLine: f64 = 0;
let growthOnLine: f64 = 1;

/** δ and e^δ of the bounds along a line (the kernel's `radius` and `growth`). */
export function setLineBounds(radius: f64, growth: f64): void {
  radiusOnLine = radius;
  growthOnLine = growth;
}

/** logs = from + t (to − from), or from + t to for a direction; factors = exp(logs) (price-factors.ts). */
function pointOnLine(from: usize, to: usize, t: f64, isDirection: bool, logs: usize, factors: usize): void {
  const n = nA;
  for (let a = 0; a < n; a++) setF64(logs, a, isDirection ? f64At(from, a) + t * f64At(to, a) : f64At(from, a) + t * (f64At(to, a) - f64At(from, a)));
  priceFactors(logs, factors);
}

/** h at parameter t of the line (crossing-point.ts `healthOnLine`). */
function healthOnLine(pool: i32, from: usize, to: usize, t: f64, isDirection: bool): f64 {
  pointOnLine(from, to, t, isDirection, trialLogAt, trialAt);
  return health(pool, trialAt, false, false, false);
}

/** h at parameter t, and the bounds of h along the line anchored there (crossing-point.ts `anchorOnLine`). */
function anchorOnLine(pool: i32, from: usize, to: usize, t: f64, isDirection: bool): f64 {
  const n = nA;
  pointOnLine(from, to, t, isDirection, trialLogAt, trialAt);
  // The slope outputs without the kinks: these bounds hold only within the bracket-safe radii.
  const h = health(pool, trialAt, true, true, false);
  let slope: f64 = 0;
  let low: f64 = 0;
  let high: f64 = 0;
  let up: f64 = Infinity;
  let down: f64 = Infinity;
  for (let a = 0; a < n; a++) {
    const v = isDirection ? f64At(to, a) : f64At(to, a) - f64At(from, a);
    if (v == 0) continue;
    const g = f64At(gradientAt, a);
    const m = f64At(inverseAt, a);
    const p = g + m;
    slope += g * v;
    low += (min<f64>(p * growthOnLine, p / growthOnLine) + min<f64>(m * growthOnLine, m / growthOnLine)) * v * v;
    high += (max<f64>(p * growthOnLine, p / growthOnLine) + max<f64>(m * growthOnLine, m / growthOnLine)) * v * v;
    const above = min<f64>(radiusOnLine, f64At(upAt, a));
    const below = min<f64>(radiusOnLine, f64At(downAt, a));
    up = min<f64>(up, v > 0 ? above / v : below / -v);
    down = min<f64>(down, v > 0 ? below / v : above / -v);
  }
  boundT = t;
  boundH = h;
  boundSlope = slope;
  boundCurveLow = low;
  boundCurveHigh = high;
  boundUp = up;
  boundDown = down;
  let gross = abs<f64>(f64At(resultAt, 2)) + abs<f64>(f64At(resultAt, 3)) + f64At(roundingScaleAt, pool);
  for (let a = 0; a < n; a++) gross += f64At(slopeAt, a);
  const members = <f64>(i32At(memberStartAt, pool + 1) - i32At(memberStartAt, pool));
  boundSlack = max<f64>(1e-12, (members + 1) * SLACK_PER_MEMBER) * gross;
  return h;
}

/** h(t) > 0 on the line, from the bounds when they decide it, else evaluated (and anchored there). */
function healthyOnLine(pool: i32, from: usize, to: usize, t: f64, isDirection: bool): bool {
  const s = t - boundT;
  if (s < boundUp && s > -boundDown) {
    const base = boundH + s * boundSlope;
    const jump = boundSlack;
    if (base + 0.5 * s * s * boundCurveLow - jump > 0) return true;
    if (base + 0.5 * s * s * boundCurveHigh + jump <= 0) return false;
  }
  return anchorOnLine(pool, from, to, t, isDirection) > 0;
}

/**
 * Bisection of (lo, hi) on the line, h(lo) > 0 >= h(hi), to TRIGGER_LOG_RESOLUTION: the final hi;
 * the bounds first anchored where the chord through (lo, hLo), (hi, hHi) is 0 (crossing-point.ts
 * `bisect`; NaN values leave that out).
 */
function bisect(pool: i32, from: usize, to: usize, lo: f64, hi: f64, isDirection: bool, hLo: f64, hHi: f64): f64 {
  const n = nA;
  boundUp = 0;
  boundDown = 0;
  let span: f64 = 0;
  for (let a = 0; a < n; a++) span = max<f64>(span, abs<f64>(isDirection ? f64At(to, a) : f64At(to, a) - f64At(from, a)));
  if ((hi - lo) * span >= TRIGGER_LOG_RESOLUTION) {
    const chord = lo + (hi - lo) * (hLo / (hLo - hHi));
    if (chord > lo && chord < hi) anchorOnLine(pool, from, to, chord, isDirection);
  }
  for (let it = 0; it < BISECTION_STEPS && (hi - lo) * span >= TRIGGER_LOG_RESOLUTION; it++) {
    const mid = 0.5 * (lo + hi);
    if (healthyOnLine(pool, from, to, mid, isDirection)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The trigger at parameter t of the line, into `triggerLog` and `triggerFactor`. */
function setTrigger(from: usize, to: usize, t: f64, isDirection: bool): void {
  pointOnLine(from, to, t, isDirection, triggerLogAt, triggerFactorAt);
}

/** Trigger on the segment `from` (h > 0, or a lower bound of it: `hFrom`) → `to` (h = `hTo` <= 0) (crossing-point.ts `segmentTrigger`). */
export function segmentTrigger(pool: i32, from: usize, to: usize, hFrom: f64, hTo: f64): void {
  setTrigger(from, to, bisect(pool, from, to, 0, 1, false, hFrom, hTo), false);
}

/**
 * Trigger for a bridge crossing between two healthy step ends x0, x1 (health h0, h1), with the
 * gradient g at `g` and the step's variance scale (crossing-point.ts `bridgeTrigger`). Returns
 * false when no zero was found along the ray (the trigger is then the segment point).
 */
export function bridgeTrigger(pool: i32, x0: usize, x1: usize, h0: f64, h1: f64, g: usize, varianceScale: f64): bool {
  const n = nA;
  const tau = h0 / (h0 + h1);
  for (let a = 0; a < n; a++) setF64(baseLogAt, a, f64At(x0, a) + tau * (f64At(x1, a) - f64At(x0, a)));
  covarianceTimes(g, covarianceProductAt);
  let slope: f64 = 0;
  for (let a = 0; a < n; a++) {
    setF64(directionAt, a, -f64At(covarianceProductAt, a) * varianceScale);
    slope += f64At(g, a) * f64At(directionAt, a);
  }
  const hBase = healthOnLine(pool, baseLogAt, directionAt, 0, true);
  if (hBase <= 0) {
    segmentTrigger(pool, x0, baseLogAt, h0, hBase);
    return true;
  }
  if (!(slope < 0)) {
    setTrigger(baseLogAt, directionAt, 0, true);
    return false;
  }
  let hi = hBase / -slope;
  let found = false;
  let hHi: f64 = NaN;
  for (let it = 0; it < RAY_DOUBLINGS; it++) {
    hHi = healthOnLine(pool, baseLogAt, directionAt, hi, true);
    if (hHi <= 0) {
      found = true;
      break;
    }
    hi *= 2;
  }
  if (!found) {
    setTrigger(baseLogAt, directionAt, 0, true);
    return false;
  }
  setTrigger(baseLogAt, directionAt, bisect(pool, baseLogAt, directionAt, 0, hi, true, hBase, hHi), true);
  return true;
}

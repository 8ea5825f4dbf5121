// AssemblyScript (see gradient-scan.ts): the lazy test of a gradient pool, both bounds of
// path-kernel.ts and src/kernel/lazy-bound.ts (the second bound's anchor: anchor-bounds.ts).

import { pathAt, scalesAt, nA, nSteps, anchorLogAt, anchorSlopeAt, lowerPrevAt, anchorGradientAt, anchorCurvatureAt, anchorSpreadAt, anchorUpAt, anchorDownAt, anchorNormAt, scanHalfCurvatureAt, scanLowerEdgeAt, anchorKinkAt, anchorKinkSigmaAt, f64At, setF64 } from './kernel-memory';
import { ensureAnchorKinks, kinksPending } from './anchor-kinks';

/** Pool `pool`'s kinks' σ at its anchor, its kinks computed first if pending (anchor-kinks.ts); `growth` = e^δ. */
@inline function anchorKinkSigma(pool: i32, growth: f64): f64 {
  ensureAnchorKinks(pool, growth);
  return f64At(anchorKinkSigmaAt, pool);
}

/** Steps the lazy scan tries to skip at once (`blockBound`). */
const BLOCK_STEPS = 8;
/**
 * After a block of BLOCK_STEPS fails, the scan tries one of this many from the same step before
 * going on step by step.
 */
const BLOCK_RETRY_STEPS = 4;
/**
 * The scan tries a block only after a step its second bound skipped with the bridge exponent at
 * least this many times the cutoff: the block's bound is lower by about its range (some three
 * step sd over eight steps), so nearer the boundary the attempt mostly fails and costs more than
 * it saves.
 */
const BLOCK_MARGIN: f64 = 4;

/** `blockBound`'s other outputs: the lower bound, the largest variance scale, Σ_a R_a max |d_a|, and whether every end lay within the bracket-safe radii. */
let blockLower: f64 = 0;
let blockScale: f64 = 0;
let blockSpread: f64 = 0;
let blockInRadii = true;

/**
 * The second bound over the step ends of steps k … end − 1 (path rows k + 1 … end) at once
 * (lazy-bound.ts `secondBoundBlock`): with [l_a, h_a] the range of d_a over those rows,
 *   lower = start + Σ_a (min of g_a d + ½ Q_a d² over [l_a, h_a] − K_a max(hinge(l_a), hinge(h_a)))
 * (the quadratic's minimum at an end or at its vertex −g_a / Q_a when inside; the hinge is convex,
 * so largest at an end), −∞ unless every |d_a| < radius; into `blockLower`, with the largest
 * variance scale of those steps (`blockScale`), S = Σ_a R_a max(|l_a|, |h_a|) (`blockSpread`) and
 * whether every row lay within the bracket-safe radii (`blockInRadii`). Returns the bound on any
 * of those rows' ‖g(x)‖_Σ − ‖g‖_Σ: S, plus the kinks' σ unless within the radii.
 */
function blockBound(pool: i32, k: i32, end: i32, start: f64, radius: f64, norm: f64, kinkSigma: f64): f64 {
  const n = nA;
  const base = <usize>(pool * n) << 3;
  const anchorLog = anchorLogAt + base;
  const gradient = anchorGradientAt + base;
  const spread = anchorSpreadAt + base;
  const up = anchorUpAt + base;
  const kink = anchorKinkAt + base;
  const halfCurvature = scanHalfCurvatureAt;
  const lowerEdge = scanLowerEdgeAt;
  const rowBytes = <usize>n << 3;
  const first = pathAt + <usize>(k + 1) * rowBytes;
  const last = pathAt + <usize>end * rowBytes;
  let scale: f64 = 0;
  for (let j = k; j < end; j++) scale = max<f64>(scale, f64At(scalesAt, j));
  blockScale = scale;
  const radiusPair = f64x2.splat(radius);
  const zeroPair = f64x2.splat(0);
  let sum = f64x2.splat(0);
  let spreadSums = f64x2.splat(0);
  let outside = f64x2.splat(0);
  let outsideRadii = f64x2.splat(0);
  let a = 0;
  for (; a + 1 < n; a += 2) {
    const o = <usize>a << 3;
    // The range of the rows (pmin, pmax: one instruction each; a NaN is caught by its own mask).
    let low = v128.load(first + o);
    let high = low;
    let nan = f64x2.ne(low, low);
    for (let r = first + rowBytes; r <= last; r += rowBytes) {
      const x = v128.load(r + o);
      low = f64x2.pmin(low, x);
      high = f64x2.pmax(high, x);
      nan = v128.or(nan, f64x2.ne(x, x));
    }
    const anchorPair = v128.load(anchorLog + o);
    const dl = f64x2.sub(low, anchorPair);
    const dh = f64x2.sub(high, anchorPair);
    const upPair = v128.load(up + o);
    const downPair = v128.load(lowerEdge + o);
    outside = v128.or(outside, v128.or(nan, v128.not(v128.and(f64x2.gt(dl, f64x2.neg(radiusPair)), f64x2.lt(dh, radiusPair)))));
    outsideRadii = v128.or(outsideRadii, v128.not(v128.and(f64x2.gt(dl, downPair), f64x2.lt(dh, upPair))));
    const g = v128.load(gradient + o);
    const hq = v128.load(halfCurvature + o);
    // q(d) = d (g + ½ Q d) at both ends and at the vertex clamped into [dl, dh] (for Q <= 0 the
    // clamped point is no lower than an end, and a NaN vertex clamps to an end).
    const vertex = f64x2.pmin(f64x2.pmax(f64x2.div(f64x2.neg(g), f64x2.add(hq, hq)), dl), dh);
    const qLow = f64x2.mul(dl, f64x2.add(g, f64x2.mul(hq, dl)));
    const qHigh = f64x2.mul(dh, f64x2.add(g, f64x2.mul(hq, dh)));
    const qVertex = f64x2.mul(vertex, f64x2.add(g, f64x2.mul(hq, vertex)));
    const hingeLow = f64x2.pmax(f64x2.pmax(f64x2.sub(dl, upPair), f64x2.sub(downPair, dl)), zeroPair);
    const hingeHigh = f64x2.pmax(f64x2.pmax(f64x2.sub(dh, upPair), f64x2.sub(downPair, dh)), zeroPair);
    sum = f64x2.add(sum, f64x2.sub(f64x2.pmin(f64x2.pmin(qLow, qHigh), qVertex), f64x2.mul(v128.load(kink + o), f64x2.pmax(hingeLow, hingeHigh))));
    spreadSums = f64x2.add(spreadSums, f64x2.mul(v128.load(spread + o), f64x2.pmax(f64x2.abs(dl), f64x2.abs(dh))));
  }
  let lower = start + (f64x2.extract_lane(sum, 0) + f64x2.extract_lane(sum, 1));
  let spreadSum = f64x2.extract_lane(spreadSums, 0) + f64x2.extract_lane(spreadSums, 1);
  let valid = !v128.any_true(outside);
  let inRadii = !v128.any_true(outsideRadii);
  if (a < n) {
    const o = <usize>a << 3;
    let low = load<f64>(first + o);
    let high = low;
    for (let r = first + rowBytes; r <= last; r += rowBytes) {
      const x = load<f64>(r + o);
      low = min<f64>(low, x);
      high = max<f64>(high, x);
    }
    const dl = low - f64At(anchorLog, a);
    const dh = high - f64At(anchorLog, a);
    const upA = f64At(up, a);
    const lowerA = f64At(lowerEdge, a);
    if (!(dl > -radius && dh < radius)) valid = false;
    if (!(dl > lowerA && dh < upA)) inRadii = false;
    const g = f64At(gradient, a);
    const hq = f64At(halfCurvature, a);
    const v = -g / (hq + hq);
    const vertex = isNaN(v) ? dl : min<f64>(max<f64>(v, dl), dh);
    const q = min<f64>(min<f64>(dl * (g + hq * dl), dh * (g + hq * dh)), vertex * (g + hq * vertex));
    const hinge = max<f64>(max<f64>(max<f64>(dl - upA, lowerA - dl), max<f64>(dh - upA, lowerA - dh)), 0);
    lower += q - f64At(kink, a) * hinge;
    spreadSum += f64At(spread, a) * max<f64>(abs<f64>(dl), abs<f64>(dh));
  }
  blockLower = valid ? lower : -Infinity;
  blockSpread = spreadSum;
  blockInRadii = inRadii;
  return inRadii ? spreadSum : spreadSum + kinkSigma;
}

/**
 * The lazy test (path-kernel.ts, lazy evaluation; lazy-bound.ts) from step k0: the first step it
 * cannot skip, or nSteps; the bound at the end of the last step skipped into `lowerPrev[pool]`.
 * Per step k, with d_a = x_{k+1,a} − anchor_a, two lower bounds of the health at the step end:
 *   first  start − Σ_a slope_a |d_a|                         (−∞ once some |d_a| > radius)
 *   second start + Σ_a (g_a d_a + ½ Q_a d_a² − K_a h_a)      (−∞ once some |d_a| >= radius)
 * with the hinge h_a = max(d_a − up_a, −d_a − down_a, 0) beyond the bracket-safe radii and K_a
 * the anchor's kinks (lazy-bound.ts), and two bounds of σ_h: σ (the first's) and
 * ‖g‖_Σ + ½ (S_0 + S_1), S = Σ_a R_a |d_a| at either end of the step plus Σ_a K_a sd_a at an end
 * beyond the bracket-safe radii (the second's, valid while both ends are within the radius;
 * each end's S is computed once, at the step it ends). lower1 is the larger valid bound,
 * sigma the smaller; the step is skipped when lower1 > 0 and (no bridge, or lower0 > 0 and
 * 2 lower0 lower1 ≥ cutoff sigma² scale_k). The second bound is computed only when the first
 * alone cannot skip the step, and after that the first is no longer computed in this scan.
 * The anchor's kinks (K_a and their σ), pending since an anchor of the kernel's own, are computed
 * at the first step end (or block of them) beyond the bracket-safe radii (anchor-kinks.ts);
 * within the radii every hinge is 0 and nothing reads them.
 */
export function lazyScan(pool: i32, k0: i32, start: f64, radius: f64, growth: f64, lower0In: f64, sigmaFirst: f64, bridge: bool, cutoff: f64): i32 {
  const n = nA;
  const base = <usize>(pool * n) << 3;
  const anchorLog = anchorLogAt + base;
  const anchorSlope = anchorSlopeAt + base;
  const gradient = anchorGradientAt + base;
  const curvature = anchorCurvatureAt + base;
  const spread = anchorSpreadAt + base;
  const up = anchorUpAt + base;
  const down = anchorDownAt + base;
  const kink = anchorKinkAt + base;
  const norm = f64At(anchorNormAt, pool);
  // The kinks' σ, NaN while the anchor's kinks are pending (a bound that reads it then skips
  // nothing); read again once they are computed, at the first step end beyond the radii.
  let kinkSigma = kinksPending(pool) ? NaN : f64At(anchorKinkSigmaAt, pool);
  // Per scan, the anchor's ½ Q_a and −radius below (exact: a halving and a negation), so the
  // step loop does not recompute them at every step.
  const halfCurvature = scanHalfCurvatureAt;
  const lowerEdge = scanLowerEdgeAt;
  for (let a = 0; a < n; a++) {
    setF64(halfCurvature, a, 0.5 * f64At(curvature, a));
    setF64(lowerEdge, a, -f64At(down, a));
  }
  let lower0 = lower0In;
  // Whether the step start lies within the first bound's radius (the σ of the first bound needs
  // both ends inside); the second bound checks its start itself, when it is needed.
  let firstValid0 = true;
  {
    const row0 = pathAt + (<usize>(k0 * n) << 3);
    for (let a = 0; a < n; a++) if (abs<f64>(f64At(row0, a) - f64At(anchorLog, a)) > radius) firstValid0 = false;
  }
  const radiusPair = f64x2.splat(radius);
  const zeroPair = f64x2.splat(0);
  let useFirst = true;
  let useKinks = false;
  // The second bound's step start (once it is in use): Σ_a R_a |d0_a|, within the radius, within
  // the bracket-safe radii (or at the anchor).
  let spread0: f64 = 0;
  let inBox0 = true;
  let inRadii0 = true;
  let k = k0;
  // The first step at which the scan may try a block of steps at once (after both blocks failed,
  // BLOCK_RETRY_STEPS later).
  let blockFrom = k0;
  let blockReady = false;
  for (; k < nSteps; k++) {
    const rowStart = pathAt + (<usize>(k * n) << 3);
    const row = rowStart + (<usize>n << 3);
    if (!useFirst && blockReady && k >= blockFrom && inBox0) {
      // A block of BLOCK_STEPS, and when it fails one of half as many from the same step (see
      // BLOCK_RETRY_STEPS); after that, single steps up to the end of the shorter block.
      let skipped = false;
      let tried = k;
      for (let size = BLOCK_STEPS; size >= BLOCK_RETRY_STEPS; size >>= 1) {
        const end = min<i32>(k + size, nSteps);
        // (Near the last step both sizes may end at the same row: that block is tried once.)
        if (end - k <= 1 || end == tried) break;
        tried = end;
        let block = blockBound(pool, k, end, start, radius, norm, kinkSigma);
        if (!blockInRadii && kinksPending(pool)) {
          // Beyond the radii the block's bound needs the kinks: computed now, and the block again.
          kinkSigma = anchorKinkSigma(pool, growth);
          block = blockBound(pool, k, end, start, radius, norm, kinkSigma);
        }
        const lower = blockLower;
        if (lower > 0) {
          const s0 = inRadii0 ? spread0 : spread0 + kinkSigma;
          const sigmaBlock = norm + max<f64>(0.5 * (s0 + block), block);
          const lowerStart = min<f64>(lower0, lower);
          if (!bridge || (lowerStart > 0 && 2 * lowerStart * lower >= cutoff * sigmaBlock * sigmaBlock * blockScale)) {
            // Every step of the block skipped: the bounds at its end are the block's.
            setF64(lowerPrevAt, pool, lower);
            lower0 = lower;
            spread0 = blockSpread;
            inRadii0 = blockInRadii;
            k = end - 1;
            skipped = true;
            break;
          }
        }
        blockFrom = k + size;
      }
      if (skipped) continue;
    }
    // The first bound, two assets at a time (f64x2), then the last one when nA is odd: enough on
    // its own for a book far from its boundary. Once it fails to skip a step, this scan leaves it
    // out (near the boundary it keeps failing) and uses the second bound alone.
    let lower1: f64 = -Infinity;
    let sigma: f64 = Infinity;
    let firstValid = false;
    if (useFirst) {
      let firstSum = f64x2.splat(0);
      let outsideFirst = f64x2.splat(0);
      let a = 0;
      for (; a + 1 < n; a += 2) {
        const o = <usize>a << 3;
        const distance = f64x2.abs(f64x2.sub(v128.load(row + o), v128.load(anchorLog + o)));
        outsideFirst = v128.or(outsideFirst, f64x2.gt(distance, radiusPair));
        firstSum = f64x2.add(firstSum, f64x2.mul(v128.load(anchorSlope + o), distance));
      }
      let first = start - (f64x2.extract_lane(firstSum, 0) + f64x2.extract_lane(firstSum, 1));
      firstValid = !v128.any_true(outsideFirst);
      if (a < n) {
        const distance = abs<f64>(f64At(row, a) - f64At(anchorLog, a));
        if (distance > radius) firstValid = false;
        first -= f64At(anchorSlope, a) * distance;
      }
      if (firstValid) lower1 = first;
      if (firstValid0 && firstValid) sigma = sigmaFirst;
    }
    const scale = f64At(scalesAt, k);
    if (!(lower1 > 0 && (!bridge || (lower0 > 0 && 2 * lower0 * lower1 >= cutoff * sigma * sigma * scale)))) {
      if (useFirst) {
        // The second bound from here on: what it needs of this step's start (d0), once.
        useFirst = false;
        let sum: f64 = 0;
        for (let a = 0; a < n; a++) {
          const d0 = f64At(rowStart, a) - f64At(anchorLog, a);
          if (!(abs<f64>(d0) < radius)) inBox0 = false;
          if (!((d0 < f64At(up, a) && d0 > f64At(lowerEdge, a)) || d0 == 0)) inRadii0 = false;
          sum += f64At(spread, a) * abs<f64>(d0);
        }
        spread0 = sum;
        if (!inRadii0) {
          useKinks = true;
          kinkSigma = anchorKinkSigma(pool, growth);
        }
      }
      // The second bound at the step end (d): while it lies within the bracket-safe radii every
      // hinge is 0, and the loop leaves the hinges and the box out; at the first step end beyond
      // them the step is taken again with them, and so is every later step of this scan.
      let second: f64 = 0;
      let spread1: f64 = 0;
      let inBox1 = true;
      let inRadii1 = true;
      if (!useKinks) {
        let secondSum = f64x2.splat(0);
        let spreadSums = f64x2.splat(0);
        let outsideRadii = f64x2.splat(0);
        let a = 0;
        for (; a + 1 < n; a += 2) {
          const o = <usize>a << 3;
          const d = f64x2.sub(v128.load(row + o), v128.load(anchorLog + o));
          outsideRadii = v128.or(outsideRadii, v128.not(v128.and(f64x2.lt(d, v128.load(up + o)), f64x2.gt(d, v128.load(lowerEdge + o)))));
          secondSum = f64x2.add(secondSum, f64x2.mul(d, f64x2.add(v128.load(gradient + o), f64x2.mul(v128.load(halfCurvature + o), d))));
          spreadSums = f64x2.add(spreadSums, f64x2.mul(v128.load(spread + o), f64x2.abs(d)));
        }
        second = start + (f64x2.extract_lane(secondSum, 0) + f64x2.extract_lane(secondSum, 1));
        spread1 = f64x2.extract_lane(spreadSums, 0) + f64x2.extract_lane(spreadSums, 1);
        inRadii1 = !v128.any_true(outsideRadii);
        if (a < n) {
          const d = f64At(row, a) - f64At(anchorLog, a);
          if (!(d < f64At(up, a) && d > f64At(lowerEdge, a))) inRadii1 = false;
          second += d * (f64At(gradient, a) + f64At(halfCurvature, a) * d);
          spread1 += f64At(spread, a) * abs<f64>(d);
        }
        if (!inRadii1) {
          useKinks = true;
          kinkSigma = anchorKinkSigma(pool, growth);
        }
      }
      if (useKinks) {
        let secondSum = f64x2.splat(0);
        let spreadSums = f64x2.splat(0);
        let outsideRadii = f64x2.splat(0);
        let outsideBox = f64x2.splat(0);
        let a = 0;
        for (; a + 1 < n; a += 2) {
          const o = <usize>a << 3;
          const upPair = v128.load(up + o);
          const downPair = v128.load(lowerEdge + o);
          const d = f64x2.sub(v128.load(row + o), v128.load(anchorLog + o));
          const distance = f64x2.abs(d);
          outsideBox = v128.or(outsideBox, v128.not(f64x2.lt(distance, radiusPair)));
          outsideRadii = v128.or(outsideRadii, v128.not(v128.and(f64x2.lt(d, upPair), f64x2.gt(d, downPair))));
          // The hinge beyond the radii: max(d − up, −down − d, 0) (pmax: every operand is a number
          // here, as a NaN end already fails the box test).
          const hinge = f64x2.pmax(f64x2.pmax(f64x2.sub(d, upPair), f64x2.sub(downPair, d)), zeroPair);
          secondSum = f64x2.add(secondSum, f64x2.sub(f64x2.mul(d, f64x2.add(v128.load(gradient + o), f64x2.mul(v128.load(halfCurvature + o), d))), f64x2.mul(v128.load(kink + o), hinge)));
          spreadSums = f64x2.add(spreadSums, f64x2.mul(v128.load(spread + o), distance));
        }
        second = start + (f64x2.extract_lane(secondSum, 0) + f64x2.extract_lane(secondSum, 1));
        spread1 = f64x2.extract_lane(spreadSums, 0) + f64x2.extract_lane(spreadSums, 1);
        inBox1 = !v128.any_true(outsideBox);
        inRadii1 = !v128.any_true(outsideRadii);
        if (a < n) {
          const d = f64At(row, a) - f64At(anchorLog, a);
          const upA = f64At(up, a);
          const lowerA = f64At(lowerEdge, a);
          if (!(abs<f64>(d) < radius)) inBox1 = false;
          if (!(d < upA && d > lowerA)) inRadii1 = false;
          const hinge = max<f64>(max<f64>(d - upA, lowerA - d), 0);
          second += d * (f64At(gradient, a) + f64At(halfCurvature, a) * d) - f64At(kink, a) * hinge;
          spread1 += f64At(spread, a) * abs<f64>(d);
        }
      }
      if (inBox0 && inBox1) {
        if (second > lower1) lower1 = second;
        // ‖ḡ‖_Σ <= ½ (‖g0‖_Σ + ‖g1‖_Σ), each end's from the anchor.
        const sigmaSecond = norm + 0.5 * ((inRadii0 ? spread0 : spread0 + kinkSigma) + (inRadii1 ? spread1 : spread1 + kinkSigma));
        if (sigmaSecond < sigma) sigma = sigmaSecond;
      }
      spread0 = spread1;
      inBox0 = inBox1;
      inRadii0 = inRadii1;
      if (!(lower1 > 0)) break;
      if (bridge && !(lower0 > 0 && 2 * lower0 * lower1 >= cutoff * sigma * sigma * scale)) break;
      // A block is tried only after a step skipped with room to spare (see BLOCK_MARGIN).
      blockReady = !bridge || 2 * lower0 * lower1 >= BLOCK_MARGIN * cutoff * sigma * sigma * scale;
    }
    setF64(lowerPrevAt, pool, lower1);
    lower0 = lower1;
    firstValid0 = firstValid;
  }
  return k;
}


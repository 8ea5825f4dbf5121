// The second lazy bound (src/kernel/lazy-bound.ts) is a bound: on random books (linear and
// inverse contracts, brackets, asset collateral, partly closed members), at random anchors and
// random points within its radius δ (inside the bracket-safe radii or beyond them, where the
// kinks count), the exact health is never below h_E + increment − J, and the σ of the bridge,
// ‖ḡ‖_Σ with ḡ the mean of the exact gradients at the step's two ends, never above its σ bound. Plus the radius floor 2 (r − 1) / (r + 1) <= ln r,
// and the kernel's kinks computed after its anchor (assembly/anchor-kinks.ts) equal to the anchor's. (That the kernel's
// skips change no result is held by path-scan.test.ts and differential.test.ts.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorSecondBound, logRatioFloor, secondBoundBlock, secondBoundIncrement, secondBoundSigma, type SecondBoundAnchor } from '../../src/kernel/lazy-bound.js';
import { LAZY_GROWTH, LAZY_RADIUS } from '../../src/kernel/gradient-pools.js';
import type { KernelContext } from '../../src/kernel/kernel-context-types.js';
import type { PathLayout } from '../../src/kernel/path-layout.js';
import { poolHealthAt } from '../../src/kernel/pool-health-kernel.js';
import { partlyClosedContext } from './support/partly-closed-context.js';
import { jumpyModel, MODEL_ASSETS, randomAccountArb, testCorrelationMatrix } from './support/random-books.js';

describe('logRatioFloor', () => {
  it('is below ln r and tight near 1', () => {
    for (const r of [1, 1.0001, 1.01, 1.1, 1.5, 2, 10, 1e6]) expect(logRatioFloor(r)).toBeLessThanOrEqual(Math.log(r));
    expect(logRatioFloor(1.01)).toBeCloseTo(Math.log(1.01), 6);
    expect(logRatioFloor(0.5)).toBe(0);
    expect(logRatioFloor(Infinity)).toBe(2);
  });
});

/** A random account, a member and one of its bracket floors (picked modulo their counts), and the log offset from that floor (`logNearFloor`). */
const memberNearFloorArb = fc.record({ input: randomAccountArb, memberPick: fc.nat(), floorPick: fc.nat(), offset: fc.double({ min: -0.03, max: 0.03, noNaN: true }) });

const model = jumpyModel(4, 2);
const layout: PathLayout = { assets: MODEL_ASSETS, nSteps: 4, stepVariance: model.stepVariance, correlation: testCorrelationMatrix(), hasBars: false };

function emptyAnchor(ctx: KernelContext): SecondBoundAnchor {
  const nA = ctx.book.assetCount;
  const rows = (): Float64Array => new Float64Array(ctx.book.poolCount * nA);
  return { gradient: rows(), curvature: rows(), spread: rows(), up: rows(), down: rows(), kink: rows(), norm: new Float64Array(ctx.book.poolCount), kinkSigma: new Float64Array(ctx.book.poolCount) };
}

/**
 * The log price move of member k's asset that puts its notional at (1 + offset) times one of its
 * bracket floors above the first (`floorPick` chooses which), or null for a member with no such
 * floor, closed, or margined at its entry price.
 */
function logNearFloor(ctx: KernelContext, k: number, floorPick: number, offset: number): number | null {
  const mt = ctx.members;
  const count = mt.bracketCount[k]!;
  const q = ctx.state.memberQuantity[k]!;
  if (mt.entryBasis[k] === 1 || count < 2 || q === 0) return null;
  const target = ctx.book.bracketFloor[mt.bracketStart[k]! + 1 + (floorPick % (count - 1))]! * (1 + offset);
  return mt.inverse[k] === 1 ? Math.log(q / (mt.mark[k]! * target)) : Math.log(target / (q * mt.mark[k]!));
}

/**
 * The context of a `memberNearFloorArb` draw (its account, pools closed as `keep` says), its member
 * k and the log move x that puts k's notional at the drawn offset from the drawn floor; null when
 * k has no floor to be near (`logNearFloor`).
 */
function memberNearFloor(near: { input: Parameters<typeof partlyClosedContext>[0]; memberPick: number; floorPick: number; offset: number }, keep: number[]): { ctx: KernelContext; k: number; x: number } | null {
  const ctx = partlyClosedContext(near.input, layout, keep, 1);
  const k = near.memberPick % ctx.book.memberCount;
  const x = logNearFloor(ctx, k, near.floorPick, near.offset);
  return x === null ? null : { ctx, k, x };
}

/**
 * Anchors pool i's second bound at `anchorLogs` and checks it at the step from d0 to d1 (distances
 * from the anchor, each within `radii` of it: `radii(a, d)` the largest |d| allowed on asset a's
 * side of d): the exact health at d1 is not below the bound, the bridge's σ not above its bound.
 * Returns whether d1 was within the bound's radius (else nothing was checked).
 */
function checkBound(ctx: KernelContext, anchor: SecondBoundAnchor, i: number, anchorLogs: ArrayLike<number>, d0: readonly number[], d1: readonly number[]): boolean {
  const st = ctx.state;
  const nA = ctx.book.assetCount;
  const at = (logs: ArrayLike<number>): Float64Array => Float64Array.from({ length: nA }, (_, a) => Math.exp(logs[a]!));
  const gradient = new Float64Array(nA);
  const slope = new Float64Array(nA);
  const hE = poolHealthAt(ctx, i, at(anchorLogs), gradient, slope);
  anchorSecondBound(anchor, i, nA, gradient, st.inverseSlope, st.radiusUp, st.radiusDown, st.kink, ctx.assetSd, ctx.assetCovariance, LAZY_RADIUS, LAZY_GROWTH);
  const increment = secondBoundIncrement(anchor, i, nA, d1, LAZY_RADIUS);
  if (increment === -Infinity) return false;
  const h1 = poolHealthAt(ctx, i, at(d1.map((d, a) => anchorLogs[a]! + d)), gradient, null);
  const g1 = Float64Array.from(gradient);
  poolHealthAt(ctx, i, at(d0.map((d, a) => anchorLogs[a]! + d)), gradient, null);
  const g0 = Float64Array.from(gradient);
  const scale = Math.abs(hE) + ctx.poolJump[i]! + 1e-9;
  expect(h1, `pool ${i}: exact health vs the bound`).toBeGreaterThanOrEqual(hE + increment - ctx.poolJump[i]! - 1e-12 * scale);
  let v = 0;
  for (let a = 0; a < nA; a++) for (let b = 0; b < nA; b++) v += 0.25 * (g0[a]! + g1[a]!) * ctx.assetCovariance[a * nA + b]! * (g0[b]! + g1[b]!);
  expect(secondBoundSigma(anchor, i, nA, d0, d1), `pool ${i}: σ bound`).toBeGreaterThanOrEqual(Math.sqrt(Math.max(0, v)) * (1 - 1e-12));
  return true;
}

describe('the second lazy bound', () => {
  it('never exceeds the exact health, and its σ never falls below the bridge’s, within its radius', () => {
    let checked = 0;
    let inside = 0;
    fc.assert(
      fc.property(
        randomAccountArb,
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.array(fc.constantFrom(1, 0.5, 0), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        (input, anchorLogs, fractions, keep, inRadii) => {
          const ctx = partlyClosedContext(input, layout, keep, 1);
          const st = ctx.state;
          const nA = ctx.book.assetCount;
          const anchor = emptyAnchor(ctx);
          for (let i = 0; i < ctx.book.poolCount; i++) {
            // Two points within the radius (fractions of it, from the anchor; within the
            // bracket-safe radii when `inRadii`).
            poolHealthAt(ctx, i, Float64Array.from(anchorLogs, Math.exp), new Float64Array(nA), new Float64Array(nA));
            const point = (offset: number): number[] =>
              Array.from({ length: nA }, (_, a) => {
                const f = fractions[offset + a]!;
                if (!inRadii) return f * 0.999 * LAZY_RADIUS;
                return f >= 0 ? f * 0.999 * Math.min(LAZY_RADIUS, st.radiusUp[a]!) : f * 0.999 * Math.min(LAZY_RADIUS, st.radiusDown[a]!);
              });
            checked++;
            if (checkBound(ctx, anchor, i, anchorLogs, point(0), point(3))) inside++;
          }
        },
      ),
      { seed: 20261206, numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(500);
    expect(inside).toBeGreaterThan(200);
  });

  it('holds beyond the radii of members anchored next to a bracket floor (the kinks)', () => {
    let kinked = 0;
    fc.assert(
      fc.property(
        memberNearFloorArb,
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
        fc.constantFrom(0.02, 0.1, 0.4, 1),
        (near, fractions, reach) => {
          // The anchor puts member k's notional within 3 % of one of its bracket floors.
          const picked = memberNearFloor(near, [1]);
          if (picked === null) return;
          const { ctx, k, x } = picked;
          const st = ctx.state;
          const mt = ctx.members;
          const nA = ctx.book.assetCount;
          const anchorLogs = Array.from({ length: nA }, (_, a) => (a === mt.asset[k] ? x : 0));
          const anchor = emptyAnchor(ctx);
          const point = (from: number): number[] => Array.from({ length: nA }, (_, a) => fractions[from + a]! * reach * 0.999 * LAZY_RADIUS);
          for (let i = 0; i < ctx.book.poolCount; i++) {
            if (k < ctx.book.poolMemberStart[i]! || k >= ctx.book.poolMemberStart[i + 1]!) continue;
            checkBound(ctx, anchor, i, anchorLogs, point(0), point(3));
            if (anchor.kink[i * nA + mt.asset[k]!]! > 0) kinked++;
          }
        },
      ),
      { seed: 20261207, numRuns: 400 },
    );
    expect(kinked).toBeGreaterThan(100);
  });

  it('has, in the kernel, the kinks computed later at the anchor that the anchor itself would have had', () => {
    // The gradient kernel anchors without the kinks and computes them once a scan reaches beyond
    // the bracket-safe radii (assembly/anchor-kinks.ts): from the anchor's log prices, with the
    // members' bracket caches left at another point, they must be the anchor's, bit for bit.
    let kinked = 0;
    fc.assert(
      fc.property(
        memberNearFloorArb,
        fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.constantFrom(1, 0.5, 0), { minLength: 8, maxLength: 8 }),
        (near, others, keep) => {
          // Member k's notional within 3 % of one of its bracket floors; the other assets moved.
          const picked = memberNearFloor(near, keep);
          if (picked === null) return;
          const { ctx, k, x } = picked;
          const st = ctx.state;
          const mt = ctx.members;
          const nA = ctx.book.assetCount;
          const anchorLogs = Array.from({ length: nA }, (_, a) => (a === mt.asset[k] ? x : others[a % others.length]!));
          const wasm = ctx.gradientScan;
          for (let i = 0; i < ctx.book.poolCount; i++) {
            if (k < ctx.book.poolMemberStart[i]! || k >= ctx.book.poolMemberStart[i + 1]!) continue;
            const anchor = emptyAnchor(ctx);
            const gradient = new Float64Array(nA);
            poolHealthAt(ctx, i, Float64Array.from(anchorLogs, Math.exp), gradient, new Float64Array(nA));
            anchorSecondBound(anchor, i, nA, gradient, st.inverseSlope, st.radiusUp, st.radiusDown, st.kink, ctx.assetSd, ctx.assetCovariance, LAZY_RADIUS, LAZY_GROWTH);
            for (let a = 0; a < nA; a++) st.factor[a] = Math.exp(-anchorLogs[a]!);
            poolHealthAt(ctx, i, st.factor, null);
            for (let a = 0; a < nA; a++) st.poolAnchorLog[i * nA + a] = anchorLogs[a]!;
            wasm.anchorKinks(i, LAZY_GROWTH);
            const row = (values: Float64Array): string => Buffer.from(values.slice(i * nA, (i + 1) * nA).buffer).toString('hex');
            expect(row(wasm.secondBound.kink), `pool ${i}: kinks`).toBe(row(anchor.kink));
            expect(Object.is(wasm.secondBound.kinkSigma[i], anchor.kinkSigma[i]), `pool ${i}: kinks' σ`).toBe(true);
            if (anchor.kink[i * nA + mt.asset[k]!]! > 0) kinked++;
          }
        },
      ),
      { seed: 20261208, numRuns: 300 },
    );
    expect(kinked).toBeGreaterThan(50);
  });

  it('over a range of step ends (a block) is never above the bound at any point of the range', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        randomAccountArb,
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }),
        fc.constantFrom(0.02, 0.2, 1),
        (input, anchorLogs, fractions, reach) => {
          const ctx = partlyClosedContext(input, layout, [1], 1);
          const st = ctx.state;
          const nA = ctx.book.assetCount;
          const anchor = emptyAnchor(ctx);
          for (let i = 0; i < ctx.book.poolCount; i++) {
            poolHealthAt(ctx, i, Float64Array.from(anchorLogs, Math.exp), new Float64Array(nA), new Float64Array(nA));
            anchorSecondBound(anchor, i, nA, st.gradient, st.inverseSlope, st.radiusUp, st.radiusDown, st.kink, ctx.assetSd, ctx.assetCovariance, LAZY_RADIUS, LAZY_GROWTH);
            // The range spanned by two points, and points within it (the ends, the middle, a third
            // point and the vertex clamped in).
            const a0 = fractions.slice(0, 3).map((f) => f * reach * 0.999 * LAZY_RADIUS);
            const a1 = fractions.slice(3, 6).map((f) => f * reach * 0.999 * LAZY_RADIUS);
            const low = a0.map((x, a) => Math.min(x, a1[a]!));
            const high = a0.map((x, a) => Math.max(x, a1[a]!));
            const block = secondBoundBlock(anchor, i, nA, low, high, LAZY_RADIUS);
            const clamp = (x: number, a: number): number => (Number.isNaN(x) ? low[a]! : Math.min(Math.max(x, low[a]!), high[a]!));
            // (The quadratic's vertex −g / Q, where a convex one is least.)
            const vertex = low.map((_, a) => clamp(-anchor.gradient[i * nA + a]! / anchor.curvature[i * nA + a]!, a));
            const inside = [low, high, low.map((x, a) => 0.5 * (x + high[a]!)), fractions.slice(6, 9).map((f, a) => clamp(f * LAZY_RADIUS, a)), vertex];
            for (const d of inside) {
              const increment = secondBoundIncrement(anchor, i, nA, d, LAZY_RADIUS);
              if (block === -Infinity) continue;
              expect(block, `pool ${i}: block bound vs the point's`).toBeLessThanOrEqual(increment + 1e-9 * (Math.abs(increment) + 1));
              checked++;
            }
          }
        },
      ),
      { seed: 20261208, numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(300);
  });

  it('over a range takes a convex quadratic at its vertex inside the range', () => {
    const one = (x: number): Float64Array => Float64Array.of(x);
    const anchor: SecondBoundAnchor = { gradient: one(0.1), curvature: one(2), spread: one(0), up: one(LAZY_RADIUS), down: one(LAZY_RADIUS), kink: one(0), norm: one(0), kinkSigma: one(0) };
    // g d + ½ Q d² = 0.1 d + d², least at d = −0.05: −0.0025 (the ends −0.1 and 0.1 give 0.0 and 0.02).
    expect(secondBoundBlock(anchor, 0, 1, [-0.1], [0.1], LAZY_RADIUS)).toBeCloseTo(-0.0025, 15);
    expect(secondBoundBlock(anchor, 0, 1, [-0.2], [0.3], LAZY_RADIUS)).toBe(-Infinity);
  });
});


// The two-factor probe: on every Monte Carlo path the kernel runs, whether one cross pool, held
// as it is now (no liquidation, every other price at its mark), reaches its joint liquidation
// boundary along the path's prices of two assets. The joint-boundary analysis reports this hit
// probability beside its grid; counting it in the kernel, on the paths the kernel already
// generated (on the worker threads), replaces a second serial pass that drew every path again.
//
//   h(fA, fB) = C + V_A fA + V_B fB + Σ_{members on A} g_k(fA) + Σ_{members on B} g_k(fB)
//   g_k(f)   = PnL_k(mark_k f) − MM_k(mark_k f)          (the member's initial quantity)
//   hit      ⇔ h(1, 1) <= tol, or h(fA_k, fB_k) <= tol at some step end k = 1 … nSteps
// with C the cash, the collateral in other assets and the health of the members on other assets
// at their marks, V_A and V_B the collateral moving with A and B, fA_k = exp(Σ_{i<=k} r_A,i) from
// the path's log returns, and tol = HEALTH_TOLERANCE × max(1, |C|, |V_A|, |V_B|): the same surface
// and test as boundary/two-factor-health.ts (`liquidatable`), in the kernel's arithmetic.
// Steps are skipped exactly by the second lazy bound of the gradient pools (lazy-bound.ts), in
// the two moving assets: from the last step evaluated (the anchor E),
//   h(x_E + d) >= h_E + Σ_{a ∈ A, B} (g_a d_a + ½ Q_a d_a²) − slack   while d stays within the radii,
// so a step whose bound is above tol is no hit, and is not evaluated.

import { HEALTH_TOLERANCE } from '../margin/pool-valuation.js';
import { NO_ASSET, type CompiledBook } from './compiled-book.js';
import { LAZY_GROWTH, LAZY_RADIUS } from './gradient-pools.js';
import { logRatioFloor } from './lazy-bound.js';
import type { PathScan } from './path-scan.js';

/** Which pool and which two assets (kernel indices); plain data, posted to worker threads. */
export interface TwoFactorProbe {
  readonly pool: number;
  readonly firstAsset: number;
  readonly secondAsset: number;
}

/** The probe compiled against a book once per context: constants and the moving members. */
export interface CompiledTwoFactorProbe {
  /** The two assets (kernel indices) and their path columns. */
  readonly firstAsset: number;
  readonly secondAsset: number;
  readonly firstColumn: number;
  readonly secondColumn: number;
  readonly constant: number;
  readonly valueFirst: number;
  readonly valueSecond: number;
  readonly tolerance: number;
  /** Members of the pool on the first asset, then on the second: [0, split) and [split, length). */
  readonly members: Int32Array;
  readonly split: number;
  /** Each member's bracket at its last evaluation (a walk start; never changes a result). */
  readonly bracket: Int32Array;
  readonly liquidatedNow: boolean;
  /** Per side (first, second), ANCHOR_STRIDE values: the lazy bound's sums at the last evaluation (see `memberHealthAt`). */
  readonly sums: Float64Array;
  /** The anchor: [x_A, x_B, h_E, slack, then per side g, Q, up, down]. */
  readonly anchor: Float64Array;
  /** The anchor at the marks now (x = 0), where every path starts. */
  readonly startAnchor: Float64Array;
}

/** Per side in `sums`: [P (e^x part of the gradient), M (e^−x part), up radius, down radius, gross size]. */
const ANCHOR_STRIDE = 5;

/**
 * g_k(f) of member k with its initial quantity (kernel `memberPnlAt` − `memberMaintenanceAt`, the
 * bracket found by walking from `bracket[slot]`). With `sums`, adds the member's part of the lazy
 * bound's anchor at `sums[at …]` (as `poolHealthAt` with slopes: P, M, bracket-safe radii) and
 * its gross size (|PnL| + notionals, for the rounding slack).
 */
function memberHealthAt(book: CompiledBook, k: number, f: number, bracket: Int32Array, slot: number, sums: Float64Array | null, at: number): number {
  const j = book.memberPosition[k]!;
  const s = book.memberSchedule[k]!;
  const q = book.positionQuantity[j]!;
  if (q === 0) return 0;
  const inverse = book.positionInverse[j] === 1;
  const entry = book.positionEntry[j]!;
  const price = book.positionMark[j]! * f;
  const sign = book.positionSign[j]!;
  const pnl = inverse ? sign * q * (1 / entry - 1 / price) : sign * q * (price - entry);
  const entryBasis = book.scheduleEntryBasis[s] === 1;
  const basis = entryBasis ? entry : price;
  const notional = inverse ? q / basis : q * basis;
  const start = book.scheduleBracketStart[s]!;
  const count = book.scheduleBracketCount[s]!;
  let b = bracket[slot]!;
  while (b + 1 < count && notional >= book.bracketFloor[start + b + 1]!) b++;
  while (b > 0 && notional < book.bracketFloor[start + b]!) b--;
  bracket[slot] = b;
  const rate = book.bracketRate[start + b]!;
  const raw = notional * rate - book.bracketAmount[start + b]!;
  const feeRate = book.scheduleFeeReserveRate[s]!;
  if (sums !== null) {
    const slopeRate = entryBasis ? 0 : (raw > 0 ? rate : 0) + feeRate;
    if (inverse) sums[at + 1]! -= (sign * q) / price + slopeRate * notional;
    else sums[at]! += sign * q * price - slopeRate * notional;
    if (!entryBasis) {
      let above = 0;
      let below = 0;
      if (raw > 0) {
        const upper = b + 1 < count ? book.bracketFloor[start + b + 1]! : Infinity;
        const lower = Math.max(b > 0 ? book.bracketFloor[start + b]! : 0, rate > 0 ? book.bracketAmount[start + b]! / rate : 0);
        above = logRatioFloor(upper / notional);
        below = lower > 0 ? logRatioFloor(notional / lower) : Infinity;
      }
      sums[at + 2] = Math.min(sums[at + 2]!, inverse ? below : above);
      sums[at + 3] = Math.min(sums[at + 3]!, inverse ? above : below);
    }
    sums[at + 4]! += Math.abs(pnl) + notional + (inverse ? q / price : q * price);
  }
  return pnl - ((raw > 0 ? raw : 0) + notional * feeRate + book.scheduleFeeReserveAmount[s]!);
}

/** Compile `probe` for `book`, whose assets sit in path columns `assetColumn`. */
export function compileTwoFactorProbe(book: CompiledBook, assetColumn: Int32Array, probe: TwoFactorProbe): CompiledTwoFactorProbe {
  const { pool, firstAsset, secondAsset } = probe;
  if (!(pool >= 0 && pool < book.poolCount) || firstAsset === secondAsset || !(firstAsset >= 0 && firstAsset < book.assetCount) || !(secondAsset >= 0 && secondAsset < book.assetCount)) {
    throw new Error(`compileTwoFactorProbe: pool ${pool} and assets ${firstAsset}, ${secondAsset} must exist and the assets differ`);
  }
  const onFirst: number[] = [];
  const onSecond: number[] = [];
  const others: number[] = [];
  for (let k = book.poolMemberStart[pool]!; k < book.poolMemberStart[pool + 1]!; k++) {
    const a = book.positionAsset[book.memberPosition[k]!]!;
    (a === firstAsset ? onFirst : a === secondAsset ? onSecond : others).push(k);
  }
  const scratch = new Int32Array(1);
  let otherHealth = 0;
  for (const k of others) {
    scratch[0] = 0;
    otherHealth += memberHealthAt(book, k, 1, scratch, 0, null, 0);
  }
  let constant = book.poolCash[pool]! + otherHealth;
  let valueFirst = 0;
  let valueSecond = 0;
  for (let c = book.poolCollateralStart[pool]!; c < book.poolCollateralStart[pool + 1]!; c++) {
    const a = book.collateralAsset[c]!;
    const value = book.collateralValue0[c]!;
    if (a !== NO_ASSET && a === firstAsset) valueFirst += value;
    else if (a !== NO_ASSET && a === secondAsset) valueSecond += value;
    else constant += value;
  }
  const members = Int32Array.from([...onFirst, ...onSecond]);
  const compiled: CompiledTwoFactorProbe = {
    firstAsset,
    secondAsset,
    firstColumn: assetColumn[firstAsset]!,
    secondColumn: assetColumn[secondAsset]!,
    constant,
    valueFirst,
    valueSecond,
    tolerance: HEALTH_TOLERANCE * Math.max(1, Math.abs(constant), Math.abs(valueFirst), Math.abs(valueSecond)),
    members,
    split: onFirst.length,
    bracket: new Int32Array(members.length),
    liquidatedNow: false,
    sums: new Float64Array(2 * ANCHOR_STRIDE),
    anchor: new Float64Array(12),
    startAnchor: new Float64Array(12),
  };
  const h = anchorAt(book, compiled, 0, 0);
  compiled.startAnchor.set(compiled.anchor);
  return { ...compiled, liquidatedNow: h <= compiled.tolerance };
}

/**
 * h at log factors (xA, xB), evaluated exactly (`twoFactorHealth`), and the lazy bound anchored
 * there (lazy-bound.ts: g = P − M, Q = min(P e^∓δ) + min(M e^∓δ), radii capped at δ).
 */
function anchorAt(book: CompiledBook, probe: CompiledTwoFactorProbe, xA: number, xB: number): number {
  const sums = probe.sums;
  for (let at = 0; at < 2 * ANCHOR_STRIDE; at += ANCHOR_STRIDE) {
    sums[at] = 0;
    sums[at + 1] = 0;
    sums[at + 2] = Infinity;
    sums[at + 3] = Infinity;
    sums[at + 4] = 0;
  }
  const fA = Math.exp(xA);
  const fB = Math.exp(xB);
  const h = twoFactorHealth(book, probe, fA, fB, sums);
  const anchor = probe.anchor;
  anchor[0] = xA;
  anchor[1] = xB;
  anchor[2] = h;
  let gross = Math.abs(probe.constant) + Math.abs(h);
  for (let side = 0; side < 2; side++) {
    const at = side * ANCHOR_STRIDE;
    const p = sums[at]! + (side === 0 ? probe.valueFirst * fA : probe.valueSecond * fB);
    const m = sums[at + 1]!;
    gross += sums[at + 4]! + Math.abs(side === 0 ? probe.valueFirst * fA : probe.valueSecond * fB);
    anchor[4 + 4 * side] = p - m;
    anchor[5 + 4 * side] = (p < 0 ? p * LAZY_GROWTH : p / LAZY_GROWTH) + (m < 0 ? m * LAZY_GROWTH : m / LAZY_GROWTH);
    anchor[6 + 4 * side] = Math.min(LAZY_RADIUS, sums[at + 2]!);
    anchor[7 + 4 * side] = Math.min(LAZY_RADIUS, sums[at + 3]!);
  }
  // Rounding slack: 1e-9 of the amounts the health sums (as the kernel's poolJump).
  anchor[3] = 1e-9 * Math.max(1, gross);
  return h;
}

/** h(fA, fB) of the compiled probe (with `sums`, the lazy bound's sums of its members, see `memberHealthAt`). */
export function twoFactorHealth(book: CompiledBook, probe: CompiledTwoFactorProbe, fA: number, fB: number, sums: Float64Array | null = null): number {
  let first = 0;
  for (let i = 0; i < probe.split; i++) first += memberHealthAt(book, probe.members[i]!, fA, probe.bracket, i, sums, 0);
  let second = 0;
  for (let i = probe.split; i < probe.members.length; i++) second += memberHealthAt(book, probe.members[i]!, fB, probe.bracket, i, sums, ANCHOR_STRIDE);
  return probe.constant + probe.valueFirst * fA + probe.valueSecond * fB + first + second;
}

/**
 * True when the path in `logReturns` (`[step × columns + column]`, `nSteps` steps) hits the
 * boundary. The anchor is held in locals between evaluations (the compiler cannot keep it in
 * registers itself: `anchor` and `logReturns` are both f64 arrays, so a store to one might be
 * the other); the arithmetic is the bound's as written.
 */
export function twoFactorProbeHit(book: CompiledBook, probe: CompiledTwoFactorProbe, logReturns: Float64Array, columns: number, nSteps: number): boolean {
  if (probe.liquidatedNow) return true;
  const anchor = probe.anchor;
  anchor.set(probe.startAnchor);
  const tolerance = probe.tolerance;
  const firstColumn = probe.firstColumn;
  const secondColumn = probe.secondColumn;
  let logA = 0;
  let logB = 0;
  let k = 0;
  for (;;) {
    // The anchor, until the next exact evaluation moves it.
    const xA = anchor[0]!;
    const xB = anchor[1]!;
    const hE = anchor[2]!;
    const slack = anchor[3]!;
    const gA = anchor[4]!;
    const qA = anchor[5]!;
    const upA = anchor[6]!;
    const downA = anchor[7]!;
    const gB = anchor[8]!;
    const qB = anchor[9]!;
    const upB = anchor[10]!;
    const downB = anchor[11]!;
    for (; k < nSteps; k++) {
      logA += logReturns[k * columns + firstColumn]!;
      logB += logReturns[k * columns + secondColumn]!;
      const dA = logA - xA;
      const dB = logB - xB;
      if (!(dA < upA && dA > -downA && dB < upB && dB > -downB)) break;
      const lower = hE + dA * (gA + 0.5 * qA * dA) + dB * (gB + 0.5 * qB * dB) - slack;
      if (!(lower > tolerance)) break;
    }
    if (k >= nSteps) return false;
    // Step k is not decided by the bound: evaluate it exactly (and anchor there).
    if (anchorAt(book, probe, logA, logB) <= tolerance) return true;
    k++;
  }
}

/**
 * `twoFactorProbeHit` on the path the kernel just ran (its cumulative log returns in
 * `scan.cumulativePath`, `cumulatePath`): the lazy test over the steps in WebAssembly
 * (`PathScan.probeScan`, the same arithmetic), the exact evaluations here. The same answer.
 */
export function twoFactorProbeHitOnPath(book: CompiledBook, probe: CompiledTwoFactorProbe, scan: PathScan, nSteps: number): boolean {
  if (probe.liquidatedNow) return true;
  const anchor = probe.anchor;
  anchor.set(probe.startAnchor);
  const nA = book.assetCount;
  const path = scan.cumulativePath;
  for (let k = 0; ; k++) {
    k = scan.probeScan(nA, probe.firstAsset, probe.secondAsset, k, anchor, probe.tolerance);
    if (k >= nSteps) return false;
    // Step k is not decided by the bound: evaluate it exactly (and anchor there).
    if (anchorAt(book, probe, path[(k + 1) * nA + probe.firstAsset]!, path[(k + 1) * nA + probe.secondAsset]!) <= probe.tolerance) return true;
  }
}

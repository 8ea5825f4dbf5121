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

import { HEALTH_TOLERANCE } from '../margin/pool-valuation.js';
import { NO_ASSET, type CompiledBook } from './compiled-book.js';

/** Which pool and which two assets (kernel indices); plain data, posted to worker threads. */
export interface TwoFactorProbe {
  readonly pool: number;
  readonly firstAsset: number;
  readonly secondAsset: number;
}

/** The probe compiled against a book once per context: constants and the moving members. */
export interface CompiledTwoFactorProbe {
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
}

/**
 * g_k(f) of member k with its initial quantity (kernel `memberPnlAt` − `memberMaintenanceAt`, the
 * bracket found by walking from `bracket[slot]`).
 */
function memberHealthAt(book: CompiledBook, k: number, f: number, bracket: Int32Array, slot: number): number {
  const j = book.memberPosition[k]!;
  const s = book.memberSchedule[k]!;
  const q = book.positionQuantity[j]!;
  if (q === 0) return 0;
  const inverse = book.positionInverse[j] === 1;
  const entry = book.positionEntry[j]!;
  const price = book.positionMark[j]! * f;
  const pnl = inverse ? book.positionSign[j]! * q * (1 / entry - 1 / price) : book.positionSign[j]! * q * (price - entry);
  const basis = book.scheduleEntryBasis[s] === 1 ? entry : price;
  const notional = inverse ? q / basis : q * basis;
  const start = book.scheduleBracketStart[s]!;
  const count = book.scheduleBracketCount[s]!;
  let b = bracket[slot]!;
  while (b + 1 < count && notional >= book.bracketFloor[start + b + 1]!) b++;
  while (b > 0 && notional < book.bracketFloor[start + b]!) b--;
  bracket[slot] = b;
  const raw = notional * book.bracketRate[start + b]! - book.bracketAmount[start + b]!;
  return pnl - ((raw > 0 ? raw : 0) + notional * book.scheduleFeeReserveRate[s]! + book.scheduleFeeReserveAmount[s]!);
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
    otherHealth += memberHealthAt(book, k, 1, scratch, 0);
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
  };
  return { ...compiled, liquidatedNow: twoFactorHealth(book, compiled, 1, 1) <= compiled.tolerance };
}

/** h(fA, fB) of the compiled probe. */
export function twoFactorHealth(book: CompiledBook, probe: CompiledTwoFactorProbe, fA: number, fB: number): number {
  let first = 0;
  for (let i = 0; i < probe.split; i++) first += memberHealthAt(book, probe.members[i]!, fA, probe.bracket, i);
  let second = 0;
  for (let i = probe.split; i < probe.members.length; i++) second += memberHealthAt(book, probe.members[i]!, fB, probe.bracket, i);
  return probe.constant + probe.valueFirst * fA + probe.valueSecond * fB + first + second;
}

/** True when the path in `logReturns` (`[step × columns + column]`, `nSteps` steps) hits the boundary. */
export function twoFactorProbeHit(book: CompiledBook, probe: CompiledTwoFactorProbe, logReturns: Float64Array, columns: number, nSteps: number): boolean {
  if (probe.liquidatedNow) return true;
  let logA = 0;
  let logB = 0;
  for (let k = 0; k < nSteps; k++) {
    logA += logReturns[k * columns + probe.firstColumn]!;
    logB += logReturns[k * columns + probe.secondColumn]!;
    if (twoFactorHealth(book, probe, Math.exp(logA), Math.exp(logB)) <= probe.tolerance) return true;
  }
  return false;
}

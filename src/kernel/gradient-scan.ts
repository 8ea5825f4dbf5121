// The host of the gradient-pool kernel (AssemblyScript source: assembly/gradient-scan.ts): lays
// out on the path scan's WebAssembly memory what the kernel reads (the member table, brackets,
// collateral, per-pool health, gradient and anchors) and instantiates it there. The mutable
// arrays the TypeScript side shares with it (member quantities, pool cash, the gradient pools'
// health, gradient and anchor) are typed-array views on that memory, so the kernel state holds
// the very same arrays; the book's constant fields are copied in once per kernel context (the
// members and brackets as records, member-record.ts, written by gradient-scan-records.ts).
//
// `run(pool, k0)` is the step loop of a gradient pool in `stepsByAsset`
// (path-kernel.ts): it returns the first step from k0 with a trigger, or nSteps; every step before
// it was skipped by the lazy bound or evaluated exactly, to the same bits as `gradientStep` would,
// thresholds drawn as `thresholdLow` draws them (from a table of each pool's keys,
// `firstLowerKey` and `poolEventKey`). At the trigger step it has found the trigger point as
// `segmentTrigger` / `bridgeTrigger` would (assembly/crossing-point.ts), and TypeScript executes
// the liquidation (`gradientTriggerStep`).

import { NO_ASSET, type CompiledBook } from './compiled-book.js';
import { CROSSING_EXPONENT_CUTOFF } from './monitoring-limits.js';
import type { SecondBoundAnchor } from './lazy-bound.js';
import type { MemberTable } from './member-table.js';
import { writeCovariancePairs, writeMemberRecords, writePlainPools } from './gradient-scan-records.js';
import { BRACKET_RECORD_BYTES, MEMBER_RECORD_BYTES } from './member-record.js';
import { KEPT_ROWS, KEPT_SCALARS } from './path-start-record.js';
import { firstLowerKey, poolEventKey } from './threshold-keys.js';
import type { PathScan } from './path-scan.js';
import { compileWasmBase64, instantiateWasm, type CompiledWasm } from '../scenarios/wasm-runtime.js';
import { gradientScanWasm } from './gradient-scan-binary.js';

let compiled: CompiledWasm | null = null;

/** The byte blocks of the layout, in order: [name, bytes]. */
function blocks(book: CompiledBook): [string, number][] {
  const nA = book.assetCount;
  const nP = book.poolCount;
  const nM = book.memberCount;
  const nC = book.collateralAsset.length;
  const nB = book.bracketFloor.length;
  return [
    ['sd', 8 * nA],
    ['covariancePairs', 16 * Math.ceil(nA / 2) * nA],
    ['covarianceProduct', 8 * (nA + 1)],
    ['factor', 8 * nA],
    ['trial', 8 * nA],
    ['gradient', 8 * nA],
    ['slope', 8 * nA],
    ['mid', 8 * nA],
    ['inverseSlope', 8 * nA],
    ['up', 8 * nA],
    ['down', 8 * nA],
    ['kink', 8 * nA],
    ['scanHalfCurvature', 8 * nA],
    ['scanLowerEdge', 8 * nA],
    ['kinkFactor', 8 * nA],
    ['result', 40],
    ['trialLog', 8 * nA],
    ['triggerLog', 8 * nA],
    ['baseLog', 8 * nA],
    ['direction', 8 * nA],
    ['hostFactor', 8 * nA],
    ['hostTrialFactor', 8 * nA],
    ['hostTriggerFactor', 8 * nA],
    ['memberStart', 4 * (nP + 1)],
    ['collateralStart', 4 * (nP + 1)],
    ['cash', 8 * nP],
    ['collateralScale', 8 * nP],
    ['jump', 8 * nP],
    ['roundingScale', 8 * nP],
    ['healthPrev', 8 * nP],
    ['gradientPrev', 8 * nP * nA],
    ['anchorHealth', 8 * nP],
    ['anchorSigma', 8 * nP],
    ['lowerPrev', 8 * nP],
    ['anchorGradient', 8 * nP * nA],
    ['anchorCurvature', 8 * nP * nA],
    ['anchorSpread', 8 * nP * nA],
    ['anchorUp', 8 * nP * nA],
    ['anchorDown', 8 * nP * nA],
    ['anchorNorm', 8 * nP],
    ['anchorKink', 8 * nP * nA],
    ['anchorKinkSigma', 8 * nP],
    ['normGradient', 8 * nP * nA],
    ['normExact', 8 * nP],
    ['fresh', nP],
    ['plainPools', nP],
    ['kinksPending', nP],
    ['firstKey', 4 * nP],
    ['eventKey', 4 * nP],
    ['members', MEMBER_RECORD_BYTES * nM],
    ['quantity', 8 * nM],
    ['collateralAsset', 4 * nC],
    ['collateralValue', 8 * nC],
    ['brackets', BRACKET_RECORD_BYTES * nB],
    // One record per pool that can be a gradient pool (no barrier asset), for its state after step 0.
    ['keptStart', keptRecordBytes(nA) * gradientPoolCount(book)],
  ];
}

/** Bytes of one pool's record of its state after step 0 (path-start-record.ts). */
function keptRecordBytes(nA: number): number {
  return 8 * (KEPT_SCALARS + KEPT_ROWS * nA);
}

/** Pools of the book without a barrier asset: every gradient pool a kernel context can have. */
function gradientPoolCount(book: CompiledBook): number {
  let count = 0;
  for (let i = 0; i < book.poolCount; i++) if (book.poolBarrierAsset[i] === NO_ASSET) count++;
  return count;
}

const align8 = (bytes: number): number => Math.ceil(bytes / 8) * 8;

/** Bytes the kernel needs on the path scan's memory for `book` (PathScan's `extraBytes`). */
export function gradientScanBytes(book: CompiledBook): number {
  return blocks(book).reduce((sum, [, bytes]) => sum + align8(bytes), 0);
}

type GradientScanFunction = (pool: number, k0: number, bridge: number, cutoff: number, radius: number, growth: number, word0: number, word1: number) => number;

/** The kernel on one kernel context's memory (see the file header). */
export class GradientScan {
  readonly memberQuantity: Float64Array;
  readonly poolCash: Float64Array;
  readonly poolCollateralScale: Float64Array;
  readonly poolHealthPrev: Float64Array;
  readonly poolGradientPrev: Float64Array;
  readonly poolFreshPrev: Uint8Array;
  readonly poolAnchorHealth: Float64Array;
  readonly poolAnchorSigma: Float64Array;
  readonly poolLowerPrev: Float64Array;
  /** The kernel state's price factor buffers (`factor`, `trialFactor`, `triggerFactor`), on this memory so `health` can read them. */
  readonly hostFactor: Float64Array;
  readonly hostTrialFactor: Float64Array;
  readonly hostTriggerFactor: Float64Array;
  /** What `health` leaves: the gradient and slope bounds (nA each), and with the slopes the e^−x part of the gradient, the bracket-safe radii and the kinks (lazy-bound.ts). */
  readonly gradient: Float64Array;
  readonly slope: Float64Array;
  readonly inverse: Float64Array;
  readonly radiusUp: Float64Array;
  readonly radiusDown: Float64Array;
  readonly kink: Float64Array;
  /** The gradient pools' second lazy bound at their anchors (lazy-bound.ts), on this memory. */
  readonly secondBound: SecondBoundAnchor;
  /** The memory's buffer (a factor array on it can be passed to `health`). */
  readonly buffer: ArrayBufferLike;
  /** The trigger the kernel found at the step `run` stopped at (log prices; its factors are in `hostTriggerFactor`). */
  readonly triggerLog: Float64Array;
  /** [position-steps evaluated exactly, pool-steps skipped, equity, maintenance, trigger unresolved]. */
  private readonly result: Float64Array;
  private readonly scanFunction: GradientScanFunction;
  private readonly thresholdFunction: (pool: number, word0: number, word1: number) => number;
  private readonly triggerFunction: (pool: number, bridge: number, h0: number, h1: number, varianceScale: number, radius: number, growth: number) => number;
  private readonly path: Float64Array;
  private readonly mid: Float64Array;
  private readonly healthFunction: (pool: number, factor: number, withGradient: number, withSlope: number) => number;
  private readonly slopeFunction: (pool: number, factor: number) => void;
  private readonly kinksFunction: (pool: number, growth: number) => void;
  private readonly copyStartFunction: (pool: number, record: number, save: number) => void;
  private readonly factorsFunction: (logs: number, factors: number) => void;
  /** The first kept record (see `copyPathStart`), and the bytes of each. */
  private readonly keptAt: number;
  private readonly keptBytes: number;
  private readonly keptCount: number;

  /** `assetSd`, `assetCovariance` (nA × nA), `poolJump`, `poolRoundingScale`: as in the kernel context. */
  constructor(scan: PathScan, book: CompiledBook, members: MemberTable, nSteps: number, assetSd: Float64Array, assetCovariance: Float64Array, poolJump: Float64Array, poolRoundingScale: Float64Array) {
    const buffer = scan.wasmMemory.f64.buffer;
    const at: Record<string, number> = {};
    let next = scan.addresses.extraAt;
    for (const [name, bytes] of blocks(book)) {
      if (name in at) throw new Error(`GradientScan: two blocks named ${name}`);
      at[name] = next;
      next += align8(bytes);
    }
    const f64 = (name: string, length: number): Float64Array => new Float64Array(buffer, at[name]!, length);
    const i32 = (name: string, length: number): Int32Array => new Int32Array(buffer, at[name]!, length);
    const u8 = (name: string, length: number): Uint8Array => new Uint8Array(buffer, at[name]!, length);
    const nA = book.assetCount;
    const nP = book.poolCount;
    const nM = book.memberCount;
    const nC = book.collateralAsset.length;
    f64('sd', nA).set(assetSd);
    writeCovariancePairs(f64('covariancePairs', 2 * Math.ceil(nA / 2) * nA), assetCovariance, nA);
    i32('memberStart', nP + 1).set(book.poolMemberStart);
    i32('collateralStart', nP + 1).set(book.poolCollateralStart);
    f64('jump', nP).set(poolJump);
    f64('roundingScale', nP).set(poolRoundingScale);
    writeMemberRecords(buffer, at['members']!, at['brackets']!, book, members);
    i32('collateralAsset', nC).set(book.collateralAsset);
    f64('collateralValue', nC).set(book.collateralValue0);
    const firstKey = i32('firstKey', nP);
    const eventKey = i32('eventKey', nP);
    for (let i = 0; i < nP; i++) {
      firstKey[i] = firstLowerKey(book, i);
      eventKey[i] = poolEventKey(book, i);
    }
    this.memberQuantity = f64('quantity', nM);
    this.poolCash = f64('cash', nP);
    this.poolCollateralScale = f64('collateralScale', nP);
    this.poolHealthPrev = f64('healthPrev', nP);
    this.poolGradientPrev = f64('gradientPrev', nP * nA);
    this.poolFreshPrev = u8('fresh', nP);
    this.poolAnchorHealth = f64('anchorHealth', nP);
    this.poolAnchorSigma = f64('anchorSigma', nP);
    this.poolLowerPrev = f64('lowerPrev', nP);
    this.result = f64('result', 5);
    this.triggerLog = f64('triggerLog', nA);
    this.hostFactor = f64('hostFactor', nA);
    this.hostTrialFactor = f64('hostTrialFactor', nA);
    this.hostTriggerFactor = f64('hostTriggerFactor', nA);
    this.gradient = f64('gradient', nA);
    this.slope = f64('slope', nA);
    this.inverse = f64('inverseSlope', nA);
    this.radiusUp = f64('up', nA);
    this.radiusDown = f64('down', nA);
    this.kink = f64('kink', nA);
    this.secondBound = {
      gradient: f64('anchorGradient', nP * nA),
      curvature: f64('anchorCurvature', nP * nA),
      spread: f64('anchorSpread', nP * nA),
      up: f64('anchorUp', nP * nA),
      down: f64('anchorDown', nP * nA),
      norm: f64('anchorNorm', nP),
      kink: f64('anchorKink', nP * nA),
      kinkSigma: f64('anchorKinkSigma', nP),
    };
    this.buffer = buffer;

    compiled ??= compileWasmBase64(gradientScanWasm);
    const exports = instantiateWasm(compiled, scan.wasmMemory);
    const a = scan.addresses;
    (exports['setup'] as (...args: number[]) => void)(a.path, a.scales, nA, nSteps, at['sd']!, at['covariancePairs']!, at['covarianceProduct']!, at['factor']!, at['trial']!, at['gradient']!, at['slope']!, at['mid']!, at['result']!);
    (exports['setPools'] as (...args: number[]) => void)(
      at['memberStart']!,
      at['collateralStart']!,
      at['cash']!,
      at['collateralScale']!,
      at['jump']!,
      at['healthPrev']!,
      at['gradientPrev']!,
      at['fresh']!,
      at['anchorHealth']!,
      at['anchorSigma']!,
      a.anchorLog,
      a.anchorSlope,
      at['lowerPrev']!,
      a.survivalLow,
      a.thresholdLow,
    );
    writePlainPools(u8('plainPools', nP), book, members);
    (exports['setMembers'] as (...args: number[]) => void)(at['members']!, at['quantity']!, at['collateralAsset']!, at['collateralValue']!, at['plainPools']!);
    (exports['setBounds'] as (...args: number[]) => void)(
      at['inverseSlope']!,
      at['up']!,
      at['down']!,
      at['anchorGradient']!,
      at['anchorCurvature']!,
      at['anchorSpread']!,
      at['anchorUp']!,
      at['anchorDown']!,
      at['anchorNorm']!,
      at['normGradient']!,
      at['normExact']!,
      ...[at['kink']!, at['anchorKink']!, at['anchorKinkSigma']!],
    );
    (exports['setScan'] as (...args: number[]) => void)(at['scanHalfCurvature']!, at['scanLowerEdge']!, at['kinkFactor']!, at['kinksPending']!);
    (exports['setKeys'] as (...args: number[]) => void)(a.events, at['firstKey']!, at['eventKey']!);
    (exports['setLines'] as (...args: number[]) => void)(at['trialLog']!, at['triggerLog']!, at['hostTriggerFactor']!, at['baseLog']!, at['direction']!, at['roundingScale']!);
    this.scanFunction = exports['gradientScan'] as GradientScanFunction;
    this.thresholdFunction = exports['drawThreshold'] as (pool: number, word0: number, word1: number) => number;
    this.triggerFunction = exports['triggerOnFirstStep'] as (pool: number, bridge: number, h0: number, h1: number, varianceScale: number, radius: number, growth: number) => number;
    this.path = new Float64Array(buffer, a.path, 2 * nA);
    this.mid = f64('mid', nA);
    this.healthFunction = exports['poolHealth'] as (pool: number, factor: number, withGradient: number, withSlope: number) => number;
    this.slopeFunction = exports['slopeBounds'] as (pool: number, factor: number) => void;
    this.kinksFunction = exports['anchorKinksNow'] as (pool: number, growth: number) => void;
    this.copyStartFunction = exports['copyPoolStart'] as (pool: number, record: number, save: number) => void;
    this.factorsFunction = exports['priceFactors'] as (logs: number, factors: number) => void;
    this.keptAt = at['keptStart']!;
    this.keptBytes = keptRecordBytes(nA);
    this.keptCount = gradientPoolCount(book);
  }

  /**
   * Keep (`save`) gradient pool `pool`'s state after step 0 (health, gradient, lazy anchors: the
   * live arrays the kernel shares with the state) in record `slot` (0 … its gradient pools − 1),
   * or restore it from there; marks the pool fresh (assembly/path-start-copy.ts).
   */
  copyPathStart(pool: number, slot: number, save: boolean): void {
    if (!(slot >= 0 && slot < this.keptCount)) throw new Error(`GradientScan.copyPathStart: no record ${slot} (of ${this.keptCount})`);
    this.copyStartFunction(pool, this.keptAt + slot * this.keptBytes, save ? 1 : 0);
  }

  /**
   * Health of `pool` at `factor` (a Float64Array on this memory, see `buffer`), as `poolHealthAt`: [equity, maintenance] into
   * `values`; the gradient left in `gradient` when `withGradient`, the slope outputs too when `withSlope` (which needs `withGradient`).
   */
  health(pool: number, factor: Float64Array, withGradient: boolean, withSlope: boolean, values: Float64Array): number {
    const h = this.healthFunction(pool, factor.byteOffset, withGradient ? 1 : 0, withSlope ? 1 : 0);
    values[0] = this.result[2]!;
    values[1] = this.result[3]!;
    return h;
  }

  /** `health` with the slope outputs but no kinks (`kink` not written), as the kernel's own anchors take them, for its tests. */
  healthWithoutKinks(pool: number, factor: Float64Array, values: Float64Array): number {
    const h = this.healthFunction(pool, factor.byteOffset, 1, 2);
    values[0] = this.result[2]!;
    values[1] = this.result[3]!;
    return h;
  }

  /** The kernel's price factors e^x of the nA log prices `logs` into `factors` (assembly/price-factors.ts), for its tests; overwrites the path's first row. */
  priceFactors(logs: Float64Array, factors: Float64Array): void {
    this.path.set(logs);
    this.factorsFunction(this.path.byteOffset, this.hostTrialFactor.byteOffset);
    factors.set(this.hostTrialFactor);
  }

  /** The kernel's slope pass alone, for its tests: the slope outputs of `health` with `withSlope` at `factor` (on this memory). */
  slopeBounds(pool: number, factor: Float64Array): void {
    this.slopeFunction(pool, factor.byteOffset);
  }

  /** The kernel's deferred anchor kinks of `pool` (assembly/anchor-kinks.ts) computed now at its `anchorLog` into `secondBound.kink`, `.kinkSigma`, for its tests. */
  anchorKinks(pool: number, growth: number): void {
    this.kinksFunction(pool, growth);
  }

  /**
   * Gradient pool `pool` from step k0 (see the file header): the first step with a trigger, which
   * the kernel leaves in `triggerLog` and `hostTriggerFactor` for TypeScript to execute, or
   * nSteps. `radius`: the lazy box half-width δ; `growth`: e^δ; `word0`, `word1`: the path's
   * random words (thresholds).
   */
  run(pool: number, k0: number, bridge: boolean, radius: number, growth: number, word0: number, word1: number): number {
    return this.scanFunction(pool, k0, bridge ? 1 : 0, CROSSING_EXPONENT_CUTOFF, radius, growth, word0, word1);
  }

  /** The kernel's threshold draw alone, for its tests: as `thresholdLow` when NaN (stored and returned), else the one drawn. */
  threshold(pool: number, word0: number, word1: number): number {
    return this.thresholdFunction(pool, word0, word1);
  }

  /**
   * The kernel's trigger search alone, for its tests: on the segment x0 (healthy) → x1
   * (`segmentTrigger`, its first anchor from the health values `segmentEnds`) when `bridge` is
   * null, else for a bridge crossing between healthy ends (`bridgeTrigger`, with `radius` and
   * `growth` the lazy box's δ and e^δ). Overwrites the path's first two rows. The trigger is left
   * in `triggerLog` and `hostTriggerFactor`; returns false when a bridge trigger found no zero along its ray.
   */
  findTrigger(pool: number, x0: Float64Array, x1: Float64Array, bridge: { h0: number; h1: number; gradient: Float64Array; varianceScale: number } | null, radius: number, growth: number, segmentEnds = [NaN, NaN]): boolean {
    const nA = x0.length;
    this.path.set(x0);
    this.path.set(x1, nA);
    if (bridge !== null) this.mid.set(bridge.gradient);
    return this.triggerFunction(pool, bridge === null ? 0 : 1, bridge?.h0 ?? segmentEnds[0]!, bridge?.h1 ?? segmentEnds[1]!, bridge?.varianceScale ?? 0, radius, growth) === 1;
  }

  /** Whether the trigger of the step `run` stopped at is a bridge crossing with no zero found along its ray (`bridgeTrigger` false). */
  triggerUnresolved(): boolean {
    return this.result[4] === 1;
  }

  /** Add the kernel's counts to the path kernel's counters (0: position-steps evaluated, 4: pool-steps skipped) and reset them. */
  takeCounts(counters: Float64Array): void {
    counters[0]! += this.result[0]!;
    counters[4]! += this.result[1]!;
    this.result[0] = 0;
    this.result[1] = 0;
  }
}

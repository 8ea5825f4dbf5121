// The per-step loops of `stepsByAsset` (path-kernel.ts) as WebAssembly kernels: every asset's
// cumulative log returns (`cumulatePath`), and the scan of the assets' steps, one asset after the
// other, for those their barrier pools must check with `barrierStep` at those steps (`barrierScan`).
// (The gradient pools' loop, lazy test included, is the gradient kernel's: gradient-scan.ts, on
// this same memory, from `extraBytes` at `addresses.extraAt`.) They touch every step of every asset of every
// path, so they run on a WebAssembly memory that holds the kernel context's path buffers and the
// barrier pools' state (`logReturns`, `stepVarianceScale`, `cumulativePath`, the anchors, the
// barriers, survival factors and thresholds, the assets' bands: plain typed-array views on it), where an access is
// one machine instruction instead of a typed-array access with its checks. Liquidations, and
// thresholds after an event, stay in TypeScript. The barrier scan's survival factors are
// approximate, their error bounded, unless asked for exact ones (see `barrierScan`). This file holds the memory and the calls; the
// kernels are AssemblyScript (assembly/path-scan.ts, the scans, and assembly/barrier-steps.ts),
// each with its readable form in its comment, and their results are the same bits as that form's.

import { compileWasmBase64, createWasmMemory, instantiateWasm, type CompiledWasm, type WasmMemory } from '../scenarios/wasm-runtime.js';
import { pathScanWasm } from './path-scan-binary.js';
import {
  BUFFERS_AT,
  H_ALIVE,
  H_ASSET_DRAWS,
  H_BAND,
  H_EVENTS,
  H_HIGH,
  H_LIST,
  H_LOW,
  H_PATH,
  H_POOL_END,
  H_POOL_START,
  H_SCALES,
  H_SURVIVAL_HIGH,
  H_SURVIVAL_LOW,
  H_THRESHOLD_HIGH,
  H_THRESHOLD_LOW,
  H_VARIANCE,
  HEADER_BYTES,
  RESULT_ASSET_AT,
  RESULT_AT,
  SURVIVAL_ERROR_PER_STEP,
} from './path-scan-memory.js';

let scanModule: CompiledWasm | null = null;

function compiledScan(): CompiledWasm {
  scanModule ??= compileWasmBase64(pathScanWasm);
  return scanModule;
}

type BarrierScan = (a0: number, nA: number, nSteps: number, k0: number, p0: number, resume: number, bridge: number, word0: number, word1: number, exact: number, survivalError: number, maxScale: number) => number;
type CumulatePath = (path: number, nA: number, nSteps: number, returns: number, columns: number, assetColumns: number, identity: number, scales: number) => number;
type ProbeScan = (path: number, nA: number, assetA: number, assetB: number, k0: number, nSteps: number, xA: number, xB: number, hE: number, slack: number, gA: number, qA: number, upA: number, downA: number, gB: number, qB: number, upB: number, downB: number, tolerance: number) => number;

/**
 * A kernel context's path buffers on one WebAssembly memory, and the kernels that run on them.
 * The views are ordinary typed arrays for every other reader and writer.
 */
export class PathScan {
  readonly logReturns: Float64Array;
  readonly stepVarianceScale: Float64Array;
  /** (nSteps + 1) × nA. */
  readonly cumulativePath: Float64Array;
  /** pools × nA each. */
  readonly anchorLog: Float64Array;
  readonly anchorSlope: Float64Array;
  /** Per pool, as in the kernel state. */
  readonly poolAlive: Uint8Array;
  readonly poolBarrierLow: Float64Array;
  readonly poolBarrierHigh: Float64Array;
  readonly poolSurvivalLow: Float64Array;
  readonly poolSurvivalHigh: Float64Array;
  readonly poolThresholdLow: Float64Array;
  readonly poolThresholdHigh: Float64Array;
  readonly poolEvents: Int32Array;
  /**
   * The barrier pool list `barrierScan` walks (H_LIST), per asset the kernel context's
   * `barrierPools` range; the path kernel keeps each range's live pools first, in their order
   * (path-kernel.ts), and the reset of `poolBlock` restores the whole list every path.
   */
  readonly poolList: Int32Array;
  /**
   * The bytes of every per-pool array above (and the constant pool list between them), one
   * contiguous block, so the path kernel resets them all in one copy (path-kernel.ts).
   */
  readonly poolBlock: Uint8Array;
  /**
   * Per asset a, the end of its live pools in `poolList` on this path (from the list's range
   * `barrierPoolStart[a]`): `barrierScan` sets it when it starts the asset, the path kernel lowers
   * it when it takes out a pool liquidated on the path.
   */
  readonly poolListEnd: Int32Array;
  /**
   * Per asset, the barrier pools' nearest live thresholds and safe bands (the kernel state's
   * `assetNearestLow`, `assetNearestHigh`, `assetSafeLow`, `assetSafeHigh` are these views):
   * `barrierScan` reads them, and moves an asset's after an event.
   */
  readonly assetNearestLow: Float64Array;
  readonly assetNearestHigh: Float64Array;
  readonly assetSafeLow: Float64Array;
  readonly assetSafeHigh: Float64Array;
  /** Where `barrierScan` stopped: [k, p, pool-steps counted, sides], [pLow, pHigh], and [asset]. */
  readonly barrierResult: Int32Array;
  readonly barrierProbabilities: Float64Array;
  readonly barrierAsset: Int32Array;
  private readonly at: { returns: number; scales: number; path: number; anchorLog: number; anchorSlope: number; assetColumns: number; poolStart: number; poolEnd: number; variance: number; band: number; draws: number };
  private readonly kernels: { cumulatePath: CumulatePath; barrierScan: BarrierScan; probeScan: ProbeScan; approximateExp: (y: number) => number; exactExp: (x: number) => number };
  /**
   * The error bound per step of `barrierScan`'s approximate survival factors
   * (SURVIVAL_ERROR_PER_STEP); tests raise it to make steps undecided.
   */
  survivalErrorPerStep = SURVIVAL_ERROR_PER_STEP;
  /** 1 when asset a's log returns are column a (cumulatePath's SIMD form), else 0. */
  private readonly identityColumns: number;
  private readonly memory: WasmMemory;

  /** Byte addresses other kernels on this memory read (gradient-scan.ts), and `extraBytes` reserved for them at `extraAt`. */
  readonly addresses: { readonly path: number; readonly scales: number; readonly anchorLog: number; readonly anchorSlope: number; readonly survivalLow: number; readonly thresholdLow: number; readonly events: number; readonly alive: number; readonly extraAt: number };
  /** The WebAssembly memory itself, for the other kernels on it. */
  readonly wasmMemory: WasmMemory;

  /**
   * `barrierPools`: the kernel context's barrier pool list (barrierScan walks ranges of it), asset
   * a's pools at [barrierPoolStart[a], barrierPoolStart[a + 1]) (by default all on asset 0);
   * `assetVariance`: each asset's log-return variance over a step of scale 1 (by default 1);
   * `extraBytes`: room for another kernel's buffers (gradient-scan.ts), 8-aligned at `addresses.extraAt`.
   */
  constructor(
    private readonly nSteps: number,
    private readonly columns: number,
    private readonly nA: number,
    nPools: number,
    barrierPools: Int32Array,
    extraBytes = 0,
    assetColumns: Int32Array = Int32Array.from({ length: nA }, (_, a) => a),
    barrierPoolStart: Int32Array = Int32Array.from({ length: nA + 1 }, (_, a) => (a === 0 ? 0 : barrierPools.length)),
    assetVariance: Float64Array = new Float64Array(nA).fill(1),
  ) {
    let next = BUFFERS_AT;
    // Every block starts 8-aligned (f64 views need it).
    const take = (bytes: number): number => {
      const start = next;
      next += Math.ceil(bytes / 8) * 8;
      return start;
    };
    const cells = nSteps * columns;
    this.at = {
      returns: take(8 * cells),
      scales: take(8 * nSteps),
      path: take(8 * (nSteps + 1) * nA),
      anchorLog: take(8 * nPools * nA),
      anchorSlope: take(8 * nPools * nA),
      assetColumns: take(4 * nA),
      poolStart: take(4 * (nA + 1)),
      poolEnd: take(4 * nA),
      variance: take(8 * nA),
      band: take(8 * 4 * nA),
      draws: take(8 * 2 * (nA + (nA % 2))),
    };
    // One contiguous block from `low` to the end of `alive` (poolBlock).
    const pools = {
      low: take(8 * nPools),
      high: take(8 * nPools),
      survivalLow: take(8 * nPools),
      survivalHigh: take(8 * nPools),
      thresholdLow: take(8 * nPools),
      thresholdHigh: take(8 * nPools),
      list: take(4 * barrierPools.length),
      events: take(4 * nPools),
      alive: take(nPools),
    };
    const extraAt = take(extraBytes);
    this.memory = createWasmMemory(next);
    this.wasmMemory = this.memory;
    this.addresses = {
      path: this.at.path,
      scales: this.at.scales,
      anchorLog: this.at.anchorLog,
      anchorSlope: this.at.anchorSlope,
      survivalLow: pools.survivalLow,
      thresholdLow: pools.thresholdLow,
      events: pools.events,
      alive: pools.alive,
      extraAt,
    };
    const buffer = this.memory.f64.buffer;
    this.logReturns = new Float64Array(buffer, this.at.returns, cells);
    this.stepVarianceScale = new Float64Array(buffer, this.at.scales, nSteps);
    this.cumulativePath = new Float64Array(buffer, this.at.path, (nSteps + 1) * nA);
    this.anchorLog = new Float64Array(buffer, this.at.anchorLog, nPools * nA);
    this.anchorSlope = new Float64Array(buffer, this.at.anchorSlope, nPools * nA);
    this.poolBarrierLow = new Float64Array(buffer, pools.low, nPools);
    this.poolBarrierHigh = new Float64Array(buffer, pools.high, nPools);
    this.poolSurvivalLow = new Float64Array(buffer, pools.survivalLow, nPools);
    this.poolSurvivalHigh = new Float64Array(buffer, pools.survivalHigh, nPools);
    this.poolThresholdLow = new Float64Array(buffer, pools.thresholdLow, nPools);
    this.poolThresholdHigh = new Float64Array(buffer, pools.thresholdHigh, nPools);
    this.poolList = new Int32Array(buffer, pools.list, barrierPools.length);
    this.poolList.set(barrierPools);
    new Int32Array(buffer, this.at.assetColumns, nA).set(assetColumns);
    this.identityColumns = columns === nA && assetColumns.every((column, a) => column === a) ? 1 : 0;
    this.poolAlive = new Uint8Array(buffer, pools.alive, nPools);
    this.poolEvents = new Int32Array(buffer, pools.events, nPools);
    this.poolBlock = new Uint8Array(buffer, pools.low, pools.alive + nPools - pools.low);
    new Int32Array(buffer, this.at.poolStart, nA + 1).set(barrierPoolStart);
    this.poolListEnd = new Int32Array(buffer, this.at.poolEnd, nA);
    new Float64Array(buffer, this.at.variance, nA).set(assetVariance);
    this.assetNearestLow = new Float64Array(buffer, this.at.band, nA);
    this.assetNearestHigh = new Float64Array(buffer, this.at.band + 8 * nA, nA);
    this.assetSafeLow = new Float64Array(buffer, this.at.band + 16 * nA, nA);
    this.assetSafeHigh = new Float64Array(buffer, this.at.band + 24 * nA, nA);
    this.barrierResult = new Int32Array(buffer, RESULT_AT, 4);
    this.barrierProbabilities = new Float64Array(buffer, RESULT_AT + 16, 2);
    this.barrierAsset = new Int32Array(buffer, RESULT_ASSET_AT, 1);
    const header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    const addresses: [number, number][] = [
      [H_PATH, this.at.path],
      [H_SCALES, this.at.scales],
      [H_LIST, pools.list],
      [H_ALIVE, pools.alive],
      [H_LOW, pools.low],
      [H_HIGH, pools.high],
      [H_SURVIVAL_LOW, pools.survivalLow],
      [H_SURVIVAL_HIGH, pools.survivalHigh],
      [H_THRESHOLD_LOW, pools.thresholdLow],
      [H_THRESHOLD_HIGH, pools.thresholdHigh],
      [H_EVENTS, pools.events],
      [H_POOL_START, this.at.poolStart],
      [H_POOL_END, this.at.poolEnd],
      [H_VARIANCE, this.at.variance],
      [H_BAND, this.at.band],
      [H_ASSET_DRAWS, this.at.draws],
    ];
    for (const [offset, address] of addresses) header[offset / 4] = address;
    const exports = instantiateWasm(compiledScan(), this.memory);
    this.kernels = {
      cumulatePath: exports['cumulatePath'] as CumulatePath,
      barrierScan: exports['barrierScan'] as BarrierScan,
      probeScan: exports['probeScan'] as ProbeScan,
      approximateExp: exports['approximateExp'] as (y: number) => number,
      exactExp: exports['exactExp'] as (x: number) => number,
    };
  }

  /**
   * Every asset's cumulative log returns into `cumulativePath` (row 0 = 0), from `logReturns`;
   * returns the path's largest step variance scale (0 if none is larger).
   */
  cumulatePath(nA: number): number {
    return this.kernels.cumulatePath(this.at.path, nA, this.nSteps, this.at.returns, this.columns, this.at.assetColumns, this.identityColumns, this.at.scales);
  }

  /**
   * The barrier pools of assets a0 … nA − 1, asset after asset: `barrierStep` at every step the
   * band scan flags, with each asset's safe band and nearest thresholds (`assetSafeLow` …), until
   * a pool needs TypeScript (see `barrierScan` in assembly/barrier-steps.ts: asset a0 from step
   * k0 as `resume` says, 0 a fresh start, BARRIER_RESUME at step k0 from pool index p0, or
   * BARRIER_AFTER_EVENT, which then moves the asset's band itself, its safe margin from the path's
   * largest step variance scale `maxScale` (`safeMargin` of barrier-pools.ts); the later assets
   * from their start); returns BARRIER_DONE, BARRIER_NEEDS_THRESHOLD, BARRIER_HIT or (approximate
   * survival factors, `exact` false) BARRIER_UNDECIDED, with the details in `barrierAsset`,
   * `barrierResult` and `barrierProbabilities`.
   */
  barrierScan(a0: number, k0: number, p0: number, resume: number, bridge: boolean, word0: number, word1: number, exact: boolean, maxScale: number): number {
    return this.kernels.barrierScan(a0, this.nA, this.nSteps, k0, p0, resume, bridge ? 1 : 0, word0, word1, exact ? 1 : 0, this.survivalErrorPerStep, maxScale);
  }

  /**
   * The two-factor probe's lazy test on the path in `cumulativePath` (`cumulatePath` ran), assets
   * `assetA` and `assetB`, from step k0, with the bound's `anchor` ([xA, xB, hE, slack, gA, qA,
   * upA, downA, gB, qB, upB, downB], two-factor-probe.ts): the first step it does not decide, or
   * nSteps (assembly/probe-scan.ts).
   */
  probeScan(nA: number, assetA: number, assetB: number, k0: number, anchor: Float64Array, tolerance: number): number {
    return this.kernels.probeScan(this.at.path, nA, assetA, assetB, k0, this.nSteps, anchor[0]!, anchor[1]!, anchor[2]!, anchor[3]!, anchor[4]!, anchor[5]!, anchor[6]!, anchor[7]!, anchor[8]!, anchor[9]!, anchor[10]!, anchor[11]!, tolerance);
  }

  /** The exp of the approximate survival factors (AssemblyScript's `Math.exp`), for tests. */
  approximateExp(y: number): number {
    return this.kernels.approximateExp(y);
  }

  /** The kernels' own copy of the host's exp (assembly host-exp.ts, inlined where they need e^x), for tests. */
  exactExp(x: number): number {
    return this.kernels.exactExp(x);
  }
}

// The per-step loops of `stepsByAsset` (path-kernel.ts) as WebAssembly kernels: summing a path's
// log returns into cumulative log returns, the lazy test of a gradient pool, and the scan of one
// asset's steps for those its barrier pools must check. They touch every step of every
// asset of every path, so they run on a WebAssembly memory that holds the path buffers of a kernel
// context (`logReturns`, `stepVarianceScale`, `cumulativePath`, the pools' anchors,
// all plain Float64Array views on it), where an access is one machine instruction. Everything
// that happens at a step they flag stays in TypeScript. Each kernel's readable form is in its
// comment, and the results are the same bits as that form.

import { CROSSING_EXPONENT_CUTOFF } from './barrier-pools.js';
import { assembleModule, compileWasm, createWasmMemory, F64, FunctionBody, I32, instantiateWasm, Op, type CompiledWasm, type WasmMemory } from '../scenarios/random/wasm-assembler.js';

/**
 * `cumulate(returns, columns, assetColumn, nA, nSteps, path)`, byte addresses:
 * ```
 * path[a] = 0;  path[(k + 1) nA + a] = path[k nA + a] + returns[k columns + assetColumn[a]]
 * ```
 * step by step, so the assets' sums are independent and overlap in the processor.
 */
function cumulateFunction(): FunctionBody {
  const f = new FunctionBody(6);
  const [returns, columns, assetColumn, nA, nSteps, path] = [0, 1, 2, 3, 4, 5];
  const k = f.local(I32);
  const a = f.local(I32);
  const row = f.local(I32);
  const source = f.local(I32);
  const nA8 = f.local(I32);
  const columns8 = f.local(I32);
  const cell = f.local(I32);
  f.get(nA).i32(3).op(Op.i32Shl).set(nA8);
  f.get(columns).i32(3).op(Op.i32Shl).set(columns8);
  // path[a] = 0
  f.begin(Op.block).begin(Op.loop);
  f.get(a).get(nA).op(Op.i32GeU).branch(Op.brIf, 1);
  f.get(path).get(a).i32(3).op(Op.i32Shl).op(Op.i32Add).f64(0).memory(Op.f64Store);
  f.get(a).i32(1).op(Op.i32Add).set(a).branch(Op.br, 0);
  f.op(Op.end).op(Op.end);
  f.get(path).set(row);
  f.get(returns).set(source);
  f.begin(Op.block).begin(Op.loop);
  f.get(k).get(nSteps).op(Op.i32GeU).branch(Op.brIf, 1);
  f.i32(0).set(a);
  f.begin(Op.block).begin(Op.loop);
  f.get(a).get(nA).op(Op.i32GeU).branch(Op.brIf, 1);
  f.get(row).get(a).i32(3).op(Op.i32Shl).op(Op.i32Add).set(cell);
  // path[row + nA + a] = path[row + a] + returns[source + assetColumn[a]]
  f.get(cell).get(nA8).op(Op.i32Add);
  f.get(cell).memory(Op.f64Load);
  f.get(source).get(assetColumn).get(a).i32(2).op(Op.i32Shl).op(Op.i32Add).memory(Op.i32Load).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load);
  f.op(Op.f64Add).memory(Op.f64Store);
  f.get(a).i32(1).op(Op.i32Add).set(a).branch(Op.br, 0);
  f.op(Op.end).op(Op.end);
  f.get(row).get(nA8).op(Op.i32Add).set(row);
  f.get(source).get(columns8).op(Op.i32Add).set(source);
  f.get(k).i32(1).op(Op.i32Add).set(k).branch(Op.br, 0);
  f.op(Op.end).op(Op.end);
  return f;
}

/**
 * `scanLazy(path, nA, k0, nSteps, anchorLog, anchorSlope, start, radius, lower0, cutoff, sigma,
 * scales, bridge, out) -> k`, byte addresses (anchorLog, anchorSlope: the pool's rows of nA): the
 * lazy test of a gradient pool (path-kernel.ts) step after step from k0, returning the first step
 * it cannot skip (nSteps if none); the lower bound at the end of the last step skipped goes to
 * out. Per step k, with lower0 the bound at its start (the previous step's lower1):
 * ```
 * lower1 = start;  for a: d = |path[(k + 1) nA + a] − anchorLog[a]|;
 *                         if d > radius: stop at k;  lower1 −= anchorSlope[a] d
 * skip when lower1 > 0 && (!bridge || lower0 > 0 && 2 lower0 lower1 >= cutoff σ σ scales[k])
 * ```
 */
function scanLazyFunction(): FunctionBody {
  const f = new FunctionBody(14);
  const [path, nA, k0, nSteps, anchorLog, anchorSlope, start, radius, lower0, cutoff, sigma, scales, bridge, out] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  const k = f.local(I32);
  const a = f.local(I32);
  const nA8 = f.local(I32);
  const cell = f.local(I32);
  const lower1 = f.local(F64);
  const d = f.local(F64);
  f.get(nA).i32(3).op(Op.i32Shl).set(nA8);
  f.get(k0).set(k);
  f.begin(Op.block).begin(Op.loop); // steps
  f.get(k).get(nSteps).op(Op.i32GeS).branch(Op.brIf, 1);
  f.get(start).set(lower1);
  f.i32(0).set(a);
  f.get(path).get(k).i32(1).op(Op.i32Add).get(nA8).op(Op.i32Mul).op(Op.i32Add).set(cell);
  f.begin(Op.loop); // assets
  f.get(cell).get(a).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load);
  f.get(anchorLog).get(a).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load);
  f.op(Op.f64Sub).op(Op.f64Abs).tee(d).get(radius).op(Op.f64Gt).branch(Op.brIf, 2);
  f.get(lower1).get(anchorSlope).get(a).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load).get(d).op(Op.f64Mul).op(Op.f64Sub).set(lower1);
  f.get(a).i32(1).op(Op.i32Add).tee(a).get(nA).op(Op.i32LtU).branch(Op.brIf, 0);
  f.op(Op.end);
  // Not skipped unless lower1 > 0 and the exponent bound clears the cutoff.
  f.get(lower1).f64(0).op(Op.f64Gt).op(Op.i32Eqz).branch(Op.brIf, 1);
  f.get(bridge).begin(Op.if);
  f.get(lower0).f64(0).op(Op.f64Gt).op(Op.i32Eqz).branch(Op.brIf, 2);
  f.f64(2).get(lower0).op(Op.f64Mul).get(lower1).op(Op.f64Mul);
  f.get(cutoff).get(sigma).op(Op.f64Mul).get(sigma).op(Op.f64Mul).get(scales).get(k).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load).op(Op.f64Mul);
  f.op(Op.f64Ge).op(Op.i32Eqz).branch(Op.brIf, 2);
  f.op(Op.end);
  f.get(out).get(lower1).memory(Op.f64Store);
  f.get(lower1).set(lower0);
  f.get(k).i32(1).op(Op.i32Add).set(k).branch(Op.br, 0);
  f.op(Op.end).op(Op.end);
  f.get(k);
  return f;
}

/**
 * `scanBarrier(path, nA, a, k0, nSteps, low, high, nearLow, nearHigh, variance, scales, bridge,
 * flags) -> count`, byte addresses: the steps k0 … nSteps − 1 of asset a that its barrier pools
 * must check, written to flags[0 … count). A step is flagged when one of its ends is outside the
 * safe band (low, high) and `barrierAssetNeedsCheck` would say yes (no bars):
 * ```
 * x1 <= nearLow || x1 >= nearHigh || bridge && (
 *   nearLow > −∞ && 2 (x0 − nearLow)(x1 − nearLow) < CUTOFF × (variance × scales[k]) ||
 *   nearHigh < ∞ && 2 (nearHigh − x0)(nearHigh − x1) < CUTOFF × (variance × scales[k]))
 * ```
 * with x0, x1 the cumulative log returns at the step's ends.
 */
function scanBarrierFunction(): FunctionBody {
  const f = new FunctionBody(13);
  const [path, nA, a, k0, nSteps, low, high, nearLow, nearHigh, variance, scales, bridge, flags] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const k = f.local(I32);
  const count = f.local(I32);
  const nA8 = f.local(I32);
  const cell = f.local(I32);
  const x0 = f.local(F64);
  const x1 = f.local(F64);
  const limit = f.local(F64);
  const inside0 = f.local(I32);
  const inside1 = f.local(I32);
  f.get(nA).i32(3).op(Op.i32Shl).set(nA8);
  f.get(path).get(k0).get(nA).op(Op.i32Mul).get(a).op(Op.i32Add).i32(3).op(Op.i32Shl).op(Op.i32Add).set(cell);
  f.get(cell).memory(Op.f64Load).set(x0);
  f.get(x0).get(low).op(Op.f64Gt).get(x0).get(high).op(Op.f64Lt).op(Op.i32And).set(inside0);
  f.get(k0).set(k);
  f.begin(Op.block).begin(Op.loop);
  f.get(k).get(nSteps).op(Op.i32GeS).branch(Op.brIf, 1);
  f.get(cell).get(nA8).op(Op.i32Add).tee(cell).memory(Op.f64Load).set(x1);
  // Outside the band at either end? (inside0: x0 inside, carried from the step before)
  f.get(x1).get(low).op(Op.f64Gt).get(x1).get(high).op(Op.f64Lt).op(Op.i32And).tee(inside1);
  f.get(inside0).op(Op.i32And).op(Op.i32Eqz).begin(Op.if);
  // limit = CUTOFF × (variance × scales[k])
  f.f64(CROSSING_EXPONENT_CUTOFF).get(variance).get(scales).get(k).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load).op(Op.f64Mul).op(Op.f64Mul).set(limit);
  f.get(x1).get(nearLow).op(Op.f64Le).get(x1).get(nearHigh).op(Op.f64Ge).op(Op.i32Or);
  f.get(nearLow).f64(-Infinity).op(Op.f64Gt);
  f.f64(2).get(x0).get(nearLow).op(Op.f64Sub).op(Op.f64Mul).get(x1).get(nearLow).op(Op.f64Sub).op(Op.f64Mul).get(limit).op(Op.f64Lt).op(Op.i32And);
  f.get(nearHigh).f64(Infinity).op(Op.f64Lt);
  f.f64(2).get(nearHigh).get(x0).op(Op.f64Sub).op(Op.f64Mul).get(nearHigh).get(x1).op(Op.f64Sub).op(Op.f64Mul).get(limit).op(Op.f64Lt).op(Op.i32And);
  f.op(Op.i32Or).get(bridge).op(Op.i32And).op(Op.i32Or);
  f.begin(Op.if);
  f.get(flags).get(count).i32(2).op(Op.i32Shl).op(Op.i32Add).get(k).memory(Op.i32Store);
  f.get(count).i32(1).op(Op.i32Add).set(count);
  f.op(Op.end);
  f.op(Op.end);
  f.get(x1).set(x0);
  f.get(inside1).set(inside0);
  f.get(k).i32(1).op(Op.i32Add).set(k).branch(Op.br, 0);
  f.op(Op.end).op(Op.end);
  f.get(count);
  return f;
}

let scanModule: CompiledWasm | null = null;

function compiledScan(): CompiledWasm {
  scanModule ??= compileWasm(
    assembleModule(
      [
        { exportName: 'cumulate', params: [I32, I32, I32, I32, I32, I32], results: [], body: cumulateFunction() },
        { exportName: 'scanLazy', params: [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, I32, I32, I32], results: [I32], body: scanLazyFunction() },
        { exportName: 'scanBarrier', params: [I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, I32, I32, I32], results: [I32], body: scanBarrierFunction() },
      ],
      1,
    ),
  );
  return scanModule;
}

type Cumulate = (returns: number, columns: number, assetColumn: number, nA: number, nSteps: number, path: number) => void;
type ScanLazy = (
  path: number,
  nA: number,
  k0: number,
  nSteps: number,
  anchorLog: number,
  anchorSlope: number,
  start: number,
  radius: number,
  lower0: number,
  cutoff: number,
  sigma: number,
  scales: number,
  bridge: number,
  out: number,
) => number;
type ScanBarrier = (
  path: number,
  nA: number,
  a: number,
  k0: number,
  nSteps: number,
  low: number,
  high: number,
  nearLow: number,
  nearHigh: number,
  variance: number,
  scales: number,
  bridge: number,
  flags: number,
) => number;

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
  /** Steps flagged by `scanBarrier`. */
  readonly flags: Int32Array;
  /** [lower bound at the end of the last step `scanLazy` skipped]. */
  readonly lastLower: Float64Array;
  private readonly at: { returns: number; scales: number; path: number; anchorLog: number; anchorSlope: number; lastLower: number; assetColumn: number; flags: number };
  private readonly kernels: { cumulate: Cumulate; scanLazy: ScanLazy; scanBarrier: ScanBarrier };
  private readonly memory: WasmMemory;

  constructor(
    private readonly nSteps: number,
    private readonly columns: number,
    assetColumn: Int32Array,
    nPools: number,
  ) {
    const nA = assetColumn.length;
    let next = 0;
    const take = (bytes: number): number => {
      const start = next;
      next += bytes;
      return start;
    };
    const cells = nSteps * columns;
    this.at = {
      returns: take(8 * (cells)),
      scales: take(8 * (nSteps)),
      path: take(8 * ((nSteps + 1) * nA)),
      anchorLog: take(8 * (nPools * nA)),
      anchorSlope: take(8 * (nPools * nA)),
      lastLower: take(8),
      assetColumn: take(4 * nA),
      flags: take(4 * nSteps),
    };
    this.memory = createWasmMemory(next);
    const buffer = this.memory.f64.buffer;
    this.logReturns = new Float64Array(buffer, this.at.returns, cells);
    this.stepVarianceScale = new Float64Array(buffer, this.at.scales, nSteps);
    this.cumulativePath = new Float64Array(buffer, this.at.path, (nSteps + 1) * nA);
    this.anchorLog = new Float64Array(buffer, this.at.anchorLog, nPools * nA);
    this.anchorSlope = new Float64Array(buffer, this.at.anchorSlope, nPools * nA);
    new Int32Array(buffer, this.at.assetColumn, nA).set(assetColumn);
    this.flags = new Int32Array(buffer, this.at.flags, nSteps);
    this.lastLower = new Float64Array(buffer, this.at.lastLower, 1);
    const exports = instantiateWasm(compiledScan(), this.memory);
    this.kernels = { cumulate: exports['cumulate'] as Cumulate, scanLazy: exports['scanLazy'] as ScanLazy, scanBarrier: exports['scanBarrier'] as ScanBarrier };
  }

  /** `cumulativePath` from `logReturns` (see `cumulateFunction`). */
  cumulate(nA: number): void {
    this.kernels.cumulate(this.at.returns, this.columns, this.at.assetColumn, nA, this.nSteps, this.at.path);
  }

  /**
   * The lazy test of gradient pool `pool` from step k0 (see `scanLazyFunction`): the first step
   * it cannot skip, or nSteps; the bound at the end of the last step skipped in `lastLower[0]`.
   */
  scanLazy(nA: number, pool: number, k0: number, start: number, radius: number, lower0: number, sigma: number, bridge: boolean): number {
    const row = 8 * pool * nA;
    return this.kernels.scanLazy(
      this.at.path,
      nA,
      k0,
      this.nSteps,
      this.at.anchorLog + row,
      this.at.anchorSlope + row,
      start,
      radius,
      lower0,
      CROSSING_EXPONENT_CUTOFF,
      sigma,
      this.at.scales,
      bridge ? 1 : 0,
      this.at.lastLower,
    );
  }

  /** Steps k0 … of asset a its barrier pools must check, into `flags[0 … count)`; returns count (see `scanBarrierFunction`). */
  scanBarrier(nA: number, a: number, k0: number, low: number, high: number, nearLow: number, nearHigh: number, variance: number, bridge: boolean): number {
    return this.kernels.scanBarrier(this.at.path, nA, a, k0, this.nSteps, low, high, nearLow, nearHigh, variance, this.at.scales, bridge ? 1 : 0, this.at.flags);
  }
}

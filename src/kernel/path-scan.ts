// The per-step loops of `stepsByAsset` (path-kernel.ts) as WebAssembly kernels: each asset's
// cumulative log returns, summed together with the scan of its steps for those its barrier pools
// must check (`cumulateScan`, `scanBarrier`); `barrierStep` at those steps (`barrierSteps`); and
// the lazy test of a gradient pool (`scanLazy`). They touch every step of every asset of every
// path, so they run on a WebAssembly memory that holds the kernel context's path buffers and the
// barrier pools' state (`logReturns`, `stepVarianceScale`, `cumulativePath`, the anchors, the
// barriers, survival factors and thresholds: plain typed-array views on it), where an access is
// one machine instruction instead of a typed-array access with its checks. Liquidations, and
// thresholds after an event, stay in TypeScript. Each kernel's readable form is in its comment,
// and its results are the same bits as that form's.

import { CROSSING_EXPONENT_CUTOFF } from './barrier-pools.js';
import { KEY_ASSET_LOWER, KEY_ASSET_UPPER } from './keyed-uniform.js';
import { assembleModule, compileWasm, createWasmMemory, F64, FunctionBody, I32, instantiateWasm, Op, type CompiledWasm, type WasmMemory } from '../scenarios/random/wasm-assembler.js';

/**
 * `scanLazy(path, nA, k0, nSteps, anchorLog, anchorSlope, start, radius, lower0, cutoff, sigma,
 * scales, bridge, out) -> k`, byte addresses (anchorLog, anchorSlope: the pool's rows of nA): the
 * lazy test of a gradient pool (path-kernel.ts) step after step from k0, returning the first step
 * it cannot skip (nSteps if none); the lower bound at the end of the last step skipped goes to
 * out. Per step k, with lower0 the bound at its start (the previous step's lower1):
 * ```
 * lower1 = start;  for a = 0 … nA − 1: d = |path[(k + 1) nA + a] − anchorLog[a]|;
 *                                      lower1 = d > radius ? −∞ : lower1 − anchorSlope[a] d
 * skip when lower1 > 0 && (!bridge || lower0 > 0 && 2 lower0 lower1 >= cutoff σ σ scales[k])
 * ```
 * (−∞ once an asset is outside the box: never skipped, as when the test stops at that asset.)
 * Two steps at a time, so their sums over the assets, each a chain of dependent subtractions,
 * overlap; the decisions stay in step order.
 */
function scanLazyFunction(): FunctionBody {
  const f = new FunctionBody(14);
  const [path, nA, k0, nSteps, anchorLog, anchorSlope, start, radius, lower0, cutoff, sigma, scales, bridge, out] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  const k = f.local(I32);
  const a8 = f.local(I32);
  const end8 = f.local(I32);
  const cellA = f.local(I32);
  const cellB = f.local(I32);
  const lowerA = f.local(F64);
  const lowerB = f.local(F64);
  const anchor = f.local(F64);
  const slope = f.local(F64);
  const d = f.local(F64);
  const decide = (lower1: number): void => {
    // Not skipped (br 1 out of the steps' block: return k) unless lower1 > 0 and the exponent
    // bound clears the cutoff; skipped: out = lower1, lower0 = lower1, k += 1.
    f.get(lower1).f64(0).op(Op.f64Gt).op(Op.i32Eqz).branch(Op.brIf, 1);
    f.get(bridge).begin(Op.if);
    f.get(lower0).f64(0).op(Op.f64Gt).op(Op.i32Eqz).branch(Op.brIf, 2);
    f.f64(2).get(lower0).op(Op.f64Mul).get(lower1).op(Op.f64Mul);
    f.get(cutoff).get(sigma).op(Op.f64Mul).get(sigma).op(Op.f64Mul).get(scales).get(k).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load).op(Op.f64Mul);
    f.op(Op.f64Ge).op(Op.i32Eqz).branch(Op.brIf, 2);
    f.op(Op.end);
    f.get(out).get(lower1).memory(Op.f64Store);
    f.get(lower1).set(lower0);
    f.get(k).i32(1).op(Op.i32Add).set(k);
  };
  const accumulate = (cell: number, lower1: number): void => {
    f.get(cell).get(a8).op(Op.i32Add).memory(Op.f64Load).get(anchor).op(Op.f64Sub).op(Op.f64Abs).set(d);
    f.f64(-Infinity).get(lower1).get(slope).get(d).op(Op.f64Mul).op(Op.f64Sub).get(d).get(radius).op(Op.f64Gt).op(Op.select).set(lower1);
  };
  f.get(nA).i32(3).op(Op.i32Shl).set(end8);
  f.get(k0).set(k);
  f.begin(Op.block).begin(Op.loop); // steps, two at a time
  f.get(k).get(nSteps).op(Op.i32GeS).branch(Op.brIf, 1);
  f.get(start).tee(lowerA).set(lowerB);
  // cellA: row k + 1; cellB: row k + 2, or row k + 1 again at the last step (then unused).
  f.get(path).get(k).i32(1).op(Op.i32Add).get(end8).op(Op.i32Mul).op(Op.i32Add).tee(cellA);
  f.get(end8).i32(0).get(k).i32(1).op(Op.i32Add).get(nSteps).op(Op.i32LtS).op(Op.select).op(Op.i32Add).set(cellB);
  f.i32(0).set(a8);
  f.begin(Op.loop); // assets
  f.get(anchorLog).get(a8).op(Op.i32Add).memory(Op.f64Load).set(anchor);
  f.get(anchorSlope).get(a8).op(Op.i32Add).memory(Op.f64Load).set(slope);
  accumulate(cellA, lowerA);
  accumulate(cellB, lowerB);
  f.get(a8).i32(8).op(Op.i32Add).tee(a8).get(end8).op(Op.i32LtU).branch(Op.brIf, 0);
  f.op(Op.end);
  decide(lowerA);
  f.get(k).get(nSteps).op(Op.i32GeS).branch(Op.brIf, 1);
  decide(lowerB);
  f.branch(Op.br, 0);
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
 * with x0, x1 the cumulative log returns at the step's ends, path[k nA + a] and path[(k + 1) nA + a].
 *
 * `cumulateScan(…, returns, columns, column)` (k0 = 0) also sums the path of asset a first, in the
 * same loop: path[a] = 0, path[(k + 1) nA + a] = path[k nA + a] + returns[k columns + column].
 */
function scanFunction(cumulate: boolean): FunctionBody {
  const f = new FunctionBody(cumulate ? 16 : 13);
  const [path, nA, a, k0, nSteps, low, high, nearLow, nearHigh, variance, scales, bridge, flags] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const [returns, columns, column] = [13, 14, 15];
  const k = f.local(I32);
  const count = f.local(I32);
  const nA8 = f.local(I32);
  const cell = f.local(I32);
  const source = f.local(I32);
  const columns8 = f.local(I32);
  const x0 = f.local(F64);
  const x1 = f.local(F64);
  const limit = f.local(F64);
  const inside0 = f.local(I32);
  const inside1 = f.local(I32);
  f.get(nA).i32(3).op(Op.i32Shl).set(nA8);
  f.get(path).get(k0).get(nA).op(Op.i32Mul).get(a).op(Op.i32Add).i32(3).op(Op.i32Shl).op(Op.i32Add).set(cell);
  if (cumulate) {
    f.get(cell).f64(0).memory(Op.f64Store);
    f.get(columns).i32(3).op(Op.i32Shl).set(columns8);
    f.get(returns).get(column).i32(3).op(Op.i32Shl).op(Op.i32Add).set(source);
  }
  f.get(cell).memory(Op.f64Load).set(x0);
  f.get(x0).get(low).op(Op.f64Gt).get(x0).get(high).op(Op.f64Lt).op(Op.i32And).set(inside0);
  f.get(k0).set(k);
  const y = [f.local(F64), f.local(F64), f.local(F64), f.local(F64)];
  f.begin(Op.block).begin(Op.loop);
  f.get(k).get(nSteps).op(Op.i32GeS).branch(Op.brIf, 1);
  // Four steps at once while inside the band: when all four ends are inside too, none is
  // flagged and the loop moves on (otherwise the steps are taken one by one below, the path
  // values they store being the same).
  f.get(inside0).get(k).i32(4).op(Op.i32Add).get(nSteps).op(Op.i32LeS).op(Op.i32And).begin(Op.if);
  y.forEach((yi, i) => {
    if (cumulate) {
      f.get(i === 0 ? x0 : y[i - 1]!).get(source);
      for (let m = 0; m < i; m++) f.get(columns8).op(Op.i32Add);
      f.memory(Op.f64Load).op(Op.f64Add).set(yi);
      f.get(cell);
      for (let m = 0; m <= i; m++) f.get(nA8).op(Op.i32Add);
      f.get(yi).memory(Op.f64Store);
    } else {
      f.get(cell);
      for (let m = 0; m <= i; m++) f.get(nA8).op(Op.i32Add);
      f.memory(Op.f64Load).set(yi);
    }
  });
  y.forEach((yi, i) => {
    f.get(yi).get(low).op(Op.f64Gt).get(yi).get(high).op(Op.f64Lt).op(Op.i32And);
    if (i > 0) f.op(Op.i32And);
  });
  f.begin(Op.if);
  f.get(y[3]!).set(x0);
  f.get(cell).get(nA8).i32(2).op(Op.i32Shl).op(Op.i32Add).set(cell);
  if (cumulate) f.get(source).get(columns8).i32(2).op(Op.i32Shl).op(Op.i32Add).set(source);
  f.get(k).i32(4).op(Op.i32Add).set(k).branch(Op.br, 2);
  f.op(Op.end).op(Op.end);
  f.get(cell).get(nA8).op(Op.i32Add).set(cell);
  if (cumulate) {
    f.get(x0).get(source).memory(Op.f64Load).op(Op.f64Add).set(x1);
    f.get(cell).get(x1).memory(Op.f64Store);
    f.get(source).get(columns8).op(Op.i32Add).set(source);
  } else {
    f.get(cell).memory(Op.f64Load).set(x1);
  }
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

// Header of the memory: the byte addresses of the buffers `barrierSteps` reads (i32 each), then
// its result.
const H_PATH = 0;
const H_FLAGS = 4;
const H_SCALES = 8;
const H_LIST = 12;
const H_ALIVE = 16;
const H_LOW = 20;
const H_HIGH = 24;
const H_SURVIVAL_LOW = 28;
const H_SURVIVAL_HIGH = 32;
const H_THRESHOLD_LOW = 36;
const H_THRESHOLD_HIGH = 40;
const H_EVENTS = 44;
/** Result: [f, p, pool-steps counted, sides] (i32), then [pLow, pHigh] (f64). */
const RESULT_AT = 64;
const HEADER_BYTES = 128;

/** 2^26 and 2^-52, as in `Xoshiro128.nextUniform`. */
const TWO_POW_26 = 67108864;
const TWO_POW_MINUS_52 = 2.220446049250313e-16;

/** `barrierSteps` statuses. */
export const BARRIER_DONE = 0;
export const BARRIER_NEEDS_THRESHOLD = 1;
export const BARRIER_HIT = 2;

/**
 * Push `keyedUniform(word0, word1, keyKind | index, 0)` (keyed-uniform.ts): `hashWords128` of the
 * four words (three rounds of `mix32`, the all-zero state replaced), its first two words' top 26
 * bits joined into (k + 0.5) 2^-52. `hash`: four scratch locals; `mixed`: one more.
 */
function emitKeyedUniform(f: FunctionBody, word0: number, word1: number, keyKind: number, index: number, hash: readonly [number, number, number, number], mixed: number): void {
  const [ha, hb, hc, hd] = hash;
  // mix32 of the value on the stack, into `target`.
  const mix = (target: number): void => {
    f.set(mixed);
    f.get(mixed).get(mixed).i32(16).op(Op.i32ShrU).op(Op.i32Xor).i32(0x7feb352d).op(Op.i32Mul).set(mixed);
    f.get(mixed).get(mixed).i32(15).op(Op.i32ShrU).op(Op.i32Xor).i32(0x846ca68b).op(Op.i32Mul).set(mixed);
    f.get(mixed).get(mixed).i32(16).op(Op.i32ShrU).op(Op.i32Xor).set(target);
  };
  f.get(word0).set(ha);
  f.get(word1).set(hb);
  f.i32(keyKind).get(index).op(Op.i32Or).set(hc);
  f.i32(0).set(hd);
  for (let round = 0; round < 3; round++) {
    f.get(ha).i32(0x9e3779b9).op(Op.i32Xor);
    mix(ha);
    f.get(hb).get(ha).op(Op.i32Xor).i32(0x85ebca6b).op(Op.i32Xor);
    mix(hb);
    f.get(hc).get(hb).op(Op.i32Xor).i32(0xc2b2ae35).op(Op.i32Xor);
    mix(hc);
    f.get(hd).get(hc).op(Op.i32Xor).i32(0x27d4eb2f).op(Op.i32Xor);
    mix(hd);
    f.get(ha).get(hd).op(Op.i32Xor).set(ha);
  }
  f.get(ha).get(hb).op(Op.i32Or).get(hc).op(Op.i32Or).get(hd).op(Op.i32Or).op(Op.i32Eqz).begin(Op.if);
  f.i32(0x9e3779b9).set(ha);
  f.op(Op.end);
  f.get(ha).i32(6).op(Op.i32ShrU).op(Op.f64ConvertI32S).f64(TWO_POW_26).op(Op.f64Mul);
  f.get(hb).i32(6).op(Op.i32ShrU).op(Op.f64ConvertI32S).op(Op.f64Add).f64(0.5).op(Op.f64Add).f64(TWO_POW_MINUS_52).op(Op.f64Mul);
}

/**
 * `barrierSteps(a, nA, f0, count, p0, poolStart, poolEnd, variance, bridge) -> status` (imports
 * env.exp = Math.exp): `barrierStep` (barrier-pools.js, no bars) for the steps flags[f0 … count)
 * of asset a and its live pools list[poolStart … poolEnd), from pool p0 at the first step:
 * ```
 * hitLow = x1 <= lo;  hitHigh = x1 >= hi;  pLow = hitLow ? 1 : 0;  pHigh = hitHigh ? 1 : 0
 * bridge, !hitLow, lo > −∞, e2 = 2 (x0 − lo)(x1 − lo) < CUTOFF × (variance × scales[k]):
 *   pLow = exp(−e2 / (variance × scales[k]));  S_low ← S_low (1 − pLow);  hitLow = S_low <= U_low
 * (and the same above hi)
 * ```
 * A threshold U it needs and not drawn yet (NaN) it draws itself when the pool has had no event
 * (the asset's, `keyedUniform(word0, word1, KEY_ASSET_LOWER | a, 0)` or _UPPER, as
 * `thresholdLow` / `thresholdHigh`); otherwise it stops there, before changing the pool:
 * BARRIER_NEEDS_THRESHOLD, the sides in the result (1 low, 2 high). After a pool is hit it stops:
 * BARRIER_HIT, the sides hit and pLow, pHigh in the result; otherwise BARRIER_DONE. The result
 * also holds where it stopped (f, p) and how many pool-steps it completed.
 */
function barrierStepsFunction(): FunctionBody {
  const f = new FunctionBody(11);
  const [a, nA, f0, count, p0, poolStart, poolEnd, variance, bridge, word0, word1] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const EXP = 0;
  const at = {
    path: f.local(I32),
    flags: f.local(I32),
    scales: f.local(I32),
    list: f.local(I32),
    alive: f.local(I32),
    low: f.local(I32),
    high: f.local(I32),
    survivalLow: f.local(I32),
    survivalHigh: f.local(I32),
    thresholdLow: f.local(I32),
    thresholdHigh: f.local(I32),
    events: f.local(I32),
  };
  const step = f.local(I32);
  const p = f.local(I32);
  const k = f.local(I32);
  const i8 = f.local(I32);
  const counted = f.local(I32);
  const needLow = f.local(I32);
  const needHigh = f.local(I32);
  const hitLow = f.local(I32);
  const hitHigh = f.local(I32);
  const missing = f.local(I32);
  const x0 = f.local(F64);
  const x1 = f.local(F64);
  const v = f.local(F64);
  const limit = f.local(F64);
  const lo = f.local(F64);
  const hi = f.local(F64);
  const e2Low = f.local(F64);
  const e2High = f.local(F64);
  const pLow = f.local(F64);
  const pHigh = f.local(F64);
  const headers: [number, number][] = [
    [at.path, H_PATH],
    [at.flags, H_FLAGS],
    [at.scales, H_SCALES],
    [at.list, H_LIST],
    [at.alive, H_ALIVE],
    [at.low, H_LOW],
    [at.high, H_HIGH],
    [at.survivalLow, H_SURVIVAL_LOW],
    [at.survivalHigh, H_SURVIVAL_HIGH],
    [at.thresholdLow, H_THRESHOLD_LOW],
    [at.thresholdHigh, H_THRESHOLD_HIGH],
    [at.events, H_EVENTS],
  ];
  const hash = [f.local(I32), f.local(I32), f.local(I32), f.local(I32)] as const;
  const mixed = f.local(I32);
  for (const [local, offset] of headers) f.i32(0).memory(Op.i32Load, offset).set(local);
  const result = (sides: number, status: number): void => {
    f.i32(0).get(step).memory(Op.i32Store, RESULT_AT);
    f.i32(0).get(p).memory(Op.i32Store, RESULT_AT + 4);
    f.i32(0).get(counted).memory(Op.i32Store, RESULT_AT + 8);
    f.i32(0).get(sides).memory(Op.i32Store, RESULT_AT + 12);
    f.i32(0).get(pLow).memory(Op.f64Store, RESULT_AT + 16);
    f.i32(0).get(pHigh).memory(Op.f64Store, RESULT_AT + 24);
    f.i32(status).op(Op.return);
  };
  const pool = (base: number): void => {
    f.get(base).get(i8).op(Op.i32Add);
  };
  f.get(f0).set(step);
  f.get(p0).set(p);
  f.begin(Op.block).begin(Op.loop); // steps
  f.get(step).get(count).op(Op.i32GeS).branch(Op.brIf, 1);
  f.get(at.flags).get(step).i32(2).op(Op.i32Shl).op(Op.i32Add).memory(Op.i32Load).set(k);
  f.get(at.path).get(k).get(nA).op(Op.i32Mul).get(a).op(Op.i32Add).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load).set(x0);
  f.get(at.path).get(k).i32(1).op(Op.i32Add).get(nA).op(Op.i32Mul).get(a).op(Op.i32Add).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load).set(x1);
  f.get(variance).get(at.scales).get(k).i32(3).op(Op.i32Shl).op(Op.i32Add).memory(Op.f64Load).op(Op.f64Mul).set(v);
  f.f64(CROSSING_EXPONENT_CUTOFF).get(v).op(Op.f64Mul).set(limit);
  f.begin(Op.block).begin(Op.loop); // pools
  f.get(p).get(poolEnd).op(Op.i32GeS).branch(Op.brIf, 1);
  // i8 = 8 × list[p]; live pools only
  f.get(at.list).get(p).i32(2).op(Op.i32Shl).op(Op.i32Add).memory(Op.i32Load).i32(3).op(Op.i32Shl).set(i8);
  f.get(at.alive).get(i8).i32(3).op(Op.i32ShrU).op(Op.i32Add).memory(Op.i32Load8U).begin(Op.if);
  pool(at.low);
  f.memory(Op.f64Load).set(lo);
  pool(at.high);
  f.memory(Op.f64Load).set(hi);
  f.get(x1).get(lo).op(Op.f64Le).tee(hitLow).op(Op.f64ConvertI32S).set(pLow);
  f.get(x1).get(hi).op(Op.f64Ge).tee(hitHigh).op(Op.f64ConvertI32S).set(pHigh);
  f.get(bridge).begin(Op.if);
  f.f64(2).get(x0).get(lo).op(Op.f64Sub).op(Op.f64Mul).get(x1).get(lo).op(Op.f64Sub).op(Op.f64Mul).set(e2Low);
  f.f64(2).get(hi).get(x0).op(Op.f64Sub).op(Op.f64Mul).get(hi).get(x1).op(Op.f64Sub).op(Op.f64Mul).set(e2High);
  f.get(hitLow).op(Op.i32Eqz).get(lo).f64(-Infinity).op(Op.f64Gt).op(Op.i32And).get(e2Low).get(limit).op(Op.f64Lt).op(Op.i32And).set(needLow);
  f.get(hitHigh).op(Op.i32Eqz).get(hi).f64(Infinity).op(Op.f64Lt).op(Op.i32And).get(e2High).get(limit).op(Op.f64Lt).op(Op.i32And).set(needHigh);
  // Nothing more for a pool the bridge cannot reach on either side (the far one of the step).
  f.get(needLow).get(needHigh).op(Op.i32Or).begin(Op.if);
  // A threshold needed but not drawn yet (NaN): before any event it is the asset's, drawn here
  // (`thresholdLow` / `thresholdHigh`); after one, back to JavaScript before changing anything.
  f.get(at.events).get(i8).i32(1).op(Op.i32ShrU).op(Op.i32Add).memory(Op.i32Load).op(Op.i32Eqz).begin(Op.if);
  ([
    [needLow, at.thresholdLow, KEY_ASSET_LOWER],
    [needHigh, at.thresholdHigh, KEY_ASSET_UPPER],
  ] as const).forEach(([need, threshold, keyKind]) => {
    f.get(need);
    pool(threshold);
    f.memory(Op.f64Load);
    pool(threshold);
    f.memory(Op.f64Load).op(Op.f64Ne).op(Op.i32And).begin(Op.if);
    pool(threshold);
    emitKeyedUniform(f, word0, word1, keyKind, a, hash, mixed);
    f.memory(Op.f64Store);
    f.op(Op.end);
  });
  f.op(Op.end);
  f.get(needLow);
  pool(at.thresholdLow);
  f.memory(Op.f64Load);
  pool(at.thresholdLow);
  f.memory(Op.f64Load).op(Op.f64Ne).op(Op.i32And);
  f.get(needHigh);
  pool(at.thresholdHigh);
  f.memory(Op.f64Load);
  pool(at.thresholdHigh);
  f.memory(Op.f64Load).op(Op.f64Ne).op(Op.i32And).i32(1).op(Op.i32Shl).op(Op.i32Or).tee(missing);
  f.begin(Op.if);
  result(missing, BARRIER_NEEDS_THRESHOLD);
  f.op(Op.end);
  f.get(needLow).begin(Op.if);
  f.get(e2Low).op(Op.f64Neg).get(v).op(Op.f64Div).call(EXP).set(pLow);
  pool(at.survivalLow);
  pool(at.survivalLow);
  f.memory(Op.f64Load).f64(1).get(pLow).op(Op.f64Sub).op(Op.f64Mul).memory(Op.f64Store);
  pool(at.survivalLow);
  f.memory(Op.f64Load);
  pool(at.thresholdLow);
  f.memory(Op.f64Load).op(Op.f64Le).set(hitLow);
  f.op(Op.end);
  f.get(needHigh).begin(Op.if);
  f.get(e2High).op(Op.f64Neg).get(v).op(Op.f64Div).call(EXP).set(pHigh);
  pool(at.survivalHigh);
  pool(at.survivalHigh);
  f.memory(Op.f64Load).f64(1).get(pHigh).op(Op.f64Sub).op(Op.f64Mul).memory(Op.f64Store);
  pool(at.survivalHigh);
  f.memory(Op.f64Load);
  pool(at.thresholdHigh);
  f.memory(Op.f64Load).op(Op.f64Le).set(hitHigh);
  f.op(Op.end);
  f.op(Op.end); // needLow | needHigh
  f.op(Op.end); // bridge
  f.get(counted).i32(1).op(Op.i32Add).set(counted);
  f.get(hitLow).get(hitHigh).op(Op.i32Or).begin(Op.if);
  f.get(hitLow).get(hitHigh).i32(1).op(Op.i32Shl).op(Op.i32Or).set(missing);
  result(missing, BARRIER_HIT);
  f.op(Op.end);
  f.op(Op.end); // alive
  f.get(p).i32(1).op(Op.i32Add).set(p).branch(Op.br, 0);
  f.op(Op.end).op(Op.end); // pools
  f.get(step).i32(1).op(Op.i32Add).set(step);
  f.get(poolStart).set(p);
  f.branch(Op.br, 0);
  f.op(Op.end).op(Op.end); // steps
  result(missing, BARRIER_DONE);
  f.i32(BARRIER_DONE);
  return f;
}

const SCAN_PARAMS = [I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, I32, I32, I32] as const;

let scanModule: CompiledWasm | null = null;

function compiledScan(): CompiledWasm {
  scanModule ??= compileWasm(
    assembleModule(
      [
        { exportName: 'scanLazy', params: [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, I32, I32, I32], results: [I32], body: scanLazyFunction() },
        { exportName: 'scanBarrier', params: SCAN_PARAMS, results: [I32], body: scanFunction(false) },
        { exportName: 'cumulateScan', params: [...SCAN_PARAMS, I32, I32, I32], results: [I32], body: scanFunction(true) },
        { exportName: 'barrierSteps', params: [I32, I32, I32, I32, I32, I32, I32, F64, I32, I32, I32], results: [I32], body: barrierStepsFunction() },
      ],
      1,
      [{ name: 'exp', params: [F64], results: [F64] }],
    ),
  );
  return scanModule;
}

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
type BarrierSteps = (a: number, nA: number, f0: number, count: number, p0: number, poolStart: number, poolEnd: number, variance: number, bridge: number, word0: number, word1: number) => number;
type CumulateScan = (...args: [...Parameters<ScanBarrier>, returns: number, columns: number, column: number]) => number;

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
  /** Per pool, as in the kernel state. */
  readonly poolAlive: Uint8Array;
  readonly poolBarrierLow: Float64Array;
  readonly poolBarrierHigh: Float64Array;
  readonly poolSurvivalLow: Float64Array;
  readonly poolSurvivalHigh: Float64Array;
  readonly poolThresholdLow: Float64Array;
  readonly poolThresholdHigh: Float64Array;
  readonly poolEvents: Int32Array;
  /** Where `barrierSteps` stopped: [f, p, pool-steps counted, sides], and [pLow, pHigh]. */
  readonly barrierResult: Int32Array;
  readonly barrierProbabilities: Float64Array;
  private readonly at: { returns: number; scales: number; path: number; anchorLog: number; anchorSlope: number; lastLower: number; flags: number };
  private readonly kernels: { cumulateScan: CumulateScan; scanLazy: ScanLazy; scanBarrier: ScanBarrier; barrierSteps: BarrierSteps };
  private readonly memory: WasmMemory;

  /** `barrierPools`: the kernel context's barrier pool list (barrierSteps walks ranges of it). */
  constructor(
    private readonly nSteps: number,
    private readonly columns: number,
    nA: number,
    nPools: number,
    barrierPools: Int32Array,
  ) {
    let next = HEADER_BYTES;
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
      lastLower: take(8),
      flags: take(4 * nSteps),
    };
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
    this.memory = createWasmMemory(next);
    const buffer = this.memory.f64.buffer;
    this.logReturns = new Float64Array(buffer, this.at.returns, cells);
    this.stepVarianceScale = new Float64Array(buffer, this.at.scales, nSteps);
    this.cumulativePath = new Float64Array(buffer, this.at.path, (nSteps + 1) * nA);
    this.anchorLog = new Float64Array(buffer, this.at.anchorLog, nPools * nA);
    this.anchorSlope = new Float64Array(buffer, this.at.anchorSlope, nPools * nA);
    this.flags = new Int32Array(buffer, this.at.flags, nSteps);
    this.lastLower = new Float64Array(buffer, this.at.lastLower, 1);
    this.poolBarrierLow = new Float64Array(buffer, pools.low, nPools);
    this.poolBarrierHigh = new Float64Array(buffer, pools.high, nPools);
    this.poolSurvivalLow = new Float64Array(buffer, pools.survivalLow, nPools);
    this.poolSurvivalHigh = new Float64Array(buffer, pools.survivalHigh, nPools);
    this.poolThresholdLow = new Float64Array(buffer, pools.thresholdLow, nPools);
    this.poolThresholdHigh = new Float64Array(buffer, pools.thresholdHigh, nPools);
    new Int32Array(buffer, pools.list, barrierPools.length).set(barrierPools);
    this.poolAlive = new Uint8Array(buffer, pools.alive, nPools);
    this.poolEvents = new Int32Array(buffer, pools.events, nPools);
    this.barrierResult = new Int32Array(buffer, RESULT_AT, 4);
    this.barrierProbabilities = new Float64Array(buffer, RESULT_AT + 16, 2);
    const header = new Int32Array(buffer, 0, HEADER_BYTES / 4);
    const addresses: [number, number][] = [
      [H_PATH, this.at.path],
      [H_FLAGS, this.at.flags],
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
    ];
    for (const [offset, address] of addresses) header[offset / 4] = address;
    const exports = instantiateWasm(compiledScan(), this.memory, { exp: Math.exp });
    this.kernels = {
      cumulateScan: exports['cumulateScan'] as CumulateScan,
      scanLazy: exports['scanLazy'] as ScanLazy,
      scanBarrier: exports['scanBarrier'] as ScanBarrier,
      barrierSteps: exports['barrierSteps'] as BarrierSteps,
    };
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

  /**
   * Steps k0 … of asset a its barrier pools must check, into `flags[0 … count)`; returns count
   * (see `scanFunction`). The safe band (low, high) and the nearest thresholds as in the state.
   */
  scanBarrier(nA: number, a: number, k0: number, low: number, high: number, nearLow: number, nearHigh: number, variance: number, bridge: boolean): number {
    return this.kernels.scanBarrier(this.at.path, nA, a, k0, this.nSteps, low, high, nearLow, nearHigh, variance, this.at.scales, bridge ? 1 : 0, this.at.flags);
  }

  /**
   * Sum asset a's log returns (path column `column`) into `cumulativePath`, and `scanBarrier`
   * from step 0 in the same loop; returns the count of flagged steps.
   */
  cumulateScan(nA: number, a: number, column: number, low: number, high: number, nearLow: number, nearHigh: number, variance: number, bridge: boolean): number {
    return this.kernels.cumulateScan(
      this.at.path,
      nA,
      a,
      0,
      this.nSteps,
      low,
      high,
      nearLow,
      nearHigh,
      variance,
      this.at.scales,
      bridge ? 1 : 0,
      this.at.flags,
      this.at.returns,
      this.columns,
      column,
    );
  }

  /**
   * `barrierStep` for the flagged steps flags[f0 … count) of asset a and its barrier pools
   * (barrierPools[poolStart … poolEnd)), from pool index p0 at the first (see
   * `barrierStepsFunction`); returns BARRIER_DONE, BARRIER_NEEDS_THRESHOLD or BARRIER_HIT, with
   * the details in `barrierResult` and `barrierProbabilities`.
   */
  barrierSteps(a: number, nA: number, f0: number, count: number, p0: number, poolStart: number, poolEnd: number, variance: number, bridge: boolean, word0: number, word1: number): number {
    return this.kernels.barrierSteps(a, nA, f0, count, p0, poolStart, poolEnd, variance, bridge ? 1 : 0, word0, word1);
  }
}

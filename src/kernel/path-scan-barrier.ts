// The path scan's per-asset barrier scan as a WebAssembly function (`scanBarrier`, and
// `cumulateScan`, which also sums the asset's cumulative log returns; see path-scan.ts): the steps
// of one asset its barrier pools must check, four steps at a time while the path stays inside
// the safe band.

import { F64, FunctionBody, I32, Op } from '../scenarios/random/wasm-assembler.js';
import { CROSSING_EXPONENT_CUTOFF } from './monitoring-limits.js';

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
export function scanFunction(cumulate: boolean): FunctionBody {
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

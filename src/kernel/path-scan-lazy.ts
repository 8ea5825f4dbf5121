// The path scan's lazy test of a gradient pool as a WebAssembly function (`scanLazy`, see
// path-scan.ts): the steps the lazy bound of path-kernel.ts lets the step loop skip, two at a time.

import { F64, FunctionBody, I32, Op } from '../scenarios/random/wasm-assembler.js';

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
export function scanLazyFunction(): FunctionBody {
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

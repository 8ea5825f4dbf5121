// `keyedUniform` (keyed-uniform.ts) emitted inline into a WebAssembly function, so the path
// scan's `barrierSteps` draws an asset's first thresholds itself, the same bits as the TypeScript.

import { FunctionBody, Op } from '../scenarios/random/wasm-assembler.js';

/** 2^26 and 2^-52, as in `Xoshiro128.nextUniform`. */
const TWO_POW_26 = 67108864;
const TWO_POW_MINUS_52 = 2.220446049250313e-16;

/**
 * Push `keyedUniform(word0, word1, keyKind | index, 0)` (keyed-uniform.ts): `hashWords128` of the
 * four words (three rounds of `mix32`, the all-zero state replaced), its first two words' top 26
 * bits joined into (k + 0.5) 2^-52. `hash`: four scratch locals; `mixed`: one more.
 */
export function emitKeyedUniform(f: FunctionBody, word0: number, word1: number, keyKind: number, index: number, hash: readonly [number, number, number, number], mixed: number): void {
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
